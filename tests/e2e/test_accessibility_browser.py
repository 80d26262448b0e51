"""Accessibility in a real browser: axe-core, forced colours, dark mode, chart data tables.

- axe-core (from ``js/node_modules``, injected with ``add_script_tag``) finds no serious or
  critical violation in the map in JupyterLab (edit mode), in presentation mode, in the compare
  view, and in the HTML report opened from its file. In JupyterLab axe is scoped to the map's
  and the compare view's own elements: JupyterLab's chrome is not ours.
- Forced colours (``emulate_media(forced_colors="active")``, as Windows high contrast): card
  borders, the emotion curve, badges, pain point and opportunity marks and focus rings stay
  visible: drawn, in a colour other than the background.
- Dark mode: in JupyterLab the map follows JupyterLab's theme (light here, whatever the system
  says); a report follows the page's ``prefers-color-scheme``.
- Every chart image has its data as tables under a ``<details>``: the report's charts and the
  widget's chart overlays.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

import journey_widget as jw

from .axe import assert_no_blocking
from .harness import Lab, open_notebook

CARDS = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({
    "id": ["a1", "a2", "t1", "e1", "e2", "e3", "p1", "o1"],
    "stage": ["Browse", "Cart", "Cart", "Browse", "Cart", "Pay", "Pay", "Pay"],
    "lane": ["Actions", "Actions", "Touchpoints", "Emotions", "Emotions", "Emotions",
             "Pain points", "Opportunities"],
    "text": ["Searches", "Adds to cart", "Cart page", "Curious", "Hopeful", "Annoyed",
             "Card declined", "Explain declines"],
    "score": [None, None, None, 1, 1, -2, None, None],
    "confidence": ["observed", "hypothesized", None, None, None, None, "reported", None],
    "evidence": ["interview 3", None, None, None, None, None, "tickets", None],
    "severity": [None, None, None, None, None, None, 4, None],
    "owner": [None, None, None, None, None, None, None, "Payments"],
})
survey = pd.DataFrame({"stage": ["Browse", "Cart", "Cart", "Pay"], "value": [4, 5, 3, 2]})
m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Pay"],
                  lanes=["Actions", "Touchpoints", "Emotions", "Pain points", "Opportunities"],
                  title="Checkout",
                  overlays={"emotion": {"measured": survey, "measured_scale": (1, 5)},
                            "metrics": True})
m.metrics = jw.metrics.by_stage(survey, kind="csat", target=75)
future = m.copy(state="future", title="Checkout (future)")
future.move_card("a1", stage="Cart")
future.edit_card("p1", "text", "Card declines explained")
"""
# The map's own view, not the two inside the compare view.
MAP = "[data-jw-root]:not([data-jw-compare] *)"
SETUP = CARDS + "__ready__ = True\ndisplay(m)\ndisplay(jw.compare(m, future))\n"

STYLE = """([el, pseudo, props]) => {
  const s = getComputedStyle(el, pseudo);
  return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)]));
}"""


def rgba(text: str) -> tuple[float, ...]:
    nums = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (*nums[:3], nums[3] if len(nums) > 3 else 1.0)


def visible_against(colour: str, background: str) -> bool:
    """A colour that is painted (not transparent) and differs from the background."""
    c = rgba(colour)
    return c[3] > 0 and c[:3] != rgba(background)[:3]


def style(page: Page, selector: str, props: list[str], pseudo: str | None = None) -> dict[str, Any]:
    handle = page.locator(selector).first.element_handle()
    return dict(page.evaluate(STYLE, [handle, pseudo, props]))


def luminance(colour: str) -> float:
    r, g, b, _ = rgba(colour)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


