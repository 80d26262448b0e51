"""jw.metrics formulas against worked examples, the tidy table, and m.metrics on the map."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget import metrics


# ---- formulas ------------------------------------------------------------------------------
def test_nps_worked_examples() -> None:
    # 10 answers: promoters 10, 9, 10, 9 (40%); detractors 6, 0, 3, 5 (40%); NPS 0.
    assert metrics.nps([10, 9, 8, 7, 6, 0, 10, 3, 9, 5]) == 0.0
    # 6 answers: promoters 10, 10, 9 (50%); passives 8, 7; detractor 2 (1/6): 50 - 16.67.
    assert metrics.nps([10, 10, 9, 8, 7, 2]) == pytest.approx(33.3333, abs=1e-4)
    assert metrics.nps([9, 10]) == 100.0 and metrics.nps([0, 6]) == -100.0
    assert metrics.nps([7, 8, None, np.nan]) == 0.0  # passives only; missing skipped


def test_csat_worked_examples() -> None:
    assert metrics.csat([5, 4, 3, 2, 4]) == 60.0  # 3 of 5 at 4-5
    assert metrics.csat([1, 2, 3]) == 0.0
    assert metrics.csat([7, 6, 5, 2], scale=(1, 7), threshold=6) == 50.0


def test_ces_worked_examples() -> None:
    assert metrics.ces([7, 6, 5, 2]) == 5.0
    assert metrics.ces([1, 2], scale=(1, 5)) == 1.5
    assert metrics.mean([2, 4, 9], scale=(0, 10)) == 5.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: metrics.nps([10, 11]),
            "NPS: answer 11 at position 1 is off the scale; expected whole numbers from 0 to 10",
        ),
        (lambda: metrics.nps([8.5]), "whole numbers from 0 to 10"),
        (lambda: metrics.csat([0, 5]), "CSAT: answer 0 at position 0 is off the scale"),
        (lambda: metrics.csat(["great"]), "CSAT: answer 'great' at position 0 is not a number"),
        (lambda: metrics.ces([True]), "is not a number"),
        (lambda: metrics.ces([None]), "no answers"),
    ],
)
def test_bad_answers_are_refused(call, message) -> None:
    with pytest.raises(jw.JourneyError, match=message):
        call()


def survey() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Cart", "Cart", "Browse", "Browse", "Browse", "Cart", "Delivery"],
            "answer": [5, 3, 4, 4, 1, 4, 2],
            "nps": [10, 6, 9, 8, 9, 10, 0],
        }
    )


def test_by_stage_gives_the_tidy_table() -> None:
    t = metrics.by_stage(
        survey(),
        value="answer",
        kind="csat",
        target=80,
        stages=["Browse", "Cart", "Checkout", "Delivery"],
    )
    assert list(t.columns) == ["stage", "metric", "value", "target", "unit", "n"]
    assert t["stage"].tolist() == ["Browse", "Cart", "Delivery"]  # map order
    assert t["metric"].tolist() == ["CSAT"] * 3
    assert t["value"].tolist() == pytest.approx([200 / 3, 200 / 3, 0.0])
    assert t["target"].tolist() == [80.0] * 3 and t["unit"].tolist() == ["%"] * 3
    assert t["n"].tolist() == [3, 3, 1]
    n = metrics.by_stage(
        survey(), value="nps", kind="nps", metric="Likely to recommend", target={"Cart": 30}
    )
    # Cart: 10, 6, 10 -> 66.7 - 33.3; Browse: 9, 8, 9 -> 66.7; Delivery: 0 -> -100.
    assert dict(zip(n["stage"], n["value"], strict=True)) == pytest.approx(
        {"Cart": 100 / 3, "Browse": 200 / 3, "Delivery": -100.0}
    )
    assert n["metric"].iloc[0] == "Likely to recommend" and n["unit"].isna().all()
    assert n["target"].tolist()[0] == 30 and np.isnan(n["target"].tolist()[1])
    c = metrics.by_stage(survey(), value="answer", kind="ces", scale=(1, 5))
    assert c["unit"].iloc[0] == "on 1-5" and c["value"].iloc[0] == 4.0  # Cart: 5, 3, 4


def test_by_stage_errors_name_what_is_wrong() -> None:
    with pytest.raises(jw.JourneyError, match="kind must be one of nps, csat, ces, mean"):
        metrics.by_stage(survey(), value="answer", kind="median")  # type: ignore[arg-type]
    with pytest.raises(jw.JourneyError, match="column 'score' is not in the answers"):
        metrics.by_stage(survey(), value="score")
    with pytest.raises(jw.JourneyError, match="CSAT of stage 'Cart': answer 9 at position 0"):
        metrics.by_stage(pd.DataFrame({"stage": ["Cart"], "value": [9]}))
    with pytest.raises(jw.JourneyError, match="needs scale"):
        metrics.by_stage(survey(), value="answer", kind="mean")
    with pytest.raises(jw.JourneyError, match="stage 'Delivery' is in the answers but not in"):
        metrics.by_stage(survey(), value="answer", stages=["Browse", "Cart"])


# ---- m.metrics ------------------------------------------------------------------------------
def tidy() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Cart", "Checkout", "Cart"],
            "metric": ["CSAT", "CSAT", "NPS"],
            "value": [72.5, 41, -10],
            "target": [80, 80, None],
            "unit": ["%", "%", None],
            "n": [120, 80, None],
        }
    )


def test_metrics_property_validates_stores_and_copies() -> None:
    m = checkout_map()
    assert m.metrics is None
    events: list = []
    m.on_edit(events.append)
    m.metrics = tidy()
    got = m.metrics
    assert got is not None and got["value"].tolist() == [72.5, 41.0, -10.0]
    assert got["n"].dtype == "Int64" and got["n"].isna().tolist() == [False, False, True]
    got.loc[0, "value"] = 0  # a copy
    assert m.metrics["value"].iloc[0] == 72.5
    assert m.journey.metrics is not None
    assert [(e.kind, e.old, e.new) for e in events] == [("metrics", None, 3)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"stage": "Shipping"},
            "column 'stage' has value 'Shipping' at row 0, which is not one of the map's stages",
        ),
        ({"value": "high"}, "column 'value' has value 'high' at row 0; expected a finite number"),
        ({"value": None}, "column 'value' has value None at row 0"),
        ({"target": "80%"}, "column 'target' has value '80%' at row 0"),
        ({"n": -1}, "column 'n' has value -1 at row 0; expected a whole number of 0 or more"),
        ({"n": 2.5}, "column 'n' has value 2.5"),
        ({"unit": 5}, "column 'unit' has value 5"),
        ({"metric": ""}, "column 'metric' has value ''"),
    ],
)
def test_bad_metrics_are_refused_before_anything_changes(change, message) -> None:
    m = checkout_map()
    m.metrics = tidy()
    revision = m.revision
    frame = tidy()
    for column, value in change.items():
        frame[column] = frame[column].astype(object)
        frame.loc[0, column] = value
    with pytest.raises(jw.JourneyError, match=message):
        m.metrics = frame
    assert m.revision == revision and m.metrics.equals(checkout_map_metrics())


def checkout_map_metrics() -> pd.DataFrame:
    m = checkout_map()
    m.metrics = tidy()
    return m.metrics


def test_shape_errors() -> None:
    m = checkout_map()
    with pytest.raises(jw.JourneyError, match="missing column\\(s\\) 'value'"):
        m.metrics = tidy().drop(columns="value")
    with pytest.raises(jw.JourneyError, match="unknown column\\(s\\) 'week'"):
        m.metrics = tidy().assign(week="Q1")
    with pytest.raises(jw.JourneyError, match="stage 'Cart' has metric 'CSAT' more than once"):
        m.metrics = pd.concat([tidy(), tidy().iloc[:1]])
    with pytest.raises(jw.JourneyError, match="metrics must be a DataFrame"):
        m.metrics = "CSAT 80"  # type: ignore[assignment]


def test_metrics_undo_redo_clear_and_follow_a_stage_rename() -> None:
    m = checkout_map()
    m.metrics = tidy()
    m.rename_stage("Cart", "Basket")
    assert m.metrics["stage"].tolist() == ["Basket", "Checkout", "Basket"]
    m.undo()
    assert m.metrics["stage"].tolist() == ["Cart", "Checkout", "Cart"]
    m.metrics = None
    assert m.metrics is None
    m.undo()
    assert m.metrics is not None and len(m.metrics) == 3
    m.undo()
    assert m.metrics is None
    m.redo()
    assert len(m.metrics) == 3


def test_metrics_of_a_removed_stage_are_hidden_and_come_back_with_undo() -> None:
    m = checkout_map()
    m.metrics = tidy()
    m.remove_stage("Checkout", drop_cards=True)
    assert m.metrics["stage"].tolist() == ["Cart", "Cart"]
    assert json.loads(m.to_json())["metrics"][0]["stage"] == "Cart"
    m.undo()
    assert m.metrics["stage"].tolist() == ["Cart", "Checkout", "Cart"]


def test_metrics_round_trip_through_json_version_1() -> None:
    m = checkout_map()
    doc = json.loads(m.to_json())
    assert "metrics" not in doc and doc["version"] == 1
    m.metrics = tidy()
    doc = json.loads(m.to_json())
    assert doc["version"] == 1
    assert doc["metrics"][2] == {
        "stage": "Cart",
        "metric": "NPS",
        "value": -10.0,
        "target": None,
        "unit": None,
        "n": None,
    }
    back = jw.JourneyMap.from_json(m.to_json())
    pd.testing.assert_frame_equal(back.metrics, m.metrics)
    doc["metrics"][0]["stage"] = "Nowhere"
    with pytest.raises(jw.JourneyError, match="'Nowhere'"):
        jw.JourneyMap.from_json(json.dumps(doc))


def test_metrics_at_construction_and_in_the_pure_model() -> None:
    m = checkout_map(metrics=tidy())
    assert len(m.metrics) == 3
    j = jw.Journey(
        pd.DataFrame({"stage": ["A"], "lane": ["L"], "text": ["t"]}),
        metrics=[{"stage": "A", "metric": "CES", "value": 5.2, "unit": "on 1-7"}],
    )
    assert j.metrics is not None and j.metrics["unit"].tolist() == ["on 1-7"]
    with pytest.raises(jw.JourneyError, match="not one of the map's stages"):
        checkout_map(metrics=tidy().assign(stage="Z"))
