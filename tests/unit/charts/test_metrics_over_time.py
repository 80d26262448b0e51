"""Metrics over time: the ``period`` column, m.update_metrics, the trend chart and the score."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.analytics.sample import SAMPLE_STAGES, sample_events
from journey_widget.model.metrics_periods import is_iso_period, journey_score, period_order

STAGES = ["Browse", "Cart", "Checkout", "Delivery"]
ARGS = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}


def month(values: list[float], target: float | None = 80.0) -> pd.DataFrame:
    """CSAT per stage of the checkout map, one period's worth (no ``period`` column)."""
    return pd.DataFrame({"stage": STAGES, "metric": "CSAT", "value": values, "target": target})


def two_months() -> jw.JourneyMap:
    m = checkout_map()
    m.metrics = month([70.0, 80.0, 90.0, 60.0]).assign(period="2026-10")
    m.update_metrics(month([75.0, 85.0, 70.0, 65.0]), period="2026-11")
    return m


def test_update_metrics_keeps_the_cards_and_the_other_periods() -> None:
    m = checkout_map()
    m.metrics = month([70.0, 80.0, 90.0, 60.0]).assign(period="2026-10")
    october, cards = m.metrics, m.data
    after = m.update_metrics(month([75.0, 85.0, 70.0, 65.0]), period="2026-11")
    assert m.data.equals(cards)
    assert after.equals(m.metrics) and list(after.columns)[-1] == "period"
    assert after.iloc[:4].equals(october)
    assert after["period"].tolist() == ["2026-10"] * 4 + ["2026-11"] * 4
    assert after["value"].iloc[4:].tolist() == [75.0, 85.0, 70.0, 65.0]


def test_update_metrics_replaces_the_same_period_in_place_and_undoes() -> None:
    m = two_months()
    before = m.metrics
    m.update_metrics(month([10.0, 20.0, 30.0, 40.0]), period="2026-10")
    table = m.metrics
    assert len(table) == 8 and table["period"].tolist() == before["period"].tolist()
    assert table["value"].iloc[:4].tolist() == [10.0, 20.0, 30.0, 40.0]
    assert table.iloc[4:].equals(before.iloc[4:])
    m.undo()
    assert m.metrics.equals(before)
    m.redo()
    assert m.metrics.equals(table)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (month([1.0, 2.0, 3.0, 4.0]).assign(stage=["Browse", "Cart", "Returns", "Pay"]),
         "column 'stage' has value 'Returns' at row 2, which is not one of the map's stages"),
        (month([1.0, 2.0, 3.0, 4.0]).assign(period="2026-12"), "the frame has a 'period' column"),
        (month([1.0, 2.0, 3.0, 4.0]).assign(value="high"), "column 'value' has value 'high'"),
        ("CSAT 80", "update_metrics takes a metrics DataFrame"),
    ],
)  # fmt: skip
def test_update_metrics_refuses_a_bad_frame_before_anything_changes(
    frame: object, message: str
) -> None:
    m = two_months()
    before, cards, revision = m.metrics, m.data, m.revision
    with pytest.raises(jw.JourneyError, match=message):
        m.update_metrics(frame, period="2026-12")
    assert m.metrics.equals(before) and m.data.equals(cards) and m.revision == revision


def test_update_metrics_refuses_an_analysis_of_other_stages() -> None:
    log = sample_events(120, seed=3)
    m = jw.JourneyMap.from_events(log, stage_of=SAMPLE_STAGES, **ARGS)
    before, revision = m.metrics, m.revision
    other = {a: ("Research" if s == "Discover" else s) for a, s in SAMPLE_STAGES.items()}
    elsewhere = jw.analytics.analyze(log, stage_of=other, **ARGS)
    with pytest.raises(jw.JourneyError, match=r"the analysis has stages .*'Research'.* expected"):
        m.update_metrics(elsewhere, period="2026-11", previous="2026-10")
    assert m.metrics.equals(before) and m.revision == revision


def test_update_metrics_from_an_analysis_names_the_map_s_period_and_carries_targets() -> None:
    m = jw.JourneyMap.from_events(sample_events(120, seed=3), stage_of=SAMPLE_STAGES, **ARGS)
    november = jw.analytics.analyze(sample_events(150, seed=4), stage_of=SAMPLE_STAGES, **ARGS)
    with pytest.raises(jw.JourneyError, match=r"have no period.*previous="):
        m.update_metrics(november, period="2026-11")
    table = m.metrics
    table.loc[table["metric"] == "conversion", "target"] = 50.0
    m.metrics = table
    after = m.update_metrics(november, period="2026-11", previous="2026-10")
    assert period_order(after) == ["2026-10", "2026-11"]
    assert after[after["period"] == "2026-10"].drop(columns="period").equals(table)
    fresh = after[(after["period"] == "2026-11") & (after["metric"] == "conversion")]
    assert len(fresh) and (fresh["target"] == 50.0).all()  # the target followed the new data
    assert "events" not in set(after["metric"])  # as from_events leaves it out


