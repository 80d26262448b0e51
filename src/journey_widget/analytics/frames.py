"""Which engine runs an analysis, and the input as the embedded engine or narwhals wants it.

- pandas DataFrames and PyArrow tables run on the embedded NumPy engine (``engine="numpy"``);
- Polars (eager or lazy), DuckDB relations, PySpark DataFrames and any other table narwhals
  accepts run where they live (``engine="native"``): narwhals expressions execute in that engine
  and only aggregates come back.

``engine=`` overrides the choice: ``"numpy"`` collects the needed columns into memory, ``"native"``
runs pandas or PyArrow input through narwhals too (both give identical results).
"""

from __future__ import annotations

from typing import Any, cast

import narwhals as nw
import pandas as pd

from ..model.errors import JourneyError
from .columns import check_columns
from .params import Params

SUPPORTED = "a pandas, Polars, PyArrow, DuckDB or PySpark table"


def _is_arrow_table(events: Any) -> bool:
    module = type(events).__module__
    return module.startswith("pyarrow") and type(events).__name__ == "Table"


def choose_engine(events: Any, engine: str) -> str:
    """``"numpy"`` or ``"native"`` for this input and the requested ``engine``."""
    if engine not in ("auto", "numpy", "native"):
        raise JourneyError(f"engine takes 'auto', 'numpy' or 'native', got {engine!r}")
    if engine != "auto":
        return engine
    return "numpy" if isinstance(events, pd.DataFrame) or _is_arrow_table(events) else "native"


def as_narwhals(events: Any) -> nw.LazyFrame[Any]:
    """The input as a narwhals LazyFrame (eager inputs are wrapped, not copied).

    A PyArrow table goes through pandas: narwhals' PyArrow backend has no ordered window
    functions.
    """
    if _is_arrow_table(events):
        events = events.to_pandas()
    try:
        frame = nw.from_native(events, allow_series=True)
    except TypeError:
        raise JourneyError(f"expected {SUPPORTED} of events, got {type(events).__name__}") from None
    if isinstance(frame, nw.Series):
        raise JourneyError(f"expected {SUPPORTED} of events, got a single column (a Series)")
    if isinstance(frame, nw.DataFrame):
        return frame.lazy()
    return cast("nw.LazyFrame[Any]", frame)


def to_pandas(events: Any, params: Params) -> pd.DataFrame:
    """The columns the analysis needs, as a pandas DataFrame (Arrow-backed where possible)."""
    if isinstance(events, pd.DataFrame):
        if events.columns.duplicated().any():
            dup = events.columns[events.columns.duplicated()][0]
            raise JourneyError(f"the event log has column {dup!r} twice")
        check_columns([str(c) for c in events.columns], params)
        return events
    if _is_arrow_table(events):
        check_columns(list(events.column_names), params)
        table = events.select(params.columns)
        return cast("pd.DataFrame", table.to_pandas(types_mapper=pd.ArrowDtype))
    lazy = as_narwhals(events)
    check_columns(list(lazy.collect_schema().names()), params)
    frame = lazy.select(params.columns).collect()
    try:
        table = frame.to_arrow()
    except ImportError:  # no pyarrow: go through NumPy, slower on text but complete
        return pd.DataFrame({c: frame.get_column(c).to_numpy() for c in params.columns})
    return cast("pd.DataFrame", table.to_pandas(types_mapper=pd.ArrowDtype))
