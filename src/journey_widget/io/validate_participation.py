"""The ``comments`` and ``voting`` of a version-2 ``.journey.json`` document, checked.

Errors name the JSON path (``comments[2].parent``, ``voting.votes[0].count``) and what was
expected, like the rest of the document's checks (:mod:`.validate`). Comments and votes may
name cards the document no longer holds (a deleted card keeps its comments and votes, so undo
brings it back to them), and rounds may name lanes removed since: neither is checked against
the map. The TypeScript reader (js/src/model/docparticipation.ts) writes the same messages.
"""

from __future__ import annotations

from typing import Any

from ..model.participation import BUDGET_RANGE, TIME_PATTERN
from .json_walk import as_array, as_object, as_text, check_value, fail, got, key_path

COMMENT_KEYS = ("id", "card", "parent", "author", "created", "text", "resolved")
VOTING_KEYS = ("rounds", "votes")
ROUND_KEYS = ("round", "lanes", "budget", "anonymous", "started", "ends", "ended")
VOTE_KEYS = ("round", "card", "voter", "count")
_TIME = 'a UTC time like "2026-12-01T10:00:00Z"'


def _only(obj: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
    check_value(obj, path)
    if extra := [k for k in obj if k not in keys]:
        fail(key_path(path, extra[0]), f"unknown key; expected only {', '.join(keys)}")


def _time(value: Any, path: str, *, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not TIME_PATTERN.fullmatch(value):
        got(path, value, _TIME + (" or null" if optional else ""))
    return value


def _whole(value: Any, path: str, low: int, high: int | None, what: str) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if not ok or value < low or (high is not None and value > high):
        got(path, value, what)
    return int(value)


def _flag(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        got(path, value, "true or false")
    return value


def check_comments(value: Any) -> None:
    """Raise :class:`~journey_widget.io.errors.JourneyFormatError` unless ``comments`` is valid.

    A reply's ``parent`` is an earlier comment of the same card that is not itself a reply.
    """
    seen: dict[str, tuple[str, str | None]] = {}  # id -> (card, parent)
    for i, c in enumerate(as_array(value, "comments", "an array of comment objects")):
        path = f"comments[{i}]"
        c = as_object(c, path, 'a comment object {"id", "card", "text", ...}')
        _only(c, path, COMMENT_KEYS)
        cid = str(as_text(c.get("id"), f"{path}.id", optional=False, nonempty=True))
        if cid in seen:
            fail(f"{path}.id", f"comment id {cid!r} appears twice; expected unique comment ids")
        card = str(as_text(c.get("card"), f"{path}.card", optional=False, nonempty=True))
        parent = as_text(c.get("parent"), f"{path}.parent")
        if parent is not None:
            if parent not in seen:
                fail(f"{path}.parent", f"{parent!r} is not the id of an earlier comment")
            if seen[parent][1] is not None:
                fail(
                    f"{path}.parent",
                    f"{parent!r} is a reply; expected the id of the thread's first comment",
                )
            if seen[parent][0] != card:
                fail(
                    f"{path}.parent",
                    f"{parent!r} is a comment on card {seen[parent][0]!r}; expected a comment "
                    f"on card {card!r}",
                )
        as_text(c.get("author"), f"{path}.author", optional=False, nonempty=True)
        _time(c.get("created"), f"{path}.created", optional=False)
        as_text(c.get("text"), f"{path}.text", optional=False, nonempty=True)
        _flag(c.get("resolved"), f"{path}.resolved")
        seen[cid] = (card, parent)


def _check_rounds(value: Any) -> dict[int, int]:
    """Round number -> its budget."""
    budgets: dict[int, int] = {}
    open_round: int | None = None
    low, high = BUDGET_RANGE
    for i, r in enumerate(as_array(value, "voting.rounds", "an array of round objects")):
        path = f"voting.rounds[{i}]"
        r = as_object(r, path, 'a round object {"round", "lanes", "budget", ...}')
        _only(r, path, ROUND_KEYS)
        number = _whole(r.get("round"), f"{path}.round", 1, None, "a round number of 1 or more")
        if number in budgets:
            fail(f"{path}.round", f"round {number} appears twice; expected unique round numbers")
        lanes = as_array(r.get("lanes"), f"{path}.lanes", "a non-empty array of lane names")
        if not lanes:
            got(f"{path}.lanes", lanes, "a non-empty array of lane names")
        names: list[str] = []
        for k, lane in enumerate(lanes):
            name = str(as_text(lane, f"{path}.lanes[{k}]", optional=False, nonempty=True))
            if name in names:
                fail(f"{path}.lanes[{k}]", f"{name!r} appears twice; expected unique names")
            names.append(name)
        budgets[number] = _whole(
            r.get("budget"), f"{path}.budget", low, high, f"a whole number from {low} to {high}"
        )
        _flag(r.get("anonymous"), f"{path}.anonymous")
        _time(r.get("started"), f"{path}.started", optional=False)
        _time(r.get("ends"), f"{path}.ends", optional=True)
        if _time(r.get("ended"), f"{path}.ended", optional=True) is None:
            if open_round is not None:
                fail(
                    f"{path}.ended",
                    f"round {open_round} is open too; expected at most one open round",
                )
            open_round = number
    return budgets


def _check_votes(value: Any, budgets: dict[int, int]) -> None:
    seen: set[tuple[int, str, str]] = set()
    used: dict[tuple[int, str], int] = {}
    for i, v in enumerate(as_array(value, "voting.votes", "an array of vote objects")):
        path = f"voting.votes[{i}]"
        v = as_object(v, path, 'a vote object {"round", "card", "voter", "count"}')
        _only(v, path, VOTE_KEYS)
        number = _whole(v.get("round"), f"{path}.round", 1, None, "a round number of 1 or more")
        if number not in budgets:
            fail(f"{path}.round", f"there is no round {number} in voting.rounds")
        card = str(as_text(v.get("card"), f"{path}.card", optional=False, nonempty=True))
        voter = str(as_text(v.get("voter"), f"{path}.voter", optional=False, nonempty=True))
        count = _whole(v.get("count"), f"{path}.count", 1, None, "a whole number of 1 or more")
        if (number, card, voter) in seen:
            fail(
                path,
                f"voter {voter!r} has two votes on card {card!r} in round {number}; expected "
                "one vote per round, card and voter",
            )
        seen.add((number, card, voter))
        total = used.get((number, voter), 0) + count
        if total > budgets[number]:
            fail(
                f"{path}.count",
                f"voter {voter!r} has {total} dots in round {number}; expected at most its "
                f"budget of {budgets[number]}",
            )
        used[(number, voter)] = total


def check_voting(value: Any) -> None:
    """Raise :class:`~journey_widget.io.errors.JourneyFormatError` unless ``voting`` is valid.

    Round numbers are unique, at most one round is open (``ended`` null), every vote names a
    round, one vote per round, card and voter, and no voter spends more than the budget.
    """
    voting = as_object(value, "voting", 'an object {"rounds", "votes"}')
    _only(voting, "voting", VOTING_KEYS)
    budgets = _check_rounds(voting.get("rounds", []))
    _check_votes(voting.get("votes", []), budgets)
