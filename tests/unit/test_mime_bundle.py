"""A displayed map carries its versioned JSON under ``application/vnd.journey-map+json``.

JupyterLab's extension (js/src/lab/mime.ts) draws that entry read-only where the live widget
cannot be drawn: a saved notebook opened without a kernel, an untrusted notebook.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.io.json_format import MIME_TYPE, journey_from_dict

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def bundle_of(m: jw.JourneyMap) -> dict:
    out = m._repr_mimebundle_()
    return dict(out[0] if isinstance(out, tuple) else out)


def test_the_bundle_holds_the_map_as_its_json_file_holds_it() -> None:
    m = checkout_map()
    data = bundle_of(m)
    assert MIME_TYPE == "application/vnd.journey-map+json"
    assert {WIDGET_VIEW, "text/html", MIME_TYPE} <= data.keys()
    assert data[MIME_TYPE] == json.loads(m.to_json())
    again = journey_from_dict(json.loads(json.dumps(data[MIME_TYPE])))
    assert again.table.equals(m._journey.table)


def test_the_bundle_follows_edits() -> None:
    m = checkout_map()
    m.rename_stage("Cart", "Basket")
    assert [s["name"] for s in bundle_of(m)[MIME_TYPE]["stages"]] == [
        "Browse",
        "Basket",
        "Checkout",
        "Delivery",
    ]


def test_report_notebooks_carry_it_in_the_map_output(tmp_path: Path) -> None:
    m = checkout_map()
    nb = nbformat.read(jw.report(m, tmp_path / "r.ipynb"), as_version=4)
    maps = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if WIDGET_VIEW in o.get("data", {})
    ]
    assert len(maps) == 1
    assert maps[0]["data"][MIME_TYPE] == json.loads(m.to_json())
    nbformat.validate(nb)  # `+json` keys may hold objects
