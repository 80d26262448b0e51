"""A report notebook as one self-contained, offline HTML page.

The page has no script at all and a Content-Security-Policy that forbids loading anything, so
it makes no request and nothing in it can run; charts are SVG images in ``data:`` URLs and the
map is the static rendering that shares the widget's stylesheet.
"""

from __future__ import annotations

import base64
import html
from importlib import resources
from typing import Any

import mistune

from ..charts.datatable import spec_tables, tables_html
from ..html_render import widget_css

# Raw HTML in Markdown is escaped, not passed through: a second guard after escape_md.
_markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def report_css() -> str:
    """The report's stylesheet (``report.css``, shipped with the package)."""
    return (resources.files("journey_widget.reports") / "report.css").read_text("utf-8")


def _image(mime: str, payload: str | bytes, alt: str) -> str:
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    if mime == "image/png" and isinstance(payload, str):
        raw = base64.b64decode(payload)
    data = base64.b64encode(raw).decode("ascii")
    return (
        f'<img class="jw-chart" alt="{html.escape(alt, quote=True)}" '
        f'src="data:{mime};base64,{data}">'
    )


def _chart_alt(spec: dict[str, Any]) -> str:
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    name = " ".join(text) if isinstance(text, list) else str(text or spec.get("description") or "")
    return f"{name or 'Chart'} (its data is in the table that follows)"


def output_html(output: dict[str, Any]) -> str:
    """The best static rendering of one output: HTML, an SVG or PNG image, else plain text."""
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    alt = str(data.get("text/plain", "chart"))
    if "text/html" in data:
        return str(data["text/html"])
    spec = next((v for k, v in data.items() if k.startswith("application/vnd.vegalite")), None)
    if isinstance(spec, dict):  # a chart: its data as tables under <details>, the text alternative
        alt = _chart_alt(spec)
    data_tables = (
        tables_html(spec_tables(spec), "The chart's data") if isinstance(spec, dict) else ""
    )
    if "image/svg+xml" in data:
        return _image("image/svg+xml", data["image/svg+xml"], alt) + data_tables
    if "image/png" in data:
        return _image("image/png", data["image/png"], alt) + data_tables
    if "text/plain" in data:
        return f"<pre>{html.escape(str(data['text/plain']))}</pre>"
    return ""


def notebook_html(nb: Any, *, include_code: bool = False) -> str:
    """Render a report notebook (as built by :func:`build_notebook`) to a standalone page."""
    sections: list[list[str]] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            sections.append([str(_markdown(cell.source))])
            continue
        part = []
        if include_code:
            part.append(f'<pre class="jw-code">{html.escape(cell.source)}</pre>')
        part.extend(output_html(o) for o in cell.get("outputs", []))
        if not sections:
            sections.append([])
        sections[-1].extend(part)
    title = html.escape(str(nb.metadata.get("title", "Customer journey report")))
    body = "\n".join(f'<section class="jw-report-section">{"".join(s)}</section>' for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{widget_css()}\n{report_css()}</style></head>"
        f'<body><main class="jw-report">{body}</main></body></html>\n'
    )
