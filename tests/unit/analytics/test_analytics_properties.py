"""Random logs: each engine against a reference.

The embedded engine against a case-by-case Python reference, and the narwhals engine (Polars,
DuckDB) against the embedded one.
"""

from __future__ import annotations

import analytics_reference as ref
import numpy as np
import pandas as pd
import pytest
from analytics_engines import on_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journey_widget as jw
from journey_widget.analytics.result import durations

ACTS = ["a", "b", "c", "d", "e"]
T0 = pd.Timestamp("2024-01-01")


@st.composite
def logs(draw: st.DrawFn) -> pd.DataFrame:
    rows = []
    for case in range(draw(st.integers(1, 8))):
        t = draw(st.integers(0, 500))
        for _ in range(draw(st.integers(1, 7))):
            t += draw(st.sampled_from([0, 0, 1, 2, 5, 30]))  # many equal timestamps
            rows.append(
                (
                    f"c{case}",
                    draw(st.sampled_from(ACTS)),
                    T0 + pd.Timedelta(minutes=t),
                    draw(st.sampled_from([np.nan, 1.0, 2.0, 5.0])),
                )
            )
    df = pd.DataFrame(rows, columns=["case", "act", "ts", "score"])
    return df.sample(frac=1.0, random_state=draw(st.integers(0, 99))).reset_index(drop=True)


@st.composite
def options(draw: st.DrawFn) -> dict[str, object]:
    n_stages = draw(st.integers(1, 3))
    stage_of = {a: f"S{draw(st.integers(0, n_stages - 1))}" for a in ACTS if draw(st.booleans())}
    window = draw(st.sampled_from([None, 1, 3, 10, 60]))
    return {
        "stage_of": stage_of or {"a": "S0"},
        "order": draw(st.sampled_from(["loose", "strict"])),
        "window": None if window is None else pd.Timedelta(minutes=window),
    }


def analyze(df: pd.DataFrame, engine: str = "pandas", **kw: object) -> jw.analytics.Analysis:
    data, chosen = on_engine(engine, df)
    return jw.analytics.analyze(
        data,
        case="case",
        activity="act",
        timestamp="ts",
        engine=chosen,
        scores={"score": ["mean", "median", "count"]},
        top_variants=None,
        **kw,
    )  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), options())
def test_embedded_engine_matches_the_reference(df: pd.DataFrame, opts: dict) -> None:
    a = analyze(df, **opts)
    cases = ref.ordered_cases(df, "case", "act", "ts")
    # transitions
    expected = ref.transitions(cases)
    got = {
        (s, t): (c, m, p)
        for s, t, c, m, p in zip(
            a.transitions["source"],
            a.transitions["target"],
            a.transitions["count"],
            a.transitions["median_duration"],
            a.transitions["p90_duration"],
            strict=True,
        )
    }
    assert set(got) == set(expected)
    for pair, (count, median, p90) in expected.items():
        assert got[pair] == (count, *durations([median, p90])), pair
    # variants
    counts = ref.variants(cases)
    assert dict(zip(a.variants["variant"], a.variants["count"], strict=True)) == counts
    assert a.n_variants == len(counts) and a.n_cases == len(cases)
    # funnel
    stage_of = opts["stage_of"]
    stages = list(dict.fromkeys(stage_of.values()))
    index = {act: stages.index(s) for act, s in stage_of.items()}
    window = None if opts["window"] is None else int(opts["window"] / pd.Timedelta("1us"))
    want = ref.funnel(cases, index, len(stages), opts["order"], window)
    assert a.funnel["reached"].tolist() == [r for r, _, _ in want]
    med, mean = durations([m for _, m, _ in want]), durations([m for _, _, m in want])
    assert a.funnel["median_time_to_next"].equals(med.rename("median_time_to_next"))
    assert a.funnel["mean_time_to_next"].equals(mean.rename("mean_time_to_next"))


@settings(max_examples=60, deadline=None)
@given(logs())
def test_default_stage_order_is_by_mean_position(df: pd.DataFrame) -> None:
    a = analyze(df)
    positions = ref.mean_positions(ref.ordered_cases(df, "case", "act", "ts"))
    assert list(a.stages) == sorted(positions, key=lambda act: (positions[act], act))


def frames_equal(x: jw.analytics.Analysis, y: jw.analytics.Analysis) -> None:
    for name in ("funnel", "transitions", "variants", "activities"):
        pd.testing.assert_frame_equal(getattr(x, name), getattr(y, name), check_dtype=False)
    pd.testing.assert_frame_equal(x.stage_metrics, y.stage_metrics, check_dtype=False, rtol=1e-12)
    assert (x.n_events, x.n_cases, x.n_variants) == (y.n_events, y.n_cases, y.n_variants)


@pytest.mark.parametrize("engine", ["polars-lazy", "duckdb"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=logs(), opts=options())
def test_narwhals_engine_matches_the_embedded_one(
    engine: str, df: pd.DataFrame, opts: dict
) -> None:
    frames_equal(analyze(df, **opts), analyze(df, engine, **opts))
