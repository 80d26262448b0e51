"""Altair charts of an analysis: the flow between activities or stages, and the funnel.

Both take only aggregates (at most ``top`` x ``top`` cells, one bar per stage), so they stay far
below Altair's 5,000-row limit whatever the size of the log. Labels are data, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import altair as alt
import numpy as np
import pandas as pd

from ..model.errors import JourneyError

if TYPE_CHECKING:
    from .result import Analysis


def _duration(value: pd.Timedelta) -> str:
    """A short human duration: ``"45 s"``, ``"12 min"``, ``"3.5 h"``, ``"2.1 d"``."""
    if pd.isna(value):
        return ""
    seconds = value.total_seconds()
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds:.3g} s"


def _count_label(count: int) -> str:
    """Counts as cell labels: exact below 10,000, then ``"12k"``, ``"3.4M"``."""
    if count < 10_000:
        return f"{count:,}"
    if count < 1_000_000:
        return f"{count / 1000:.0f}k"
    return f"{count / 1_000_000:.1f}M"


def _activity_flows(a: Analysis, top: int) -> tuple[pd.DataFrame, list[str]]:
    acts = a.activities.copy()
    stage_rank = {s: i for i, s in enumerate(a.stages)}
    kept = acts.head(top)
    kept = kept.assign(rank=kept["stage"].map(stage_rank).fillna(len(stage_rank)))
    order = kept.sort_values(
        ["rank", "events", "activity"], ascending=[True, False, True], kind="stable"
    )["activity"].tolist()
    names = set(order)
    t = a.transitions
    flows = t[t["source"].isin(names) & t["target"].isin(names)].copy()
    flows["median"] = flows["median_duration"].map(_duration)
    flows["p90"] = flows["p90_duration"].map(_duration)
    return flows[["source", "target", "count", "median", "p90"]], order


def _stage_flows(a: Analysis) -> tuple[pd.DataFrame, list[str]]:
    stage_of = dict(zip(a.activities["activity"], a.activities["stage"], strict=True))
    t = a.transitions.assign(
        source=a.transitions["source"].map(stage_of), target=a.transitions["target"].map(stage_of)
    )
    t = t.dropna(subset=["source", "target"])
    flows = t.groupby(["source", "target"], sort=False, as_index=False).agg(count=("count", "sum"))
    return flows, list(a.stages)


def transitions_chart(
    a: Analysis, *, level: str = "activity", top: int = 25
) -> alt.LayerChart | alt.VConcatChart:
    """A matrix of directly-follows flows between activities (or stages).

    Rows are where cases come from, columns where they go next, colour and label the number of
    transitions.

    ``level="stage"`` sums the flows between the stages of the funnel (activities outside it
    are left out); ``top`` keeps the most frequent activities at ``level="activity"``. A
    segmented analysis draws one matrix per segment, one under another.
    """
    if level not in ("activity", "stage"):
        raise JourneyError(f"level takes 'activity' or 'stage', got {level!r}")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise JourneyError(f"top takes a positive whole number, got {top!r}")
    if a.by is not None:
        from .segment_rules import segment_title

        return alt.vconcat(
            *[
                _transitions_chart(part, level, top).properties(title=segment_title(a.by, name))
                for name, part in a.segments.items()
            ]
        )
    return _transitions_chart(a, level, top)


def _transitions_chart(a: Analysis, level: str, top: int) -> alt.LayerChart:
    """The matrix of one (unsegmented) analysis."""
    flows, order = _activity_flows(a, top) if level == "activity" else _stage_flows(a)
    largest = max(int(flows["count"].max()) if len(flows) else 1, 2)
    flows = flows.assign(
        share=flows["count"] / flows.groupby("source")["count"].transform("sum"),
        dark=np.log(flows["count"].clip(lower=1)) / np.log(largest) > 0.6,
        label=flows["count"].map(_count_label),
    )
    tooltip = [
        alt.Tooltip("source:N", title="from"),
        alt.Tooltip("target:N", title="to"),
        alt.Tooltip("count:Q", format=","),
        alt.Tooltip("share:Q", format=".0%", title="share of from"),
    ]
    if level == "activity":
        tooltip += [
            alt.Tooltip("median:N", title="median time"),
            alt.Tooltip("p90:N", title="90th percentile"),
        ]
    plural = "activities" if level == "activity" else "stages"
    base = alt.Chart(flows, title=f"Transitions between {plural} (directly follows)").encode(
        x=alt.X("target:N", sort=order, title="next", axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("source:N", sort=order, title="from"),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", scale=alt.Scale(type="log", scheme="blues"), title="count"),
        tooltip=tooltip,
    )
    labels = base.mark_text(fontSize=9).encode(
        text="label:N", color=alt.condition("datum.dark", alt.value("white"), alt.value("black"))
    )
    chart = alt.layer(cells, labels).properties(width=alt.Step(36), height=alt.Step(20))
    return cast("alt.LayerChart", chart)


def funnel_chart(a: Analysis) -> alt.LayerChart:
    """Cases reaching each stage (bars, in funnel order), labelled with the share of entrants.

    The tooltip adds step conversion, drop-off and time to the next stage. A segmented analysis
    draws the segments side by side: one bar per segment within each stage, coloured by segment.
    """
    if a.by is not None:
        return segmented_funnel_chart(a, funnel_table(a))
    f = funnel_table(a)
    order = list(a.stages)
    base = alt.Chart(f, title=f"Funnel ({a.order} order)").encode(
        y=alt.Y("stage:N", sort=order, title=None)
    )
    bars = base.mark_bar(color="#4c78a8").encode(
        x=alt.X("reached:Q", title="cases reached"), tooltip=FUNNEL_TOOLTIP
    )
    labels = base.mark_text(align="left", dx=4).encode(x="reached:Q", text="label:N")
    return cast("alt.LayerChart", alt.layer(bars, labels))


#: The funnel bars' tooltip (segmented charts add the segment).
FUNNEL_TOOLTIP = [
    alt.Tooltip("stage:N"),
    alt.Tooltip("reached:Q", format=","),
    alt.Tooltip("step_conversion:Q", format=".1%", title="from previous stage"),
    alt.Tooltip("overall_conversion:Q", format=".1%", title="of entrants"),
    alt.Tooltip("dropped:Q", format=",", title="went no further"),
    alt.Tooltip("drop_rate:Q", format=".1%", title="drop-off"),
    alt.Tooltip("median:N", title="median time to next"),
]


def funnel_table(a: Analysis) -> pd.DataFrame:
    """The funnel rows a chart draws: durations as short text and a ``label`` per bar."""
    f = a.funnel.assign(
        median=a.funnel["median_time_to_next"].map(_duration),
        label=[
            f"{r:,} ({c:.0%})" if pd.notna(c) else f"{r:,}"
            for r, c in zip(a.funnel["reached"], a.funnel["overall_conversion"], strict=True)
        ],
    )
    return f.drop(columns=["median_time_to_next", "mean_time_to_next"])


def segmented_funnel_chart(a: Analysis, table: pd.DataFrame) -> alt.LayerChart:
    """Segments side by side: within each stage, one bar per segment, coloured by segment.

    Bars sit next to each other (``yOffset``) in segment order, each labelled with its cases and
    the share of its segment's entrants. ``table``: :func:`funnel_table` of a segmented analysis.
    """
    segments = list(a.segments)
    named = "outcome" if a.by == "outcome" else a.by
    base = alt.Chart(table, title=f"Funnel by {named} ({a.order} order)").encode(
        y=alt.Y("stage:N", sort=list(a.stages), title=None),
        yOffset=alt.YOffset("segment:N", sort=segments),
    )
    bars = base.mark_bar().encode(
        x=alt.X("reached:Q", title="cases reached"),
        color=alt.Color("segment:N", sort=segments, title=named, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("segment:N", title=named), *FUNNEL_TOOLTIP],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=10).encode(x="reached:Q", text="label:N")
    chart = alt.layer(bars, labels).properties(height=alt.Step(14))
    return cast("alt.LayerChart", chart)
