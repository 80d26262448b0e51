"""The paths flow chart: Altair marks drawn from the layout of :mod:`.paths_layout`.

Nodes are rectangles (one colour per label, so an activity has the same colour in every column),
links are filled areas between columns (coloured by where they lead, "(end)" and "(start)"
grey), labels are text marks (data, never markup). The chart holds only the layout (at most
``top`` paths), far below Altair's row limit.
"""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from ..model.errors import JourneyError
from .paths_layout import FlowLayout, band, layout, path_rows
from .paths_types import END, START

NODE_WIDTH = 0.06  # in columns
COLUMN_WIDTH = 170  # pixels per column
HEIGHT = 320
GREY = "#b0b0b0"
#: at most this many link samples in the chart (Altair refuses more than 5,000 rows)
MAX_SAMPLES = 4000
MAX_PATHS = 200


def _colour(labels: list[str]) -> alt.Scale:
    palette = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2",
               "#ff9da6", "#9d755d", "#bab0ac"]  # fmt: skip
    plain = sorted(x for x in set(labels) if x not in (END, START))
    domain = [*plain, END, START]
    colours = [palette[i % len(palette)] for i in range(len(plain))] + [GREY, GREY]
    return alt.Scale(domain=domain, range=colours)


def node_frame(flow: FlowLayout) -> pd.DataFrame:
    """One row per node: column, label, cases, share of the cases drawn, and its rectangle."""
    total = flow.total or 1
    return pd.DataFrame(
        {
            "column": [n.column for n in flow.nodes],
            "step": [flow.titles[n.column] for n in flow.nodes],
            "label": [n.label for n in flow.nodes],
            "cases": [n.value for n in flow.nodes],
            "share": [n.value / total for n in flow.nodes],
            "x": [n.column - NODE_WIDTH / 2 for n in flow.nodes],
            "x2": [n.column + NODE_WIDTH / 2 for n in flow.nodes],
            "y": [n.y0 for n in flow.nodes],
            "y2": [n.y1 for n in flow.nodes],
            "text": [f"{n.label} ({n.value:,})" for n in flow.nodes],
        }
    )


def link_frame(flow: FlowLayout) -> pd.DataFrame:
    """The links' bands as samples ``(link, x, y, y2)`` with their from, to and cases."""
    points = max(4, min(16, MAX_SAMPLES // max(len(flow.links), 1)))
    total = flow.total or 1
    rows = []
    for i, link in enumerate(flow.links):
        source, target = flow.nodes[link.source], flow.nodes[link.target]
        x0, x1 = source.column + NODE_WIDTH / 2, target.column - NODE_WIDTH / 2
        for x, top, bottom in band(link, x0, x1, points):
            rows.append(
                (i, x, top, bottom, source.label, target.label, link.value, link.value / total)
            )
    columns = ["link", "x", "y", "y2", "source", "target", "cases", "share"]
    return pd.DataFrame(rows, columns=columns)


def _tooltip(*first: alt.Tooltip) -> list[alt.Tooltip]:
    return [
        *first,
        alt.Tooltip("cases:Q", format=","),
        alt.Tooltip("share:Q", format=".1%", title="share of drawn"),
    ]


def _marks(flow: FlowLayout) -> list[alt.Chart]:
    """Bands, node rectangles, node labels and column titles, on shared x and y scales."""
    nodes, links = node_frame(flow), link_frame(flow)
    colour = _colour(nodes["label"].tolist())
    header = -0.08 * (flow.extent or 1)
    y_scale = alt.Scale(domain=[header * 1.6, flow.extent or 1], reverse=True, nice=False)
    x_scale = alt.Scale(domain=[-0.1, len(flow.titles) - 0.35], nice=False)

    def x(field: str = "x") -> alt.X:
        return alt.X(f"{field}:Q", scale=x_scale, axis=None)

    def y(field: str = "y") -> alt.Y:
        return alt.Y(f"{field}:Q", scale=y_scale, axis=None)

    bands = alt.Chart(links).mark_area(opacity=0.45, interpolate="linear").encode(
        x=x(), y=y(), y2="y2:Q", detail="link:N",
        color=alt.Color("target:N", scale=colour, legend=None),
        tooltip=_tooltip(
            alt.Tooltip("source:N", title="from"), alt.Tooltip("target:N", title="to")
        ),
    )  # fmt: skip
    rects = alt.Chart(nodes).mark_rect().encode(
        x=x(), x2="x2:Q", y=y(), y2="y2:Q",
        color=alt.Color("label:N", scale=colour, legend=None),
        tooltip=_tooltip(alt.Tooltip("step:N"), alt.Tooltip("label:N")),
    )  # fmt: skip
    labels = (
        alt.Chart(nodes)
        .mark_text(align="left", baseline="middle", dx=3, fontSize=10)
        .encode(x=x("x2"), y=y("middle"), text="text:N")
        .transform_calculate(middle="(datum.y + datum.y2) / 2")
    )
    titles = pd.DataFrame(
        {"x": [float(i) for i in range(len(flow.titles))], "y": header, "title": flow.titles}
    )
    head = alt.Chart(titles).mark_text(fontWeight="bold", fontSize=11, baseline="middle")
    return [bands, rects, labels, head.encode(x=x(), y=y(), text="title:N")]


def paths_chart(table: pd.DataFrame) -> alt.LayerChart:
    """The paths of ``a.paths(...)`` as a flow: nodes per step, bands as wide as their cases.

    Raises :class:`JourneyError` for a table that is not a paths table, or has more than
    ``MAX_PATHS`` rows (pass a smaller ``top``).
    """
    if len(table) > MAX_PATHS:
        raise JourneyError(
            f"paths_chart draws at most {MAX_PATHS} paths, got {len(table)}; pass top=10 or so"
        )
    flow = layout(*path_rows(table))
    anchor, cases = table.attrs["anchor"], table.attrs.get("cases", flow.total)
    where = "after" if table.attrs["direction"] == "after" else "before"
    if table.attrs.get("dropped_at"):
        title = f"Paths after leaving the funnel at {anchor}"
    else:
        title = f"Paths {where} {anchor}"
    drawn = f"the {len(table)} most frequent paths: {flow.total:,} of {cases:,} cases"
    chart = alt.layer(*_marks(flow)).properties(
        title=alt.TitleParams(title, subtitle=drawn[0].upper() + drawn[1:]),
        description=f"{title}: flow of {drawn}, {len(flow.titles) - 1} steps.",
        width=COLUMN_WIDTH * len(flow.titles),
        height=HEIGHT,
    )
    return cast("alt.LayerChart", chart.configure_view(stroke=None))
