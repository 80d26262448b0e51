"""Stage metrics as small multiples: one panel per metric, sharing the map's stage axis."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ..model import Journey, JourneyError
from ..model.metrics_ops import current_metrics
from ..model.metrics_periods import latest_metrics, period_order
from ..model.metrics_table import metrics_table
from .layout import Geometry
from .metric_format import PANEL_HEIGHT, format_value
from .metric_trend import trend_chart
from .tables import map_columns

BAR_COLOR = "#1976d2"
TARGET_COLOR = "#212121"
OVERLAY_SPACING = 18
BAR_INSET = 0.18  # in column widths, each side (overlay layout)
# Channels as objects, not "field:type" strings: Altair parses each string shorthand through a
# schema lookup that costs milliseconds, which adds up in the live overlays.
Y_VALUE = alt.Y("value", type="quantitative")
Y_TARGET = alt.Y("target", type="quantitative")
LABEL = alt.Text("label", type="nominal")


def chart_metrics(journey: Journey, metrics: pd.DataFrame | None) -> pd.DataFrame:
    """The validated metrics to draw: ``metrics``, or the map's own when ``None``."""
    if metrics is not None:
        return metrics_table(metrics, journey.stage_names())
    table = current_metrics(journey)
    if table is None:
        raise JourneyError(
            "the map has no metrics: pass a DataFrame (stage, metric, value, "
            "optional target, unit, n) or set m.metrics first"
        )
    return table


def metrics_data(journey: Journey, metrics: pd.DataFrame | None) -> pd.DataFrame:
    """The validated metrics (``metrics`` or the map's own) with what the chart draws.

    What the chart draws: ``label``, ``target_label`` and each stage's span of map columns
    (``start``, ``end``, ``mid`` in column units). With periods: each pair's latest value.
    """
    table = latest_metrics(chart_metrics(journey, metrics))
    spans: dict[str, list[int]] = {}
    for c in map_columns(journey):
        spans.setdefault(c.stage, []).append(c.index)
    data = table.astype({"n": object}).copy()
    data["n"] = [None if pd.isna(v) else int(v) for v in data["n"]]
    data["label"] = [format_value(v, u) for v, u in zip(data["value"], data["unit"], strict=True)]
    data["target_label"] = [
        None if math.isnan(t) else "target " + format_value(t, u)
        for t, u in zip(data["target"], data["unit"], strict=True)
    ]
    first = [spans[s][0] if s in spans else -1 for s in data["stage"]]
    last = [spans[s][-1] + 1 if s in spans else -1 for s in data["stage"]]
    data["start"] = [a + BAR_INSET for a in first]
    data["end"] = [b - BAR_INSET for b in last]
    data["mid"] = [(a + b) / 2 for a, b in zip(first, last, strict=True)]
    return data[[s in spans for s in data["stage"]]].reset_index(drop=True)


