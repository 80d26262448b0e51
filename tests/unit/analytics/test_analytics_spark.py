"""PySpark in local mode: the narwhals engine runs inside Spark and agrees with the embedded one.

Marked ``slow`` (a Spark session takes ~10 s to start); it runs with the default test command.
"""

from __future__ import annotations

from typing import Any

import pytest
from analytics_engines import SPARK_MODULE
from test_analytics_golden import STAGE_OF, golden_log
from test_analytics_properties import frames_equal

import journey_widget as jw
from journey_widget import JourneyError

pytestmark = SPARK_MODULE


def analyze(data: Any, **kw: Any) -> jw.analytics.Analysis:
    return jw.analytics.analyze(
        data,
        case="case_id",
        activity="activity",
        timestamp="ts",
        scores={"csat": ["mean", "count"]},
        **kw,
    )


def test_spark_agrees_with_the_embedded_engine(spark: Any) -> None:
    df = golden_log()
    options = {"stage_of": STAGE_OF, "top_variants": 3}
    ours = analyze(spark.createDataFrame(df), **options)
    assert ours.engine == "native"
    frames_equal(analyze(df, **options), ours)


def test_spark_strict_window_from_text_timestamps(spark: Any) -> None:
    df = golden_log()
    text = df.assign(ts=df["ts"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    options = {"stage_of": STAGE_OF, "order": "strict", "window": "12min"}
    frames_equal(analyze(df, **options), analyze(spark.createDataFrame(text), **options))


def test_spark_reports_bad_rows(spark: Any) -> None:
    df = golden_log()
    df["case_id"] = df["case_id"].where(df.index % 5 != 0, None)  # 5 of 22 rows lose their id
    with pytest.raises(JourneyError, match=r"column 'case_id' has 5 missing value\(s\)"):
        analyze(spark.createDataFrame(df))
    text = golden_log().assign(ts=lambda d: d["ts"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    text.loc[[1, 4], "ts"] = "not a time"
    with pytest.raises(
        JourneyError,
        match=r"column 'ts' has 2 value\(s\) that are not "
        r"timestamps, e.g. 'not a time'",
    ):
        analyze(spark.createDataFrame(text))
