"""The request behind an analysis: column names, stage mapping, funnel options, all validated.

Everything here is checked before any data is read, so a typo fails at once with a message
naming the argument, the value and what was expected.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..model.errors import JourneyError

Order = Literal["loose", "strict"]
Engine = Literal["auto", "numpy", "native"]
AGGREGATIONS = ("mean", "median", "sum", "min", "max", "count")
#: Timestamps are read at microsecond resolution on every engine (results agree across them).
US_PER_SECOND = 1_000_000


@dataclass(frozen=True)
class Params:
    """A validated analysis request (column names, stage mapping and funnel options)."""

    case: str
    activity: str
    timestamp: str
    stage_of: dict[str, str] | None = None
    stages: tuple[str, ...] | None = None
    order: Order = "loose"
    window_us: int | None = None
    scores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tie_break: str | None = None
    top_variants: int | None = 1000
    extra: dict[str, Any] = field(default_factory=dict)
    segment: str | None = None  # a column read along (``analyze(by=...)``), kept as it is

    @property
    def columns(self) -> list[str]:
        """The input columns the analysis reads, each once, in a fixed order."""
        names = [self.case, self.activity, self.timestamp]
        if self.tie_break is not None:
            names.append(self.tie_break)
        names += [column for column, _ in self.scores]
        if self.segment is not None:
            names.append(self.segment)
        return list(dict.fromkeys(names))


def _name(value: Any, argument: str) -> str:
    if not isinstance(value, str) or not value:
        raise JourneyError(f"{argument} must name a column (a non-empty string), got {value!r}")
    return value


def window_us(window: Any) -> int | None:
    """A conversion window as whole microseconds (``None`` for no window).

    Accepts a :class:`pandas.Timedelta`, :class:`datetime.timedelta`, :class:`numpy.timedelta64`
    or a string pandas understands, such as ``"30min"`` or ``"7D"``.
    """
    if window is None:
        return None
    if isinstance(window, bool | int | float):
        raise JourneyError(
            f"window takes a duration such as '7D' or pd.Timedelta(hours=1), got "
            f"the number {window!r} (which unit?)"
        )
    try:
        delta = pd.Timedelta(window)
    except (ValueError, TypeError):
        raise JourneyError(
            f"window takes a duration such as '7D', '30min' or "
            f"pd.Timedelta(hours=1), got {window!r}"
        ) from None
    if pd.isna(delta) or delta <= pd.Timedelta(0):
        raise JourneyError(f"window must be a positive duration, got {window!r}")
    return int(delta // pd.Timedelta(microseconds=1))


def _scores(scores: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if scores is None:
        return ()
    if isinstance(scores, str):
        scores = [scores]
    items: list[tuple[Any, Any]]
    if isinstance(scores, Mapping):
        items = list(scores.items())
    elif isinstance(scores, Sequence):
        items = [(column, "mean") for column in scores]
    else:
        raise JourneyError(
            f"scores takes a column name, a list of names or a dict "
            f"{{column: aggregation(s)}}, got {type(scores).__name__}"
        )
    out = []
    for column, aggs in items:
        _name(column, "scores")
        aggs = (aggs,) if isinstance(aggs, str) else tuple(aggs)
        for agg in aggs:
            if agg not in AGGREGATIONS:
                raise JourneyError(
                    f"scores: aggregation {agg!r} for column {column!r} is not "
                    f"one of {', '.join(AGGREGATIONS)}"
                )
        if not aggs:
            raise JourneyError(f"scores: column {column!r} has no aggregation")
        out.append((column, tuple(dict.fromkeys(aggs))))
    return tuple(out)


def stage_mapping(stage_of: Any, activity: str) -> tuple[dict[str, str] | None, list[str]]:
    """Normalise ``stage_of`` into ``{activity: stage}`` plus the stages in their given order.

    ``stage_of`` is a dict (or pandas Series) from activity to stage, or a two-column table
    (pandas, Polars or PyArrow) of activity and stage. The stage order is the order of first
    appearance, or the categories of an ordered Categorical stage column.
    """
    if stage_of is None:
        return None, []
    if isinstance(stage_of, pd.Series):
        return _from_pairs(list(stage_of.items()), _categories(stage_of))
    if isinstance(stage_of, Mapping):
        return _from_pairs(list(stage_of.items()), None)
    frame = _as_pandas(stage_of)
    if frame is None:
        raise JourneyError(
            f"stage_of takes a dict {{activity: stage}} or a two-column table "
            f"(activity, stage), got {type(stage_of).__name__}"
        )
    if frame.shape[1] != 2:
        raise JourneyError(
            f"stage_of: a table needs exactly two columns (activity, stage), got "
            f"{frame.shape[1]}: {[str(c) for c in frame.columns]}"
        )
    first, second = frame.columns
    if second == activity:
        first, second = second, first
    missing = frame.isna()
    if missing.to_numpy().any():
        bad = int(missing.any(axis=1).sum())
        raise JourneyError(f"stage_of: {bad} row(s) have a missing activity or stage")
    return _from_pairs(
        list(zip(frame[first], frame[second], strict=True)), _categories(frame[second])
    )


def _categories(series: pd.Series) -> list[str] | None:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) and dtype.ordered:
        return [str(c) for c in dtype.categories]
    return None


def _as_pandas(table: Any) -> pd.DataFrame | None:
    if isinstance(table, pd.DataFrame):
        return table
    import narwhals as nw

    try:
        frame = nw.from_native(table, eager_only=True)
    except TypeError:
        return None
    columns = frame.columns
    return pd.DataFrame({c: frame.get_column(c).to_list() for c in columns}, columns=columns)


def _from_pairs(
    pairs: list[tuple[Hashable, Hashable]], categories: list[str] | None
) -> tuple[dict[str, str], list[str]]:
    mapping: dict[str, str] = {}
    for act, stage in pairs:
        if act is None or stage is None or (isinstance(stage, float) and math.isnan(stage)):
            raise JourneyError(
                f"stage_of maps activity {act!r} to {stage!r}; expected a stage name"
            )
        key, value = str(act), str(stage)
        if mapping.get(key, value) != value:
            raise JourneyError(
                f"stage_of maps activity {key!r} to two stages: {mapping[key]!r} and {value!r}"
            )
        mapping[key] = value
    order = categories or list(dict.fromkeys(mapping.values()))
    return mapping, order


def make_params(
    *,
    case: Any,
    activity: Any,
    timestamp: Any,
    stage_of: Any = None,
    stages: Sequence[str] | None = None,
    order: Any = "loose",
    window: Any = None,
    scores: Any = None,
    tie_break: Any = None,
    top_variants: int | None = 1000,
) -> Params:
    """Validate the arguments of :func:`~journey_widget.analytics.analyze`."""
    case, activity, timestamp = _key_columns(case, activity, timestamp)
    if order not in ("loose", "strict"):
        raise JourneyError(f"order takes 'loose' or 'strict', got {order!r}")
    mapping, stage_order = stage_mapping(stage_of, activity)
    if mapping is not None and not mapping:
        raise JourneyError("stage_of maps no activity to a stage; give at least one pair")
    if stages is not None:
        stage_order = _stage_order(stages, mapping)
    tie_break = _tie_break(tie_break, (case, activity, timestamp))
    top_variants = _top_variants(top_variants)
    return Params(
        case=case,
        activity=activity,
        timestamp=timestamp,
        stage_of=mapping,
        stages=tuple(stage_order) if stage_order else None,
        order=order,
        window_us=window_us(window),
        scores=_scores(scores),
        tie_break=tie_break,
        top_variants=top_variants,
    )


def _key_columns(case: Any, activity: Any, timestamp: Any) -> tuple[str, str, str]:
    """The case, activity and timestamp column names: three different non-empty strings."""
    names = (_name(case, "case"), _name(activity, "activity"), _name(timestamp, "timestamp"))
    if len(set(names)) < 3:
        raise JourneyError(
            f"case, activity and timestamp must be three different columns, got "
            f"{names[0]!r}, {names[1]!r}, {names[2]!r}"
        )
    return names


def _stage_order(stages: Any, mapping: dict[str, str] | None) -> list[str]:
    """The stage names of ``stages``: a non-empty list without repeats, each mapped to."""
    if isinstance(stages, str) or not isinstance(stages, Sequence | np.ndarray):
        raise JourneyError(f"stages takes a list of stage names, got {stages!r}")
    order = [str(s) for s in stages]
    if len(set(order)) < len(order):
        raise JourneyError(f"stages lists a name twice: {order}")
    if mapping is not None:
        unknown = [s for s in order if s not in set(mapping.values())]
        if unknown:
            raise JourneyError(
                f"stages names {unknown[0]!r}, to which stage_of maps no "
                f"activity; stage_of's stages are "
                f"{list(dict.fromkeys(mapping.values()))}"
            )
    if not order:
        raise JourneyError("stages is empty; give at least one stage")
    return order


def _tie_break(tie_break: Any, keys: tuple[str, str, str]) -> str | None:
    """The tie-break column, another one than the case, activity and timestamp columns."""
    if tie_break is None:
        return None
    name = _name(tie_break, "tie_break")
    if name in keys:
        raise JourneyError(
            f"tie_break must be another column than case, activity and timestamp, got {name!r}"
        )
    return name


def _top_variants(top_variants: Any) -> int | None:
    """How many variants to keep: a positive whole number, or ``None`` for all."""
    if top_variants is not None and (
        isinstance(top_variants, bool) or not isinstance(top_variants, int) or top_variants < 1
    ):
        raise JourneyError(
            f"top_variants takes a positive whole number or None, got {top_variants!r}"
        )
    return top_variants


__all__ = ["AGGREGATIONS", "Engine", "Order", "Params", "make_params", "stage_mapping", "window_us"]
