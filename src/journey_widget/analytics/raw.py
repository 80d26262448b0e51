"""What each engine hands back: plain numbers, before the shared formatting into DataFrames.

Both engines (the embedded NumPy one and the narwhals one) fill a :class:`RawStats`; one
function turns it into the result, so rounding, ordering and column types cannot differ between
engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model.errors import JourneyError
from .params import Params


@dataclass
class RawTransitions:
    """Directly-follows pairs: count and median and 90th-percentile time (us) of each."""

    source: list[str]
    target: list[str]
    count: list[int]
    median_us: list[float]
    p90_us: list[float]


@dataclass
class RawVariants:
    """Variants (activity sequences) with their case counts; the numbers of variants and cases."""

    sequences: list[tuple[str, ...]]
    counts: list[int]
    n_variants: int
    n_cases: int


@dataclass
class RawFunnel:
    """Cases reaching each stage, and the median and mean time (us) to the next stage."""

    reached: list[int]
    median_next_us: list[float]  # one per stage; NaN where no case went on
    mean_next_us: list[float]


@dataclass
class RawStats:
    """Everything an engine computes from a log, before the shared formatting into DataFrames."""

    n_events: int
    n_cases: int
    activities: list[str]
    activity_events: list[int]
    stages: list[str]
    stage_of: dict[str, str]  # activity -> stage, for the activities of the funnel
    transitions: RawTransitions
    variants: RawVariants
    funnel: RawFunnel
    stage_events: list[int]
    score_rows: list[tuple[int, str, float, int]] = field(default_factory=list)


def stage_plan(
    params: Params, activities: list[str], mean_position: dict[str, float] | None
) -> tuple[list[str], np.ndarray]:
    """The funnel's stages in order and, per activity code, its stage index (-1 for none).

    With ``stage_of`` the stages are its (or ``stages``') order; without it every activity is a
    stage, ordered by ``stages`` or else by its mean position inside cases (ties by name).
    """
    if params.stage_of is not None:
        names = list(params.stages or [])
        index = {s: i for i, s in enumerate(names)}
        lut = [index.get(params.stage_of.get(a, ""), -1) for a in activities]
        return names, np.array(lut, dtype=np.int64)
    if params.stages is not None:
        present = set(activities)
        missing = [s for s in params.stages if s not in present]
        if missing:
            shown = ", ".join(repr(a) for a in activities[:20])
            raise JourneyError(
                f"stages names {missing[0]!r}, which is not an activity of the log "
                f"(without stage_of, stages are activities); activities: {shown}"
            )
        names = list(params.stages)
    else:
        positions = mean_position or {}
        names = sorted(activities, key=lambda a: (positions.get(a, float("inf")), a))
    index = {s: i for i, s in enumerate(names)}
    return names, np.array([index.get(a, -1) for a in activities], dtype=np.int64)
