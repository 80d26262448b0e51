"""Structure, batch and undo/redo operations from the browser (docs/protocol.md).

Messages go to ``m._on_message`` as the comm delivers them; replies are recorded by the ``wire``
fixture. Everything in between is the real widget and model.
"""

from __future__ import annotations

import json

import pytest
from journey_helpers import cell_ids, send


# ---- stages ------------------------------------------------------------------------------------
def test_add_rename_move_remove_a_stage(widget, wire, events):
    send(widget, {"kind": "add_stage", "name": "Returns", "index": 2})
    assert wire.last["type"] == "ack"
    assert widget.stages == ("Browse", "Cart", "Returns", "Checkout", "Delivery")
    send(widget, {"kind": "rename_stage", "old": "Cart", "new": "Basket"})
    assert widget.stages[1] == "Basket"
    assert set(widget.data.loc[widget.data["id"].isin(["c06", "c11"]), "stage"]) == {"Basket"}
    assert {c["stage"] for c in widget.cards if c["id"] in ("c06", "c11")} == {"Basket"}
    send(widget, {"kind": "move_stage", "name": "Returns", "index": 4})
    assert widget.stages[-1] == "Returns"
    send(widget, {"kind": "remove_stage", "name": "Returns"})
    assert widget.stages == ("Browse", "Basket", "Checkout", "Delivery")
    assert [m["type"] for m in wire.messages] == ["ack"] * 4
    assert [e.kind for e in events] == ["add_stage", "rename_stage", "move_stage", "remove_stage"]
    assert {e.source for e in events} == {"browser"}
    assert [s["name"] for s in widget.structure["stages"]] == list(widget.stages)


def test_removing_a_stage_with_cards_needs_drop_cards(widget, wire):
    revision = widget.revision
    send(widget, {"kind": "remove_stage", "name": "Cart"})
    assert wire.last["type"] == "reject"
    assert "7 card(s)" in wire.last["reason"] and "'Cart'" in wire.last["reason"]
    assert widget.revision == revision and "Cart" in widget.stages
    send(widget, {"kind": "remove_stage", "name": "Cart", "drop_cards": True})
    assert wire.last["type"] == "ack"
    assert "Cart" not in widget.stages and len(widget.data) == 14


def test_browser_undo_brings_a_removed_stage_back_with_its_cards(widget, wire, events):
    before = widget.data
    send(widget, {"kind": "remove_stage", "name": "Cart", "drop_cards": True}, "v1-1")
    events.clear()
    send(widget, {"kind": "undo"}, "v1-2")
    assert wire.last == {
        "type": "ack",
        "op_id": "v1-2",
        "revision": widget.revision,
        "changed": True,
    }
    assert widget.stages == ("Browse", "Cart", "Checkout", "Delivery")
    assert widget.data.equals(before) and dict(widget.data.dtypes) == dict(before.dtypes)
    assert events and {e.source for e in events} == {"browser"}
    assert {e.kind for e in events} == {"add_stage", "add"}
    send(widget, {"kind": "redo"}, "v1-3")
    assert wire.last["changed"] is True and "Cart" not in widget.stages


def test_undo_with_nothing_to_undo_is_acknowledged_as_unchanged(widget, wire, events):
    revision = widget.revision
    send(widget, {"kind": "undo"})
    assert wire.last == {"type": "ack", "op_id": "v1-1", "revision": revision, "changed": False}
    send(widget, {"kind": "redo"}, "v1-2")
    assert wire.last["changed"] is False and widget.revision == revision
    assert events == []


def test_browser_undo_also_undoes_python_edits(widget, wire):
    widget.edit_card("c01", "text", "from Python")
    send(widget, {"kind": "undo"})
    assert widget.data.set_index("id").at["c01", "text"] == "Searches for running shoes"
    assert widget.redo() is True
    assert widget.data.set_index("id").at["c01", "text"] == "from Python"


# ---- lanes and steps ---------------------------------------------------------------------------
def test_add_lane_with_a_kind_rename_move_remove(widget, wire, events):
    send(widget, {"kind": "add_lane", "name": "Conversion", "lane_kind": "metric", "index": 0})
    assert widget.lanes[0] == "Conversion" and widget.lane_kind("Conversion") == "metric"
    send(widget, {"kind": "add_lane", "name": "Feelings"})  # kind guessed from the name
    assert widget.lane_kind("Feelings") == "emotion"
    send(widget, {"kind": "rename_lane", "old": "Pain points", "new": "Pains"})
    assert set(widget.data.loc[widget.data["id"] == "c11", "lane"]) == {"Pains"}
    send(widget, {"kind": "move_lane", "name": "Conversion", "index": 3})
    assert widget.lanes.index("Conversion") == 3
    send(widget, {"kind": "remove_lane", "name": "Pains", "drop_cards": True})
    assert "Pains" not in widget.lanes and "c11" not in set(widget.data["id"])
    assert all(m["type"] == "ack" for m in wire.messages)
    assert events[-1].kind == "remove_lane"


