"""The notebook, locators and kernel expressions the editing browser tests share.

``SETUP`` builds a small checkout map ``m`` in the kernel; the locators find a view, a card or
a cell on the page; ``ids`` is the kernel expression for one cell's card ids.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from .harness import Kernel

SETUP = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({
    "id": ["a1", "a2", "a3", "a4", "t1", "e1", "e2", "e3", "p1"],
    "stage": ["Browse", "Browse", "Browse", "Cart", "Cart", "Browse", "Cart", "Pay", "Pay"],
    "lane": ["Actions", "Actions", "Actions", "Actions", "Touchpoints", "Emotions", "Emotions",
             "Emotions", "Pain points"],
    "text": ["Searches", "Compares", "Reads reviews", "Adds to cart", "Cart page", "Curious",
             "Hopeful", "Annoyed", "Card declined"],
    "score": [None, None, None, None, None, 1, 1, -2, None],
})
m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Pay"],
                  lanes=["Actions", "Touchpoints", "Emotions", "Pain points"], title="Checkout")
__ready__ = True
"""
SHOW = SETUP + "m\n"
TWO_VIEWS = SETUP + "display(m)\ndisplay(m)\n"


def view(page: Page, n: int = 0) -> Locator:
    return page.locator("[data-jw-root]").nth(n)


def card(page: Page, card_id: str, n: int = 0) -> Locator:
    return view(page, n).locator(f'[data-jw-card="{card_id}"]')


def cell(page: Page, stage: str, lane: str, n: int = 0) -> Locator:
    return view(page, n).locator(f'[data-jw-cell][data-stage="{stage}"][data-lane="{lane}"]')


def ids(kernel: Kernel, stage: str, lane: str) -> str:
    """An expression for the ids of one cell, in row (= on-screen) order."""
    return (
        f"[r['id'] for r in m.data.to_dict('records') "
        f"if r['stage'] == {stage!r} and r['lane'] == {lane!r}]"
    )


def word(text: str) -> re.Pattern[str]:
    """Matches an attribute (a class list, a label) that contains ``text`` as a word."""
    return re.compile(rf"(^|\s){re.escape(text)}(\s|$)")


def settled(page: Page) -> None:
    expect(page.locator("[data-jw-pending]")).to_have_count(0)


def menu(page: Page, header: str, action: str, n: int = 0) -> None:
    """Open the actions menu of a header (a CSS selector) and pick an action."""
    view(page, n).locator(f"{header} [data-jw-menu]").first.click()
    view(page, n).locator(f'[data-jw-menu-list] [data-jw-action="{action}"]').click()
