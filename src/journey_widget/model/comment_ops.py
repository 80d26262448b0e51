"""Operations on comments: add, resolve, and the inverses that remove and restore them.

Part of the participation operations (:mod:`.participation_ops` gathers them and documents the
changes they report). Each validates before changing anything and returns its exact inverse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .errors import JourneyError
from .journey import Journey
from .operation import Applied, Change
from .participation import Comment, now

#: The default author and voter of comments and votes made from Python.
PYTHON_USER = "Python"


def check_person(value: Any, what: str) -> str:
    """``value`` stripped, if it is a non-empty string (an author or a voter), else raise."""
    if not isinstance(value, str) or not value.strip():
        raise JourneyError(f"{what} must be a non-empty string, got {value!r}")
    return value.strip()


def check_card(j: Journey, card: Any) -> str:
    """``card`` if it is the id of a card of ``j``, else raise."""
    if not isinstance(card, str) or not j.has_card(card):
        raise JourneyError(f"there is no card with id {card!r}")
    return card


# ---- comments --------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddComment:
    """Comment on ``card``, or reply to the comment ``reply_to`` (on the same card).

    A reply's parent is the thread's first comment (threads are one level deep) and it takes
    the thread's resolved flag. The new comment's id is ``k`` and the next free number.

    Examples
    --------
    >>> import pandas as pd
    >>> j = Journey(pd.DataFrame({"id": ["c1"], "stage": ["A"], "lane": ["L"], "text": ["x"]}))
    >>> applied = AddComment("c1", "Seen twice", "Ana").apply(j)
    >>> j.participation.comments[0].id, applied.inverse
    ('k1', RemoveComment(id='k1'))
    """

    card: str
    text: str
    author: str = PYTHON_USER
    reply_to: str | None = None

    def apply(self, j: Journey) -> Applied:
        """Add the comment to ``j``; the inverse removes it."""
        card = check_card(j, self.card)
        if not isinstance(self.text, str) or not self.text.strip():
            raise JourneyError(
                f"a comment on card {card!r} needs text, got {self.text!r}; expected a "
                "non-empty string"
            )
        author = check_person(self.author, "a comment's author")
        p = j.participation
        parent: str | None = None
        resolved = False
        if self.reply_to is not None:
            target = p.comment(self.reply_to)
            if target.card != card:
                raise JourneyError(
                    f"comment {target.id!r} is on card {target.card!r}, not {card!r}; "
                    "a reply must be on the same card"
                )
            parent = target.parent or target.id
            resolved = p.comment(parent).resolved
        comment = Comment(
            p.next_comment_id(), card, parent, author, now(), self.text.strip(), resolved
        )
        j.participation = p.with_comments([*p.comments, comment])
        return Applied(
            RemoveComment(comment.id),
            [Change("comment", card, comment.id, None, comment.to_dict())],
        )


@dataclass(frozen=True)
class RemoveComment:
    """Remove a comment that has no replies (the inverse of adding it)."""

    id: str

    def apply(self, j: Journey) -> Applied:
        """Remove the comment from ``j``; the inverse puts it back where it was."""
        p = j.participation
        comment = p.comment(self.id)
        replies = [c.id for c in p.comments if c.parent == self.id]
        if replies:
            raise JourneyError(f"comment {self.id!r} has replies {replies}; remove them first")
        index = p.comments.index(comment)
        j.participation = p.with_comments(c for c in p.comments if c.id != self.id)
        return Applied(
            RestoreComment(comment, index),
            [Change("remove_comment", comment.card, comment.id, comment.to_dict(), None)],
        )


@dataclass(frozen=True)
class RestoreComment:
    """Put a removed comment back at position ``index`` (its id and time as they were)."""

    comment: Comment
    index: int

    def apply(self, j: Journey) -> Applied:
        """Put the comment back on ``j``; the inverse removes it again."""
        p = j.participation
        c = self.comment
        if any(x.id == c.id for x in p.comments):
            raise JourneyError(f"a comment with id {c.id!r} already exists")
        if c.parent is not None:
            p.comment(c.parent)
        comments = list(p.comments)
        comments.insert(min(max(self.index, 0), len(comments)), c)
        j.participation = p.with_comments(comments)
        return Applied(RemoveComment(c.id), [Change("comment", c.card, c.id, None, c.to_dict())])


@dataclass(frozen=True)
class SetCommentResolved:
    """Resolve (or with ``False`` reopen) the thread of a comment: its first comment and replies.

    Examples
    --------
    >>> import pandas as pd
    >>> j = Journey(pd.DataFrame({"id": ["c1"], "stage": ["A"], "lane": ["L"], "text": ["x"]}))
    >>> _ = AddComment("c1", "Seen twice").apply(j)
    >>> _ = SetCommentResolved("k1").apply(j)
    >>> j.participation.comments[0].resolved
    True
    """

    id: str
    resolved: bool = True

    def apply(self, j: Journey) -> Applied:
        """Set the thread's flag on ``j``; the inverse puts the old flags back."""
        if not isinstance(self.resolved, bool):
            raise JourneyError(f"resolved must be True or False, got {self.resolved!r}")
        comment = j.participation.comment(self.id)
        thread = j.participation.thread(comment.parent or comment.id)
        return RestoreResolved(tuple((c.id, self.resolved) for c in thread)).apply(j)


@dataclass(frozen=True)
class RestoreResolved:
    """Set the resolved flags of comments of one thread, as ``(comment id, flag)`` pairs."""

    flags: tuple[tuple[str, bool], ...]

    def apply(self, j: Journey) -> Applied:
        """Set the flags on ``j``; the inverse sets the old ones."""
        p = j.participation
        olds = tuple((cid, p.comment(cid).resolved) for cid, _ in self.flags)
        wanted = dict(self.flags)
        first = p.comment(self.flags[0][0]) if self.flags else None
        j.participation = p.with_comments(
            replace(c, resolved=wanted[c.id]) if c.id in wanted else c for c in p.comments
        )
        changes = []
        if first is not None:
            root = first.parent or first.id
            old = dict(olds).get(root, first.resolved)
            changes.append(Change("resolve_comment", first.card, root, old, wanted.get(root)))
        return Applied(RestoreResolved(olds), changes)