def test_period_validation_and_order() -> None:
    m = checkout_map()
    with pytest.raises(jw.JourneyError, match="column 'period' at row 1 has value None; expected"):
        m.metrics = month([1.0, 2.0, 3.0, 4.0]).assign(period=["Q1", None, "Q1", "Q1"])
    with pytest.raises(jw.JourneyError, match="'CSAT' in period 'Q1' more than once"):
        m.metrics = pd.concat([month([1.0] * 4), month([2.0] * 4)]).assign(period="Q1")
    with pytest.raises(jw.JourneyError, match="period has value ''; expected a date 'YYYY-MM-DD'"):
        m.update_metrics(month([1.0] * 4), period="")
    m.metrics = month([1.0] * 4).assign(period=None)  # only missing periods: no periods
    assert "period" not in m.metrics.columns
    assert [is_iso_period(p) for p in ("2026-02-29", "2028-02-29", "2026-1", "Q4")] == [
        False, True, False, False,
    ]  # fmt: skip
    table = pd.DataFrame({"period": ["2026-12", "2026-11-15", "2026-11", "2027-01"]})
    assert period_order(table) == ["2026-11", "2026-11-15", "2026-12", "2027-01"]
    labels = pd.DataFrame({"period": ["before", "after", "before", "2026-11"]})
    assert period_order(labels) == ["before", "after", "2026-11"]
    m.update_metrics(month([1.0] * 4), period=pd.Timestamp("2026-11-30"), previous="2026-10")
    assert m.metrics["period"].tolist() == ["2026-10"] * 4 + ["2026-11-30"] * 4


def test_json_round_trip_with_periods_and_without_them_as_before() -> None:
    m = two_months()
    text = m.to_json()
    doc = json.loads(text)
    assert list(doc["metrics"][0]) == ["stage", "metric", "value", "target", "unit", "n", "period"]
    back = jw.JourneyMap.from_json(text)
    assert back.metrics.equals(m.metrics) and back.to_json() == text
    plain = checkout_map()
    plain.metrics = month([70.0, 80.0, 90.0, 60.0])
    doc = json.loads(plain.to_json())
    assert list(doc["metrics"][0]) == ["stage", "metric", "value", "target", "unit", "n"]
    assert jw.JourneyMap.from_json(plain.to_json()).to_json() == plain.to_json()


def test_the_trend_chart_draws_one_line_per_stage_against_its_target() -> None:
    m = two_months()
    chart = m.metrics_chart()
    spec = chart.to_dict()
    line, target = spec["spec"]["layer"]
    assert line["mark"]["type"] == "line" and line["encoding"]["color"]["field"] == "stage"
    assert target["mark"]["strokeDash"] and target["encoding"]["y"]["field"] == "target"
    assert line["encoding"]["x"]["sort"] == ["2026-10", "2026-11"]
    data = chart.data
    assert sorted(data["stage"].unique()) == sorted(STAGES)
    assert data.groupby("stage").size().tolist() == [2, 2, 2, 2]  # one line of 2 points each
    one = checkout_map()
    one.metrics = month([70.0, 80.0, 90.0, 60.0]).assign(period="2026-10")
    assert one.metrics_chart().to_dict()["spec"]["layer"][0]["mark"]["type"] == "bar"


def test_the_overlay_shows_each_stage_s_latest_value() -> None:
    from journey_widget.charts.stage_metrics import metrics_data

    data = metrics_data(two_months().journey, None)
    assert data["value"].tolist() == [75.0, 85.0, 70.0, 65.0]


def test_journey_score_is_the_share_of_latest_values_on_target() -> None:
    m = checkout_map()
    assert m.journey_score() is None
    m.metrics = month([70.0, 80.0, 90.0, 60.0], target=None)
    assert m.journey_score() is None  # no targets, no score
    m = two_months()  # November: 75, 85, 70, 65 against 80
    assert m.journey_score() == 0.25
    m.update_metrics(month([80.0, 85.0, 70.0, 65.0]), period="2026-09")  # not the latest
    assert m.journey_score() == 0.25
    drops = pd.DataFrame(
        {
            "stage": ["Browse", "Cart", "Cart"],
            "metric": ["drop-off", "drop-off", "NPS"],
            "value": [20.0, 40.0, 10.0],
            "target": [30.0, 30.0, None],
        }
    )
    assert journey_score(drops) == 0.5  # 20 <= 30 meets, 40 does not, NPS has no target
    assert journey_score(drops, lower_is_better=()) == 0.5  # now 40 >= 30 meets, 20 does not
