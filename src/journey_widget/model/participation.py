"""Comments, dot-voting rounds and votes: the workshop's participation, as pure data.

A :class:`~journey_widget.model.journey.Journey` holds one :class:`Participation` (empty by
default): its comments, its voting rounds and the votes cast in them (docs/participation.md).
The operations that change it are in :mod:`.participation_ops`; this module holds the data, the
clock they read the time from and the small queries both the operations and the file format use.

Time comes from one clock function (:func:`set_clock`), so tests can set it; times are UTC ISO
8601 strings with ``Z`` and whole seconds (``"2026-12-01T10:00:00Z"``).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import JourneyError

Clock = Callable[[], datetime.datetime]

#: Budget limits: dots per voter per round.
BUDGET_RANGE = (1, 99)
#: The pattern of a time in the file and the model: UTC, whole seconds, ``Z`` (``fullmatch``).
TIME_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
#: The pattern of a comment id: ``k`` and a number from 1.
COMMENT_ID = re.compile(r"^k([1-9][0-9]*)$")


def _system_clock() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


_clock: list[Clock] = [_system_clock]


def set_clock(clock: Clock | None) -> Clock:
    """Use ``clock`` (a function returning an aware or UTC datetime) for ``now``; return the old.

    ``None`` goes back to the system clock.

    Examples
    --------
    >>> import datetime
    >>> old = set_clock(lambda: datetime.datetime(2026, 12, 1, 10, 0, 0))
    >>> now()
    '2026-12-01T10:00:00Z'
    >>> _ = set_clock(old)
    """
    previous = _clock[0]
    _clock[0] = clock or _system_clock
    return previous


def format_time(moment: datetime.datetime) -> str:
    """``moment`` as UTC ISO 8601 with ``Z``, whole seconds (naive datetimes are taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


def parse_time(text: str) -> datetime.datetime:
    """A time written by :func:`format_time` as an aware UTC datetime."""
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc
    )


def now() -> str:
    """The clock's time now, as written in the file."""
    return format_time(_clock[0]())


def later(start: str, minutes: float) -> str:
    """``start`` plus ``minutes`` (rounded to whole seconds), as written in the file."""
    return format_time(parse_time(start) + datetime.timedelta(seconds=round(minutes * 60)))


def voter_token(round_number: int, name: str) -> str:
    """The anonymous voter of ``name`` in a round: ``"voter-"`` and 8 hex digits of a hash.

    Examples
    --------
    >>> voter_token(1, "Ana")
    'voter-f4487fb2'
    """
    digest = hashlib.sha256(f"{round_number}:{name}".encode()).hexdigest()
    return "voter-" + digest[:8]


