"""Stage metrics attached to a map: the tidy table and its validation.

The table has one row per (stage, metric): ``stage`` (one of the map's stages), ``metric`` (a
name such as ``"CSAT"``), ``value`` (a number), and optionally ``target`` (a number), ``unit``
(text such as ``"%"``) and ``n`` (how many answers or customers the value rests on).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .cards import is_missing
from .errors import JourneyError

METRIC_COLUMNS = ("stage", "metric", "value", "target", "unit", "n")
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
        Columns ``stage``, ``metric``, ``value`` and optionally ``target``, ``unit``, ``n``.
    stages : sequence of str
        The map's stage names; every ``stage`` must be one of them.

    Returns
    -------
    DataFrame
        A new table, input row order kept; ``target`` float (NaN when missing), ``unit``
        object (``None`` when missing), ``n`` nullable ``Int64``.

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
    if not isinstance(frame, pd.DataFrame):
        if isinstance(frame, str | bytes) or not isinstance(frame, Sequence):
            raise JourneyError(
                f"metrics must be a DataFrame (stage, metric, value, optional "
                f"target, unit, n), got {type(frame).__name__}"
            )
        rows = list(frame)
        frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(METRIC_COLUMNS))
    missing = [c for c in REQUIRED_METRIC_COLUMNS if c not in frame.columns]
    if missing:
        raise JourneyError(
            f"metrics: missing column(s) {', '.join(map(repr, missing))}; a metrics "
            f"table has columns {', '.join(METRIC_COLUMNS)} (target, unit, n "
            "optional)"
        )
    unknown = [str(c) for c in frame.columns if c not in METRIC_COLUMNS]
    if unknown:
        raise JourneyError(
            f"metrics: unknown column(s) {', '.join(map(repr, unknown))}; expected "
            f"only {', '.join(METRIC_COLUMNS)}"
        )
    allowed = list(stages)
    out: dict[str, list[Any]] = {c: [] for c in METRIC_COLUMNS}
    for label, row in frame.iterrows():
        stage, metric, value = row["stage"], row["metric"], row["value"]
        target: Any = row.get("target")
        unit: Any = row.get("unit")
        n: Any = row.get("n")
        if not isinstance(stage, str) or stage not in allowed:
            raise JourneyError(
                f"metrics: column 'stage' has value {stage!r} at {_row(label)}, "
                f"which is not one of the map's stages: {allowed}"
            )
        if not isinstance(metric, str) or not metric.strip():
            raise JourneyError(
                f"metrics: column 'metric' has value {metric!r} at {_row(label)}; "
                "expected a non-empty name such as 'CSAT'"
            )
        if not _number(value) or is_missing(value) or not np.isfinite(value):
            raise JourneyError(
                f"metrics: column 'value' has value {value!r} at {_row(label)}; "
                "expected a finite number"
            )
        if not is_missing(target) and (not _number(target) or not np.isfinite(target)):
            raise JourneyError(
                f"metrics: column 'target' has value {target!r} at {_row(label)}; "
                "expected a number or a missing value"
            )
        if not is_missing(unit) and not isinstance(unit, str):
            raise JourneyError(
                f"metrics: column 'unit' has value {unit!r} at {_row(label)}; "
                "expected text such as '%' or a missing value"
            )
        if not is_missing(n) and (not _number(n) or n < 0 or float(n) != int(n)):
            raise JourneyError(
                f"metrics: column 'n' has value {n!r} at {_row(label)}; expected "
                "a whole number of 0 or more, or a missing value"
            )
        out["stage"].append(stage)
        out["metric"].append(metric)
        out["value"].append(float(value))
        out["target"].append(np.nan if is_missing(target) else float(target))
        out["unit"].append(None if is_missing(unit) else unit)
        out["n"].append(pd.NA if is_missing(n) else int(n))
    table = pd.DataFrame(out, columns=list(METRIC_COLUMNS))
    dup = table.duplicated(["stage", "metric"])
    if dup.any():
        first = table[dup].iloc[0]
        raise JourneyError(
            f"metrics: stage {first['stage']!r} has metric {first['metric']!r} "
            "more than once; expected one value per stage and metric"
        )
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
