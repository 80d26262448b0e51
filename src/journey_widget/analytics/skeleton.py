"""A journey map skeleton from an event log: the part the data can tell, ready to annotate.

Stages are the funnel's stages (each described with how many cases reached it); the
Touchpoints lane holds each stage's most frequent activities as observed cards with their
event counts as evidence; the funnel and score metrics are attached as the map's stage metrics.
Emotions, pain points and opportunities are left empty for the analyst.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..model import Journey, JourneyError, Stage
from .analyze import analyze
from .result import Analysis

#: The skeleton's lanes: what the log tells (touchpoints) and what the analyst adds.
SKELETON_LANES = (
    {"name": "Touchpoints", "kind": "text"},
    {"name": "Emotions", "kind": "emotion"},
    {"name": "Pain points", "kind": "text"},
    {"name": "Opportunities", "kind": "text"},
)
#: Metrics of :meth:`Analysis.metrics` not attached to the map (volume is in the cards).
_LEFT_OUT = ("events",)


def _stages(a: Analysis) -> list[Stage]:
    stages = []
    for stage, reached, overall in zip(
        a.funnel["stage"], a.funnel["reached"], a.funnel["overall_conversion"], strict=True
    ):
        share = "" if pd.isna(overall) else f" ({overall:.0%} of those who entered)"
        stages.append(Stage(str(stage), (), f"{int(reached):,} cases reached this stage{share}"))
    return stages


def _cards(a: Analysis, touchpoints: int) -> pd.DataFrame:
    acts = a.activities[a.activities["stage"].notna()]
    rows = []
    for stage in a.stages:
        here = acts[acts["stage"] == stage].head(touchpoints)
        for activity, events in zip(here["activity"], here["events"], strict=True):
            rows.append(
                {
                    "stage": stage,
                    "lane": "Touchpoints",
                    "text": str(activity),
                    "confidence": "observed",
                    "evidence": f"{int(events):,} events in the log",
                }
            )
    return pd.DataFrame(rows, columns=["stage", "lane", "text", "confidence", "evidence"])


def map_metrics(analysis: Analysis) -> pd.DataFrame:
    """The stage metrics of an :class:`Analysis` a map holds: the funnel and scores, no volume."""
    metrics = analysis.metrics()
    return metrics[~metrics["metric"].isin(_LEFT_OUT)].reset_index(drop=True)


def journey_from_analysis(
    analysis: Analysis,
    *,
    touchpoints: int = 3,
    title: str | None = None,
    persona: Any = None,
    state: str = "current",
) -> Journey:
    """The map skeleton of an :class:`Analysis` as a :class:`~journey_widget.Journey`."""
    if isinstance(touchpoints, bool) or not isinstance(touchpoints, int) or touchpoints < 0:
        raise JourneyError(f"touchpoints takes a whole number of 0 or more, got {touchpoints!r}")
    if not analysis.stages:
        raise JourneyError("the analysis has no stages, so there is no map to build")
    metrics = map_metrics(analysis)
    if title is None:
        title = f"Journey of {analysis.n_cases:,} cases"
    return Journey(
        _cards(analysis, touchpoints),
        stages=_stages(analysis),
        lanes=list(SKELETON_LANES),
        title=title,
        persona=persona,
        state=state,
        metrics=metrics,
    )


def from_events(
    events: Any,
    *,
    touchpoints: int = 3,
    title: str | None = None,
    persona: Any = None,
    state: str = "current",
    segment: str | None = None,
    **analyze_args: Any,
) -> Journey | dict[str, Journey]:
    """A map skeleton from an event log or from an :class:`Analysis` already computed.

    For an event log, ``analyze_args`` go to :func:`analyze`. With ``segment`` (a column or
    ``"outcome"``, as ``analyze``'s ``by``): one skeleton per segment, in segment order, each
    built from its segment's statistics (see :func:`segment_journeys`).
    """
    if isinstance(events, Analysis):
        if analyze_args:
            raise JourneyError(
                f"an Analysis is already computed; drop the analysis arguments "
                f"{sorted(analyze_args)}"
            )
        analysis = events
    else:
        if segment is not None and analyze_args.get("by", segment) != segment:
            raise JourneyError(
                f"segment={segment!r} and by={analyze_args['by']!r} disagree; give one of them"
            )
        by = {"by": segment} if segment is not None else {}
        analysis = analyze(events, **{**analyze_args, **by})
    if segment is not None or analysis.by is not None:
        return segment_journeys(
            analysis, segment, touchpoints=touchpoints, title=title, persona=persona, state=state
        )
    return journey_from_analysis(
        analysis, touchpoints=touchpoints, title=title, persona=persona, state=state
    )


def segment_journeys(
    analysis: Analysis,
    segment: str | None,
    *,
    touchpoints: int = 3,
    title: str | None = None,
    persona: Any = None,
    state: str = "current",
) -> dict[str, Journey]:
    """One skeleton per segment of a segmented analysis: ``{segment: Journey}`` in order.

    Each map's stages, cards and metrics are its segment's; its title is ``title`` (default
    "Journey of N cases") followed by the segment, e.g. ``"Shop (plan = pro)"``.
    """
    if analysis.by is None or segment is None or analysis.by != segment:
        if analysis.by is None:
            raise JourneyError(
                f"the analysis has no segments; analyze the log with by={segment!r} first"
            )
        raise JourneyError(
            f"the analysis is segmented by {analysis.by!r}; pass segment={analysis.by!r} for "
            "one map per segment"
        )
    from .segment_rules import segment_title

    maps = {}
    for name, part in analysis.segments.items():
        base = title if title is not None else f"Journey of {part.n_cases:,} cases"
        maps[name] = journey_from_analysis(
            part,
            touchpoints=touchpoints,
            title=f"{base} ({segment_title(segment, name)})",
            persona=persona,
            state=state,
        )
    return maps
