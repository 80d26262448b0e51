"""The two steps narwhals does not express alike on every backend, per backend.

They are reading text as timestamps (without failing on the bad ones, so they can be counted)
and timestamps as epoch microseconds.

Each is a small per-backend adapter on the native object; everything else in the narwhals
engine is plain narwhals expressions.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

import narwhals as nw

from ..model.errors import JourneyError
from .columns import parse_text

EPOCH = dt.datetime(1970, 1, 1)


def _wrap(native: Any) -> nw.LazyFrame[Any]:
    frame = nw.from_native(native)
    return cast("nw.LazyFrame[Any]", frame.lazy() if isinstance(frame, nw.DataFrame) else frame)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def parse_timestamps(frame: nw.LazyFrame[Any], column: str) -> nw.LazyFrame[Any]:
    """Replace a text column by timestamps; unreadable values become null (counted later)."""
    impl = frame.implementation
    native = nw.to_native(frame)
    if impl.is_polars():
        import polars as pl

        return _wrap(
            native.with_columns(pl.col(column).str.to_datetime(time_unit="us", strict=False))
        )
    if impl.is_duckdb():
        q = _quoted(column)
        return _wrap(native.project(f"* REPLACE (TRY_CAST({q} AS TIMESTAMP) AS {q})"))
    if impl.is_spark_like():
        from pyspark.sql import functions as F

        return _wrap(native.withColumn(column, F.try_to_timestamp(F.col(column))))
    if impl.is_pandas_like():
        parsed, _ = parse_text(native[column])
        return _wrap(native.assign(**{column: parsed}))
    if impl.is_pyarrow():
        import pyarrow as pa

        parsed, _ = parse_text(native.column(column).to_pandas())
        index = native.column_names.index(column)
        return _wrap(native.set_column(index, column, pa.array(parsed)))
    try:  # another backend: its own parser, which may refuse bad values outright
        return frame.with_columns(nw.col(column).str.to_datetime())
    except Exception as err:
        raise JourneyError(
            f"column {column!r} holds text the {impl} backend cannot read as "
            f"timestamps ({err}); convert it to datetimes first"
        ) from None


def epoch_us(frame: nw.LazyFrame[Any], column: str, dtype: Any) -> nw.LazyFrame[Any]:
    """Replace a Date/Datetime column by int64 microseconds since the epoch (UTC)."""
    impl = frame.implementation
    if impl.is_spark_like():
        from pyspark.sql import functions as F

        micros = F.unix_micros(F.col(column).cast("timestamp"))
        return _wrap(nw.to_native(frame).withColumn(column, micros))
    expr = nw.col(column)
    if isinstance(dtype, nw.Date):
        expr = expr.cast(nw.Datetime("us"))
    try:  # pandas, Polars
        return frame.with_columns(expr.dt.timestamp("us").cast(nw.Int64).alias(column))
    except NotImplementedError:  # DuckDB and other SQL engines: subtract the epoch
        aware = bool(getattr(dtype, "time_zone", None))
        epoch = EPOCH.replace(tzinfo=dt.UTC) if aware else EPOCH
        value = (expr - nw.lit(epoch)).dt.total_microseconds()
        return frame.with_columns(value.cast(nw.Int64).alias(column))


def persist(frame: nw.LazyFrame[Any]) -> tuple[nw.LazyFrame[Any], Any]:
    """Keep a frame that several queries will read.

    Cached in Spark, collected in Polars, a temporary table in DuckDB (the others: unchanged).

    Returns the frame to use and a function that releases the cache.
    """
    impl = frame.implementation
    if impl.is_spark_like():
        native = nw.to_native(frame).cache()
        return _wrap(native), native.unpersist
    if impl.is_polars():  # a few columns in memory beat re-reading the source per query
        return _wrap(nw.to_native(frame).collect().lazy()), lambda: None
    if impl.is_duckdb():
        return _duckdb_table(nw.to_native(frame))
    return frame, lambda: None


def _duckdb_table(relation: Any) -> tuple[nw.LazyFrame[Any], Any]:
    """The relation kept in a temporary table, and a function that drops it.

    The table lives inside DuckDB's ``memory_limit`` and is spilled to its ``temp_directory``
    when larger (``materialize()`` would hold it in client memory).
    """
    name = f"_jw_{uuid.uuid4().hex}"
    relation.query("_jw_source", f"CREATE TEMP TABLE {name} AS SELECT * FROM _jw_source")
    # queries through a relation bind it again: go through one row held by the client instead,
    # so the kept table and its release depend on no earlier (maybe released) table
    anchor = relation.query("_jw_source", "SELECT 1 AS one").materialize()
    kept = anchor.query("_jw_anchor", f"SELECT * FROM temp.{name}")

    def release() -> None:
        anchor.query("_jw_anchor", f"DROP TABLE IF EXISTS temp.{name}")

    return _wrap(kept), release


def is_text(dtype: Any) -> bool:
    """True for a text dtype: string, categorical or enum."""
    return isinstance(dtype, nw.String | nw.Categorical | nw.Enum)


def is_temporal(dtype: Any) -> bool:
    """True for a datetime or date dtype."""
    return isinstance(dtype, nw.Datetime | nw.Date)


__all__ = ["epoch_us", "is_temporal", "is_text", "parse_timestamps"]