def metrics_chart(
    journey: Journey,
    metrics: pd.DataFrame | None = None,
    *,
    geometry: Geometry | None = None,
    tooltips: bool = True,
) -> alt.FacetChart:
    """Stage metrics as one small panel per metric sharing the stage axis, in map order.

    With more than one period (the ``period`` column, see ``m.update_metrics``) and no
    ``geometry``, each panel is the trend instead: one line per stage over the periods, its
    target dashed (:func:`~journey_widget.charts.metric_trend.trend_chart`). The overlay
    (``geometry``) shows each stage's latest value.

    Parameters
    ----------
    journey : Journey
        The map; its stage order is the x order.
    metrics : DataFrame, optional
        Tidy: ``stage``, ``metric``, ``value``, optional ``target``, ``unit``, ``n`` (see
        :func:`journey_widget.metrics.by_stage`). Default: the metrics attached to the map.
    geometry : Geometry, optional
        Pixel layout for an overlay aligned to the widget's columns: a stage's bar then spans
        the stage's columns (all its steps).
    tooltips : bool
        Include tooltips (off for static overlays).

    Returns
    -------
    altair.FacetChart
        Bars labelled with their value and unit; a black tick marks each target.

    Examples
    --------
    >>> csat = jw.metrics.by_stage(survey, value="answer", kind="csat")
    >>> m.metrics_chart(csat).save("csat.png")
    """
    table = chart_metrics(journey, metrics)
    if geometry is None and len(period_order(table)) > 1:
        return trend_chart(journey, table, tooltips=tooltips)
    data = metrics_data(journey, table)
    stages = journey.stage_names()
    base = alt.Chart(data)
    y = alt.Y(
        "value:Q",
        title=None,
        scale=alt.Scale(zero=True),
        axis=alt.Axis(tickCount=3, grid=True, gridOpacity=0.4),
    )
    if geometry is None:
        layers = _stage_layers(base, stages, y, _tooltip(tooltips))
        width, height = 90 * len(stages), PANEL_HEIGHT
    else:
        layers = _column_layers(base, geometry, y)
        width, height = geometry.plot_width, geometry.height
    layered = alt.LayerChart(layer=layers, width=width, height=height)
    independent = alt.Resolve(scale=alt.ScaleResolveMap(y="independent"))
    row = _metric_rows(list(dict.fromkeys(data["metric"])))
    if geometry is None:
        return layered.facet(row=row, spacing=10, resolve=independent)
    # "flush" bounds: rows sit exactly height + spacing apart, so the size is known upfront.
    return layered.facet(
        row=row,
        spacing=OVERLAY_SPACING,
        bounds="flush",
        resolve=independent,
        **geometry.top_level(),
    )


def _tooltip(tooltips: bool) -> list[alt.Tooltip]:
    """The tooltip fields of a bar and its target, or none when tooltips are off."""
    if not tooltips:
        return []
    return [
        alt.Tooltip("stage:N"),
        alt.Tooltip("metric:N"),
        alt.Tooltip("label:N", title="value"),
        alt.Tooltip("target_label:N", title="target"),
        alt.Tooltip("n:Q"),
    ]


def _stage_layers(
    base: alt.Chart, stages: list[str], y: alt.Y, tip: list[alt.Tooltip]
) -> list[alt.Chart]:
    """Bar, target tick and value label on a band per stage (the chart on its own)."""
    x = alt.X(
        "stage:N",
        sort=stages,
        title=None,
        axis=alt.Axis(labelAngle=0),
        scale=alt.Scale(domain=stages, paddingInner=0.3, paddingOuter=0.15),
    )
    bar = base.mark_bar(color=BAR_COLOR).encode(x=x, y=y, tooltip=tip)
    target = (
        base.transform_filter("isValid(datum.target)")
        .mark_tick(color=TARGET_COLOR, thickness=2)
        .encode(x=x, y=Y_TARGET, tooltip=tip)
    )
    text = base.mark_text(dy=-3, baseline="bottom").encode(x=x, y=Y_VALUE, text=LABEL)
    return [bar, target, text]


def _column_layers(base: alt.Chart, geometry: Geometry, y: alt.Y) -> list[alt.Chart]:
    """Bar, target rule and value label spanning each stage's map columns (the overlay)."""
    xq = alt.Scale(domain=[0, max(1, geometry.columns)], nice=False, zero=False)
    bar = base.mark_bar(color=BAR_COLOR).encode(
        x=alt.X("start:Q", scale=xq, axis=None), x2=alt.X2("end"), y=y, y2=alt.Y2Datum(0)
    )
    target = (
        base.transform_filter("isValid(datum.target)")
        .mark_rule(color=TARGET_COLOR, strokeWidth=2)
        .encode(x=alt.X("start:Q", scale=xq, axis=None), x2=alt.X2("end"), y=Y_TARGET)
    )
    text = base.mark_text(dy=-3, baseline="bottom").encode(
        x=alt.X("mid:Q", scale=xq, axis=None), y=Y_VALUE, text=LABEL
    )
    return [bar, target, text]


def _metric_rows(order: list[str]) -> alt.Row:
    """One facet row per metric, in order of first appearance, named on the left."""
    return alt.Row(
        "metric:N",
        sort=order,
        title=None,
        header=alt.Header(
            labelAngle=0,
            labelOrient="left",
            labelAlign="right",
            labelFontWeight="bold",
            labelLimit=72,
        ),
    )
