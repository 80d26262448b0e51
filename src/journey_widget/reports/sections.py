"""The report's sections as displayable objects: each renders itself as escaped HTML.

A report notebook calls these in its (hidden) code cells, so running the notebook in a kernel
and building it in-process give the same outputs.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from ..html_render import Safe, el
from ..model import Journey
from ..model.cards import is_missing
from ..vocabulary import Tone, lane_tone

BACKING_COLUMNS = ("frequency", "tickets", "n_tickets", "ticket_count", "count")


def _journey(m: Any) -> Journey:
    return m if isinstance(m, Journey) else m.journey


class Table:
    """A titled table that shows as escaped HTML (``_repr_html_``) and keeps its DataFrame.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show (``data`` keeps it for further work).
    caption : str
        What the table shows, above it.
    empty : str
        Said instead of an empty table.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        caption: str = "",
        empty: str = "Nothing to show.",
        css: str = "jw-table",
    ) -> None:
        self.data = frame
        self.caption = caption
        self.empty = empty
        self.css = css

    def _repr_html_(self) -> str:
        if self.data.empty:
            return str(el("p", {"class": "jw-report-empty"}, self.empty))
        head = el("tr", None, [el("th", {"scope": "col"}, str(c)) for c in self.data.columns])
        rows = [
            el("tr", None, [el("td", None, _cell(v)) for v in row])
            for row in self.data.itertuples(index=False)
        ]
        return str(
            el(
                "table",
                {"class": self.css},
                [
                    el("caption", None, self.caption) if self.caption else None,
                    el("thead", None, [head]),
                    el("tbody", None, rows),
                ],
            )
        )

    def __repr__(self) -> str:
        return (
            f"{self.caption}\n{self.data.to_string(index=False)}"
            if self.caption
            else repr(self.data)
        )


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    if is_missing(value):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.3g}"
    return str(value)


def _lanes(journey: Journey, tone: Tone) -> list[str]:
    """The lanes of ``tone``, by the rule the map draws them with (``vocabulary.lane_tone``)."""
    return [lane.name for lane in journey.lanes if lane_tone(lane.name) == tone]


def _column(table: pd.DataFrame, name: str) -> pd.Series:
    return (
        table[name] if name in table.columns else pd.Series(None, index=table.index, dtype=object)
    )


def backing(table: pd.DataFrame) -> pd.Series:
    """How much backs each card.

    A frequency/ticket column when the map has one, else the number of evidence entries
    (``evidence`` split on ``;`` or new lines).
    """
    for name in BACKING_COLUMNS:
        if name in table.columns and pd.api.types.is_numeric_dtype(table[name]):
            return pd.to_numeric(table[name], errors="coerce")
    evidence = _column(table, "evidence")
    return evidence.map(
        lambda v: (
            0
            if is_missing(v) or not str(v).strip()
            else len([p for p in re.split(r"[;\n]", str(v)) if p.strip()])
        )
    ).astype(float)


