"""Segments (``analyze(..., by=)``): golden segment funnels worked out by hand, on every engine.

The golden log (test_analytics_golden.py) with a ``plan`` column: A, C, F, F2 are "pro", B, D, E
"free". Furthest stages (loose, see test_analytics_reach.py): A 3, B 3, C 0, D 2, E 0, F and F2
never enter.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from analytics_engines import ENGINES, on_engine
from test_analytics_golden import STAGE_OF, STAGES, T0, golden_log
from test_analytics_properties import frames_equal

import journey_widget as jw
from journey_widget import JourneyError

ALL = list(ENGINES)
PLAN = {"A": "pro", "B": "free", "C": "pro", "D": "free", "E": "free", "F": "pro", "F2": "pro"}


def plan_log() -> pd.DataFrame:
    df = golden_log()
    return df.assign(plan=df["case_id"].map(PLAN))


def run(engine: str, df: pd.DataFrame | None = None, **kwargs: Any) -> jw.analytics.Analysis:
    data, chosen = on_engine(engine, plan_log() if df is None else df)
    return jw.analytics.analyze(
        data, case="case_id", activity="activity", timestamp="ts", engine=chosen, **kwargs
    )


def funnels(a: jw.analytics.Analysis) -> dict[str, list[int]]:
    f = a.funnel
    assert list(f.columns[:3]) == ["segment", "stage", "reached"]
    return {s: f.loc[f["segment"] == s, "reached"].tolist() for s in dict.fromkeys(f["segment"])}


@pytest.mark.parametrize("engine", ALL)
def test_funnel_by_a_column(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, by="plan")
    # free: B (3), D (2), E (0); pro: A (3), C (0), F and F2 never enter
    assert funnels(a) == {"free": [3, 2, 2, 1], "pro": [2, 1, 1, 1]}
    assert a.by == "plan" and list(a.segments) == ["free", "pro"]
    assert a.stages == tuple(STAGES) and (a.n_cases, a.n_events) == (7, 22)
    free = a.funnel[a.funnel["segment"] == "free"]
    assert free["overall_conversion"].tolist() == pytest.approx([1, 2 / 3, 2 / 3, 1 / 3])
    # B: visit 0 -> view 15 -> cart 40 -> pay 100; D: visit 0 -> view 30 -> cart 50
    assert free["median_time_to_next"].tolist()[:3] == [
        pd.Timedelta(minutes=m) for m in (22.5, 22.5, 60)
    ]


@pytest.mark.parametrize("engine", ALL)
def test_funnel_by_outcome(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, by="outcome")
    # converted: A, B; not converted: C (0), D (2), E (0), F and F2 (never entered)
    assert funnels(a) == {"converted": [2, 2, 2, 2], "not converted": [3, 1, 1, 0]}
    assert [s.n_cases for s in a.segments.values()] == [2, 5]
    strict = run(engine, stage_of=STAGE_OF, by="outcome", order="strict")
    # strict: only A completes the chain
    assert funnels(strict) == {"converted": [1, 1, 1, 1], "not converted": [4, 2, 0, 0]}


@pytest.mark.parametrize("engine", ALL)
def test_every_table_gains_the_segment(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, by="plan", scores={"csat": ["mean", "count"]})
    v = a.variants
    assert list(v.columns) == ["segment", "variant", "length", "count", "share"]
    pro = v[v["segment"] == "pro"]
    assert list(zip(pro["variant"], pro["count"], strict=True)) == [
        (("help", "pay"), 2),
        (("view", "visit", "cart"), 1),
        (("visit", "view", "cart", "pay"), 1),
    ]
    assert pro["share"].tolist() == pytest.approx([0.5, 0.25, 0.25])  # of the segment's cases
    assert a.n_variants == 3 + 3  # per segment: pro 3, free 3
    t = a.transitions
    assert list(t.columns[:4]) == ["segment", "source", "target", "count"]
    free = t[t["segment"] == "free"]
    assert free["count"].sum() == (6 - 1) + (4 - 1) + 0  # B, D, E
    m = a.stage_metrics
    got = list(zip(m["segment"], m["stage"], m["metric"], m["value"], strict=True))
    assert ("pro", "Cart", "csat mean", 2.0) in got and ("free", "Cart", "csat mean", 4.0) in got
    assert ("pro", "Checkout", "events", 3.0) in got  # A's pay and F's, F2's
    acts = a.activities
    assert set(acts.loc[acts["segment"] == "free", "activity"]) == {
        "visit", "search", "view", "help", "cart", "pay",
    }  # fmt: skip
    assert "search" not in set(acts.loc[acts["segment"] == "pro", "activity"])


def test_metrics_gain_the_segment() -> None:
    a = run("pandas", stage_of=STAGE_OF, by="outcome")
    m = a.metrics()
    assert list(m.columns) == ["segment", "stage", "metric", "value", "unit", "n"]
    reached = m[m["metric"] == "reached"]
    assert reached.loc[reached["segment"] == "not converted", "value"].tolist() == [3, 1, 1, 0]
    pd.testing.assert_frame_equal(
        m[m["segment"] == "converted"].drop(columns="segment").reset_index(drop=True),
        a.segments["converted"].metrics(),
    )


@pytest.mark.parametrize("engine", ["pandas", "polars", "duckdb"])
def test_each_segment_is_the_analysis_of_its_cases_alone(engine: str) -> None:
    df = plan_log()
    a = run(engine, df, stage_of=STAGE_OF, by="plan", scores=["csat"])
    for name, part in a.segments.items():
        alone = run(engine, df[df["plan"] == name], stage_of=STAGE_OF, scores=["csat"])
        frames_equal(part, alone)
        rows = a.funnel[a.funnel["segment"] == name].drop(columns="segment")
        pd.testing.assert_frame_equal(rows.reset_index(drop=True), alone.funnel)


@pytest.mark.parametrize("engine", ALL)
def test_a_varying_column_counts_at_the_first_event(engine: str) -> None:
    df = plan_log()
    # the channel changes within cases; ties at the first event take the smallest value
    first = {"A": "web", "B": "app", "C": "app", "D": "web", "E": "web", "F": "app", "F2": "web"}
    order = df.sort_values(["case_id", "ts", "activity"])
    is_first = ~order["case_id"].duplicated()
    channel = order["case_id"].map(first).where(is_first, "shop")
    df = df.assign(channel=channel.reindex(df.index))
    twin = df[df["case_id"] == "E"].assign(channel="app")  # E's only event, twice: app < web
    a = run(engine, pd.concat([df, twin], ignore_index=True), stage_of=STAGE_OF, by="channel")
    assert list(a.segments) == ["app", "web"]  # "shop" is never a first event
    # app: B (3), C (0), E (0), F (-1); web: A (3), D (2), F2 (-1)
    assert funnels(a) == {"app": [3, 1, 1, 1], "web": [2, 2, 2, 1]}
    assert [s.n_cases for s in a.segments.values()] == [4, 3]


@pytest.mark.parametrize("engine", ["pandas", "pandas-narwhals", "polars", "duckdb"])
def test_numbers_as_segments_sort_as_numbers_and_read_as_text(engine: str) -> None:
    df = plan_log()
    df = df.assign(cohort=df["plan"].map({"pro": 10, "free": 9}))
    a = run(engine, df, stage_of=STAGE_OF, by="cohort")
    assert list(a.segments) == ["9", "10"]
    assert funnels(a) == {"9": [3, 2, 2, 1], "10": [2, 1, 1, 1]}


@pytest.mark.parametrize("engine", ["pandas", "polars", "duckdb"])
def test_an_empty_outcome_is_left_out(engine: str) -> None:
    df = plan_log()
    a = run(engine, df[df["activity"] != "pay"], stage_of=STAGE_OF, by="outcome")
    assert list(a.segments) == ["not converted"]
    assert funnels(a) == {"not converted": [5, 3, 3, 0]}


@pytest.mark.parametrize("engine", ["pandas", "pyarrow", "polars", "duckdb"])
def test_bad_by_is_refused_by_name(engine: str) -> None:
    df = plan_log()
    with pytest.raises(JourneyError, match="no column 'tier' \\(given as by\\)"):
        run(engine, df, by="tier")
    with pytest.raises(JourneyError, match="also has a column 'outcome'"):
        run(engine, df.assign(outcome="x"), by="outcome")
    with pytest.raises(JourneyError, match="another column than case"):
        run(engine, df, by="activity")
    with pytest.raises(JourneyError, match="by takes a column name"):
        run(engine, df, by=3)
    holes = df.assign(plan=df["plan"].where(~df["case_id"].isin(["E", "F"]), None))
    with pytest.raises(JourneyError, match=r"'plan' \(given as by\) has no value at the first "
                       r"event of 2 case\(s\)"):  # fmt: skip
        run(engine, holes, by="plan")


def test_unsegmented_results_are_unchanged() -> None:
    a = run("pandas", stage_of=STAGE_OF)
    assert a.by is None and a.segments == {}
    assert "segment" not in a.funnel.columns and "segment" not in a.metrics().columns


@pytest.mark.parametrize("engine", ["pandas", "polars", "duckdb"])
def test_an_empty_log_has_no_segments(engine: str) -> None:
    a = run(engine, plan_log().iloc[:0], stage_of=STAGE_OF, by="plan")
    assert a.segments == {} and a.n_cases == 0 and a.stages == tuple(STAGES)
    assert list(a.funnel.columns[:2]) == ["segment", "stage"] and len(a.funnel) == 0


def test_funnel_chart_draws_segments_side_by_side() -> None:
    a = run("pandas", stage_of=STAGE_OF, by="plan")
    spec = a.funnel_chart().to_dict()
    bars = spec["layer"][0]["encoding"]
    assert bars["yOffset"]["field"] == "segment" and bars["color"]["field"] == "segment"
    assert bars["color"]["sort"] == ["free", "pro"]
    assert spec["layer"][0]["title"] == "Funnel by plan (loose order)"
    rows = next(iter(spec["datasets"].values()))
    assert [(r["segment"], r["reached"], r["label"]) for r in rows[:2]] == [
        ("free", 3, "3 (100%)"),
        ("free", 2, "2 (67%)"),
    ]
    plain = run("pandas", stage_of=STAGE_OF).funnel_chart().to_dict()
    assert "yOffset" not in plain["layer"][0]["encoding"]  # the unsegmented chart is as before
    matrices = a.transitions_chart(level="stage").to_dict()["vconcat"]
    assert [m["title"] for m in matrices] == ["plan = free", "plan = pro"]


def test_one_map_per_segment() -> None:
    a = run("pandas", stage_of=STAGE_OF, by="outcome")
    maps = jw.JourneyMap.from_events(a, segment="outcome", title="Shop")
    assert list(maps) == ["converted", "not converted"]
    m = maps["not converted"]
    assert isinstance(m, jw.JourneyMap) and m.title == "Shop (not converted)"
    assert m.stages == tuple(STAGES)
    assert m.journey.stages[0].description.startswith("3 cases reached")
    reached = m.metrics[m.metrics["metric"] == "reached"]
    assert reached["value"].tolist() == [3, 1, 1, 0]
    from_log = jw.JourneyMap.from_events(
        plan_log(), segment="plan", case="case_id", activity="activity", timestamp="ts",
        stage_of=STAGE_OF,
    )  # fmt: skip
    assert {k: v.title for k, v in from_log.items()} == {
        "free": "Journey of 3 cases (plan = free)",
        "pro": "Journey of 4 cases (plan = pro)",
    }
    assert set(from_log["pro"].data["text"]) == {"visit", "view", "cart", "pay"}
    with pytest.raises(JourneyError, match="segmented by 'outcome'; pass segment='outcome'"):
        jw.JourneyMap.from_events(a)
    with pytest.raises(JourneyError, match="segmented by 'outcome'"):
        jw.JourneyMap.from_events(a, segment="plan")
    with pytest.raises(JourneyError, match="has no segments; analyze the log with by='plan'"):
        jw.JourneyMap.from_events(run("pandas", stage_of=STAGE_OF), segment="plan")


@pytest.mark.parametrize("engine", ["polars-lazy", "duckdb"])
@pytest.mark.parametrize("by", ["plan", "outcome"])
def test_the_narwhals_path_agrees_where_the_fast_path_runs(engine: str, by: str) -> None:
    # Polars and DuckDB logs that fit in memory take the fast path; the narwhals one (larger
    # logs) is run here directly, and gives the same statistics.
    from journey_widget.analytics.analyze import make_params
    from journey_widget.analytics.frames import as_narwhals
    from journey_widget.analytics.progress import Progress
    from journey_widget.analytics.result import build
    from journey_widget.analytics.segments_native import run_native_segments

    data, _ = on_engine(engine, plan_log())
    params = make_params(case="case_id", activity="activity", timestamp="ts", stage_of=STAGE_OF)
    parts = run_native_segments(as_narwhals(data), params, by, Progress(8, False))
    expected = run("pandas", stage_of=STAGE_OF, by=by)
    assert [name for name, _ in parts] == list(expected.segments)
    for name, raw in parts:
        frames_equal(build(raw, params, "native"), expected.segments[name])


@pytest.mark.parametrize("engine", ALL)
def test_the_tie_break_decides_the_first_event(engine: str) -> None:
    at = [T0, T0, T0 + pd.Timedelta(minutes=5)]
    df = pd.DataFrame(
        {
            "case_id": ["G", "G", "G", "H", "H", "H"],
            "activity": ["visit", "view", "cart"] * 2,
            "ts": at * 2,
            "seq": [2, 1, 3, 1, 2, 3],  # G's view was logged first, H's visit
            "plan": ["zeta", "alpha", "beta", "zeta", "alpha", "beta"],
        }
    )
    # without a tie-break, "view" < "visit" orders both cases alike: their first event is view
    assert funnels(run(engine, df, by="plan", stages=["visit", "view", "cart"])) == {
        "alpha": [2, 0, 0]
    }
    a = run(engine, df, by="plan", stages=["visit", "view", "cart"], tie_break="seq")
    assert funnels(a) == {"alpha": [1, 0, 0], "zeta": [1, 1, 1]}  # G: view first; H: visit


def test_the_repr_names_the_segmentation() -> None:
    a = run("pandas", stage_of=STAGE_OF, by="plan")
    assert repr(a).endswith("engine numpy; by plan: 2 segments)")
    assert repr(a.segments["pro"]).endswith("engine numpy)")
