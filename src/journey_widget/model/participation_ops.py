"""Operations on comments, voting rounds and votes, each returning its exact inverse.

The five a person makes (docs/participation.md) validate everything before changing anything:
:class:`AddComment`, :class:`SetCommentResolved`, :class:`StartRound`, :class:`CastVote` and
:class:`EndRound`. Their inverses (:class:`RemoveComment`, :class:`RestoreComment`,
:class:`RestoreResolved`, :class:`RemoveRound`, :class:`RestoreRound`, :class:`SetVote`,
:class:`SetRoundEnded`) restore the exact values (ids, times, tokens) without reading the clock,
so undo and redo give back the same data. The comment operations are written in
:mod:`.comment_ops`; this module gathers them with the voting ones.

Changes reported to ``on_edit``: ``comment`` / ``remove_comment`` (``id`` the card, ``field``
the comment id, ``old``/``new`` the comment as a dict), ``resolve_comment`` (``id`` the card,
``field`` the thread's first comment, ``old``/``new`` the flags), ``start_voting`` /
``cancel_voting`` / ``end_voting`` / ``reopen_voting`` (``field`` ``"round"``, ``old``/``new``
the round as a dict), ``vote`` (``id`` the card, ``field`` the stored voter, ``old``/``new``
the dots).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .comment_ops import (
    PYTHON_USER,
    AddComment,
    RemoveComment,
    RestoreComment,
    RestoreResolved,
    SetCommentResolved,
    check_card,
    check_person,
)
from .errors import JourneyError
from .journey import Journey
from .operation import Applied, Change
from .participation import BUDGET_RANGE, Round, later, now, voter_token

__all__ = [
    "PARTICIPATION_KINDS",
    "PYTHON_USER",
    "AddComment",
    "CastVote",
    "EndRound",
    "RemoveComment",
    "RemoveRound",
    "RestoreComment",
    "RestoreResolved",
    "RestoreRound",
    "SetCommentResolved",
    "SetRoundEnded",
    "SetVote",
    "StartRound",
    "participation_clash",
]


# ---- voting rounds ---------------------------------------------------------------------------
def _lanes(j: Journey, on: str | Sequence[str] | None) -> tuple[str, ...]:
    names = j.lane_names()
    if on is None:
        if not names:
            raise JourneyError("the map has no lanes to vote on; add a lane first")
        return tuple(names)
    lanes = [on] if isinstance(on, str) else on
    if not isinstance(lanes, Sequence) or not lanes:
        raise JourneyError(
            f"on must be a lane name, a list of lane names or None (every lane), got {on!r}"
        )
    out: list[str] = []
    for lane in lanes:
        if lane not in names:
            raise JourneyError(f"there is no lane {lane!r} to vote on; the map's lanes are {names}")
        if lane not in out:
            out.append(lane)
    return tuple(out)


def _check_start(budget: Any, anonymous: Any, minutes: Any) -> None:
    low, high = BUDGET_RANGE
    if isinstance(budget, bool) or not isinstance(budget, int) or not low <= budget <= high:
        raise JourneyError(
            f"budget must be a whole number of dots from {low} to {high}, got {budget!r}"
        )
    if not isinstance(anonymous, bool):
        raise JourneyError(f"anonymous must be True or False, got {anonymous!r}")
    if minutes is not None and (
        isinstance(minutes, bool)
        or not isinstance(minutes, int | float)
        or not math.isfinite(minutes)
        or minutes <= 0
        or minutes > 24 * 60
    ):
        raise JourneyError(
            f"minutes must be a number above 0 (at most a day) or None (no timer), got {minutes!r}"
        )


def _no_open_round(j: Journey) -> None:
    current = j.participation.open_round()
    if current is not None:
        raise JourneyError(
            f"voting round {current.number} is open; end it (end_voting()) before starting another"
        )


@dataclass(frozen=True)
class StartRound:
    """Open a voting round on ``lanes`` (``None``: every lane) with ``budget`` dots per voter.

    ``minutes`` sets a timer (``ends``); votes are refused once it has passed.

    Examples
    --------
    >>> j = Journey(None, stages=["A"], lanes=["Pain points"])
    >>> applied = StartRound(budget=3).apply(j)
    >>> j.participation.rounds[0].lanes, applied.inverse
    (('Pain points',), RemoveRound(number=1))
    """

    budget: int = 3
    lanes: str | Sequence[str] | None = None
    anonymous: bool = True
    minutes: float | None = None

    def apply(self, j: Journey) -> Applied:
        """Open the round on ``j``; the inverse removes it (while it has no votes)."""
        _no_open_round(j)
        _check_start(self.budget, self.anonymous, self.minutes)
        lanes = _lanes(j, self.lanes)
        p = j.participation
        started = now()
        ends = None if self.minutes is None else later(started, float(self.minutes))
        number = max((r.number for r in p.rounds), default=0) + 1
        r = Round(number, lanes, self.budget, self.anonymous, started, ends, None)
        j.participation = p.with_rounds([*p.rounds, r])
        return Applied(
            RemoveRound(number), [Change("start_voting", None, "round", None, r.to_dict())]
        )


@dataclass(frozen=True)
class RemoveRound:
    """Remove a round that holds no votes (the inverse of starting it)."""

    number: int

    def apply(self, j: Journey) -> Applied:
        """Remove the round from ``j``; the inverse puts it back."""
        p = j.participation
        r = p.round(self.number)
        if any(v.round == self.number for v in p.votes):
            raise JourneyError(
                f"voting round {self.number} has votes; take them back before removing it"
            )
        j.participation = p.with_rounds(x for x in p.rounds if x.number != self.number)
        return Applied(RestoreRound(r), [Change("cancel_voting", None, "round", r.to_dict(), None)])


@dataclass(frozen=True)
class RestoreRound:
    """Put a removed round back as it was (number, times, settings)."""

    round: Round

    def apply(self, j: Journey) -> Applied:
        """Put the round back on ``j``; the inverse removes it again."""
        p = j.participation
        if any(x.number == self.round.number for x in p.rounds):
            raise JourneyError(f"there is already a voting round {self.round.number}")
        if self.round.is_open:
            _no_open_round(j)
        j.participation = p.with_rounds([*p.rounds, self.round])
        return Applied(
            RemoveRound(self.round.number),
            [Change("start_voting", None, "round", None, self.round.to_dict())],
        )


@dataclass(frozen=True)
class EndRound:
    """Close the open round: its votes are revealed (``vote_totals``)."""

    def apply(self, j: Journey) -> Applied:
        """Close the round on ``j``; the inverse reopens it."""
        current = j.participation.open_round()
        if current is None:
            raise JourneyError("no voting round is open; start one with start_voting()")
        return SetRoundEnded(current.number, now()).apply(j)


@dataclass(frozen=True)
class SetRoundEnded:
    """Set when a round ``ended``: a time closes it, ``None`` reopens it (undoing its end)."""

    number: int
    ended: str | None

    def apply(self, j: Journey) -> Applied:
        """Set the end on ``j``; the inverse sets the old one back."""
        p = j.participation
        r = p.round(self.number)
        if self.ended is None and not r.is_open:
            _no_open_round(j)
        new = replace(r, ended=self.ended)
        j.participation = p.with_rounds(new if x.number == r.number else x for x in p.rounds)
        kind = "reopen_voting" if self.ended is None else "end_voting"
        return Applied(
            SetRoundEnded(r.number, r.ended),
            [Change(kind, None, "round", r.to_dict(), new.to_dict())],
        )


# ---- votes -----------------------------------------------------------------------------------
def _dots(n: int) -> str:
    return f"{n} dot{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class CastVote:
    """Place ``count`` dots of ``voter`` on ``card`` in the open round (``-1`` takes one back).

    In an anonymous round the vote is stored under the voter's token, never the name.

    Examples
    --------
    >>> import pandas as pd
    >>> j = Journey(pd.DataFrame({"id": ["c1"], "stage": ["A"], "lane": ["L"], "text": ["x"]}))
    >>> _ = StartRound(budget=2, anonymous=False).apply(j)
    >>> applied = CastVote("c1", "Ana").apply(j)
    >>> j.participation.votes
    (Vote(round=1, card='c1', voter='Ana', count=1),)
    >>> applied.inverse
    SetVote(round=1, card='c1', voter='Ana', count=0, expect=1)
    """

    card: str
    voter: str = PYTHON_USER
    count: int = 1

    def apply(self, j: Journey) -> Applied:
        """Place the dots on ``j``; the inverse sets the card's dots of that voter back."""
        p = j.participation
        r = p.open_round()
        if r is None:
            raise JourneyError("no voting round is open; start one with start_voting()")
        if r.ends is not None and now() >= r.ends:
            raise JourneyError(
                f"the time of voting round {r.number} is up (it ended at {r.ends}); "
                "end_voting() reveals the votes"
            )
        card = check_card(j, self.card)
        lane = str(j.table.at[j.row_of(card), "lane"])
        if lane not in r.lanes:
            raise JourneyError(
                f"card {card!r} is in lane {lane!r}; voting round {r.number} is on {list(r.lanes)}"
            )
        count = self.count
        if isinstance(count, bool) or not isinstance(count, int) or count == 0:
            raise JourneyError(f"count must be a whole number other than 0, got {count!r}")
        name = check_person(self.voter, "a voter")
        voter = voter_token(r.number, name) if r.anonymous else name
        on_card, used = p.dots(r.number, voter, card), p.dots(r.number, voter)
        who = "this voter" if r.anonymous else repr(name)
        if on_card + count < 0:
            raise JourneyError(
                f"{who} has {_dots(on_card)} on card {card!r}; cannot take back {_dots(-count)}"
            )
        if used + count > r.budget:
            raise JourneyError(
                f"{who} has used {used} of {_dots(r.budget)} in voting round {r.number}; "
                f"{_dots(count)} more would exceed the budget"
            )
        return SetVote(r.number, card, voter, on_card + count).apply(j)


