"""A chart's data as tables: the text alternative of a chart drawn as an image.

A chart shown as an SVG image (a report's charts, the widget's overlays) says nothing to a
screen reader beyond its ``alt``. Its Vega-Lite spec holds the data it was drawn from, so the
same numbers are offered as tables under a ``<details>`` element (docs/accessibility.md).

>>> spec = {"datasets": {"d1": [{"x": "Cart", "value": 1.5, "column": 0}], "d2": [{"y": 0}]}}
>>> spec_tables(spec)
[{'columns': ['x', 'value'], 'rows': [['Cart', '1.5']]}]
>>> "<td>&lt;b&gt;</td>" in tables_html([{"columns": ["x"], "rows": [["<b>"]]}], "Data")
True
"""

from __future__ import annotations

import html
import math
from typing import Any

LAYOUT = frozenset({"column", "start", "end", "mid"})
"""Columns the chart builders add for placing marks, not data a reader needs."""
MAX_ROWS = 500
"""Rows shown per table; a longer one says how many were left out."""


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def spec_tables(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The tables of a Vega-Lite spec's data: ``{"columns": [...], "rows": [[str, ...]]}`` each.

    Datasets with fewer than two data columns (a rule at zero, say) are left out, and so are
    the layout columns of :data:`LAYOUT`. Cells are text (``""`` for a missing value).
    """
    sources = list((spec.get("datasets") or {}).values())
    inline = spec.get("data")
    if isinstance(inline, dict) and isinstance(inline.get("values"), list):
        sources.append(inline["values"])
    tables = []
    for records in sources:
        records = [r for r in records if isinstance(r, dict)]
        columns = list(dict.fromkeys(k for r in records for k in r if k not in LAYOUT))
        if len(columns) < 2:
            continue
        rows = [[_cell(r.get(c)) for c in columns] for r in records[:MAX_ROWS]]
        table: dict[str, Any] = {"columns": columns, "rows": rows}
        if len(records) > MAX_ROWS:
            table["omitted"] = len(records) - MAX_ROWS
        tables.append(table)
    return tables


def tables_html(tables: list[dict[str, Any]], summary: str) -> str:
    """The tables as ``<details><summary>summary</summary><table>...``; every text escaped."""
    if not tables:
        return ""
    parts = [f"<details class='jw-chart-data'><summary>{html.escape(summary)}</summary>"]
    for t in tables:
        head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in t["columns"])
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
            for row in t["rows"]
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if t.get("omitted"):
            parts.append(f"<p>{t['omitted']} more rows not shown.</p>")
    parts.append("</details>")
    return "".join(parts)
