"""The widget's ``check`` message (docs/protocol.md).

The browser's Check button runs ``m.check()`` in the kernel and gets the findings back, and
nothing about the map changes.
"""

from __future__ import annotations

import json

import pandas as pd
from journey_helpers import Recorder

import journey_widget as jw


def ask(m: jw.JourneyMap, **extra: object) -> None:
    m._on_message(m, {"type": "check", "request_id": "check-1-abc", **extra}, [])


def test_check_replies_with_the_findings_of_m_check_and_changes_nothing() -> None:
    m = jw.templates.load("b2c")
    m.add_card("Awareness", "Pain points", "Cannot find the size chart")
    wire = Recorder(m)
    m.send = wire  # type: ignore[method-assign]
    data, revision, cards = m.data, m.revision, m.cards

    ask(m)

    [reply] = wire.messages
    assert reply["type"] == "findings" and reply["request_id"] == "check-1-abc"
    expected = [f.to_dict() for f in m.check()]
    assert reply["findings"] == expected
    rules = [f["rule"] for f in reply["findings"]]
    assert rules.count("empty-stage") == 4  # Consideration .. Advocacy
    assert "pain-without-evidence" in rules
    pain = next(f for f in reply["findings"] if f["rule"] == "pain-without-evidence")
    assert pain["card"] == m.data["id"].iloc[0] and pain["stage"] == "Awareness"
    assert set(pain) == {"rule", "message", "severity", "stage", "lane", "card"}
    assert "error" not in reply
    json.dumps(reply)  # it travels as JSON
    assert m.revision == revision and m.cards == cards and m.data.equals(data)


def test_a_clean_map_gets_an_empty_list() -> None:
    cards = pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["Signs up"]})
    m = jw.JourneyMap(cards)
    wire = Recorder(m)
    m.send = wire  # type: ignore[method-assign]
    ask(m)
    assert wire.messages == [{"type": "findings", "request_id": "check-1-abc", "findings": []}]


def test_bad_rules_are_answered_with_the_reason_not_raised() -> None:
    m = jw.templates.load("b2c")
    wire = Recorder(m)
    m.send = wire  # type: ignore[method-assign]
    ask(m, rules=["no-such-rule"])
    ask(m, rules="empty-stage")
    first, second = wire.messages
    assert first["findings"] == [] and "no-such-rule" in first["error"]
    assert second["findings"] == [] and "list of rule names" in second["error"]
    ask(m, rules=["empty-stage"])
    assert {f["rule"] for f in wire.messages[-1]["findings"]} == {"empty-stage"}


def test_check_is_answered_on_read_only_maps_and_other_messages_still_route() -> None:
    m = jw.templates.load("b2c")
    m.read_only = True
    wire = Recorder(m)
    m.send = wire  # type: ignore[method-assign]
    ask(m)
    assert wire.messages[0]["type"] == "findings" and len(wire.messages[0]["findings"]) == 5
    m._on_message(
        m,
        {
            "type": "op",
            "op_id": "v1-1",
            "base_revision": m.revision,
            "op": {"kind": "delete", "id": "nope"},
        },
        [],
    )
    assert wire.messages[1]["type"] == "reject"
