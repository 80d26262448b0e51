"""Stage metrics attached to a map: the tidy table and its validation.

The table has one row per (stage, metric): ``stage`` (one of the map's stages), ``metric`` (a
name such as ``"CSAT"``), ``value`` (a number), and optionally ``target`` (a number), ``unit``
(text such as ``"%"``) and ``n`` (how many answers or customers the value rests on).

Metrics over time add an optional ``period`` column (after ``n``): a date ``YYYY-MM-DD``, a month
``YYYY-MM`` or any other label. When the column is there every row names its period, and the
table holds one row per (stage, metric, period); see :mod:`.metrics_periods` for their order.
A table without the column (or with only missing periods) is a single snapshot, as before.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .cards import is_missing
from .errors import JourneyError

METRIC_COLUMNS = ("stage", "metric", "value", "target", "unit", "n")
#: The optional column of metrics over time, written after :data:`METRIC_COLUMNS` when present.
PERIOD = "period"
ALL_METRIC_COLUMNS = (*METRIC_COLUMNS, PERIOD)
REQUIRED_METRIC_COLUMNS = ("stage", "metric", "value")


def _number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _row(label: Any) -> str:
    return f"row {label.item() if hasattr(label, 'item') else label!r}"


def metrics_table(
    frame: pd.DataFrame | Sequence[Mapping[str, Any]], stages: Sequence[str]
) -> pd.DataFrame:
    """Validate a tidy metrics table and return it with the columns of :data:`METRIC_COLUMNS`.

    Parameters
    ----------
    frame : DataFrame or list of dicts
        Columns ``stage``, ``metric``, ``value`` and optionally ``target``, ``unit``, ``n``
        and ``period``.
    stages : sequence of str
        The map's stage names; every ``stage`` must be one of them.

    Returns
    -------
    DataFrame
        A new table, input row order kept; ``target`` float (NaN when missing), ``unit``
        object (``None`` when missing), ``n`` nullable ``Int64``; ``period`` (text) last when
        the input has periods.

    Raises
    ------
    JourneyError
        Naming the column, the value (and its row) and what was expected.

    Examples
    --------
    >>> t = metrics_table(pd.DataFrame({"stage": ["Cart"], "metric": ["CSAT"], "value": [81.0]}),
    ...                   ["Browse", "Cart"])
    >>> list(t.columns)
    ['stage', 'metric', 'value', 'target', 'unit', 'n']
    """
    frame = _as_frame(frame)
    _check_columns(frame)
    timed = PERIOD in frame.columns and not frame[PERIOD].map(is_missing).all()
    columns = ALL_METRIC_COLUMNS if timed else METRIC_COLUMNS
    allowed = list(stages)
    out: dict[str, list[Any]] = {c: [] for c in columns}
    for label, row in frame.iterrows():
        for column, value in _checked_row(row, label, allowed).items():
            out[column].append(value)
        if timed:
            out[PERIOD].append(
                period_label(row[PERIOD], f"metrics: column 'period' at {_row(label)}")
            )
    table = pd.DataFrame(out, columns=list(columns))
    _check_unique(table, timed)
    return table.astype(
        {
            "stage": object,
            "metric": object,
            "value": float,
            "target": float,
            "unit": object,
            "n": "Int64",
        }
    )


def _check_unique(table: pd.DataFrame, timed: bool) -> None:
    """One row per stage and metric (and period, when the table has periods)."""
    keys = ["stage", "metric", PERIOD] if timed else ["stage", "metric"]
    dup = table.duplicated(keys)
    if dup.any():
        first = table[dup].iloc[0]
        when = f" in period {first[PERIOD]!r}" if timed else ""
        each = "stage, metric and period" if timed else "stage and metric"
        raise JourneyError(
            f"metrics: stage {first['stage']!r} has metric {first['metric']!r}{when} "
            f"more than once; expected one value per {each}"
        )


def period_label(value: Any, what: str = "period") -> str:
    """A period as text: a string as it is, a date or a timestamp as ``YYYY-MM-DD``.

    Raises
    ------
    JourneyError
        When ``value`` is missing, empty or neither text nor a date; ``what`` names it.

    Examples
    --------
    >>> period_label("2026-11"), period_label(dt.date(2026, 11, 30))
    ('2026-11', '2026-11-30')
    """
    if isinstance(value, dt.datetime | pd.Timestamp) and not is_missing(value):
        if value.time() == dt.time(0):
            return value.date().isoformat()
    elif isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        shown = None if is_missing(value) else value
        raise JourneyError(
            f"{what} has value {shown!r}; expected a date 'YYYY-MM-DD', a month 'YYYY-MM' "
            "or a non-empty label such as 'Q4 2026'"
        )
    return value


def _as_frame(frame: Any) -> pd.DataFrame:
    """A DataFrame as it is, or a list of row dicts as one (empty: the metric columns)."""
    if isinstance(frame, pd.DataFrame):
        return frame
    if isinstance(frame, str | bytes) or not isinstance(frame, Sequence):
        raise JourneyError(
            f"metrics must be a DataFrame (stage, metric, value, optional "
            f"target, unit, n), got {type(frame).__name__}"
        )
    rows = list(frame)
    return pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(METRIC_COLUMNS))


def _check_columns(frame: pd.DataFrame) -> None:
    """The required columns are there and no others than :data:`METRIC_COLUMNS`."""
    missing = [c for c in REQUIRED_METRIC_COLUMNS if c not in frame.columns]
    if missing:
        raise JourneyError(
            f"metrics: missing column(s) {', '.join(map(repr, missing))}; a metrics "
            f"table has columns {', '.join(METRIC_COLUMNS)} (target, unit, n "
            "optional)"
        )
    unknown = [str(c) for c in frame.columns if c not in ALL_METRIC_COLUMNS]
    if unknown:
        raise JourneyError(
            f"metrics: unknown column(s) {', '.join(map(repr, unknown))}; expected "
            f"only {', '.join(ALL_METRIC_COLUMNS)}"
        )


def _checked_row(row: pd.Series, at: Any, stages: list[str]) -> dict[str, Any]:
    """One row's values, each checked and normalised, in the order of :data:`METRIC_COLUMNS`."""
    return {
        "stage": _stage(row["stage"], at, stages),
        "metric": _metric(row["metric"], at),
        "value": _value(row["value"], at),
        "target": _target(row.get("target"), at),
        "unit": _unit(row.get("unit"), at),
        "n": _n(row.get("n"), at),
    }


