"""Metrics over time: the order of periods, one period replaced, the latest values, the score.

**Order of periods.** When every period is an ISO date (``YYYY-MM-DD``) or month (``YYYY-MM``),
periods run in time, by the day or month they start (``"2026-11"`` before ``"2026-11-15"``
before ``"2026-12"``); otherwise (any label such as ``"Q4"`` or ``"after redesign"``) they run in
the order they first appear in the table. ``"2026-13"`` is not a month, so it is a label.

**Journey score.** The share of (stage, metric) pairs whose latest value meets its target, from
0 to 1. The latest value is the value of the last period (in the order above) that has the pair;
its target is that row's. Pairs without a target do not count; with no target anywhere there is
no score (``None``). A value meets its target when it is at or above it, or at or below it for
a metric named in ``lower_is_better`` (by default the analytics' ``drop-off`` and ``time to
next``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

from .errors import JourneyError
from .metrics_table import PERIOD

#: Metrics where less is better, by name: those :func:`jw.analytics.analyze` computes.
LOWER_IS_BETTER = ("drop-off", "time to next")
_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_iso_period(period: str) -> bool:
    """Whether ``period`` is a real ISO date ``YYYY-MM-DD`` or month ``YYYY-MM``.

    Examples
    --------
    >>> is_iso_period("2026-11"), is_iso_period("2026-11-30"), is_iso_period("2026-13")
    (True, True, False)
    """
    text = period + "-01" if _MONTH.fullmatch(period) else period
    if not _DAY.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def period_order(table: pd.DataFrame | None) -> list[str]:
    """The periods of a metrics table in order (see the module docstring); ``[]`` without any.

    Examples
    --------
    >>> t = pd.DataFrame({"period": ["2026-11", "2026-10", "2026-11"]})
    >>> period_order(t)
    ['2026-10', '2026-11']
    >>> period_order(pd.DataFrame({"period": ["spring", "autumn"]}))
    ['spring', 'autumn']
    """
    if table is None or PERIOD not in table.columns:
        return []
    periods = [str(p) for p in dict.fromkeys(table[PERIOD])]
    if all(is_iso_period(p) for p in periods):
        return sorted(periods)  # ISO text sorts as the days and months it names start
    return periods


def latest_metrics(table: pd.DataFrame) -> pd.DataFrame:
    """Each (stage, metric) pair's row of its latest period; the table itself without periods."""
    order = period_order(table)
    if not order:
        return table
    rank = table[PERIOD].map({p: i for i, p in enumerate(order)})
    picked = rank.groupby([table["stage"], table["metric"]], sort=False).idxmax()
    return table.loc[sorted(picked)].reset_index(drop=True)


def with_period(
    old: pd.DataFrame | None, fresh: pd.DataFrame, period: str, previous: str | None = None
) -> pd.DataFrame:
    """``old`` with ``period``'s rows replaced by ``fresh`` (validated, without periods).

    A period already there keeps its place among the rows; a new one goes last. ``old``
    without periods gets ``previous`` as its period (required then, so nothing is lost). A
    fresh row without a target takes the target of its (stage, metric) in the latest other
    period, so targets set once follow the new data.
    """
    fresh = fresh.assign(**{PERIOD: period})
    if old is None or not len(old):
        return fresh.reset_index(drop=True)
    if PERIOD not in old.columns:
        if previous is None:
            raise JourneyError(
                "the map's metrics have no period, so they would be lost: name theirs with "
                f"m.update_metrics(..., period={period!r}, previous='2026-10') (say), or "
                "set m.metrics with a 'period' column"
            )
        old = old.assign(**{PERIOD: previous})
    same = (old[PERIOD] == period).to_numpy()
    fresh = _carry_targets(fresh, old[~same])
    at = int(same.argmax()) if same.any() else len(old)
    kept = old[~same]
    before = int((~same[:at]).sum())
    parts = [kept.iloc[:before], fresh, kept.iloc[before:]]
    return pd.concat([p for p in parts if len(p)], ignore_index=True).astype(fresh.dtypes)


def _carry_targets(fresh: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """``fresh`` with missing targets taken from the latest of ``others`` for the same pair."""
    if not len(others) or not fresh["target"].isna().any():
        return fresh
    latest = latest_metrics(others).set_index(["stage", "metric"])["target"]
    known = pd.MultiIndex.from_frame(fresh[["stage", "metric"]]).map(latest.get)
    targets = fresh["target"].fillna(pd.Series(list(known), index=fresh.index, dtype=float))
    return fresh.assign(target=targets)


def targets_met(
    table: pd.DataFrame | None, lower_is_better: Iterable[str] = LOWER_IS_BETTER
) -> tuple[int, int] | None:
    """``(met, total)``: how many latest (stage, metric) values meet their target, of how many.

    ``None`` when no latest value has a target (module docstring).

    Examples
    --------
    >>> t = pd.DataFrame({"stage": ["A", "B", "C"], "metric": ["CSAT", "CSAT", "drop-off"],
    ...                   "value": [81.0, 60.0, 20.0], "target": [80.0, 70.0, 25.0]})
    >>> targets_met(t)   # A meets 80, B misses 70, C's drop-off is under 25
    (2, 3)
    """
    if table is None or not len(table) or "target" not in table.columns:
        return None
    latest = latest_metrics(table)
    targeted = latest[latest["target"].notna()]
    if not len(targeted):
        return None
    lower = targeted["metric"].isin(list(lower_is_better))
    met = (lower & (targeted["value"] <= targeted["target"])) | (
        ~lower & (targeted["value"] >= targeted["target"])
    )
    return int(met.sum()), len(targeted)


def journey_score(
    table: pd.DataFrame | None, lower_is_better: Iterable[str] = LOWER_IS_BETTER
) -> float | None:
    """The share of (stage, metric) pairs whose latest value meets its target (module docstring).

    Examples
    --------
    >>> t = pd.DataFrame({"stage": ["A", "B", "C"], "metric": ["CSAT", "CSAT", "drop-off"],
    ...                   "value": [81.0, 60.0, 20.0], "target": [80.0, 70.0, 25.0]})
    >>> journey_score(t)   # A meets 80, B misses 70, C's drop-off is under 25
    0.6666666666666666
    """
    counts = targets_met(table, lower_is_better)
    return None if counts is None else counts[0] / counts[1]
