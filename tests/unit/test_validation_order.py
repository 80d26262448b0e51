"""Validation of card tables, continued.

Stage and lane order, steps, inputs left untouched, and failures that leave the map as it was
(DESIGN.md 1-2).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from journey_helpers import EXTRA_COLUMNS, LANES, STAGES, checkout_map
from validation_helpers import BUILDERS, names_of, table_of

import journey_widget as jw


@pytest.fixture(params=sorted(BUILDERS))
def build(request):
    """Build the map as a JourneyMap and as a Journey: both validate alike."""
    return BUILDERS[request.param]


# ---- stage and lane order ----------------------------------------------------------------------
def test_order_from_stages_and_lanes_arguments(build, cards):
    shuffled = cards.sample(frac=1, random_state=3)
    stages = ["Browse", "Cart", "Checkout", "Delivery", "Returns"]
    built = build(shuffled, stages=stages, lanes=LANES)
    assert names_of(built) == (stages, LANES)


def test_order_from_ordered_categorical(build, cards):
    order = ["Delivery", "Checkout", "Cart", "Browse"]
    cards["stage"] = pd.Categorical(cards["stage"], categories=order, ordered=True)
    lane_order = list(reversed(LANES))
    cards["lane"] = pd.Categorical(cards["lane"], categories=lane_order, ordered=True)
    built = build(cards)
    assert names_of(built) == (order, lane_order)
    table = table_of(built)
    assert list(table["stage"]) == [str(s) for s in cards["stage"]]


def test_ordered_categorical_keeps_unused_categories(build, cards):
    order = ["Discover", "Browse", "Cart", "Checkout", "Delivery", "Returns"]
    cards["stage"] = pd.Categorical(cards["stage"], categories=order, ordered=True)
    assert names_of(build(cards))[0] == order


def test_given_order_wins_over_categorical(build, cards):
    cards["stage"] = pd.Categorical(cards["stage"], categories=list(reversed(STAGES)), ordered=True)
    assert names_of(build(cards, stages=STAGES))[0] == STAGES


def test_unordered_categorical_uses_first_appearance(build, cards):
    cards["stage"] = pd.Categorical(cards["stage"], categories=list(reversed(STAGES)))
    assert names_of(build(cards))[0] == STAGES


def test_order_from_first_appearance(build, cards):
    reverse = cards.iloc[::-1]
    stages, lanes = names_of(build(reverse))
    assert stages == list(reversed(STAGES))
    assert lanes == ["Pain points", "Emotions", "Touchpoints", "Opportunities", "Actions"]


def test_row_order_is_kept_and_index_reset(build, cards):
    reverse = cards.iloc[::-1]
    table = table_of(build(reverse))
    assert list(table["id"]) == list(reverse["id"])
    assert isinstance(table.index, pd.RangeIndex) and table.index.start == 0


@pytest.mark.parametrize("axis", ["stages", "lanes"])
def test_duplicate_names_in_given_order_are_refused(build, cards, axis):
    order = {"stages": [*STAGES, "Cart"], "lanes": [*LANES, "Emotions"]}[axis]
    with pytest.raises(jw.JourneyError, match="appears twice"):
        build(cards, **{axis: order})


@pytest.mark.parametrize("name", ["", "   ", None, 3])
def test_blank_stage_names_are_refused(name):
    with pytest.raises(jw.JourneyError, match="stage"):
        jw.Journey(None, stages=["Browse", name])


# ---- steps -------------------------------------------------------------------------------------
def test_steps_are_inferred_in_first_appearance_order(build, cards):
    built = build(cards, stages=STAGES, lanes=LANES)
    journey = built.journey if isinstance(built, jw.JourneyMap) else built
    assert journey.stage("Browse").steps == ("Search", "Compare")
    assert journey.stage("Checkout").steps == ("Address", "Payment")
    assert journey.stage("Cart").steps == ()


def test_given_steps_are_kept_in_their_order_with_unused_ones(build, cards):
    stages = [{"name": "Browse", "steps": ["Compare", "Search", "Wishlist"]}, *STAGES[1:]]
    built = build(cards, stages=stages, lanes=LANES)
    journey = built.journey if isinstance(built, jw.JourneyMap) else built
    assert journey.stage("Browse").steps == ("Compare", "Search", "Wishlist")


def test_step_outside_the_given_steps_is_refused(build, cards):
    stages = [{"name": "Browse", "steps": ["Search"]}, *STAGES[1:]]
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=stages, lanes=LANES)
    message = str(info.value)
    assert "'step'" in message and "'Compare'" in message and "'Browse'" in message


def test_duplicate_steps_are_refused():
    with pytest.raises(jw.JourneyError, match="'Search'"):
        jw.Journey(None, stages=[{"name": "Browse", "steps": ["Search", "Search"]}])


def test_metadata_is_validated():
    with pytest.raises(jw.JourneyError, match="'past'"):
        jw.JourneyMap(None, state="past")
    m = jw.JourneyMap(None, title="Online checkout", persona="First-time buyer", state="future")
    assert m.structure["title"] == "Online checkout"
    assert m.structure["persona"]["name"] == "First-time buyer"
    assert m.structure["state"] == "future"


# ---- inputs are not touched; data is a copy --------------------------------------------------
def test_the_input_frame_is_not_modified(cards):
    original = cards.copy(deep=True)
    m = jw.JourneyMap(cards.drop(columns=["id"]), stages=STAGES, lanes=LANES)
    m.edit_card(m.data["id"][0], "text", "changed")
    assert cards.equals(original)


def test_data_is_a_copy(widget):
    data = widget.data
    data.loc[0, "text"] = "scribbled on the copy"
    data.loc[1, "n_tickets"] = 999
    assert widget.data["text"][0] == "Searches for running shoes"
    assert widget.data["n_tickets"][1] == 5


# ---- failures leave the map untouched ----------------------------------------------------------
def _unchanged(m: jw.JourneyMap, data: pd.DataFrame, revision: int, cards: list) -> None:
    assert m.revision == revision
    assert m.data.equals(data) and dict(m.data.dtypes) == dict(data.dtypes)
    assert m.cards == cards


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m.edit_card("c10", "score", 3),
        lambda m: m.edit_card("c10", "score", "bad"),
        lambda m: m.edit_card("c01", "text", 12),
        lambda m: m.edit_card("c01", "stage", "Cart"),
        lambda m: m.edit_card("c01", "id", "c99"),
        lambda m: m.edit_card("c01", "unknown_column", "x"),
        lambda m: m.edit_card("nope", "text", "x"),
        lambda m: m.edit_card("c01", "confidence", "certain"),
        lambda m: m.edit_card("c01", "severity", 8),
        lambda m: m.edit_card("c01", "n_tickets", "many"),
        lambda m: m.add_card("Returns", "Actions", "x"),
        lambda m: m.add_card("Cart", "Thoughts", "x"),
        lambda m: m.add_card("Cart", "Emotions", "x", score=5),
        lambda m: m.add_card("Cart", "Actions", "x", step="Search"),
        lambda m: m.add_card("Cart", "Actions", "x", id="c01"),
        lambda m: m.add_card("Cart", "Actions", "x", index=-1),
        lambda m: m.add_card("Cart", "Actions", "x", colour="red"),
        lambda m: m.delete_card("nope"),
        lambda m: m.move_card("c01", stage="Returns"),
        lambda m: m.remove_stage("Cart"),
        lambda m: m.remove_lane("Emotions"),
        lambda m: m.remove_step("Checkout", "Payment"),
        lambda m: m.rename_stage("Cart", "Browse"),
        lambda m: m.rename_lane("Emotions", ""),
        lambda m: m.move_stage("Cart", 9),
        lambda m: m.add_stage("Cart"),
        lambda m: m.add_lane("Actions"),
        lambda m: m.add_step("Browse", "Search"),
    ],
)
def test_failed_edit_leaves_data_and_revision_unchanged(widget, edit):
    data, revision, cards = widget.data, widget.revision, widget.cards
    with pytest.raises(jw.JourneyError):
        edit(widget)
    _unchanged(widget, data, revision, cards)


def test_moving_an_out_of_scale_score_onto_the_emotion_lane_is_refused(widget):
    widget.edit_card("c11", "score", 31)  # a pain point scored by its ticket count
    data, revision, cards = widget.data, widget.revision, widget.cards
    with pytest.raises(jw.JourneyError) as info:
        widget.move_card("c11", lane="Emotions")
    assert "31" in str(info.value) and "-2..2" in str(info.value)
    _unchanged(widget, data, revision, cards)


def test_failed_move_with_negative_index_keeps_the_card(widget):
    data, revision, cards = widget.data, widget.revision, widget.cards
    with pytest.raises(jw.JourneyError, match="-1"):
        widget.move_card("c07", index=-1)
    _unchanged(widget, data, revision, cards)


@pytest.mark.parametrize(
    "change",
    [
        lambda df: df.assign(stage=df["stage"].replace("Cart", "Basket")),
        lambda df: df.assign(lane=df["lane"].replace("Emotions", "Thoughts")),
        lambda df: df.assign(id="same"),
        lambda df: df.assign(score=df["score"].fillna(0) * 5),
        lambda df: df.drop(columns=["text"]),
        lambda df: df.assign(confidence="certain"),
        lambda df: df.assign(step=df["step"].replace("Payment", "Pay")),
    ],
    ids=["stage", "lane", "dup-id", "score", "no-text", "confidence", "step"],
)
def test_failed_data_assignment_leaves_the_map_unchanged(widget, cards, change):
    events = []
    widget.on_edit(events.append)
    data, revision, synced = widget.data, widget.revision, widget.cards
    structure = widget.structure
    with pytest.raises(jw.JourneyError):
        widget.data = change(cards)
    _unchanged(widget, data, revision, synced)
    assert widget.structure == structure
    assert events == []
    assert widget.undo() is False


def test_data_assignment_is_validated_against_the_maps_order(widget, cards):
    subset = cards[cards["stage"] != "Browse"]
    widget.data = subset
    assert list(widget.data["id"]) == list(subset["id"])
    assert widget.stages == tuple(STAGES)  # the map keeps its (now empty) Browse stage


def test_checkout_map_fixture_is_well_formed():
    m = checkout_map()
    assert m.stages == tuple(STAGES) and m.lanes == tuple(LANES)
    assert m.lane_kind("Emotions") == "emotion" and m.lane_kind("Actions") == "text"
    assert list(m.data.columns) == ["id", "stage", "step", "lane", "text", "score", *EXTRA_COLUMNS]
    assert m.data["n_tickets"].dtype == np.int64
    assert m.data["first_seen"].dtype.kind == "M"
