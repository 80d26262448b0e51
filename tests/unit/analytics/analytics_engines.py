"""The same pandas event log on every engine analytics supports (for tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest


def _pyarrow(df: pd.DataFrame) -> Any:
    pa = pytest.importorskip("pyarrow")
    return pa.Table.from_pandas(df, preserve_index=False)


def _polars(df: pd.DataFrame) -> Any:
    pl = pytest.importorskip("polars")
    return pl.from_pandas(df)


def _duckdb(df: pd.DataFrame) -> Any:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.register("events_df", df)
    return con.sql("SELECT * FROM events_df")


#: name -> (convert the pandas log, engine argument)
ENGINES: dict[str, tuple[Callable[[pd.DataFrame], Any], str]] = {
    "pandas": (lambda df: df, "auto"),
    "pandas-narwhals": (lambda df: df, "native"),
    "pyarrow": (_pyarrow, "auto"),
    "pyarrow-narwhals": (_pyarrow, "native"),
    "polars": (_polars, "auto"),
    "polars-lazy": (lambda df: _polars(df).lazy(), "auto"),
    "polars-numpy": (_polars, "numpy"),
    "duckdb": (_duckdb, "auto"),
    "duckdb-numpy": (_duckdb, "numpy"),
}


def on_engine(name: str, df: pd.DataFrame) -> tuple[Any, str]:
    """The log converted for engine ``name`` and the ``engine=`` argument to pass."""
    convert, engine = ENGINES[name]
    return convert(df), engine


#: The marks of a test module that runs on PySpark (its session: the ``spark`` fixture in
#: conftest.py, which skips without PySpark or Java, and fails in CI when Java is missing).
SPARK_MODULE = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]
