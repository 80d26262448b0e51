"""From an event log to a map skeleton and charts: stages, touchpoint cards, attached metrics."""

from __future__ import annotations

import pandas as pd
import pytest

import journey_widget as jw
from journey_widget import JourneyError
from journey_widget.analytics.sample import SAMPLE_STAGES, sample_events

ARGS = {
    "case": "customer_id",
    "activity": "event",
    "timestamp": "timestamp",
    "stage_of": SAMPLE_STAGES,
}


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return sample_events(400, seed=11)


@pytest.fixture(scope="module")
def analysis(shop: pd.DataFrame) -> jw.analytics.Analysis:
    return jw.analytics.analyze(shop, scores={"csat": ["mean", "count"]}, **ARGS)


def test_from_events_builds_an_annotatable_skeleton(
    shop: pd.DataFrame, analysis: jw.analytics.Analysis
) -> None:
    m = jw.JourneyMap.from_events(shop, scores=["csat"], touchpoints=2, **ARGS)
    assert isinstance(m, jw.JourneyMap)
    assert m.stages == ("Discover", "Browse", "Cart", "Checkout", "After purchase")
    assert m.lanes == ("Touchpoints", "Emotions", "Pain points", "Opportunities")
    assert m.lane_kind("Emotions") == "emotion"
    cards = m.data
    assert set(cards["lane"]) == {"Touchpoints"} and (cards["confidence"] == "observed").all()
    for stage in m.stages:  # the two most frequent activities of each stage, most frequent first
        acts = analysis.activities[analysis.activities["stage"] == stage]
        here = cards[cards["stage"] == stage]
        assert here["text"].tolist() == acts["activity"].head(2).tolist()
        assert here["evidence"].tolist() == [
            f"{n:,} events in the log" for n in acts["events"].head(2)
        ]
    reached = analysis.funnel["reached"].tolist()
    assert m.journey.stages[0].description.startswith(f"{reached[0]:,} cases reached")
    assert m.title == f"Journey of {analysis.n_cases:,} cases"


def test_from_events_attaches_the_funnel_as_metrics(analysis: jw.analytics.Analysis) -> None:
    m = jw.JourneyMap.from_events(analysis, title="Shop")
    metrics = m.metrics
    assert metrics is not None
    reached = metrics[metrics["metric"] == "reached"]
    assert reached["value"].tolist() == analysis.funnel["reached"].astype(float).tolist()
    conversion = metrics[metrics["metric"] == "conversion"]
    assert conversion["stage"].tolist() == list(analysis.stages[1:])  # none for the first
    assert conversion["value"].tolist() == pytest.approx(
        (100 * analysis.funnel["step_conversion"].iloc[1:]).tolist()
    )
    assert (conversion["unit"] == "%").all()
    drop = metrics[metrics["metric"] == "drop-off"]
    assert drop["stage"].tolist() == list(analysis.stages[:-1])  # none for the last
    csat = metrics[metrics["metric"] == "csat mean"]
    expected = analysis.stage_metrics[analysis.stage_metrics["metric"] == "csat mean"]
    assert csat["value"].tolist() == pytest.approx(expected["value"].tolist())
    assert "events" not in set(metrics["metric"])


def test_the_skeleton_is_annotated_like_any_map(analysis: jw.analytics.Analysis) -> None:
    m = jw.JourneyMap.from_events(analysis)
    card = m.add_card("Checkout", "Pain points", "Payment fails on the first try", severity=4)
    m.add_card("Checkout", "Emotions", "Anxious", score=-1)
    assert m.journey.card(card)["severity"] == 4
    assert len(m.data) == 5 * 3 + 2


def test_from_events_refuses_mixed_arguments(analysis: jw.analytics.Analysis) -> None:
    with pytest.raises(JourneyError, match=r"already computed; drop the analysis arguments"):
        jw.JourneyMap.from_events(analysis, order="strict")
    with pytest.raises(JourneyError, match=r"touchpoints takes a whole number"):
        jw.JourneyMap.from_events(analysis, touchpoints=-1)


def test_metrics_table_of_the_analysis(analysis: jw.analytics.Analysis) -> None:
    table = analysis.metrics()
    assert list(table.columns) == ["stage", "metric", "value", "unit", "n"]
    times = table[table["metric"] == "time to next"]
    seconds = {"s": 1, "min": 60, "h": 3600, "d": 86400}[times["unit"].iloc[0]]
    medians = analysis.funnel["median_time_to_next"].dropna().dt.total_seconds() / seconds
    assert times["value"].tolist() == pytest.approx(medians.tolist())


def test_transitions_chart_holds_the_flows(analysis: jw.analytics.Analysis) -> None:
    spec = analysis.transitions_chart(top=5).to_dict()
    rows = next(iter(spec["datasets"].values()))
    top = set(analysis.activities["activity"].head(5))
    assert {r["source"] for r in rows} <= top and {r["target"] for r in rows} <= top
    t = analysis.transitions
    expected = t[t["source"].isin(top) & t["target"].isin(top)]
    assert sorted(r["count"] for r in rows) == sorted(expected["count"].tolist())
    x = spec["layer"][0]["encoding"]["x"]
    assert x["field"] == "target" and x["sort"][0] in top


def test_stage_transitions_chart_sums_flows_between_stages(analysis: jw.analytics.Analysis) -> None:
    spec = analysis.transitions_chart(level="stage").to_dict()
    rows = next(iter(spec["datasets"].values()))
    stage_of = dict(zip(analysis.activities["activity"], analysis.activities["stage"], strict=True))
    t = analysis.transitions
    total = t[t["source"].map(stage_of).eq("Cart") & t["target"].map(stage_of).eq("Checkout")]
    cell = [r for r in rows if r["source"] == "Cart" and r["target"] == "Checkout"]
    assert [c["count"] for c in cell] == [int(total["count"].sum())]
    assert spec["layer"][0]["encoding"]["y"]["sort"] == list(analysis.stages)
    with pytest.raises(JourneyError, match=r"level takes 'activity' or 'stage'"):
        analysis.transitions_chart(level="case")


def test_funnel_chart_and_svg(analysis: jw.analytics.Analysis, tmp_path: object) -> None:
    chart = analysis.funnel_chart()
    rows = next(iter(chart.to_dict()["datasets"].values()))
    assert [r["reached"] for r in rows] == analysis.funnel["reached"].tolist()
    assert rows[1]["label"].endswith(f"({analysis.funnel['overall_conversion'].iloc[1]:.0%})")
    pytest.importorskip("vl_convert")
    import pathlib

    path = pathlib.Path(str(tmp_path)) / "funnel.svg"
    chart.save(str(path))
    assert "Discover" in path.read_text(encoding="utf-8")


def test_activity_names_are_text_in_charts_and_cards() -> None:
    log = pd.DataFrame(
        {
            "c": ["1", "1"],
            "a": ["<b>buy</b>", "<script>x</script>"],
            "t": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        }
    )
    m = jw.JourneyMap.from_events(log, case="c", activity="a", timestamp="t")
    assert set(m.data["text"]) == {"<b>buy</b>", "<script>x</script>"}
    a = jw.analytics.analyze(log, case="c", activity="a", timestamp="t")
    rows = next(iter(a.transitions_chart().to_dict()["datasets"].values()))
    assert rows[0]["source"] == "<b>buy</b>"  # data, drawn as text by Vega
