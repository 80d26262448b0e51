"""Paths in the input's own engine (narwhals): the shared step table, runs, a join by position.

On the ordered step table of :mod:`.steps` (case, activity code, position, previous code), each
event gets its step label and its run number inside the case (a running count of run starts,
one ordered window); each case's anchor run is one group-by; the runs within ``steps`` of it
are a join on the case and a filter on the run number, pivoted into one row per case, then
grouped into paths. Only the path counts come back from the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals as nw

from .lazy import CASE, prepare
from .lazy_stats import stage_expr
from .native import persist
from .params import Params
from .paths_types import PathRequest, RawPaths
from .steps import CODE, POS, PREV, Steps, build_steps

if TYPE_CHECKING:
    from .result import Analysis

Frame = nw.LazyFrame[Any]
RUN, LABEL, HERE, STEP = "run", "label", "here", "j"


def _labels(steps: Steps, req: PathRequest) -> tuple[dict[int, int] | None, list[str]]:
    """Per activity code, the index of its step label in the label names.

    None at ``level="activity"``: the code itself is the label.
    """
    if req.level == "activity":
        names = [""] * (max(steps.act_of_code, default=-1) + 1)
        for code, act in steps.act_of_code.items():
            names[code] = act
        return None, names
    names = sorted({req.label(act) for act in steps.act_of_code.values()})
    index = {name: i for i, name in enumerate(names)}
    return {code: index[req.label(act)] for code, act in steps.act_of_code.items()}, names


def runs(steps: Steps, label_of_code: dict[int, int] | None, collapse: bool) -> Frame:
    """The step table with ``label``, ``run`` (0-based, in the case) and ``run_start``."""

    def label(column: str) -> nw.Expr:
        return nw.col(column) if label_of_code is None else stage_expr(column, label_of_code)

    frame = steps.frame.select(CASE, CODE, POS, PREV).with_columns(label(CODE).alias(LABEL))
    if not collapse:
        return frame.with_columns(nw.col(POS).alias(RUN), nw.lit(True).alias("run_start"))
    starts = nw.col(PREV).is_null() | (label(PREV) != nw.col(LABEL))
    frame = frame.with_columns(starts.alias("run_start"))
    count = nw.col("run_start").cast(nw.Int64).cum_sum().over(CASE, order_by=[POS])
    return frame.with_columns((count - 1).alias(RUN))


def anchors(frame: Frame, anchor_codes: list[int], after: bool) -> Frame:
    """Per anchored case, the run of its first (``after``) or last anchor event."""
    hit = nw.when(nw.col(CODE).is_in(anchor_codes)).then(nw.col(RUN))
    per_case = frame.with_columns(hit.alias(HERE)).group_by(CASE)
    here = nw.col(HERE).min() if after else nw.col(HERE).max()
    return per_case.agg(here).filter(~nw.col(HERE).is_null())


def count_paths(frame: Frame, anchored: Frame, req: PathRequest, names: list[str]) -> RawPaths:
    """Join the runs near each anchor, one row per case, and count the distinct rows."""
    after = req.direction == "after"
    n_anchored = int(anchored.select(nw.len().alias("n")).collect().rows()[0][0] or 0)
    distance = (nw.col(RUN) - nw.col(HERE)) if after else (nw.col(HERE) - nw.col(RUN))
    near = (
        frame.filter(nw.col("run_start"))
        .select(CASE, RUN, LABEL)
        .join(anchored, on=CASE)
        .with_columns(distance.alias(STEP))
        .filter((nw.col(STEP) >= 1) & (nw.col(STEP) <= req.steps))
    )
    cells = [f"s{j}" for j in range(1, req.steps + 1)]
    # conditional columns first, then plain aggregations (pandas' group_by needs them simple)
    near = near.with_columns(
        *[nw.when(nw.col(STEP) == j).then(nw.col(LABEL)).alias(c) for j, c in enumerate(cells, 1)]
    )
    per_case = near.group_by(CASE).agg(*[nw.col(c).max() for c in cells])
    grouped = (
        per_case.with_columns(*[nw.col(c).fill_null(-1).cast(nw.Int64) for c in cells])
        .group_by(*cells)
        .agg(nw.len().alias("n"))
        .collect()
        .rows(named=True)
    )
    label = [*names, None]  # -1 picks None
    counts = {tuple(label[int(r[c])] for c in cells): int(r["n"]) for r in grouped}
    rest = n_anchored - sum(counts.values())  # anchored cases with no step at all
    if rest:
        counts[(None,) * req.steps] = rest
    return RawPaths(counts, n_anchored)


def native_paths(lazy: Frame, params: Params, req: PathRequest, a: Analysis) -> RawPaths:
    """Count the paths of ``req`` where the log lives (see :mod:`.paths` for the semantics)."""
    from dataclasses import replace

    prep = prepare(lazy, replace(params, scores=()))
    try:
        steps = build_steps(prep)
        releases: list[Any] = [steps.release]
        try:
            label_of_code, names = _labels(steps, req)
            frame, release = persist(runs(steps, label_of_code, req.collapse))  # read 2-3 times
            releases.append(release)
            if req.dropped_at is not None:
                from .paths_dropoff import native_dropoff_anchors

                anchored, more = native_dropoff_anchors(frame, steps, params, req, a)
                releases += more
            else:
                codes = [c for c, act in steps.act_of_code.items() if act in req.anchor_acts]
                anchored = anchors(frame, codes, req.direction == "after")
            anchored, release = persist(anchored)  # read twice: counted, then joined
            releases.append(release)
            return count_paths(frame, anchored, req, names)
        finally:
            for release in reversed(releases):  # the later tables may read the earlier
                release()
    finally:
        prep.release()
