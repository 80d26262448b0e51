"""Paths on PySpark (local mode): the same hand-computed answers as every other engine.

Marked ``slow`` (the shared Spark session takes ~10 s to start).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from analytics_engines import SPARK_MODULE
from test_analytics_golden import STAGE_OF, golden_log
from test_analytics_paths import repeat_log, rows

import journey_widget as jw

pytestmark = SPARK_MODULE


def analyze(data: Any, **kw: Any) -> jw.analytics.Analysis:
    return jw.analytics.analyze(data, case="case_id", activity="activity", timestamp="ts", **kw)


def test_spark_paths_match_the_hand_computed_ones(spark: Any) -> None:
    a = analyze(spark.createDataFrame(golden_log()), stage_of=STAGE_OF)
    assert a.engine == "native"
    assert rows(a.paths(start="visit", steps=2)) == [
        (("cart", "(end)"), 1, 0.25),
        (("search", "view"), 1, 0.25),
        (("view", "cart"), 1, 0.25),
        (("view", "visit"), 1, 0.25),
    ]
    assert rows(a.paths(end="pay", steps=3)) == [
        (("(start)", "help"), 2, 0.5),
        (("view", "help", "cart"), 1, 0.25),
        (("visit", "view", "cart"), 1, 0.25),
    ]
    assert rows(a.paths(start="Discover", level="stage"))[1] == (
        ("Browse", "(other)", "Cart"),
        1,
        0.2,
    )
    assert rows(a.paths(dropped_at="Discover", steps=2)) == [
        (("(end)",), 1, 0.5),
        (("cart", "(end)"), 1, 0.5),
    ]


def test_spark_drop_off_and_repeats_agree_with_the_embedded_engine(spark: Any) -> None:
    df = golden_log()
    for options in ({"order": "strict"}, {"window": "30min"}):
        ours = analyze(spark.createDataFrame(df), stage_of=STAGE_OF, **options)
        theirs = analyze(df, stage_of=STAGE_OF, **options)
        for stage in ("Discover", "Browse", "Cart"):
            pd.testing.assert_frame_equal(
                ours.paths(dropped_at=stage), theirs.paths(dropped_at=stage)
            )
    r = repeat_log()
    ours, theirs = analyze(spark.createDataFrame(r)), analyze(r)
    for kw in ({"start": "view"}, {"end": "view", "collapse": False}):
        pd.testing.assert_frame_equal(ours.paths(**kw), theirs.paths(**kw))  # type: ignore[arg-type]
