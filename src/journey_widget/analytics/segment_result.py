"""A segmented :class:`~.result.Analysis`: the per-segment results stacked under ``segment``.

Every table gains a leading ``segment`` column (text, in segment order); within a segment the
rows are exactly those :func:`~journey_widget.analytics.analyze` gives for that segment's cases
alone (with the stages of the whole log). ``a.segments`` keeps each segment's own analysis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .params import Params
from .segment_rules import stack

if TYPE_CHECKING:
    from .result import Analysis


def combine(parts: dict[str, Analysis], by: str, params: Params, engine: str) -> Analysis:
    """One analysis of segments ``parts`` (name -> that segment's analysis, in order)."""
    from .raw import RawFunnel, RawStats, RawTransitions, RawVariants
    from .result import Analysis, build

    stages = list(params.stages or ())
    empty = build(
        RawStats(
            n_events=0,
            n_cases=0,
            activities=[],
            activity_events=[],
            stages=stages,
            stage_of={},
            transitions=RawTransitions([], [], [], [], []),
            variants=RawVariants([], [], 0, 0),
            funnel=RawFunnel(
                [0] * len(stages), [float("nan")] * len(stages), [float("nan")] * len(stages)
            ),
            stage_events=[0] * len(stages),
        ),
        params,
        engine,
    )
    first = next(iter(parts.values()), empty)

    def table(name: str) -> pd.DataFrame:
        return stack({k: getattr(a, name) for k, a in parts.items()}, getattr(empty, name))

    return Analysis(
        funnel=table("funnel"),
        transitions=table("transitions"),
        variants=table("variants"),
        stage_metrics=table("stage_metrics"),
        activities=table("activities"),
        n_events=sum(a.n_events for a in parts.values()),
        n_cases=sum(a.n_cases for a in parts.values()),
        n_variants=sum(a.n_variants for a in parts.values()),
        stages=first.stages,
        order=first.order,
        window=first.window,
        engine=engine,
        by=by,
        segments=dict(parts),
    )


__all__ = ["combine"]
