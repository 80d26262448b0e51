"""Pain points and opportunities on a priority matrix: impact vs effort, severity vs frequency."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from ..model import Journey, JourneyError
from ..vocabulary import lane_tone
from .lanes import lane_color
from .tables import TEXT_LIMIT
from .votes import votes_chart

LEVELS = {"very low": 1, "low": 2, "medium": 3, "mid": 3, "high": 4, "very high": 5}
QUADRANTS = {
    ("effort", "impact"): ("Quick wins", "Big bets", "Fill-ins", "Money pits"),
    ("frequency", "severity"): ("Fix soon", "Fix first", "Watch", "Plan"),
}
LABEL_LIMIT = 28
LANE_SHIFT = 0.12


def priority_lanes(journey: Journey) -> list[str]:
    """Lanes of pain points or opportunities, by the rule the map draws them with.

    The rule is ``vocabulary.lane_tone``.
    """
    return [lane.name for lane in journey.lanes if lane_tone(lane.name) is not None]


def _axes(table: pd.DataFrame, x: str | None, y: str | None) -> tuple[str, str]:
    if x and y:
        return x, y
    if {"impact", "effort"} <= set(table.columns):
        return x or "effort", y or "impact"
    if {"severity", "frequency"} <= set(table.columns):
        return x or "frequency", y or "severity"
    raise JourneyError(
        "a priority chart needs card columns 'impact' and 'effort' (or "
        "'severity' and 'frequency'), or x= and y= naming two card columns; "
        f"the cards have {list(table.columns)}"
    )


def _levels(values: pd.Series, column: str) -> pd.Series:
    """Numbers, or words like low/medium/high mapped to 1-5 (``LEVELS``)."""
    out = pd.to_numeric(values, errors="coerce").astype(float)
    words = values[out.isna() & values.notna()]
    for label, word in words.items():
        if str(word).strip().lower() not in LEVELS:
            raise JourneyError(
                f"column {column!r} has value {word!r} at row {label!r}; "
                f"expected a number or one of {', '.join(LEVELS)}"
            )
    levels = words.map(lambda w: float(LEVELS[str(w).strip().lower()]))
    return out.fillna(levels)


def priority_data(
    journey: Journey, x: str | None = None, y: str | None = None, lanes: Sequence[str] | None = None
) -> tuple[pd.DataFrame, str, str]:
    """Cards of the priority lanes that have both values, merged per (x, y, lane).

    Each merged point has ``n``, a short ``label`` and the first few texts.
    """
    table = journey.table
    x, y = _axes(table, x, y)
    for column in (x, y):
        if column not in table.columns:
            raise JourneyError(
                f"{column!r} is not a column of the map's cards; columns are {list(table.columns)}"
            )
    chosen = list(lanes) if lanes is not None else priority_lanes(journey)
    for lane in chosen:
        journey.lane(lane)  # raises for unknown lanes
    if not chosen:
        raise JourneyError("the map has no pain point or opportunity lane; pass lanes=[...]")
    cards = table[table["lane"].isin(chosen)]
    frame = pd.DataFrame(
        {
            "lane": cards["lane"].astype(object).to_numpy(),
            "text": cards["text"].astype(object).to_numpy(),
            "stage": cards["stage"].astype(object).to_numpy(),
            "x": _levels(cards[x], x).to_numpy(),
            "y": _levels(cards[y], y).to_numpy(),
        }
    )
    frame = frame.dropna(subset=["x", "y"])
    if frame.empty:
        return (
            pd.DataFrame(
                {c: [] for c in ("x", "y", "lane", "n", "label", "cards", "stages", "px", "py")}
            ),
            x,
            y,
        )
    grouped = frame.groupby(["x", "y", "lane"], sort=True)
    data = grouped.agg(
        n=("text", "size"),
        first=("text", "first"),
        cards=("text", lambda s: " | ".join(_short(t, TEXT_LIMIT) for t in s[:3])),
        stages=("stage", lambda s: ", ".join(dict.fromkeys(s))),
    ).reset_index()
    data["label"] = [
        _short(t, LABEL_LIMIT) + (f" (+{n - 1})" if n > 1 else "")
        for t, n in zip(data["first"], data["n"], strict=True)
    ]
    # Lanes sharing a spot sit side by side (``px``/``py`` are drawn, ``x``/``y`` are the values).
    order = {lane: i for i, lane in enumerate(chosen)}
    shift = [(order[lane] - (len(chosen) - 1) / 2) * LANE_SHIFT for lane in data["lane"]]
    data["px"], data["py"] = data["x"] + shift, data["y"] - shift
    return data.drop(columns="first"), x, y


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def priority_chart(
    journey: Journey,
    x: str | None = None,
    y: str | None = None,
    lanes: Sequence[str] | None = None,
    *,
    by: str = "cards",
    round: int | None = None,
) -> alt.LayerChart:
    """Pain points and opportunities on a priority matrix, or ranked by the room's votes.

    Parameters
    ----------
    journey : Journey
        The map; its cards carry the attributes.
    x, y : str, optional
        Card columns for the axes. Default ``effort`` and ``impact`` when the cards have them,
        else ``frequency`` and ``severity``. Values are numbers, or words very low / low /
        medium / high / very high (1-5).
    lanes : sequence of str, optional
        Lanes to show; default those named like pain points or opportunities (``by="votes"``:
        every card with votes).
    by : {"cards", "votes"}
        ``"cards"``: the matrix of two card columns. ``"votes"``: the cards ranked by their
        votes in revealed dot-voting rounds (:func:`journey_widget.charts.votes.votes_chart`);
        it takes no ``x`` or ``y``.
    round : int, optional
        With ``by="votes"``: only this revealed round; default every revealed round, summed.

    Returns
    -------
    altair.LayerChart
        One point per (x, y, lane), sized by how many cards share it, labelled with the
        first card's text; dashed lines split the matrix at the middle of each axis, with the
        quadrants named (impact vs effort: quick wins top left, big bets top right). With
        ``by="votes"`` one bar per voted card, most votes on top, coloured by lane.

    Raises
    ------
    JourneyError
        For an unknown ``by``, ``x``/``y`` with ``by="votes"``, a map without the axes'
        columns, or (``by="votes"``) without revealed votes.
    """
    if by == "votes":
        if x is not None or y is not None:
            raise JourneyError(
                "by='votes' ranks the cards by their votes and takes no x or y; "
                "x and y are the axes of the matrix (by='cards')"
            )
        return votes_chart(journey, lanes, round)
    if by != "cards":
        raise JourneyError(f"by must be 'cards' or 'votes', got {by!r}")
    if round is not None:
        raise JourneyError("round= picks a voting round for by='votes'; the matrix has none")
    data, x_col, y_col = priority_data(journey, x, y, lanes)
    axes = _Axes.of(data, x_col, y_col)
    return alt.LayerChart(
        layer=[
            *_midlines(axes),
            *_quadrant_names(axes),
            _points(data, axes, lane_color(data)),
            _point_labels(data, axes),
        ],
        width=420,
        height=320,
    )


@dataclass(frozen=True)
class _Axes:
    """The two value axes every layer of the priority matrix shares."""

    x_col: str
    y_col: str
    x_domain: tuple[float, float]
    y_domain: tuple[float, float]
    xs: alt.Scale
    ys: alt.Scale

    @classmethod
    def of(cls, data: pd.DataFrame, x_col: str, y_col: str) -> _Axes:
        x_domain, y_domain = _domain(data["x"]), _domain(data["y"])
        return cls(
            x_col,
            y_col,
            x_domain,
            y_domain,
            alt.Scale(domain=list(x_domain), nice=False, zero=False),
            alt.Scale(domain=list(y_domain), nice=False, zero=False),
        )


def _points(data: pd.DataFrame, axes: _Axes, color: alt.Color) -> alt.Chart:
    """One circle per (x, y, lane), sized by its number of cards."""
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_circle(opacity=0.85, stroke="white")
        .encode(
            x=alt.X("px:Q", title=axes.x_col, scale=axes.xs, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("py:Q", title=axes.y_col, scale=axes.ys, axis=alt.Axis(tickMinStep=1)),
            color=color,
            size=alt.Size("n:Q", legend=None, scale=alt.Scale(range=[80, 500])),
            tooltip=[
                alt.Tooltip("lane:N"),
                alt.Tooltip("x:Q", title=axes.x_col),
                alt.Tooltip("y:Q", title=axes.y_col),
                alt.Tooltip("n:Q", title="cards"),
                alt.Tooltip("stages:N"),
                alt.Tooltip("cards:N"),
            ],
        )
    )
    return chart


def _point_labels(data: pd.DataFrame, axes: _Axes) -> alt.Chart:
    """Each point's label: its first card's text, shortened."""
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_text(align="left", dx=10, fontSize=10)
        .encode(
            x=alt.X("px:Q", scale=axes.xs),
            y=alt.Y("py:Q", scale=axes.ys),
            text=alt.Text("label", type="nominal"),
        )
    )
    return chart


def _midlines(axes: _Axes) -> list[alt.Chart]:
    """Dashed lines at the middle of each axis, splitting the matrix into quadrants."""
    (lo_x, hi_x), (lo_y, hi_y) = axes.x_domain, axes.y_domain
    rules = alt.Chart(pd.DataFrame({"x": [(lo_x + hi_x) / 2], "y": [(lo_y + hi_y) / 2]}))
    vrule = rules.mark_rule(strokeDash=[4, 4], color="#999").encode(x=alt.X("x:Q", scale=axes.xs))
    hrule = rules.mark_rule(strokeDash=[4, 4], color="#999").encode(y=alt.Y("y:Q", scale=axes.ys))
    return [vrule, hrule]


def _quadrant_names(axes: _Axes) -> list[alt.Chart]:
    """The quadrants' names in their corners (none for axes without named quadrants)."""
    (lo_x, hi_x), (lo_y, hi_y) = axes.x_domain, axes.y_domain
    names = QUADRANTS.get((axes.x_col, axes.y_col), ("", "", "", ""))
    pad_x, pad_y = (hi_x - lo_x) * 0.02, (hi_y - lo_y) * 0.02
    quadrants = pd.DataFrame(
        {
            "x": [lo_x + pad_x, hi_x - pad_x, lo_x + pad_x, hi_x - pad_x],
            "y": [hi_y - pad_y, hi_y - pad_y, lo_y + pad_y, lo_y + pad_y],
            "name": list(names),
            "align": ["left", "right", "left", "right"],
            "baseline": ["top", "top", "bottom", "bottom"],
        }
    )
    layers = []
    for align in ("left", "right"):
        for baseline in ("top", "bottom"):
            part = quadrants[(quadrants["align"] == align) & (quadrants["baseline"] == baseline)]
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, baseline=baseline, color="#777", fontStyle="italic")
                .encode(
                    x=alt.X("x:Q", scale=axes.xs),
                    y=alt.Y("y:Q", scale=axes.ys),
                    text=alt.Text("name", type="nominal"),
                )
            )
    return layers


def _domain(values: pd.Series) -> tuple[float, float]:
    """1..5 unless the values go beyond it, then their range padded a little."""
    lo, hi = 1.0, 5.0
    if len(values):
        lo, hi = min(lo, float(np.min(values))), max(hi, float(np.max(values)))
    pad = (hi - lo) * 0.06
    return lo - pad, hi + pad
