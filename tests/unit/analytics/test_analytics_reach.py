"""Per-case furthest stage (analytics/reach.py): by hand on the golden log, on every engine.

The funnel's reached count of stage k is the number of cases whose furthest stage is >= k.
"""

from __future__ import annotations

import pandas as pd
import pytest
from analytics_engines import ENGINES, on_engine
from test_analytics_golden import STAGE_OF, golden_log, run

from journey_widget import JourneyError
from journey_widget.analytics.reach import furthest_stage

ALL = list(ENGINES)
CASE_IDS = ["A", "B", "C", "D", "E", "F", "F2"]


def furthest(engine: str, df: pd.DataFrame | None = None, **kwargs: object) -> dict[str, int]:
    data, chosen = on_engine(engine, golden_log() if df is None else df)
    table = furthest_stage(
        data, case="case_id", activity="activity", timestamp="ts", engine=chosen, **kwargs
    )  # type: ignore[arg-type]
    assert list(table.columns) == ["case", "furthest"]
    assert table["furthest"].dtype == "int64"
    assert table["case"].tolist() == sorted(table["case"].tolist())
    return dict(zip(table["case"], table["furthest"], strict=True))


@pytest.mark.parametrize("engine", ALL)
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # C enters at its visit (its view came first) and never views again; F, F2 never enter
        ({}, [3, 3, 0, 2, 0, -1, -1]),
        # A pays at exactly 30 min; B's and D's carts come after the window
        ({"window": "30min"}, [3, 1, 0, 1, 0, -1, -1]),
        # B's help breaks the chain after Browse, D's second visit after Browse, C's cart
        ({"order": "strict"}, [3, 1, 0, 1, 0, -1, -1]),
        ({"order": "strict", "window": "12min"}, [1, 0, 0, 0, 0, -1, -1]),
    ],
    ids=["loose", "window", "strict", "strict-window"],
)
def test_furthest_stage_by_hand(
    engine: str, options: dict[str, object], expected: list[int]
) -> None:
    got = furthest(engine, stage_of=STAGE_OF, **options)
    assert got == dict(zip(CASE_IDS, expected, strict=True))
    funnel = run(engine, stage_of=STAGE_OF, **options).funnel["reached"].tolist()
    assert funnel == [sum(v >= k for v in got.values()) for k in range(4)]


@pytest.mark.parametrize("engine", ["pandas", "polars", "duckdb"])
def test_stages_without_stage_of_are_the_analysis_stages(engine: str) -> None:
    a = run(engine)
    got = furthest(engine, stages=list(a.stages))
    assert sorted(got) == CASE_IDS
    reached = [sum(v >= k for v in got.values()) for k in range(len(a.stages))]
    assert reached == a.funnel["reached"].tolist()
    # the default plan (mean positions) is the analysis' own
    assert furthest(engine) == got


@pytest.mark.parametrize("engine", ["pandas", "pandas-narwhals", "polars"])
def test_integer_case_ids_come_back_as_they_are(engine: str) -> None:
    df = golden_log()
    ids = {c: 100 + 3 * i for i, c in enumerate(CASE_IDS)}
    got = furthest(engine, df.assign(case_id=df["case_id"].map(ids)), stage_of=STAGE_OF)
    assert got == {ids[c]: v for c, v in zip(CASE_IDS, [3, 3, 0, 2, 0, -1, -1], strict=True)}


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_bad_input_is_refused_by_name(engine: str) -> None:
    with pytest.raises(JourneyError, match="no column 'who'"):
        data, chosen = on_engine(engine, golden_log())
        furthest_stage(data, case="who", activity="activity", timestamp="ts", engine=chosen)
