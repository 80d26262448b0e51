"""The engines' statistics of an event log: the embedded NumPy one and the narwhals one.

:func:`numpy_stats` counts encoded columns with the embedded kernels; :func:`run_native` runs a
narwhals log where it lives (or, for Polars and DuckDB within memory, through
:mod:`.fast_arrays`). Kept apart from :mod:`.analyze` so that modules ``analyze`` calls (such as
the segments) can use them without importing ``analyze`` back.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .columns import EventArrays
from .fast_arrays import fast_arrays
from .funnel import funnel as numpy_funnel
from .lazy import ACT, Prepared, prepare
from .params import Params
from .progress import Progress
from .raw import RawStats, stage_plan
from .sorting import sort_log
from .stage_metrics import stage_metrics as numpy_stage_metrics
from .transitions import transitions as numpy_transitions
from .variants import variants as numpy_variants


def numpy_stats(events: EventArrays, params: Params, bar: Progress) -> RawStats:
    """All statistics of encoded columns on the embedded engine (the steps after reading)."""
    names = events.activities
    activity_events = np.bincount(events.activity, minlength=len(names)).tolist()
    bar.step("sorting")
    log = sort_log(events)
    pos = log.positions()
    mean_pos = None
    if params.stage_of is None and params.stages is None and len(log.act):
        sums = np.bincount(log.act, weights=pos, minlength=len(names))
        mean_pos = {
            a: sums[i] / activity_events[i] for i, a in enumerate(names) if activity_events[i]
        }
    stages, lut = stage_plan(params, names, mean_pos)
    bar.step("stage metrics")
    stage_events, score_rows = numpy_stage_metrics(events, lut, len(stages), params)
    del events
    bar.step("transitions")
    transitions = numpy_transitions(log, names)
    bar.step("variants")
    variants = numpy_variants(log, names, params.top_variants, pos)
    del pos
    bar.step("funnel")
    funnel = numpy_funnel(log, lut, len(stages), params.order, params.window_us)
    return RawStats(
        n_events=len(log.act),
        n_cases=log.n_cases,
        activities=names,
        activity_events=activity_events,
        stages=stages,
        stage_of={a: stages[k] for a, k in zip(names, lut.tolist(), strict=True) if k >= 0},
        transitions=transitions,
        variants=variants,
        funnel=funnel,
        stage_events=stage_events,
        score_rows=score_rows,
    )


def run_native(lazy: Any, params: Params, bar: Progress, fast: bool = True) -> RawStats:
    """All statistics as narwhals expressions executed by the input's engine.

    Polars and DuckDB logs that fit in memory take the fast path (:mod:`.fast_arrays`) unless
    ``fast`` is False.
    """
    bar.step("checking the log")
    arrays = fast_arrays(lazy, params) if fast else None
    if arrays is not None:
        bar.sized(len(arrays))
        return numpy_stats(arrays, params, bar)
    prep = prepare(lazy, params)
    bar.sized(prep.n_events)
    try:
        return _native_stats(prep, params, bar, fast)
    finally:
        prep.release()


def _native_stats(prep: Prepared, params: Params, bar: Progress, fast: bool = True) -> RawStats:
    from . import lazy_stats as q
    from .fast_arrays import prepared_arrays
    from .steps import CODE, PREV, build_steps

    arrays = prepared_arrays(prep, params) if fast else None  # e.g. a segment of a Polars log
    if arrays is not None:
        return numpy_stats(arrays, params, bar)

    bar.step("ordering the log")
    steps = build_steps(prep)  # ordered once, kept by the engine, read by every statistic
    try:
        names = steps.names
        mean_pos = (
            q.mean_positions(steps) if params.stage_of is None and params.stages is None else None
        )
        stages, lut = stage_plan(params, names, mean_pos)
        stage_index = {a: int(k) for a, k in zip(names, lut.tolist(), strict=True)}
        code_stage = {code: stage_index[a] for code, a in steps.act_of_code.items()}
        staged = steps.frame.with_columns(
            q.stage_expr(CODE, code_stage).alias("stage"),
            q.stage_expr(PREV, code_stage).alias("pstage"),
        )
        bar.step("stage metrics")
        stage = q.stage_expr(ACT, stage_index).alias("stage")
        stage_events, score_rows = q.stage_metrics(
            prep.frame.with_columns(stage), params, len(stages)
        )
        bar.step("transitions")
        transitions = q.transitions(steps)
        bar.step("variants")
        variants = q.variants(steps.frame, params.top_variants, prep)
        bar.step("funnel")
        funnel = q.funnel(staged, params, len(stages))
    finally:
        steps.release()
    return RawStats(
        n_events=prep.n_events,
        n_cases=variants.n_cases,
        activities=names,
        activity_events=steps.counts,
        stages=stages,
        stage_of={a: stages[k] for a, k in stage_index.items() if k >= 0},
        transitions=transitions,
        variants=variants,
        funnel=funnel,
        stage_events=stage_events,
        score_rows=score_rows,
    )
