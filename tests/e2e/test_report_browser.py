"""Reports opened where people open them: Chromium (JavaScript on and off) and JupyterLab."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Browser, Page, expect

import journey_widget as jw

from ..report.conftest import HOSTILE, LANES, STAGES, make_map
from .harness import Kernel, Lab, connection_file

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_html_report_shows_the_map_offline_and_runs_nothing(
    browser: Browser, tmp_path: Path, javascript: bool
) -> None:
    path = jw.report(make_map(40), tmp_path / "report.html")
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1400, "height": 1000}
    )
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    cards = page.locator(".jw-static [data-jw-card]")
    expect(cards).to_have_count(40)
    expect(cards.first).to_be_visible()
    expect(page.locator('.jw-static [data-jw-card="k000"] [data-jw-card-text]')).to_have_text(
        HOSTILE
    )
    expect(page.locator("h1")).to_contain_text("<script>window.__pwned=1</script>")
    assert page.locator("script, iframe, a[href]").count() == 0
    assert requests == [path.as_uri()]  # the file itself, nothing else
    assert errors == []
    if javascript:
        assert page.evaluate("window.__pwned") is None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"report-{'js' if javascript else 'nojs'}.png"), full_page=True
    )
    context.close()


def test_jupyterlab_draws_the_live_map_from_saved_widget_state(lab: Lab, page: Page) -> None:
    """The report's cells are never run: the widget comes from ``metadata.widgets``.

    (jupyterlab_widgets loads saved state only once a kernel is connected: with "No Kernel" it
    stops at "Kernel not set", and journey_widget's JupyterLab extension draws the map's JSON
    read-only instead; see test_lab_extension_browser.py. Here the extension hands over to the
    live widget, drawn inside its output: ``.jw-lab-live``.)
    """
    jw.report(make_map(20), lab.root / "saved_state.ipynb")  # trusted, as Jupyter's own saves
    page.goto(f"{lab.url}/lab/workspaces/saved/tree/saved_state.ipynb?reset&token={lab.token}")
    cards = page.locator(".jp-OutputArea .jw-lab-live [data-jw-root] [data-jw-card]")
    expect(cards).to_have_count(20, timeout=60_000)
    expect(page.locator('[data-jw-card="k000"] [data-jw-card-text]').first).to_have_text(HOSTILE)
    kernel = Kernel(connection_file(lab, "saved_state.ipynb"))
    try:  # the kernel ran nothing: no map object exists there
        assert kernel.json("'m' in globals()") is False
    finally:
        kernel.close()
    assert page.evaluate("window.__pwned") is None


def test_an_untrusted_report_notebook_shows_the_static_map(lab: Lab, page: Page) -> None:
    nb = nbformat.read(jw.report(make_map(20), lab.root / "sent.ipynb", trust=False), as_version=4)
    del nb.metadata["kernelspec"]
    nb.cells[0].source += " "  # a different notebook from any signed one
    nbformat.write(nb, lab.root / "untrusted.ipynb")
    page.goto(f"{lab.url}/lab/workspaces/untrusted/tree/untrusted.ipynb?reset&token={lab.token}")
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=60_000)
    dialog.get_by_role("button", name="No Kernel").click()
    # Untrusted: no widget runs. JupyterLab would sanitise the text/html copy into a bare table;
    # journey_widget's extension draws the map's JSON instead (a safe renderer: text as text).
    board = page.locator(".jp-OutputArea .jw-lab-static-map [data-jw-root]")
    expect(board).to_have_count(1, timeout=60_000)
    expect(board.locator("[data-jw-stage]")).to_have_text(STAGES)
    expect(board.locator("[data-jw-lane]")).to_have_text([re.compile(lane) for lane in LANES])
    expect(board.locator("[data-jw-card-text]")).to_have_count(20)
    expect(board.locator('[data-jw-card="k000"] [data-jw-card-text]')).to_have_text(HOSTILE)
    expect(board.locator("[data-jw-card-text]", has_text="Card 017")).to_have_count(1)
    expect(board.locator("[data-jw-add]")).to_have_count(0)
    expect(page.locator(".jp-OutputArea table.jw-board")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None
