"""The map in marimo: ``mo.ui.anywidget(m)`` in a real ``marimo edit`` server, edited in Chromium.

marimo renders anywidgets itself (no Jupyter widget manager, no ``_repr_mimebundle_``), so
this checks that the view draws and that an edit made in the browser lands in ``m.data`` in
marimo's kernel (read back through a file an ``on_edit`` callback writes there), with chart
overlays redrawing in the background. marimo 0.25 calls ``_repr_mimebundle_`` once when it
renders a ``mo.ui.anywidget`` (its ``_sync_widget_state``), so ``displayed`` is set by that
here; the rule for front ends that never call it (a view's first message) is tested in
tests/unit/charts/test_overlays_without_repr.py.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .marimo_server import Marimo

NOTEBOOK = """
import marimo

app = marimo.App()


@app.cell
def _():
    import json

    import marimo as mo
    import pandas as pd

    import journey_widget as jw
    return jw, json, mo, pd


@app.cell
def _(json, jw, pd):
    m = jw.JourneyMap(
        pd.DataFrame(
            {{
                "id": ["c1", "c2", "c3"],
                "stage": ["Browse", "Cart", "Checkout"],
                "lane": ["Actions", "Actions", "Emotions"],
                "text": ["Search shoes", "Add to cart", "Anxious"],
                "score": [None, None, -1.0],
            }}
        ),
        title="Checkout in marimo",
        overlays="emotion",
    )

    def dump(event):
        state = {{
            "data": json.loads(m.data.to_json(orient="records")),
            "displayed": m._overlay_refresher.displayed,
        }}
        with open({out!r}, "w") as f:
            json.dump(state, f)

    m.on_edit(dump)
    return (m,)


@app.cell
def _(m, mo):
    w = mo.ui.anywidget(m)
    w
    return (w,)


if __name__ == "__main__":
    app.run()
"""


@pytest.fixture
def marimo_map(tmp_path: Path) -> Iterator[tuple[Marimo, Path]]:
    out = tmp_path / "data.json"
    notebook = tmp_path / "journey_marimo.py"
    notebook.write_text(NOTEBOOK.format(out=str(out)), encoding="utf-8")
    server = Marimo(notebook, tmp_path)
    yield server, out
    server.stop()


def read_when_written(path: Path, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:  # caught mid-write
                pass
        time.sleep(0.2)
    raise AssertionError(f"{path} was not written in {timeout}s: the edit never reached m.data")


def test_map_renders_in_marimo_and_a_browser_edit_lands_in_m_data(
    page: Page, marimo_map: tuple[Marimo, Path]
) -> None:
    server, out = marimo_map
    page.set_default_timeout(60_000)  # marimo starts its kernel and runs every cell on open
    page.goto(server.url)
    card = page.locator('[data-jw-card="c1"]')
    expect(card).to_contain_text("Search shoes", timeout=90_000)
    expect(page.locator("[data-jw-root]")).to_have_count(1)
    expect(page.locator("[data-jw-root]")).to_contain_text("Checkout in marimo")
    card.dblclick()
    editor = page.locator("textarea[data-jw-editor]")
    editor.fill("Search running shoes")
    editor.press("Enter")
    expect(card).to_contain_text("Search running shoes")
    state = read_when_written(out)
    texts = {row["id"]: row["text"] for row in state["data"]}
    assert texts == {"c1": "Search running shoes", "c2": "Add to cart", "c3": "Anxious"}
    assert state["displayed"] is True  # chart overlays redraw in the background
    assert page.console_errors == []  # type: ignore[attr-defined]
