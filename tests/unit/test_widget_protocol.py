"""The widget protocol without a browser (docs/protocol.md).

Browser messages are delivered to ``m._on_message`` as the comm would; what the widget sends
back is captured by replacing ``m.send`` (the transport) with a recorder. Everything between
(dispatch, validation, the model, traits, callbacks) is the real code.
"""

from __future__ import annotations

import json

import pytest
from journey_helpers import cell_ids
from protocol_helpers import assert_unchanged, card_in_trait, edit, send_op, state


# ---- edit --------------------------------------------------------------------------------------
def test_edit_updates_data_traits_acks_and_calls_back(widget, wire, events):
    revision = widget.revision
    send_op(widget, edit("c06", "text", "Adds trail shoes", "Adds shoes to cart"), op_id="v1-7")

    assert widget.data.set_index("id").at["c06", "text"] == "Adds trail shoes"
    assert widget.revision == revision + 1
    assert card_in_trait(widget, "c06")["text"] == "Adds trail shoes"
    assert wire.messages == [{"type": "ack", "op_id": "v1-7", "revision": revision + 1}]

    assert len(events) == 1
    event = events[0]
    assert (event.kind, event.id, event.field, event.old, event.new, event.source) == (
        "edit",
        "c06",
        "text",
        "Adds shoes to cart",
        "Adds trail shoes",
        "browser",
    )
    assert event.revision == revision + 1


def test_ack_is_sent_once_the_dataframe_holds_the_edit_naming_the_next_revision(widget, wire):
    # The ack goes out as soon as m.data holds the edit, before the (large) traits; it names the
    # revision those traits carry right after, and the view keeps the edit shown until then.
    in_data_at_send = []
    transport = widget.send

    def spy(content, buffers=None):
        in_data_at_send.append(widget.data.set_index("id").at["c06", "text"])
        transport(content, buffers)

    widget.send = spy
    revision = widget.revision
    send_op(widget, edit("c06", "text", "Adds trail shoes", "Adds shoes to cart"))
    assert in_data_at_send == ["Adds trail shoes"]
    assert wire.revisions_at_send == [revision]
    assert wire.last["revision"] == revision + 1 == widget.revision
    assert card_in_trait(widget, "c06")["text"] == "Adds trail shoes"


def test_edit_score(widget, wire, events):
    send_op(widget, edit("c10", "score", -2, -1))
    assert wire.last["type"] == "ack"
    assert card_in_trait(widget, "c10")["score"] == -2
    assert (events[0].old, events[0].new) == (-1.0, -2.0)


def test_edit_score_to_null_clears_it(widget, wire, events):
    send_op(widget, edit("c10", "score", None, -1))
    assert wire.last["type"] == "ack"
    assert card_in_trait(widget, "c10")["score"] is None
    assert widget.data.set_index("id")["score"].isna()["c10"]
    assert events[0].new is None


def test_edit_optional_field_adds_it_to_the_cards(widget, wire):
    send_op(widget, edit("c17", "severity", 4))
    assert wire.last["type"] == "ack"
    assert card_in_trait(widget, "c17")["severity"] == 4
    assert card_in_trait(widget, "c01")["severity"] is None


@pytest.mark.parametrize("score", [7, -3, 2.5])
def test_score_out_of_scale_is_rejected_with_value_and_scale(widget, wire, events, score):
    before = state(widget)
    send_op(widget, edit("c10", "score", score, -1), op_id="v1-9")
    reply = wire.last
    assert reply["type"] == "reject" and reply["op_id"] == "v1-9"
    assert reply["revision"] == before[1]
    assert f"{score:g}" in reply["reason"] and "-2..2" in reply["reason"]
    assert_unchanged(widget, before)
    assert events == []


def test_score_out_of_scale_is_fine_on_a_text_lane(widget, wire):
    send_op(widget, edit("c17", "score", 58))
    assert wire.last["type"] == "ack"
    assert card_in_trait(widget, "c17")["score"] == 58


def test_stale_edit_whose_old_no_longer_matches_is_rejected(widget, wire, events):
    base = widget.revision
    widget.edit_card("c06", "text", "Adds two pairs to cart")  # someone else, meanwhile
    events.clear()
    before = state(widget)
    send_op(widget, edit("c06", "text", "Adds trail shoes", "Adds shoes to cart"), base=base)
    reply = wire.last
    assert reply["type"] == "reject" and reply["revision"] == widget.revision
    assert "Adds two pairs to cart" in reply["reason"]  # what the card holds now
    assert "Adds trail shoes" in reply["reason"]  # what the user typed is not lost
    assert_unchanged(widget, before)
    assert events == []


def test_stale_edit_whose_old_still_matches_is_applied(widget, wire):
    base = widget.revision
    widget.edit_card("c07", "text", "Applies a voucher")  # another card changed meanwhile
    send_op(widget, edit("c06", "text", "Adds trail shoes", "Adds shoes to cart"), base=base)
    assert wire.last == {"type": "ack", "op_id": "v1-1", "revision": widget.revision}
    assert card_in_trait(widget, "c06")["text"] == "Adds trail shoes"


