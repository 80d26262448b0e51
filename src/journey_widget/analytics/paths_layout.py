"""The layout of a paths flow chart (Sankey-like), in plain Python: nodes, bands, curves.

Columns are the anchor and the steps of the paths table (after ``start=``: the anchor first;
before ``end=``: the anchor last). A node is one label in one column, as tall as the number of
cases whose path passes through it; nodes of a column are stacked from the top, the largest
first (ties by label), with a gap between them. A link carries the cases going from a node to a
node of the next column; its band leaves the source node and enters the target node stacked in
the order of the nodes at its other end, so bands do not cross at the nodes. Coordinates are in
cases (y, downwards from 0) and columns (x); the chart maps them to pixels.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ..model.errors import JourneyError


@dataclass(frozen=True)
class Node:
    """A label in a column: its cases, and where it is drawn (``y0`` top, ``y1`` bottom)."""

    column: int
    label: str
    value: int
    y0: float
    y1: float


@dataclass(frozen=True)
class Link:
    """Cases going from node ``source`` to node ``target`` (indexes into the nodes).

    The band's top and bottom where it leaves (``sy0, sy1``) and where it arrives (``ty0, ty1``).
    """

    source: int
    target: int
    value: int
    sy0: float
    sy1: float
    ty0: float
    ty1: float


@dataclass(frozen=True)
class FlowLayout:
    """Nodes, links, the column titles, the height of the tallest column, the cases drawn."""

    nodes: list[Node]
    links: list[Link]
    titles: list[str]
    extent: float
    total: int


def path_rows(table: pd.DataFrame) -> tuple[list[list[str | None]], list[int], list[str]]:
    """The paths table as rows of column labels (anchor included), counts and column titles."""
    attrs = table.attrs
    if "anchor" not in attrs or "direction" not in attrs:
        raise JourneyError("paths_chart takes the table a.paths(...) returns (its attrs are gone)")
    steps = [c for c in table.columns if str(c).startswith("step_")]
    anchor = str(attrs["anchor"])
    cells = table[steps].astype(object).where(table[steps].notna(), None).values.tolist()
    if attrs["direction"] == "after":
        rows = [[anchor, *r] for r in cells]
        first = f"left at {anchor}" if attrs.get("dropped_at") else f"start: {anchor}"
        titles = [first, *[f"step {i}" for i in range(1, len(steps) + 1)]]
    else:
        rows = [[*r, anchor] for r in cells]
        titles = [*[f"step {-i}" for i in range(len(steps), 0, -1)], f"end: {anchor}"]
    return rows, [int(c) for c in table["count"]], titles


def _stack(
    values: dict[tuple[int, str], int], gap: float
) -> dict[tuple[int, str], tuple[float, float]]:
    """Per node key (column, label): its top and bottom, stacked per column, largest first."""
    spans: dict[tuple[int, str], tuple[float, float]] = {}
    by_column: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for (column, label), value in values.items():
        by_column[column].append((label, value))
    for column, items in by_column.items():
        y = 0.0
        for label, value in sorted(items, key=lambda lv: (-lv[1], lv[0])):
            spans[(column, label)] = (y, y + value)
            y += value + gap
    return spans


def layout(
    rows: list[list[str | None]], counts: list[int], titles: list[str], gap: float = 0.06
) -> FlowLayout:
    """Nodes and links of the paths ``rows`` (labels per column, None: no step) with ``counts``.

    ``gap``: the space between two nodes of a column, as a share of the cases drawn.
    """
    total = sum(counts)
    values: dict[tuple[int, str], int] = defaultdict(int)
    flows: dict[tuple[tuple[int, str], tuple[int, str]], int] = defaultdict(int)
    for row, count in zip(rows, counts, strict=True):
        for column, label in enumerate(row):
            if label is not None:
                values[(column, label)] += count
                nxt = row[column + 1] if column + 1 < len(row) else None
                if nxt is not None:
                    flows[((column, label), (column + 1, nxt))] += count
    spans = _stack(values, gap * total)
    keys = sorted(spans, key=lambda k: (k[0], spans[k][0]))
    index = {k: i for i, k in enumerate(keys)}
    nodes = [Node(k[0], k[1], values[k], *spans[k]) for k in keys]
    out_y = {k: spans[k][0] for k in keys}  # where the next band leaves / arrives
    in_y = dict(out_y)
    links = []
    # bands leave in the order of their targets, arrive in the order of their sources
    leaving = sorted(flows, key=lambda st: (spans[st[0]][0], spans[st[1]][0]))
    entry: dict[tuple[tuple[int, str], tuple[int, str]], float] = {}
    for st in sorted(flows, key=lambda st: (spans[st[1]][0], spans[st[0]][0])):
        entry[st] = in_y[st[1]]
        in_y[st[1]] += flows[st]
    for st in leaving:
        value = flows[st]
        sy0 = out_y[st[0]]
        out_y[st[0]] += value
        links.append(
            Link(index[st[0]], index[st[1]], value, sy0, sy0 + value, entry[st], entry[st] + value)
        )
    extent = max((n.y1 for n in nodes), default=0.0)
    return FlowLayout(nodes=nodes, links=links, titles=titles, extent=extent, total=total)


def band(link: Link, x0: float, x1: float, points: int = 16) -> list[tuple[float, float, float]]:
    """The band of a link as ``(x, top, bottom)`` samples from ``x0`` to ``x1``.

    Both edges follow a smooth S curve (3t^2 - 2t^3) from the source's span to the target's.
    """
    out = []
    for i in range(points):
        t = i / (points - 1)
        s = t * t * (3 - 2 * t)
        out.append(
            (
                x0 + (x1 - x0) * t,
                link.sy0 + (link.ty0 - link.sy0) * s,
                link.sy1 + (link.ty1 - link.sy1) * s,
            )
        )
    return out


__all__ = ["FlowLayout", "Link", "Node", "band", "layout", "path_rows"]
