"""The map as one SVG picture that looks like the widget's static map.

For viewers that show images but strip HTML and styles (report notebooks), and for
``m.to_svg()``, ``m.to_png()`` and ``m.save("map.svg" | "map.png" | "map.pptx")``: title,
persona and state, stage (and step) headers, one band per lane (pain and opportunity lanes
tinted), cards with their badges (:mod:`.picture_card`) and each emotion lane's curve.

Plain SVG 1.1: no stylesheet, no script, no link to anything outside the document; text is
``<text>`` (escaped by :func:`.markup.el`), so it stays selectable and searchable. The
``<title>`` and ``<desc>`` carry the picture's text alternative (:func:`picture_alt`).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Journey
from ..vocabulary import COLUMN_WIDTH, LANE_WIDTH
from .board import _cells
from .caption import initials_of
from .markup import Safe, el, num
from .picture_lane import MARGIN, Cells, Columns, lane_band
from .picture_metrics import LINE, metric_rows, score_text, stage_lines, trends_of
from .picture_style import (
    ACCENT,
    AVATAR,
    BG,
    BG_HEAD,
    BORDER,
    BORDER_STRONG,
    FG,
    FONT_FAMILY,
    FONT_SIZE,
    MUTED,
    clip,
)
from .room import room_counts

STAGE_ROW, STEP_ROW = 34, 26
#: Characters XML 1.0 does not allow; a card's text could hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _title(journey: Journey) -> str:
    return journey.title or "Customer journey map"


def picture_alt(journey: Journey) -> str:
    """The picture's text alternative: title, persona, state, then every card by stage.

    Examples
    --------
    >>> import pandas as pd
    >>> j = Journey(pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["<b>"]}))
    >>> picture_alt(j)
    'Journey map: Customer journey map. Current state. Stages: A. A, Actions: <b>.'
    """
    head = [f"Journey map: {_title(journey)}."]
    if journey.persona is not None:
        head.append(f"Persona: {journey.persona.name}.")
    head.append("Future state." if journey.state == "future" else "Current state.")
    head.append(f"Stages: {', '.join(journey.stage_names())}.")
    cells = _cells(journey.table)
    for stage, step in journey.columns():
        place = stage if step is None else f"{stage} / {step}"
        for lane in journey.lanes:
            for card in cells.get((stage, step, lane.name), []):
                text = " ".join(str(card["text"]).split()) or "(empty)"
                head.append(f"{place}, {lane.name}: {text}.")
    return " ".join(head)


def map_svg(journey: Journey) -> str:
    """The map as a standalone SVG document (with its namespace, as image files need)."""
    columns = journey.columns()
    cells = _cells(journey.table, room_counts(journey))
    width = LANE_WIDTH + COLUMN_WIDTH * max(1, len(columns)) + 2 * MARGIN
    trends = trends_of(journey)
    head, top = _head(journey, score_text(trends))
    board, bottom = _board(journey, columns, cells, top, trends)
    height = round(bottom + MARGIN)
    svg = el(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "font-family": FONT_FAMILY,
            "font-size": FONT_SIZE,
            "role": "img",
            "aria-label": f"Journey map: {_title(journey)}",
        },
        [
            el("title", None, f"Journey map: {_title(journey)}"),
            el("desc", None, picture_alt(journey)),
            el("rect", {"width": "100%", "height": "100%", "fill": BG}),
            head,
            board,
        ],
    )
    return _NOT_XML.sub("\ufffd", svg)


def _head(journey: Journey, score: str | None = None) -> tuple[Safe, float]:
    """Title, then the persona (avatar, name), the state pill and the journey score (if any).

    Returns the parts and their bottom edge.
    """
    parts = [
        el(
            "text",
            {"x": MARGIN, "y": MARGIN + 18, "font-size": 20, "font-weight": 600, "fill": FG},
            _title(journey),
        )
    ]
    y, x = MARGIN + 32, float(MARGIN)
    persona = journey.persona
    if persona is not None:
        avatar = persona.avatar
        color = AVATAR.get(avatar.color if avatar and avatar.color else "gray", AVATAR["gray"])
        initials = avatar.initials if avatar is not None else initials_of(persona.name)
        name = clip(persona.name, 360)
        parts += [
            el("circle", {"cx": x + 13, "cy": y + 13, "r": 13, "fill": color}),
            el(
                "text",
                {"x": x + 13, "y": y + 17, "text-anchor": "middle", "font-size": 11},
                [el("tspan", {"font-weight": 600, "fill": "#ffffff"}, initials)],
            ),
            el(
                "text",
                {"x": x + 32, "y": y + 17, "fill": MUTED},
                ["Persona: ", el("tspan", {"fill": FG}, name)],
            ),
        ]
        x += 32 + len(f"Persona: {name}") * FONT_SIZE * 0.5 + 14
    future = journey.state == "future"
    state = "Future state" if future else "Current state"
    pill = {"x": num(x), "y": y + 4, "width": 96, "height": 19, "rx": 10, "fill": BG}
    parts += [
        el("rect", {**pill, "stroke": ACCENT if future else BORDER}),
        el(
            "text",
            {
                "x": num(x + 48),
                "y": y + 17,
                "text-anchor": "middle",
                "font-size": 11.5,
                "fill": ACCENT if future else MUTED,
            },
            state,
        ),
    ]
    if score:
        attrs = {"x": num(x + 108), "y": y + 17, "font-size": 11.5, "fill": MUTED}
        parts.append(el("text", attrs, score))
    return el("g", {"class": "jw-head"}, parts), y + 26 + 12


def _board(
    journey: Journey, columns: Columns, cells: Cells, top: float, trends: dict[str, Any]
) -> tuple[Safe, float]:
    """The grid: header rows, then each lane's band; returns it and its bottom edge."""
    right = MARGIN + LANE_WIDTH + COLUMN_WIDTH * max(1, len(columns))
    parts: list[Safe] = []
    y = _headers(journey, columns, top, right, parts, trends)
    for lane in journey.lanes:
        y = lane_band(journey, lane.name, lane.kind, columns, cells, y, right, parts)
    grid = _grid(columns, top, y, right)
    return el("g", {"class": "jw-board"}, [*grid, *parts]), y