@dataclass(frozen=True)
class SetVote:
    """Set ``voter``'s dots on ``card`` in an open round to ``count`` (0: none).

    ``expect`` (set on inverses) is the number of dots the operation expects to find: when
    someone changed them since, an out-of-order undo is refused rather than overwriting them.
    """

    round: int
    card: str
    voter: str
    count: int
    expect: int | None = None

    def apply(self, j: Journey) -> Applied:
        """Set the dots on ``j``; the inverse sets the old number back."""
        p = j.participation
        r = p.round(self.round)
        if not r.is_open:
            raise JourneyError(
                f"voting round {r.number} is closed; its votes are revealed and stay as they are"
            )
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise JourneyError(f"count must be a whole number of 0 or more, got {self.count!r}")
        old = p.dots(r.number, self.voter, self.card)
        if self.expect is not None and old != self.expect:
            raise JourneyError(
                f"the dots on card {self.card!r} changed since ({old}, not {self.expect})"
            )
        j.participation = p.set_dots(r.number, self.card, self.voter, self.count)
        return Applied(
            SetVote(r.number, self.card, self.voter, old, self.count),
            [Change("vote", self.card, self.voter, old, self.count)],
        )


#: The change kinds of participation operations.
PARTICIPATION_KINDS = frozenset(
    {
        "comment",
        "remove_comment",
        "resolve_comment",
        "start_voting",
        "cancel_voting",
        "end_voting",
        "reopen_voting",
        "vote",
    }
)


def participation_clash(change: Change, j: Journey) -> str | None:
    """What someone changed since ``change`` that an undo of it would overwrite, or ``None``."""
    p = j.participation
    if change.kind == "resolve_comment":
        root = next((c for c in p.comments if c.id == change.field), None)
        if root is not None and root.resolved != change.new:
            return f"{'resolved' if root.resolved else 'reopened'} comment {change.field!r}"
    elif change.kind in PARTICIPATION_KINDS and change.field == "round":
        after = change.new if isinstance(change.new, dict) else change.old
        if isinstance(after, dict):
            number = after.get("round")
            now_round = next((r for r in p.rounds if r.number == number), None)
            current = None if now_round is None else now_round.to_dict()
            if current != change.new:
                return f"changed voting round {number}"
    return None
