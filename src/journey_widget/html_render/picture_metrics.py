"""The living map's numbers in the map picture: each stage's latest metrics and the score.

The same summary as the widget's stage headers and the static map (:mod:`.stage_trend`), drawn
as plain SVG text: a line per metric (name, latest value, change since the previous period in
words, coloured good or bad only as a repeat of the word), "+N more", and the journey score
under the title. A map without metrics draws exactly as before.
"""

from __future__ import annotations

from typing import Any

from ..model import Journey
from ..model.metrics_ops import current_metrics
from .markup import Safe, el, num
from .picture_style import FG, MUTED, NEG, POS, clip
from .stage_trend import stage_trends

#: Height of one metric line under a stage name.
LINE = 16


def trends_of(journey: Journey) -> dict[str, Any]:
    """The stage summary the picture draws (``{}`` for a map without metrics)."""
    return stage_trends(current_metrics(journey))


def metric_rows(trends: dict[str, Any]) -> int:
    """How many metric lines the tallest stage header needs (0 without metrics)."""
    stages, more = trends.get("stages", {}), trends.get("more", {})
    return max((len(e) + (1 if s in more else 0) for s, e in stages.items()), default=0)


def stage_lines(
    trends: dict[str, Any], stage: str, x: float, top: float, width: float
) -> list[Safe]:
    """The metric lines of one stage, from ``top`` down, within ``width``."""
    out: list[Safe] = []
    y = top
    for entry in trends.get("stages", {}).get(stage, []):
        y += LINE
        parts: list[Any] = [
            el("tspan", {"fill": MUTED}, clip(str(entry["metric"]), width * 0.45, 11) + "\u00a0"),
            el("tspan", {"font-weight": 600, "fill": FG}, entry["text"]),
        ]
        change = entry.get("change_text")
        if change:
            good = entry.get("good")
            color = MUTED if good is None else POS if good else NEG
            parts.append(el("tspan", {"fill": color}, f"\u00a0 {change}"))
        out.append(el("text", {"x": num(x), "y": num(y), "font-size": 11}, parts))
    extra = trends.get("more", {}).get(stage)
    if extra:
        y += LINE
        out.append(
            el("text", {"x": num(x), "y": num(y), "font-size": 11, "fill": MUTED}, f"+{extra} more")
        )
    return out


def score_text(trends: dict[str, Any]) -> str | None:
    """The caption's "Journey score 67% (4 of 6 targets met)", or ``None`` without targets."""
    score = trends.get("score")
    return None if not score else str(score["text"])
