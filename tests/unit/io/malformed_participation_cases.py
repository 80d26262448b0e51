# ruff: noqa: E501  (a table: one case a line reads better than wrapped calls)
"""Malformed documents, part three: version 2's ``comments`` and ``voting``.

Each case is :func:`valid_v2` (the valid document with two comments, a closed and an open
round and their votes) broken in one way; ``malformed_corpus.py`` gathers them with the rest.
"""

from __future__ import annotations

import json
from typing import Any

from malformed_case import Case, N, S, drop_key, set_key, valid


def valid_v2() -> dict[str, Any]:
    """The valid document as version 2, with comments (one on a deleted card) and voting."""
    document = valid()
    document["version"] = 2
    comment = {"parent": None, "author": "Ana", "created": "2026-12-01T10:00:00Z"}
    document["comments"] = [
        {"id": "k1", "card": "c3", **comment, "text": "Seen twice", "resolved": True},
        {**comment, "id": "k2", "card": "c3", "parent": "k1", "text": "Where?", "resolved": True},
        {"id": "k3", "card": "gone", **comment, "text": "Its card was deleted", "resolved": False},
    ]
    round_ = {"budget": 2, "anonymous": True, "started": "2026-12-01T10:00:00Z"}
    document["voting"] = {
        "rounds": [
            {"round": 1, "lanes": ["Pain points"], **round_, "ends": None, "ended": "2026-12-01T10:05:00Z"},
            {"round": 2, "lanes": ["Actions", "Removed lane"], **round_, "ends": "2026-12-01T11:00:00Z", "ended": None},
        ],
        "votes": [
            {"round": 1, "card": "c3", "voter": "voter-1a2b3c4d", "count": 2},
            {"round": 2, "card": "c1", "voter": "Bo", "count": 1},
        ],
    }  # fmt: skip
    return document


def v2(*changes: Any) -> bytes:
    """The valid version 2 document with ``changes`` applied, as file bytes."""
    document = valid_v2()
    for change in changes:
        change(document)
    return json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


GOOD_V2 = v2()
C, R, V = ["comments"], ["voting", "rounds"], ["voting", "votes"]

