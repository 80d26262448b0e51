"""Stage metrics over time: one panel per metric, one line per stage, its target dashed."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ..model import Journey
from ..model.metrics_periods import period_order
from ..model.metrics_table import PERIOD
from .metric_format import PANEL_HEIGHT, format_value

PERIOD_WIDTH = 70


def trend_data(journey: Journey, table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a validated metrics table with periods, as the trend chart draws them.

    Rows of the map's stages only, in period order then map order, with ``label`` and
    ``target_label`` (the value and target as text with their unit).
    """
    stages = journey.stage_names()
    periods = period_order(table)
    data = table[table["stage"].isin(stages)].copy()
    data["n"] = [None if pd.isna(v) else int(v) for v in data["n"]]
    data["label"] = [format_value(v, u) for v, u in zip(data["value"], data["unit"], strict=True)]
    data["target_label"] = [
        None if math.isnan(t) else format_value(t, u)
        for t, u in zip(data["target"], data["unit"], strict=True)
    ]
    rank = data[PERIOD].map(periods.index) * len(stages) + data["stage"].map(stages.index)
    return data.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")


def trend_chart(journey: Journey, table: pd.DataFrame, *, tooltips: bool = True) -> alt.FacetChart:
    """Each stage's metric over the periods against its target: a panel per metric.

    Parameters
    ----------
    journey : Journey
        The map; its stage order is the order of the lines (and their colours).
    table : DataFrame
        A validated metrics table with a ``period`` column (``metrics_table``).
    tooltips : bool
        Include tooltips.

    Returns
    -------
    altair.FacetChart
        A row per metric (own y scale); x the periods in order (see
        :mod:`journey_widget.model.metrics_periods`), a solid line with points per stage and
        its target, where it has one, dashed in the same colour.
    """
    data = trend_data(journey, table)
    stages = [s for s in journey.stage_names() if s in set(data["stage"])]
    x = alt.X(f"{PERIOD}:O", sort=period_order(table), title=None, axis=alt.Axis(labelAngle=0))
    color = alt.Color("stage:N", sort=stages, scale=alt.Scale(domain=stages), title="stage")
    tip = _tooltip() if tooltips else []
    base = alt.Chart(data)
    value = base.mark_line(point=True).encode(
        x=x, y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)), color=color, tooltip=tip
    )
    target = (
        base.transform_filter("isValid(datum.target)")
        .mark_line(strokeDash=[4, 3], opacity=0.8)
        .encode(x=x, y=alt.Y("target:Q"), color=color, detail="stage:N", tooltip=tip)
    )
    width = PERIOD_WIDTH * max(2, len(period_order(table)))
    layered = alt.LayerChart(layer=[value, target], width=width, height=PANEL_HEIGHT * 1.5)
    row = alt.Row(
        "metric:N",
        sort=list(dict.fromkeys(data["metric"])),
        title=None,
        header=alt.Header(labelAngle=0, labelOrient="left", labelAlign="right"),
    )
    independent = alt.Resolve(scale=alt.ScaleResolveMap(y="independent"))
    return layered.facet(row=row, spacing=10, resolve=independent)


def _tooltip() -> list[alt.Tooltip]:
    """The fields of a point: where, which metric, its value, target and count."""
    return [
        alt.Tooltip("stage:N"),
        alt.Tooltip(f"{PERIOD}:N"),
        alt.Tooltip("metric:N"),
        alt.Tooltip("label:N", title="value"),
        alt.Tooltip("target_label:N", title="target"),
        alt.Tooltip("n:Q"),
    ]
