"""An emotion lane's curve as inline SVG, as the widget's curve draws it (js/src/view/curve.ts).

One polyline per persona (series) through the scored cards of each column, spread evenly
across the column, and one point per card carrying its text as a tooltip.
"""

from __future__ import annotations

from typing import Any

from ..model import Journey, Scale
from ..model.cards import is_missing
from ..vocabulary import COLUMN_WIDTH, CURVE_HEIGHT, CURVE_PAD, CURVE_SERIES
from .markup import Safe, el, num

#: Points of one series: x, y (pixels) and the card drawn there.
Points = list[tuple[float, float, dict[str, Any]]]


def render_curve(
    lane: str, columns: list[tuple[str, str | None]], cells: dict[Any, list[Any]], journey: Journey
) -> Safe:
    """The emotion curve of one lane as inline SVG (no namespace needed inside HTML)."""
    scale = journey.scale
    width = max(1, len(columns)) * COLUMN_WIDTH
    parts: list[Safe | None] = []
    if scale.min < 0 < scale.max:
        parts.append(_neutral_line(scale, width))
    for n, (group, points) in enumerate(_series(lane, columns, cells, scale).items()):
        parts.append(_polyline(n, group, points))
        parts.extend(_point(x, y, card) for x, y, card in points)
    return el(
        "svg",
        {
            "class": "jw-curve",
            "data-jw-emotion-curve": lane,
            "role": "img",
            "aria-label": f"Emotion curve of {lane}",
            "width": width,
            "height": CURVE_HEIGHT,
            "viewBox": f"0 0 {width} {CURVE_HEIGHT}",
        },
        parts,
    )


def _neutral_line(scale: Scale, width: int) -> Safe:
    """The horizontal line at zero."""
    y = CURVE_PAD + scale.max / (scale.max - scale.min) * (CURVE_HEIGHT - 2 * CURVE_PAD)
    return el("line", {"class": "jw-neutral", "x1": 0, "x2": width, "y1": num(y), "y2": num(y)})


def _series(
    lane: str, columns: list[tuple[str, str | None]], cells: dict[Any, list[Any]], scale: Scale
) -> dict[str, Points]:
    """The scored cards of the lane placed in pixels, per persona ("" for none), in map order."""
    span = scale.max - scale.min
    groups: dict[str, Points] = {}
    for i, (stage, step) in enumerate(columns):
        scored = [c for c in cells.get((stage, step, lane), []) if not is_missing(c["score"])]
        for j, card in enumerate(scored):
            clamped = min(scale.max, max(scale.min, card["score"]))
            x = i * COLUMN_WIDTH + (j + 1) * COLUMN_WIDTH / (len(scored) + 1)
            y = CURVE_PAD + (scale.max - clamped) / span * (CURVE_HEIGHT - 2 * CURVE_PAD)
            persona = card.get("persona")
            group = persona if isinstance(persona, str) else ""
            groups.setdefault(group, []).append((x, y, card))
    return groups


def _polyline(n: int, group: str, points: Points) -> Safe:
    """The line of the ``n``-th series through its points."""
    return el(
        "polyline",
        {
            "class": f"jw-line jw-series-{n % CURVE_SERIES}",
            "data-persona": group or None,
            "points": " ".join(f"{num(x)},{num(y)}" for x, y, _ in points),
        },
    )


def _point(x: float, y: float, card: dict[str, Any]) -> Safe:
    """One card's point, toned by the sign of its score, its text as the tooltip."""
    score = card["score"]
    tone = "jw-pos" if score > 0 else "jw-neg" if score < 0 else "jw-zero"
    return el(
        "circle",
        {
            "class": f"jw-point {tone}",
            "data-jw-point": card["id"],
            "data-score": num(score),
            "cx": num(x),
            "cy": num(y),
            "r": 5,
        },
        [el("title", None, str(card["text"]))],
    )
