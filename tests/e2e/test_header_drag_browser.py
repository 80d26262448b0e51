"""Reordering stage and lane headers with the mouse in a real JupyterLab (headerdrag.ts).

Every assertion about an edit reads the kernel (``m.stages``, ``m.lanes``, ``m.data``) through a
second client on the notebook's own kernel; the DOM is only checked for what the user sees.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .editing_helpers import SHOW, settled, view
from .harness import Lab, open_notebook


def names(root: Locator, attr: str) -> list[str]:
    return root.locator(f"[{attr}]").evaluate_all(f"els => els.map(e => e.getAttribute('{attr}'))")


def press_on(page: Page, header: Locator, dx: float = 12) -> tuple[float, float]:
    """Press the mouse on a header's label side (its left part, away from the menu button)."""
    box = header.bounding_box()
    assert box
    x, y = box["x"] + dx, box["y"] + min(12, box["height"] / 2)
    page.mouse.move(x, y)
    page.mouse.down()
    return x, y


# long: one browser story; split, each part would pay JupyterLab's start-up again
def test_drag_stage_and_lane_headers_then_undo(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "header_drag", [SHOW]) as kernel:
        root = view(page)
        expect(root.locator('[data-jw-card="a1"]')).to_be_visible(timeout=60_000)
        before = kernel.records()
        browse = root.locator('[data-jw-stage="Browse"]')

        # A click on a header without moving opens nothing and sends nothing.
        revision = kernel.json("m.revision")
        browse.locator(".jw-head-label").click()
        expect(root.locator("[data-jw-menu-list]")).to_have_count(0)

        # Browse dragged past the middle of Cart (not of Pay) lands after Cart.
        cart = root.locator('[data-jw-stage="Cart"]').bounding_box()
        assert cart
        _, y = press_on(page, browse)
        page.mouse.move(cart["x"] + cart["width"] * 0.8, y + 3, steps=8)
        line = root.locator("[data-jw-header-drop-indicator]")
        expect(line).to_be_visible()
        expect(line).to_have_attribute("data-axis", "stage")
        expect(root.locator(".jw-head-ghost")).to_have_text("Browse")
        page.mouse.up()
        moved = ["Cart", "Browse", "Pay"]
        assert kernel.wait_for("list(m.stages)", moved) == moved
        status = root.locator("[data-jw-status]")
        expect(status).to_have_text("Moved stage Browse to position 2 of 3")
        expect(line).to_have_count(0)
        settled(page)
        assert names(root, "data-jw-stage") == ["Cart", "Browse", "Pay"]
        assert kernel.json("m.revision") == revision + 1

        # Escape cancels a header drag: nothing reaches the kernel.
        x, y = press_on(page, root.locator('[data-jw-stage="Pay"]'))
        page.mouse.move(x - 250, y, steps=6)
        expect(line).to_be_visible()
        page.keyboard.press("Escape")
        page.mouse.up()
        expect(line).to_have_count(0)
        assert kernel.json("list(m.stages)") == ["Cart", "Browse", "Pay"]

        # Pain points dragged up above the middle of Touchpoints lands between Actions and it.
        pain = root.locator('[data-jw-lane="Pain points"] .jw-lane-name')
        pain.scroll_into_view_if_needed()
        touch = root.locator('[data-jw-lane="Touchpoints"]').bounding_box()
        assert touch
        x, _ = press_on(page, pain, dx=4)
        page.mouse.move(x + 2, touch["y"] + touch["height"] * 0.25, steps=8)
        expect(line).to_have_attribute("data-axis", "lane")
        page.mouse.up()
        lanes = ["Actions", "Pain points", "Touchpoints", "Emotions"]
        assert kernel.wait_for("list(m.lanes)", lanes) == lanes
        expect(status).to_have_text("Moved lane Pain points to position 2 of 4")
        settled(page)

        # The toolbar's Undo takes both moves back, one at a time; the cards never changed.
        root.locator("[data-jw-undo]").click()
        original_lanes = ["Actions", "Touchpoints", "Emotions", "Pain points"]
        assert kernel.wait_for("list(m.lanes)", original_lanes) == original_lanes
        assert kernel.json("list(m.stages)") == ["Cart", "Browse", "Pay"]
        settled(page)
        root.locator("[data-jw-undo]").click()
        original = ["Browse", "Cart", "Pay"]
        assert kernel.wait_for("list(m.stages)", original) == original
        expect(root.locator("[data-jw-stage]").first).to_have_attribute("data-jw-stage", "Browse")
        assert kernel.records() == before
        assert page.console_errors == []  # type: ignore[attr-defined]
