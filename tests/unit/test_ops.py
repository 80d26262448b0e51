"""Edit operations of the pure model (model/ops.py): each does what it says, and its inverse
restores the exact previous state (rows, order, dtypes, stages with steps, lanes)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from journey_helpers import (
    LANES,
    STAGES,
    assert_invariants,
    assert_same_state,
    cell_ids,
    snapshot,
)

import journey_widget as jw
from journey_widget.model import Change
from journey_widget.model.cards import card_table
from journey_widget.model.ops import (
    AddCard,
    AddItem,
    AddStep,
    Batch,
    DeleteCard,
    EditCard,
    MoveCard,
    MoveItem,
    MoveStep,
    RemoveItem,
    RemoveStep,
    RenameItem,
    RenameStep,
    ReplaceCards,
)
from journey_widget.model.structure import Lane, Stage


def apply_and_check_inverse(journey: jw.Journey, op):
    """Apply ``op`` and return (applied, state after); the inverse is checked on a copy."""
    before = snapshot(journey)
    applied = journey.apply(op)
    assert_invariants(journey)
    after = snapshot(journey)
    undone = journey.apply(applied.inverse)
    assert_same_state(journey, before)
    journey.apply(undone.inverse)  # redo: the inverse of the inverse
    assert_same_state(journey, after)
    return applied, after


def card(journey: jw.Journey, card_id: str) -> dict:
    return journey.card(card_id)


# ---- EditCard ----------------------------------------------------------------------------------
def test_edit_text(journey):
    applied, after = apply_and_check_inverse(journey, EditCard("c06", "text", "Adds trail shoes"))
    assert card(journey, "c06")["text"] == "Adds trail shoes"
    assert applied.changes == [Change("edit", "c06", "text", "Adds shoes to cart",
                                      "Adds trail shoes")]
    assert list(after.table["id"]) == [f"c{i:02d}" for i in range(1, 22)]


def test_edit_text_touches_only_that_cell(journey):
    before = journey.table.copy()
    journey.apply(EditCard("c06", "text", "Adds trail shoes"))
    diff = journey.table.ne(before) & ~(journey.table.isna() & before.isna())
    assert diff.to_numpy().sum() == 1
    assert bool(diff.at[5, "text"])


@pytest.mark.parametrize("value, stored", [(-2, -2.0), (0.5, 0.5), (2, 2.0), (None, None),
                                           (float("nan"), None)])
def test_edit_score_on_emotion_lane(journey, value, stored):
    applied, _ = apply_and_check_inverse(journey, EditCard("c10", "score", value))
    assert card(journey, "c10")["score"] == stored
    assert applied.changes[0].old == -1.0 and applied.changes[0].new == stored


@pytest.mark.parametrize("value", [2.01, -2.5, 10])
def test_edit_score_outside_scale_is_refused(journey, value):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(EditCard("c10", "score", value))
    assert f"{value:g}" in str(info.value) and "-2..2" in str(info.value)
    assert_same_state(journey, before)


def test_edit_score_outside_scale_on_text_lane(journey):
    apply_and_check_inverse(journey, EditCard("c17", "score", 58))
    assert card(journey, "c17")["score"] == 58.0


@pytest.mark.parametrize("field, value", [
    ("n_tickets", 40), ("first_seen", pd.Timestamp("2024-04-01")), ("source", "call centre"),
    ("first_seen", None), ("source", None),
])
def test_edit_analyst_column(journey, field, value):
    dtypes = dict(journey.table.dtypes)
    apply_and_check_inverse(journey, EditCard("c11", field, value))
    stored = card(journey, "c11")[field]
    assert stored == value if value is not None else stored is None
    assert dict(journey.table.dtypes) == dtypes


def test_edit_int_analyst_column_to_missing_is_undone_exactly(journey):
    # Clearing an int64 cell needs a float column; the inverse must give back int64.
    apply_and_check_inverse(journey, EditCard("c11", "n_tickets", None))


def test_edit_creates_an_optional_column_and_inverse_drops_it(journey):
    applied, after = apply_and_check_inverse(journey, EditCard("c17", "channel", "web"))
    assert "channel" in after.table.columns
    assert after.table.loc[16, "channel"] == "web"
    assert after.table["channel"].drop(index=16).isna().all()
    assert applied.changes == [Change("edit", "c17", "channel", None, "web")]


def test_a_created_optional_column_takes_its_canonical_place(journey):
    # cards.py: core columns, then optional columns in OPTIONAL_COLUMNS order, then the
    # analyst's own. A table built from the same data (e.g. loaded from JSON) has this order.
    journey.apply(EditCard("c17", "severity", 4))
    journey.apply(EditCard("c17", "channel", "web"))
    assert list(journey.table.columns) == ["id", "stage", "step", "lane", "text", "score",
                                           "channel", "severity", "n_tickets", "first_seen",
                                           "source"]


@pytest.mark.parametrize("field, value", [
    ("stage", "Cart"), ("lane", "Actions"), ("step", "Search"), ("id", "c99"),
    ("colour", "red"), ("text", None), ("text", 3), ("score", "high"), ("score", True),
    ("confidence", "certain"), ("severity", 0), ("severity", 6), ("n_tickets", "lots"),
])
def test_bad_edits_are_refused_and_change_nothing(journey, field, value):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(EditCard("c06", field, value))
    assert repr(field) in str(info.value) or field == "id"
    assert_same_state(journey, before)


def test_edit_of_unknown_card_is_refused(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'c99'"):
        journey.apply(EditCard("c99", "text", "x"))
    assert_same_state(journey, before)


@pytest.mark.parametrize("value", [np.int64(1), np.float32(1.5), np.float64(-1.0)])
def test_numpy_scalar_scores_are_accepted(journey, value):
    # Scores often come straight out of another DataFrame: numpy scalars are numbers too.
    journey.apply(EditCard("c10", "score", value))
    assert card(journey, "c10")["score"] == float(value)


def test_numpy_integer_severity_is_accepted(journey):
    journey.apply(EditCard("c17", "severity", np.int64(4)))
    assert card(journey, "c17")["severity"] == 4


# ---- AddCard -----------------------------------------------------------------------------------
def new_card(**fields):
    return {"id": "n1", "stage": "Cart", "step": None, "lane": "Actions",
            "text": "Removes an item", **fields}


@pytest.mark.parametrize("index, expected", [
    (0, ["n1", "c06", "c07", "c08"]),
    (1, ["c06", "n1", "c07", "c08"]),
    (2, ["c06", "c07", "n1", "c08"]),
    (3, ["c06", "c07", "c08", "n1"]),
    (None, ["c06", "c07", "c08", "n1"]),
    (50, ["c06", "c07", "c08", "n1"]),
])
def test_add_card_at_index(journey, index, expected):
    applied, after = apply_and_check_inverse(journey, AddCard(new_card(), index))
    assert cell_ids(after.table, "Cart", None, "Actions") == expected
    assert len(after.table) == 22
    assert applied.changes[0].kind == "add" and applied.changes[0].id == "n1"
    assert applied.changes[0].new["text"] == "Removes an item"


def test_add_card_keeps_other_cells_in_place(journey):
    before = list(journey.table["id"])
    journey.apply(AddCard(new_card(), 1))
    assert [i for i in journey.table["id"] if i != "n1"] == before


def test_add_card_to_empty_cell(journey):
    _, after = apply_and_check_inverse(
        journey, AddCard(new_card(stage="Delivery", lane="Opportunities"), 0))
    assert cell_ids(after.table, "Delivery", None, "Opportunities") == ["n1"]


def test_add_card_to_a_step(journey):
    _, after = apply_and_check_inverse(
        journey, AddCard(new_card(stage="Checkout", step="Address", lane="Emotions", score=0), 0))
    assert cell_ids(after.table, "Checkout", "Address", "Emotions") == ["n1"]
    assert card(journey, "n1")["score"] == 0


def test_add_card_with_analyst_values(journey):
    fields = {"n_tickets": 2, "first_seen": pd.Timestamp("2024-05-01"), "source": "survey"}
    _, after = apply_and_check_inverse(journey, AddCard(new_card(**fields)))
    added = card(journey, "n1")
    assert {k: added[k] for k in fields} == fields
    assert after.table["n_tickets"].dtype == np.int64


def test_add_card_with_optional_column_of_the_map(journey):
    journey.apply(EditCard("c17", "severity", 4))
    apply_and_check_inverse(journey, AddCard(new_card(severity=2)))
    assert card(journey, "n1")["severity"] == 2


@pytest.mark.parametrize("fields, needle", [
    ({"id": "c06"}, "'c06'"),
    ({"id": ""}, "id"),
    ({"stage": "Returns"}, "'Returns'"),
    ({"lane": "Thoughts"}, "'Thoughts'"),
    ({"step": "Search"}, "'Search'"),
    ({"lane": "Emotions", "score": 3}, "-2..2"),
    ({"score": "high"}, "'high'"),
    ({"text": 7}, "7"),
    ({"colour": "red"}, "'colour'"),
])
def test_bad_add_is_refused_and_changes_nothing(journey, fields, needle):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(AddCard(new_card(**fields)))
    assert needle in str(info.value)
    assert_same_state(journey, before)


def test_add_with_bad_optional_value_is_refused(journey):
    journey.apply(EditCard("c17", "confidence", "observed"))
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'certain'"):
        journey.apply(AddCard(new_card(confidence="certain")))
    assert_same_state(journey, before)


def test_add_card_with_optional_column_the_map_lacks(journey):
    # Editing a card may create an optional column (channel, severity, ...); adding a card
    # with one should too, and its inverse should take the column away again.
    _, after = apply_and_check_inverse(journey, AddCard(new_card(severity=4, channel="web")))
    assert card(journey, "n1")["severity"] == 4 and card(journey, "n1")["channel"] == "web"
    assert {"severity", "channel"} <= set(after.table.columns)


def test_add_with_negative_index_is_refused(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(AddCard(new_card(), -1))
    assert_same_state(journey, before)


# ---- DeleteCard --------------------------------------------------------------------------------
@pytest.mark.parametrize("card_id", ["c01", "c07", "c10", "c21"])
def test_delete_card(journey, card_id):
    old = card(journey, card_id)
    applied, after = apply_and_check_inverse(journey, DeleteCard(card_id))
    assert card_id not in set(after.table["id"])
    assert len(after.table) == 20
    assert applied.changes[0].kind == "delete" and applied.changes[0].old["text"] == old["text"]


def test_delete_unknown_card(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'zz'"):
        journey.apply(DeleteCard("zz"))
    assert_same_state(journey, before)


def test_delete_last_card_and_undo(journey):
    ops = [DeleteCard(i) for i in journey.table["id"]]
    before = snapshot(journey)
    inverses = [journey.apply(op).inverse for op in ops]
    assert len(journey.table) == 0
    for inverse in reversed(inverses):
        journey.apply(inverse)
    assert_same_state(journey, before)


# ---- MoveCard ----------------------------------------------------------------------------------
@pytest.mark.parametrize("card_id, index, expected", [
    ("c06", 0, ["c06", "c07", "c08"]),
    ("c06", 1, ["c07", "c06", "c08"]),
    ("c06", 2, ["c07", "c08", "c06"]),
    ("c06", None, ["c07", "c08", "c06"]),
    ("c08", 0, ["c08", "c06", "c07"]),
    ("c08", 1, ["c06", "c08", "c07"]),
    ("c07", 0, ["c07", "c06", "c08"]),
])
def test_move_within_cell(journey, card_id, index, expected):
    _, after = apply_and_check_inverse(journey, MoveCard(card_id, "Cart", None, "Actions", index))
    assert cell_ids(after.table, "Cart", None, "Actions") == expected
    assert len(after.table) == 21


@pytest.mark.parametrize("index, expected", [
    (0, ["c06", "c14"]), (1, ["c14", "c06"]), (None, ["c14", "c06"]),
])
def test_move_across_cells_into_a_step(journey, index, expected):
    applied, after = apply_and_check_inverse(
        journey, MoveCard("c06", "Checkout", "Payment", "Actions", index))
    assert cell_ids(after.table, "Checkout", "Payment", "Actions") == expected
    assert cell_ids(after.table, "Cart", None, "Actions") == ["c07", "c08"]
    moved = card(journey, "c06")
    assert (moved["stage"], moved["step"], moved["lane"]) == ("Checkout", "Payment", "Actions")
    change = applied.changes[0]
    assert change.kind == "move" and change.id == "c06" and change.field == "position"
    assert change.old == {"stage": "Cart", "step": None, "lane": "Actions", "index": 0}
    assert change.new == {"stage": "Checkout", "step": "Payment", "lane": "Actions",
                          "index": expected.index("c06")}


def test_move_out_of_a_step(journey):
    _, after = apply_and_check_inverse(journey, MoveCard("c03", "Delivery", None, "Emotions", 0))
    assert cell_ids(after.table, "Delivery", None, "Emotions") == ["c03", "c20"]
    assert pd.isna(card(journey, "c03")["step"])


def test_move_keeps_the_cards_other_columns(journey):
    old = card(journey, "c16")
    journey.apply(MoveCard("c16", "Delivery", None, "Emotions", 0))
    new = card(journey, "c16")
    for column in ("id", "text", "score", "n_tickets", "first_seen", "source"):
        assert new[column] == old[column]


def test_move_scored_card_onto_text_lane(journey):
    apply_and_check_inverse(journey, MoveCard("c10", "Cart", None, "Pain points", 0))
    assert card(journey, "c10")["score"] == -1


def test_move_out_of_scale_score_onto_emotion_lane_is_refused(journey):
    journey.apply(EditCard("c17", "score", 58))
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="58"):
        journey.apply(MoveCard("c17", "Checkout", "Payment", "Emotions"))
    assert_same_state(journey, before)


@pytest.mark.parametrize("target", [
    ("Returns", None, "Actions", None), ("Cart", None, "Thoughts", None),
    ("Cart", "Search", "Actions", None), ("Cart", None, "Actions", -1),
    ("Browse", "Search", "Actions", -3),
], ids=["stage", "lane", "step", "index-1", "index-3"])
def test_bad_move_is_refused_and_changes_nothing(journey, target):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(MoveCard("c07", *target))
    assert_same_state(journey, before)


# ---- stages and lanes: AddItem, RemoveItem, RenameItem, MoveItem --------------------------------
@pytest.mark.parametrize("index, position", [(0, 0), (2, 2), (4, 4), (None, 4)])
def test_add_stage(journey, index, position):
    applied, after = apply_and_check_inverse(
        journey, AddItem("stage", Stage("Returns", ("Label", "Refund")), index))
    assert journey.stage_names()[position] == "Returns"
    assert journey.stage("Returns").steps == ("Label", "Refund")
    assert len(after.table) == 21
    assert applied.changes == [Change("add_stage", None, None, None, "Returns")]


@pytest.mark.parametrize("index, position", [(0, 0), (3, 3), (None, 5)])
def test_add_lane(journey, index, position):
    apply_and_check_inverse(journey, AddItem("lane", Lane("Thoughts"), index))
    assert journey.lane_names()[position] == "Thoughts"


@pytest.mark.parametrize("axis, name", [("stage", "Cart"), ("lane", "Emotions"),
                                        ("stage", ""), ("lane", "  ")])
def test_add_existing_or_blank_item_is_refused(journey, axis, name):
    before = snapshot(journey)
    item = Stage(name) if axis == "stage" else Lane(name)
    with pytest.raises(jw.JourneyError):
        journey.apply(AddItem(axis, item))
    assert_same_state(journey, before)


@pytest.mark.parametrize("axis, index", [("stage", 6), ("lane", -1), ("stage", True)])
def test_add_item_at_bad_index_is_refused(journey, axis, index):
    before = snapshot(journey)
    item = Stage("New") if axis == "stage" else Lane("New")
    with pytest.raises(jw.JourneyError, match="index"):
        journey.apply(AddItem(axis, item, index))
    assert_same_state(journey, before)


@pytest.mark.parametrize("axis", ["stage", "lane"])
def test_remove_empty_item(journey, axis):
    item = Stage("Returns") if axis == "stage" else Lane("Thoughts")
    journey.apply(AddItem(axis, item, 1))
    applied, _ = apply_and_check_inverse(journey, RemoveItem(axis, item.name))
    assert item.name not in (journey.stage_names() + journey.lane_names())
    assert applied.changes[-1] == Change(f"remove_{axis}", None, None, item.name, None)


@pytest.mark.parametrize("axis, name, count", [("stage", "Cart", 7), ("lane", "Emotions", 5)])
def test_remove_non_empty_item_refuses_without_drop_cards(journey, axis, name, count):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(RemoveItem(axis, name))
    assert repr(name) in str(info.value) and str(count) in str(info.value)
    assert "drop_cards" in str(info.value)
    assert_same_state(journey, before)


@pytest.mark.parametrize("axis, name, count", [("stage", "Cart", 7), ("lane", "Emotions", 5),
                                               ("stage", "Browse", 5)])
def test_remove_non_empty_item_with_drop_cards_is_undone_with_its_cards(
        journey, axis, name, count):
    applied, after = apply_and_check_inverse(journey, RemoveItem(axis, name, drop_cards=True))
    assert len(after.table) == 21 - count
    assert name not in set(after.table[axis])
    kinds = [c.kind for c in applied.changes]
    assert kinds == ["delete"] * count + [f"remove_{axis}"]


def test_remove_unknown_item(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'Returns'"):
        journey.apply(RemoveItem("stage", "Returns"))
    assert_same_state(journey, before)


@pytest.mark.parametrize("axis, old, new", [("stage", "Cart", "Basket"),
                                            ("lane", "Pain points", "Frictions"),
                                            ("stage", "Checkout", "Checkout")])
def test_rename_item_renames_cards(journey, axis, old, new):
    count = int((journey.table[axis] == old).sum())
    steps = journey.stage(old).steps if axis == "stage" else None
    applied, after = apply_and_check_inverse(journey, RenameItem(axis, old, new))
    assert int((after.table[axis] == new).sum()) == count
    names = journey.stage_names() if axis == "stage" else journey.lane_names()
    assert new in names and (old == new or old not in names)
    if axis == "stage":
        assert journey.stage(new).steps == steps
    else:
        assert journey.lane(new).kind == "text"
    assert applied.changes == [Change(f"rename_{axis}", None, None, old, new)]


def test_rename_emotion_lane_keeps_its_kind(journey):
    journey.apply(RenameItem("lane", "Emotions", "Mood"))
    assert journey.lane("Mood").kind == "emotion"
    with pytest.raises(jw.JourneyError, match=re.escape("-2..2")):
        journey.apply(EditCard("c10", "score", 4))


@pytest.mark.parametrize("axis, old, new", [("stage", "Cart", "Browse"),
                                            ("lane", "Actions", "Emotions"),
                                            ("stage", "Cart", ""), ("lane", "Returns", "X")])
def test_bad_rename_is_refused(journey, axis, old, new):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(RenameItem(axis, old, new))
    assert_same_state(journey, before)


@pytest.mark.parametrize("axis, name, index, order", [
    ("stage", "Delivery", 0, ["Delivery", "Browse", "Cart", "Checkout"]),
    ("stage", "Browse", 3, ["Cart", "Checkout", "Delivery", "Browse"]),
    ("stage", "Cart", 1, STAGES),
    ("lane", "Emotions", 0, ["Emotions", "Actions", "Touchpoints", "Pain points",
                             "Opportunities"]),
    ("lane", "Actions", 4, ["Touchpoints", "Emotions", "Pain points", "Opportunities",
                            "Actions"]),
])
def test_move_item(journey, axis, name, index, order):
    applied, after = apply_and_check_inverse(journey, MoveItem(axis, name, index))
    assert (journey.stage_names() if axis == "stage" else journey.lane_names()) == order
    assert list(after.table["id"]) == [f"c{i:02d}" for i in range(1, 22)]
    assert applied.changes[0].kind == f"move_{axis}"


@pytest.mark.parametrize("index", [4, -1, 1.0, None])
def test_move_item_to_bad_index(journey, index):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(MoveItem("stage", "Cart", index))
    assert_same_state(journey, before)


def test_move_item_does_not_reorder_rows(journey):
    rows = list(journey.table["id"])
    journey.apply(MoveItem("stage", "Delivery", 0))
    assert list(journey.table["id"]) == rows


# ---- steps -------------------------------------------------------------------------------------
@pytest.mark.parametrize("stage, index, steps", [
    ("Browse", 0, ("Wishlist", "Search", "Compare")),
    ("Browse", 1, ("Search", "Wishlist", "Compare")),
    ("Browse", None, ("Search", "Compare", "Wishlist")),
    ("Cart", None, ("Wishlist",)),
])
def test_add_step(journey, stage, index, steps):
    applied, _ = apply_and_check_inverse(journey, AddStep(stage, "Wishlist", index))
    assert journey.stage(stage).steps == steps
    assert applied.changes == [Change("add_step", None, stage, None, "Wishlist")]


@pytest.mark.parametrize("stage, step", [("Browse", "Search"), ("Browse", ""),
                                         ("Returns", "Label")])
def test_bad_add_step(journey, stage, step):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(AddStep(stage, step))
    assert_same_state(journey, before)


def test_remove_empty_step(journey):
    journey.apply(AddStep("Checkout", "Review", 1))
    apply_and_check_inverse(journey, RemoveStep("Checkout", "Review"))
    assert journey.stage("Checkout").steps == ("Address", "Payment")


def test_remove_non_empty_step_refuses_without_drop_cards(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(RemoveStep("Checkout", "Payment"))
    assert "'Payment'" in str(info.value) and "5" in str(info.value)
    assert_same_state(journey, before)


def test_remove_non_empty_step_with_drop_cards_is_undone_with_its_cards(journey):
    applied, after = apply_and_check_inverse(journey,
                                             RemoveStep("Checkout", "Payment", drop_cards=True))
    assert list(after.table["id"]) == [f"c{i:02d}" for i in range(1, 22) if not 14 <= i <= 18]
    assert journey.stage("Checkout").steps == ("Address",)
    assert [c.kind for c in applied.changes] == ["delete"] * 5 + ["remove_step"]


def test_remove_step_only_drops_cards_of_that_stage(journey):
    journey.apply(AddStep("Cart", "Search"))
    journey.apply(MoveCard("c06", "Cart", "Search", "Actions"))
    _, after = apply_and_check_inverse(journey, RemoveStep("Cart", "Search", drop_cards=True))
    assert set(after.table["id"]) == {f"c{i:02d}" for i in range(1, 22)} - {"c06"}
    assert journey.stage("Browse").steps == ("Search", "Compare")


def test_rename_step_renames_its_cards_only_in_that_stage(journey):
    journey.apply(AddStep("Cart", "Search"))
    journey.apply(MoveCard("c06", "Cart", "Search", "Actions"))
    applied, after = apply_and_check_inverse(journey, RenameStep("Browse", "Search", "Find"))
    assert journey.stage("Browse").steps == ("Find", "Compare")
    assert list(after.table.loc[after.table["stage"] == "Browse", "step"]) == [
        "Find", "Find", "Find", "Compare", "Compare"]
    assert card(journey, "c06")["step"] == "Search"
    assert applied.changes == [Change("rename_step", None, "Browse", "Search", "Find")]


@pytest.mark.parametrize("old, new", [("Search", "Compare"), ("Search", ""), ("Look", "X")])
def test_bad_rename_step(journey, old, new):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(RenameStep("Browse", old, new))
    assert_same_state(journey, before)


def test_move_step(journey):
    journey.apply(AddStep("Browse", "Wishlist"))
    applied, _ = apply_and_check_inverse(journey, MoveStep("Browse", "Wishlist", 0))
    assert journey.stage("Browse").steps == ("Wishlist", "Search", "Compare")
    assert applied.changes[0].kind == "move_step" and applied.changes[0].field == "Browse"


@pytest.mark.parametrize("step, index", [("Search", 2), ("Look", 0), ("Search", -1)])
def test_bad_move_step(journey, step, index):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(MoveStep("Browse", step, index))
    assert_same_state(journey, before)


# ---- ReplaceCards and Batch --------------------------------------------------------------------
def test_replace_cards(journey, cards):
    subset = cards[cards["lane"] != "Emotions"].copy()
    subset.loc[subset.index[0], "text"] = "Replaced"
    table, stages, lanes = card_table(subset, journey.stages, journey.lanes, journey.scale)
    applied, after = apply_and_check_inverse(journey, ReplaceCards(table, tuple(stages),
                                                                   tuple(lanes)))
    assert list(after.table["id"]) == list(subset["id"])
    assert after.table["text"][0] == "Replaced"
    assert applied.changes == [Change("replace", None, None, 21, 16)]


def test_batch_applies_all_and_its_inverse_undoes_all(journey):
    batch = Batch((
        EditCard("c06", "text", "Adds trail shoes"),
        AddCard(new_card(), 0),
        MoveCard("c10", "Checkout", "Payment", "Emotions", 0),
        DeleteCard("c21"),
        AddItem("lane", Lane("Thoughts"), 2),
        RenameItem("stage", "Cart", "Basket"),
        AddStep("Delivery", "Tracking"),
    ))
    applied, after = apply_and_check_inverse(journey, batch)
    assert cell_ids(after.table, "Basket", None, "Actions") == ["n1", "c06", "c07", "c08"]
    assert cell_ids(after.table, "Checkout", "Payment", "Emotions") == ["c10", "c16"]
    assert "c21" not in set(after.table["id"])
    assert journey.lane_names()[2] == "Thoughts"
    assert [c.kind for c in applied.changes] == [
        "edit", "add", "move", "delete", "add_lane", "rename_stage", "add_step"]


def test_batch_is_all_or_nothing(journey):
    before = snapshot(journey)
    batch = Batch((EditCard("c06", "text", "x"), DeleteCard("c07"), AddItem("lane", Lane("T")),
                   EditCard("c10", "score", 9)))
    with pytest.raises(jw.JourneyError, match="9"):
        journey.apply(batch)
    assert_same_state(journey, before)


def test_empty_batch(journey):
    applied, _ = apply_and_check_inverse(journey, Batch(()))
    assert applied.changes == []


def test_lanes_and_stages_are_the_given_ones(journey):
    assert journey.stage_names() == STAGES and journey.lane_names() == LANES
