"""Segments' rules, shared by both engines, the result, the charts and the map skeleton.

What ``by=`` accepts, how segments are ordered and named, the stages every segment shares, and
how per-segment tables are stacked under a leading ``segment`` column (see :mod:`.segments`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..model.errors import JourneyError
from .frames import as_narwhals
from .params import Params
from .raw import RawStats

if TYPE_CHECKING:
    from .result import Analysis

OUTCOME = "outcome"
CONVERTED, NOT_CONVERTED = "converted", "not converted"
SEGMENT = "segment"


def check_by(by: Any, available: list[str], params: Params) -> str:
    """The ``by`` argument checked against the log's columns: a column name or ``"outcome"``."""
    if not isinstance(by, str) or not by:
        raise JourneyError(f"by takes a column name or 'outcome', got {by!r}")
    if by == OUTCOME:
        if OUTCOME in available:
            raise JourneyError(
                "by='outcome' is the built-in segmentation (reached the last stage or not), "
                "but the log also has a column 'outcome'; rename that column to segment by it"
            )
        return by
    if by not in available:
        shown = ", ".join(repr(c) for c in available[:20])
        raise JourneyError(
            f"the event log has no column {by!r} (given as by); its columns are {shown}"
        )
    if by in (params.case, params.activity, params.timestamp):
        raise JourneyError(
            f"by must be another column than case, activity and timestamp, got {by!r}"
        )
    return by


def segment_title(by: str, name: str) -> str:
    """How a segment is named in titles: ``"plan = pro"``, or ``"converted"`` for outcomes."""
    return name if by == OUTCOME else f"{by} = {name}"


def columns_of(events: Any) -> list[str]:
    """The column names of an event log on any engine (read from its schema)."""
    if isinstance(events, pd.DataFrame):
        return [str(c) for c in events.columns]
    if hasattr(events, "column_names") and type(events).__module__.startswith("pyarrow"):
        return list(events.column_names)
    return list(as_narwhals(events).collect_schema().names())


def fixed_params(params: Params, stages: list[str]) -> Params:
    """``params`` with the stages of the whole log fixed (segments may lack some activities)."""
    stage_of = params.stage_of if params.stage_of is not None else {s: s for s in stages}
    return replace(params, stage_of=stage_of, stages=tuple(stages), segment=None)


def segment_order(values: list[Any], column: str) -> list[Any]:
    """Distinct segment values in ascending order (refusing values that do not compare)."""
    try:
        return sorted(set(values))
    except TypeError:
        kinds = sorted({type(v).__name__ for v in values})
        raise JourneyError(
            f"column {column!r} mixes values of types {', '.join(kinds)}; segments need values "
            "of one type"
        ) from None


def missing_error(column: str, count: int) -> JourneyError:
    """The error for cases without a segment value."""
    return JourneyError(
        f"column {column!r} (given as by) has no value at the first event of {count} case(s); "
        f"fill it first (e.g. df[{column!r}].fillna('unknown')) to make them a segment"
    )


def drop_absent(raw: RawStats) -> RawStats:
    """The statistics without the activities that have no event in this segment."""
    kept = [i for i, n in enumerate(raw.activity_events) if n]
    names = [raw.activities[i] for i in kept]
    return replace(
        raw,
        activities=names,
        activity_events=[raw.activity_events[i] for i in kept],
        stage_of={a: s for a, s in raw.stage_of.items() if a in set(names)},
    )


def stack(tables: dict[str, pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    """The tables one under another, with a leading ``segment`` column (``empty``: the layout)."""
    parts = [t.assign(**{SEGMENT: name})[[SEGMENT, *t.columns]] for name, t in tables.items()]
    if not parts:
        none = empty.iloc[:0]
        return none.assign(**{SEGMENT: pd.Series(dtype=object)})[[SEGMENT, *none.columns]]
    stacked = pd.concat(parts, ignore_index=True)
    return stacked.astype({SEGMENT: object})


def segmented_metrics(parts: Mapping[str, Analysis], columns: Sequence[str]) -> pd.DataFrame:
    """:meth:`Analysis.metrics` of each segment, stacked under a leading ``segment`` column."""
    return stack(
        {k: part.metrics() for k, part in parts.items()}, pd.DataFrame(columns=list(columns))
    )


__all__ = [
    "CONVERTED",
    "NOT_CONVERTED",
    "OUTCOME",
    "SEGMENT",
    "check_by",
    "columns_of",
    "drop_absent",
    "fixed_params",
    "missing_error",
    "segment_order",
    "segment_title",
    "segmented_metrics",
    "stack",
]
