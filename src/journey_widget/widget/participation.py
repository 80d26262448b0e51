"""Comments and dot voting over the widget protocol (docs/protocol.md, docs/participation.md).

Browser to kernel, inside an ordinary ``op`` message (acked or rejected like every op)::

    {"kind": "add_comment", "card", "text", "author", "reply_to"}
    {"kind": "resolve_comment", "comment", "resolved"}
    {"kind": "start_voting", "budget", "lanes", "anonymous", "minutes"}
    {"kind": "vote", "card", "voter", "count"}
    {"kind": "end_voting"}

Each kind has exactly the keys of its row in :data:`FIELDS` (``kind`` included): a missing key,
an unknown key or a value of the wrong type is refused before anything changes. What the values
mean (an unknown card, a dot beyond the budget, time up) the model checks.

The synced state holds the comments, every round's settings and the totals of revealed rounds
(:func:`participation_payload`), never the dots of an open round: those reach each view in a
``dots`` message addressed to it (:class:`DotsPost`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import Applied, Journey, JourneyError, Op
from ..model.participation import voter_token
from ..model.participation_ops import AddComment, CastVote, EndRound, SetCommentResolved, StartRound

#: The longest comment a browser may send (characters, after stripping).
MAX_COMMENT = 4000
#: The longest view id, author, voter, card id and comment id a message may carry.
MAX_VIEW = 40
MAX_NAME = 200
#: Budget and timer bounds of a round (the model holds the same rules).
MAX_BUDGET = 99
MAX_MINUTES = 24 * 60

Check = Callable[[str, Any], Any]


def _bad(key: str, value: Any, expected: str) -> JourneyError:
    return JourneyError(f"malformed operation: {key!r} is {value!r}, expected {expected}")


def _name(limit: int) -> Check:
    def check(key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise _bad(key, value, f"a non-empty string of at most {limit} characters")
        return value

    return check


def _optional(inner: Check) -> Check:
    def check(key: str, value: Any) -> Any:
        return None if value is None else inner(key, value)

    return check


def _comment_text(key: str, value: Any) -> str:
    if not isinstance(value, str) or len(value) > MAX_COMMENT:
        raise _bad(key, value, f"a string of at most {MAX_COMMENT} characters")
    if not value.strip():
        raise JourneyError("a comment needs some text; an empty comment was not added")
    return value


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad(key, value, "true or false")
    return value


def _budget(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_BUDGET:
        raise _bad(key, value, f"a whole number of dots from 1 to {MAX_BUDGET}")
    return value


def _minutes(key: str, value: Any) -> float | None:
    if value is None:
        return None
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not 0 < value <= MAX_MINUTES or value != value:
        raise _bad(key, value, f"a number of minutes above 0 and at most {MAX_MINUTES}, or null")
    return float(value)


def _lanes(key: str, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value or len(value) > 50:
        raise _bad(key, value, "a list of 1 to 50 lane names, or null for every lane")
    return tuple(_name(MAX_NAME)(key, v) for v in value)


def _count(key: str, value: Any) -> int:
    if isinstance(value, bool) or value not in (1, -1):
        raise _bad(key, value, "1 (add a dot) or -1 (take one back)")
    return int(value)


_ID = _name(MAX_NAME)

#: Every participation kind and its keys: the table the messages are checked against.
FIELDS: dict[str, dict[str, Check]] = {
    "add_comment": {
        "card": _ID,
        "text": _comment_text,
        "author": _name(MAX_NAME),
        "reply_to": _optional(_ID),
    },
    "resolve_comment": {"comment": _ID, "resolved": _flag},
    "start_voting": {
        "budget": _budget,
        "lanes": _lanes,
        "anonymous": _flag,
        "minutes": _minutes,
    },
    "vote": {"card": _ID, "voter": _name(MAX_NAME), "count": _count},
    "end_voting": {},
}
KINDS = tuple(FIELDS)


def is_participation(op: Any) -> bool:
    """True when an operation's ``kind`` is one of the participation kinds."""
    return isinstance(op, Mapping) and op.get("kind") in FIELDS


