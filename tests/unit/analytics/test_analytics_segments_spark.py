"""Segments and furthest stages on PySpark (``local[2]``): the golden results, as on every engine.

Marked ``slow`` (one Spark session for the whole run, see conftest.py).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from analytics_engines import SPARK_MODULE
from test_analytics_golden import STAGE_OF
from test_analytics_properties import frames_equal
from test_analytics_segments import funnels, plan_log

import journey_widget as jw
from journey_widget import JourneyError
from journey_widget.analytics.reach import furthest_stage

pytestmark = SPARK_MODULE
COLUMNS = {"case": "case_id", "activity": "activity", "timestamp": "ts"}


def analyze(data: Any, **kw: Any) -> jw.analytics.Analysis:
    return jw.analytics.analyze(data, **COLUMNS, stage_of=STAGE_OF, scores=["csat"], **kw)


def test_spark_segment_funnels_by_hand(spark: Any) -> None:
    df = plan_log()
    sdf = spark.createDataFrame(df)
    by_plan = analyze(sdf, by="plan")
    assert by_plan.engine == "native"
    assert funnels(by_plan) == {"free": [3, 2, 2, 1], "pro": [2, 1, 1, 1]}
    by_outcome = analyze(sdf, by="outcome")
    assert funnels(by_outcome) == {"converted": [2, 2, 2, 2], "not converted": [3, 1, 1, 0]}
    strict = analyze(sdf, by="outcome", order="strict", window="30min")
    assert funnels(strict) == funnels(analyze(df, by="outcome", order="strict", window="30min"))
    for ours, embedded in (
        (by_plan, analyze(df, by="plan")),
        (by_outcome, analyze(df, by="outcome")),
    ):
        assert list(ours.segments) == list(embedded.segments)
        for name in ours.segments:
            frames_equal(ours.segments[name], embedded.segments[name])
        pd.testing.assert_frame_equal(ours.variants, embedded.variants, check_dtype=False)


def test_spark_furthest_stage_and_first_event_rule(spark: Any) -> None:
    df = plan_log()
    got = furthest_stage(spark.createDataFrame(df), **COLUMNS, stage_of=STAGE_OF)
    assert dict(zip(got["case"], got["furthest"], strict=True)) == {
        "A": 3, "B": 3, "C": 0, "D": 2, "E": 0, "F": -1, "F2": -1,
    }  # fmt: skip
    # the segment is the value at the first event: later values do not count
    later = df.assign(plan=df["plan"].where(df["activity"] == "visit", "other"))
    ours = analyze(spark.createDataFrame(later), by="plan")
    assert list(ours.segments) == list(analyze(later, by="plan").segments)
    assert funnels(ours) == funnels(analyze(later, by="plan"))


def test_spark_refuses_cases_without_a_segment(spark: Any) -> None:
    df = plan_log()
    holes = df.assign(plan=df["plan"].where(df["case_id"] != "C", None))
    with pytest.raises(JourneyError, match=r"no value at the first event of 1 case\(s\)"):
        analyze(spark.createDataFrame(holes), by="plan")
