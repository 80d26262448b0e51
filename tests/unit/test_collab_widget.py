"""The notebook widget shared by several people: who made each edit, history and own undo.

See docs/collaboration.md ("Undo is per person", "In a notebook") and docs/protocol.md.

Browser messages go to ``m._on_message`` as the comm delivers them, each carrying its
browser's ``user`` as the view sends it; everything between is the real code.
"""

from __future__ import annotations

import pandas as pd
import pytest
from protocol_helpers import assert_unchanged, edit, send_op, state

import journey_widget as jw
from journey_widget.model import History
from journey_widget.model.ops import EditCard
from journey_widget.widget.record import HISTORY_COLUMNS


def text_of(m: jw.JourneyMap, card_id: str) -> str:
    return str(m.data.set_index("id").at[card_id, "text"])


# ---- EditEvent.user ----------------------------------------------------------------------------
def test_edit_event_user_defaults_to_none_and_old_constructors_still_work():
    event = jw.EditEvent("edit", "c06", "text", "a", "b", "python", 3)
    assert event.user is None and event["user"] is None
    assert jw.EditEvent("edit", "c06", "text", "a", "b", "browser", 3, "ana").user == "ana"


def test_browser_edits_carry_their_user_python_edits_none(widget, wire, events):
    send_op(widget, edit("c06", "text", "Trail shoes", "Adds shoes to cart"), user="ana")
    send_op(widget, edit("c07", "text", "Code", "Applies a discount code"), op_id="v2-1")
    widget.edit_card("c10", "text", "Sure")
    assert [(e.id, e.source, e.user) for e in events] == [
        ("c06", "browser", "ana"),
        ("c07", "browser", None),
        ("c10", "python", None),
    ]


@pytest.mark.parametrize("user", ["", 5, True, {"name": "ana"}, ["ana"], "x" * 201])
def test_a_malformed_user_is_refused_before_anything_changes(widget, wire, user):
    before = state(widget)
    widget._on_message(
        widget,
        {"type": "op", "op_id": "v1-1", "base_revision": widget.revision, "user": user,
         "op": edit("c06", "text", "x")},
        [],
    )  # fmt: skip
    assert wire.last["type"] == "reject" and "'user'" in wire.last["reason"]
    assert_unchanged(widget, before)


def test_a_null_user_is_a_view_without_one(widget, wire, events):
    widget._on_message(
        widget,
        {"type": "op", "op_id": "v1-1", "base_revision": widget.revision, "user": None,
         "op": edit("c06", "text", "x")},
        [],
    )  # fmt: skip
    assert wire.last["type"] == "ack" and events[0].user is None


# ---- m.history ---------------------------------------------------------------------------------
def test_history_is_an_empty_frame_with_its_columns_before_any_edit(widget):
    h = widget.history
    assert list(h.columns) == list(HISTORY_COLUMNS) and h.empty
    assert str(h["time"].dtype) == "datetime64[ns, UTC]"
    assert all(h[c].dtype == object for c in HISTORY_COLUMNS[1:])


def test_history_has_one_row_per_change_from_python_and_browsers(widget, wire):
    widget.edit_card("c06", "text", "Trail shoes")
    send_op(widget, edit("c07", "text", "Code", "Applies a discount code"), user="ana")
    send_op(widget, {"kind": "delete", "id": "c10"}, op_id="v1-2", user="bo")
    send_op(widget, {"kind": "undo"}, op_id="v1-3", user="bo")
    h = widget.history
    assert list(h.columns) == list(HISTORY_COLUMNS)
    assert str(h["time"].dtype) == "datetime64[ns, UTC]" and h["time"].is_monotonic_increasing
    assert h[["user", "source", "kind", "card", "field"]].values.tolist() == [
        [None, "python", "edit", "c06", "text"],
        ["ana", "browser", "edit", "c07", "text"],
        ["bo", "browser", "delete", "c10", None],
        ["bo", "browser", "add", "c10", None],
    ]
    assert (h["old"][0], h["new"][0]) == ("Adds shoes to cart", "Trail shoes")
    assert h["old"][2]["text"] == "Unsure about the size" and h["new"][2] is None
    assert h["new"][3]["text"] == "Unsure about the size"
    assert (pd.Timestamp.now(tz="UTC") - h["time"]).max() < pd.Timedelta(minutes=5)


def test_history_is_a_copy(widget):
    widget.edit_card("c06", "text", "Trail shoes")
    frame = widget.history
    frame.loc[0, "user"] = "mallory"
    assert widget.history["user"][0] is None


def test_refused_edits_leave_no_row(widget, wire):
    send_op(widget, edit("nope", "text", "x"), user="ana")
    assert wire.last["type"] == "reject" and widget.history.empty


# ---- undo per person ---------------------------------------------------------------------------
def test_each_user_undoes_only_their_own_edit(widget, wire):
    send_op(widget, edit("c06", "text", "A's", "Adds shoes to cart"), user="ana")
    send_op(widget, edit("c07", "text", "B's", "Applies a discount code"), op_id="v2-1", user="bo")
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last == {"type": "ack", "op_id": "v1-2", "changed": True, "revision": 4}
    assert (text_of(widget, "c06"), text_of(widget, "c07")) == ("Adds shoes to cart", "B's")
    send_op(widget, {"kind": "undo"}, op_id="v1-3", user="ana")
    assert wire.last["changed"] is False  # nothing of ana's left: bo's edit stays
    assert text_of(widget, "c07") == "B's"
    send_op(widget, {"kind": "redo"}, op_id="v1-4", user="ana")
    assert (text_of(widget, "c06"), text_of(widget, "c07")) == ("A's", "B's")
    send_op(widget, {"kind": "undo"}, op_id="v2-2", user="bo")
    assert (text_of(widget, "c06"), text_of(widget, "c07")) == ("A's", "Applies a discount code")