PARTICIPATION_CASES: list[Case] = [
    Case("comments in version 1", v2(set_key(["version"], 1)), "comments", "needs format version 2", S),
    Case("voting in version 1", v2(set_key(["version"], 1), drop_key(C)), "voting", "needs format version 2", S),
    Case("comments an object", v2(set_key(C, {})), "comments", "an array of comment objects", S),
    Case("comment a string", v2(set_key([*C, 0], "x")), "comments[0]", "a comment object", S),
    Case("comment unknown key", v2(set_key([*C, 1, "likes"], 3)), "comments[1].likes", "unknown key; expected only id", S),
    Case("comment without id", v2(drop_key([*C, 0, "id"])), "comments[0].id", "a non-empty string, got null", S),
    Case("comment id twice", v2(set_key([*C, 2, "id"], "k1")), "comments[2].id", "comment id 'k1' appears twice", N),
    Case("comment card blank", v2(set_key([*C, 0, "card"], " ")), "comments[0].card", "a non-empty string", S),
    Case("comment parent unknown", v2(set_key([*C, 1, "parent"], "k9")), "comments[1].parent", "'k9' is not the id of an earlier comment", N),
    Case("comment parent a reply", v2(set_key([*C, 2, "parent"], "k2"), set_key([*C, 2, "card"], "c3")), "comments[2].parent", "'k2' is a reply", N),
    Case("comment parent on another card", v2(set_key([*C, 2, "parent"], "k1")), "comments[2].parent", "'k1' is a comment on card 'c3'; expected a comment on card 'gone'", N),
    Case("comment parent a number", v2(set_key([*C, 1, "parent"], 1)), "comments[1].parent", "a string or null, got 1 (a number)", S),
    Case("comment author empty", v2(set_key([*C, 0, "author"], "")), "comments[0].author", "a non-empty string", S),
    Case("comment created not UTC", v2(set_key([*C, 0, "created"], "2026-12-01 10:00")), "comments[0].created", 'a UTC time like "2026-12-01T10:00:00Z", got', S),
    Case("comment created with offset", v2(set_key([*C, 0, "created"], "2026-12-01T10:00:00+01:00")), "comments[0].created", "a UTC time like", S),
    Case("comment created with a newline", v2(set_key([*C, 0, "created"], "2026-12-01T10:00:00Z\n")), "comments[0].created", "a UTC time like", N),
    Case("comment text blank", v2(set_key([*C, 1, "text"], "\u3000")), "comments[1].text", "a non-empty string", S),
    Case("comment resolved a string", v2(set_key([*C, 0, "resolved"], "yes")), "comments[0].resolved", "expected true or false, got 'yes' (a string)", S),
    Case("comment resolved missing", v2(drop_key([*C, 0, "resolved"])), "comments[0].resolved", "expected true or false, got null", S),
    Case("voting an array", v2(set_key(["voting"], [])), "voting", 'an object {"rounds", "votes"}', S),
    Case("voting unknown key", v2(set_key(["voting", "timer"], 5)), "voting.timer", "unknown key; expected only rounds, votes", S),
    Case("rounds null", v2(set_key(R, None)), "voting.rounds", "an array of round objects, got null", S),
    Case("round number zero", v2(set_key([*R, 0, "round"], 0)), "voting.rounds[0].round", "a round number of 1 or more, got 0", S),
    Case("round number a float", v2(set_key([*R, 0, "round"], 1.0)), "voting.rounds[0].round", "a round number of 1 or more, got 1.0", N),
    Case("round number twice", v2(set_key([*R, 1, "round"], 1)), "voting.rounds[1].round", "round 1 appears twice", N),
    Case("round lanes empty", v2(set_key([*R, 0, "lanes"], [])), "voting.rounds[0].lanes", "a non-empty array of lane names, got an array", S),
    Case("round lane twice", v2(set_key([*R, 1, "lanes"], ["Actions", "Actions"])), "voting.rounds[1].lanes[1]", "'Actions' appears twice", S),
    Case("round budget 100", v2(set_key([*R, 0, "budget"], 100)), "voting.rounds[0].budget", "a whole number from 1 to 99, got 100", S),
    Case("round budget true", v2(set_key([*R, 0, "budget"], True)), "voting.rounds[0].budget", "got true (a boolean)", S),
    Case("round anonymous null", v2(set_key([*R, 0, "anonymous"], None)), "voting.rounds[0].anonymous", "expected true or false, got null", S),
    Case("round started missing", v2(drop_key([*R, 0, "started"])), "voting.rounds[0].started", "a UTC time like", S),
    Case("round ends a number", v2(set_key([*R, 1, "ends"], 5)), "voting.rounds[1].ends", 'a UTC time like "2026-12-01T10:00:00Z" or null, got 5', S),
    Case("two open rounds", v2(set_key([*R, 0, "ended"], None)), "voting.rounds[1].ended", "round 1 is open too; expected at most one open round", N),
    Case("round unknown key", v2(set_key([*R, 0, "name"], "x")), "voting.rounds[0].name", "unknown key; expected only round, lanes", S),
    Case("vote of no round", v2(set_key([*V, 1, "round"], 3)), "voting.votes[1].round", "there is no round 3 in voting.rounds", N),
    Case("vote count zero", v2(set_key([*V, 0, "count"], 0)), "voting.votes[0].count", "a whole number of 1 or more, got 0", S),
    Case("vote count huge", v2(set_key([*V, 0, "count"], 2**70)), "voting.votes[0].count", "too large", N),
    Case("vote voter empty", v2(set_key([*V, 0, "voter"], "")), "voting.votes[0].voter", "a non-empty string, got ''", S),
    Case("vote twice", v2(set_key(V, [{"round": 2, "card": "c1", "voter": "Bo", "count": 1}] * 2)), "voting.votes[1]", "voter 'Bo' has two votes on card 'c1' in round 2", N),
    Case("votes over budget", v2(set_key([*V, 1, "count"], 2), set_key([*V, 1, "round"], 1), set_key([*V, 1, "voter"], "voter-1a2b3c4d")), "voting.votes[1].count", "voter 'voter-1a2b3c4d' has 4 dots in round 1; expected at most its budget of 2", N),
    Case("vote unknown key", v2(set_key([*V, 0, "weight"], 1)), "voting.votes[0].weight", "unknown key; expected only round, card, voter, count", S),
]  # fmt: skip
