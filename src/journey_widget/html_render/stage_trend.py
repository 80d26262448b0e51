"""What a stage header shows of the metrics over time, and the journey score's words.

One summary, computed once in Python, feeds the widget (the ``stage_metrics`` trait, drawn by
js/src/view/stagemetrics.ts), the static map and the report, so all three say the same.

**Which metrics.** A stage header shows up to :data:`HEADER_METRICS` of the stage's metrics, in
the table's order: those with a value in the map's latest period (any value when the table has
no periods); the others are counted as "+N more" (the metrics chart has them all).

**Change.** With two periods or more, a metric also shows its change since the period just
before the latest one (when it has a value there): an arrow (``▲`` up, ``▼`` down, ``=`` same),
the size of the change (percentage points, ``pts``, for ``%`` metrics; else in the metric's
unit) and the word *better* or *worse*, by the rule of the journey score (higher is better, but
lower for :data:`~journey_widget.model.metrics_periods.LOWER_IS_BETTER`), and a sparkline of its
values over all periods.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..model.metric_format import format_value
from ..model.metrics_periods import LOWER_IS_BETTER, period_order, targets_met
from ..model.metrics_table import PERIOD

#: Metrics a stage header shows at most.
HEADER_METRICS = 3


def score_counts(
    table: pd.DataFrame | None, lower_is_better: Iterable[str] = LOWER_IS_BETTER
) -> dict[str, Any] | None:
    """``{met, total, share, text}`` of the journey score; ``None`` when no metric has a target.

    The same score as :meth:`JourneyMap.journey_score` (its share), with the counts it rests on.

    Examples
    --------
    >>> t = pd.DataFrame({"stage": ["A", "B"], "metric": ["CSAT", "drop-off"],
    ...                   "value": [81.0, 30.0], "target": [80.0, 25.0]})
    >>> score_counts(t)["text"]
    'Journey score 50% (1 of 2 targets met)'
    """
    counts = targets_met(table, lower_is_better)
    if counts is None:
        return None
    n_met, total = counts
    share = n_met / total
    text = f"Journey score {round(share * 100)}% ({n_met} of {total} targets met)"
    return {"met": n_met, "total": total, "share": share, "text": text}


def stage_trends(
    table: pd.DataFrame | None, lower_is_better: Iterable[str] = LOWER_IS_BETTER
) -> dict[str, Any]:
    """The JSON-ready summary the headers and the caption draw (module docstring).

    ``{"periods": [...], "score": score_counts(...), "stages": {stage: [entry, ...]},
    "more": {stage: n}}``; each entry has ``metric, unit, value, text, period`` and, with two
    periods or more, ``series`` (one value or ``None`` per period), ``change`` and ``change_text``
    (``None`` without a previous value), ``direction`` (``up``, ``down``, ``same``), ``good``
    (``True``, ``False``, ``None`` when the same) and ``label`` (the whole entry in words).
    Empty (``{}``) without metrics.
    """
    if table is None or not len(table):
        return {}
    lower = set(lower_is_better)
    periods = period_order(table)
    shown = table[table[PERIOD] == periods[-1]] if periods else table
    keys = zip(table["stage"], table["metric"], table.get(PERIOD, table["stage"]), strict=True)
    values = dict(zip(keys, table["value"], strict=True)) if len(periods) > 1 else {}
    units = shown["unit"] if "unit" in shown.columns else [None] * len(shown)
    entries: dict[str, list[dict[str, Any]]] = {}
    for stage, metric, value, unit in zip(
        shown["stage"], shown["metric"], shown["value"], units, strict=True
    ):
        series = [_number(values.get((stage, metric, p))) for p in periods] if values else []
        entry = _entry(str(metric), float(value), unit, periods, series, metric in lower)
        entries.setdefault(str(stage), []).append(entry)
    stages = {s: e[:HEADER_METRICS] for s, e in entries.items()}
    more = {s: len(e) - HEADER_METRICS for s, e in entries.items() if len(e) > HEADER_METRICS}
    return {
        "periods": periods,
        "score": score_counts(table, lower),
        "stages": stages,
        "more": more,
    }


def _entry(
    metric: str,
    value: float,
    unit: Any,
    periods: list[str],
    series: list[float | None],
    lower: bool,
) -> dict[str, Any]:
    """One metric of one stage: its latest value, and its change and series over periods."""
    unit = unit if isinstance(unit, str) and unit else None
    out: dict[str, Any] = {
        "metric": metric,
        "unit": unit,
        "value": value,
        "text": format_value(value, unit),
        "period": periods[-1] if periods else None,
        "label": f"{metric} {format_value(value, unit)}",
    }
    if len(periods) < 2:
        return out
    before = series[-2]
    out["series"] = series
    out.update(_change(value, before, unit, lower))
    if before is not None:
        direction, word = out.pop("change_words")
        out["label"] += f" in {periods[-1]}, {direction} since {periods[-2]}{word}"
    return out


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _change(value: float, before: float | None, unit: str | None, lower: bool) -> dict[str, Any]:
    """The change from ``before`` to ``value``: arrow text, words, direction and good or bad."""
    if before is None:
        return {"change": None, "change_text": None, "direction": None, "good": None}
    change = value - before
    size = format_value(abs(change), "pts" if unit == "%" else unit)
    if math.isclose(change, 0.0, abs_tol=1e-9):
        return {
            "change": 0.0,
            "change_text": "= no change",
            "change_words": ("no change", ""),
            "direction": "same",
            "good": None,
        }
    up = change > 0
    good = up != lower
    word = "better" if good else "worse"
    return {
        "change": change,
        "change_text": f"{'▲' if up else '▼'} {size} {word}",
        "change_words": (f"{'up' if up else 'down'} {size}", f", {word}"),
        "direction": "up" if up else "down",
        "good": good,
    }
