"""A saved notebook shows the map as it is at save time (issue 12), in JupyterLab and Notebook 7.

A card is edited in the browser, the notebook is saved through the File menu, then the saved
file is exported by ``jupyter nbconvert --to html`` and opened with "No Kernel": both show the
edited text and not the old one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
from playwright.sync_api import Page, expect

from .harness import (
    Lab,
    open_notebook,
    reopen_without_kernel,
    type_into_card,
    wait_no_session,
    wait_saved,
)

OLD, NEW = "Searches for running shoes", "Compares trail shoes in the store"
# The cell builds the old text from pieces, so the saved source never holds it whole.
SETUP = """
import pandas as pd, journey_widget as jw
old = "Searches for " + "running shoes"
cards = pd.DataFrame({"id": ["a1", "p1"], "stage": ["Browse", "Pay"],
                      "lane": ["Actions", "Pain points"], "text": [old, "Card declined"]})
m = jw.JourneyMap(cards, stages=["Browse", "Pay"], lanes=["Actions", "Pain points"],
                  title="Checkout")
__ready__ = True
m
"""


def edit_in_browser(page: Page, kernel_wait) -> None:  # type: ignore[no-untyped-def]
    text = page.locator('[data-jw-card="a1"] [data-jw-card-text]').first
    expect(text).to_have_text(OLD, timeout=60_000)
    type_into_card(page, "a1", NEW)
    assert kernel_wait("m.data.set_index('id').at['a1', 'text']", NEW) == NEW
    expect(text).to_have_text(NEW)


def save_from_file_menu(page: Page) -> None:
    """File > Save (JupyterLab: "Save Notebook"; Notebook 7: "Save")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^File$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Save( Notebook)?$")).first.click()


def saved_map_outputs(path: Path) -> list[dict[str, object]]:
    nb = nbformat.read(path, as_version=4)
    return [
        o["data"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "application/vnd.journey-map+json" in o.get("data", {})
    ]


def exported_html(path: Path, out: Path) -> str:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "html",
            "--no-input",
            "--output-dir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / f"{path.stem}.html").read_text(encoding="utf-8")


def test_a_notebook_saved_from_the_file_menu_shows_the_edited_map(
    lab: Lab, page: Page, tmp_path: Path
) -> None:
    path = lab.root / "saved.ipynb"
    with open_notebook(lab, page, "saved", [SETUP]) as kernel:
        edit_in_browser(page, kernel.wait_for)
        save_from_file_menu(page)
        wait_saved(path, lambda t: NEW in t)
    (data,) = saved_map_outputs(path)
    assert NEW in str(data["text/html"]) and OLD not in str(data["text/html"])
    cards = data["application/vnd.journey-map+json"]["cards"]  # type: ignore[index]
    assert [c["text"] for c in cards] == [NEW, "Card declined"]

    html = exported_html(path, tmp_path)
    assert NEW in html and OLD not in html

    wait_no_session(lab, "saved.ipynb")
    reopen_without_kernel(lab, page, "saved.ipynb")
    static = page.locator(".jp-OutputArea .jw-lab-static-map [data-jw-root]")
    expect(static.locator('[data-jw-card="a1"] [data-jw-card-text]')).to_have_text(
        NEW, timeout=30_000
    )
    expect(page.get_by_text(OLD)).to_have_count(0)


def test_notebook_7_saves_the_edited_map_too(notebook7: Lab, page: Page, tmp_path: Path) -> None:
    path = notebook7.root / "saved7.ipynb"
    with open_notebook(notebook7, page, "saved7", [SETUP]) as kernel:
        edit_in_browser(page, kernel.wait_for)
        save_from_file_menu(page)
        wait_saved(path, lambda t: NEW in t)
    (data,) = saved_map_outputs(path)
    assert NEW in str(data["text/html"]) and OLD not in str(data["text/html"])
    html = exported_html(path, tmp_path)
    assert NEW in html and OLD not in html
