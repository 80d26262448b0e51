"""Comments, dot voting and a timer on a journey map, from Python (docs/participation.md).

Thin methods over the operations of :mod:`journey_widget.model.participation_ops`: each goes
through the map's history like any edit, so ``m.undo()`` takes it back, ``on_edit`` callbacks
and ``m.history`` see it, every view shows it and a file bound with ``jw.open`` saves it.
:class:`~journey_widget.widget.map_widget.JourneyMap` inherits them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..model.participation import Participation
from ..model.participation_ops import (
    PYTHON_USER,
    AddComment,
    CastVote,
    EndRound,
    SetCommentResolved,
    StartRound,
)
from .core import MapCore

#: The columns of ``m.comments``, ``m.votes`` and ``m.vote_totals()``, in order.
COMMENT_COLUMNS = ("id", "card", "parent", "author", "created", "text", "resolved")
VOTE_COLUMNS = ("round", "card", "voter", "count")
TOTAL_COLUMNS = ("round", "card", "votes")


def comments_frame(p: Participation) -> pd.DataFrame:
    """The comments as a DataFrame: the columns of ``COMMENT_COLUMNS``, in the order made.

    ``created`` is a tz-aware UTC timestamp, ``resolved`` a bool; the other columns hold Python
    strings (``parent`` is ``None`` for a thread's first comment).
    """
    columns: dict[str, pd.Series] = {
        k: pd.Series([getattr(c, k) for c in p.comments], dtype=object) for k in COMMENT_COLUMNS
    }
    columns["created"] = pd.to_datetime(columns["created"], utc=True).astype("datetime64[ns, UTC]")
    columns["resolved"] = columns["resolved"].astype(bool)
    return pd.DataFrame(columns, columns=list(COMMENT_COLUMNS))


def votes_frame(p: Participation) -> pd.DataFrame:
    """The votes as a DataFrame: round, card, voter (a token in anonymous rounds), count."""
    frame = pd.DataFrame([v.to_dict() for v in p.votes], columns=list(VOTE_COLUMNS))
    return frame.astype({"round": "int64", "count": "int64"})


def totals_frame(p: Participation, round_number: int | None = None) -> pd.DataFrame:
    """Dots per card of the revealed (ended) rounds: round, card, votes.

    Sorted by round, then most votes first, then card id; ``round_number`` keeps one round.
    """
    revealed = {r.number for r in p.rounds if not r.is_open}
    if round_number is not None:
        revealed &= {round_number}
    votes = votes_frame(p)
    votes = votes[votes["round"].isin(revealed)]
    summed = votes.groupby(["round", "card"], as_index=False).agg(votes=("count", "sum"))
    ordered = summed.sort_values(["round", "votes", "card"], ascending=[True, False, True])
    frame: pd.DataFrame = ordered.reset_index(drop=True)
    return frame.astype({"round": "int64", "votes": "int64"})


class ParticipationAPI(MapCore):
    """Comments on cards and dot-voting rounds, undoable like every edit."""

    # ---- comments ----------------------------------------------------------------------------
    def add_comment(
        self, card_id: str, text: str, author: str | None = None, *, reply_to: str | None = None
    ) -> str:
        """Comment on a card, or reply to a comment; returns the new comment's id (``"k1"``...).

        Parameters
        ----------
        card_id : str
            The card commented on.
        text : str
            Plain text (stripped; empty is refused).
        author : str, optional
            Who wrote it; ``None`` is ``"Python"``.
        reply_to : str, optional
            A comment on the same card: the new comment joins its thread (threads are one
            level deep, so a reply to a reply joins the thread of its first comment).

        Raises
        ------
        JourneyError
            Unknown card or comment, empty text, a reply to a comment on another card.

        Examples
        --------
        >>> import pandas as pd, journey_widget as jw
        >>> m = jw.JourneyMap(pd.DataFrame({"id": ["c03"], "stage": ["Pay"],
        ...                                 "lane": ["Pain points"], "text": ["Card declined"]}))
        >>> cid = m.add_comment("c03", "Seen in 4 of 6 interviews", author="Ana")
        >>> m.add_comment("c03", "Which ones?", author="Bo", reply_to=cid)
        'k2'
        >>> m.comments[["id", "parent", "author"]].values.tolist()
        [['k1', None, 'Ana'], ['k2', 'k1', 'Bo']]
        """
        op = AddComment(card_id, text, PYTHON_USER if author is None else author, reply_to)
        applied = self._apply(op)
        return str(applied.changes[0].field)

    def resolve_comment(self, comment_id: str, resolved: bool = True) -> None:
        """Resolve a comment's thread (its first comment and the replies); ``False`` reopens it.

        Examples
        --------
        >>> import journey_widget as jw
        >>> m = jw.JourneyMap(None, stages=["Pay"], lanes=["Actions"])
        >>> m.add_card("Pay", "Actions", "Enters card", id="c1")
        'c1'
        >>> first = m.add_comment("c1", "Why two steps?")
        >>> reply = m.add_comment("c1", "The bank asks", reply_to=first)
        >>> m.resolve_comment(reply)
        >>> m.comments["resolved"].tolist()
        [True, True]
        """
        self._apply(SetCommentResolved(comment_id, resolved))

    @property
    def comments(self) -> pd.DataFrame:
        """Every comment: id, card, parent, author, created (UTC), text, resolved.

        Comments stay when their card is deleted (undoing the deletion brings it back to them).
        """
        return comments_frame(self._journey.participation)

    # ---- voting ------------------------------------------------------------------------------
    def start_voting(
        self,
        budget: int = 3,
        on: str | Sequence[str] | None = None,
        anonymous: bool = True,
        minutes: float | None = None,
    ) -> int:
        """Open a dot-voting round; returns its number (1, 2, ...).

        Parameters
        ----------
        budget : int
            Dots per voter in this round, 1 to 99.
        on : str or list of str, optional
            The lane(s) whose cards can get votes; ``None``: every lane.
        anonymous : bool
            Store each voter as a token (``"voter-"`` and 8 hex digits), never the name.
        minutes : float, optional
            A timer: votes are refused once it has run out. ``None``: no timer.

        Raises
        ------
        JourneyError
            A round is open already, or a setting is out of range.

        Examples
        --------
        >>> import journey_widget as jw
        >>> m = jw.JourneyMap(None, stages=["Pay"], lanes=["Actions", "Pain points"])
        >>> m.add_card("Pay", "Pain points", "Card declined", id="c03")
        'c03'
        >>> m.start_voting(budget=2, on="Pain points")
        1
        >>> m.vote("c03", voter="Ana")
        >>> m.vote("c03", voter="Bo")
        >>> m.votes["voter"].tolist()  # anonymous: tokens, never the names
        ['voter-f4487fb2', 'voter-c69e486a']
        >>> m.end_voting()
           round card  votes
        0      1  c03      2
        """
        op = StartRound(budget, on, anonymous, minutes)
        applied = self._apply(op)
        return int(applied.changes[0].new["round"])

    def vote(self, card_id: str, voter: str | None = None, count: int = 1) -> None:
        """Place ``count`` dots of ``voter`` on a card (``count=-1`` takes one back).

        ``voter=None`` is ``"Python"``.

        Raises
        ------
        JourneyError
            No open round, its time is up, the card is unknown or not in the round's lanes, or
            the voter's dots would exceed the budget or go below 0 on the card.
        """
        self._apply(CastVote(card_id, PYTHON_USER if voter is None else voter, count))

    def end_voting(self) -> pd.DataFrame:
        """Close the open round and reveal it; returns its totals (see :meth:`vote_totals`).

        Raises
        ------
        JourneyError
            When no round is open.
        """
        applied = self._apply(EndRound())
        return totals_frame(self._journey.participation, int(applied.changes[0].new["round"]))

    @property
    def votes(self) -> pd.DataFrame:
        """One row per round, card and voter with dots: round, card, voter, count.

        In anonymous rounds ``voter`` is a token, never the name.
        """
        return votes_frame(self._journey.participation)

    def vote_totals(self) -> pd.DataFrame:
        """Dots per card of the revealed rounds: round, card, votes (open rounds stay hidden).

        Sorted by round, then most votes first, then card id.
        """
        return totals_frame(self._journey.participation)