def test_step_operations(widget, wire):
    send(widget, {"kind": "add_step", "stage": "Cart", "name": "Review", "index": 0})
    assert widget.steps("Cart") == ("Review",)
    send(widget, {"kind": "rename_step", "stage": "Checkout", "old": "Payment", "new": "Pay"})
    assert cell_ids(widget.data, "Checkout", "Pay", "Actions") == ["c14"]
    send(widget, {"kind": "move_step", "stage": "Checkout", "name": "Pay", "index": 0})
    assert widget.steps("Checkout") == ("Pay", "Address")
    send(widget, {"kind": "remove_step", "stage": "Checkout", "name": "Address"})
    assert wire.last["type"] == "reject" and "1 card(s)" in wire.last["reason"]
    send(
        widget, {"kind": "remove_step", "stage": "Checkout", "name": "Address", "drop_cards": True}
    )
    assert wire.last["type"] == "ack" and widget.steps("Checkout") == ("Pay",)
    assert "c13" not in set(widget.data["id"])


MALFORMED = [
    {"kind": "add_stage"},
    {"kind": "add_stage", "name": ""},
    {"kind": "add_stage", "name": 3},
    {"kind": "add_stage", "name": "Cart"},
    {"kind": "add_stage", "name": "X", "index": 99},
    {"kind": "rename_stage", "old": "Nope", "new": "X"},
    {"kind": "rename_stage", "old": "Cart", "new": "Browse"},
    {"kind": "move_stage", "name": "Cart"},
    {"kind": "move_stage", "name": "Cart", "index": 9},
    {"kind": "remove_stage", "name": "Cart", "drop_cards": "yes"},
    {"kind": "add_lane", "name": "X", "lane_kind": "chart"},
    {"kind": "remove_lane", "name": "Nope"},
    {"kind": "add_step", "stage": "Nope", "name": "x"},
    {"kind": "rename_step", "stage": "Cart", "old": "x", "new": "y"},
    {"kind": "batch", "ops": []},
    {"kind": "batch", "ops": "edit"},
    {"kind": "batch", "ops": [{"kind": "undo"}]},
    {"kind": "batch", "ops": [{"kind": "add_stage", "name": "X"}]},
    {"kind": "batch", "ops": [{"kind": "delete", "id": "c01"}] * 21},
]


@pytest.mark.parametrize("op", MALFORMED, ids=[json.dumps(o)[:50] for o in MALFORMED])
def test_bad_structure_and_batch_ops_are_rejected_without_change(widget, wire, events, op):
    data, structure, revision = widget.data, widget.structure, widget.revision
    send(widget, op, "bad-1")
    assert wire.last["type"] == "reject" and wire.last["op_id"] == "bad-1"
    assert not wire.last["reason"].startswith("internal error"), wire.last["reason"]
    assert widget.data.equals(data) and widget.structure == structure
    assert widget.revision == revision and events == []


# ---- batches -----------------------------------------------------------------------------------
def test_a_batch_is_applied_as_one_undoable_step(widget, wire, events):
    send(
        widget,
        {
            "kind": "batch",
            "ops": [
                {"kind": "edit", "id": "c17", "field": "text", "value": "Declined", "old": None},
                {"kind": "edit", "id": "c17", "field": "severity", "value": 5, "old": None},
                {"kind": "edit", "id": "c17", "field": "channel", "value": "web", "old": None},
            ],
        },
    )
    assert wire.last["type"] == "ack"
    card = widget.journey.card("c17")
    assert (card["text"], card["severity"], card["channel"]) == ("Declined", 5, "web")
    assert [e.field for e in events] == ["text", "severity", "channel"]
    assert widget.undo() is True
    assert "severity" not in widget.data.columns and "channel" not in widget.data.columns
    assert widget.journey.card("c17")["text"] == "Card declined without a reason"


def test_a_batch_with_one_bad_edit_changes_nothing(widget, wire, events):
    data = widget.data
    send(
        widget,
        {
            "kind": "batch",
            "ops": [
                {"kind": "edit", "id": "c17", "field": "text", "value": "Declined"},
                {"kind": "edit", "id": "c17", "field": "confidence", "value": "certain"},
            ],
        },
    )
    assert wire.last["type"] == "reject" and "'certain'" in wire.last["reason"]
    assert widget.data.equals(data) and list(widget.data.columns) == list(data.columns)
    assert events == []


def test_read_only_refuses_undo_and_structure_ops(widget, wire):
    widget.edit_card("c01", "text", "x")
    widget.read_only = True
    for op in ({"kind": "undo"}, {"kind": "add_stage", "name": "X"}):
        send(widget, op)
        assert wire.last["type"] == "reject" and "read-only" in wire.last["reason"]
    assert widget.data.set_index("id").at["c01", "text"] == "x"


def test_messages_stay_small(widget):
    ops = [
        {"kind": "remove_stage", "name": "Checkout", "drop_cards": True},
        {
            "kind": "move",
            "id": "c-0123456789",
            "stage": "Checkout",
            "step": "Payment",
            "lane": "Opportunities",
            "index": 12,
        },
        {
            "kind": "batch",
            "ops": [
                {"kind": "edit", "id": "c17", "field": f, "value": "x" * 40, "old": "y" * 40}
                for f in ("text", "channel", "owner")
            ],
        },
    ]
    for op in ops:
        message = {"type": "op", "op_id": "vabcdef-123", "base_revision": 123456, "op": op}
        assert len(json.dumps(message)) < 1024
