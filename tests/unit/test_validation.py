"""Validation of card tables: `jw.JourneyMap(df, ...)` and `jw.Journey(df, ...)` (DESIGN.md 1-2)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from journey_helpers import EXTRA_COLUMNS, LANES, STAGES, checkout_map

import journey_widget as jw

BUILDERS = {
    "JourneyMap": lambda df, **kw: jw.JourneyMap(df, **kw),
    "Journey": lambda df, **kw: jw.Journey(df, **kw),
}


def names_of(built):
    """Stage and lane names of a JourneyMap or a Journey."""
    if isinstance(built, jw.JourneyMap):
        return list(built.stages), list(built.lanes)
    return built.stage_names(), built.lane_names()


def table_of(built) -> pd.DataFrame:
    return built.data if isinstance(built, jw.JourneyMap) else built.table


@pytest.fixture(params=sorted(BUILDERS))
def build(request):
    return BUILDERS[request.param]


def test_journey_error_is_a_value_error():
    assert issubclass(jw.JourneyError, ValueError)


# ---- required columns ------------------------------------------------------------------------
@pytest.mark.parametrize("column", ["stage", "lane", "text"])
def test_missing_required_column_is_named(build, cards, column):
    with pytest.raises(jw.JourneyError, match=f"'{column}'"):
        build(cards.drop(columns=[column]), stages=STAGES, lanes=LANES)


def test_missing_several_columns_names_each(build, cards):
    with pytest.raises(jw.JourneyError) as info:
        build(cards.drop(columns=["stage", "text"]))
    assert "'stage'" in str(info.value) and "'text'" in str(info.value)
    assert "'lane'" not in str(info.value).split(";")[0]


def test_id_step_score_are_optional(build, cards):
    built = build(cards[["stage", "lane", "text"]])
    table = table_of(built)
    assert list(table.columns) == ["id", "stage", "step", "lane", "text", "score"]
    assert table["step"].isna().all() and table["score"].isna().all()
    assert list(table["text"]) == list(cards["text"])


# ---- stages and lanes outside the given order ------------------------------------------------
def test_stage_outside_given_order(build, cards):
    cards.loc[6, "stage"] = "Returns"
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=STAGES, lanes=LANES)
    message = str(info.value)
    assert "'stage'" in message and "'Returns'" in message
    assert str(STAGES) in message


def test_lane_outside_given_order(build, cards):
    cards.loc[3, "lane"] = "Thoughts"
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=STAGES, lanes=LANES)
    message = str(info.value)
    assert "'lane'" in message and "'Thoughts'" in message
    assert str(LANES) in message


def test_stage_order_missing_a_used_stage_is_refused(build, cards):
    with pytest.raises(jw.JourneyError, match="'Delivery'"):
        build(cards, stages=STAGES[:3], lanes=LANES)


def test_error_names_the_row_label_of_the_analysts_index(cards):
    cards.index = [f"r{i}" for i in range(len(cards))]
    cards.loc["r7", "stage"] = "Returns"
    with pytest.raises(jw.JourneyError, match="'r7'"):
        jw.JourneyMap(cards, stages=STAGES, lanes=LANES)


# ---- ids ---------------------------------------------------------------------------------------
def test_duplicate_ids_are_refused(build, cards):
    cards.loc[9, "id"] = "c03"
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=STAGES, lanes=LANES)
    assert "'id'" in str(info.value) and "'c03'" in str(info.value)


def test_ids_are_kept_when_given(build, cards):
    assert list(table_of(build(cards))["id"]) == list(cards["id"])


def test_ids_are_generated_when_missing(build, cards):
    table = table_of(build(cards.drop(columns=["id"])))
    ids = list(table["id"])
    assert len(ids) == len(cards) and len(set(ids)) == len(ids)
    assert all(isinstance(i, str) and i for i in ids)
    assert list(table["text"]) == list(cards["text"])


def test_missing_ids_are_filled_and_given_ones_kept(build, cards):
    cards["id"] = cards["id"].astype(object)
    cards.loc[[2, 5], "id"] = None
    ids = list(table_of(build(cards))["id"])
    assert ids[0] == "c01" and ids[3] == "c04" and ids[-1] == "c21"
    assert ids[2] not in (None, "") and ids[5] not in (None, "")
    assert len(set(ids)) == len(ids)


def test_ids_are_generated_afresh_for_each_map(cards):
    a = jw.JourneyMap(cards.drop(columns=["id"])).data["id"]
    b = jw.JourneyMap(cards.drop(columns=["id"])).data["id"]
    assert not set(a) & set(b)


def test_numeric_ids_become_strings(build, cards):
    cards["id"] = range(100, 100 + len(cards))
    table = table_of(build(cards))
    assert list(table["id"]) == [str(i) for i in range(100, 100 + len(cards))]


# ---- scores ------------------------------------------------------------------------------------
def test_non_numeric_score_is_refused(build, cards):
    cards["score"] = cards["score"].astype(object)
    cards.loc[4, "score"] = "very happy"
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=STAGES, lanes=LANES)
    assert "'score'" in str(info.value) and "'very happy'" in str(info.value)


def test_numeric_strings_are_scores(build, cards):
    cards["score"] = cards["score"].astype(object)
    cards.loc[4, "score"] = "-2"
    assert table_of(build(cards, stages=STAGES, lanes=LANES))["score"][4] == -2.0


def test_boolean_scores_are_refused(build, cards):
    with pytest.raises(jw.JourneyError, match="'score'"):
        build(cards.assign(score=True))


@pytest.mark.parametrize("score", [2.5, -3, 7])
def test_score_outside_scale_on_emotion_lane_is_refused(build, cards, score):
    cards.loc[9, "score"] = score  # c10, Cart / Emotions
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=STAGES, lanes=LANES)
    message = str(info.value)
    assert "'score'" in message and f"{score:g}" in message and "-2..2" in message
    assert "'Emotions'" in message


def test_score_on_the_scale_bounds_is_accepted(build, cards):
    cards.loc[2, "score"], cards.loc[9, "score"] = -2, 2
    table = table_of(build(cards, stages=STAGES, lanes=LANES))
    assert table["score"][2] == -2 and table["score"][9] == 2


def test_score_outside_scale_is_allowed_on_text_lane(build, cards):
    cards.loc[10, "score"] = 31.0  # c11, a pain point scored by ticket volume
    assert table_of(build(cards, stages=STAGES, lanes=LANES))["score"][10] == 31.0


def test_score_outside_scale_is_allowed_on_metric_lane(build, cards):
    cards.loc[0, "score"] = 1250.5
    lanes = [{"name": "Actions", "kind": "metric"}, *LANES[1:]]
    built = build(cards, stages=STAGES, lanes=lanes)
    assert table_of(built)["score"][0] == 1250.5


def test_custom_scale(build, cards):
    cards.loc[9, "score"] = 3
    built = build(cards, stages=STAGES, lanes=LANES, scale=(-3, 3))
    assert table_of(built)["score"][9] == 3
    with pytest.raises(jw.JourneyError, match=re.escape("-1..1")):
        build(cards, stages=STAGES, lanes=LANES, scale=(-1, 1))


@pytest.mark.parametrize("scale", [(2, -2), (1, 1), ("a", 2), {"min": 0, "max": 5, "step": 0}])
def test_bad_scale_is_refused(scale):
    with pytest.raises(jw.JourneyError, match="scale"):
        jw.Journey(None, scale=scale)


def test_lane_kind_is_guessed_from_name_and_can_be_given():
    j = jw.Journey(None, lanes=["Actions", "Emotions", "Feelings",
                                {"name": "Conversion", "kind": "metric"}])
    assert [lane.kind for lane in j.lanes] == ["text", "emotion", "emotion", "metric"]
    with pytest.raises(jw.JourneyError, match="'chart'"):
        jw.Journey(None, lanes=[{"name": "Conversion", "kind": "chart"}])


# ---- confidence and severity -------------------------------------------------------------------
def test_bad_confidence_is_refused(build, cards):
    cards["confidence"] = "observed"
    cards.loc[5, "confidence"] = "certain"
    with pytest.raises(jw.JourneyError) as info:
        build(cards)
    assert "'confidence'" in str(info.value) and "'certain'" in str(info.value)


def test_all_confidence_values_and_missing_are_accepted(build, cards):
    values = ["observed", "reported", "inferred", "hypothesized", None]
    cards["confidence"] = [values[i % 5] for i in range(len(cards))]
    table = table_of(build(cards))
    assert list(table["confidence"][:4]) == values[:4]
    assert pd.isna(table["confidence"][4])


@pytest.mark.parametrize("bad", [0, 6, 9.5, "high"])
def test_bad_severity_is_refused(build, cards, bad):
    cards["severity"] = pd.Series([3] * len(cards), dtype=object)
    cards.loc[10, "severity"] = bad
    with pytest.raises(jw.JourneyError) as info:
        build(cards)
    assert "'severity'" in str(info.value) and repr(bad) in str(info.value)


def test_severity_in_range_and_missing_are_accepted(build, cards):
    cards["severity"] = [1.0, 2, 3, 4, 5, np.nan] + [3] * (len(cards) - 6)
    table = table_of(build(cards))
    assert list(table["severity"][:5]) == [1, 2, 3, 4, 5]
    assert pd.isna(table["severity"][5])


# ---- missing names -----------------------------------------------------------------------------
@pytest.mark.parametrize("column", ["stage", "lane"])
@pytest.mark.parametrize("missing", [None, np.nan])
def test_missing_stage_or_lane_value_is_refused(build, cards, column, missing):
    cards[column] = cards[column].astype(object)
    cards.loc[4, column] = missing
    with pytest.raises(jw.JourneyError) as info:
        build(cards, stages=STAGES, lanes=LANES)
    assert f"'{column}'" in str(info.value) and "row 4" in str(info.value)


def test_missing_text_becomes_empty_text(build, cards):
    cards["text"] = cards["text"].astype(object)
    cards.loc[4, "text"] = None
    assert table_of(build(cards))["text"][4] == ""


# ---- empty tables ------------------------------------------------------------------------------
@pytest.mark.parametrize("frame", [
    pd.DataFrame(),
    None,
    pd.DataFrame(columns=["stage", "lane", "text"]),
    pd.DataFrame(columns=["id", "stage", "step", "lane", "text", "score"]),
], ids=["no-columns", "none", "required-columns", "core-columns"])
def test_empty_table_is_a_valid_empty_map(frame):
    m = jw.JourneyMap(frame)
    assert len(m.data) == 0
    assert list(m.data.columns) == ["id", "stage", "step", "lane", "text", "score"]
    assert m.stages == () and m.lanes == ()
    assert m.cards == []
    j = jw.Journey(frame)
    assert len(j.table) == 0 and j.stages == [] and j.lanes == []


def test_empty_table_with_given_order_keeps_it():
    m = jw.JourneyMap(pd.DataFrame(columns=["stage", "lane", "text"]), stages=STAGES, lanes=LANES)
    assert m.stages == tuple(STAGES) and m.lanes == tuple(LANES)
    card = m.add_card("Cart", "Actions", "First card")
    assert list(m.data["id"]) == [card]


def test_empty_table_keeps_the_analysts_columns(cards):
    m = jw.JourneyMap(cards.iloc[:0], stages=STAGES, lanes=LANES)
    assert list(m.data.columns)[6:] == EXTRA_COLUMNS
    assert m.data["n_tickets"].dtype == np.int64
    assert m.data["first_seen"].dtype == cards["first_seen"].dtype


@pytest.mark.parametrize("bad", [[{"stage": "Browse"}], "cards.csv", 42])
def test_non_dataframe_is_refused(bad):
    with pytest.raises(jw.JourneyError, match="DataFrame"):
        jw.JourneyMap(bad)


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
    cards["stage"] = pd.Categorical(cards["stage"], categories=list(reversed(STAGES)),
                                    ordered=True)
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


@pytest.mark.parametrize("edit", [
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
])
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


@pytest.mark.parametrize("change", [
    lambda df: df.assign(stage=df["stage"].replace("Cart", "Basket")),
    lambda df: df.assign(lane=df["lane"].replace("Emotions", "Thoughts")),
    lambda df: df.assign(id="same"),
    lambda df: df.assign(score=df["score"].fillna(0) * 5),
    lambda df: df.drop(columns=["text"]),
    lambda df: df.assign(confidence="certain"),
    lambda df: df.assign(step=df["step"].replace("Payment", "Pay")),
], ids=["stage", "lane", "dup-id", "score", "no-text", "confidence", "step"])
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
