"""One card of the map as a picture: text, score and badges, drawn as the widget draws them.

The badges and the card's edge follow :mod:`.badges` (``badges_of``, ``card_marks``), the rules
the widget and the static map share: confidence sets the border (observed solid, reported
double, inferred dashed, hypothesized dotted), a pain or opportunity lane colours the left edge.
Every string goes through :func:`.markup.el`, so it stays text.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.cards import is_missing
from ..vocabulary import COLUMN_WIDTH, Tone, tone_label
from .badges import Badge, badges_of, card_marks
from .markup import Safe, el, num
from .picture_style import (
    BADGE_COLOR,
    BADGE_FONT,
    BG,
    BG_HEAD,
    BORDER,
    BORDER_STRONG,
    CARD_BG,
    FG,
    LINE,
    MUTED,
    NEG,
    PAPERCLIP,
    POS,
    TONE_COLOR,
    clip,
    wrap,
)
from .room import room_badges

#: A card's width: a column less the cell's padding on both sides.
CARD_WIDTH = COLUMN_WIDTH - 12
PAD = 7
BADGE_HEIGHT = 16
SCORE_HEIGHT = 16
#: Border by confidence (``data-jw-confidence``): stroke width and dash pattern.
EDGE = {
    "observed": (2.0, None),
    "reported": (1.0, None),  # drawn twice: a double line
    "inferred": (2.0, "5 3"),
    "hypothesized": (2.0, "2 2"),
}


def _all_badges(card: dict[str, Any]) -> list[Badge]:
    """The card's badges, then its comment and vote counts (:mod:`.room`)."""
    return [*badges_of(card), *room_badges(card)]


def _badge_width(badge: Badge) -> float:
    icon = 12 if badge.cls in ("jw-evidence", "jw-no-evidence") else 0
    return min(CARD_WIDTH - 2 * PAD, len(badge.text) * BADGE_FONT * 0.56 + 12 + icon)


def _badge_rows(badges: list[Badge]) -> list[list[tuple[Badge, float]]]:
    """The badges flowed into rows that fit the card, as the widget's wrapping row does."""
    rows: list[list[tuple[Badge, float]]] = []
    used = float(CARD_WIDTH)
    for badge in badges:
        width = _badge_width(badge)
        if used + 4 + width > CARD_WIDTH - 2 * PAD:
            rows.append([])
            used = 0.0
        rows[-1].append((badge, width))
        used += width + 4
    return rows


def _badge_color(cls: str) -> str:
    """The colour of a badge's left edge: its most specific class that has one."""
    for name in reversed(cls.split()):
        if name in BADGE_COLOR:
            return BADGE_COLOR[name]
    return BORDER_STRONG


def _badge(x: float, y: float, badge: Badge, width: float) -> Safe:
    """One badge: a pill with its coloured left edge, its icon and its text."""
    icon = badge.cls in ("jw-evidence", "jw-no-evidence")
    text_x = x + 7 + (12 if icon else 0)
    italic = badge.cls == "jw-no-evidence" or "hypothesized" in badge.cls
    box = {"x": num(x), "y": num(y), "width": num(width), "height": BADGE_HEIGHT, "rx": 8}
    parts: list[Safe | None] = [
        el("title", None, badge.label),
        el("rect", {**box, "fill": BG, "stroke": BORDER}),
        el(
            "rect",
            {
                "x": num(x),
                "y": num(y + 2),
                "width": 3,
                "height": 12,
                "fill": _badge_color(badge.cls),
            },
        ),
        _paperclip(x + 6, y + 2.5, badge.cls == "jw-no-evidence") if icon else None,
        el(
            "text",
            {
                "x": num(text_x),
                "y": num(y + 11.5),
                "font-size": BADGE_FONT,
                "fill": FG if badge.cls == "jw-evidence" else MUTED,
                "font-style": "italic" if italic else None,
            },
            clip(badge.text, x + width - text_x - 3, BADGE_FONT),
        ),
    ]
    return el("g", {"class": f"jw-badge {badge.cls}"}, parts)


def card_label(card: dict[str, Any], tone: Tone | None) -> str:
    """What the widget's card says to a screen reader (its ``aria-label``, see board.py)."""
    words = [f"{tone_label(tone)}:" if tone else "", str(card["text"]).strip() or "Empty card"]
    if not is_missing(card.get("score")):
        words.append(f", score {num(float(card['score']))}")
    words.extend(f"; {b.label}" for b in _all_badges(card))
    return re.sub(r" ([,;])", r"\1", " ".join(words)).strip()


