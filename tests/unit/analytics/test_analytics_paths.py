"""Golden tests for paths: after a start, before an end, after a drop-off, worked out by hand.

The golden log (test_analytics_golden.py), each case in time order (stages: visit and search
are Discover, view Browse, cart Cart, pay Checkout; help is outside the funnel):

    A: visit view cart pay            B: visit search view help cart pay
    C: view visit cart                D: visit view visit cart
    E: search                         F, F2: help pay
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from analytics_engines import ENGINES
from test_analytics_golden import STAGE_OF, T0, run

import journey_widget as jw
from journey_widget import JourneyError
from journey_widget.analytics.paths import compute, make_request, to_frame

ALL = list(ENGINES)


def rows(table: pd.DataFrame) -> list[tuple[tuple[str, ...], int, float]]:
    return [
        (p, int(c), round(float(s), 6))
        for p, c, s in zip(table["path"], table["count"], table["share"], strict=True)
    ]


@pytest.mark.parametrize("engine", ALL)
def test_paths_after_an_activity(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF)
    table = a.paths(start="visit", steps=2)
    # first visit of A, B, C (its second event), D; E, F, F2 never visit
    assert rows(table) == [
        (("cart", "(end)"), 1, 0.25),
        (("search", "view"), 1, 0.25),
        (("view", "cart"), 1, 0.25),
        (("view", "visit"), 1, 0.25),
    ]
    assert list(table.columns) == ["path", "step_1", "step_2", "count", "share"]
    assert table["step_1"].tolist() == ["cart", "search", "view", "view"]
    assert table["step_2"].tolist() == ["(end)", "view", "cart", "visit"]
    assert table.attrs["cases"] == 4


@pytest.mark.parametrize("engine", ALL)
def test_paths_after_a_stage_at_stage_level(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF)
    table = a.paths(start="Discover", steps=3, level="stage")
    # B's visit and search are one Discover step; help is outside the funnel: "(other)"
    assert rows(table) == [
        (("(end)",), 1, 0.2),  # E
        (("Browse", "(other)", "Cart"), 1, 0.2),  # B
        (("Browse", "Cart", "Checkout"), 1, 0.2),  # A
        (("Browse", "Discover", "Cart"), 1, 0.2),  # D
        (("Cart", "(end)"), 1, 0.2),  # C
    ]
    assert table.iloc[0][["step_1", "step_2", "step_3"]].tolist() == ["(end)", None, None]
    # without collapsing, B's search is a step of its own
    loose = a.paths(start="Discover", steps=3, level="stage", collapse=False)
    assert (("Discover", "Browse", "(other)"), 1, 0.2) in rows(loose)


@pytest.mark.parametrize("engine", ALL)
def test_paths_before_an_end(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF)
    table = a.paths(end="pay", steps=3)
    # the last pay of A, B, F, F2; F and F2 began just before it
    assert rows(table) == [
        (("(start)", "help"), 2, 0.5),
        (("view", "help", "cart"), 1, 0.25),
        (("visit", "view", "cart"), 1, 0.25),
    ]
    assert list(table.columns) == ["path", "step_-3", "step_-2", "step_-1", "count", "share"]
    assert table.iloc[0][["step_-3", "step_-2", "step_-1"]].tolist() == [None, "(start)", "help"]
    assert rows(a.paths(end="cart", steps=2, top=1)) == [(("view", "visit"), 2, 0.5)]  # C, D


@pytest.mark.parametrize("engine", ALL)
def test_paths_after_a_drop_off(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF)
    # loose: C (entered at its visit, its view came before) and E left at Discover; D at Cart
    assert rows(a.paths(dropped_at="Discover", steps=2)) == [
        (("(end)",), 1, 0.5),
        (("cart", "(end)"), 1, 0.5),
    ]
    assert rows(a.paths(dropped_at="Cart")) == [(("(end)",), 1, 1.0)]
    empty = a.paths(dropped_at="Browse")
    assert len(empty) == 0 and list(empty.columns)[-2:] == ["count", "share"]
    strict = run(engine, stage_of=STAGE_OF, order="strict")
    # strict: B's help and D's second visit break the chain after Browse (view)
    assert rows(strict.paths(dropped_at="Browse", steps=2)) == [
        (("help", "cart"), 1, 0.5),
        (("visit", "cart"), 1, 0.5),
    ]
    window = run(engine, stage_of=STAGE_OF, window="30min")
    # within 30 min: B reaches Browse (15 min) but not Cart (40), D likewise (Cart at 50)
    assert rows(window.paths(dropped_at="Browse", steps=2)) == [
        (("help", "cart"), 1, 0.5),
        (("visit", "cart"), 1, 0.5),
    ]


def repeat_log() -> pd.DataFrame:
    acts = ["view", "view", "cart", "cart", "view", "pay"]
    return pd.DataFrame(
        {
            "case_id": ["R"] * len(acts) + ["S"],
            "activity": [*acts, "view"],
            "ts": [T0 + pd.Timedelta(minutes=i) for i in range(len(acts) + 1)],
        }
    )


@pytest.mark.parametrize("engine", ALL)
def test_consecutive_repeats_collapse_unless_asked(engine: str) -> None:
    a = run(engine, repeat_log())
    assert rows(a.paths(start="view")) == [
        (("(end)",), 1, 0.5),  # S
        (("cart", "view", "pay"), 1, 0.5),
    ]
    assert rows(a.paths(start="view", collapse=False, top=None))[1] == (
        ("view", "cart", "cart"),
        1,
        0.5,
    )
    assert rows(a.paths(end="view")) == [
        (("(start)",), 1, 0.5),  # S
        (("(start)", "view", "cart"), 1, 0.5),  # R's last view; its first run is one step
    ]
    assert rows(a.paths(end="view", collapse=False))[1] == (("view", "cart", "cart"), 1, 0.5)


@pytest.mark.parametrize("engine", ["pandas", "polars", "duckdb"])
def test_a_stage_wins_over_an_activity_of_the_same_name(engine: str) -> None:
    renamed = {**STAGE_OF, "visit": "view", "search": "view"}  # stage "view": visit, search
    a = run(engine, stage_of=renamed)
    b = run(engine, stage_of=STAGE_OF)
    assert rows(a.paths(start="view", steps=3)) == rows(b.paths(start="Discover", steps=3))
    assert rows(a.paths(start="view")) != rows(b.paths(start="view"))


@pytest.mark.parametrize("engine", ["pandas", "pandas-narwhals", "polars", "duckdb"])
def test_every_engine_gives_the_same_frame(engine: str) -> None:
    reference = run("pandas", stage_of=STAGE_OF)
    a = run(engine, stage_of=STAGE_OF)
    for kw in ({"start": "view", "top": None}, {"end": "Cart", "level": "stage", "steps": 4}):
        pd.testing.assert_frame_equal(a.paths(**kw), reference.paths(**kw))  # type: ignore[arg-type]


def native(a: jw.analytics.Analysis, **kw: object) -> pd.DataFrame:
    """The paths computed inside Polars or DuckDB (not their in-memory fast path)."""
    req = make_request(a, **{**DEFAULTS, **kw})
    return to_frame(compute(a, req, fast=False), req)


DEFAULTS = {
    "start": None,
    "end": None,
    "dropped_at": None,
    "steps": 3,
    "top": 10,
    "level": "activity",
    "collapse": True,
}


@pytest.mark.parametrize("engine", ["polars", "polars-lazy", "duckdb"])
def test_polars_and_duckdb_inside_their_engine(engine: str) -> None:
    a = run(engine, stage_of=STAGE_OF)
    assert rows(native(a, start="visit", steps=2)) == rows(a.paths(start="visit", steps=2))
    assert rows(native(a, end="pay")) == [
        (("(start)", "help"), 2, 0.5),
        (("view", "help", "cart"), 1, 0.25),
        (("visit", "view", "cart"), 1, 0.25),
    ]
    stage = native(a, start="Discover", level="stage", collapse=False)
    assert (("Discover", "Browse", "(other)"), 1, 0.2) in rows(stage)
    assert rows(native(a, dropped_at="Discover", steps=2)) == [
        (("(end)",), 1, 0.5),
        (("cart", "(end)"), 1, 0.5),
    ]
    strict = run(engine, stage_of=STAGE_OF, order="strict")
    assert rows(native(strict, dropped_at="Browse", steps=2)) == [
        (("help", "cart"), 1, 0.5),
        (("visit", "cart"), 1, 0.5),
    ]
    r = run(engine, repeat_log())
    for kw in ({"start": "view"}, {"end": "view", "collapse": False}):
        pd.testing.assert_frame_equal(native(r, **kw), r.paths(**kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"start": "nope"}, r"start='nope' is neither a stage of the funnel .* nor an activity"),
        ({"end": 3}, r"end=3 is neither a stage"),
        ({}, r"exactly one of start=, end= or dropped_at=.*got none"),
        ({"start": "view", "end": "pay"}, r"got start and end"),
        ({"start": "view", "steps": 0}, r"steps takes a positive whole number, got 0"),
        ({"start": "view", "steps": True}, r"steps takes a positive whole number"),
        ({"start": "view", "top": -1}, r"top takes a positive whole number or None, got -1"),
        ({"start": "view", "level": "case"}, r"level takes 'activity' or 'stage', got 'case'"),
        ({"start": "view", "collapse": "yes"}, r"collapse takes True or False"),
        ({"dropped_at": "view"}, r"dropped_at='view' is not a stage of the funnel"),
        ({"dropped_at": "Checkout"}, r"the funnel's last stage, from which no case drops"),
    ],
)
def test_bad_requests_name_the_value(kw: dict[str, object], message: str) -> None:
    a = run("pandas", stage_of=STAGE_OF)
    with pytest.raises(JourneyError, match=message):
        a.paths(**kw)  # type: ignore[arg-type]


def test_an_analysis_without_its_log_refuses_paths() -> None:
    a = dataclasses.replace(run("pandas", stage_of=STAGE_OF), _source=None)
    with pytest.raises(JourneyError, match="no event log attached"):
        a.paths(start="view")


@pytest.mark.parametrize("engine", ["pandas", "polars"])
def test_an_empty_log_has_no_paths(engine: str) -> None:
    from test_analytics_golden import golden_log

    a = run(engine, golden_log(), stage_of=STAGE_OF)
    empty = run(engine, golden_log().iloc[:0], stage_of=STAGE_OF)
    assert len(a.paths(start="view")) > 0
    with pytest.raises(JourneyError, match="neither a stage"):
        empty.paths(start="view")
    assert empty.paths(start="Discover").attrs["cases"] == 0