def _grid(columns: Columns, top: float, bottom: float, right: float) -> list[Safe]:
    """The board's frame and its column rules (stronger where a stage starts)."""
    x0 = MARGIN + LANE_WIDTH
    frame = {"x": MARGIN, "y": num(top), "width": num(right - MARGIN), "height": num(bottom - top)}
    out = [el("rect", {**frame, "rx": 6, "fill": "none", "stroke": BORDER})]
    out.append(
        el("line", {"x1": x0, "x2": x0, "y1": num(top), "y2": num(bottom), "stroke": BORDER_STRONG})
    )
    for i in range(1, len(columns)):
        x = x0 + i * COLUMN_WIDTH
        strong = columns[i][0] != columns[i - 1][0]
        out.append(
            el(
                "line",
                {
                    "x1": x,
                    "x2": x,
                    "y1": num(top),
                    "y2": num(bottom),
                    "stroke": BORDER_STRONG if strong else BORDER,
                },
            )
        )
    return out


def _headers(
    journey: Journey,
    columns: Columns,
    top: float,
    right: float,
    parts: list[Safe],
    trends: dict[str, Any],
) -> float:
    """The stage row (each stage across its steps, with its metrics) and the step row if any."""
    steps = any(step is not None for _, step in columns)
    stage_row = STAGE_ROW + LINE * metric_rows(trends)
    height = stage_row + (STEP_ROW if steps else 0)
    parts.append(
        el(
            "rect",
            {
                "x": MARGIN + 1,
                "y": num(top + 1),
                "width": num(right - MARGIN - 2),
                "height": height - 1,
                "fill": BG_HEAD,
            },
        )
    )
    parts.append(
        el(
            "text",
            {
                "x": MARGIN + 10,
                "y": num(top + 22),
                "font-size": 11,
                "fill": MUTED,
                "letter-spacing": "0.5",
            },
            "STAGE",
        )
    )
    parts += _stage_names(journey, columns, top, trends)
    if steps:
        parts.extend(_step_row(columns, top + stage_row))
    bottom = top + height
    parts.append(
        el(
            "line",
            {"x1": MARGIN, "x2": right, "y1": num(bottom), "y2": num(bottom), "stroke": BORDER},
        )
    )
    return bottom


def _stage_names(
    journey: Journey, columns: Columns, top: float, trends: dict[str, Any]
) -> list[Safe]:
    """Each stage's name across its columns, with its metric lines under it."""
    x0 = MARGIN + LANE_WIDTH
    out: list[Safe] = []
    for stage in journey.stages:
        where = [i for i, (name, _) in enumerate(columns) if name == stage.name]
        if where:
            span = len(where) * COLUMN_WIDTH
            label = clip(stage.name, span - 20)
            left = x0 + where[0] * COLUMN_WIDTH + 10
            attrs = {
                "x": left,
                "y": num(top + 22),
                "font-weight": 600,
                "fill": FG,
            }
            out.append(el("text", attrs, label))
            out += stage_lines(trends, stage.name, left, top + 22, span - 20)
    return out


def _step_row(columns: Columns, top: float) -> list[Safe]:
    """The step names under their stage, each in its column."""
    x0 = MARGIN + LANE_WIDTH
    y = num(top + 17)
    out = [el("text", {"x": MARGIN + 10, "y": y, "font-size": 11, "fill": MUTED}, "STEP")]
    for i, (_, step) in enumerate(columns):
        if step:
            attrs = {"x": x0 + i * COLUMN_WIDTH + 10, "y": y, "font-size": 12, "fill": MUTED}
            out.append(el("text", attrs, clip(step, COLUMN_WIDTH - 20, 12)))
    return out
