"""Build a report notebook with nbformat, in-process: cells, their outputs, saved widget state.

Every code cell is real code (``S.pain_points(m)``): executed here through IPython's display
formatter for the outputs, or by a kernel when ``execute=True``; both give the same displays.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import nbformat
from IPython.core.formatters import DisplayFormatter

from ..charts.render import vegalite_mimetype
from ..html_render.image import map_svg
from ..model import Journey
from .room import has_room
from .widget_state import STATE_KEY, rename_view, stable_state

SETUP = "import journey_widget as jw\nfrom journey_widget.reports import sections as S"


@dataclass
class _Builder:
    include_code: bool
    cells: list[Any] = field(default_factory=list)
    namespace: dict[str, Any] = field(default_factory=dict)
    widgets: list[Any] = field(default_factory=list)
    displays: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)

    def _id(self, kind: str) -> str:
        return f"jw-{len(self.cells):03d}-{kind}"

    def markdown(self, text: str) -> None:
        self.cells.append(nbformat.v4.new_markdown_cell(text, id=self._id("md")))

    def code(self, source: str, show: bool = True) -> None:
        """Add a code cell; run it here; keep the display of its last line as the output."""
        cell = nbformat.v4.new_code_cell(source, id=self._id("code"))
        if not self.include_code:
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = ["remove-input"]
        *body, last = source.strip().split("\n")
        exec("\n".join(body), self.namespace)  # our own generated code, never user input
        value = eval(last, self.namespace)
        if show and value is not None:
            data, meta = DisplayFormatter().format(value)
            vegalite = vegalite_mimetype()
            if vegalite in data:
                meta = {k: v for k, v in meta.items() if k != vegalite}
            if hasattr(value, "journey") and "text/html" in data:  # a map: add its image too
                data["image/svg+xml"] = map_svg(value.journey)
            output = nbformat.v4.new_output("display_data", data=data, metadata=meta)
            cell.outputs = [output]
            self.displays.append((output, data))
            if hasattr(value, "_repr_mimebundle_") and hasattr(value, "model_id"):
                self.widgets.append(value)
        self.cells.append(cell)


def escape_md(text: str) -> str:
    """User text for a Markdown cell, with every ASCII punctuation mark backslash-escaped.

    CommonMark shows an escaped mark literally, so no tag, link, entity or emphasis can come
    from the text.
    """
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.splitlines()))


def _map_source(name: str, journey: Journey) -> str:
    from ..io import journey_to_json

    return f"{name} = jw.JourneyMap.from_json({journey_to_json(journey, indent=None)!r})"


def build_notebook(
    journeys: list[Journey], *, title: str | None = None, include_code: bool = False
) -> nbformat.NotebookNode:
    """The report notebook for one map, or two compared (current, then future state)."""
    if not 1 <= len(journeys) <= 2:
        raise ValueError(f"a report takes one map or two (current and future), got {len(journeys)}")
    b = _Builder(include_code)
    names = ["m"] if len(journeys) == 1 else ["current", "future"]
    heading = title or journeys[0].title or "Customer journey report"
    about = (
        "a comparison of the current and the future state"
        if len(journeys) == 2
        else f"the {journeys[0].state} state"
    )
    b.markdown(
        f"# {escape_md(heading)}\n\nA customer journey report: {about}, built from "
        "the map's own data by journey_widget. Every table and chart below is computed "
        "from the cards, so the report can be rebuilt and diffed."
    )
    b.code(
        "\n".join(
            [SETUP, *(_map_source(n, j) for n, j in zip(names, journeys, strict=True)), "None"]
        ),
        show=False,
    )
    for name, journey in zip(names, journeys, strict=True):
        suffix = f": {escape_md(journey.title)}" if len(journeys) == 2 and journey.title else ""
        label = {"m": "", "current": " (current state)", "future": " (future state)"}[name]
        b.markdown(f"## Persona{label}")
        b.code(f"S.persona({name})")
        b.markdown(f"## The map{label}{suffix}")
        b.code(name)
        if any(lane.kind == "emotion" for lane in journey.lanes) and _has_charts():
            b.markdown(f"## Emotion curve{label}")
            b.code(f"S.chart({name}.emotion_chart())")
        if getattr(journey, "metrics", None) is not None:
            _metrics(b, name, journey, label)
        _priorities(b, name, journey, label)
        b.markdown(f"## Stage by stage{label}")
        b.code(f"S.stage_summary({name})")
    if len(journeys) == 2:
        b.markdown("## What changed from current to future")
        b.code("S.changes(current, future)")
    for name in names:
        label = {"m": "", "current": " (current state)", "future": " (future state)"}[name]
        b.markdown(f"## Appendix: the cards{label}")
        b.code(f"S.card_table({name})")
    return _finish(b, journeys, heading)


def _metrics(b: _Builder, name: str, journey: Journey, label: str) -> None:
    """The stage metrics chart and, when a metric has a target, the journey score."""
    from ..html_render.stage_trend import score_counts
    from ..model.metrics_ops import current_metrics

    scored = score_counts(current_metrics(journey)) is not None
    if not (scored or _has_charts()):
        return
    b.markdown(f"## Stage metrics{label}")
    if _has_charts():
        b.code(f"S.chart({name}.metrics_chart())")
    if scored:
        b.code(f"S.journey_score({name})")


def _priorities(b: _Builder, name: str, journey: Journey, label: str) -> None:
    """The sections on what to do first: pain points, opportunities, what the room chose.

    The last only when the map has comments or a revealed voting round (reports/room.py).
    """
    b.markdown(
        f"## Top pain points{label}\n\nRanked by severity (1-5), then by how many "
        "tickets or pieces of evidence back them."
    )
    b.code(f"S.pain_points({name})")
    b.markdown(
        f"## Opportunities{label}\n\nHighest impact first, then lowest effort, with their owners."
    )
    b.code(f"S.opportunities({name})")
    if has_room(journey):
        b.markdown(
            f"## What the room chose{label}\n\nThe cards the room voted for most in each "
            "revealed dot-voting round, with their comments."
        )
        b.code(
            f"from journey_widget.reports.room import what_the_room_chose\n"
            f"what_the_room_chose({name})"
        )


def _has_charts() -> bool:
    from ..widget import JourneyMap

    return hasattr(JourneyMap, "emotion_chart")


def _finish(b: _Builder, journeys: list[Journey], heading: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=b.cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["title"] = heading
    if b.widgets:
        salt = hashlib.sha256("".join(_json(j) for j in journeys).encode()).hexdigest()
        state, renames = stable_state(b.widgets, salt)
        nb.metadata["widgets"] = {STATE_KEY: state}
        for output, data in b.displays:
            output["data"] = rename_view(data, renames)
    nbformat.validate(nb)
    notebook: nbformat.NotebookNode = nb
    return notebook


def _json(journey: Journey) -> str:
    from ..io import journey_to_json

    return journey_to_json(journey, indent=None)
