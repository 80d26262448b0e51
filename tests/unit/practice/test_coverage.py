"""Evidence coverage per stage and lane, per other columns and overall."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.practice import coverage, evidenced

STAGES = ["Discover", "Pay", "Receive"]
LANES = ["Actions", "Emotions", "Pain points"]


def workshop_cards() -> pd.DataFrame:
    # stage, lane, evidence, confidence, persona          backed?
    rows = [
        ("Discover", "Actions", "interview 2", None, "Ana"),  # yes: evidence
        ("Discover", "Actions", "   ", None, "Ana"),  # no: blank evidence
        ("Discover", "Emotions", None, "observed", "Ben"),  # yes: observed
        ("Pay", "Actions", None, "reported", None),  # yes: reported
        ("Pay", "Pain points", None, "inferred", "Ana"),  # no: an inference
        ("Pay", "Pain points", None, "hypothesized", "Ben"),  # no: a hypothesis
        ("Pay", "Pain points", "58 tickets", "hypothesized", "Ben"),  # yes: evidence wins
        ("Pay", "Pain points", None, None, None),  # no: nothing at all
    ]
    frame = pd.DataFrame(rows, columns=["stage", "lane", "evidence", "confidence", "persona"])
    frame["text"] = [f"card {i}" for i in range(len(frame))]
    return frame


def workshop_map() -> jw.JourneyMap:
    return jw.JourneyMap(workshop_cards(), stages=STAGES, lanes=LANES)


def test_what_counts_as_evidence():
    assert evidenced(workshop_cards()).tolist() == [
        True,
        False,
        True,
        True,
        False,
        False,
        True,
        False,
    ]
    lists = pd.DataFrame({"evidence": [[], ["ticket 12"], ("",), None]})
    assert evidenced(lists).tolist() == [False, True, True, False]
    assert evidenced(pd.DataFrame({"text": ["a"]})).tolist() == [False]


def test_per_stage_and_lane_lists_every_cell_in_map_order():
    table = workshop_map().coverage()
    assert list(table.columns) == ["stage", "lane", "cards", "evidenced", "share"]
    assert list(zip(table["stage"], table["lane"], strict=True)) == [
        (s, x) for s in STAGES for x in LANES
    ]
    by_cell = table.set_index(["stage", "lane"])
    assert by_cell.loc[("Discover", "Actions")].tolist() == [2, 1, 0.5]
    assert by_cell.loc[("Discover", "Emotions")].tolist() == [1, 1, 1.0]
    assert by_cell.loc[("Pay", "Pain points")].tolist() == [4, 1, 0.25]
    empty = by_cell.loc[("Receive", "Actions")]
    assert empty["cards"] == 0 and empty["evidenced"] == 0 and math.isnan(empty["share"])
    assert table["cards"].dtype == "int64" and table["evidenced"].dtype == "int64"


def test_per_stage_per_lane_and_overall():
    m = workshop_map()
    assert m.coverage("stage").values.tolist() == [
        ["Discover", 3, 2, 2 / 3],
        ["Pay", 5, 2, 0.4],
        ["Receive", 0, 0, pytest.approx(math.nan, nan_ok=True)],
    ]
    assert m.coverage("lane")["cards"].tolist() == [3, 1, 4]
    overall = m.coverage(by=())
    assert overall.to_dict("records") == [{"cards": 8, "evidenced": 4, "share": 0.5}]


def test_grouping_by_another_column_keeps_missing_values_as_none():
    table = workshop_map().coverage(by="persona")
    assert table.to_dict("records") == [
        {"persona": "Ana", "cards": 3, "evidenced": 1, "share": pytest.approx(1 / 3)},
        {"persona": "Ben", "cards": 3, "evidenced": 2, "share": pytest.approx(2 / 3)},
        {"persona": None, "cards": 2, "evidenced": 1, "share": 0.5},
    ]


def test_coverage_follows_edits():
    m = workshop_map()
    pain = m.data.query("lane == 'Pain points' and confidence.isna()")["id"].item()
    m.edit_card(pain, "evidence", "support log, March")
    assert m.coverage(by=()).loc[0, "evidenced"] == 5


def test_a_map_without_evidence_columns_has_zero_coverage():
    table = checkout_map().coverage(by="stage")
    assert table["evidenced"].tolist() == [0, 0, 0, 0]
    assert table["share"].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_the_function_takes_maps_journeys_and_frames_alike():
    m = workshop_map()
    assert coverage(m).equals(coverage(m.journey))
    assert coverage(workshop_cards(), "stage")["cards"].tolist() == [3, 5]


def test_bad_grouping_and_bad_input_are_refused():
    with pytest.raises(jw.JourneyError, match=r"cannot group coverage by \['owner'\]"):
        workshop_map().coverage(by=["stage", "owner"])
    with pytest.raises(jw.JourneyError, match="must be a JourneyMap, a Journey or a DataFrame"):
        coverage([1, 2, 3])
