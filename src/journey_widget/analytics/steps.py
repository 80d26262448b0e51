"""The narwhals engine, part 2: the ordered step table every statistic shares, built once.

One row per event: the case, the activity code, the time, the event's 0-based position in its
case, and the previous and next events' activity codes and the next event's time (null at the
case's ends). Ordering each case's events is the expensive part of every statistic; here it runs
once, the table is kept where the engine lives, and every statistic afterwards
(:mod:`.lazy_stats`) is plain aggregation over it: group-bys and unordered per-case minima.

How it is built and kept depends on the engine:

- Polars: one sort by (case, timestamp, tie-break, activity code), collected; neighbours are
  plain shifts masked at case boundaries (no window functions) and the table stays in memory;
- DuckDB, PySpark, pandas and other engines: one projection of ordered window functions that all
  share one window, then kept by :func:`~.native.persist`: a temporary table in DuckDB (spilled to
  its ``temp_directory`` beyond ``memory_limit``), cached by Spark on its executors (never
  collected to the driver), already in memory for pandas.

Polars logs, and DuckDB logs within ``memory_limit``, normally take the fast path instead
(:mod:`.fast_arrays`); this table serves them with ``run_native(..., fast=False)`` and ``by=``.

Ordering by the activity code equals ordering by the activity name: the codes are the engine's
dense rank of the names, in the engine's own string order, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from .lazy import ACT, CASE, TS, Prepared
from .native import persist

CODE, POS, NEXT, NEXT_TS, PREV = "code", "pos", "next", "next_ts", "prev"
COLUMNS = (CASE, CODE, TS, POS, NEXT, NEXT_TS, PREV)


@dataclass
class Steps:
    """The ordered step table (columns :data:`COLUMNS`) and the activity dictionary."""

    frame: nw.LazyFrame[Any]
    names: list[str]  # activities sorted by name (code point order)
    counts: list[int]  # events per activity, in ``names`` order
    act_of_code: dict[int, str]
    release: Callable[[], Any]  # frees the engine's copy of ``frame`` (Spark's cache), if any


def build_steps(prep: Prepared) -> Steps:
    """The activity dictionary and the ordered step table of a prepared log."""
    table = prep.frame.group_by(ACT).agg(nw.len().alias("n"))
    codes = table.with_columns((nw.col(ACT).rank("dense").cast(nw.Int64) - 1).alias(CODE))
    rows = codes.collect().rows(named=True)
    counts = {str(r[ACT]): int(r["n"]) for r in rows}
    names = sorted(counts)
    act_of_code = {int(r[CODE]): str(r[ACT]) for r in rows}
    keys = [CODE if c == ACT else c for c in prep.order_by]
    base = prep.frame.join(codes.select(ACT, CODE), on=ACT).select(
        CASE, CODE, *[c for c in keys if c != CODE]
    )
    if prep.frame.implementation.is_polars():
        frame: nw.LazyFrame[Any] = _by_sorting(base, keys)
        release: Callable[[], Any] = _nothing
    else:
        frame, release = persist(_by_windows(base, keys))
    return Steps(
        frame=frame,
        names=names,
        counts=[counts[a] for a in names],
        act_of_code=act_of_code,
        release=release,
    )


def _nothing() -> None:
    return None


def _by_sorting(base: nw.LazyFrame[Any], keys: list[str]) -> nw.LazyFrame[Any]:
    """Sorted once and collected (the engine keeps row order); neighbours by shifting."""
    df = base.sort(CASE, *keys).collect().with_row_index("i")
    same_prev = (nw.col(CASE) == nw.col(CASE).shift(1)).fill_null(False)
    same_next = (nw.col(CASE) == nw.col(CASE).shift(-1)).fill_null(False)
    df = df.with_columns(
        nw.when(~same_prev).then(nw.col("i")).alias("start"),
        nw.when(same_next).then(nw.col(CODE).shift(-1)).alias(NEXT),
        nw.when(same_next).then(nw.col(TS).shift(-1)).alias(NEXT_TS),
        nw.when(same_prev).then(nw.col(CODE).shift(1)).alias(PREV),
    )
    position = nw.col("i") - nw.col("start").fill_null(strategy="forward")
    return df.with_columns(position.cast(nw.Int64).alias(POS)).select(*COLUMNS).lazy()


def _by_windows(base: nw.LazyFrame[Any], keys: list[str]) -> nw.LazyFrame[Any]:
    """One projection of ordered windows over the case (SQL engines evaluate them in one sort)."""

    def over(expr: nw.Expr) -> nw.Expr:
        return expr.over(CASE, order_by=keys)

    # cum_sum of ones, not cum_count: narwhals' pandas backend ignores order_by in cum_count
    return (
        base.with_columns(nw.lit(1).cast(nw.Int64).alias("one"))
        .with_columns(
            (over(nw.col("one").cum_sum()).cast(nw.Int64) - 1).alias(POS),
            over(nw.col(CODE).shift(-1)).alias(NEXT),
            over(nw.col(TS).shift(-1)).alias(NEXT_TS),
            over(nw.col(CODE).shift(1)).alias(PREV),
        )
        .select(*COLUMNS)
    )
