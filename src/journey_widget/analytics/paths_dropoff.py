"""Where the paths after a drop-off start: the event that reached the stage a case left at.

The cases that left the funnel at stage k are those whose furthest stage is k, under the
funnel's semantics (order, window), as :mod:`.reach` computes it on either engine. Their anchor
is the event that reached stage k: walking the funnel again for just those cases, stage j's event
is the case's first event of stage j after stage j-1's. That is the funnel's own rule in loose
order, and in strict order too (stage j's visit follows stage j-1's directly, and begins with the
first stage-j event after it); the window is already settled by the furthest stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals as nw
import numpy as np

from ..model.errors import JourneyError
from .lazy import CASE
from .native import persist
from .params import Params
from .paths_types import PathRequest
from .reach import furthest_codes, numpy_plan
from .reach_native import FURTHEST, furthest_frame, staged
from .sorting import SortedLog, first_per_case
from .steps import POS, Steps

if TYPE_CHECKING:
    from .result import Analysis

Frame = nw.LazyFrame[Any]


def _same_stages(stages: list[str], a: Analysis) -> None:
    if tuple(stages) != a.stages:  # the log changed since the analysis
        raise JourneyError(
            f"the event log now gives the stages {stages}, the analysis had {list(a.stages)}; "
            "analyze the log again"
        )


def numpy_dropoff_anchors(
    log: SortedLog, acts: list[str], params: Params, req: PathRequest, a: Analysis
) -> np.ndarray:
    """Per case that left at stage ``req.dropped_at``, the event that reached it (ascending)."""
    counts = np.bincount(log.act, minlength=len(acts)).tolist()
    stages, lut = numpy_plan(log, acts, counts, params)
    _same_stages(stages, a)
    k = req.dropped_at
    assert k is not None
    furthest = furthest_codes(log, lut, len(stages), params.order, params.window_us)
    stage = lut[log.act] if len(lut) else np.empty(0, dtype=np.int64)
    left = (furthest == k)[log.case]
    anchor = np.full(log.n_codes, -1, dtype=np.int64)
    for j in range(k + 1):
        idx = np.flatnonzero(left & (stage == j))
        idx = idx[idx > anchor[log.case[idx]]]
        idx = first_per_case(idx, log.case)
        anchor[log.case[idx]] = idx
    return np.sort(anchor[anchor >= 0])


def native_dropoff_anchors(
    runs: Frame, steps: Steps, params: Params, req: PathRequest, a: Analysis
) -> tuple[Frame, list[Any]]:
    """Per case that left at stage ``req.dropped_at``, the run of the event that reached it.

    Returns the lazy table ``case, here`` and the caches to free afterwards.
    """
    stages, frame = staged(steps, params)
    _same_stages(stages, a)
    k = req.dropped_at
    assert k is not None
    per_case, releases = furthest_frame(frame, params, len(stages))
    left = per_case.filter(nw.col(FURTHEST) == k).select(CASE)
    f = frame.filter((nw.col("stage") >= 0) & (nw.col("stage") <= k)).select(CASE, POS, "stage")
    f = f.join(left, on=CASE)
    level = f.filter(nw.col("stage") == 0).group_by(CASE).agg(nw.col(POS).min().alias("p"))
    for j in range(1, k + 1):
        level, release = persist(level)
        releases.append(release)
        before = level.select(CASE, nw.col("p").alias("pp"))
        later = f.filter(nw.col("stage") == j).join(before, on=CASE)
        later = later.filter(nw.col(POS) > nw.col("pp"))
        level = later.group_by(CASE).agg(nw.col(POS).min().alias("p"))
    anchored = (
        runs.join(level, on=CASE)
        .filter(nw.col(POS) == nw.col("p"))
        .select(CASE, nw.col("run").alias("here"))
    )
    return anchored, releases
