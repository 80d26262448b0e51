"""Golden tests: the statistics of a small log worked out by hand, identical on every engine.

Funnels, transitions, variants and stage metrics (docs/analytics.md has the semantics).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from analytics_engines import ENGINES, on_engine

import journey_widget as jw

T0 = pd.Timestamp("2024-05-01 09:00")
STAGE_OF = {
    "visit": "Discover",
    "search": "Discover",
    "view": "Browse",
    "cart": "Cart",
    "pay": "Checkout",
}  # "help" is outside the funnel
STAGES = ["Discover", "Browse", "Cart", "Checkout"]
#: case -> [(minute, activity, csat)]
CASES = {
    "A": [(0, "visit", None), (10, "view", None), (20, "cart", 2), (30, "pay", 5)],
    "B": [
        (0, "visit", None),
        (5, "search", None),
        (15, "view", None),
        (20, "help", 1),
        (40, "cart", None),
        (100, "pay", 3),
    ],
    "C": [(0, "view", None), (5, "visit", None), (10, "cart", None)],
    "D": [(0, "visit", None), (30, "view", None), (40, "visit", None), (50, "cart", 4)],
    "E": [(0, "search", None)],
    "F": [(0, "help", None), (5, "pay", None)],
    "F2": [(0, "help", None), (7, "pay", None)],
}


def golden_log() -> pd.DataFrame:
    rows = [
        (case, act, T0 + pd.Timedelta(minutes=m + 200 * i), csat)
        for i, (case, events) in enumerate(CASES.items())
        for m, act, csat in events
    ]
    df = pd.DataFrame(rows, columns=["case_id", "activity", "ts", "csat"])
    return df.sample(frac=1.0, random_state=3).reset_index(drop=True)  # order must not matter


def run(engine: str, df: pd.DataFrame | None = None, **kwargs: object) -> jw.analytics.Analysis:
    data, chosen = on_engine(engine, golden_log() if df is None else df)
    return jw.analytics.analyze(
        data, case="case_id", activity="activity", timestamp="ts", engine=chosen, **kwargs
    )  # type: ignore[arg-type]


def minutes(*values: float) -> list[pd.Timedelta]:
    return [pd.NaT if math.isnan(v) else pd.Timedelta(minutes=v) for v in values]


def funnel_rows(a: jw.analytics.Analysis) -> list[tuple]:
    f = a.funnel
    return list(
        zip(
            f["stage"],
            f["reached"],
            f["dropped"],
            f["median_time_to_next"],
            f["mean_time_to_next"],
            strict=True,
        )
    )


nan = float("nan")
ALL = list(ENGINES)


@pytest.mark.parametrize("engine", ALL)
def test_loose_funnel(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF)
    assert a.stages == tuple(STAGES)
    # entered: A B C D E (F, F2 never visit the first stage); C's view comes before its entry
    assert funnel_rows(a) == list(
        zip(
            STAGES,
            [5, 3, 3, 2],
            [2, 0, 1, 0],
            minutes(15, 20, 35, nan),
            minutes(55 / 3, 55 / 3, 35, nan),
            strict=True,
        )
    )
    assert a.funnel["step_conversion"].tolist() == pytest.approx([1.0, 0.6, 1.0, 2 / 3])
    assert a.funnel["overall_conversion"].tolist() == pytest.approx([1.0, 0.6, 0.6, 0.4])
    assert a.funnel["drop_rate"].tolist() == pytest.approx([0.4, 0.0, 1 / 3, 0.0])


@pytest.mark.parametrize("engine", ALL)
def test_loose_funnel_with_window(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, window="30min")
    # A finishes at exactly 30 min (inclusive); B's cart (40) and D's cart (50) are too late
    assert funnel_rows(a) == list(
        zip(
            STAGES,
            [5, 3, 1, 1],
            [2, 2, 0, 0],
            minutes(15, 10, 10, nan),
            minutes(55 / 3, 10, 10, nan),
            strict=True,
        )
    )


@pytest.mark.parametrize("engine", ALL)
def test_strict_funnel(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, order="strict")
    # B: visit+search is one Discover visit, then view, then help (outside) breaks the chain;
    # C: enters at visit (5), then cart is not Browse; D: Discover, Browse, then Discover again
    assert funnel_rows(a) == list(
        zip(
            STAGES,
            [5, 3, 1, 1],
            [2, 2, 0, 0],
            minutes(15, 10, 10, nan),
            minutes(55 / 3, 10, 10, nan),
            strict=True,
        )
    )


@pytest.mark.parametrize("engine", ALL)
def test_strict_funnel_with_window(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, order="strict", window=pd.Timedelta(minutes=12))
    assert funnel_rows(a) == list(
        zip(
            STAGES,
            [5, 1, 0, 0],
            [4, 1, 0, 0],
            minutes(10, nan, nan, nan),
            minutes(10, nan, nan, nan),
            strict=True,
        )
    )
    assert math.isnan(a.funnel["step_conversion"].iloc[3])  # 0 of 0


@pytest.mark.parametrize("engine", ALL)
def test_transitions(engine: str) -> None:
    t = run(engine).transitions
    got = list(
        zip(
            t["source"],
            t["target"],
            t["count"],
            t["median_duration"],
            t["p90_duration"],
            strict=True,
        )
    )
    m = pd.Timedelta(minutes=1)
    assert got == [
        ("cart", "pay", 2, 35 * m, 55 * m),  # 10 and 60 min: p90 = 10 + 0.9 * 50
        ("help", "pay", 2, 6 * m, 6.8 * m),
        ("view", "visit", 2, 7.5 * m, 9.5 * m),
        ("visit", "cart", 2, 7.5 * m, 9.5 * m),
        ("visit", "view", 2, 20 * m, 28 * m),
        ("help", "cart", 1, 20 * m, 20 * m),
        ("search", "view", 1, 10 * m, 10 * m),
        ("view", "cart", 1, 10 * m, 10 * m),
        ("view", "help", 1, 5 * m, 5 * m),
        ("visit", "search", 1, 5 * m, 5 * m),
    ]


@pytest.mark.parametrize("engine", ALL)
def test_variants(engine: str) -> None:
    a = run(engine)
    v = a.variants
    assert (a.n_cases, a.n_variants, a.n_events) == (7, 6, 22)
    assert list(zip(v["variant"], v["count"], strict=True)) == [
        (("help", "pay"), 2),
        (("search",), 1),
        (("view", "visit", "cart"), 1),
        (("visit", "search", "view", "help", "cart", "pay"), 1),
        (("visit", "view", "cart", "pay"), 1),
        (("visit", "view", "visit", "cart"), 1),
    ]
    assert v["share"].tolist() == pytest.approx([2 / 7] + [1 / 7] * 5)
    assert v["length"].tolist() == [2, 1, 3, 6, 4, 4]


@pytest.mark.parametrize("engine", ALL)
def test_top_variants_cut_is_the_same_everywhere(engine: str) -> None:
    top = run(engine, top_variants=3).variants
    assert len(top) == 3
    assert top["variant"].iloc[0] == ("help", "pay")
    # ties at the cut are broken by length, then by keys every engine computes alike
    assert top["variant"].tolist() == run("pandas", top_variants=3).variants["variant"].tolist()
    assert top["variant"].iloc[1] == ("search",)  # the shortest of the tied


@pytest.mark.parametrize("engine", ALL)
def test_stage_metrics_and_activities(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF, scores={"csat": ["mean", "median", "count"]})
    m = a.stage_metrics
    got = list(zip(m["stage"], m["metric"], m["value"], m["n"], strict=True))
    # events are counted per stage over every event (help is outside; F's pay is Checkout)
    assert got == [
        ("Discover", "events", 7.0, 7),
        ("Browse", "events", 4.0, 4),
        ("Cart", "events", 4.0, 4),
        ("Cart", "csat mean", 3.0, 2),
        ("Cart", "csat median", 3.0, 2),
        ("Cart", "csat count", 2.0, 2),
        ("Checkout", "events", 4.0, 4),
        ("Checkout", "csat mean", 4.0, 2),
        ("Checkout", "csat median", 4.0, 2),
        ("Checkout", "csat count", 2.0, 2),
    ]
    acts = a.activities
    assert list(zip(acts["activity"], acts["stage"], acts["events"], strict=True)) == [
        ("visit", "Discover", 5),
        ("cart", "Cart", 4),
        ("pay", "Checkout", 4),
        ("view", "Browse", 4),
        ("help", None, 3),
        ("search", "Discover", 2),
    ]


def tie_log() -> pd.DataFrame:
    at = [T0, T0 + pd.Timedelta(minutes=10), T0 + pd.Timedelta(minutes=10)]
    return pd.DataFrame(
        {"case_id": ["G"] * 3, "activity": ["visit", "view", "cart"], "ts": at, "seq": [1, 3, 2]}
    )


@pytest.mark.parametrize("engine", ALL)
def test_equal_timestamps_are_ordered_by_activity_name(engine: str) -> None:
    a = run(engine, tie_log(), stage_of=STAGE_OF)
    assert a.variants["variant"].tolist() == [("visit", "cart", "view")]  # "cart" < "view"
    assert a.funnel["reached"].tolist() == [1, 1, 0, 0]  # cart came before view


@pytest.mark.parametrize("engine", ALL)
def test_tie_break_column_comes_before_the_activity_name(engine: str) -> None:
    log = tie_log().assign(seq=[1, 2, 3])  # view logged before cart
    a = run(engine, log, stage_of=STAGE_OF, tie_break="seq")
    assert a.variants["variant"].tolist() == [("visit", "view", "cart")]
    assert a.funnel["reached"].tolist() == [1, 1, 1, 0]
    missing = log.assign(seq=[1.0, np.nan, 2.0])  # missing sorts last
    b = run(engine, missing, stage_of=STAGE_OF, tie_break="seq")
    assert b.variants["variant"].tolist() == [("visit", "cart", "view")]


@pytest.mark.parametrize("engine", ALL)
def test_stages_default_to_mean_position_without_stage_of(engine: str) -> None:
    a = run(engine)  # every activity is a stage, ordered by mean position in cases
    # mean 0-based positions: search 1/2, visit 3/5, help 3/3, view 4/4 (ties by name),
    # pay 10/4, cart 11/4
    assert a.stages == ("search", "visit", "help", "view", "pay", "cart")


@pytest.mark.parametrize("engine", ALL)
def test_given_stages_order_and_subset(engine: str) -> None:
    a = run(engine, stages=["visit", "cart"])
    # visit then a later cart: A, B, D; C's cart comes after its visit too
    assert a.funnel["reached"].tolist() == [4, 4]
    b = run(engine, stage_of=STAGE_OF, stages=["Cart", "Checkout"])
    assert b.funnel["reached"].tolist() == [4, 2]


def test_text_timestamps_are_parsed_like_datetimes() -> None:
    df = golden_log()
    text = df.assign(ts=df["ts"].dt.strftime("%Y-%m-%dT%H:%M:%S"))
    for engine in ("pandas", "polars", "duckdb"):
        a = run(engine, text, stage_of=STAGE_OF)
        assert funnel_rows(a) == funnel_rows(run("pandas", stage_of=STAGE_OF)), engine


def test_time_zones_count_as_instants() -> None:
    df = golden_log()
    aware = df.assign(ts=df["ts"].dt.tz_localize("Europe/Paris"))
    for engine in ("pandas", "pandas-narwhals", "polars", "duckdb"):
        assert funnel_rows(run(engine, aware, stage_of=STAGE_OF)) == funnel_rows(
            run("pandas", stage_of=STAGE_OF)
        ), engine


def test_integer_case_ids_and_categorical_activities() -> None:
    df = golden_log()
    ids = {c: i * 10 for i, c in enumerate(CASES)}
    typed = df.assign(case_id=df["case_id"].map(ids), activity=df["activity"].astype("category"))
    for engine in ("pandas", "pandas-narwhals", "polars", "duckdb"):
        a = run(engine, typed, stage_of=STAGE_OF)
        assert funnel_rows(a) == funnel_rows(run("pandas", stage_of=STAGE_OF)), engine
        assert a.variants["variant"].tolist() == run("pandas").variants["variant"].tolist()


@pytest.mark.parametrize("engine", ["pandas", "pandas-narwhals", "polars", "duckdb"])
def test_an_empty_log_gives_empty_tables(engine: str) -> None:
    a = run(engine, golden_log().iloc[:0], stage_of=STAGE_OF)
    assert (a.n_events, a.n_cases, a.n_variants) == (0, 0, 0)
    assert a.funnel["reached"].tolist() == [0, 0, 0, 0]
    assert a.transitions.empty and a.variants.empty
