"""What the room said about each card, for the static map: comment count and revealed votes.

The static map (the notebook's HTML fallback, GitHub, reports, the picture, the static compare
view) shows on each card what the widget shows once nobody is voting (js/src/view/marks.ts):
how many comments it has (and how many of them sit in unresolved threads) and its total in the
last revealed round. While a round is open no total is shown, and the dots of an open round
never are: they are secret until the round ends (docs/participation.md). The markup is the
widget's: a ``jw-marks`` row with ``[data-jw-comments="<n>"]`` and ``[data-jw-votes="<n>"]``;
the comment count opens the card's threads, as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Journey
from ..model.participation import Comment
from .badges import Badge
from .markup import Safe, el

#: The key under which a card dict carries its :class:`RoomCounts` (see :func:`with_room`);
#: the space keeps it apart from every card column a map can load.
ROOM_KEY = " jw-room"


@dataclass(frozen=True)
class RoomCounts:
    """A card's comments, those in unresolved threads, and its votes in the last revealed round.

    ``votes`` is ``None`` when the card got no dot in that round, or a round is open now.
    """

    comments: int = 0
    unresolved: int = 0
    votes: int | None = None
    round: int | None = None
    #: The card's threads: each first comment with its replies, in order.
    threads: tuple[tuple[Comment, tuple[Comment, ...]], ...] = ()


def room_counts(journey: Journey) -> dict[str, RoomCounts]:
    """The counts of every card with a comment or a vote shown, by card id.

    Examples
    --------
    >>> import journey_widget as jw
    >>> room_counts(jw.Journey())
    {}
    """
    p = journey.participation
    resolved = {c.id: c.resolved for c in p.comments if c.parent is None}
    comments: dict[str, int] = {}
    unresolved: dict[str, int] = {}
    for c in p.comments:
        comments[c.card] = comments.get(c.card, 0) + 1
        if not resolved.get(c.parent or c.id, c.resolved):
            unresolved[c.card] = unresolved.get(c.card, 0) + 1
    revealed = p.revealed_rounds()
    last = revealed[-1] if revealed and p.open_round() is None else None
    votes = {card: n for (_, card), n in p.revealed_totals([] if last is None else [last]).items()}
    return {
        card: RoomCounts(
            comments.get(card, 0),
            unresolved.get(card, 0),
            votes.get(card),
            last,
            tuple(
                (root, tuple(c for c in p.comments if c.parent == root.id))
                for root in p.comments
                if root.card == card and root.parent is None
            ),
        )
        for card in sorted({*comments, *votes})
    }


def with_room(cards: list[dict[str, Any]], counts: dict[str, RoomCounts]) -> None:
    """Attach each card's counts to its dict (under :data:`ROOM_KEY`), in place."""
    if counts:
        for card in cards:
            found = counts.get(str(card.get("id")))
            if found is not None:
                card[ROOM_KEY] = found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _words(counts: RoomCounts) -> tuple[str | None, str | None]:
    """What the comment badge and the vote total say in full (their titles), maybe nothing."""
    comments = None
    if counts.comments:
        state = f", {counts.unresolved} unresolved" if counts.unresolved else ", all resolved"
        comments = _plural(counts.comments, "comment") + state
    votes = None
    if counts.votes is not None:
        votes = f"{_plural(counts.votes, 'vote')} in round {counts.round}"
    return comments, votes


def room_labels(card: dict[str, Any]) -> list[str]:
    """The words the card's accessible label ends with: its comments, its votes.

    Examples
    --------
    >>> room_labels({ROOM_KEY: RoomCounts(comments=2, unresolved=2, votes=5, round=1)})
    ['2 comments, 2 unresolved', '5 votes in round 1']
    """
    counts = card.get(ROOM_KEY)
    if not isinstance(counts, RoomCounts):
        return []
    return [w for w in _words(counts) if w]


def room_badges(card: dict[str, Any]) -> list[Badge]:
    """The card's comment and vote counts as picture badges (``m.save("map.svg")``)."""
    counts = card.get(ROOM_KEY)
    if not isinstance(counts, RoomCounts):
        return []
    comments, votes = _words(counts)
    out = []
    if comments:
        out.append(Badge("jw-comments", _plural(counts.comments, "comment"), comments))
    if votes and counts.votes is not None:
        out.append(Badge("jw-votes", _plural(counts.votes, "vote"), votes))
    return out


def render_marks(card: dict[str, Any]) -> Safe | None:
    """The card's ``jw-marks`` row as the widget draws it when nobody is voting, or ``None``.

    The comment count is the summary of a ``<details>`` holding the card's threads as text,
    so a reader without the widget can open them; resolved threads carry
    ``data-jw-resolved``.

    Examples
    --------
    >>> print(render_marks({ROOM_KEY: RoomCounts(votes=5, round=1)}))
    <div class="jw-marks" data-jw-marks><span class="jw-votes" data-jw-votes="5" \
title="5 votes in round 1">\u25cf 5</span></div>
    """
    counts = card.get(ROOM_KEY)
    if not isinstance(counts, RoomCounts):
        return None
    comments, votes = _words(counts)
    parts = [
        _comments(counts, comments) if comments else None,
        el(
            "span",
            {"class": "jw-votes", "data-jw-votes": counts.votes, "title": votes},
            f"\u25cf {counts.votes}",
        )
        if votes
        else None,
    ]
    if not any(parts):
        return None
    return el("div", {"class": "jw-marks", "data-jw-marks": True}, parts)


def _comment(c: Comment, replies: tuple[Comment, ...] = ()) -> Safe:
    """One comment as text (``Ana: ...``), its replies in a list under it."""
    return el(
        "li",
        {"data-jw-comment": c.id},
        [
            el("span", {"class": "jw-comment-author"}, c.author),
            ": ",
            el("span", {"class": "jw-comment-text"}, c.text),
            el("ul", None, [_comment(r) for r in replies]) if replies else None,
        ],
    )


def _comments(counts: RoomCounts, title: str) -> Safe:
    """The comment count, which opens the card's threads as text (no script: ``<details>``)."""
    state = "jw-unresolved" if counts.unresolved else "jw-resolved"
    threads = [
        el(
            "ul",
            {"class": "jw-comment-thread", "data-jw-resolved": root.resolved},
            [_comment(root, replies)],
        )
        for root, replies in counts.threads
    ]
    return el(
        "details",
        {"class": "jw-comment-panel"},
        [
            el(
                "summary",
                {
                    "class": f"jw-comments {state}",
                    "data-jw-comments": counts.comments,
                    "data-jw-unresolved": counts.unresolved or None,
                    "title": title,
                },
                str(counts.comments),
            ),
            *threads,
        ],
    )