def parse_participation(op: Mapping[str, Any]) -> dict[str, Any]:
    """The checked values of a participation operation, keyed as in :data:`FIELDS`.

    Raises
    ------
    JourneyError
        For an unknown kind, a missing or unknown key or a value of the wrong type.

    Examples
    --------
    >>> parse_participation({"kind": "vote", "card": "c03", "voter": "Ana", "count": -1})
    {'kind': 'vote', 'card': 'c03', 'voter': 'Ana', 'count': -1}
    >>> parse_participation({"kind": "vote", "card": "c03", "voter": "Ana", "count": 2})
    Traceback (most recent call last):
    ...
    journey_widget.model.errors.JourneyError: malformed operation: 'count' is 2, expected 1 \
(add a dot) or -1 (take one back)
    """
    kind = op.get("kind")
    fields = FIELDS.get(kind) if isinstance(kind, str) else None
    if fields is None:
        raise JourneyError(f"unknown operation kind {kind!r}")
    extra = sorted(str(k) for k in op if k != "kind" and k not in fields)
    if extra:
        raise JourneyError(
            f"malformed operation: {kind} has no key {extra[0]!r} "
            f"(its keys: {', '.join(fields) or 'none'})"
        )
    missing = [k for k in fields if k not in op]
    if missing:
        raise JourneyError(f"malformed operation: {kind} needs {missing[0]!r}")
    return {"kind": kind, **{k: check(k, op[k]) for k, check in fields.items()}}


def message_view(content: Mapping[str, Any]) -> str | None:
    """The view an ``op`` or ``dots`` message comes from (``view``), or ``None`` without one.

    Examples
    --------
    >>> message_view({"type": "op", "view": "v1ab"}), message_view({"type": "op"})
    ('v1ab', None)
    """
    return optional_name(content, "view", MAX_VIEW, "a view id")


def optional_name(content: Mapping[str, Any], key: str, limit: int, what: str) -> str | None:
    """``content[key]``: absent or ``null`` gives ``None``, else a string of 1 to ``limit``.

    Raises
    ------
    JourneyError
        Naming the key, the value and what was expected.
    """
    value = content.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        raise JourneyError(
            f"malformed message: {key!r} is {value!r}, expected {what} "
            f"(1 to {limit} characters) or null"
        )
    return value


def vote_voter(op: Any) -> str | None:
    """The voter named by a well-formed ``vote`` operation, else ``None``."""
    if not isinstance(op, Mapping) or op.get("kind") != "vote":
        return None
    voter = op.get("voter")
    return voter if isinstance(voter, str) and voter.strip() and len(voter) <= MAX_NAME else None


#: How each checked message becomes the model's operation (the model checks what it means).
_BUILD: dict[str, Callable[[dict[str, Any]], Op]] = {
    "add_comment": lambda v: AddComment(v["card"], v["text"], v["author"], v["reply_to"]),
    "resolve_comment": lambda v: SetCommentResolved(v["comment"], v["resolved"]),
    "start_voting": lambda v: StartRound(
        v["budget"], list(v["lanes"]) if v["lanes"] else None, v["anonymous"], v["minutes"]
    ),
    "vote": lambda v: CastVote(v["card"], v["voter"], v["count"]),
    "end_voting": lambda v: EndRound(),
}


def participation_op(op: Mapping[str, Any]) -> Op:
    """The model operation of a participation message (checked by :func:`parse_participation`).

    Examples
    --------
    >>> participation_op({"kind": "resolve_comment", "comment": "k1", "resolved": False})
    SetCommentResolved(id='k1', resolved=False)
    """
    values = parse_participation(op)
    return _BUILD[values["kind"]](values)


def ack_extras(op: Op, applied: Applied | None) -> dict[str, Any]:
    """What an ``ack`` adds for a participation op: the new ``comment`` id, the ``round``."""
    if applied is None or not applied.changes:
        return {}
    change = applied.changes[0]
    if isinstance(op, AddComment):
        return {"comment": change.field}
    if isinstance(op, StartRound) and isinstance(change.new, Mapping):
        return {"round": change.new.get("round")}
    return {}


def anonymous_voter(op: Op, journey: Journey, user: str | None) -> str | None:
    """The user a browser's step is recorded under: a vote in an anonymous round hides the name.

    ``EditEvent.user`` and ``m.history`` would otherwise tie a person to a card in a round
    whose votes are anonymous; they get the voter's token instead (the one ``m.votes`` and the
    file hold), so a voter takes a dot back with the vote button, not with Ctrl+Z.
    """
    if not isinstance(op, CastVote) or user is None:
        return user
    current = journey.participation.open_round()
    if current is None or not current.anonymous:
        return user
    return voter_token(current.number, user)