def _paperclip(x: float, y: float, crossed: bool) -> Safe:
    """The evidence paperclip (crossed out for "No evidence"), 11 px square."""
    stroke = {"fill": "none", "stroke": MUTED, "stroke-width": 2.4}
    return el(
        "g",
        {"transform": f"translate({num(x)} {num(y)}) scale(0.46)"},
        [
            el("path", {"d": PAPERCLIP, **stroke}),
            el("path", {"d": "M3 3l18 18", **stroke}) if crossed else None,
        ],
    )


def _edge(x: float, y: float, height: float, confidence: str | None) -> list[Safe]:
    """The card's background and border, by its confidence."""
    width, dash = EDGE.get(confidence or "", (1.0, None))
    fill = BG if confidence == "hypothesized" else CARD_BG
    box = {"x": num(x), "y": num(y), "width": CARD_WIDTH, "height": num(height), "rx": 4}
    out = [
        el(
            "rect",
            {
                **box,
                "fill": fill,
                "stroke": BORDER,
                "stroke-width": width,
                "stroke-dasharray": dash,
            },
        )
    ]
    if confidence == "reported":
        inner = {"x": num(x + 2.5), "y": num(y + 2.5), "width": CARD_WIDTH - 5}
        out.append(
            el(
                "rect",
                {**inner, "height": num(height - 5), "rx": 3, "fill": "none", "stroke": BORDER},
            )
        )
    return out


def card_height(card: dict[str, Any]) -> float:
    """The height a card takes in the picture (px)."""
    lines = wrap(str(card["text"]) or " ", CARD_WIDTH - 2 * PAD - 3)
    height = 2 * PAD + len(lines) * LINE
    if not is_missing(card.get("score")):
        height += SCORE_HEIGHT + 4
    rows = _badge_rows(_all_badges(card))
    return height + len(rows) * (BADGE_HEIGHT + 4)


def draw_card(x: float, y: float, card: dict[str, Any], tone: Tone | None, emotion: bool) -> Safe:
    """One card at (``x``, ``y``); its accessible label (as in the widget) is its ``<title>``."""
    height = card_height(card)
    marks = card_marks(card)
    confidence = marks["data-jw-confidence"]
    parts: list[Safe | None] = [
        el("title", None, card_label(card, tone)),
        *_edge(x, y, height, confidence),
    ]
    if tone:
        parts.append(
            el(
                "rect",
                {
                    "x": num(x),
                    "y": num(y),
                    "width": 3,
                    "height": num(height),
                    "fill": TONE_COLOR[tone],
                },
            )
        )
    text_x = x + PAD + 3
    lines = wrap(str(card["text"]) or " ", CARD_WIDTH - 2 * PAD - 3)
    spans = [
        el("tspan", {"x": num(text_x), "dy": LINE if i else None}, line)
        for i, line in enumerate(lines)
    ]
    parts.append(el("text", {"x": num(text_x), "y": num(y + PAD + 12), "fill": FG}, spans))
    top = y + PAD + len(lines) * LINE
    if not is_missing(card.get("score")):
        parts.append(_score(text_x, top + 4, float(card["score"]), emotion))
        top += SCORE_HEIGHT + 4
    for row in _badge_rows(_all_badges(card)):
        bx = text_x
        for badge, width in row:
            parts.append(_badge(bx, top + 4, badge, width))
            bx += width + 4
        top += BADGE_HEIGHT + 4
    return el("g", {"class": "jw-card", "data-jw-card": card["id"], **marks}, parts)


def _score(x: float, y: float, score: float, emotion: bool) -> Safe:
    """The score pill, green or red by its sign on an emotion lane."""
    label = num(score)
    color = (POS if score > 0 else NEG if score < 0 else FG) if emotion else FG
    width = len(label) * 7 + 12
    return el(
        "g",
        None,
        [
            el(
                "rect",
                {
                    "x": num(x),
                    "y": num(y),
                    "width": width,
                    "height": SCORE_HEIGHT,
                    "rx": 8,
                    "fill": BG_HEAD,
                },
            ),
            el("text", {"x": num(x + 6), "y": num(y + 12), "font-size": 11, "fill": color}, label),
        ],
    )


__all__ = ["CARD_WIDTH", "card_height", "card_label", "draw_card"]