def test_stale_score_edit_compares_numbers_not_types(widget, wire):
    base = widget.revision
    widget.edit_card("c07", "text", "Applies a voucher")
    send_op(widget, edit("c10", "score", 0, -1), base=base)  # the card holds -1.0
    assert wire.last["type"] == "ack"


def test_stale_edit_of_a_deleted_card_is_rejected(widget, wire):
    base = widget.revision
    widget.delete_card("c06")
    before = state(widget)
    send_op(widget, edit("c06", "text", "x", "Adds shoes to cart"), base=base)
    assert wire.last["type"] == "reject" and "'c06'" in wire.last["reason"]
    assert_unchanged(widget, before)


# ---- add, delete, move -------------------------------------------------------------------------
def test_add_acks_with_the_new_id(widget, wire, events):
    revision = widget.revision
    send_op(
        widget,
        {
            "kind": "add",
            "stage": "Cart",
            "step": None,
            "lane": "Actions",
            "text": "Removes an item",
            "index": 1,
        },
        op_id="v1-3",
    )
    reply = wire.last
    assert reply["type"] == "ack" and reply["op_id"] == "v1-3"
    assert reply["revision"] == revision + 1
    new_id = reply["id"]
    assert isinstance(new_id, str) and new_id not in {f"c{i:02d}" for i in range(1, 22)}
    assert cell_ids(widget.data, "Cart", None, "Actions") == ["c06", new_id, "c07", "c08"]
    added = card_in_trait(widget, new_id)
    assert added == {
        "id": new_id,
        "stage": "Cart",
        "step": None,
        "lane": "Actions",
        "text": "Removes an item",
        "score": None,
    }
    assert [(e.kind, e.id, e.source) for e in events] == [("add", new_id, "browser")]
    assert events[0].new["text"] == "Removes an item"


def test_add_with_null_index_goes_last_and_text_defaults_to_empty(widget, wire):
    send_op(
        widget,
        {"kind": "add", "stage": "Checkout", "step": "Payment", "lane": "Emotions", "index": None},
    )
    new_id = wire.last["id"]
    assert cell_ids(widget.data, "Checkout", "Payment", "Emotions") == ["c16", new_id]
    assert card_in_trait(widget, new_id)["text"] == ""


def test_add_with_score(widget, wire):
    send_op(
        widget,
        {
            "kind": "add",
            "stage": "Delivery",
            "step": None,
            "lane": "Emotions",
            "text": "Delighted",
            "index": 0,
            "score": 2,
        },
    )
    assert card_in_trait(widget, wire.last["id"])["score"] == 2


def test_add_with_score_out_of_scale_is_rejected(widget, wire):
    before = state(widget)
    send_op(
        widget,
        {
            "kind": "add",
            "stage": "Delivery",
            "step": None,
            "lane": "Emotions",
            "text": "Ecstatic",
            "index": 0,
            "score": 9,
        },
    )
    assert wire.last["type"] == "reject" and "9" in wire.last["reason"]
    assert "id" not in wire.last
    assert_unchanged(widget, before)


def test_add_ids_are_unique(widget, wire):
    for _ in range(5):
        send_op(
            widget,
            {
                "kind": "add",
                "stage": "Cart",
                "step": None,
                "lane": "Actions",
                "text": "",
                "index": 0,
            },
        )
    ids = [m["id"] for m in wire.messages]
    assert len(set(ids)) == 5 and widget.data["id"].is_unique


def test_delete(widget, wire, events):
    revision = widget.revision
    send_op(widget, {"kind": "delete", "id": "c11"}, op_id="v1-4")
    assert wire.last == {"type": "ack", "op_id": "v1-4", "revision": revision + 1}
    assert "c11" not in set(widget.data["id"])
    assert all(c["id"] != "c11" for c in widget.cards) and len(widget.cards) == 20
    assert (events[0].kind, events[0].id, events[0].source) == ("delete", "c11", "browser")
    assert events[0].old["text"] == "Shipping cost shown only at the end"


def test_move(widget, wire, events):
    send_op(
        widget,
        {
            "kind": "move",
            "id": "c07",
            "stage": "Checkout",
            "step": "Payment",
            "lane": "Actions",
            "index": 0,
        },
    )
    assert wire.last["type"] == "ack"
    assert cell_ids(widget.data, "Checkout", "Payment", "Actions") == ["c07", "c14"]
    moved = card_in_trait(widget, "c07")
    assert (moved["stage"], moved["step"], moved["lane"]) == ("Checkout", "Payment", "Actions")
    event = events[0]
    assert (event.kind, event.id, event.field, event.source) == (
        "move",
        "c07",
        "position",
        "browser",
    )
    assert event.old == {"stage": "Cart", "step": None, "lane": "Actions", "index": 1}
    assert event.new == {"stage": "Checkout", "step": "Payment", "lane": "Actions", "index": 0}


def test_move_within_a_cell_reorders_the_cards_trait(widget, wire):
    send_op(
        widget,
        {"kind": "move", "id": "c08", "stage": "Cart", "step": None, "lane": "Actions", "index": 0},
    )
    order = [c["id"] for c in widget.cards if c["stage"] == "Cart" and c["lane"] == "Actions"]
    assert order == ["c08", "c06", "c07"]