def _bad(column: str, value: Any, at: Any, expected: str) -> JourneyError:
    return JourneyError(f"metrics: column {column!r} has value {value!r} at {_row(at)}{expected}")


def _stage(stage: Any, at: Any, stages: list[str]) -> str:
    if not isinstance(stage, str) or stage not in stages:
        raise _bad("stage", stage, at, f", which is not one of the map's stages: {stages}")
    return stage


def _metric(metric: Any, at: Any) -> str:
    if not isinstance(metric, str) or not metric.strip():
        raise _bad("metric", metric, at, "; expected a non-empty name such as 'CSAT'")
    return metric


def _value(value: Any, at: Any) -> float:
    if not _number(value) or is_missing(value) or not np.isfinite(value):
        raise _bad("value", value, at, "; expected a finite number")
    return float(value)


def _target(target: Any, at: Any) -> float:
    if is_missing(target):
        return np.nan
    if not _number(target) or not np.isfinite(target):
        raise _bad("target", target, at, "; expected a number or a missing value")
    return float(target)


def _unit(unit: Any, at: Any) -> str | None:
    if is_missing(unit):
        return None
    if not isinstance(unit, str):
        raise _bad("unit", unit, at, "; expected text such as '%' or a missing value")
    return unit


def _n(n: Any, at: Any) -> Any:
    if is_missing(n):
        return pd.NA
    if not _number(n) or n < 0 or float(n) != int(n):
        raise _bad("n", n, at, "; expected a whole number of 0 or more, or a missing value")
    return int(n)
