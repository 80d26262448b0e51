"""The journey map as static HTML: the widget's own markup and classes, without a browser.

The structure mirrors the front end's board (js/src/view/board.ts, card.ts, curve.ts, head.ts),
so the widget's stylesheet (``static/widget.css``) draws both alike: one look. The caption is
drawn by :mod:`.caption`, an emotion lane's curve by :mod:`.curve`.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..model import Journey, Lane
from ..model.cards import is_missing
from ..model.metrics_ops import current_metrics
from ..vocabulary import (
    COLUMN_WIDTH,
    LANE_WIDTH,
    Tone,
    css_properties,
    lane_tone,
    tone_label,
)
from .badges import badges_of, card_marks
from .caption import render_head
from .curve import render_curve
from .living import render_stage_metrics
from .markup import Safe, el, join, num
from .room import RoomCounts, render_marks, room_counts, room_labels, with_room
from .stage_trend import stage_trends

PRINT_WIDTH = 1030  # CSS px across an A4 landscape page inside the report's margins
#: The map's columns: (stage, step), the step ``None`` for a stage without steps.
Columns = list[tuple[str, str | None]]


def _signed(value: float) -> str:
    return f"+{num(value)}" if value > 0 else num(value)


def render_card(card: dict[str, Any], tone: Tone | None = None) -> Safe:
    """One card as the widget draws it (js/src/view/card.ts).

    Text, score, badges, and the ``data-jw-confidence`` / ``data-jw-evidence`` marks its edge
    style is drawn from.

    ``tone`` is the lane's (``"pain"``, ``"opportunity"`` or ``None``: see
    :func:`journey_widget.vocabulary.lane_tone`); it starts the card's accessible label, as in
    the widget.
    """
    has_score = not is_missing(card.get("score"))
    score = float(card["score"]) if has_score else 0.0
    badges = badges_of(card)
    words = [f"{tone_label(tone)}:" if tone else "", str(card["text"]).strip() or "Empty card"]
    if has_score:
        words.append(f", score {num(score)}")
    words.extend(f"; {b.label}" for b in badges)
    words.extend(f"; {w}" for w in room_labels(card))
    label = re.sub(r" ([,;])", r"\1", " ".join(words)).strip()
    hypothesized = " jw-hypothesized" if card.get("confidence") == "hypothesized" else ""
    sign = " jw-neg" if has_score and score < 0 else " jw-pos" if has_score and score > 0 else ""
    marks = card_marks(card)
    return el(
        "div",
        {
            "class": f"jw-card{hypothesized}",
            "role": "article",
            "data-jw-card": card["id"],
            **marks,
            "aria-label": label,
        },
        [
            el("div", {"class": "jw-card-text", "data-jw-card-text": True}, str(card["text"])),
            el(
                "span",
                {
                    "class": f"jw-card-score{sign}",
                    "data-jw-card-score": True,
                    "data-score": num(score),
                },
                num(score),
            )
            if has_score
            else None,
            el(
                "div",
                {"class": "jw-meta-row", "data-jw-card-meta": True},
                [
                    el("span", {"class": f"jw-badge {b.cls}", "title": b.label}, b.text)
                    for b in badges
                ],
            )
            if badges
            else None,
            render_marks(card),
        ],
    )


def _cells(
    table: pd.DataFrame, room: dict[str, RoomCounts] | None = None
) -> dict[Any, list[dict[str, Any]]]:
    """The cards by (stage, step, lane), with their comments and votes when given (:mod:`.room`)."""
    cells: dict[Any, list[dict[str, Any]]] = {}
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    cards = [{str(k): v for k, v in record.items()} for record in records]
    with_room(cards, room or {})
    for card in cards:
        cells.setdefault((card["stage"], card["step"], card["lane"]), []).append(card)
    return cells


def render_board(journey: Journey, trends: dict[str, Any] | None = None) -> Safe:
    """The map as a table: stage (and step) headers, one row per lane, cards in the cells.

    A table keeps its shape where stylesheets are stripped (GitHub, sanitised notebook HTML);
    with ``widget.css`` and ``static.css`` it looks like the widget's grid. ``trends``: the
    stage headers' metrics (:func:`.stage_trend.stage_trends`), computed when not given.
    """
    if trends is None:
        trends = stage_trends(current_metrics(journey))
    columns = journey.columns()
    cells = _cells(journey.table, room_counts(journey))
    head = [_stage_row(journey, columns, trends)]
    if any(step is not None for _, step in columns):
        head.append(_step_row(columns))
    scale_label = f"{_signed(journey.scale.min)} to {_signed(journey.scale.max)}"
    body: list[Safe | None] = []
    for lane in journey.lanes:
        body.extend(_lane_rows(journey, lane, columns, cells, scale_label))
    width = LANE_WIDTH + COLUMN_WIDTH * len(columns)
    return el(
        "div",
        {"class": "jw-scroll"},
        [
            el(
                "table",
                {
                    "class": "jw-board",
                    # Reports fit the board to the page: print by --jw-print-zoom, the
                    # screen by --jw-board-width (reports/report.css).
                    "style": f"--jw-print-zoom:{min(1.0, PRINT_WIDTH / width):.3f};"
                    f"--jw-board-width:{width}px",
                },
                [el("thead", None, head), el("tbody", None, body)],
            )
        ],
    )


def _stage_row(journey: Journey, columns: Columns, trends: dict[str, Any]) -> Safe:
    """The header row of stages, each spanning its columns (its steps), with their metrics."""
    row: list[Safe | None] = [el("th", {"class": "jw-corner", "scope": "col"}, "Stage")]
    for stage in journey.stages:
        span = sum(1 for name, _ in columns if name == stage.name)
        metrics = render_stage_metrics(stage.name, trends)
        if span:
            row.append(
                el(
                    "th",
                    {
                        "class": "jw-stage jw-has-metrics" if metrics else "jw-stage",
                        "scope": "colgroup" if span > 1 else "col",
                        "colspan": span if span > 1 else None,
                        "data-jw-stage": stage.name,
                        "title": stage.description or None,
                    },
                    stage.name if metrics is None else [stage.name, metrics],
                )
            )
    return el("tr", None, row)


def _step_row(columns: Columns) -> Safe:
    """The header row of steps (an empty header under a stage without steps)."""
    return el(
        "tr",
        None,
        [
            el("th", {"class": "jw-corner jw-corner-step"}, "Step"),
            *(
                el(
                    "th",
                    {
                        "class": "jw-step" if step else "jw-step jw-step-none",
                        "scope": "col",
                        "data-jw-step": step,
                        "data-stage": name if step else None,
                    },
                    step or "",
                )
                for name, step in columns
            ),
        ],
    )


def _lane_rows(
    journey: Journey,
    lane: Lane,
    columns: Columns,
    cells: dict[Any, list[dict[str, Any]]],
    scale_label: str,
) -> list[Safe]:
    """A lane's rows: its cards, with a row for its curve above them on an emotion lane."""
    key = lane_tone(lane.name)
    tone = f" jw-tone-{key}" if key else ""
    emotion = lane.kind == "emotion"
    lane_head = el(
        "th",
        {
            "class": f"jw-lane{tone}",
            "scope": "row",
            "rowspan": 2 if emotion else None,
            "data-jw-lane": lane.name,
            "data-jw-lane-kind": lane.kind,
        },
        [
            el("span", {"class": "jw-lane-name"}, lane.name),
            el("span", {"class": "jw-lane-scale"}, scale_label) if emotion else None,
        ],
    )
    row_cells = [
        el(
            "td",
            {
                "class": f"jw-cell jw-kind-{lane.kind}{tone}",
                "data-jw-cell": True,
                "data-stage": name,
                "data-step": step or "",
                "data-lane": lane.name,
            },
            [
                el(
                    "div",
                    {"class": "jw-cards"},
                    [render_card(c, key) for c in cells.get((name, step, lane.name), [])],
                )
            ],
        )
        for name, step in columns
    ]
    if not emotion:
        return [el("tr", None, [lane_head, *row_cells])]
    curve = el(
        "td",
        {"class": "jw-curve-wrap", "colspan": max(1, len(columns))},
        [render_curve(lane.name, columns, cells, journey)],
    )
    return [el("tr", {"class": "jw-curve-row"}, [lane_head, curve]), el("tr", None, row_cells)]


def render_map(journey: Journey) -> Safe:
    """The whole map (caption and board) as the widget draws it, read-only.

    Examples
    --------
    >>> import pandas as pd, journey_widget as jw
    >>> j = jw.Journey(pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["<b>hi"]}))
    >>> "&lt;b&gt;hi" in render_map(j)
    True
    """
    trends = stage_trends(current_metrics(journey))  # the headers' metrics and the score
    # The board's geometry as the widget sets it at mount: widget.css reads these properties.
    return el(
        "div",
        {
            "class": "jw-root jw-static",
            "data-jw-root": True,
            "role": "figure",
            "style": css_properties(),
            "aria-label": f"Journey map: {journey.title or 'Customer journey map'}",
        },
        join([render_head(journey, trends.get("score")), render_board(journey, trends)]),
    )
