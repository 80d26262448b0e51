"""Segments on the narwhals engine: cases labelled where the log lives, then stats per segment.

The log is prepared once with the ``by`` column carried along (:data:`.lazy.SEG`); each case's
label is computed by the engine (the value at its first event, or its outcome from
:mod:`.reach_native`) and joined to its events, the tagged log is kept by the engine, and the
usual narwhals statistics run on each segment's events. Only labels' counts and the per-segment
aggregates are collected.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import narwhals as nw

from .lazy import CASE, SEG, TIE_NULL, Prepared, prepare
from .native import persist
from .params import Params
from .progress import Progress
from .raw import RawStats
from .reach_native import FURTHEST, furthest_frame, staged
from .segment_rules import (
    CONVERTED,
    NOT_CONVERTED,
    OUTCOME,
    drop_absent,
    fixed_params,
    missing_error,
    segment_order,
)
from .steps import build_steps

Frame = nw.LazyFrame[Any]
LABEL = "seg_label"


def keep(frame: Frame) -> tuple[Frame, Any]:
    """Keep the tagged log for the per-segment queries, as :func:`~.native.persist` does.

    Spark's copy is a local checkpoint, which also cuts the plan's lineage: a cached plan that
    nests the labelling queries grows too large for the driver as every statistic builds on it.
    """
    if frame.implementation.is_spark_like():
        native = nw.to_native(frame).localCheckpoint(eager=True)
        return nw.from_native(native), native.unpersist
    return persist(frame)


def first_labels(prep: Prepared) -> Frame:
    """Per case: the ``by`` value at its first event (ties: the smallest), as ``seg_label``."""
    f = prep.frame.select(CASE, *prep.order_by, SEG)
    for key in prep.order_by:
        col = nw.col(key).cast(nw.Int64) if key == TIE_NULL else nw.col(key)
        f = f.with_columns(col.min().over(CASE).alias("m"))
        f = f.filter((col == nw.col("m")) | nw.col("m").is_null()).drop("m")
    return f.group_by(CASE).agg(nw.col(SEG).min().alias(LABEL))


def _outcome_tagged(prep: Prepared, params: Params) -> tuple[list[str], Frame, list[Any]]:
    """The stages, the log with each case's outcome (0: converted, 1: not), caches to free."""
    steps = build_steps(prep)
    releases: list[Any] = [steps.release]
    stages, frame = staged(steps, params)
    if not stages:
        return stages, prep.frame.with_columns(nw.lit(1).cast(nw.Int64).alias(LABEL)), releases
    per_case, more = furthest_frame(frame, params, len(stages))
    releases += more
    converted = nw.col(FURTHEST) == len(stages) - 1
    label = nw.when(converted.fill_null(False)).then(nw.lit(0)).otherwise(nw.lit(1))
    tagged = prep.frame.join(per_case, on=CASE, how="left")
    return stages, tagged.with_columns(label.cast(nw.Int64).alias(LABEL)).drop(FURTHEST), releases


def _column_stages(prep: Prepared, params: Params) -> tuple[list[str], list[Any]]:
    """The whole log's stages (mean positions need the ordered step table), caches to free."""
    if params.stage_of is not None:
        return list(params.stages or ()), []
    steps = build_steps(prep)
    stages, _ = staged(steps, params)
    return stages, [steps.release]


def run_native_segments(
    lazy: Frame, params: Params, by: str, bar: Progress
) -> list[tuple[str, RawStats]]:
    """Label every case in the engine, then the usual statistics on each segment's events."""
    bar.step("checking the log")
    prep = prepare(lazy, replace(params, segment=None if by == OUTCOME else by))
    releases: list[Any] = [prep.release]
    try:
        bar.step("labelling cases")
        if by == OUTCOME:
            stages, tagged, more = _outcome_tagged(prep, params)
        else:
            stages, more = _column_stages(prep, params)
            tagged = prep.frame.join(first_labels(prep), on=CASE)
        tagged, release = keep(tagged)
        releases += [*more, release]
        counts = tagged.group_by(LABEL).agg(nw.len().alias("n")).collect().rows()
        events = {value: int(n) for value, n in counts}
        if by == OUTCOME:
            named = [(CONVERTED, 0), (NOT_CONVERTED, 1)]
        else:
            if None in events:
                missing = tagged.filter(nw.col(LABEL).is_null()).select(CASE).unique()
                raise missing_error(by, int(missing.select(nw.len()).collect().rows()[0][0]))
            named = [(str(v), v) for v in segment_order(list(events), by)]
        return _per_segment(tagged, prep, named, events, fixed_params(params, stages), bar)
    finally:
        for free in releases:
            if free is not None:
                free()


def _per_segment(
    tagged: Frame,
    prep: Prepared,
    named: list[tuple[str, Any]],
    events: dict[Any, int],
    params: Params,
    bar: Progress,
) -> list[tuple[str, RawStats]]:
    from .engine_stats import _native_stats

    parts = []
    for name, value in named:
        if not events.get(value):
            continue
        frame = tagged.filter(nw.col(LABEL) == nw.lit(value)).drop(LABEL)
        sub = Prepared(frame=frame, n_events=events[value], order_by=prep.order_by)
        parts.append((name, drop_absent(_native_stats(sub, params, bar))))
    return parts


__all__ = ["first_labels", "run_native_segments"]
