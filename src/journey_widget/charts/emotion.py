"""The emotion curve as an Altair chart: the team's curve, optionally against measured ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from ..model import Journey, JourneyError
from .layout import Geometry
from .tables import (
    MEASURED,
    check_measured,
    disagreements,
    emotion_cards,
    emotion_points,
    map_columns,
    measured_curve,
    resolve_by,
    team_curve,
)

VALENCE_COLORS = {"negative": "#d32f2f", "neutral": "#9e9e9e", "positive": "#2e7d32"}
SOURCE_DASH = {"team": [1, 0], "measured": [6, 4]}
DISAGREE_COLOR = "#ef6c00"
MEASURED_COLOR = "#546e7a"
SERIES_COLORS = ["#1976d2", "#8e44ad", "#16a085", "#c0392b", "#d4a017", "#5d4037"]


def emotion_chart(
    journey: Journey,
    measured: pd.DataFrame | None = None,
    by: str | bool | None = None,
    *,
    measured_scale: tuple[float, float] | None = None,
    threshold: float | None = None,
    geometry: Geometry | None = None,
    tooltips: bool = True,
) -> alt.LayerChart:
    """The emotion curve of a map, as a layered Altair chart.

    Parameters
    ----------
    journey : Journey
        The map. Its emotion lanes give the team's curve: one point per (column, score)
        coloured by valence (above, at or below the middle of the scale), a line through the
        mean per column, one line per value of ``by``.
    measured : DataFrame, optional
        Raw ratings: ``stage``, optional ``step``, ``value`` on ``measured_scale``. Adds the
        measured mean per column (dashed) with its 95% confidence band (Student's t) and ``n``,
        rescaled linearly to the map's scale, and marks the columns where it differs from the
        team's mean by more than ``threshold``. Missing values are skipped.
    by : str or False, optional
        A card column giving one curve per value; default ``persona`` when the cards carry
        one; ``False`` for a single team curve. When ``measured`` has the same column, its
        curve is split the same way.
    measured_scale : (min, max), optional
        The scale the ratings were given on (e.g. ``(1, 5)``); default the map's scale.
    threshold : float, optional
        In points of the map's scale; default a quarter of its range (1 on -2..2).
    geometry : Geometry, optional
        Pixel layout for an overlay aligned to the widget's columns (see :mod:`.layout`).
    tooltips : bool
        Include card texts and figures as tooltips (off for static overlays).

    Returns
    -------
    altair.LayerChart
        x: the map's columns (stages, and steps where present) in map order; y: the score.

    Examples
    --------
    >>> chart = m.emotion_chart()
    >>> chart.properties(title="Checkout").save("emotions.svg")
    """
    scale = journey.scale
    emotion_lanes = [lane.name for lane in journey.lanes if lane.kind == "emotion"]
    if not emotion_lanes and measured is None:
        raise JourneyError(
            "the map has no emotion lane; add one (e.g. m.add_lane('Emotions')) "
            "or pass measured ratings"
        )
    columns = map_columns(journey)
    series_by = resolve_by(journey, by)
    cards = emotion_cards(journey, columns, series_by)
    points = emotion_points(cards, scale, texts=tooltips)
    curves = team_curve(cards)
    flags = pd.DataFrame({"column": [], "x": [], "label": [], "difference": []})
    if measured is not None:
        stated = measured_scale or (scale.min, scale.max)
        ratings = check_measured(measured, journey, stated)
        split = series_by if series_by and series_by in ratings.columns else None
        curves = pd.concat(
            [curves, measured_curve(ratings, columns, split, stated, scale)], ignore_index=True
        )
        limit = threshold if threshold is not None else (scale.max - scale.min) / 4
        flags = disagreements(cards, ratings, columns, stated, scale, limit)
    if "ci_low" not in curves.columns:
        curves = curves.assign(ci_low=float("nan"), ci_high=float("nan"))

    enc = _Encodings.of(journey, [c.label for c in columns], points, curves, geometry, tooltips)
    layers: list[Any] = [_neutral_rule(journey, enc)]
    if measured is not None:
        layers += [
            _measured_band(curves, enc),
            _lines(curves, enc, dashed=True),
            _measured_points(curves, enc),
        ]
    else:
        layers.append(_lines(curves, enc, dashed=False))
    layers.append(_card_points(points, enc))
    if len(flags):
        rule, text = _flag_layers(flags, enc, geometry)
        layers = [rule, *layers, text]
    # Sizes go in at construction: each .properties()/.configure_*() call copies the chart.
    if geometry is None:
        return alt.LayerChart(layer=layers, width=alt.Step(90), height=220)
    return alt.LayerChart(
        layer=layers, width=geometry.plot_width, height=geometry.height, **geometry.top_level()
    )


@dataclass(frozen=True)
class _Encodings:
    """The channels every layer of the emotion chart shares."""

    x: alt.X
    y_scale: alt.Scale
    y_axis: alt.Axis
    color: alt.Color
    dash: alt.StrokeDash
    tooltips: bool

    @classmethod
    def of(
        cls,
        journey: Journey,
        labels: list[str],
        points: pd.DataFrame,
        curves: pd.DataFrame,
        geometry: Geometry | None,
        tooltips: bool,
    ) -> _Encodings:
        scale = journey.scale
        y_scale = alt.Scale(domain=[scale.min, scale.max], nice=False, zero=False)
        ticks = _ticks(scale.min, scale.max, scale.step)
        y_axis = alt.Axis(title="Emotion", values=ticks, format="~g", grid=True, gridOpacity=0.4)
        series_domain = list(dict.fromkeys([*points["series"], *curves["series"]]))
        palette = iter(SERIES_COLORS * (1 + len(series_domain) // len(SERIES_COLORS)))
        colors = [MEASURED_COLOR if s == MEASURED else next(palette) for s in series_domain]
        color = alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=series_domain or [""], range=colors or ["#000"]),
            legend=alt.Legend(orient="top") if len(series_domain) > 1 else None,
        )
        dash = alt.StrokeDash(
            "source:N",
            title=None,
            legend=alt.Legend(orient="top"),
            scale=alt.Scale(domain=list(SOURCE_DASH), range=list(SOURCE_DASH.values())),
        )
        return cls(_x(labels, geometry), y_scale, y_axis, color, dash, tooltips)

    def tip(self, *fields: alt.Tooltip) -> list[alt.Tooltip]:
        """The tooltip fields, or none when tooltips are off."""
        return list(fields) if self.tooltips else []


_ONLY_MEASURED = alt.FieldEqualPredicate(field="source", equal=MEASURED)


def _neutral_rule(journey: Journey, enc: _Encodings) -> alt.Chart:
    middle = (journey.scale.min + journey.scale.max) / 2
    chart: alt.Chart = (
        alt.Chart(pd.DataFrame({"y": [middle]}))
        .mark_rule(strokeDash=[4, 4], color="#888")
        .encode(y=alt.Y("y:Q", scale=enc.y_scale))
    )
    return chart


def _measured_band(curves: pd.DataFrame, enc: _Encodings) -> alt.Chart:
    chart: alt.Chart = (
        alt.Chart(curves)
        .transform_filter(_ONLY_MEASURED)
        .transform_filter("isValid(datum.ci_low)")
        .mark_area(opacity=0.18)
        .encode(
            x=enc.x,
            y=alt.Y("ci_low:Q", scale=enc.y_scale, axis=enc.y_axis),
            y2=alt.Y2("ci_high"),
            color=enc.color,
            detail=alt.Detail("series", type="nominal"),
        )
    )
    return chart


def _lines(curves: pd.DataFrame, enc: _Encodings, *, dashed: bool) -> alt.Chart:
    chart: alt.Chart = (
        alt.Chart(curves)
        .mark_line(strokeWidth=2)
        .encode(
            x=enc.x,
            y=alt.Y("value:Q", scale=enc.y_scale, axis=enc.y_axis),
            color=enc.color,
            detail=alt.Detail("series", type="nominal"),
            **({"strokeDash": enc.dash} if dashed else {}),
        )
    )
    return chart


def _measured_points(curves: pd.DataFrame, enc: _Encodings) -> alt.Chart:
    chart: alt.Chart = (
        alt.Chart(curves)
        .transform_filter(_ONLY_MEASURED)
        .mark_point(shape="diamond", filled=True, size=45)
        .encode(
            x=enc.x,
            y=alt.Y("value:Q", scale=enc.y_scale),
            color=enc.color,
            tooltip=enc.tip(
                alt.Tooltip("x:N", title="column"),
                alt.Tooltip("series:N"),
                alt.Tooltip("value:Q", format=".2f", title="measured mean"),
                alt.Tooltip("ci_low:Q", format=".2f", title="95% CI from"),
                alt.Tooltip("ci_high:Q", format=".2f", title="95% CI to"),
                alt.Tooltip("raw:Q", format=".2f", title="mean on stated scale"),
                alt.Tooltip("n:Q", title="ratings"),
            ),
        )
    )
    return chart


def _card_points(points: pd.DataFrame, enc: _Encodings) -> alt.Chart:
    circles = alt.Chart(points).mark_circle(stroke="white", strokeWidth=1, opacity=1)
    chart: alt.Chart = circles.encode(
        x=enc.x,
        y=alt.Y("score:Q", scale=enc.y_scale),
        fill=alt.Fill(
            "valence:N",
            title=None,
            legend=None,
            scale=alt.Scale(domain=list(VALENCE_COLORS), range=list(VALENCE_COLORS.values())),
        ),
        size=alt.Size("n:Q", legend=None, scale=alt.Scale(range=[60, 260])),
        tooltip=enc.tip(
            alt.Tooltip("x:N", title="column"),
            alt.Tooltip("series:N"),
            alt.Tooltip("score:Q"),
            alt.Tooltip("n:Q", title="cards"),
            alt.Tooltip("cards:N"),
        ),
    )
    return chart


def _flag_layers(
    flags: pd.DataFrame, enc: _Encodings, geometry: Geometry | None
) -> tuple[alt.Chart, alt.Chart]:
    """A shaded column and a label where the team and the measured means disagree."""
    marks = alt.Chart(flags)
    width = 0.6 * (geometry.column if geometry else 90)
    rule = marks.mark_rule(color=DISAGREE_COLOR, strokeWidth=width, opacity=0.12).encode(
        x=enc.x,
        tooltip=enc.tip(
            alt.Tooltip("x:N", title="column"),
            alt.Tooltip("team:Q", format=".2f", title="team mean"),
            alt.Tooltip("measured:Q", format=".2f", title="measured mean"),
        ),
    )
    text = marks.mark_text(color=DISAGREE_COLOR, dy=3, baseline="top", fontWeight="bold").encode(
        x=enc.x, y=alt.value(0), text=alt.Text("label", type="nominal")
    )
    return rule, text


def _x(labels: list[str], geometry: Geometry | None) -> alt.X:
    """The column axis: a point scale whose points sit in the middle of equal bands."""
    axis = (
        alt.Axis(title=None, labels=False, ticks=False, domain=False)
        if geometry
        else alt.Axis(title=None, labelAngle=-30, labelLimit=160)
    )
    return alt.X(
        "x:N", sort=labels, axis=axis, scale=alt.Scale(domain=labels, type="point", padding=0.5)
    )


def _ticks(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    if count > 20:
        return []
    return [low + i * step for i in range(count + 1)]
