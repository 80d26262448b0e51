"""The chart overlays in a real JupyterLab.

They show under the map, line up with its columns, follow edits made in the browser, and
nothing is fetched from outside the machine.
"""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from .harness import Kernel, Lab, open_notebook

SETUP = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({
    "id": ["a1", "a2", "e1", "e2", "e3", "p1"],
    "stage": ["Browse", "Cart", "Browse", "Cart", "Pay", "Pay"],
    "lane": ["Actions", "Actions", "Emotions", "Emotions", "Emotions", "Pain points"],
    "text": ["Searches", "Adds to cart", "Curious", "Hopeful", "Annoyed", "Card declined"],
    "score": [None, None, 1, 1, -2, None],
})
survey = pd.DataFrame({"stage": ["Browse", "Cart", "Cart", "Pay", "Pay", "Pay"],
                       "answer": [5, 4, 3, 2, 1, 2]})
m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Pay"],
                  lanes=["Actions", "Emotions", "Pain points"], title="Checkout",
                  metrics=jw.metrics.by_stage(survey, value="answer", kind="csat", target=60))
__ready__ = True
m
"""

# The scores the kernel's emotion chart plots, per column.
CHART_SCORES = (
    "sorted((r['x'], r['score']) for d in m.emotion_chart().to_dict()['datasets']"
    ".values() for r in d if 'valence' in r)"
)


def wait_scores(kernel: Kernel, expected: list[list[object]]) -> None:
    assert kernel.wait_for(CHART_SCORES, expected) == expected


# long: one browser story; split, each part would pay JupyterLab's start-up again
def test_overlays_follow_browser_edits_offline(lab: Lab, page: Page) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    with open_notebook(lab, page, "overlays", [SETUP]) as kernel:
        emotion = page.locator('[data-jw-root] img[data-jw-overlay="emotion"]')
        metrics = page.locator('[data-jw-root] img[data-jw-overlay="metrics"]')
        expect(emotion).to_be_visible(timeout=60_000)
        expect(metrics).to_be_visible()
        for img in (emotion, metrics):
            assert img.get_attribute("src").startswith("data:image/svg+xml;base64,")
            # decoded and drawn by the browser at its natural size
            assert img.evaluate("i => i.complete && i.naturalWidth") == kernel.json(
                "m.overlays[0]['width']"
            )
        # Under the map and aligned: each stage header starts where its chart band starts.
        board = page.locator("[data-jw-root] .jw-board").bounding_box()
        box = emotion.bounding_box()
        assert board and box and box["y"] >= board["y"] + board["height"] - 1
        width = kernel.json("m.overlays[0]['column_width']")
        left = kernel.json("m.overlays[0]['left']")
        for i, stage in enumerate(["Browse", "Cart", "Pay"]):
            head = page.locator(f'[data-jw-stage="{stage}"]').bounding_box()
            assert head is not None
            assert abs(head["x"] - (box["x"] + left + i * width)) <= 1.5, stage
        wait_scores(kernel, [["Browse", 1.0], ["Cart", 1.0], ["Pay", -2.0]])

        # Drag the Cart emotion point from +1 down to -1: the overlay image changes.
        before = emotion.get_attribute("src")
        point = page.locator('[data-jw-root] [data-jw-point="e2"]')
        curve = page.locator('svg[data-jw-emotion-curve="Emotions"]').bounding_box()
        dot = point.bounding_box()
        assert curve and dot
        x, y = dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x, curve["y"] + 75, steps=8)  # -1 on -2..2 in a 112 px curve
        page.mouse.up()
        assert kernel.wait_for("float(m.data.set_index('id').at['e2', 'score'])", -1.0) == -1.0
        expect(emotion).not_to_have_attribute("src", before, timeout=10_000)
        wait_scores(kernel, [["Browse", 1.0], ["Cart", -1.0], ["Pay", -2.0]])

        # Type a score into the card's editor: the image changes again.
        before = emotion.get_attribute("src")
        page.locator('[data-jw-card="e3"]').dblclick()
        score = page.locator("input[data-jw-score-input]")
        score.fill("2")
        score.press("Enter")
        assert kernel.wait_for("float(m.data.set_index('id').at['e3', 'score'])", 2.0) == 2.0
        expect(emotion).not_to_have_attribute("src", before, timeout=10_000)
        wait_scores(kernel, [["Browse", 1.0], ["Cart", -1.0], ["Pay", 2.0]])
        src = emotion.get_attribute("src")
        assert kernel.json("m.overlays[0]['svg']") != before and src != before

        # Metrics set from Python reach the page too.
        metrics_before = metrics.get_attribute("src")
        kernel.run("m.metrics = m.metrics.assign(value=m.metrics['value'] / 2)")
        expect(metrics).not_to_have_attribute("src", metrics_before, timeout=10_000)
        assert page.console_errors == []  # type: ignore[attr-defined]

    outside = [
        u
        for u in urls
        if urlparse(u).scheme in ("http", "https", "ws", "wss")
        and urlparse(u).hostname != "127.0.0.1"
    ]
    assert urls and outside == []


def _pick_theme(page: Page, name: str) -> None:
    """Choose a theme the way a user does: Settings > Theme > ``name``."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Settings").click()
    page.locator(".lm-Menu-itemLabel", has_text="Theme").first.hover()
    page.locator(".lm-Menu-itemLabel", has_text=name).first.click()
    light = "true" if "Light" in name else "false"
    expect(page.locator("body")).to_have_attribute("data-jp-theme-light", light, timeout=20_000)


def test_overlays_follow_the_dark_theme(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "overlays-dark", [SETUP]):
        emotion = page.locator('[data-jw-root] img[data-jw-overlay="emotion"]')
        expect(emotion).to_be_visible(timeout=60_000)
        assert emotion.evaluate("i => getComputedStyle(i).filter") == "none"
        try:
            _pick_theme(page, "JupyterLab Dark")
            # The white chart turns near-black with light text; hues turned back round.
            expect(emotion).to_have_css("filter", "invert(0.93) hue-rotate(180deg)")
        finally:
            _pick_theme(page, "JupyterLab Light")
        expect(emotion).to_have_css("filter", "none")
