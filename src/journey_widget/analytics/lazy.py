"""The narwhals engine, part 1: the event log prepared and validated where it lives.

The input is projected to the needed columns under fixed internal names, text timestamps are
parsed, timestamps become epoch microseconds, and one query counts missing and unreadable
values so bad input fails with the column and the count, before any statistic is computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import narwhals as nw

from ..model.errors import JourneyError
from .columns import check_columns
from .native import epoch_us, is_temporal, is_text, parse_timestamps, persist
from .params import Params

CASE, ACT, TS, TIE, TIE_NULL, RAW = "case", "activity", "ts", "tie", "tie_null", "ts_raw"
SEG = "segment"  # the ``by=`` column, when there is one (see :mod:`.segments_native`)


def score_name(i: int) -> str:
    """The internal name of the ``i``-th score column: ``score0``, ``score1``, ..."""
    return f"score{i}"


@dataclass
class Prepared:
    """A validated event log, under the engine's internal column names.

    Columns ``case, activity, ts`` (int64 us), optional ``tie`` and ``tie_null``, and
    ``score0..`` (float).
    """

    frame: nw.LazyFrame[Any]
    n_events: int
    order_by: list[str]
    release: Any = None  # frees the engine's cache of ``frame`` (Spark), if any


def _dtype_error(column: str, dtype: Any, expected: str) -> JourneyError:
    return JourneyError(f"column {column!r} has type {dtype}; expected {expected}")


def project(lazy: nw.LazyFrame[Any], params: Params) -> tuple[nw.LazyFrame[Any], bool]:
    """The needed columns under internal names, text timestamps parsed (not yet validated).

    Returns the frame and whether the timestamps were text (then ``ts_raw`` holds the text, to
    count the unreadable values). Raises :class:`JourneyError` on missing columns or bad types.
    """
    schema = lazy.collect_schema()
    check_columns(list(schema.names()), params)
    ts_type = schema[params.timestamp]
    text_ts = is_text(ts_type)
    if not (text_ts or is_temporal(ts_type)):
        raise _dtype_error(
            params.timestamp,
            ts_type,
            "datetimes or ISO 8601 text; convert epoch numbers to datetimes first",
        )
    columns = [
        nw.col(params.case).alias(CASE),
        nw.col(params.activity).cast(nw.String).alias(ACT),
        nw.col(params.timestamp).alias(TS),
    ]
    if text_ts:
        columns.append(nw.col(params.timestamp).alias(RAW))
    if params.tie_break is not None:
        columns.append(nw.col(params.tie_break).alias(TIE))
    for i, (column, _) in enumerate(params.scores):
        dtype = schema[column]
        if not dtype.is_numeric() or isinstance(dtype, nw.Boolean):
            raise _dtype_error(column, dtype, "numbers (a score column)")
        # NaN is a missing score too (Spark and DuckDB keep NaN apart from null)
        columns.append(nw.col(column).cast(nw.Float64).fill_nan(None).alias(score_name(i)))
    if params.segment is not None:
        columns.append(nw.col(params.segment).alias(SEG))
    frame = lazy.select(*columns)
    if text_ts:
        frame = parse_timestamps(frame, TS)
    return frame, text_ts


def prepare(lazy: nw.LazyFrame[Any], params: Params) -> Prepared:
    """Project, convert and validate the event log; raise :class:`JourneyError` on bad input."""
    frame, text_ts = project(lazy, params)
    n_events = _validate(frame, params, text_ts)
    if text_ts:
        frame = frame.drop(RAW)
    frame = epoch_us(frame, TS, frame.collect_schema()[TS])
    order_by = [TS, ACT]
    if params.tie_break is not None:
        frame = frame.with_columns(nw.col(TIE).is_null().alias(TIE_NULL))
        order_by = [TS, TIE_NULL, TIE, ACT]
    frame, release = persist(frame)
    return Prepared(frame=frame, n_events=n_events, order_by=order_by, release=release)


def _validate(frame: nw.LazyFrame[Any], params: Params, text_ts: bool) -> int:
    def tally(flag: nw.Expr) -> nw.Expr:
        return flag.cast(nw.Int64).sum()  # Spark does not sum booleans

    checks = [
        nw.len().alias("n"),
        tally(nw.col(CASE).is_null()).alias("case"),
        tally(nw.col(ACT).is_null()).alias("activity"),
    ]
    if text_ts:
        checks += [
            tally(nw.col(RAW).is_null()).alias("ts_missing"),
            tally(nw.col(TS).is_null() & ~nw.col(RAW).is_null()).alias("ts_bad"),
        ]
    else:
        checks.append(tally(nw.col(TS).is_null()).alias("ts_missing"))
    row = frame.select(*checks).collect().rows(named=True)[0]

    def example() -> Any:
        bad = frame.filter(nw.col(TS).is_null() & ~nw.col(RAW).is_null())
        return bad.select(RAW).head(1).collect().rows()[0][0]

    check_counts(row, params, example)
    return int(row["n"])


def check_counts(row: dict[str, Any], params: Params, example: Callable[[], Any]) -> None:
    """Raise :class:`JourneyError` for the missing or unreadable values counted in ``row``.

    ``row`` holds the counts ``case``, ``activity``, ``ts_missing`` and ``ts_bad`` (text
    timestamps that could not be read; ``example()`` returns one of them).
    """
    for key, column, what in (
        ("case", params.case, "a case id"),
        ("activity", params.activity, "an activity"),
        ("ts_missing", params.timestamp, "a timestamp"),
    ):
        count = int(row[key] or 0)
        if count:
            raise JourneyError(
                f"column {column!r} has {count} missing value(s); every event needs {what}"
            )
    bad = int(row.get("ts_bad") or 0)
    if bad:
        raise JourneyError(
            f"column {params.timestamp!r} has {bad} value(s) that are not "
            f"timestamps, e.g. {example()!r}; expected datetimes or ISO 8601 text "
            "such as '2024-03-01 09:30:00'"
        )
