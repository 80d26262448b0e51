"""The compare view (``jw.compare``) in a real JupyterLab.

A current map and its future copy, changed from Python, drawn side by side with the changed
cards marked.

What is marked is checked against ``jw.diff`` computed in the notebook's own kernel.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .harness import Lab, open_notebook

SETUP = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({
    "id": ["a1", "a2", "a4", "t1", "e1", "e2", "p1"],
    "stage": ["Browse", "Browse", "Cart", "Cart", "Browse", "Cart", "Pay"],
    "lane": ["Actions", "Actions", "Actions", "Touchpoints", "Emotions", "Emotions",
             "Pain points"],
    "text": ["Searches", "Compares", "Adds to cart", "Cart page", "Curious", "Hopeful",
             "Card declined"],
    "score": [None, None, None, None, 1, -1, None],
})
m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Pay"],
                  lanes=["Actions", "Touchpoints", "Emotions", "Pain points"], title="Checkout")
future = m.copy(state="future", title="Checkout (future)")
future.move_card("a1", stage="Cart")
future.edit_card("p1", "text", "Card declines explained")
future.edit_card("e2", "score", 2)
view = jw.compare(m, future)
__ready__ = True
view
"""

MARKED = (
    "() => Array.from(document.querySelectorAll('[data-jw-compare] [data-jw-card]"
    "[data-jw-change]'), e => e.getAttribute('data-jw-card'))"
)


def side(page: Page, name: str) -> Locator:
    return page.locator(f'[data-jw-compare] [data-jw-compare-side="{name}"]')


def test_compare_view_highlights_the_changes_of_a_future_copy(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "compare", [SETUP]) as kernel:
        moved = side(page, "after").locator('[data-jw-card="a1"]')
        expect(moved).to_be_visible(timeout=60_000)
        # The moved card is marked in the future map, with words, not colour alone.
        expect(moved).to_have_attribute("data-jw-change", "moved")
        label = moved.locator("[data-jw-change-label]")
        expect(label).to_be_visible()
        expect(label).to_have_text("\u2192Moved from Browse, Actions")
        expect(moved).to_have_attribute("aria-label", "Searches. Moved from Browse, Actions")
        before = side(page, "before").locator('[data-jw-card="a1"]')
        expect(before).to_have_attribute("data-jw-change", "moved")
        expect(before.locator("[data-jw-change-label]")).to_have_text(
            "\u2192Moved to Cart, Actions"
        )
        # It sits in the cell it moved to.
        cart = '[data-jw-cell][data-stage="Cart"][data-lane="Actions"]'
        expect(side(page, "after").locator(f'{cart} [data-jw-card="a1"]')).to_be_visible()
        expect(side(page, "after").locator('[data-jw-card="p1"]')).to_have_attribute(
            "data-jw-change", "edited"
        )
        # Exactly the cards jw.diff names are highlighted.
        changed = set(kernel.json("sorted(jw.diff(m, future)['id'])"))
        assert changed == {"a1", "p1", "e2"}
        assert set(page.evaluate(MARKED)) == changed
        summary = page.locator("[data-jw-compare-summary]")
        expect(summary.locator('[data-jw-count="moved"]')).to_have_text("\u21921 moved")
        expect(summary.locator('[data-jw-emotion-stage="Cart"] td').last).to_have_text(
            "\u25b2 +3.0"
        )

        # Clicking a change in the summary brings its card into focus.
        summary.locator('[data-jw-change-item="a1"]').click()
        expect(moved).to_be_focused()

        # The view follows both maps: a card deleted from the future map from Python shows up
        # as removed, in the current map.
        kernel.run("future.delete_card('t1')")
        gone = side(page, "before").locator('[data-jw-card="t1"]')
        expect(gone).to_have_attribute("data-jw-change", "removed")
        expect(gone.locator("[data-jw-change-label]")).to_have_text("\u00d7Removed")
        expect(side(page, "after").locator('[data-jw-card="t1"]')).to_have_count(0)
        changed = set(kernel.json("sorted(jw.diff(m, future)['id'])"))
        assert changed == {"a1", "p1", "e2", "t1"}
        expect(summary.locator("[data-jw-change-item]")).to_have_count(4)
        assert set(page.evaluate(MARKED)) == changed
        assert page.console_errors == []  # type: ignore[attr-defined]
