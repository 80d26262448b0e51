"""The JupyterLab extension in a real JupyterLab: map files, the launcher, map outputs.

Files are read back with ``jw.load``: what JupyterLab saved must open in Python and be exactly
the bytes Python would write for the same map.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

import journey_widget as jw

from ..report.conftest import HOSTILE, make_map
from .harness import Lab, no_sessions, open_notebook, reopen_without_kernel, wait_saved

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLE = ROOT / "examples" / "checkout.journey.json"
MIME = "application/vnd.journey-map+json"
DOC = ".jw-lab-document"


def open_lab(lab: Lab, page: Page, workspace: str) -> None:
    page.goto(f"{lab.url}/lab/workspaces/{workspace}?reset&token={lab.token}")
    page.locator(".jp-DirListing-content").wait_for(timeout=60_000)


def wait_clean(page: Page, timeout: float = 15_000) -> None:
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).not_to_have_class(
        "jp-mod-dirty", timeout=timeout
    )


def test_a_map_file_opens_edits_undoes_and_saves(lab: Lab, page: Page) -> None:
    path = lab.root / "checkout.journey.json"
    shutil.copy(EXAMPLE, path)
    open_lab(lab, page, "mapfile")
    page.locator(".jp-DirListing-item", has_text="checkout.journey.json").dblclick()
    doc = page.locator(f"{DOC} [data-jw-root]")
    expect(doc.locator("[data-jw-card]")).to_have_count(22, timeout=60_000)
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).to_contain_text("checkout.journey.json")

    first = doc.locator('[data-jw-card="c-7341ff6377"]')
    first.dblclick()
    editor = doc.locator("textarea[data-jw-editor]")
    editor.fill(f"Sees the ad twice {HOSTILE}")
    editor.press("Enter")
    expect(first.locator("[data-jw-card-text]")).to_have_text(f"Sees the ad twice {HOSTILE}")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(1)

    first.focus()
    page.keyboard.press("Control+s")  # inside the map: JupyterLab's own shortcuts are off
    wait_clean(page)
    text = wait_saved(path, lambda t: "Sees the ad twice" in t)
    saved = jw.load(path)
    assert saved.data.set_index("id").at["c-7341ff6377", "text"] == f"Sees the ad twice {HOSTILE}"
    assert saved.data["source"].tolist() == jw.load(EXAMPLE).data["source"].tolist()
    assert text == saved.to_json()  # exactly what Python writes for that map
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lab-document.png"))

    # A score outside the scale is refused with the kernel's reason; nothing changes.
    emotion = doc.locator('[data-jw-cell][data-lane="Emotions"] [data-jw-card]').first
    emotion.dblclick()
    doc.locator("input[data-jw-score-input]").fill("7")
    doc.locator("textarea[data-jw-editor]").press("Enter")
    expect(doc.locator("[data-jw-error]")).to_contain_text("outside the map's scale -2..2")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)

    # Undo is the document's own: the edit goes, the tab is dirty, saving writes it.
    first.focus()
    page.keyboard.press("Control+z")
    expect(first.locator("[data-jw-card-text]")).to_have_text(
        "Sees a running-shoe ad on social media"
    )
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(1)
    page.keyboard.press("Control+Shift+z")
    expect(first.locator("[data-jw-card-text]")).to_have_text(f"Sees the ad twice {HOSTILE}")
    wait_clean(page)  # back at the saved text: clean again
    page.keyboard.press("Control+z")
    first.focus()
    page.keyboard.press("Control+s")
    wait_clean(page)
    original = EXAMPLE.read_text(encoding="utf-8")
    assert wait_saved(path, lambda t: t == original) == original
    assert page.evaluate("window.__pwned") is None
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_the_launcher_creates_a_map_from_the_template(lab: Lab, page: Page) -> None:
    open_lab(lab, page, "launcher")
    before = set(lab.root.glob("*.journey.json"))
    card = page.locator(".jp-Launcher .jp-LauncherCard", has_text="Journey Map")
    card.click(timeout=60_000)
    doc = page.locator(f"{DOC} [data-jw-root]")
    expect(doc.locator("[data-jw-stage]")).to_have_count(5, timeout=30_000)
    (path,) = set(lab.root.glob("*.journey.json")) - before
    m = jw.load(path)
    assert list(m.stages) == ["Awareness", "Consideration", "Decision", "Retention", "Advocacy"]
    assert len(m.data) == 0

    doc.locator('[data-jw-cell][data-stage="Awareness"][data-lane="Actions"] [data-jw-add]').click()
    editor = doc.locator("textarea[data-jw-editor]")
    editor.fill("Sees a friend's new shoes")
    editor.press("Control+s")  # straight from the editor: what was typed is saved
    wait_clean(page)
    wait_saved(path, lambda t: "friend" in t)
    m = jw.load(path)
    assert m.data[["stage", "lane", "text"]].values.tolist() == [
        ["Awareness", "Actions", "Sees a friend's new shoes"]
    ]
    assert path.read_text(encoding="utf-8") == m.to_json()


def test_a_map_output_renders_live_then_read_only_with_the_kernel_stopped(
    lab: Lab, page: Page
) -> None:
    shutil.copy(EXAMPLE, lab.root / "checkout.journey.json")
    cells = [
        "import journey_widget as jw\nm = jw.load('checkout.journey.json')\n__ready__ = True\nm"
    ]
    with open_notebook(lab, page, "output", cells):
        live = page.locator(".jp-OutputArea .jw-lab-output.jw-lab-live [data-jw-root]")
        expect(live.locator("[data-jw-card]")).to_have_count(22, timeout=60_000)
        expect(page.locator(".jw-lab-static-map")).to_have_count(0)  # the live widget won
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        saved = wait_saved(lab.root / "output.ipynb", lambda t: MIME in t)
        assert MIME in saved
    deadline = time.monotonic() + 20
    while not no_sessions(lab, "output.ipynb") and time.monotonic() < deadline:
        time.sleep(0.3)

    reopen_without_kernel(lab, page, "output.ipynb")
    copy = page.locator(".jp-OutputArea .jw-lab-static-map [data-jw-root]")
    expect(copy.locator("[data-jw-card]")).to_have_count(22, timeout=30_000)
    expect(copy.locator('[data-jw-card="c-7341ff6377"] [data-jw-card-text]')).to_have_text(
        "Sees a running-shoe ad on social media"
    )
    expect(copy.locator("[data-jw-add]")).to_have_count(0)  # read-only
    expect(page.locator(".jp-OutputArea", has_text="Loading widget")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lab-output-no-kernel.png"))


def test_a_report_notebook_shows_its_map_with_no_kernel(lab: Lab, page: Page) -> None:
    jw.report(make_map(20), lab.root / "report_nokernel.ipynb")
    reopen_without_kernel(lab, page, "report_nokernel.ipynb")
    copy = page.locator(".jp-OutputArea .jw-lab-static-map [data-jw-root]")
    expect(copy.locator("[data-jw-card]")).to_have_count(20, timeout=60_000)
    expect(copy.locator('[data-jw-card="k000"] [data-jw-card-text]')).to_have_text(HOSTILE)
    expect(page.locator(".jp-OutputArea", has_text="Loading widget")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None
    with urllib.request.urlopen(f"{lab.url}/api/sessions?token={lab.token}", timeout=10) as r:
        sessions = json.loads(r.read())
    assert all(s["path"] != "report_nokernel.ipynb" or s.get("kernel") is None for s in sessions)
