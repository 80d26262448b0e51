"""Comments and dot voting over the widget protocol (docs/protocol.md, docs/participation.md).

Each participation kind has exactly its keys, with strict types; the acks name the new comment
and round; the synced state never holds an open round's dots, and the ``dots`` messages that
carry them are addressed to the one view whose voter they are.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from journey_helpers import Recorder
from protocol_helpers import assert_unchanged, state

import journey_widget as jw
from journey_widget.widget.participation import FIELDS

GOOD: dict[str, dict[str, Any]] = {
    "add_comment": {"card": "p1", "text": "Seen twice", "author": "Ana", "reply_to": None},
    "resolve_comment": {"comment": "k1", "resolved": True},
    "start_voting": {"budget": 2, "lanes": ["Pain points"], "anonymous": True, "minutes": 5},
    "vote": {"card": "p1", "voter": "Ana", "count": 1},
    "end_voting": {},
}
BAD_VALUES: list[tuple[str, str, Any]] = [
    ("add_comment", "card", 3),
    ("add_comment", "text", 5),
    ("add_comment", "text", "x" * 4001),
    ("add_comment", "author", ""),
    ("add_comment", "author", None),
    ("add_comment", "reply_to", 1),
    ("resolve_comment", "comment", None),
    ("resolve_comment", "resolved", "yes"),
    ("start_voting", "budget", 0),
    ("start_voting", "budget", 100),
    ("start_voting", "budget", 2.5),
    ("start_voting", "budget", True),
    ("start_voting", "lanes", []),
    ("start_voting", "lanes", "Pain points"),
    ("start_voting", "lanes", [1]),
    ("start_voting", "anonymous", 1),
    ("start_voting", "minutes", 0),
    ("start_voting", "minutes", "5"),
    ("start_voting", "minutes", float("nan")),
    ("vote", "voter", ""),
    ("vote", "voter", "x" * 201),
    ("vote", "count", 2),
    ("vote", "count", 0),
    ("vote", "count", True),
]


def workshop() -> tuple[jw.JourneyMap, Recorder]:
    cards = pd.DataFrame(
        {
            "id": ["a1", "p1", "p2"],
            "stage": ["Browse", "Browse", "Pay"],
            "lane": ["Actions", "Pain points", "Pain points"],
            "text": ["Searches", "Slow search", "Card declined"],
        }
    )
    m = jw.JourneyMap(cards, stages=["Browse", "Pay"], lanes=["Actions", "Pain points"])
    wire = Recorder(m)
    m.send = wire
    return m, wire


def send(m: jw.JourneyMap, op: dict[str, Any], view: Any = "v1", op_id: str = "o") -> None:
    message = {"type": "op", "op_id": op_id, "base_revision": m.revision, "op": op}
    if view is not None:
        message["view"] = view
    m._on_message(m, message, [])


def replies(wire: Recorder) -> list[dict[str, Any]]:
    return [x for x in wire.messages if x["type"] in ("ack", "reject")]


def test_every_kind_is_in_the_table_and_a_good_message_is_acked():
    assert set(FIELDS) == set(GOOD)
    m, wire = workshop()
    for kind in ("add_comment", "resolve_comment", "start_voting", "vote", "end_voting"):
        send(m, {"kind": kind, **GOOD[kind]}, op_id=kind)
        assert replies(wire)[-1]["type"] == "ack", replies(wire)[-1]
    acks = {r["op_id"]: r for r in replies(wire)}
    assert acks["add_comment"]["comment"] == "k1"
    assert acks["start_voting"]["round"] == 1
    assert m.comments["resolved"].tolist() == [True]
    assert m.vote_totals()[["card", "votes"]].values.tolist() == [["p1", 1]]


@pytest.mark.parametrize(("kind", "key", "value"), BAD_VALUES)
def test_a_value_of_the_wrong_type_is_rejected_naming_it(kind, key, value):
    m, wire = workshop()
    m.add_comment("p1", "first")
    if kind in ("vote",):
        m.start_voting(budget=2, on="Pain points")
    before = state(m)
    send(m, {"kind": kind, **GOOD[kind], key: value})
    reply = replies(wire)[-1]
    assert reply["type"] == "reject"
    assert repr(key) in reply["reason"] or "empty comment" in reply["reason"]
    assert_unchanged(m, before)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_unknown_and_missing_keys_are_rejected(kind):
    m, wire = workshop()
    before = state(m)
    send(m, {"kind": kind, **GOOD[kind], "html": "<b>x</b>"})
    assert replies(wire)[-1]["type"] == "reject"
    assert "no key 'html'" in replies(wire)[-1]["reason"]
    for key in GOOD[kind]:
        send(m, {"kind": kind, **{k: v for k, v in GOOD[kind].items() if k != key}})
        assert replies(wire)[-1]["type"] == "reject"
        assert f"needs {key!r}" in replies(wire)[-1]["reason"]
    assert_unchanged(m, before)


def test_the_models_refusals_reach_the_view_with_their_reason():
    m, wire = workshop()
    send(m, {"kind": "vote", **GOOD["vote"]})
    assert "round" in replies(wire)[-1]["reason"]
    m.start_voting(budget=1, on="Pain points")
    send(m, {"kind": "vote", **GOOD["vote"]})
    send(m, {"kind": "vote", **GOOD["vote"], "card": "p2"})
    assert replies(wire)[-1]["type"] == "reject" and "budget" in replies(wire)[-1]["reason"]
    send(m, {"kind": "vote", **GOOD["vote"], "card": "a1", "count": 1})
    assert replies(wire)[-1]["type"] == "reject" and "Actions" in replies(wire)[-1]["reason"]


@pytest.mark.parametrize("view", ["", 5, "x" * 41, ["v1"]])
def test_a_malformed_view_is_rejected(view):
    m, wire = workshop()
    before = state(m)
    send(m, {"kind": "add_comment", **GOOD["add_comment"]}, view=view)
    assert replies(wire)[-1]["type"] == "reject" and "'view'" in replies(wire)[-1]["reason"]
    assert_unchanged(m, before)


def test_comments_are_synced_as_text_and_hidden_dots_are_not():
    m, _ = workshop()
    comment = {**GOOD["add_comment"], "text": "<script>x</script>", "author": "Dee"}
    send(m, {"kind": "add_comment", **comment})
    send(m, {"kind": "start_voting", **GOOD["start_voting"], "anonymous": False})
    send(m, {"kind": "vote", **GOOD["vote"], "voter": "Quokka"}, view="va")
    send(m, {"kind": "vote", **GOOD["vote"], "voter": "Zanzibar", "card": "p2"}, view="vb")
    m.vote("p2", voter="Yeti")
    synced = str(m.get_state())
    assert "<script>x</script>" in synced
    for name in ("Quokka", "Zanzibar", "Yeti"):
        assert name not in synced
    assert m.participation["totals"] == []
    assert m.participation["rounds"][0]["ended"] is None
    m.end_voting()
    assert m.participation["totals"] == [
        {"round": 1, "card": "p2", "votes": 2},
        {"round": 1, "card": "p1", "votes": 1},
    ]


def test_dots_go_only_to_the_view_that_votes():
    m, wire = workshop()
    m.start_voting(budget=3, on="Pain points")
    send(m, {"kind": "vote", **GOOD["vote"], "voter": "Ana"}, view="va")
    send(m, {"kind": "vote", **GOOD["vote"], "voter": "Bo", "card": "p2"}, view="vb")
    send(m, {"kind": "vote", **GOOD["vote"], "voter": "Bo", "card": "p2"}, view="vb")
    dots = [x for x in wire.messages if x["type"] == "dots"]
    assert [d["view"] for d in dots] == ["va", "vb", "vb"]
    for d in dots:
        assert d["voter"] == {"va": "Ana", "vb": "Bo"}[d["view"]]
    assert dots[0]["cards"] == {"p1": 1} and dots[-1]["cards"] == {"p2": 2}
    assert all("p1" not in d["cards"] for d in dots if d["view"] == "vb")
    # A dot from Python for Ana reaches Ana's view only; Bo's view hears nothing.
    sent = len(wire.messages)
    m.vote("p2", voter="Ana")
    new = [x for x in wire.messages[sent:] if x["type"] == "dots"]
    assert [(d["view"], d["cards"]) for d in new] == [("va", {"p1": 1, "p2": 1})]


def test_a_view_asks_for_its_dots_and_leaves():
    m, wire = workshop()
    m.start_voting(budget=3, on="Pain points", anonymous=True)
    m.vote("p1", voter="Ana", count=1)
    m._on_message(m, {"type": "dots", "view": "va", "voter": "Ana"}, [])
    assert wire.last == {
        "type": "dots",
        "view": "va",
        "voter": "Ana",
        "round": 1,
        "cards": {"p1": 1},
        "used": 1,
    }
    m._on_message(m, {"type": "dots", "view": "va", "voter": None}, [])
    sent = len(wire.messages)
    m.vote("p2", voter="Ana")
    assert not [x for x in wire.messages[sent:] if x["type"] == "dots"]
    for bad in (
        {"type": "dots"},
        {"type": "dots", "view": 3, "voter": "A"},
        {"type": "dots", "view": "v", "voter": 5},
    ):
        m._on_message(m, bad, [])
    assert not [x for x in wire.messages[sent:] if x["type"] == "dots"]


def test_the_end_of_a_round_tells_each_voting_view():
    m, wire = workshop()
    m.start_voting(budget=3, on="Pain points")
    send(m, {"kind": "vote", **GOOD["vote"]}, view="va")
    sent = len(wire.messages)
    send(m, {"kind": "end_voting"}, view="vb")
    dots = [x for x in wire.messages[sent:] if x["type"] == "dots"]
    assert dots == [
        {"type": "dots", "view": "va", "voter": "Ana", "round": None, "cards": {}, "used": 0}
    ]


@pytest.mark.parametrize("anonymous", [True, False])
def test_a_browser_vote_in_an_anonymous_round_names_nobody_in_the_history(anonymous):
    m, _wire = workshop()
    m.start_voting(budget=3, on="Pain points", anonymous=anonymous)
    seen: list[Any] = []
    m.on_edit(seen.append)
    message = {"type": "op", "op_id": "o", "base_revision": m.revision, "view": "va", "user": "Ana"}
    m._on_message(m, {**message, "op": {"kind": "vote", **GOOD["vote"], "voter": "Ana"}}, [])
    votes = m.history[m.history["kind"] == "vote"]
    users = {str(u) for u in votes["user"]} | {str(e.user) for e in seen}
    if anonymous:  # the token m.votes holds, never the name
        assert "Ana" not in users and users == set(m.votes["voter"])
    else:
        assert users == {"Ana"}
