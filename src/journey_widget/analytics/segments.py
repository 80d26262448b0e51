"""Segments: every statistic per value of a column, or per outcome (``analyze(..., by=)``).

Each case is labelled once, then the engine's usual statistics run on each segment's cases with
the stages of the whole log, and the per-segment results are stacked under a leading
``segment`` column. Rules (docs/analytics.md, "Segments"):

- ``by="<column>"``: a case's segment is the column's value at the case's **first event**, in
  the analysis order (timestamp, tie-break, activity); when several events tie for first, the
  smallest value. Segments are listed in ascending order of the values, and are text
  (``str(value)``). A case whose first event has no value is an error naming the column and the
  number of such cases (fill the column first to make them a segment).
- ``by="outcome"``: ``"converted"`` (the case reached the funnel's last stage) then
  ``"not converted"`` (every other case, including those that never entered the funnel).
- Segments without cases are left out; stages are the whole log's, so segments line up.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .columns import EventArrays, read_pandas
from .frames import as_narwhals, to_pandas
from .params import Params
from .progress import Progress
from .raw import RawStats
from .reach import furthest_codes, numpy_plan
from .segment_rules import (
    CONVERTED,
    NOT_CONVERTED,
    OUTCOME,
    check_by,
    columns_of,
    drop_absent,
    fixed_params,
    missing_error,
    segment_order,
)
from .sorting import SortedLog, sort_log

if TYPE_CHECKING:
    from .result import Analysis


def first_values(
    series: pd.Series, events: EventArrays, log: SortedLog, column: str
) -> tuple[np.ndarray, list[Any]]:
    """Per case code, the index into the returned values of its first event's ``series`` value.

    ``series`` is the ``by`` column in the rows' order of ``events``.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = segment_order(list(uniques), column)
    where = {v: i for i, v in enumerate(values)}
    rank = np.array([where[u] for u in uniques], dtype=np.int64)
    n_values = len(values) + 1  # missing ranks last
    seg = np.where(codes >= 0, rank[np.maximum(codes, 0)] if len(rank) else 0, len(values))
    first_ts = np.zeros(log.n_codes, dtype=np.int64)
    first_act = np.full(log.n_codes, -1, dtype=np.int64)
    cases = log.case[log.starts]
    first_ts[cases], first_act[cases] = log.ts[log.starts], log.act[log.starts]
    candidate = (events.ts == first_ts[events.case]) & (events.activity == first_act[events.case])
    tie = events.tie if events.tie is not None else np.zeros(len(events), dtype=np.int64)
    key = tie[candidate].astype(np.int64) * n_values + seg[candidate]
    best = np.full(log.n_codes, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, events.case[candidate], key)
    label = np.where(best == np.iinfo(np.int64).max, len(values), best % n_values)
    missing = int((label[cases] == len(values)).sum())
    if missing:
        raise missing_error(column, missing)
    return label, values


def run_numpy_segments(
    frame: pd.DataFrame, params: Params, by: str, bar: Progress
) -> list[tuple[str, RawStats]]:
    """Read a pandas log, then :func:`numpy_segments`."""
    bar.step("reading columns")
    events = read_pandas(frame, params)
    return numpy_segments(events, None if by == OUTCOME else frame[by], params, by, bar)


def numpy_segments(
    events: EventArrays, segment: pd.Series | None, params: Params, by: str, bar: Progress
) -> list[tuple[str, RawStats]]:
    """Label every case (one sort), then the usual statistics on each segment's events.

    ``segment``: the ``by`` column in the rows' order of ``events`` (None for outcomes).
    """
    from .engine_stats import numpy_stats

    names = events.activities
    activity_events = np.bincount(events.activity, minlength=len(names)).tolist()
    bar.step("labelling cases")
    log = sort_log(events)
    stages, lut = numpy_plan(log, names, activity_events, params)
    if by == OUTCOME:
        furthest = furthest_codes(log, lut, len(stages), params.order, params.window_us)
        label_of_code = np.where((furthest == len(stages) - 1) & (len(stages) > 0), 0, 1)
        labels = [CONVERTED, NOT_CONVERTED]
    else:
        assert segment is not None
        label_of_code, values = first_values(segment, events, log, by)
        labels = [str(v) for v in values]
    del log
    fixed = fixed_params(params, stages)
    label = label_of_code[events.case]
    parts = []
    for i, name in enumerate(labels):
        mask = label == i
        if mask.any():
            raw = numpy_stats(subset(events, mask), fixed, bar)
            parts.append((name, drop_absent(raw)))
    return parts


def subset(events: EventArrays, mask: np.ndarray) -> EventArrays:
    """The events where ``mask`` holds (codes and activity names unchanged)."""
    return replace(
        events,
        case=events.case[mask],
        activity=events.activity[mask],
        ts=events.ts[mask],
        tie=None if events.tie is None else events.tie[mask],
        scores={c: v[mask] for c, v in events.scores.items()},
    )


def analyze_segments(
    events: Any, params: Params, by: str, engine: str, progress: bool | None
) -> Analysis:
    """Every statistic per segment (see the module docstring); ``engine`` already chosen."""
    from .progress import progress_for
    from .result import build
    from .segment_result import combine

    check_by(by, columns_of(events), params)
    if engine == "numpy":
        frame = to_pandas(events, replace(params, segment=None if by == OUTCOME else by))
        with progress_for(progress, len(frame), 8) as bar:
            parts = run_numpy_segments(frame, params, by, bar)
    else:
        from .fast_arrays import fast_log
        from .segments_native import run_native_segments

        lazy = as_narwhals(events)
        with progress_for(progress, None, 8) as bar:
            bar.step("reading columns")
            fast = fast_log(lazy, replace(params, segment=None if by == OUTCOME else by))
            if fast is not None:  # Polars and DuckDB logs that fit in memory
                bar.sized(len(fast[0]))
                parts = numpy_segments(fast[0], fast[1], params, by, bar)
            else:
                parts = run_native_segments(lazy, params, by, bar)
    built = {name: build(raw, params, engine) for name, raw in parts}
    return combine(built, by, params, engine)


__all__ = ["analyze_segments", "first_values", "numpy_segments"]
