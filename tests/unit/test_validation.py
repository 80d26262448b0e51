"""Validation of card tables: `jw.JourneyMap(df, ...)` and `jw.Journey(df, ...)` (DESIGN.md 1-2)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from journey_helpers import EXTRA_COLUMNS, LANES, STAGES
from validation_helpers import BUILDERS, table_of

import journey_widget as jw


@pytest.fixture(params=sorted(BUILDERS))
def build(request):
    """Build the map as a JourneyMap and as a Journey: both validate alike."""
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
    j = jw.Journey(
        None, lanes=["Actions", "Emotions", "Feelings", {"name": "Conversion", "kind": "metric"}]
    )
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
@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame(),
        None,
        pd.DataFrame(columns=["stage", "lane", "text"]),
        pd.DataFrame(columns=["id", "stage", "step", "lane", "text", "score"]),
    ],
    ids=["no-columns", "none", "required-columns", "core-columns"],
)
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
