"""Random logs: each segment's statistics are those of ``analyze`` on that segment's cases alone.

A case's segment is the value at its first event (smallest on ties), worked out here with a plain
pandas sort; outcomes are checked against the furthest stage of each case.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_analytics_properties import analyze, frames_equal, logs, options

from journey_widget.analytics.reach import furthest_stage


def first_values(df: pd.DataFrame) -> dict[str, str]:
    """Each case's segment by the documented rule: the smallest value at its first event."""
    first = df.sort_values(["case", "ts", "act", "seg"]).drop_duplicates("case")
    return dict(zip(first["case"], first["seg"], strict=True))


@st.composite
def segmented_logs(draw: st.DrawFn) -> pd.DataFrame:
    df = draw(logs())
    seg = draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=len(df), max_size=len(df)))
    return df.assign(seg=seg)


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=segmented_logs(), opts=options())
def test_segments_are_the_analyses_of_their_cases(
    engine: str, df: pd.DataFrame, opts: dict
) -> None:
    a = analyze(df, engine, by="seg", **opts)
    label = first_values(df)
    assert list(a.segments) == sorted(set(label.values()))
    for name, part in a.segments.items():
        alone = df[df["case"].map(label) == name]
        frames_equal(part, analyze(alone, engine, **opts))
    assert a.n_cases == df["case"].nunique()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=logs(), opts=options())
def test_outcomes_split_on_the_last_stage(df: pd.DataFrame, opts: dict) -> None:
    a = analyze(df, by="outcome", **opts)
    whole = analyze(df, **opts)
    far = furthest_stage(
        df, case="case", activity="act", timestamp="ts", stages=list(whole.stages), **opts
    )
    last = len(whole.stages) - 1
    converted = set(far.loc[far["furthest"] == last, "case"])
    expected = {"converted": converted, "not converted": set(far["case"]) - converted}
    assert list(a.segments) == [k for k, v in expected.items() if v]
    for name, part in a.segments.items():
        frames_equal(part, analyze(df[df["case"].isin(expected[name])], **opts))
    reached = [sum(far["furthest"] >= k) for k in range(len(whole.stages))]
    assert whole.funnel["reached"].tolist() == reached
