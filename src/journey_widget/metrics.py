"""Customer experience metrics from raw survey answers, and the tidy per-stage table.

Formulas, scales and thresholds (the conventions analysts know):

- **NPS** (Net Promoter Score), answers 0-10 (whole numbers): ``% promoters (9-10) - %
  detractors (0-6)``; passives (7-8) count only in the total. From -100 to 100.
- **CSAT** (customer satisfaction), answers on ``scale`` (default 1-5): the share of answers at
  or above ``threshold`` (default 4, i.e. 4-5 of 1-5), in percent. Report the scale and the
  threshold with the figure.
- **CES** (customer effort score), answers on ``scale`` (default 1-7): the mean answer. Say which
  way the question runs (CES 2.0, "the company made it easy", 1-7: higher is easier).
- **mean**: the mean answer on any stated scale.

Missing answers (None/NaN) are skipped; any other answer off the scale raises
:class:`~journey_widget.JourneyError` naming the value.

>>> from journey_widget import metrics
>>> metrics.nps([10, 9, 8, 7, 6, 0, 10, 3, 9, 5])
0.0
>>> metrics.csat([5, 4, 3, 2, 4])
60.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from .model import JourneyError
from .model.metrics_table import METRIC_COLUMNS, metrics_table

__all__ = ["KINDS", "METRIC_COLUMNS", "by_stage", "ces", "check", "csat", "mean", "nps"]

Kind = Literal["nps", "csat", "ces", "mean"]
KINDS: tuple[Kind, ...] = ("nps", "csat", "ces", "mean")
NPS_SCALE = (0, 10)
PROMOTER_MIN, DETRACTOR_MAX = 9, 6


def _answers(
    values: Iterable[Any], scale: tuple[float, float], what: str, whole: bool = False
) -> np.ndarray:
    series = pd.Series(list(values) if not isinstance(values, pd.Series) else values, dtype=object)
    numbers = pd.to_numeric(series, errors="coerce")
    lo, hi = scale
    bad = (numbers.isna() & series.notna()) | series.map(lambda v: isinstance(v, bool))
    if bad.any():
        label = series.index[bad.to_numpy()].tolist()[0]
        raise JourneyError(
            f"{what}: answer {series[label]!r} at position {label!r} is not a number"
        )
    kept = numbers.dropna()
    outside = (kept < lo) | (kept > hi) | ((kept != kept.round()) if whole else False)
    if outside.any():
        label = kept.index[outside.to_numpy()].tolist()[0]
        kind = "whole numbers " if whole else ""
        raise JourneyError(
            f"{what}: answer {kept[label]:g} at position {label!r} is off the "
            f"scale; expected {kind}from {lo:g} to {hi:g}"
        )
    if kept.empty:
        raise JourneyError(f"{what}: no answers (all missing)")
    return kept.to_numpy(float)


def nps(answers: Iterable[Any]) -> float:
    """Net Promoter Score: % of 9-10 answers minus % of 0-6 answers, on 0-10 (whole numbers).

    Examples
    --------
    >>> nps([10, 10, 9, 8, 7, 2])   # 3 promoters, 1 detractor of 6: 50% - 16.7%
    33.333333333333336
    """
    return _nps(answers, "NPS")


def _nps(answers: Iterable[Any], what: str) -> float:
    a = _answers(answers, NPS_SCALE, what, whole=True)
    return float(100.0 * ((a >= PROMOTER_MIN).mean() - (a <= DETRACTOR_MAX).mean()))


def csat(
    answers: Iterable[Any], scale: tuple[float, float] = (1, 5), threshold: float = 4
) -> float:
    """Customer satisfaction: the percentage of answers at or above ``threshold``.

    Examples
    --------
    >>> csat([5, 4, 3, 2, 4])        # 3 of 5 answers are 4 or 5
    60.0
    >>> csat([7, 6, 5, 2], scale=(1, 7), threshold=6)
    50.0
    """
    a = _answers(answers, scale, "CSAT")
    return float(100.0 * (a >= threshold).mean())


def ces(answers: Iterable[Any], scale: tuple[float, float] = (1, 7)) -> float:
    """Customer effort score: the mean answer on ``scale`` (default 1-7).

    Examples
    --------
    >>> ces([7, 6, 5, 2])
    5.0
    """
    return float(_answers(answers, scale, "CES").mean())


def mean(answers: Iterable[Any], scale: tuple[float, float]) -> float:
    """The mean answer on a stated ``scale``."""
    return float(_answers(answers, scale, "mean").mean())


def _unit(kind: Kind, scale: tuple[float, float]) -> str:
    if kind == "nps":
        return ""
    if kind == "csat":
        return "%"
    return f"on {scale[0]:g}-{scale[1]:g}"


def by_stage(
    df: pd.DataFrame,
    stage: str = "stage",
    value: str = "value",
    kind: Kind = "csat",
    *,
    metric: str | None = None,
    scale: tuple[float, float] | None = None,
    threshold: float = 4,
    target: float | Mapping[str, float] | None = None,
    stages: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One metric per stage from raw answers, as the tidy table maps and charts take.

    Parameters
    ----------
    df : DataFrame
        One row per answer.
    stage, value : str
        The columns holding the stage and the answer.
    kind : {"nps", "csat", "ces", "mean"}
        The formula (see the module docstring).
    metric : str, optional
        The metric's name; default ``"NPS"``, ``"CSAT"``, ``"CES"`` or ``"Mean"``.
    scale : (min, max), optional
        The answer scale: 0-10 for NPS (fixed), default 1-5 for CSAT, 1-7 for CES; required for
        ``mean``.
    threshold : float
        CSAT's "satisfied" threshold (default 4).
    target : float or {stage: float}, optional
        A target for every stage, or per stage.
    stages : sequence of str, optional
        Row order; default the order stages first appear in ``df``.

    Returns
    -------
    DataFrame
        Columns ``stage, metric, value, target, unit, n`` (``n``: the answers counted).

    Examples
    --------
    >>> survey = pd.DataFrame({"stage": ["Cart", "Cart", "Pay", "Pay", "Pay"],
    ...                        "answer": [5, 3, 4, 4, 1]})
    >>> by_stage(survey, value="answer", kind="csat").round(1)[["stage", "metric", "value", "n"]]
      stage metric  value  n
    0  Cart   CSAT   50.0  2
    1   Pay   CSAT   66.7  3
    """
    if kind not in KINDS:
        raise JourneyError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    for column in (stage, value):
        if column not in df.columns:
            raise JourneyError(
                f"column {column!r} is not in the answers; columns are {list(df.columns)}"
            )
    if kind == "mean" and scale is None:
        raise JourneyError("kind='mean' needs scale=(min, max), the scale of the answers")
    used = NPS_SCALE if kind == "nps" else scale or ((1, 5) if kind == "csat" else (1, 7))
    name = metric or {"nps": "NPS", "csat": "CSAT", "ces": "CES", "mean": "Mean"}[kind]
    missing_stage = df[stage].isna()
    if missing_stage.any():
        label = df.index[missing_stage.to_numpy()].tolist()[0]
        raise JourneyError(f"column {stage!r} has a missing value at row {label!r}")
    order = list(stages) if stages is not None else [str(s) for s in pd.unique(df[stage])]
    rows = []
    for name_of_stage, part in df.groupby(df[stage].astype(str), sort=False):
        values = part[value]
        what = f"{name} of stage {name_of_stage!r}"
        if kind == "nps":
            figure = _nps(values, what)
        elif kind == "csat":
            figure = 100.0 * (_answers(values, used, what) >= threshold).mean()
        else:
            figure = _answers(values, used, what).mean()
        goal = target.get(str(name_of_stage)) if isinstance(target, Mapping) else target
        rows.append(
            {
                "stage": str(name_of_stage),
                "metric": name,
                "value": float(figure),
                "target": goal,
                "unit": _unit(kind, used) or None,
                "n": int(values.notna().sum()),
            }
        )
    unknown = [r["stage"] for r in rows if r["stage"] not in order]
    if unknown:
        raise JourneyError(f"stage {unknown[0]!r} is in the answers but not in stages={order}")
    rows.sort(key=lambda r: order.index(str(r["stage"])))
    return metrics_table(pd.DataFrame(rows, columns=list(METRIC_COLUMNS)), order)


def check(metrics: pd.DataFrame, stages: Sequence[str]) -> pd.DataFrame:
    """Validate a tidy metrics table against a map's stage names; return the canonical table.

    This is what ``m.metrics = df`` does.
    """
    return metrics_table(metrics, stages)