def pain_points(m: Any, top: int | None = 10) -> Table:
    """The pain points ranked by severity, then by how much backs them.

    Pain points are the cards of pain lanes (``vocabulary.lane_tone``: "Pain points",
    "Problems", "Frustrations", ...). Severity is the ``severity``
    column (1-5; missing ranks last); backing is :func:`backing`.
    """
    j = _journey(m)
    t = j.table[j.table["lane"].isin(_lanes(j, "pain"))]
    frame = pd.DataFrame(
        {
            "stage": t["stage"],
            "pain point": t["text"],
            "severity": pd.to_numeric(_column(t, "severity"), errors="coerce"),
            "backing": backing(t),
            "evidence": _column(t, "evidence"),
            "confidence": _column(t, "confidence"),
        }
    )
    frame["order"] = frame["stage"].map({s: i for i, s in enumerate(j.stage_names())})
    frame = frame.sort_values(
        ["severity", "backing", "order"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    ).drop(columns="order")
    if top is not None:
        frame = frame.head(top)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return Table(frame.reset_index(drop=True), "", "No pain points on this map yet.")


def opportunities(m: Any) -> Table:
    """Opportunities as a priority list: impact high first, then effort low, with owners."""
    j = _journey(m)
    t = j.table[j.table["lane"].isin(_lanes(j, "opportunity"))]
    frame = pd.DataFrame(
        {
            "stage": t["stage"],
            "opportunity": t["text"],
            "owner": _column(t, "owner"),
            "impact": _column(t, "impact"),
            "effort": _column(t, "effort"),
        }
    )
    impact = pd.to_numeric(frame["impact"], errors="coerce")
    effort = pd.to_numeric(frame["effort"], errors="coerce")
    frame = (
        frame.assign(_i=impact, _e=effort)
        .sort_values(["_i", "_e"], ascending=[False, True], na_position="last", kind="stable")
        .drop(columns=["_i", "_e"])
    )
    frame.insert(0, "priority", range(1, len(frame) + 1))
    return Table(frame.reset_index(drop=True), "", "No opportunities on this map yet.")


def stage_summary(m: Any) -> Table:
    """Per stage: cards, mean emotion, the lowest emotion, pain points and opportunities."""
    j = _journey(m)
    t = j.table
    emotion = t["lane"].isin([lane.name for lane in j.lanes if lane.kind == "emotion"])
    rows = []
    for stage in j.stage_names():
        here = t[t["stage"] == stage]
        scores = here.loc[emotion[here.index], ["score", "text"]].dropna(subset=["score"])
        low = scores.iloc[int(scores["score"].to_numpy().argmin())] if len(scores) else None
        rows.append(
            {
                "stage": stage,
                "cards": len(here),
                "mean emotion": round(float(scores["score"].mean()), 2)
                if len(scores)
                else math.nan,
                "lowest moment": f"{low['text']} ({low['score']:g})" if low is not None else "",
                "pain points": int(here["lane"].isin(_lanes(j, "pain")).sum()),
                "opportunities": int(here["lane"].isin(_lanes(j, "opportunity")).sum()),
            }
        )
    return Table(pd.DataFrame(rows), "", "This map has no stages yet.")


def card_table(m: Any) -> Table:
    """Every card with every column (the appendix)."""
    j = _journey(m)
    return Table(j.table.copy(), "", "This map has no cards yet.", css="jw-table jw-table-compact")


class Html:
    """Escaped markup built with :func:`~journey_widget.html_render.el`, displayable."""

    def __init__(self, markup: Safe, plain: str = "") -> None:
        self.markup = markup
        self.plain = plain

    def _repr_html_(self) -> str:
        return str(self.markup)

    def __repr__(self) -> str:
        return self.plain


class Chart:
    """An Altair chart shown as static SVG plus its Vega-Lite spec: no JavaScript, no network."""

    def __init__(self, chart: Any) -> None:
        self.chart = chart

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from ..charts.render import to_svg, vegalite_mimetype

        spec = self.chart.to_dict()
        return {
            "image/svg+xml": to_svg(spec),
            vegalite_mimetype(): spec,
            "text/plain": "<Altair chart: rendered as SVG>",
        }


def chart(c: Any) -> Chart:
    """Wrap an Altair chart for a report: SVG and spec, never the CDN-loading HTML renderer."""
    return Chart(c)


def persona(m: Any) -> Html:
    """The persona as HTML, or a note that the map has none.

    Name, description, goals, frustrations, quote and the analyst's own fields. All of it is
    escaped text.
    """
    p = _journey(m).persona
    if p is None:
        return Html(
            el("p", {"class": "jw-report-empty"}, "No persona is set on this map."), "No persona"
        )
    extra = {k: v for k, v in p.extra.items() if isinstance(v, str | int | float)}
    frustrations = [el("li", None, f"Frustration: {f}") for f in p.frustrations]
    plain = [
        f"Persona: {p.name}",
        *(f"Goal: {g}" for g in p.goals),
        *(f"Frustration: {f}" for f in p.frustrations),
        *(
            [f"\N{LEFT DOUBLE QUOTATION MARK}{p.quote}\N{RIGHT DOUBLE QUOTATION MARK}"]
            if p.quote
            else []
        ),
    ]
    return Html(
        el(
            "div",
            {"class": "jw-report-persona"},
            [
                el("p", None, [el("strong", None, p.name)]),
                el("p", None, p.description) if p.description else None,
                el("ul", None, [el("li", None, f"Goal: {g}") for g in p.goals])
                if p.goals
                else None,
                el("ul", {"data-jw-persona-frustrations": True}, frustrations)
                if frustrations
                else None,
                el(
                    "blockquote",
                    {"class": "jw-report-quote", "data-jw-persona-quote": True},
                    p.quote,
                )
                if p.quote
                else None,
                el("ul", None, [el("li", None, f"{k}: {v}") for k, v in extra.items()])
                if extra
                else None,
            ],
        ),
        "\n".join(plain),
    )


#: How the report defines the journey score (docs/charts.md, "Metrics over time").
SCORE_DEFINITION = (
    "The journey score is the share of stage metrics whose latest value meets its target: at "
    "or above it, or at or below it for drop-off and time to next, where less is better. "
    "Metrics without a target do not count."
)


def journey_score(m: Any) -> Html:
    """The journey score with its counts and definition, or a note that no metric has a target.

    Examples
    --------
    >>> m.metrics = pd.DataFrame({"stage": ["Browse", "Cart", "Pay"], "metric": "CSAT",
    ...                           "value": [81.0, 60.0, 20.0], "target": [80.0, 70.0, 10.0]})
    >>> print(repr(journey_score(m)).splitlines()[0])
    Journey score 67% (2 of 3 targets met)
    """
    from ..html_render.stage_trend import score_counts
    from ..model.metrics_ops import current_metrics

    score = score_counts(current_metrics(_journey(m)))
    if score is None:
        note = "No stage metric has a target, so there is no journey score."
        return Html(el("p", {"class": "jw-report-empty"}, note), note)
    return Html(
        el(
            "div",
            {"class": "jw-report-score"},
            [
                el("p", None, [el("strong", {"data-jw-journey-score": True}, score["text"])]),
                el("p", None, SCORE_DEFINITION),
            ],
        ),
        f"{score['text']}\n{SCORE_DEFINITION}",
    )


def changes(current: Any, future: Any) -> Html:
    """What changed from the current to the future map.

    The changed cards, and the emotion curve's move per stage (see :func:`journey_widget.diff`
    and :func:`journey_widget.emotion_change`).
    """
    from ..practice import diff, emotion_change

    changed = diff(current, future)
    shown = changed[
        [
            "change",
            "stage_before",
            "lane_before",
            "text_before",
            "stage_after",
            "lane_after",
            "text_after",
        ]
    ]
    cards = Table(
        shown.rename(columns=lambda c: c.replace("_", " ")),
        "Cards added, removed, moved or edited",
        "No card changed.",
    )
    moods = Table(
        emotion_change(current, future),
        "Emotion by stage, current and future",
        "Neither map has emotion scores.",
    )
    plain = f"{len(changed)} changed card(s)"
    return Html(Safe(cards._repr_html_() + moods._repr_html_()), plain)
