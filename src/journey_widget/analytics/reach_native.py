"""Per case, the furthest funnel stage reached, as narwhals expressions run by the input's engine.

The narwhals counterpart of :mod:`.reach` (same semantics, same results): on the ordered step
table (:mod:`.steps`), loose order walks the funnel stage by stage like
:func:`.lazy_stats.funnel` (each level: the cases that reached stage k, with the position of
the event that reached it), strict order reads :func:`.lazy_stats._funnel_strict`'s per-case
chain. Only one row per case comes back: the case id and its furthest stage.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw

from .lazy import CASE, TS, Prepared, prepare
from .lazy_stats import _funnel_strict, mean_positions, stage_expr
from .native import persist
from .params import Params
from .raw import stage_plan
from .steps import CODE, POS, PREV, Steps, build_steps

Frame = nw.LazyFrame[Any]
FURTHEST = "furthest"


def staged(steps: Steps, params: Params) -> tuple[list[str], Frame]:
    """The funnel's stages and the step table with each event's ``stage`` and ``pstage``."""
    names = steps.names
    mean_pos = mean_positions(steps) if params.stage_of is None and params.stages is None else None
    stages, lut = stage_plan(params, names, mean_pos)
    stage_index = {a: int(k) for a, k in zip(names, lut.tolist(), strict=True)}
    code_stage = {code: stage_index[a] for code, a in steps.act_of_code.items()}
    frame = steps.frame.with_columns(
        stage_expr(CODE, code_stage).alias("stage"),
        stage_expr(PREV, code_stage).alias("pstage"),
    )
    return stages, frame


def _loose_levels(frame: Frame, n: int, window: int | None) -> tuple[Frame, list[Any]]:
    """Per case that entered: the furthest stage (``case, furthest``), and the caches to free."""
    f = frame.filter(nw.col("stage") >= 0).select(CASE, POS, TS, "stage")
    level = (
        f.filter(nw.col("stage") == 0)
        .group_by(CASE)
        .agg(nw.col(POS).min().alias("p"), nw.col(TS).min().alias("t0"))
    )
    level, release = persist(level)
    releases = [release]
    levels = [level.select(CASE, nw.lit(0).cast(nw.Int64).alias(FURTHEST))]
    for k in range(1, n):
        before = level.select(CASE, nw.col("p").alias("pp"), "t0")
        later = f.filter(nw.col("stage") == k).join(before, on=CASE)
        later = later.filter(nw.col(POS) > nw.col("pp"))
        if window is not None:
            later = later.filter(nw.col(TS) - nw.col("t0") <= window)
        level = later.group_by(CASE).agg(nw.col(POS).min().alias("p"), nw.col("t0").min())
        level, release = persist(level)
        releases.append(release)
        levels.append(level.select(CASE, nw.lit(k).cast(nw.Int64).alias(FURTHEST)))
    reached = nw.concat(levels, how="vertical")
    return reached.group_by(CASE).agg(nw.col(FURTHEST).max()), releases


def furthest_frame(frame: Frame, params: Params, n: int) -> tuple[Frame, list[Any]]:
    """Per case that entered the funnel: ``case, furthest`` (lazy), and the caches to free.

    ``frame``: the step table with ``stage`` and ``pstage`` (:func:`staged`).
    """
    if params.order != "strict":
        return _loose_levels(frame, n, params.window_us)
    per_case = _funnel_strict(frame, n, params.window_us)
    reached = nw.sum_horizontal(*[(~nw.col(f"t{k}").is_null()).cast(nw.Int64) for k in range(n)])
    return per_case.select(CASE, (reached - 1).cast(nw.Int64).alias(FURTHEST)), []


def prepared_furthest(prep: Prepared, params: Params) -> tuple[list[str], dict[Any, int]]:
    """The stages, and per case id that entered the funnel its furthest stage index."""
    steps = build_steps(prep)
    releases: list[Any] = [steps.release]
    try:
        stages, frame = staged(steps, params)
        if not stages:
            return stages, {}
        per_case, more = furthest_frame(frame, params, len(stages))
        releases += more
        rows = per_case.collect().rows()
    finally:
        for release in releases:
            release()
    return stages, {case: int(k) for case, k in rows}


def native_furthest(lazy: Frame, params: Params) -> tuple[list[Any], list[int]]:
    """Every case id of the log and its furthest stage (-1: never entered), in the engine."""
    prep = prepare(lazy, params)
    try:
        _, entered = prepared_furthest(prep, params)
        cases = [r[0] for r in prep.frame.select(CASE).unique().collect().rows()]
    finally:
        if prep.release is not None:
            prep.release()
    return cases, [entered.get(c, -1) for c in cases]


__all__ = ["FURTHEST", "furthest_frame", "native_furthest", "prepared_furthest", "staged"]
