"""A displayed map carries a static HTML copy for exports and viewers that cannot run widgets."""

from __future__ import annotations

import re

import nbformat
from nbconvert import HTMLExporter

from journey_widget.html_render import widget_css

from .conftest import HOSTILE, make_map

VIEW = "application/vnd.jupyter.widget-view+json"


def test_mimebundle_has_the_widget_and_a_static_map(small_map):
    data, _ = small_map._repr_mimebundle_()
    assert VIEW in data and "text/plain" in data
    html = data["text/html"]
    assert html.count("data-jw-card=") == 20
    assert "<script" not in html.lower()
    assert html.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") >= 2


def test_nbconvert_export_without_widget_state_shows_the_static_map(small_map):
    data, _ = small_map._repr_mimebundle_()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "m", id="c0", outputs=[nbformat.v4.new_output("display_data", data=data)]
            )
        ]
    )
    page, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    assert page.count("data-jw-card=") == 20
    assert "Card 019 opportunities note" in page
    assert "&lt;img src=x onerror=" in page and '<img src=x onerror="window' not in page


def test_static_map_uses_only_classes_the_stylesheet_defines():
    """One look: every class the static renderer writes is styled by widget.css/static.css."""
    data, _ = make_map(30, hostile=False)._repr_mimebundle_()
    used = set(re.findall(r'class="([^"]+)"', data["text/html"]))
    classes = {c for group in used for c in group.split()}
    css = widget_css()
    unstyled = {c for c in classes if f".{c}" not in css}
    # jw-sev-3..5 keep .jw-sev's colour (the widget writes the same classes: badges.ts).
    assert unstyled <= {
        "jw-series-0",
        "jw-zero",
        "jw-curve-row",
        "jw-kind-text",
        "jw-kind-metric",
        "jw-corner-step",
        "jw-step-none",
        "jw-sev-3",
        "jw-sev-4",
        "jw-sev-5",
    }, unstyled
    assert {"jw-badge", "jw-sev", "jw-owner", "jw-evidence", "jw-no-evidence"} <= classes
    assert HOSTILE not in data["text/html"]
