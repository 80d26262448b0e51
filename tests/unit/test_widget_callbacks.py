"""The widget protocol without a browser, continued.

Edit callbacks and the traits that Python edits publish (docs/protocol.md). See
test_widget_protocol.py for how messages are sent.
"""

from __future__ import annotations

import json
import logging

import pytest
from protocol_helpers import assert_unchanged, card_in_trait, edit, send_op, state

import journey_widget as jw


# ---- callbacks ---------------------------------------------------------------------------------
def test_failing_callback_does_not_prevent_the_ack(widget, wire, caplog):
    seen = []

    def broken(event):
        raise RuntimeError("analyst's callback is broken")

    widget.on_edit(broken)
    widget.on_edit(seen.append)
    with caplog.at_level(logging.ERROR, logger="journey_widget"):
        send_op(widget, edit("c06", "text", "Adds trail shoes"))
    assert wire.last["type"] == "ack"
    assert card_in_trait(widget, "c06")["text"] == "Adds trail shoes"
    assert [e.kind for e in seen] == ["edit"]  # later callbacks still run
    assert "broken" in caplog.text


def test_python_edit_with_failing_callback_is_applied_and_reports_the_error(widget):
    def broken(event):
        raise RuntimeError("analyst's callback is broken")

    widget.on_edit(broken)
    revision = widget.revision
    with pytest.raises(RuntimeError, match="broken"):
        widget.edit_card("c06", "text", "Adds trail shoes")
    assert widget.revision == revision + 1
    assert widget.data["text"][5] == "Adds trail shoes"


def test_python_side_edits_call_back_with_source_python(widget, wire, events):
    new_id = widget.add_card("Cart", "Emotions", "Relieved by free returns", score=1, index=0)
    widget.edit_card(new_id, "text", "Relieved")
    widget.move_card(new_id, stage="Delivery")
    widget.undo()
    widget.redo()
    widget.delete_card(new_id)
    widget.rename_stage("Cart", "Basket")
    kinds = [(e.kind, e.id, e.source) for e in events]
    assert kinds == [
        ("add", new_id, "python"),
        ("edit", new_id, "python"),
        ("move", new_id, "python"),
        ("move", new_id, "python"),
        ("move", new_id, "python"),
        ("delete", new_id, "python"),
        ("rename_stage", None, "python"),
    ]
    assert events[1].field == "text" and events[1].old == "Relieved by free returns"
    assert events[1].new == "Relieved"
    assert events[3].new["stage"] == "Cart"  # undo moved it back
    assert events[-1].old == "Cart" and events[-1].new == "Basket"
    revisions = [e.revision for e in events]
    assert revisions == sorted(revisions) and revisions[-1] == widget.revision
    assert wire.messages == []  # Python edits reach views through traits, not messages


def test_undo_calls_back_with_the_inverse_change(widget, events):
    widget.edit_card("c06", "text", "Adds trail shoes")
    widget.undo()
    last = events[-1]
    assert (last.kind, last.id, last.field, last.old, last.new, last.source) == (
        "edit",
        "c06",
        "text",
        "Adds trail shoes",
        "Adds shoes to cart",
        "python",
    )


def test_data_assignment_calls_back_with_replace(widget, cards, events):
    widget.data = cards.iloc[:5]
    assert [(e.kind, e.old, e.new, e.source) for e in events] == [("replace", 21, 5, "python")]


def test_events_read_like_dicts(widget, events):
    widget.edit_card("c06", "text", "Adds trail shoes")
    event = events[0]
    assert event["kind"] == "edit" and event["id"] == "c06" and event["field"] == "text"
    assert event["old"] == "Adds shoes to cart" and event["new"] == "Adds trail shoes"
    assert event["source"] == "python" and event["revision"] == widget.revision
    assert event.to_dict() == {
        "kind": "edit",
        "id": "c06",
        "field": "text",
        "old": "Adds shoes to cart",
        "new": "Adds trail shoes",
        "source": "python",
        "revision": widget.revision,
        "user": None,
    }
    assert isinstance(event, jw.EditEvent)


def test_event_values_are_plain_python(widget, events):
    widget.edit_card("c11", "n_tickets", 40)
    new_id = widget.add_card("Cart", "Actions", "Removes an item", n_tickets=2)
    assert type(events[0].old) is int and type(events[0].new) is int
    added = events[1].new
    assert added["id"] == new_id
    assert type(added["n_tickets"]) is int, type(added["n_tickets"])
    json.dumps({k: v for k, v in added.items() if k != "first_seen"})


def test_on_edit_works_as_decorator_and_can_be_removed(widget):
    seen = []

    @widget.on_edit
    def record(event):
        seen.append(event.kind)

    widget.edit_card("c06", "text", "a")
    widget.on_edit(record, remove=True)
    widget.edit_card("c06", "text", "b")
    assert seen == ["edit"]


def test_registering_a_callback_twice_calls_it_once(widget):
    seen = []
    widget.on_edit(seen.append)
    widget.on_edit(seen.append)
    widget.edit_card("c06", "text", "a")
    assert len(seen) == 1


# ---- traits from Python edits ------------------------------------------------------------------
def test_python_edits_publish_new_trait_objects(widget):
    cards, structure, revision = widget.cards, widget.structure, widget.revision
    widget.edit_card("c06", "text", "Adds trail shoes")
    assert widget.cards is not cards and widget.revision == revision + 1
    assert cards[5]["text"] == "Adds shoes to cart"  # the old value was not mutated
    widget.add_stage("Returns", steps=["Label", "Refund"])
    assert widget.structure is not structure
    assert widget.structure["stages"][-1] == {
        "name": "Returns",
        "steps": ["Label", "Refund"],
        "description": "",
    }
    assert structure["stages"][-1]["name"] == "Delivery"


def test_structure_trait_follows_lane_and_step_edits(widget):
    widget.add_lane("Conversion", kind="metric", index=3)
    widget.move_lane("Emotions", 0)
    widget.rename_step("Checkout", "Payment", "Pay")
    lanes = widget.structure["lanes"]
    assert lanes[0] == {"name": "Emotions", "kind": "emotion"}
    assert {"name": "Conversion", "kind": "metric"} in lanes
    assert widget.structure["stages"][2]["steps"] == ["Address", "Pay"]
    assert all(
        c["step"] == "Pay"
        for c in widget.cards
        if c["stage"] == "Checkout" and c["step"] not in (None, "Address")
    )


def test_constructor_publishes_revision_and_traits(widget):
    assert widget.revision >= 1
    assert len(widget.cards) == 21
    assert widget.structure["title"] == "Online checkout"
    assert widget.structure["scale"] == {"min": -2, "max": 2, "step": 1}
    assert widget.read_only is False
    assert jw.JourneyMap(None, read_only=True).read_only is True


def test_a_read_only_map_refuses_browser_edits_but_not_python_ones(widget, wire, events):
    widget.read_only = True
    before = state(widget)
    send_op(widget, edit("c01", "text", "typed while read-only"), op_id="ro-1")
    assert wire.last["type"] == "reject" and wire.last["op_id"] == "ro-1"
    assert "read-only" in wire.last["reason"]
    assert_unchanged(widget, before)
    assert events == []
    widget.edit_card("c01", "text", "edited from Python")
    assert widget.data.set_index("id").at["c01", "text"] == "edited from Python"
