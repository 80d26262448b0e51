"""Bad input fails before any statistic is computed, naming the column and the bad rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from analytics_engines import on_engine

import journey_widget as jw
from journey_widget import JourneyError


def log(**changes: object) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "case": ["a", "a", "b", "b", "c"],
            "act": ["x", "y", "x", "y", "x"],
            "ts": pd.to_datetime(
                [
                    "2024-01-01 10:00",
                    "2024-01-01 10:05",
                    "2024-01-01 11:00",
                    "2024-01-01 11:30",
                    "2024-01-02 09:00",
                ]
            ),
            "score": [1.0, np.nan, 3.0, 4.0, 5.0],
        }
    )
    return df.assign(**changes)


def analyze(df: object, engine: str = "auto", **kw: object) -> jw.analytics.Analysis:
    args: dict[str, object] = {"case": "case", "activity": "act", "timestamp": "ts"}
    args.update(kw)
    return jw.analytics.analyze(df, engine=engine, **args)  # type: ignore[arg-type]


ENGINES = ["pandas", "pandas-narwhals", "polars", "duckdb"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_missing_column_is_named_with_its_role(engine: str) -> None:
    data, chosen = on_engine(engine, log())
    with pytest.raises(JourneyError, match=r"no column 'when' \(given as timestamp\).*'case'"):
        analyze(data, chosen, timestamp="when")
    with pytest.raises(JourneyError, match=r"no column 'nps' \(given as scores\)"):
        analyze(data, chosen, scores=["nps"])


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_case_ids_are_counted(engine: str) -> None:
    data, chosen = on_engine(engine, log(case=["a", None, "b", None, "c"]))
    with pytest.raises(JourneyError, match=r"column 'case' has 2 missing value\(s\).*case id"):
        analyze(data, chosen)


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_activities_and_timestamps_are_counted(engine: str) -> None:
    data, chosen = on_engine(engine, log(act=["x", None, "x", "y", "x"]))
    with pytest.raises(JourneyError, match=r"column 'act' has 1 missing value"):
        analyze(data, chosen)
    ts = log()["ts"].copy()
    ts[[1, 2, 4]] = pd.NaT
    data, chosen = on_engine(engine, log(ts=ts))
    with pytest.raises(JourneyError, match=r"column 'ts' has 3 missing value\(s\)"):
        analyze(data, chosen)


@pytest.mark.parametrize("engine", ENGINES)
def test_unreadable_timestamps_are_counted_with_an_example(engine: str) -> None:
    text = [
        "2024-01-01 10:00:00",
        "yesterday",
        "2024-01-01 11:00:00",
        "soon",
        "2024-01-02 09:00:00",
    ]
    data, chosen = on_engine(engine, log(ts=text))
    with pytest.raises(
        JourneyError,
        match=r"column 'ts' has 2 value\(s\) that are not "
        r"timestamps, e.g. '(yesterday|soon)'",
    ):
        analyze(data, chosen)


def test_a_first_row_error_names_the_row() -> None:
    df = log(ts=["2024-01-01 10:00", "2024-01-01 10:05", "nope", "2024-01-01", "2024-01-02"])
    with pytest.raises(JourneyError, match=r"1 value\(s\).*'nope' at row 2"):
        analyze(df)
    with pytest.raises(JourneyError, match=r"'case' has 1 missing value\(s\), first at row 3"):
        analyze(log(case=["a", "a", "b", None, "c"]))


@pytest.mark.parametrize("engine", ENGINES)
def test_epoch_numbers_are_refused_with_a_hint(engine: str) -> None:
    data, chosen = on_engine(engine, log(ts=[1, 2, 3, 4, 5]))
    with pytest.raises(JourneyError, match=r"column 'ts'.*(numbers|type).*epoch"):
        analyze(data, chosen)


def test_scores_must_be_numbers() -> None:
    with pytest.raises(
        JourneyError,
        match=r"column 'score' has 2 value\(s\) that are not "
        r"numbers, e.g. 'good'",
    ):
        analyze(log(score=[1, "good", 3, "bad", 5]), scores="score")
    with pytest.raises(JourneyError, match=r"column 'score' has type String; expected numbers"):
        analyze(log(score=["1", "2", "3", "4", "5"]), "native", scores="score")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"order": "any"}, r"order takes 'loose' or 'strict', got 'any'"),
        ({"window": 30}, r"window takes a duration .* the number 30 \(which unit\?\)"),
        ({"window": "soon"}, r"window takes a duration .* got 'soon'"),
        ({"window": "-5min"}, r"window must be a positive duration"),
        ({"case": "act"}, r"three different columns"),
        ({"case": ""}, r"case must name a column"),
        ({"stage_of": {"x": "S1", "y": None}}, r"stage_of maps activity 'y' to None"),
        (
            {"stage_of": pd.DataFrame({"act": ["x", "x"], "stage": ["S1", "S2"]})},
            r"stage_of maps activity 'x' to two stages: 'S1' and 'S2'",
        ),
        ({"stage_of": pd.DataFrame({"a": ["x"], "b": ["S"], "c": [1]})}, r"exactly two columns"),
        ({"stage_of": 5}, r"stage_of takes a dict"),
        ({"stage_of": {}}, r"stage_of maps no activity"),
        ({"stage_of": {"x": "S1"}, "stages": ["S1", "S9"]}, r"stages names 'S9', to which"),
        ({"stages": ["x", "zz"]}, r"stages names 'zz', which is not an activity of the log"),
        ({"stages": "x"}, r"stages takes a list of stage names"),
        ({"scores": {"score": "mode"}}, r"aggregation 'mode' for column 'score' is not one of"),
        ({"top_variants": 0}, r"top_variants takes a positive whole number"),
        ({"tie_break": "ts"}, r"tie_break must be another column"),
        ({"engine": "spark"}, r"engine takes 'auto', 'numpy' or 'native'"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(JourneyError, match=message):
        analyze(log(), **kwargs)


def test_what_is_not_a_table_is_refused() -> None:
    with pytest.raises(
        JourneyError,
        match=r"expected a pandas, Polars, PyArrow, DuckDB or "
        r"PySpark table of events, got list",
    ):
        analyze([{"case": "a"}])
    with pytest.raises(JourneyError, match=r"a single column"):
        analyze(log()["case"], "native")


def test_nullable_integer_case_ids_with_gaps_are_counted() -> None:
    ids = pd.array([1, 1, None, 2, None], dtype="Int64")
    with pytest.raises(JourneyError, match=r"column 'case' has 2 missing value\(s\)"):
        analyze(log(case=ids))


def test_a_duplicated_column_is_refused() -> None:
    df = pd.concat([log(), log()[["act"]]], axis=1)
    with pytest.raises(JourneyError, match=r"column 'act' twice"):
        analyze(df)


def test_stage_of_accepts_a_table_and_orders_by_categories() -> None:
    table = pd.DataFrame(
        {
            "stage": pd.Categorical(["Late", "Early"], categories=["Early", "Late"], ordered=True),
            "act": ["y", "x"],
        }
    )
    a = analyze(log(), stage_of=table)
    assert a.stages == ("Early", "Late")
    assert a.funnel["reached"].tolist() == [3, 2]
    polars = pytest.importorskip("polars")
    b = analyze(log(), stage_of=polars.DataFrame({"act": ["y", "x"], "stage": ["L", "E"]}))
    assert b.stages == ("L", "E")
    c = analyze(log(), stage_of=pd.Series({"x": "E", "y": "L"}))
    assert c.stages == ("E", "L")
