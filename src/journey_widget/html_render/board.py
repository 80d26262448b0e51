"""The journey map as static HTML: the widget's own markup and classes, without a browser.

The structure mirrors the front end's board (js/src/view/board.ts, card.ts, curve.ts, head.ts),
so the widget's stylesheet (``static/widget.css``) draws both alike: one look.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..model import Journey, Persona
from ..model.cards import is_missing
from ..vocabulary import (
    COLUMN_WIDTH,
    CURVE_HEIGHT,
    CURVE_PAD,
    CURVE_SERIES,
    LANE_WIDTH,
    Tone,
    css_properties,
    lane_tone,
    tone_label,
)
from .badges import badges_of, card_marks
from .markup import Safe, el, join

PRINT_WIDTH = 1030  # CSS px across an A4 landscape page inside the report's margins


def _num(value: float) -> str:
    rounded = round(float(value), 3)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


def _signed(value: float) -> str:
    return f"+{_num(value)}" if value > 0 else _num(value)


def initials_of(name: str) -> str:
    """Up to two initials from a name, as the widget derives them: "First-time buyer" -> "FB"."""
    words = [w for w in re.split(r"[\s\-_]+", name.strip()) if w]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def _persona(persona: Persona) -> Safe:
    """The persona as the widget's caption shows it (js/src/view/persona.ts).

    Expandable without script: a ``<details>`` whose summary is the avatar and the name.
    """
    avatar = persona.avatar
    color = avatar.color if avatar is not None and avatar.color else "gray"
    initials = avatar.initials if avatar is not None else initials_of(persona.name)

    def section(label: str, hook: str, items: tuple[str, ...]) -> Safe | None:
        if not items:
            return None
        return el(
            "div",
            {"class": "jw-persona-section"},
            [
                el("div", {"class": "jw-persona-label"}, label),
                el("ul", {hook: True}, [el("li", None, item) for item in items]),
            ],
        )

    attrs = {"class": "jw-persona jw-persona-static", "data-jw-persona": persona.name}
    return el(
        "details",
        attrs,
        [
            el(
                "summary",
                {"class": "jw-persona-toggle"},
                [
                    el(
                        "span",
                        {
                            "class": f"jw-avatar jw-avatar-{color}",
                            "data-jw-avatar": True,
                            "aria-hidden": "true",
                        },
                        initials,
                    ),
                    el("span", {"class": "jw-persona-word"}, "Persona: "),
                    el("span", {"data-jw-persona-name": True}, persona.name),
                ],
            ),
            el(
                "div",
                {"class": "jw-persona-details", "data-jw-persona-details": True},
                [
                    el(
                        "p",
                        {"class": "jw-persona-description", "data-jw-persona-description": True},
                        persona.description,
                    )
                    if persona.description
                    else None,
                    section("Goals", "data-jw-persona-goals", persona.goals),
                    section("Frustrations", "data-jw-persona-frustrations", persona.frustrations),
                    el(
                        "blockquote",
                        {"class": "jw-persona-quote", "data-jw-persona-quote": True},
                        persona.quote,
                    )
                    if persona.quote
                    else None,
                ],
            ),
        ],
    )


def render_head(journey: Journey) -> Safe:
    """Title, persona and state, as the widget's caption draws them on a read-only map."""
    persona = journey.persona
    future = journey.state == "future"
    state = "Future state" if future else "Current state"
    return el(
        "div",
        {"class": "jw-head"},
        [
            el(
                "div",
                {"class": "jw-title-row"},
                [
                    el(
                        "div",
                        {"class": "jw-title", "data-jw-title": True},
                        journey.title or "Customer journey map",
                    )
                ],
            ),
            el(
                "div",
                {"class": "jw-meta"},
                [
                    _persona(persona) if persona else None,
                    el(
                        "span",
                        {
                            "class": "jw-state jw-state-future" if future else "jw-state",
                            "data-jw-state-label": True,
                        },
                        state,
                    ),
                ],
            ),
        ],
    )


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
        words.append(f", score {_num(score)}")
    words.extend(f"; {b.label}" for b in badges)
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
                    "data-score": _num(score),
                },
                _num(score),
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
        ],
    )


