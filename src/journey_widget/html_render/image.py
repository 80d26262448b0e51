"""The map as one SVG image, for viewers that show images but strip HTML and styles.

Plain geometry: a fixed grid, card text wrapped by character count, the emotion curve drawn
over its lane. Text goes through the escaping builder, so it stays text.
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..model import Journey
from ..model.cards import is_missing
from ..vocabulary import CURVE_HEIGHT, CURVE_PAD
from .board import _cells
from .markup import Safe, el, num

COL, LANE, HEAD, LINE, PAD, CHARS = 200, 130, 28, 15, 6, 27
INK, MUTED, RULE, CARD, ACCENT = "#1f2328", "#656d76", "#d0d7de", "#ffffff", "#1976d2"
FONT = "font-family:system-ui,Segoe UI,Arial,sans-serif;font-size:12px"


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for part in str(text).splitlines() or [""]:
        out.extend(textwrap.wrap(part, CHARS) or [""])
    return out


def _card(x: float, y: float, card: dict[str, Any]) -> tuple[Safe, float]:
    lines = _lines(card["text"])
    if not is_missing(card.get("score")):
        lines.append(f"score {num(float(card['score']))}")
    height = len(lines) * LINE + 2 * PAD
    spans = [
        el("tspan", {"x": x + PAD, "dy": LINE if i else 0}, line) for i, line in enumerate(lines)
    ]
    return el(
        "g",
        None,
        [
            el(
                "rect",
                {
                    "x": x,
                    "y": y,
                    "width": COL - 2 * PAD,
                    "height": height,
                    "rx": 4,
                    "fill": CARD,
                    "stroke": RULE,
                },
            ),
            el("text", {"x": x + PAD, "y": y + PAD + 11, "fill": INK}, spans),
        ],
    ), height


def map_svg(journey: Journey) -> str:
    """The map as a standalone SVG document (with its namespace, as image files need)."""
    columns = journey.columns()
    cells = _cells(journey.table)
    width = LANE + COL * max(1, len(columns))
    parts: list[Safe] = [
        el(
            "text",
            {"x": 0, "y": 18, "fill": INK, "font-weight": 600, "font-size": "16px"},
            journey.title or "Customer journey map",
        )
    ]
    top = 30.0
    for i, (stage, step) in enumerate(columns):
        label = stage if step is None else f"{stage} / {step}"
        parts.append(
            el(
                "text",
                {"x": LANE + i * COL + PAD, "y": top + 18, "fill": INK, "font-weight": 600},
                label,
            )
        )
    top += HEAD
    for lane in journey.lanes:
        y0 = top
        if lane.kind == "emotion":
            parts.append(_curve(journey, lane.name, columns, cells, top))
            top += CURVE_HEIGHT
        tallest = 0.0
        for i, (stage, step) in enumerate(columns):
            y = top + PAD
            for card in cells.get((stage, step, lane.name), []):
                drawn, height = _card(LANE + i * COL + PAD, y, card)
                parts.append(drawn)
                y += height + PAD
            tallest = max(tallest, y - top)
        top += max(tallest, 2 * PAD + LINE)
        parts.append(
            el("text", {"x": PAD, "y": y0 + 18, "fill": INK, "font-weight": 600}, lane.name)
        )
        parts.append(el("line", {"x1": 0, "x2": width, "y1": top, "y2": top, "stroke": RULE}))
    svg = el(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": width,
            "height": round(top + PAD),
            "viewBox": f"0 0 {width} {round(top + PAD)}",
            "style": FONT,
            "role": "img",
            "aria-label": f"Journey map: {journey.title or 'Customer journey map'}",
        },
        [el("rect", {"width": "100%", "height": "100%", "fill": "#ffffff"}), *parts],
    )
    return str(svg)


def _curve(
    journey: Journey,
    lane: str,
    columns: list[tuple[str, str | None]],
    cells: dict[Any, list[dict[str, Any]]],
    top: float,
) -> Safe:
    scale = journey.scale
    span = scale.max - scale.min
    points = []
    for i, (stage, step) in enumerate(columns):
        scored = [c for c in cells.get((stage, step, lane), []) if not is_missing(c["score"])]
        for j, card in enumerate(scored):
            clamped = min(scale.max, max(scale.min, card["score"]))
            points.append(
                (
                    LANE + i * COL + (j + 1) * COL / (len(scored) + 1),
                    top + CURVE_PAD + (scale.max - clamped) / span * (CURVE_HEIGHT - 2 * CURVE_PAD),
                )
            )
    dots = [el("circle", {"cx": num(x), "cy": num(y), "r": 4, "fill": ACCENT}) for x, y in points]
    line = el(
        "polyline",
        {
            "points": " ".join(f"{num(x)},{num(y)}" for x, y in points),
            "fill": "none",
            "stroke": ACCENT,
            "stroke-width": 2,
        },
    )
    return el("g", None, [line, *dots])
