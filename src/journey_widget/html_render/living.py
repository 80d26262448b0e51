"""Metrics over time on the static map: stage header values, changes, sparklines; the score.

The markup is the widget's (js/src/view/stagemetrics.ts, sparkline.ts), so the widget's
stylesheet draws both alike.
"""

from __future__ import annotations

from typing import Any

from .markup import Safe, el
from .stage_trend import score_counts

__all__ = ["render_score", "render_stage_metrics", "score_counts"]

SPARK_WIDTH = 36
SPARK_HEIGHT = 14


def spark_points(
    values: list[float | None], w: int = SPARK_WIDTH, h: int = SPARK_HEIGHT
) -> list[str]:
    """The polyline runs of ``values`` in a ``w`` x ``h`` box, as js/src/view/sparkline.ts draws.

    Examples
    --------
    >>> spark_points([5.0, 5.0])
    ['1.0,7.0 35.0,7.0']
    >>> len(spark_points([1.0, None, 3.0, 4.0]))
    2
    """
    known = [v for v in values if v is not None]
    if not known:
        return []
    lo, span = min(known), max(known) - min(known)
    step = (w - 2) / (len(values) - 1) if len(values) > 1 else 0.0
    runs: list[str] = []
    run: list[str] = []
    for i, v in enumerate(values):
        if v is None:
            if run:
                runs.append(" ".join(run))
            run = []
            continue
        y = h - 1 - (v - lo) / span * (h - 2) if span else h / 2
        run.append(f"{1 + i * step:.1f},{y:.1f}")
    if run:
        runs.append(" ".join(run))
    return runs


def _sparkline(values: list[float | None]) -> Safe:
    runs = spark_points(values)
    parts: list[Safe | None] = [el("polyline", {"points": p, "fill": "none"}) for p in runs]
    if runs and values[-1] is not None:
        x, y = runs[-1].split(" ")[-1].split(",")
        parts.append(el("circle", {"cx": x, "cy": y, "r": "1.6"}))
    return el(
        "svg",
        {
            "class": "jw-spark",
            "data-jw-sparkline": len(values),
            "width": SPARK_WIDTH,
            "height": SPARK_HEIGHT,
            "viewBox": f"0 0 {SPARK_WIDTH} {SPARK_HEIGHT}",
            "aria-hidden": "true",
            "focusable": "false",
        },
        parts,
    )


def _metric_row(entry: dict[str, Any], timed: bool) -> Safe:
    good = entry.get("good")
    word = None if good is None else "better" if good else "worse"
    change = entry.get("change_text")
    series = entry.get("series") or []
    return el(
        "li",
        {"class": "jw-sm", "data-jw-metric": entry["metric"]},
        [
            el("span", {"class": "jw-sr-only"}, entry["label"]),
            el("span", {"class": "jw-sm-name", "aria-hidden": "true"}, entry["metric"]),
            el(
                "span",
                {"class": "jw-sm-value", "data-jw-metric-value": True, "aria-hidden": "true"},
                entry["text"],
            ),
            _sparkline(series) if timed and len(series) > 1 else None,
            el(
                "span",
                {
                    "class": f"jw-sm-change jw-sm-{word}" if word else "jw-sm-change",
                    "data-jw-metric-change": entry.get("direction") or True,
                    "data-jw-metric-good": word,
                    "aria-hidden": "true",
                },
                change,
            )
            if change
            else None,
        ],
    )


def render_stage_metrics(stage: str, trends: dict[str, Any]) -> Safe | None:
    """The metrics block of one stage header (``trends``: :func:`.stage_trend.stage_trends`)."""
    entries = trends.get("stages", {}).get(stage)
    if not entries:
        return None
    periods = trends.get("periods", [])
    period = periods[-1] if periods else None
    more = trends.get("more", {}).get(stage, 0)
    label = f"Metrics of {stage}" + (f", {period}" if period else "")
    rows: list[Safe | None] = [_metric_row(e, len(periods) > 1) for e in entries]
    if more:
        rows.append(
            el("li", {"class": "jw-sm-more", "data-jw-metrics-more": more}, f"+{more} more")
        )
    return el(
        "ul",
        {
            "class": "jw-stage-metrics",
            "data-jw-stage-metrics": stage,
            "data-jw-period": period,
            "aria-label": label,
        },
        rows,
    )


def render_score(score: dict[str, Any] | None) -> Safe | None:
    """The journey score of the caption (``score``: :func:`.stage_trend.score_counts`)."""
    if not score:
        return None
    return el(
        "span",
        {"class": "jw-score", "data-jw-journey-score": round(score["share"] * 100)},
        score["text"],
    )
