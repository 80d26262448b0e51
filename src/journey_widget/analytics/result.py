"""The result of :func:`~journey_widget.analytics.analyze`: small pandas DataFrames.

Built from the :class:`~.raw.RawStats` of either engine by one function, so column types,
rounding (durations to the microsecond) and row order are the same whatever the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .params import Params
from .paths_api import PathsMethods
from .raw import RawStats

if TYPE_CHECKING:
    import altair as alt

FUNNEL_COLUMNS = (
    "stage",
    "reached",
    "step_conversion",
    "overall_conversion",
    "dropped",
    "drop_rate",
    "median_time_to_next",
    "mean_time_to_next",
)
TRANSITION_COLUMNS = ("source", "target", "count", "median_duration", "p90_duration")
VARIANT_COLUMNS = ("variant", "length", "count", "share")
METRIC_COLUMNS = ("stage", "metric", "value", "unit", "n")


def durations(us: list[float]) -> pd.Series:
    """Microseconds (float, NaN for none) as a timedelta64 Series rounded to 1 us."""
    values = np.asarray(us, dtype=np.float64)
    ints = np.where(np.isnan(values), np.iinfo(np.int64).min, np.round(values)).astype(np.int64)
    return pd.Series(ints.view("timedelta64[us]").astype("timedelta64[ns]"))


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


@dataclass(frozen=True, eq=False)
class Analysis(PathsMethods):
    """Journey statistics from an event log.

    Attributes
    ----------
    funnel : DataFrame
        Per stage in funnel order: ``reached`` (cases), ``step_conversion`` (reached / reached by
        the previous stage), ``overall_conversion`` (reached / reached the first stage),
        ``dropped`` (reached this stage but not the next), ``drop_rate`` (dropped / reached),
        ``median_time_to_next`` and ``mean_time_to_next`` (Timedelta, over the cases that went
        on to the next stage).
    transitions : DataFrame
        Directly-follows pairs ``source -> target`` with ``count``, ``median_duration`` and
        ``p90_duration``, most frequent first.
    variants : DataFrame
        The most frequent activity sequences: ``variant`` (a tuple of activities), ``length``,
        ``count`` and ``share`` of all cases.
    stage_metrics : DataFrame
        The tidy metrics table (``stage, metric, value, unit, n``): events per stage and the
        aggregates of the score columns.
    activities : DataFrame
        Every activity with its ``stage`` (or None) and number of ``events``.
    n_events, n_cases, n_variants : int
        Size of the log, number of cases, number of distinct variants.
    stages : tuple of str
        The funnel's stages in order.
    order, window : str, Timedelta or None
        The funnel options used.
    by : str or None
        The segmentation (``analyze(..., by=)``): then every table above has a leading
        ``segment`` column, ``n_variants`` counts variants per segment, and ``segments`` maps
        each segment (in order) to its own analysis. See docs/analytics.md, "Segments".
    """

    funnel: pd.DataFrame
    transitions: pd.DataFrame
    variants: pd.DataFrame
    stage_metrics: pd.DataFrame
    activities: pd.DataFrame
    n_events: int
    n_cases: int
    n_variants: int
    stages: tuple[str, ...]
    order: str
    window: pd.Timedelta | None
    engine: str
    by: str | None = None  # the segmentation (analyze's ``by=``), see .segment_result
    segments: dict[str, Analysis] = field(default_factory=dict, repr=False)
    _source: Any = field(default=None, repr=False, compare=False)  # paths_types.Source: the log

    def _with_source(self, events: Any, params: Params, engine: str) -> Analysis:
        """The analysis with a handle to its log, which :meth:`paths` reads again."""
        from .paths_types import Source

        return replace(self, _source=Source(events, params, engine))

    def __repr__(self) -> str:
        window = "no window" if self.window is None else f"window {self.window}"
        by = "" if self.by is None else f"; by {self.by}: {len(self.segments)} segments"
        return (
            f"Analysis({self.n_events:,} events, {self.n_cases:,} cases, "
            f"{self.n_variants:,} variants, {len(self.stages)} stages; {self.order} order, "
            f"{window}; engine {self.engine}{by})"
        )

    def metrics(self) -> pd.DataFrame:
        """The funnel and the stage metrics as one tidy table (stage, metric, value, unit, n).

        Funnel rows: ``reached`` (cases), ``conversion`` (% of the previous stage; not for the
        first stage), ``drop-off`` (% of this stage's cases that went no further; not for the
        last stage) and ``time to next`` (median, in a unit chosen for the magnitudes).
        Missing values are left out. A segmented analysis: each segment's, under ``segment``.
        """
        if self.by is not None:
            from .segment_rules import segmented_metrics

            return segmented_metrics(self.segments, METRIC_COLUMNS)
        rows: list[dict[str, Any]] = []
        f = self.funnel
        reached = [int(x) for x in f["reached"]]
        unit, seconds = _time_unit(f["median_time_to_next"].dropna())
        for i, stage in enumerate(f["stage"]):
            rows.append(
                {
                    "stage": stage,
                    "metric": "reached",
                    "value": float(reached[i]),
                    "unit": "cases",
                    "n": reached[0],
                }
            )
            conversion, drop = f["step_conversion"].iloc[i], f["drop_rate"].iloc[i]
            if i and not math.isnan(conversion):
                rows.append(
                    {
                        "stage": stage,
                        "metric": "conversion",
                        "value": 100.0 * conversion,
                        "unit": "%",
                        "n": reached[i - 1] if i else reached[0],
                    }
                )
            if i + 1 < len(reached) and not math.isnan(drop):
                rows.append(
                    {
                        "stage": stage,
                        "metric": "drop-off",
                        "value": 100.0 * drop,
                        "unit": "%",
                        "n": reached[i],
                    }
                )
            median = f["median_time_to_next"].iloc[i]
            if not pd.isna(median):
                rows.append(
                    {
                        "stage": stage,
                        "metric": "time to next",
                        "value": median.total_seconds() / seconds,
                        "unit": unit,
                        "n": reached[i + 1],
                    }
                )
        table = pd.DataFrame(rows, columns=list(METRIC_COLUMNS))
        table = (
            pd.concat([table, self.stage_metrics], ignore_index=True)
            if len(self.stage_metrics)
            else table
        )
        return table.astype({"value": float, "n": "Int64"})

    def transitions_chart(
        self, *, level: str = "activity", top: int = 25
    ) -> alt.LayerChart | alt.VConcatChart:
        """Flow between activities (or stages, ``level="stage"``) as an Altair matrix chart."""
        from .chart import transitions_chart

        return transitions_chart(self, level=level, top=top)

    def funnel_chart(self) -> alt.LayerChart:
        """Cases reaching each stage, with conversion and drop-off, as an Altair bar chart.

        A segmented analysis draws the segments side by side (grouped bars per stage).
        """
        from .chart import funnel_chart

        return funnel_chart(self)


def _time_unit(times: pd.Series) -> tuple[str, float]:
    """A unit for durations of this size: s, min, h or d (and its length in seconds)."""
    if times.empty:
        return "h", 3600.0
    largest = times.max().total_seconds()
    for unit, seconds in (("d", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if largest >= 2 * seconds:
            return unit, seconds
    return "s", 1.0


def build(raw: RawStats, params: Params, engine: str) -> Analysis:
    """Format the raw statistics of an engine into an :class:`Analysis`."""
    window = None if params.window_us is None else pd.Timedelta(microseconds=params.window_us)
    return Analysis(
        funnel=_funnel(raw),
        transitions=_transitions(raw),
        variants=_variants(raw),
        stage_metrics=_stage_metrics(raw),
        activities=_activities(raw),
        n_events=raw.n_events,
        n_cases=raw.n_cases,
        n_variants=raw.variants.n_variants,
        stages=tuple(raw.stages),
        order=params.order,
        window=window,
        engine=engine,
    )


def _funnel(raw: RawStats) -> pd.DataFrame:
    """The funnel table: cases reaching each stage, conversions, drop-offs, times to next."""
    fu = raw.funnel
    n = len(raw.stages)
    reached = fu.reached
    first = reached[0] if reached else 0
    dropped = [reached[k] - (reached[k + 1] if k + 1 < n else reached[k]) for k in range(n)]
    return pd.DataFrame(
        {
            "stage": pd.Series(raw.stages, dtype=object),
            "reached": pd.Series(reached, dtype=np.int64),
            "step_conversion": [
                (_ratio(reached[k], reached[k - 1]) if k else _ratio(first, first))
                for k in range(n)
            ],
            "overall_conversion": [_ratio(reached[k], first) for k in range(n)],
            "dropped": pd.Series(dropped, dtype=np.int64),
            "drop_rate": [_ratio(dropped[k], reached[k]) for k in range(n)],
            "median_time_to_next": durations(fu.median_next_us),
            "mean_time_to_next": durations(fu.mean_next_us),
        },
        columns=list(FUNNEL_COLUMNS),
    )


def _transitions(raw: RawStats) -> pd.DataFrame:
    """The directly-follows pairs with their durations, most frequent first."""
    tr = raw.transitions
    transitions = pd.DataFrame(
        {
            "source": pd.Series(tr.source, dtype=object),
            "target": pd.Series(tr.target, dtype=object),
            "count": pd.Series(tr.count, dtype=np.int64),
            "median_duration": durations(tr.median_us),
            "p90_duration": durations(tr.p90_us),
        },
        columns=list(TRANSITION_COLUMNS),
    )
    transitions = transitions.sort_values(
        ["count", "source", "target"], ascending=[False, True, True], kind="stable"
    )
    return transitions.reset_index(drop=True)


def _variants(raw: RawStats) -> pd.DataFrame:
    """The most frequent activity sequences with their counts and shares of all cases."""
    va = raw.variants
    return pd.DataFrame(
        {
            "variant": pd.Series(va.sequences, dtype=object),
            "length": pd.Series([len(s) for s in va.sequences], dtype=np.int64),
            "count": pd.Series(va.counts, dtype=np.int64),
            "share": [_ratio(c, raw.n_cases) for c in va.counts],
        },
        columns=list(VARIANT_COLUMNS),
    )


def _stage_metrics(raw: RawStats) -> pd.DataFrame:
    """Events per stage and the score aggregates, as tidy metric rows in stage order."""
    metric_rows = [
        {
            "stage": raw.stages[k],
            "metric": "events",
            "value": float(raw.stage_events[k]),
            "unit": "events",
            "n": raw.stage_events[k],
        }
        for k in range(len(raw.stages))
    ]
    metric_rows += [
        {"stage": raw.stages[k], "metric": m, "value": v, "unit": None, "n": c}
        for k, m, v, c in raw.score_rows
    ]
    order = {s: i for i, s in enumerate(raw.stages)}
    metrics = pd.DataFrame(metric_rows, columns=list(METRIC_COLUMNS))
    metrics = metrics.sort_values("stage", key=lambda s: s.map(order), kind="stable")
    return metrics.astype({"value": float, "n": "Int64"}).reset_index(drop=True)


def _activities(raw: RawStats) -> pd.DataFrame:
    """Every activity with its stage (or None) and number of events, most frequent first."""
    activities = pd.DataFrame(
        {
            "activity": pd.Series(raw.activities, dtype=object),
            "stage": pd.Series([raw.stage_of.get(a) for a in raw.activities], dtype=object),
            "events": pd.Series(raw.activity_events, dtype=np.int64),
        }
    ).sort_values(["events", "activity"], ascending=[False, True], kind="stable")
    return activities.reset_index(drop=True)


__all__ = ["Analysis", "build", "durations"]
