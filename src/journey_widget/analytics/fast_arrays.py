"""The fast path for Polars and DuckDB logs that fit in memory: the engine reads, our kernels count.

The narwhals engine (:mod:`.steps`, :mod:`.lazy_stats`) keeps every step inside the input's
engine, which is what a cluster or a log larger than memory needs, but on one machine it pays for
generic expressions: ordering text case ids inside the engine and a group-by per statistic. When
the log fits in memory, the input's engine does what it is best at and hands over compact columns:

- the engine scans its source (Parquet, a query, a DataFrame), keeps only the needed columns,
  parses text timestamps (its own parser: ``str.to_datetime`` in Polars, ``TRY_CAST`` in DuckDB)
  and turns timestamps into epoch microseconds, in one query, fetched once as Arrow;
- missing and unreadable values are counted on the fetched Arrow columns and refused with the
  same messages as the narwhals engine's (:func:`.lazy.check_counts`);
- case ids and activities are dictionary-encoded by PyArrow (in two threads), then the embedded
  engine's one packed sort and its kernels compute every statistic, so results are those of the
  NumPy engine, which the tests hold equal to the narwhals engine's.

Whether a DuckDB log fits: its events times :data:`BYTES_PER_EVENT` must stay within the
connection's ``memory_limit`` (``SET memory_limit = '2GB'`` keeps a large log out of core, on
the narwhals path, where DuckDB spills to its ``temp_directory``). Polars logs always take this
path (the narwhals path collects a Polars log into memory too). Other engines (PySpark, pandas
through ``engine="native"``, ...) keep the narwhals path.
"""

from __future__ import annotations

import re
from typing import Any

import narwhals as nw
import numpy as np

from .columns import EventArrays, encode_ids, tie_codes
from .lazy import ACT, CASE, RAW, SEG, TIE, TS, Prepared, check_counts, project, score_name
from .native import epoch_us
from .params import Params

#: Peak memory of the fast path per event (fetched columns, codes, sort key, kernels' arrays):
#: measured 107 (DuckDB) and 151 (Polars) bytes at 10M events with one score column, rounded up.
BYTES_PER_EVENT = 200

_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS.update({"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40})


def memory_bytes(text: str) -> int | None:
    """A DuckDB memory setting such as ``'1.8 GiB'`` in bytes (None when unreadable).

    Examples
    --------
    >>> memory_bytes("1.8 GiB") == int(1.8 * 2**30)
    True
    >>> memory_bytes("500 MB")
    500000000
    """
    match = re.fullmatch(r"\s*([0-9.]+)\s*([a-zA-Z]*)\s*", text)
    if match is None or match.group(2).lower() not in _UNITS:
        return None
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def _duckdb_fits(relation: Any, n_events: int | None) -> bool:
    """Whether the relation's events fit the fast path inside the connection's memory limit."""
    setting = relation.query("_jw_settings", "SELECT current_setting('memory_limit')").fetchall()
    limit = memory_bytes(str(setting[0][0])) if setting else None
    if limit is None:
        return True
    if n_events is None:
        n_events = int(relation.aggregate("count(*)").fetchall()[0][0])
    return n_events * BYTES_PER_EVENT <= limit


def _wanted(lazy: nw.LazyFrame[Any], n_events: int | None = None) -> bool:
    impl = lazy.implementation
    if impl.is_polars():
        return True
    return bool(impl.is_duckdb() and _duckdb_fits(nw.to_native(lazy), n_events))


def fast_log(lazy: nw.LazyFrame[Any], params: Params) -> tuple[EventArrays, Any] | None:
    """The log encoded for the embedded engine and its ``params.segment`` column, if any.

    None where the fast path is not used (see the module docstring). The segment column is an
    Arrow-backed pandas Series in the rows' order of the arrays (None without
    ``params.segment``). Raises :class:`JourneyError` on bad input, as :func:`.lazy.prepare`
    does.
    """
    if not _wanted(lazy):
        return None
    frame, text_ts = project(lazy, params)
    frame = epoch_us(frame, TS, frame.collect_schema()[TS])
    table = frame.collect().to_arrow()  # the engine runs the query; Arrow comes back
    _check(table, params, text_ts)
    segment = None if params.segment is None else _series(table.column(SEG))
    return _encode(table, params), segment


def fast_arrays(lazy: nw.LazyFrame[Any], params: Params) -> EventArrays | None:
    """:func:`fast_log` without the segment column."""
    got = fast_log(lazy, params)
    return None if got is None else got[0]


def prepared_arrays(prep: Prepared, params: Params) -> EventArrays | None:
    """A prepared (validated) log encoded for the embedded engine, or None as in :func:`fast_log`.

    For statistics over a part of a prepared log (``by=``'s segments), whose columns are already
    checked and converted.
    """
    if not _wanted(prep.frame, prep.n_events):
        return None
    columns = [CASE, ACT, TS] + ([TIE] if params.tie_break is not None else [])
    columns += [score_name(i) for i in range(len(params.scores))]
    return _encode(prep.frame.select(*columns).collect().to_arrow(), params)


def _check(table: Any, params: Params, text_ts: bool) -> None:
    import pyarrow.compute as pc

    ts = table.column(TS)
    row = {
        "case": table.column(CASE).null_count,
        "activity": table.column(ACT).null_count,
        "ts_missing": table.column(RAW if text_ts else TS).null_count,
    }
    bad = None
    if text_ts:
        bad = pc.and_(pc.is_null(ts), pc.is_valid(table.column(RAW)))
        row["ts_bad"] = pc.sum(bad).as_py() or 0

    def example() -> Any:
        return table.column(RAW).filter(bad)[0].as_py()

    check_counts(row, params, example)


def _series(column: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_dictionary(column.type):  # e.g. Polars categoricals: chunks' dictionaries differ
        column = column.cast(column.type.value_type)
    return pd.Series(pd.arrays.ArrowExtensionArray(column), copy=False)


def _numbers(column: Any, dtype: Any) -> np.ndarray:
    return np.asarray(column.to_numpy(), dtype=dtype)


def _encode(table: Any, params: Params) -> EventArrays:
    """Dictionary-encode case ids and activities (two threads on large logs); numbers as is."""
    ids = _series(table.column(CASE)), _series(table.column(ACT))
    cases, n_cases, act_codes, names = encode_ids(*ids, params)
    del ids
    tie, n_tie = (None, 1)
    if params.tie_break is not None:
        tie, n_tie = tie_codes(_series(table.column(TIE)))
    scores = {
        column: _numbers(table.column(score_name(i)), np.float64)
        for i, (column, _) in enumerate(params.scores)
    }
    return EventArrays(
        case=cases,
        n_case_codes=n_cases,
        activity=act_codes,
        activities=names,
        ts=_numbers(table.column(TS), np.int64),
        tie=tie,
        n_tie_codes=n_tie,
        scores=scores,
    )
