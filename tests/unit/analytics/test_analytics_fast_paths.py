"""The fast path for Polars and DuckDB (:mod:`journey_widget.analytics.fast_arrays`).

Polars and DuckDB logs that fit in memory are read by their engine and counted by the embedded
engine's kernels; the narwhals path stays for larger DuckDB logs and other engines. Both paths
must give the same results and refuse bad input with the same messages.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from test_analytics_properties import frames_equal

import journey_widget as jw
from journey_widget.analytics.engine_stats import run_native
from journey_widget.analytics.fast_arrays import fast_log, memory_bytes
from journey_widget.analytics.frames import as_narwhals
from journey_widget.analytics.params import make_params
from journey_widget.analytics.progress import Progress
from journey_widget.analytics.result import Analysis, build
from journey_widget.analytics.sample import SAMPLE_STAGES, sample_events
from journey_widget.model.errors import JourneyError

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

KEYS = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}


def _log() -> pd.DataFrame:
    log = sample_events(400, seed=3)
    rng = np.random.default_rng(5)
    # whole minutes: many equal timestamps, so the tie-break and activity order matter
    log["timestamp"] = log["timestamp"].dt.floor("h")
    tie = rng.integers(0, 4, size=len(log)).astype(float)
    tie[rng.random(len(log)) < 0.1] = np.nan  # missing tie-breaks sort last
    log["seq"] = tie
    return log


def _polars(df: pd.DataFrame) -> Any:
    return pl.from_pandas(df).lazy()


def _duckdb(df: pd.DataFrame, memory_limit: str | None = None) -> Any:
    con = duckdb.connect(config={} if memory_limit is None else {"memory_limit": memory_limit})
    con.register("events_df", df)
    return con.sql("SELECT * FROM events_df")


def _both_paths(data: Any, **options: Any) -> tuple[Analysis, Analysis]:
    params = make_params(**KEYS, **options)
    fast = build(run_native(as_narwhals(data), params, Progress(6, False)), params, "native")
    slow = run_native(as_narwhals(data), params, Progress(6, False), fast=False)
    return fast, build(slow, params, "native")


OPTIONS = [
    {"stage_of": SAMPLE_STAGES},
    {"stage_of": SAMPLE_STAGES, "order": "strict"},
    {"stage_of": SAMPLE_STAGES, "window": "2D", "scores": {"csat": ["mean", "median", "count"]}},
    {"stage_of": SAMPLE_STAGES, "order": "strict", "window": "1D", "tie_break": "seq"},
    {"tie_break": "seq", "top_variants": None},
    {"top_variants": 5},  # the cut falls among variants of equal count
    {"stages": ["search", "view_product", "pay"], "scores": ["csat"]},
]


@pytest.mark.parametrize("convert", [_polars, _duckdb], ids=["polars", "duckdb"])
@pytest.mark.parametrize("options", OPTIONS)
def test_fast_path_equals_the_narwhals_path(convert: Any, options: dict[str, Any]) -> None:
    log = _log()
    fast, slow = _both_paths(convert(log), **options)
    frames_equal(fast, slow)
    # and both equal the embedded engine on the pandas log
    frames_equal(fast, jw.analytics.analyze(log, **KEYS, **options))  # type: ignore[arg-type]
    assert fast.n_events == len(log)


def test_text_timestamps_are_parsed_by_the_engine() -> None:
    log = _log()
    text = log.assign(timestamp=log["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    for data in (_polars(text), _duckdb(text)):
        fast, slow = _both_paths(data, stage_of=SAMPLE_STAGES)
        frames_equal(fast, slow)
        frames_equal(fast, jw.analytics.analyze(log, **KEYS, stage_of=SAMPLE_STAGES))


def _error(call: Any) -> str:
    with pytest.raises(JourneyError) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("convert", [_polars, _duckdb], ids=["polars", "duckdb"])
@pytest.mark.parametrize("bad", ["case", "timestamp text", "missing timestamp"])
def test_fast_path_refuses_bad_input_like_the_narwhals_path(convert: Any, bad: str) -> None:
    log = _log().head(50)
    if bad == "case":
        log.loc[[3, 7], "customer_id"] = None
    else:
        log["timestamp"] = log["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S").astype(object)
        log.loc[[4, 9, 11], "timestamp"] = "soon" if bad == "timestamp text" else None
    messages = [_error(lambda fast=fast: _both_paths_one(convert(log), fast)) for fast in (1, 0)]
    assert messages[0] == messages[1]
    expected = {
        "case": "column 'customer_id' has 2 missing value(s)",
        "timestamp text": "column 'timestamp' has 3 value(s) that are not timestamps, e.g. 'soon'",
        "missing timestamp": "column 'timestamp' has 3 missing value(s)",
    }[bad]
    assert messages[0].startswith(expected)


def _both_paths_one(data: Any, fast: int) -> None:
    params = make_params(**KEYS)
    run_native(as_narwhals(data), params, Progress(6, False), fast=bool(fast))


def test_duckdb_within_its_memory_limit_takes_the_narwhals_path() -> None:
    log = _log()  # ~3,700 events: ~0.7 MB on the fast path
    params = make_params(**KEYS)
    assert fast_log(as_narwhals(_duckdb(log)), params) is not None
    assert fast_log(as_narwhals(_duckdb(log, memory_limit="500KB")), params) is None


def test_other_engines_keep_the_narwhals_path() -> None:
    assert fast_log(as_narwhals(_log()), make_params(**KEYS)) is None


def test_the_segment_column_comes_back_in_row_order() -> None:
    log = _log()
    params = replace(make_params(**KEYS), segment="channel")
    got = fast_log(as_narwhals(_polars(log)), params)
    assert got is not None
    events, segment = got
    assert list(segment) == list(log["channel"])
    assert len(events) == len(log)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.8 GiB", int(1.8 * 2**30)), ("500 MB", 500_000_000), ("12KiB", 12_288), ("lots", None)],
)
def test_memory_settings_are_read(text: str, expected: int | None) -> None:
    assert memory_bytes(text) == expected


@pytest.mark.parametrize("convert", [_polars, _duckdb], ids=["polars", "duckdb"])
def test_a_prepared_log_takes_the_fast_path_too(convert: Any) -> None:
    """``by=`` computes each segment from a prepared log: both paths agree there as well."""
    from journey_widget.analytics.engine_stats import _native_stats
    from journey_widget.analytics.lazy import prepare

    options = {"stage_of": SAMPLE_STAGES, "tie_break": "seq", "scores": ["csat"]}
    params = make_params(**KEYS, **options)
    results = []
    for fast in (True, False):
        prep = prepare(as_narwhals(convert(_log())), params)
        try:
            raw = _native_stats(prep, params, Progress(6, False), fast)
        finally:
            prep.release()
        results.append(build(raw, params, "native"))
    frames_equal(*results)
    frames_equal(results[0], jw.analytics.analyze(_log(), **KEYS, **options))  # type: ignore[arg-type]


def test_categorical_and_integer_case_ids() -> None:
    """Polars categoricals come back as Arrow dictionaries whose chunks may differ."""
    log = _log()
    expected = jw.analytics.analyze(log, **KEYS, stage_of=SAMPLE_STAGES, tie_break="channel")
    frame = pl.from_pandas(log)
    variants = [
        frame.with_columns(pl.col("customer_id").cast(pl.Categorical)),
        frame.with_columns(
            pl.col("event").cast(pl.Categorical), pl.col("channel").cast(pl.Categorical)
        ),
        frame.with_columns(pl.col("customer_id").str.slice(1).cast(pl.Int64)),
    ]
    for data in variants:
        got = jw.analytics.analyze(data.lazy(), **KEYS, stage_of=SAMPLE_STAGES, tie_break="channel")
        pd.testing.assert_frame_equal(got.funnel, expected.funnel)
        pd.testing.assert_frame_equal(got.transitions, expected.transitions)
        pd.testing.assert_frame_equal(got.variants, expected.variants)