def test_undo_restores_my_field_when_someone_else_edited_another_field(widget, wire):
    send_op(widget, edit("c10", "text", "Sure now", "Unsure about the size"), user="ana")
    send_op(widget, edit("c10", "score", 2, -1), op_id="v2-1", user="bo")
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["type"] == "ack"
    card = widget.data.set_index("id").loc["c10"]
    assert (card["text"], card["score"]) == ("Unsure about the size", 2)


def test_undo_of_a_field_someone_else_changed_since_is_refused_naming_them(widget, wire):
    send_op(widget, edit("c06", "text", "A's", "Adds shoes to cart"), user="ana")
    send_op(widget, edit("c06", "text", "B's", "A's"), op_id="v2-1", user="bo")
    before = state(widget)
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["type"] == "reject"
    assert wire.last["reason"] == 'Not undone: bo changed the text of card "B\'s" since'
    assert_unchanged(widget, before)


def test_undo_of_an_edit_of_a_card_someone_deleted_is_refused(widget, wire):
    send_op(widget, edit("c06", "text", "A's", "Adds shoes to cart"), user="ana")
    send_op(widget, {"kind": "delete", "id": "c06"}, op_id="v2-1", user="bo")
    before = state(widget)
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["type"] == "reject"
    assert wire.last["reason"] == 'Not undone: bo deleted card "A\'s" since'
    assert_unchanged(widget, before)


def test_undoing_an_add_someone_else_edited_since_is_refused(widget, wire):
    send_op(widget, {"kind": "add", "stage": "Cart", "step": None, "lane": "Actions",
                     "text": "New", "index": None}, user="ana")  # fmt: skip
    new_id = wire.last["id"]
    send_op(widget, edit(new_id, "text", "Bo's words", "New"), op_id="v2-1", user="bo")
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["type"] == "reject" and "bo changed the text" in wire.last["reason"]
    assert new_id in set(widget.data["id"])


def test_undo_of_a_move_after_others_edits_puts_the_card_back_in_its_cell(widget, wire):
    send_op(widget, {"kind": "move", "id": "c07", "stage": "Checkout", "step": "Payment",
                     "lane": "Actions", "index": 0}, user="ana")  # fmt: skip
    send_op(widget, {"kind": "delete", "id": "c06"}, op_id="v2-1", user="bo")
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["type"] == "ack"
    assert widget.journey.position("c07") == {
        "stage": "Cart", "step": None, "lane": "Actions", "index": 1,
    }  # fmt: skip


def test_structure_undo_that_no_longer_applies_is_refused_with_the_model_reason(widget, wire):
    send_op(widget, {"kind": "add_stage", "name": "Returns", "index": None}, user="ana")
    send_op(widget, {"kind": "add", "stage": "Returns", "step": None, "lane": "Actions",
                     "text": "Prints a label", "index": None}, op_id="v2-1", user="bo")  # fmt: skip
    before = state(widget)
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["type"] == "reject" and wire.last["reason"].startswith("Not undone: ")
    assert_unchanged(widget, before)


def test_python_undo_walks_everyones_steps_users_undos_included(widget, wire):
    original = widget.data
    send_op(widget, edit("c06", "text", "A's", "Adds shoes to cart"), user="ana")
    send_op(widget, edit("c07", "text", "B's", "Applies a discount code"), op_id="v2-1", user="bo")
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert widget.undo() is True  # walks back ana's undo: her edit is back
    assert text_of(widget, "c06") == "A's"
    while widget.undo():
        pass
    assert widget.data.equals(original)


def test_a_view_without_user_undoes_the_last_edit_whoever_made_it(widget, wire):
    send_op(widget, edit("c06", "text", "A's", "Adds shoes to cart"), user="ana")
    send_op(widget, {"kind": "undo"}, op_id="v9-1")
    assert text_of(widget, "c06") == "Adds shoes to cart"


def test_a_new_edit_ends_what_its_user_can_redo(journey):
    history = History(journey)
    history.apply(EditCard("c06", "text", "a"), "ana")
    history.undo_by("ana")
    history.apply(EditCard("c07", "text", "b"), "bo")
    assert history.redo_by("bo") is None
    history.apply(EditCard("c10", "text", "c"), "ana")
    assert history.redo_by("ana") is None
    assert journey.card("c06")["text"] == "Adds shoes to cart"


def test_a_users_undo_also_walks_back_python_edits_never_a_neighbours(widget, wire, events):
    # Python's edits belong to nobody (whoever ran the cell): anyone's undo may take them back.
    send_op(widget, edit("c07", "text", "B's", "Applies a discount code"), op_id="v2-1", user="bo")
    widget.edit_card("c06", "text", "From Python")
    send_op(widget, {"kind": "undo"}, op_id="v1-1", user="ana")
    assert (text_of(widget, "c06"), text_of(widget, "c07")) == ("Adds shoes to cart", "B's")
    assert events[-1].user == "ana" and widget.history["user"].iloc[-1] == "ana"
    send_op(widget, {"kind": "undo"}, op_id="v1-2", user="ana")
    assert wire.last["changed"] is False
    send_op(widget, {"kind": "redo"}, op_id="v1-3", user="ana")
    assert text_of(widget, "c06") == "From Python"
    send_op(widget, {"kind": "undo"}, op_id="v1-4", user="ana")
    widget.edit_card("c10", "text", "Python again")  # a new edit ends what ana can redo
    send_op(widget, {"kind": "redo"}, op_id="v1-5", user="ana")
    assert wire.last["changed"] is False and text_of(widget, "c06") == "Adds shoes to cart"
