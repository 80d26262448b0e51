"""Undo and redo: model/history.py and the widget's m.undo() / m.redo()."""

from __future__ import annotations

import pytest
from journey_helpers import assert_same_state, checkout_map, snapshot

import journey_widget as jw
from journey_widget.model import History
from journey_widget.model.ops import AddCard, DeleteCard, EditCard, MoveCard, RemoveItem


def test_new_history_has_nothing_to_undo_or_redo(journey):
    history = History(journey)
    assert not history.can_undo and not history.can_redo
    assert history.undo() is None and history.redo() is None


def test_undo_and_redo_one_edit(journey):
    history = History(journey)
    before = snapshot(journey)
    history.apply(EditCard("c06", "text", "Adds trail shoes"))
    after = snapshot(journey)
    assert history.can_undo and not history.can_redo

    applied = history.undo()
    assert applied is not None and applied.changes[0].new == "Adds shoes to cart"
    assert_same_state(journey, before)
    assert history.can_redo and not history.can_undo

    history.redo()
    assert_same_state(journey, after)
    assert history.can_undo and not history.can_redo


def test_undo_steps_back_one_operation_at_a_time(journey):
    history = History(journey)
    states = [snapshot(journey)]
    for op in [
        EditCard("c06", "text", "a"),
        AddCard({"id": "n1", "stage": "Cart", "lane": "Actions", "text": "b"}, 0),
        MoveCard("c10", "Delivery", None, "Emotions", 0),
        DeleteCard("c21"),
        RemoveItem("lane", "Opportunities", drop_cards=True),
    ]:
        history.apply(op)
        states.append(snapshot(journey))
    for state in reversed(states[:-1]):
        history.undo()
        assert_same_state(journey, state)
    for state in states[1:]:
        history.redo()
        assert_same_state(journey, state)


def test_a_new_operation_clears_redo(journey):
    history = History(journey)
    history.apply(EditCard("c06", "text", "a"))
    history.undo()
    assert history.can_redo
    history.apply(EditCard("c07", "text", "b"))
    assert not history.can_redo
    assert history.redo() is None


def test_a_refused_operation_is_not_recorded(journey):
    history = History(journey)
    history.apply(EditCard("c06", "text", "a"))
    with pytest.raises(jw.JourneyError):
        history.apply(EditCard("c10", "score", 9))
    history.undo()
    assert journey.card("c06")["text"] == "Adds shoes to cart"
    assert not history.can_undo


def test_history_limit_keeps_the_most_recent(journey):
    history = History(journey, limit=3)
    for i in range(5):
        history.apply(EditCard("c06", "text", f"v{i}"))
    undone = 0
    while history.undo():
        undone += 1
    assert undone == 3
    assert journey.card("c06")["text"] == "v1"


# ---- through the widget ------------------------------------------------------------------------
def test_widget_undo_redo_return_whether_they_did_something():
    m = checkout_map()
    assert m.undo() is False and m.redo() is False
    m.edit_card("c06", "text", "Adds trail shoes")
    assert m.undo() is True
    assert m.data["text"][5] == "Adds shoes to cart"
    assert m.redo() is True
    assert m.data["text"][5] == "Adds trail shoes"
    assert m.redo() is False


def test_widget_undo_bumps_revision_and_republishes():
    m = checkout_map()
    m.edit_card("c06", "text", "Adds trail shoes")
    revision = m.revision
    m.undo()
    assert m.revision == revision + 1
    assert m.cards[5]["text"] == "Adds shoes to cart"


def test_widget_undo_of_data_assignment(widget, cards):
    before = widget.data
    widget.data = cards.iloc[:4]
    assert len(widget.data) == 4 and len(widget.cards) == 4
    widget.undo()
    assert widget.data.equals(before) and dict(widget.data.dtypes) == dict(before.dtypes)
    assert len(widget.cards) == 21


def test_widget_undo_of_stage_removal_restores_cards_and_structure(widget):
    before, structure = widget.data, widget.structure
    widget.remove_stage("Checkout", drop_cards=True)
    assert "Checkout" not in widget.stages
    assert not any(c["stage"] == "Checkout" for c in widget.cards)
    widget.undo()
    assert widget.stages == ("Browse", "Cart", "Checkout", "Delivery")
    assert widget.structure == structure
    assert widget.data.equals(before) and dict(widget.data.dtypes) == dict(before.dtypes)


def test_add_undo_redo_undo_restores_the_analysts_dtypes(widget):
    # The card is added without n_tickets (the analyst's int column); undoing the redo of that
    # add must restore the column exactly as undoing the add itself does.
    before = widget.data
    widget.add_card("Cart", "Actions", "Removes an item")
    widget.undo()
    assert widget.data.equals(before) and dict(widget.data.dtypes) == dict(before.dtypes)
    widget.redo()
    widget.undo()
    assert dict(widget.data.dtypes) == dict(before.dtypes)
    assert widget.data.equals(before)


def test_undo_all_redo_all_through_the_widget(widget):
    original = widget.data
    widget.add_card("Cart", "Emotions", "Relieved by free returns", score=1, index=0)
    widget.edit_card("c06", "text", "Adds trail shoes")
    widget.move_card("c07", stage="Checkout", step="Payment", index=0)
    widget.delete_card("c21")
    widget.rename_stage("Cart", "Basket")
    widget.add_lane("Thoughts", index=2)
    widget.add_step("Delivery", "Tracking")
    widget.move_lane("Emotions", 0)
    final, final_structure = widget.data, widget.structure
    while widget.undo():
        pass
    assert widget.data.equals(original) and dict(widget.data.dtypes) == dict(original.dtypes)
    assert widget.stages == ("Browse", "Cart", "Checkout", "Delivery")
    while widget.redo():
        pass
    assert widget.data.equals(final) and dict(widget.data.dtypes) == dict(final.dtypes)
    assert widget.structure == final_structure
