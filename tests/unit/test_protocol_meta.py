"""The map's title, persona and state edited from the browser (docs/protocol.md).

Messages go to ``m._on_message`` as the comm delivers them; replies are recorded by the ``wire``
fixture. Everything in between is the real widget and model.
"""

from __future__ import annotations

import pytest
from journey_helpers import send

PERSONA = {
    "name": "Ana",
    "goals": ["Pay fast", "Get the right size"],
    "frustrations": ["Hidden fees"],
    "quote": "Why is this so hard?",
    "description": "Buys online twice a month",
    "avatar": {"initials": "AN", "color": "teal"},
}


def test_set_title_is_applied_published_and_undone(widget, wire, events):
    old, revision = widget.title, widget.revision
    send(widget, {"kind": "set_title", "title": "Checkout <b>v2</b>"})
    assert wire.last == {"type": "ack", "op_id": "v1-1", "revision": revision + 1}
    assert widget.title == "Checkout <b>v2</b>"
    assert widget.structure["title"] == "Checkout <b>v2</b>"
    assert [(e.kind, e.old, e.new, e.source) for e in events] == [
        ("set_title", old, "Checkout <b>v2</b>", "browser")
    ]
    send(widget, {"kind": "undo"}, "v1-2")
    assert wire.last["changed"] is True
    assert widget.title == old and widget.structure["title"] == old


def test_an_empty_title_is_allowed(widget, wire):
    send(widget, {"kind": "set_title", "title": ""})
    assert wire.last["type"] == "ack" and widget.title == ""


def test_set_persona_replaces_it_in_one_undo_step(widget, wire, events):
    before = widget.persona
    send(widget, {"kind": "set_persona", "persona": {**PERSONA, "segment": "returning"}})
    assert wire.last["type"] == "ack"
    p = widget.persona
    assert p is not None
    assert (p.name, p.goals, p.frustrations, p.quote) == (
        "Ana",
        ("Pay fast", "Get the right size"),
        ("Hidden fees",),
        "Why is this so hard?",
    )
    assert p.avatar is not None and (p.avatar.initials, p.avatar.color) == ("AN", "teal")
    assert p.extra == {"segment": "returning"}  # other keys are kept
    assert widget.structure["persona"] == {"segment": "returning", **PERSONA}
    assert [e.kind for e in events] == ["set_persona"]
    assert events[0].new == widget.structure["persona"]
    send(widget, {"kind": "undo"}, "v1-2")
    assert widget.persona == before
    send(widget, {"kind": "redo"}, "v1-3")
    assert widget.persona == p


def test_set_persona_null_removes_it_and_undo_brings_it_back(widget, wire):
    widget.persona = {"name": "Ana", "goals": ["Pay fast"]}
    send(widget, {"kind": "set_persona", "persona": None})
    assert wire.last["type"] == "ack"
    assert widget.persona is None and widget.structure["persona"] is None
    widget.undo()
    assert widget.persona is not None and widget.persona.goals == ("Pay fast",)


def test_set_state_marks_the_map_future_and_back(widget, wire, events):
    send(widget, {"kind": "set_state", "state": "future"})
    assert wire.last["type"] == "ack"
    assert widget.state == "future" and widget.structure["state"] == "future"
    send(widget, {"kind": "undo"}, "v1-2")
    assert widget.state == "current"
    assert [(e.kind, e.old, e.new) for e in events] == [
        ("set_state", "current", "future"),
        ("set_state", "future", "current"),
    ]


@pytest.mark.parametrize(
    ("op", "reason"),
    [
        (
            {"kind": "set_state", "state": "past"},
            "state must be one of current, future, got 'past'",
        ),
        ({"kind": "set_state"}, "malformed operation: 'state' is None"),
        ({"kind": "set_title", "title": 5}, "malformed operation: 'title' is 5"),
        (
            {"kind": "set_persona", "persona": {"name": "  "}},
            "a persona needs a non-empty name, got '  '",
        ),
        (
            {"kind": "set_persona", "persona": {"name": "Ana", "goals": [1]}},
            "persona goals must be a string or a list of strings, got [1]",
        ),
        (
            {"kind": "set_persona", "persona": {"name": "Ana", "quote": 3}},
            "persona quote must be a string, got 3",
        ),
        (
            {"kind": "set_persona", "persona": {"name": "Ana", "avatar": {"initials": "A B"}}},
            "avatar initials must be 1 to 3 characters without spaces, got 'A B'",
        ),
        (
            {
                "kind": "set_persona",
                "persona": {"name": "Ana", "avatar": {"initials": "A", "color": "#f00"}},
            },
            "avatar color must be one of gray, red, orange, yellow, green, teal, blue, purple, "
            "pink, got '#f00'",
        ),
        (
            {"kind": "set_persona", "persona": "Ana"},
            "malformed operation: 'persona' is 'Ana', expected an object or null",
        ),
        (
            {"kind": "set_persona"},
            "malformed operation: set_persona needs 'persona' (an object, or null for no persona)",
        ),
    ],
)
def test_invalid_metadata_is_rejected_with_a_reason_and_changes_nothing(
    widget, wire, events, op, reason
):
    widget.persona = {"name": "Ben"}
    before = (widget.title, widget.persona, widget.state, widget.revision, dict(widget.structure))
    send(widget, op)
    assert wire.last == {"type": "reject", "op_id": "v1-1", "revision": before[3], "reason": reason}
    assert (
        widget.title,
        widget.persona,
        widget.state,
        widget.revision,
        dict(widget.structure),
    ) == before
    assert [e.kind for e in events] == ["set_persona"]  # only the Python assignment
    widget.undo()  # the rejected op left no undo step: undo takes back the assignment
    assert widget.persona is None or widget.persona.name != "Ben"


def test_a_read_only_map_refuses_metadata_edits(widget, wire):
    widget.read_only = True
    send(widget, {"kind": "set_title", "title": "Nope"})
    assert wire.last["type"] == "reject" and "read-only" in wire.last["reason"]
    assert widget.title != "Nope"
