"""Editing a map's stages and lanes in a real JupyterLab.

Adding, renaming, moving and deleting them, from menus and from the keyboard, and undoing it.

Every assertion about an edit reads the kernel's map through a second client on the notebook's
own kernel; the DOM is only checked for what the user sees.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .editing_helpers import SHOW, card, ids, menu, settled, view
from .harness import Lab, open_notebook


def test_add_rename_move_and_delete_a_stage(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "stages", [SHOW]) as kernel:
        root = view(page)
        expect(card(page, "a1")).to_be_visible(timeout=60_000)
        root.locator("[data-jw-add-stage]").click()
        root.locator("input[data-jw-name-input]").fill("Review")
        page.keyboard.press("Enter")
        stages = "list(m.stages)"
        assert kernel.wait_for(stages, ["Browse", "Cart", "Pay", "Review"])[-1] == "Review"
        expect(root.locator('[data-jw-stage="Review"]')).to_be_visible()

        menu(page, '[data-jw-stage="Cart"]', "rename")
        rename = root.locator("input[data-jw-rename]")
        expect(rename).to_be_focused()
        rename.fill("Basket")
        page.keyboard.press("Enter")
        assert kernel.wait_for(stages, ["Browse", "Basket", "Pay", "Review"]) == [
            "Browse",
            "Basket",
            "Pay",
            "Review",
        ]
        assert kernel.json(ids(kernel, "Basket", "Actions")) == ["a4"]

        # Keyboard on the header's menu button: Alt+Arrow moves the stage.
        root.locator('[data-jw-stage="Review"] [data-jw-menu]').focus()
        page.keyboard.press("Alt+ArrowLeft")
        assert kernel.wait_for(stages, ["Browse", "Basket", "Review", "Pay"]) == [
            "Browse",
            "Basket",
            "Review",
            "Pay",
        ]
        settled(page)

        before = kernel.records()
        menu(page, '[data-jw-stage="Basket"]', "delete")
        dialog = root.locator("[data-jw-confirm]")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("3 cards")
        assert kernel.json("list(m.stages)")[1] == "Basket"  # nothing happens before confirming
        dialog.locator("[data-jw-confirm-ok]").click()
        assert kernel.wait_for("'Basket' in m.stages", False) is False
        assert kernel.json("len(m.data)") == len(before) - 3
        expect(root.locator('[data-jw-stage="Basket"]')).to_have_count(0)

        # Undo brings the stage back with its cards, exactly.
        card(page, "a1").focus()
        page.keyboard.press("Control+z")
        assert kernel.wait_for("'Basket' in m.stages", True) is True
        assert kernel.records() == before
        expect(root.locator('[data-jw-stage="Basket"]')).to_be_visible()
        expect(card(page, "a4")).to_be_visible()


def test_add_rename_and_delete_a_lane(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "lanes", [SHOW]) as kernel:
        root = view(page)
        expect(card(page, "a1")).to_be_visible(timeout=60_000)
        root.locator("[data-jw-add-lane]").click()
        root.locator("input[data-jw-name-input]").fill("Mood of the buyer")
        root.locator("select[data-jw-kind-input]").select_option("metric")
        root.locator("[data-jw-name-ok]").click()
        assert kernel.wait_for("'Mood of the buyer' in m.lanes", True) is True
        assert kernel.json("m.lane_kind('Mood of the buyer')") == "metric"

        # Rename from the keyboard: F2 on the lane's menu button.
        root.locator('[data-jw-lane="Touchpoints"] [data-jw-menu]').focus()
        page.keyboard.press("F2")
        page.keyboard.press("Control+a")
        page.keyboard.type("Channels")
        page.keyboard.press("Enter")
        assert kernel.wait_for("'Channels' in m.lanes", True) is True
        assert kernel.json(ids(kernel, "Cart", "Channels")) == ["t1"]
        expect(root.locator('[data-jw-lane="Channels"] [data-jw-menu]')).to_be_focused()

        # An empty lane goes at once; a lane with cards asks first (Delete key, then Tab, Enter).
        menu(page, '[data-jw-lane="Mood of the buyer"]', "delete")
        assert kernel.wait_for("'Mood of the buyer' in m.lanes", False) is False
        root.locator('[data-jw-lane="Pain points"] [data-jw-menu]').focus()
        page.keyboard.press("Delete")
        expect(root.locator("[data-jw-confirm]")).to_contain_text("1 card")
        expect(root.locator("[data-jw-confirm-cancel]")).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert kernel.wait_for("'Pain points' in m.lanes", False) is False
        assert kernel.json("'p1' in set(m.data['id'])") is False
        root.locator("[data-jw-undo]").click()
        assert kernel.wait_for("'p1' in set(m.data['id'])", True) is True
        assert kernel.json("list(m.lanes)") == ["Actions", "Channels", "Emotions", "Pain points"]
