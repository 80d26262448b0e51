"""The widget in a real JupyterLab and kernel; every assertion reads the kernel's DataFrame."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .harness import Lab, open_notebook

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
# Images or scripts from card text; the chart overlays are the map's own <img data-jw-overlay>.
NO_MARKUP = "[data-jw-root] img:not([data-jw-overlay]), [data-jw-root] script"

SETUP = f"""
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({{
    "id": ["a1", "a2", "t1", "e1", "e2", "e3", "p1", "h1"],
    "stage": ["Browse", "Browse", "Cart", "Browse", "Cart", "Pay", "Pay", "Cart"],
    "lane": ["Actions", "Actions", "Touchpoints", "Emotions", "Emotions", "Emotions",
             "Pain points", "Actions"],
    "text": ["Searches for shoes", "Compares two pairs", "Cart page", "Curious", "Hopeful",
             "Annoyed", "Card declined twice", {HOSTILE!r}],
    "score": [None, None, None, 1, 1, -2, None, None],
    "ticket_count": [0, 0, 0, 0, 0, 0, 14, 0],
}})
m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Pay"],
                  lanes=["Actions", "Touchpoints", "Emotions", "Pain points"], title="Checkout")
events = []
m.on_edit(events.append)
__ready__ = True
m
"""


def card(page: Page, card_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-jw-card="{card_id}"]').first


def test_map_renders_from_dataframe(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "renders", [SETUP]) as kernel:
        expect(page.locator("[data-jw-card]")).to_have_count(8, timeout=60_000)
        stages = page.locator("[data-jw-stage]").evaluate_all(
            "els => els.map(e => e.getAttribute('data-jw-stage'))"
        )
        assert stages == ["Browse", "Cart", "Pay"]
        lanes = page.locator("[data-jw-lane]").evaluate_all(
            "els => els.map(e => e.getAttribute('data-jw-lane'))"
        )
        assert lanes == kernel.json("list(m.lanes)")
        cell = page.locator('[data-jw-cell][data-stage="Pay"][data-lane="Pain points"]')
        expect(cell.locator("[data-jw-card-text]")).to_have_text(["Card declined twice"])
        points = page.locator('[data-jw-emotion-curve="Emotions"] [data-jw-point]')
        expect(points).to_have_count(3)
        assert points.evaluate_all("els => els.map(e => Number(e.dataset.score))") == [1, 1, -2]
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_typing_into_a_card_changes_the_dataframe(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "typing", [SETUP]) as kernel:
        target = card(page, "a1")
        target.dblclick()
        editor = page.locator("textarea[data-jw-editor]")
        editor.fill("Searches for running shoes")
        editor.press("Enter")
        expr = "m.data.set_index('id').at['a1', 'text']"
        assert kernel.wait_for(expr, "Searches for running shoes") == "Searches for running shoes"
        expect(target.locator("[data-jw-card-text]")).to_have_text("Searches for running shoes")
        event = kernel.json("events[-1].to_dict()")
        assert event["kind"] == "edit" and event["id"] == "a1" and event["field"] == "text"
        assert event["old"] == "Searches for shoes" and event["source"] == "browser"

        # Keyboard only: Enter on the focused card opens the editor; Shift+Enter adds a line.
        card(page, "a2").focus()
        page.keyboard.press("Enter")
        editor = page.locator("textarea[data-jw-editor]")
        editor.press("Control+a")
        page.keyboard.type("Compares")
        page.keyboard.press("Shift+Enter")
        page.keyboard.type("two pairs")
        page.keyboard.press("Enter")
        expr = "m.data.set_index('id').at['a2', 'text']"
        assert kernel.wait_for(expr, "Compares\ntwo pairs") == "Compares\ntwo pairs"

        # Escape cancels: nothing reaches the kernel and the card shows its text again.
        revision = kernel.json("m.revision")
        card(page, "t1").dblclick()
        page.locator("textarea[data-jw-editor]").fill("should not be kept")
        page.keyboard.press("Escape")
        expect(page.locator("textarea[data-jw-editor]")).to_have_count(0)
        expect(card(page, "t1").locator("[data-jw-card-text]")).to_have_text("Cart page")
        assert kernel.json("m.data.set_index('id').at['t1', 'text']") == "Cart page"
        assert kernel.json("m.revision") == revision


def test_add_and_delete_cards(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "adddelete", [SETUP]) as kernel:
        cell = page.locator('[data-jw-cell][data-stage="Pay"][data-lane="Actions"]')
        cell.locator("button[data-jw-add]").click()
        editor = page.locator("textarea[data-jw-editor]")
        editor.fill("Pays with a wallet")
        editor.press("Enter")
        added = (
            "[r['text'] for r in m.data.to_dict('records') "
            "if r['stage'] == 'Pay' and r['lane'] == 'Actions']"
        )
        assert kernel.wait_for(added, ["Pays with a wallet"]) == ["Pays with a wallet"]
        assert kernel.json("len(m.data)") == 9
        assert kernel.json("int(m.data['ticket_count'].isna().sum())") == 1  # extra column kept
        expect(cell.locator("[data-jw-card-text]")).to_have_text(["Pays with a wallet"])

        card(page, "p1").hover()
        card(page, "p1").locator("button[data-jw-delete]").click()
        assert kernel.wait_for("'p1' in set(m.data['id'])", False) is False
        expect(page.locator('[data-jw-card="p1"]')).to_have_count(0)
        assert kernel.json("[e.kind for e in events]") == ["add", "edit", "delete"]


def test_rejected_edit_is_shown_and_rolled_back(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "rejected", [SETUP]) as kernel:
        target = card(page, "e3")
        target.dblclick()
        score = page.locator("input[data-jw-score-input]")
        score.fill("7")
        score.press("Enter")
        error = page.locator("[data-jw-error]")
        expect(error).to_be_visible()
        expect(error).to_contain_text("outside the map's scale -2..2")
        expect(error).to_contain_text("7")
        expect(target.locator("[data-jw-card-score]")).to_have_text("-2")
        point = page.locator('[data-jw-point="e3"]')
        expect(point).to_have_attribute("data-score", "-2")
        assert kernel.json("float(m.data.set_index('id').at['e3', 'score'])") == -2.0
        assert kernel.json("len(events)") == 0
        page.locator("button[data-jw-error-dismiss]").click()
        expect(error).to_have_count(0)


def test_hostile_text_is_shown_literally_and_runs_nothing(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "hostile", [SETUP]) as kernel:
        hostile = card(page, "h1")
        expect(hostile.locator("[data-jw-card-text]")).to_have_text(HOSTILE)
        assert page.locator(NO_MARKUP).count() == 0
        # The same text typed in the browser reaches the kernel literally and runs nothing.
        card(page, "t1").dblclick()
        page.locator("textarea[data-jw-editor]").fill(HOSTILE)
        page.keyboard.press("Enter")
        expr = "m.data.set_index('id').at['t1', 'text']"
        assert kernel.wait_for(expr, HOSTILE) == HOSTILE
        expect(card(page, "t1").locator("[data-jw-card-text]")).to_have_text(HOSTILE)
        assert page.locator(NO_MARKUP).count() == 0
        assert page.evaluate("window.__pwned") is None


@pytest.mark.parametrize("views", [2])
def test_python_edits_reach_every_view(lab: Lab, page: Page, views: int) -> None:
    cells = [SETUP.replace("\nm\n", "\ndisplay(m)\ndisplay(m)\n")]
    with open_notebook(lab, page, "python_edits", cells) as kernel:
        expect(page.locator('[data-jw-card="a1"]')).to_have_count(views, timeout=60_000)
        kernel.run(
            "m.edit_card('a1', 'text', 'Edited from Python')\n"
            "new_id = m.add_card('Pay', 'Touchpoints', 'Receipt email')\n"
            "m.remove_lane('Pain points', drop_cards=True)"
        )
        texts = page.locator('[data-jw-card="a1"] [data-jw-card-text]')
        expect(texts).to_have_text(["Edited from Python"] * views)
        cell = page.locator('[data-jw-cell][data-stage="Pay"][data-lane="Touchpoints"]')
        expect(cell.locator("[data-jw-card-text]")).to_have_text(["Receipt email"] * views)
        expect(page.locator('[data-jw-lane="Pain points"]')).to_have_count(0)
        # An edit in the first view reaches the kernel and the second view.
        page.locator('[data-jw-card="a2"]').first.dblclick()
        page.locator("textarea[data-jw-editor]").fill("Edited in view one")
        page.keyboard.press("Enter")
        expr = "m.data.set_index('id').at['a2', 'text']"
        assert kernel.wait_for(expr, "Edited in view one") == "Edited in view one"
        expect(page.locator('[data-jw-card="a2"] [data-jw-card-text]')).to_have_text(
            ["Edited in view one"] * views
        )
