"""Structure operations of the pure model (stages, lanes, steps, ReplaceCards, Batch).

Each does what it says, and its inverse restores the exact previous state.
"""

from __future__ import annotations

import re

import pytest
from journey_helpers import (
    LANES,
    STAGES,
    assert_same_state,
    cell_ids,
    snapshot,
)
from op_helpers import apply_and_check_inverse, card, new_card

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


# ---- stages and lanes: AddItem, RemoveItem, RenameItem, MoveItem --------------------------------
@pytest.mark.parametrize("index, position", [(0, 0), (2, 2), (4, 4), (None, 4)])
def test_add_stage(journey, index, position):
    applied, after = apply_and_check_inverse(
        journey, AddItem("stage", Stage("Returns", ("Label", "Refund")), index)
    )
    assert journey.stage_names()[position] == "Returns"
    assert journey.stage("Returns").steps == ("Label", "Refund")
    assert len(after.table) == 21
    assert applied.changes == [Change("add_stage", None, None, None, "Returns")]


@pytest.mark.parametrize("index, position", [(0, 0), (3, 3), (None, 5)])
def test_add_lane(journey, index, position):
    apply_and_check_inverse(journey, AddItem("lane", Lane("Thoughts"), index))
    assert journey.lane_names()[position] == "Thoughts"


@pytest.mark.parametrize(
    "axis, name", [("stage", "Cart"), ("lane", "Emotions"), ("stage", ""), ("lane", "  ")]
)
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


@pytest.mark.parametrize(
    "axis, name, count", [("stage", "Cart", 7), ("lane", "Emotions", 5), ("stage", "Browse", 5)]
)
def test_remove_non_empty_item_with_drop_cards_is_undone_with_its_cards(journey, axis, name, count):
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


@pytest.mark.parametrize(
    "axis, old, new",
    [
        ("stage", "Cart", "Basket"),
        ("lane", "Pain points", "Frictions"),
        ("stage", "Checkout", "Checkout"),
    ],
)
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


@pytest.mark.parametrize(
    "axis, old, new",
    [
        ("stage", "Cart", "Browse"),
        ("lane", "Actions", "Emotions"),
        ("stage", "Cart", ""),
        ("lane", "Returns", "X"),
    ],
)
def test_bad_rename_is_refused(journey, axis, old, new):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(RenameItem(axis, old, new))
    assert_same_state(journey, before)


@pytest.mark.parametrize(
    "axis, name, index, order",
    [
        ("stage", "Delivery", 0, ["Delivery", "Browse", "Cart", "Checkout"]),
        ("stage", "Browse", 3, ["Cart", "Checkout", "Delivery", "Browse"]),
        ("stage", "Cart", 1, STAGES),
        (
            "lane",
            "Emotions",
            0,
            ["Emotions", "Actions", "Touchpoints", "Pain points", "Opportunities"],
        ),
        (
            "lane",
            "Actions",
            4,
            ["Touchpoints", "Emotions", "Pain points", "Opportunities", "Actions"],
        ),
    ],
)
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
@pytest.mark.parametrize(
    "stage, index, steps",
    [
        ("Browse", 0, ("Wishlist", "Search", "Compare")),
        ("Browse", 1, ("Search", "Wishlist", "Compare")),
        ("Browse", None, ("Search", "Compare", "Wishlist")),
        ("Cart", None, ("Wishlist",)),
    ],
)
def test_add_step(journey, stage, index, steps):
    applied, _ = apply_and_check_inverse(journey, AddStep(stage, "Wishlist", index))
    assert journey.stage(stage).steps == steps
    assert applied.changes == [Change("add_step", None, stage, None, "Wishlist")]


@pytest.mark.parametrize(
    "stage, step", [("Browse", "Search"), ("Browse", ""), ("Returns", "Label")]
)
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
    applied, after = apply_and_check_inverse(
        journey, RemoveStep("Checkout", "Payment", drop_cards=True)
    )
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
        "Find",
        "Find",
        "Find",
        "Compare",
        "Compare",
    ]
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
    applied, after = apply_and_check_inverse(
        journey, ReplaceCards(table, tuple(stages), tuple(lanes))
    )
    assert list(after.table["id"]) == list(subset["id"])
    assert after.table["text"][0] == "Replaced"
    assert applied.changes == [Change("replace", None, None, 21, 16)]


def test_batch_applies_all_and_its_inverse_undoes_all(journey):
    batch = Batch(
        (
            EditCard("c06", "text", "Adds trail shoes"),
            AddCard(new_card(), 0),
            MoveCard("c10", "Checkout", "Payment", "Emotions", 0),
            DeleteCard("c21"),
            AddItem("lane", Lane("Thoughts"), 2),
            RenameItem("stage", "Cart", "Basket"),
            AddStep("Delivery", "Tracking"),
        )
    )
    applied, after = apply_and_check_inverse(journey, batch)
    assert cell_ids(after.table, "Basket", None, "Actions") == ["n1", "c06", "c07", "c08"]
    assert cell_ids(after.table, "Checkout", "Payment", "Emotions") == ["c10", "c16"]
    assert "c21" not in set(after.table["id"])
    assert journey.lane_names()[2] == "Thoughts"
    assert [c.kind for c in applied.changes] == [
        "edit",
        "add",
        "move",
        "delete",
        "add_lane",
        "rename_stage",
        "add_step",
    ]


def test_batch_is_all_or_nothing(journey):
    before = snapshot(journey)
    batch = Batch(
        (
            EditCard("c06", "text", "x"),
            DeleteCard("c07"),
            AddItem("lane", Lane("T")),
            EditCard("c10", "score", 9),
        )
    )
    with pytest.raises(jw.JourneyError, match="9"):
        journey.apply(batch)
    assert_same_state(journey, before)


def test_empty_batch(journey):
    applied, _ = apply_and_check_inverse(journey, Batch(()))
    assert applied.changes == []


def test_lanes_and_stages_are_the_given_ones(journey):
    assert journey.stage_names() == STAGES and journey.lane_names() == LANES