@dataclass(frozen=True)
class Comment:
    """A comment on a card; ``parent`` is the thread's first comment for a reply, else ``None``."""

    id: str
    card: str
    parent: str | None
    author: str
    created: str
    text: str
    resolved: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The comment as written in the file (keys in the file's order)."""
        return {
            "id": self.id,
            "card": self.card,
            "parent": self.parent,
            "author": self.author,
            "created": self.created,
            "text": self.text,
            "resolved": self.resolved,
        }


@dataclass(frozen=True)
class Round:
    """A dot-voting round: open while ``ended`` is ``None``; ``ends`` is its timer (or ``None``)."""

    number: int
    lanes: tuple[str, ...]
    budget: int
    anonymous: bool
    started: str
    ends: str | None = None
    ended: str | None = None

    @property
    def is_open(self) -> bool:
        """True while the round has not been ended."""
        return self.ended is None

    def to_dict(self) -> dict[str, Any]:
        """The round as written in the file (``round`` is its number)."""
        return {
            "round": self.number,
            "lanes": list(self.lanes),
            "budget": self.budget,
            "anonymous": self.anonymous,
            "started": self.started,
            "ends": self.ends,
            "ended": self.ended,
        }


@dataclass(frozen=True)
class Vote:
    """``count`` dots (1 or more) of ``voter`` (a name, or a token in anonymous rounds)."""

    round: int
    card: str
    voter: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        """The vote as written in the file."""
        return {"round": self.round, "card": self.card, "voter": self.voter, "count": self.count}


@dataclass(frozen=True)
class Participation:
    """A map's comments, voting rounds and votes (all empty by default), in the order made."""

    comments: tuple[Comment, ...] = field(default=())
    rounds: tuple[Round, ...] = field(default=())
    votes: tuple[Vote, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.comments or self.rounds or self.votes)

    # ---- queries ---------------------------------------------------------------------------
    def comment(self, comment_id: str) -> Comment:
        """The comment ``comment_id``; raises naming the comments there are when there is none."""
        for c in self.comments:
            if c.id == comment_id:
                return c
        known = [c.id for c in self.comments]
        raise JourneyError(
            f"there is no comment {comment_id!r}; "
            + (f"the map's comments are {known}" if known else "the map has no comments")
        )

    def next_comment_id(self) -> str:
        """``k`` and the number after the highest one in use (``k1`` first)."""
        numbers = [int(m.group(1)) for c in self.comments if (m := COMMENT_ID.match(c.id))]
        return f"k{max(numbers, default=0) + 1}"

    def thread(self, root: str) -> tuple[Comment, ...]:
        """The comment ``root`` and its replies, in order."""
        return tuple(c for c in self.comments if root in (c.id, c.parent))

    def revealed_rounds(self) -> list[int]:
        """The numbers of the ended rounds, whose votes anyone may see, in order."""
        return sorted(r.number for r in self.rounds if r.ended is not None)

    def revealed_totals(self, rounds: Iterable[int] | None = None) -> dict[tuple[int, str], int]:
        """``{(round, card): dots}`` over the revealed rounds (or those of ``rounds`` that are).

        The dots of an open round are never counted: they stay hidden until it ends. Cards
        without a dot have no entry; entries come in the order of the votes.
        """
        revealed = set(self.revealed_rounds())
        if rounds is not None:
            revealed &= set(rounds)
        totals: dict[tuple[int, str], int] = {}
        for v in self.votes:
            if v.round in revealed and v.count > 0:
                key = (int(v.round), str(v.card))
                totals[key] = totals.get(key, 0) + int(v.count)
        return totals

    def open_round(self) -> Round | None:
        """The round that is open now, or ``None``."""
        return next((r for r in self.rounds if r.is_open), None)

    def round(self, number: int) -> Round:
        """The round ``number``; raises when there is none."""
        for r in self.rounds:
            if r.number == number:
                return r
        raise JourneyError(f"there is no voting round {number!r}")

    def dots(self, round_number: int, voter: str, card: str | None = None) -> int:
        """The dots ``voter`` placed in a round (on ``card`` only, when given)."""
        return sum(
            v.count
            for v in self.votes
            if v.round == round_number and v.voter == voter and (card is None or v.card == card)
        )

    # ---- building new values (the operations assign them) -----------------------------------
    def with_comments(self, comments: Iterable[Comment]) -> Participation:
        """A copy with ``comments``."""
        return replace(self, comments=tuple(comments))

    def with_rounds(self, rounds: Iterable[Round]) -> Participation:
        """A copy with ``rounds`` (sorted by number)."""
        return replace(self, rounds=tuple(sorted(rounds, key=lambda r: r.number)))

    def with_votes(self, votes: Iterable[Vote]) -> Participation:
        """A copy with ``votes`` (only those with a count above 0)."""
        return replace(self, votes=tuple(v for v in votes if v.count > 0))

    def set_dots(self, round_number: int, card: str, voter: str, count: int) -> Participation:
        """A copy where ``voter`` has ``count`` dots on ``card`` in the round (0: no vote)."""
        votes = list(self.votes)
        at = next(
            (
                i
                for i, v in enumerate(votes)
                if (v.round, v.card, v.voter) == (round_number, card, voter)
            ),
            None,
        )
        vote = Vote(round_number, card, voter, count)
        if at is None:
            votes.append(vote)
        else:
            votes[at] = vote
        return self.with_votes(votes)

    def rename_lane(self, old: str, new: str) -> Participation:
        """A copy where rounds that vote on lane ``old`` vote on ``new``."""
        if not any(old in r.lanes for r in self.rounds):
            return self
        return self.with_rounds(
            replace(r, lanes=tuple(new if x == old else x for x in r.lanes)) for r in self.rounds
        )

    def to_dict(self) -> dict[str, Any]:
        """``comments`` and ``voting`` as the file holds them, each only when not empty."""
        out: dict[str, Any] = {}
        if self.comments:
            out["comments"] = [c.to_dict() for c in self.comments]
        if self.rounds or self.votes:
            out["voting"] = {
                "rounds": [r.to_dict() for r in self.rounds],
                "votes": [v.to_dict() for v in self.votes],
            }
        return out


EMPTY = Participation()


def participation_from_dict(doc: dict[str, Any]) -> Participation:
    """The :class:`Participation` of a checked document's ``comments`` and ``voting``."""
    comments = tuple(
        Comment(
            c["id"],
            c["card"],
            c.get("parent"),
            c["author"],
            c["created"],
            c["text"],
            bool(c.get("resolved")),
        )
        for c in doc.get("comments") or []
    )
    voting = doc.get("voting") or {}
    rounds = tuple(
        Round(
            r["round"],
            tuple(r["lanes"]),
            r["budget"],
            bool(r["anonymous"]),
            r["started"],
            r.get("ends"),
            r.get("ended"),
        )
        for r in voting.get("rounds") or []
    )
    votes = tuple(
        Vote(v["round"], v["card"], v["voter"], v["count"]) for v in voting.get("votes") or []
    )
    return Participation(comments, rounds, votes)
