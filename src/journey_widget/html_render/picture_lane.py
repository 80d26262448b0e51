"""One lane of the map as a picture: its header, tint, emotion curve and cards (:mod:`.image`)."""

from __future__ import annotations

from typing import Any

from ..model import Journey
from ..vocabulary import COLUMN_WIDTH, CURVE_HEIGHT, CURVE_PAD, LANE_WIDTH, lane_tone
from .curve import _series
from .markup import Safe, el, num
from .picture_card import card_height, draw_card
from .picture_style import (
    BORDER,
    BORDER_STRONG,
    CARD_BG,
    FG,
    MUTED,
    NEG,
    POS,
    SERIES,
    TONE_COLOR,
    TONE_TINT_OPACITY,
    clip,
)

#: The picture's margin, a lane's least height and the gap around cards (px).
MARGIN, MIN_ROW, GAP = 16, 52, 6
Columns = list[tuple[str, str | None]]
Cells = dict[Any, list[dict[str, Any]]]


def lane_band(
    journey: Journey,
    name: str,
    kind: str,
    columns: Columns,
    cells: Cells,
    top: float,
    right: float,
    parts: list[Safe],
) -> float:
    """One lane's band: header, tint, curve (emotion lanes) and cards; returns its bottom."""
    tone = lane_tone(name)
    emotion = kind == "emotion"
    y = top + (CURVE_HEIGHT if emotion else 0)
    stacks = [cells.get((stage, step, name), []) for stage, step in columns]
    tallest = max([sum(card_height(c) + GAP for c in stack) for stack in stacks] or [0.0])
    bottom = y + max(MIN_ROW, tallest + GAP)
    x0 = MARGIN + LANE_WIDTH
    if tone:
        tint = {"x": x0, "y": num(y), "width": num(right - x0), "height": num(bottom - y)}
        parts.append(
            el("rect", {**tint, "fill": TONE_COLOR[tone], "fill-opacity": TONE_TINT_OPACITY})
        )
    parts.append(_lane_head(journey, name, tone, emotion, top))
    if emotion:
        parts.append(_curve(journey, name, columns, cells, top))
    for i, stack in enumerate(stacks):
        cy = y + GAP
        for card in stack:
            parts.append(draw_card(x0 + i * COLUMN_WIDTH + GAP, cy, card, tone, emotion))
            cy += card_height(card) + GAP
    parts.append(
        el(
            "line",
            {"x1": MARGIN, "x2": right, "y1": num(bottom), "y2": num(bottom), "stroke": BORDER},
        )
    )
    return bottom


def _lane_head(journey: Journey, name: str, tone: str | None, emotion: bool, top: float) -> Safe:
    """The lane's name (with its tone's mark) and, on an emotion lane, its scale."""
    x = MARGIN + 10
    parts: list[Safe | None] = []
    if tone == "pain":
        parts.append(el("path", {"d": f"M{x} {num(top + 23)}l6 -11l6 11z", "fill": NEG}))
    elif tone == "opportunity":
        parts.append(el("circle", {"cx": x + 6, "cy": num(top + 17), "r": 5.5, "fill": POS}))
    dx = 17 if tone else 0
    label = clip(name, LANE_WIDTH - 20 - dx)
    parts.append(
        el("text", {"x": x + dx, "y": num(top + 22), "font-weight": 600, "fill": FG}, label)
    )
    if emotion:
        scale = journey.scale
        low, high = (f"+{num(v)}" if v > 0 else num(v) for v in (scale.min, scale.max))
        parts.append(
            el(
                "text",
                {"x": x, "y": num(top + 40), "font-size": 11, "fill": MUTED},
                f"{low} to {high}",
            )
        )
    return el("g", {"class": "jw-lane"}, parts)


def _curve(journey: Journey, lane: str, columns: Columns, cells: Cells, top: float) -> Safe:
    """The lane's emotion curve in its band: the zero line, one line per persona, the points."""
    x0 = MARGIN + LANE_WIDTH
    scale = journey.scale
    parts: list[Safe] = []
    if scale.min < 0 < scale.max:
        zero = (
            top + CURVE_PAD + scale.max / (scale.max - scale.min) * (CURVE_HEIGHT - 2 * CURVE_PAD)
        )
        right = x0 + max(1, len(columns)) * COLUMN_WIDTH
        parts.append(
            el(
                "line",
                {
                    "x1": x0,
                    "x2": right,
                    "y1": num(zero),
                    "y2": num(zero),
                    "stroke": BORDER_STRONG,
                    "stroke-dasharray": "4 4",
                },
            )
        )
    for n, (_group, points) in enumerate(_series(lane, columns, cells, scale).items()):
        color, dash = SERIES[n % len(SERIES)]
        line = " ".join(f"{num(x0 + x)},{num(top + y)}" for x, y, _ in points)
        parts.append(
            el(
                "polyline",
                {
                    "points": line,
                    "fill": "none",
                    "stroke": color,
                    "stroke-width": 2,
                    "stroke-dasharray": dash,
                    "stroke-linejoin": "round",
                },
            )
        )
        for x, y, card in points:
            score = card["score"]
            fill = POS if score > 0 else NEG if score < 0 else CARD_BG
            dot = {
                "cx": num(x0 + x),
                "cy": num(top + y),
                "r": 5,
                "fill": fill,
                "stroke": color,
                "stroke-width": 2,
            }
            parts.append(el("circle", dot, [el("title", None, f"{card['text']}: {num(score)}")]))
    return el("g", {"class": "jw-curve", "data-jw-emotion-curve": lane}, parts)
