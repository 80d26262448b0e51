"""First sight (issue 19) in a real JupyterLab at 1,400 x 900 with the file browser open.

A map wider than its output opens zoomed to fit; the toolbar and Ctrl/Cmd keys zoom and the status
line says so; clamped card text shows whole on focus; the overview strip of a map that still
scrolls takes you to a stage; the emotion chart under the map appears only when it adds something.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page, expect

from .harness import Lab, open_notebook

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def quickstart_cards() -> str:
    """The quickstart notebook's own cards (its first code cell)."""
    nb = nbformat.read(ROOT / "examples" / "quickstart.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


LONG = (
    "Compares delivery options across three carriers, reads the returns policy twice and "
    "asks in the chat whether the discount still applies after the first order ships"
)
EIGHT = [
    "Need",
    "Research",
    "Shortlist",
    "Trial",
    "Negotiate",
    "Sign",
    "Onboard",
    "Renew",
]
SETUP = f"""
{quickstart_cards()}
five = jw.JourneyMap(cards, stages=["Discover", "Browse", "Cart", "Checkout", "Delivery"],
    lanes=["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"],
    title="Online checkout")
eight_cards = pd.DataFrame({{
    "id": [f"b{{i}}" for i in range(8)] + [f"e{{i}}" for i in range(8)],
    "stage": {EIGHT!r} * 2,
    "lane": ["Actions"] * 8 + ["Emotions"] * 8,
    "text": [{LONG!r}] + [f"Step {{i}}" for i in range(1, 8)] + [f"Feels {{i}}" for i in range(8)],
    "score": [None] * 8 + [1, 0, -1, 1, 2, -2, 0, 1],
}})
eight = jw.JourneyMap(eight_cards, stages={EIGHT!r}, lanes=["Actions", "Emotions", "Pain points"],
    title="B2B purchase")
__ready__ = True
"""


def roots(page: Page) -> Locator:
    return page.locator(".jp-OutputArea-output [data-jw-root]")


def zoom_of(root: Locator) -> float:
    return float(root.get_attribute("data-jw-zoom") or "nan")


def assert_all_stages_visible(root: Locator, stages: list[str]) -> None:
    """Every stage header lies inside the output area, and the board does not scroll."""
    area = root.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')][1]")
    box = area.bounding_box()
    assert box is not None
    for stage in stages:
        head = root.locator(f'[data-jw-stage="{stage}"]').bounding_box()
        assert head is not None, stage
        assert head["x"] >= box["x"] - 0.5, stage
        assert head["x"] + head["width"] <= box["x"] + box["width"] + 0.5, (stage, head, box)
    scroll = root.locator(".jw-scroll")
    assert scroll.evaluate("s => s.scrollWidth <= s.clientWidth + 1 && s.scrollLeft === 0")


def status(root: Locator) -> Locator:
    return root.locator("[data-jw-status]")


# long: one browser story; split, each part would pay JupyterLab's start-up again
def test_maps_open_fitted_and_zoom_by_toolbar_and_keys(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "zoom", [SETUP, "five", "eight"]) as kernel:
        five, eight = roots(page).nth(0), roots(page).nth(1)
        expect(eight.locator('[data-jw-stage="Renew"]')).to_be_visible(timeout=60_000)
        # The file browser is open, as in a fresh workspace.
        left = page.locator("#jp-left-stack")
        expect(left).to_be_visible()
        assert (left.bounding_box() or {"width": 0})["width"] > 150
        assert_all_stages_visible(five, ["Discover", "Browse", "Cart", "Checkout", "Delivery"])
        assert_all_stages_visible(eight, EIGHT)
        for root in (five, eight):
            assert root.get_attribute("data-jw-zoom-mode") == "fit"
            assert zoom_of(root) < 1
        # Text stays readable: at least 11 px on screen.
        size = eight.locator("[data-jw-card] .jw-card-text").first.evaluate(
            "t => parseFloat(getComputedStyle(t).fontSize) * t.getBoundingClientRect().width"
            " / t.offsetWidth"
        )
        assert size >= 10.9

        ARTIFACTS.mkdir(exist_ok=True)
        five.screenshot(path=str(ARTIFACTS / "quickstart-fit.png"))
        eight.screenshot(path=str(ARTIFACTS / "eight-stages-fit.png"))
        fit = zoom_of(five)
        five.locator("button[data-jw-zoom-reset]").click()
        expect(five).to_have_attribute("data-jw-zoom", "1")
        expect(status(five)).to_have_text("Zoom 100%, scroll sideways for more")
        five.screenshot(path=str(ARTIFACTS / "quickstart-100.png"))
        five.locator("button[data-jw-zoom-out]").click()
        expect(five).to_have_attribute("data-jw-zoom", "0.9")
        expect(status(five)).to_contain_text("Zoom 90%")
        five.locator("button[data-jw-zoom-in]").click()
        five.locator("button[data-jw-zoom-in]").click()
        expect(five).to_have_attribute("data-jw-zoom", "1.1")
        expect(status(five)).to_contain_text("Zoom 110%")
        five.locator("button[data-jw-zoom-fit]").click()
        expect(five).to_have_attribute("data-jw-zoom", str(fit))
        expect(status(five)).to_contain_text("fit to width")

        # Keys, with focus on a card: Ctrl+= / Ctrl+- / Ctrl+0; the data is untouched.
        before = kernel.json("five.data.to_json()")
        five.locator("[data-jw-card]").first.focus()
        page.keyboard.press("Control+Equal")
        expect(five).not_to_have_attribute("data-jw-zoom", str(fit))
        assert zoom_of(five) > fit
        expect(status(five)).to_contain_text("Zoom")
        page.keyboard.press("Control+0")
        expect(five).to_have_attribute("data-jw-zoom", "1")
        page.keyboard.press("Control+Minus")
        expect(five).to_have_attribute("data-jw-zoom", "0.9")
        expect(status(five)).to_contain_text("Zoom 90%")
        assert kernel.json("five.data.to_json()") == before
        # The browser's own page zoom was not touched.
        assert page.evaluate("window.devicePixelRatio") == 1
        # The other map keeps its own zoom.
        assert eight.get_attribute("data-jw-zoom-mode") == "fit"


def test_clamped_text_shows_whole_on_focus(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "zoomclamp", [SETUP, "eight"]) as kernel:
        root = roots(page).first
        card = root.locator('[data-jw-card="b0"]')
        expect(card).to_be_visible(timeout=60_000)
        assert root.get_attribute("data-jw-zoom-clamp") == ""
        text = card.locator(".jw-card-text")
        assert text.evaluate("t => t.scrollHeight > t.clientHeight + 1")  # clamped
        assert text.get_attribute("title") == LONG  # the tooltip has it whole
        assert LONG in (card.get_attribute("aria-label") or "")
        below = root.locator('[data-jw-card="e0"]')  # the next row: it moves if b0 grows
        before = below.bounding_box()
        card.focus()  # whole on focus: drawn over the card, so nothing below it moves
        assert card.evaluate("c => getComputedStyle(c, '::after').content") == f'"{LONG}"'
        assert card.evaluate("c => getComputedStyle(c, '::after').position") == "absolute"
        assert below.bounding_box() == before
        assert kernel.json("eight.data.set_index('id').at['b0', 'text']") == LONG


# long: one browser story
def test_overview_strip_scrolls_to_the_clicked_stage(lab: Lab, page: Page) -> None:
    stages = [f"Stage {i}" for i in range(1, 15)]
    wide = f"""
import pandas as pd, journey_widget as jw
wide = jw.JourneyMap(pd.DataFrame({{"stage": {stages!r}, "lane": ["Actions"] * 14,
    "text": [f"Card {{i}}" for i in range(14)]}}), stages={stages!r},
    lanes=["Actions", "Thoughts", "Emotions", "Pain points"] + [f"Lane {{i}}" for i in range(40)],
    title="Fourteen stages")
__ready__ = True
wide
"""
    with open_notebook(lab, page, "zoomoverview", [wide]) as kernel:
        root = roots(page).first
        strip = root.locator("[data-jw-overview]")
        expect(strip).to_be_visible(timeout=60_000)
        assert root.get_attribute("data-jw-overflow") == ""
        assert zoom_of(root) == 0.45  # fitting stops at the readable minimum
        scroll = root.locator(".jw-scroll")
        assert scroll.evaluate("s => s.scrollLeft") == 0
        expect(strip.locator('[data-jw-overview-stage="Stage 1"]')).to_have_attribute(
            "data-jw-in-view", ""
        )
        strip.locator('[data-jw-overview-stage="Stage 5"]').click()
        expect(status(root)).to_have_text("Scrolled to stage Stage 5")
        expect(strip.locator('[data-jw-overview-stage="Stage 1"]')).not_to_have_attribute(
            "data-jw-in-view", ""
        )
        head = root.locator('[data-jw-stage="Stage 5"]').bounding_box()
        lane = root.locator(".jw-corner").first.bounding_box()
        view = scroll.bounding_box()
        assert head and lane and view
        assert abs(head["x"] - (lane["x"] + lane["width"])) <= 2  # right after the lane column
        # The lane headers stay at the left edge while the board scrolled sideways.
        assert abs(lane["x"] - view["x"]) <= 2
        # The last stages: as far as the board goes, the stage wholly in view.
        strip.locator('[data-jw-overview-stage="Stage 14"]').click()
        expect(strip.locator('[data-jw-overview-stage="Stage 14"]')).to_have_attribute(
            "data-jw-in-view", ""
        )
        head = root.locator('[data-jw-stage="Stage 14"]').bounding_box()
        view = scroll.bounding_box()
        assert head and view and head["x"] + head["width"] <= view["x"] + view["width"] + 1
        assert scroll.evaluate("s => s.scrollLeft + s.clientWidth >= s.scrollWidth - 1")
        # Sticky the other way too: scrolled down, the stage headers stay at the top of the box.
        assert scroll.evaluate("s => s.scrollHeight > s.clientHeight + 100")
        scroll.evaluate("s => { s.scrollTop = 400; }")
        head = root.locator('[data-jw-stage="Stage 14"]').bounding_box()
        view = scroll.bounding_box()
        assert head and view and abs(head["y"] - (view["y"] + 1)) <= 2
        assert kernel.json("list(wide.stages)") == stages


def test_one_emotion_curve_unless_the_chart_adds_something(lab: Lab, page: Page) -> None:
    cells = [
        SETUP.replace("__ready__ = True", "")
        + """
survey = pd.DataFrame({"stage": ["Discover", "Browse", "Browse", "Cart", "Checkout"],
                       "value": [4, 4, 5, 2, 1]})
measured = jw.JourneyMap(cards, stages=["Discover", "Browse", "Cart", "Checkout", "Delivery"],
    lanes=["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"],
    title="Measured",
    overlays={"emotion": {"measured": survey, "measured_scale": (1, 5)}})
__ready__ = True
""",
        "five",
        "measured",
    ]
    with open_notebook(lab, page, "zoomcurves", cells) as kernel:
        five, measured = roots(page).nth(0), roots(page).nth(1)
        chart = measured.locator('img[data-jw-overlay="emotion"]')
        expect(chart).to_be_visible(timeout=60_000)
        assert chart.evaluate("i => i.complete && i.naturalWidth > 0")
        # The plain map: the lane's curve is the only emotion curve.
        expect(five.locator('svg[data-jw-emotion-curve="Emotions"]')).to_have_count(1)
        expect(five.locator("img[data-jw-overlay]")).to_have_count(0)
        assert kernel.json("[o['name'] for o in five.overlays]") == []
        assert kernel.json("[o['name'] for o in measured.overlays]") == ["emotion"]
        assert kernel.json("len(five.data)") == kernel.json("len(cards)")


def test_html_report_fits_the_page_width(page: Page, tmp_path: Path) -> None:
    import pandas as pd

    import journey_widget as jw

    cards = pd.DataFrame(
        {"stage": EIGHT, "lane": ["Actions"] * 8, "text": [f"Does step {s}" for s in EIGHT]}
    )
    m = jw.JourneyMap(cards, stages=EIGHT, overlays=False, title="B2B purchase")
    jw.report(m, tmp_path / "report.html")
    page.goto((tmp_path / "report.html").as_uri())
    board = page.locator(".jw-static .jw-board")
    scroll = page.locator(".jw-static .jw-scroll")
    assert scroll.evaluate("s => s.scrollWidth <= s.clientWidth + 1")  # no sideways scrolling
    zoom = float(board.evaluate("b => getComputedStyle(b).zoom"))
    assert 0.45 < zoom < 1
    view = scroll.bounding_box()
    assert view is not None
    for stage in EIGHT:
        head = page.locator(f'.jw-static [data-jw-stage="{stage}"]').bounding_box()
        assert head and head["x"] + head["width"] <= view["x"] + view["width"] + 0.5, stage
    # Printed, the page's own rule applies (A4 landscape: --jw-print-zoom).
    page.emulate_media(media="print")
    printed = board.evaluate("b => getComputedStyle(b).zoom")
    assert float(printed) == float(
        board.evaluate("b => b.style.getPropertyValue('--jw-print-zoom')")
    )