# long: one notebook, one story: axe, overlays' data, themes, forced colours, presenting
def test_map_and_compare_view_in_jupyterlab(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "a11y", [SETUP]):
        r = MAP
        root = page.locator(r)
        expect(root.locator('[data-jw-card="p1"]')).to_be_visible(timeout=60_000)
        expect(root.locator('img[data-jw-overlay="emotion"]')).to_be_visible(timeout=30_000)
        expect(page.locator("[data-jw-compare]")).to_be_visible(timeout=30_000)
        assert_no_blocking(page, "[data-jw-root], [data-jw-compare]", "the map and compare view")

        # Each overlay chart carries its data in a table under <details>.
        for name in ("emotion", "metrics"):
            details = root.locator(f'details[data-jw-chart-data="{name}"]')
            expect(details).to_have_count(1)
            details.locator("summary").click()
            expect(details.locator("table th").first).to_be_visible()
        emotion = root.locator('details[data-jw-chart-data="emotion"]')
        expect(emotion.locator("td", has_text="Pay").first).to_be_visible()
        metrics = root.locator('details[data-jw-chart-data="metrics"]')
        expect(metrics.locator("td", has_text="CSAT").first).to_be_visible()

        # Dark system, light JupyterLab theme: the map follows JupyterLab's theme.
        page.emulate_media(color_scheme="dark")
        bg = style(page, r, ["background-color"])["background-color"]
        assert luminance(bg) > 0.8, bg
        page.emulate_media(color_scheme="light")

        # Forced colours: every mark keeps a colour of its own.
        page.emulate_media(forced_colors="active")
        bg = style(page, r, ["background-color"])["background-color"]
        card = style(page, f'{r} [data-jw-card="a2"]', ["border-top-style", "border-top-color"])
        assert card["border-top-style"] != "none" and visible_against(card["border-top-color"], bg)
        line = style(page, f"{r} .jw-line", ["stroke"])
        assert visible_against(line["stroke"], bg), line
        point = style(page, f"{r} .jw-point", ["stroke"])
        assert visible_against(point["stroke"], bg), point
        for mark in (
            ".jw-badge",
            ".jw-tone-pain .jw-card-text",
            ".jw-tone-opportunity .jw-card-text",
        ):
            icon = style(page, f"{r} {mark}", ["background-color"], "::before")
            assert visible_against(icon["background-color"], bg), (mark, icon)
        for tone in ("pain", "opportunity"):
            edge = style(
                page, f"{r} .jw-tone-{tone} .jw-card", ["border-left-width", "border-left-color"]
            )
            assert float(edge["border-left-width"][:-2]) >= 4, (tone, edge)
            assert visible_against(edge["border-left-color"], bg), (tone, edge)
        root.locator('[data-jw-card="a2"]').focus()
        ring = style(
            page, f'{r} [data-jw-card="a2"]', ["outline-style", "outline-color", "outline-width"]
        )
        assert ring["outline-style"] != "none" and float(ring["outline-width"][:-2]) >= 2, ring
        assert visible_against(ring["outline-color"], bg), ring
        page.emulate_media(forced_colors="none")

        # Presentation mode, lanes still concealed.
        root.locator("[data-jw-present]").click()
        expect(root).to_have_attribute("data-jw-presenting", "")
        assert_no_blocking(page, "[data-jw-presenting]", "presentation mode")
        page.keyboard.press("ArrowDown")  # reveal a lane
        assert_no_blocking(page, "[data-jw-presenting]", "presentation mode, one more lane")
        page.keyboard.press("Escape")


def test_html_report_opened_from_its_file(browser: Browser, tmp_path: Path) -> None:
    namespace: dict[str, Any] = {}
    exec(CARDS, namespace)  # the same map, built here
    path = jw.report([namespace["m"], namespace["future"]], tmp_path / "report.html")
    # The report's Content-Security-Policy forbids inline script: bypassed for axe alone.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(path.as_uri())
    expect(page.locator(".jw-static [data-jw-card]").first).to_be_visible()
    assert_no_blocking(page, None, "the HTML report")

    # Every chart image has a data table under <details>, right after it.
    charts = page.locator("img.jw-chart")
    assert charts.count() >= 2
    for i in range(charts.count()):
        img = charts.nth(i)
        assert "table that follows" in (img.get_attribute("alt") or "")
        details = img.locator("xpath=following-sibling::*[1]")
        expect(details).to_have_class(re.compile("jw-chart-data"))
        assert details.locator("tbody tr").count() >= 1

    # Dark mode: the page's colour scheme decides where no JupyterLab theme is.
    light = style(page, ".jw-static", ["background-color", "color"])
    page.emulate_media(color_scheme="dark")
    dark = style(page, ".jw-static", ["background-color", "color"])
    assert luminance(light["background-color"]) > 0.8 and luminance(light["color"]) < 0.3
    assert luminance(dark["background-color"]) < 0.2 and luminance(dark["color"]) > 0.7
    context.close()