def test_rejected_move_keeps_the_card(widget, wire):
    before = state(widget)
    send_op(
        widget,
        {
            "kind": "move",
            "id": "c07",
            "stage": "Cart",
            "step": None,
            "lane": "Actions",
            "index": -1,
        },
    )
    assert wire.last["type"] == "reject"
    assert_unchanged(widget, before)


def test_browser_edit_can_be_undone_from_python(widget, wire, events):
    before = widget.data
    send_op(widget, {"kind": "delete", "id": "c11"})
    assert widget.undo() is True
    assert widget.data.equals(before)
    assert events[-1].kind == "add" and events[-1].source == "python"


# ---- malformed messages ------------------------------------------------------------------------
MALFORMED = [
    None,
    "delete c06",
    42,
    [],
    {},
    {"kind": "explode"},
    {"kind": None},
    {"kind": "edit"},
    {"kind": "edit", "id": "c06"},
    {"kind": "edit", "id": 6, "field": "text"},
    {"kind": "edit", "id": "c06", "field": "text"},
    {"kind": "edit", "id": "c06", "field": "text", "value": {"html": "<b>x</b>"}},
    {"kind": "edit", "id": "c06", "field": "score", "value": "high"},
    {"kind": "edit", "id": "c06", "field": "score", "value": True},
    {"kind": "edit", "id": "c06", "field": "stage", "value": "Cart"},
    {"kind": "edit", "id": "c06", "field": "id", "value": "c99"},
    {"kind": "edit", "id": "c06", "field": "n_tickets_typo", "value": 1},
    {"kind": "edit", "id": "nope", "field": "text", "value": "x"},
    {"kind": "add"},
    {"kind": "add", "stage": "Cart"},
    {"kind": "add", "stage": "Cart", "lane": "Actions", "index": "0"},
    {"kind": "add", "stage": "Cart", "lane": "Actions", "index": 1.5},
    {"kind": "add", "stage": "Cart", "lane": "Actions", "index": -1},
    {"kind": "add", "stage": "Cart", "lane": "Actions", "text": 5},
    {"kind": "add", "stage": "Cart", "lane": "Actions", "step": 3},
    {"kind": "add", "stage": "Returns", "lane": "Actions"},
    {"kind": "add", "stage": "Cart", "lane": "Actions", "step": "Search"},
    {"kind": "delete"},
    {"kind": "delete", "id": None},
    {"kind": "delete", "id": ["c06"]},
    {"kind": "delete", "id": "nope"},
    {"kind": "move", "id": "c06"},
    {"kind": "move", "id": "c06", "stage": "Cart"},
    {"kind": "move", "id": "c06", "stage": "Cart", "lane": "Thoughts"},
    {"kind": "move", "id": "c06", "stage": "Cart", "lane": "Actions", "index": "first"},
]


@pytest.mark.parametrize("op", MALFORMED, ids=[json.dumps(o)[:60] for o in MALFORMED])
def test_malformed_op_is_rejected_not_raised(widget, wire, events, op):
    before = state(widget)
    send_op(widget, op, op_id="bad-1")
    assert len(wire.messages) == 1
    reply = wire.last
    assert reply["type"] == "reject" and reply["op_id"] == "bad-1"
    assert reply["revision"] == before[1]
    assert isinstance(reply["reason"], str) and reply["reason"]
    assert not reply["reason"].startswith("internal error"), reply["reason"]
    assert_unchanged(widget, before)
    assert events == []


@pytest.mark.parametrize(
    "content", [{"type": "hello"}, "op", None, {"op": {"kind": "delete", "id": "c06"}}]
)
def test_messages_that_are_not_ops_are_ignored(widget, wire, content):
    before = state(widget)
    widget._on_message(widget, content, [])
    assert wire.messages == []
    assert_unchanged(widget, before)


@pytest.mark.parametrize("base", [None, "12", 0, 10_000])
def test_odd_base_revisions_are_still_answered(widget, wire, base):
    send_op(widget, {"kind": "delete", "id": "c11"}, base=base)
    assert wire.last["type"] == "ack"


def test_every_op_gets_exactly_one_reply_echoing_its_id(widget, wire):
    ops = [
        edit("c06", "text", "a"),
        edit("c10", "score", 5),
        {"kind": "delete", "id": "c21"},
        {"kind": "bogus"},
        {"kind": "move", "id": "c01", "stage": "Cart", "step": None, "lane": "Actions", "index": 0},
    ]
    for i, op in enumerate(ops):
        send_op(widget, op, op_id=f"v1-{i}")
    assert [m["op_id"] for m in wire.messages] == [f"v1-{i}" for i in range(len(ops))]
    assert [m["type"] for m in wire.messages] == ["ack", "reject", "ack", "reject", "ack"]
    acked = [m["revision"] for m in wire.messages if m["type"] == "ack"]
    assert acked == sorted(acked) and len(set(acked)) == 3