def render_curve(
    lane: str, columns: list[tuple[str, str | None]], cells: dict[Any, list[Any]], journey: Journey
) -> Safe:
    """The emotion curve of one lane as inline SVG (no namespace needed inside HTML)."""
    scale = journey.scale
    width = max(1, len(columns)) * COLUMN_WIDTH
    span = scale.max - scale.min
    parts: list[Safe | None] = []
    if scale.min < 0 < scale.max:
        y = CURVE_PAD + scale.max / span * (CURVE_HEIGHT - 2 * CURVE_PAD)
        parts.append(
            el("line", {"class": "jw-neutral", "x1": 0, "x2": width, "y1": _num(y), "y2": _num(y)})
        )
    groups: dict[str, list[tuple[float, float, dict[str, Any]]]] = {}
    for i, (stage, step) in enumerate(columns):
        scored = [c for c in cells.get((stage, step, lane), []) if not is_missing(c["score"])]
        for j, card in enumerate(scored):
            clamped = min(scale.max, max(scale.min, card["score"]))
            x = i * COLUMN_WIDTH + (j + 1) * COLUMN_WIDTH / (len(scored) + 1)
            y = CURVE_PAD + (scale.max - clamped) / span * (CURVE_HEIGHT - 2 * CURVE_PAD)
            persona = card.get("persona")
            group = persona if isinstance(persona, str) else ""
            groups.setdefault(group, []).append((x, y, card))
    for n, (group, points) in enumerate(groups.items()):
        parts.append(
            el(
                "polyline",
                {
                    "class": f"jw-line jw-series-{n % CURVE_SERIES}",
                    "data-persona": group or None,
                    "points": " ".join(f"{_num(x)},{_num(y)}" for x, y, _ in points),
                },
            )
        )
        for x, y, card in points:
            score = card["score"]
            tone = "jw-pos" if score > 0 else "jw-neg" if score < 0 else "jw-zero"
            parts.append(
                el(
                    "circle",
                    {
                        "class": f"jw-point {tone}",
                        "data-jw-point": card["id"],
                        "data-score": _num(score),
                        "cx": _num(x),
                        "cy": _num(y),
                        "r": 5,
                    },
                    [el("title", None, str(card["text"]))],
                )
            )
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


def _cells(table: pd.DataFrame) -> dict[Any, list[dict[str, Any]]]:
    cells: dict[Any, list[dict[str, Any]]] = {}
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    for record in records:
        card = {str(k): v for k, v in record.items()}
        cells.setdefault((card["stage"], card["step"], card["lane"]), []).append(card)
    return cells


def render_board(journey: Journey) -> Safe:
    """The map as a table: stage (and step) headers, one row per lane, cards in the cells.

    A table keeps its shape where stylesheets are stripped (GitHub, sanitised notebook HTML);
    with ``widget.css`` and ``static.css`` it looks like the widget's grid.
    """
    columns = journey.columns()
    cells = _cells(journey.table)
    has_steps = any(step is not None for _, step in columns)
    n = max(1, len(columns))
    stage_row: list[Safe | None] = [el("th", {"class": "jw-corner", "scope": "col"}, "Stage")]
    for stage in journey.stages:
        span = sum(1 for name, _ in columns if name == stage.name)
        if span:
            stage_row.append(
                el(
                    "th",
                    {
                        "class": "jw-stage",
                        "scope": "colgroup" if span > 1 else "col",
                        "colspan": span if span > 1 else None,
                        "data-jw-stage": stage.name,
                        "title": stage.description or None,
                    },
                    stage.name,
                )
            )
    head = [el("tr", None, stage_row)]
    if has_steps:
        head.append(
            el(
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
        )
    body: list[Safe | None] = []
    scale_label = f"{_signed(journey.scale.min)} to {_signed(journey.scale.max)}"
    for lane in journey.lanes:
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
        if emotion:
            curve = el(
                "td",
                {"class": "jw-curve-wrap", "colspan": n},
                [render_curve(lane.name, columns, cells, journey)],
            )
            body.append(el("tr", {"class": "jw-curve-row"}, [lane_head, curve]))
            body.append(el("tr", None, row_cells))
        else:
            body.append(el("tr", None, [lane_head, *row_cells]))
    width = LANE_WIDTH + COLUMN_WIDTH * len(columns)
    return el(
        "div",
        {"class": "jw-scroll"},
        [
            el(
                "table",
                {
                    "class": "jw-board",
                    "style": f"--jw-print-zoom:{min(1.0, PRINT_WIDTH / width):.3f}",
                },
                [el("thead", None, head), el("tbody", None, body)],
            )
        ],
    )


def render_map(journey: Journey) -> Safe:
    """The whole map (caption and board) as the widget draws it, read-only.

    Examples
    --------
    >>> import pandas as pd, journey_widget as jw
    >>> j = jw.Journey(pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["<b>hi"]}))
    >>> "&lt;b&gt;hi" in render_map(j)
    True
    """
    # The board's geometry as the widget sets it at mount: widget.css reads these properties.
    return el(
        "div",
        {
            "class": "jw-root jw-static",
            "data-jw-root": True,
            "role": "table",
            "style": css_properties(),
            "aria-label": f"Journey map: {journey.title or 'Customer journey map'}",
        },
        join([render_head(journey), render_board(journey)]),
    )
