"""Editing in a real JupyterLab (and Notebook 7).

Drag and drop, keyboard moves, the emotion curve, card attributes, undo and redo, two views,
read-only (stages and lanes: ``test_structure_editing_browser.py``).

Every assertion about an edit reads the kernel's DataFrame (``m.data``) through a second client
on the notebook's own kernel; the DOM is only checked for what the user sees.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from .editing_helpers import SETUP, SHOW, TWO_VIEWS, card, cell, ids, menu, settled, view, word
from .harness import Lab, open_notebook


def test_drag_a_card_to_another_stage_and_reorder_within_a_cell(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "drag", [SHOW]) as kernel:
        expect(card(page, "a1")).to_be_visible(timeout=60_000)
        # To another stage: dropped on the upper half of a4, so it lands before it.
        card(page, "a1").drag_to(card(page, "a4"), target_position={"x": 30, "y": 4})
        assert kernel.wait_for(ids(kernel, "Cart", "Actions"), ["a1", "a4"]) == ["a1", "a4"]
        assert kernel.json(ids(kernel, "Browse", "Actions")) == ["a2", "a3"]
        expect(cell(page, "Cart", "Actions").locator("[data-jw-card]")).to_have_count(2)
        # Within a cell: a3 dropped on the top of a2 goes first.
        card(page, "a3").drag_to(card(page, "a2"), target_position={"x": 30, "y": 4})
        assert kernel.wait_for(ids(kernel, "Browse", "Actions"), ["a3", "a2"]) == ["a3", "a2"]
        settled(page)
        got = (
            cell(page, "Browse", "Actions")
            .locator("[data-jw-card]")
            .evaluate_all("els => els.map(e => e.dataset.jwCard)")
        )
        assert got == ["a3", "a2"]
        # While dragging, a line shows where the card would land; Escape cancels the drag.
        revision = kernel.json("m.revision")
        box = card(page, "a2").bounding_box()
        target = cell(page, "Pay", "Actions").bounding_box()
        assert box and target
        page.mouse.move(box["x"] + 20, box["y"] + 10)
        page.mouse.down()
        page.mouse.move(target["x"] + 40, target["y"] + 20, steps=6)
        expect(view(page).locator("[data-jw-drop-indicator]")).to_be_visible()
        expect(cell(page, "Pay", "Actions")).to_have_class(word("jw-drop-target"))
        page.keyboard.press("Escape")
        page.mouse.up()
        expect(view(page).locator("[data-jw-drop-indicator]")).to_have_count(0)
        assert kernel.json("m.revision") == revision
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_keyboard_only_moves(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "keys", [SHOW]) as kernel:
        a1 = card(page, "a1")
        expect(a1).to_be_visible(timeout=60_000)
        a1.focus()
        page.keyboard.press("ArrowDown")  # arrows move focus between cards
        expect(card(page, "a2")).to_be_focused()
        page.keyboard.press("ArrowUp")
        expect(a1).to_be_focused()
        page.keyboard.press("Alt+ArrowDown")  # down one place in its cell
        assert kernel.wait_for(ids(kernel, "Browse", "Actions"), ["a2", "a1", "a3"]) == [
            "a2",
            "a1",
            "a3",
        ]
        expect(a1).to_be_focused()
        page.keyboard.press("Alt+ArrowRight")  # to the next stage, same place
        assert kernel.wait_for(ids(kernel, "Cart", "Actions"), ["a4", "a1"]) == ["a4", "a1"]
        expect(view(page).locator("[data-jw-status]")).to_contain_text("Cart, Actions")
        page.keyboard.press("Alt+ArrowDown")  # past the bottom of its cell: into the lane below
        assert kernel.wait_for(ids(kernel, "Cart", "Touchpoints"), ["a1", "t1"]) == ["a1", "t1"]
        expect(a1).to_be_focused()
        page.keyboard.press("Alt+ArrowUp")  # and back up, to the end of the cell above
        assert kernel.wait_for(ids(kernel, "Cart", "Actions"), ["a4", "a1"]) == ["a4", "a1"]
        settled(page)
        # Enter edits, Delete removes: still without a mouse.
        page.keyboard.press("Enter")
        page.keyboard.press("Control+a")
        page.keyboard.type("Searches by keyboard")
        page.keyboard.press("Enter")
        expr = "m.data.set_index('id').at['a1', 'text']"
        assert kernel.wait_for(expr, "Searches by keyboard") == "Searches by keyboard"
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_drag_an_emotion_point(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "curve", [SHOW]) as kernel:
        point = view(page).locator('[data-jw-point="e2"]')
        expect(point).to_be_visible(timeout=60_000)
        svg = view(page).locator('svg[data-jw-emotion-curve="Emotions"]').bounding_box()
        box = point.bounding_box()
        assert svg and box
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # The curve is 112 px high with 14 px padding: -1 on a -2..2 scale is 77 px down.
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x, svg["y"] + 75, steps=8)  # snaps to the scale's step
        label = view(page).locator("[data-jw-point-value]")
        expect(label).to_have_text("-1")
        expect(point).to_have_attribute("aria-valuenow", "-1")
        assert kernel.json("float(m.data.set_index('id').at['e2', 'score'])") == 1.0
        page.mouse.up()
        expr = "float(m.data.set_index('id').at['e2', 'score'])"
        assert kernel.wait_for(expr, -1.0) == -1.0
        expect(label).to_have_count(0)
        expect(card(page, "e2").locator("[data-jw-card-score]")).to_have_text("-1")
        # A focused point is a slider.
        view(page).locator('[data-jw-point="e1"]').focus()
        page.keyboard.press("ArrowUp")
        expr = "float(m.data.set_index('id').at['e1', 'score'])"
        assert kernel.wait_for(expr, 2.0) == 2.0
        page.keyboard.press("ArrowUp")  # already at the top of the scale: nothing is sent
        expect(view(page).locator('[data-jw-point="e1"]')).to_be_focused()
        assert kernel.json("[e for e in m.data['score'] if e == e]") == [2.0, -1.0, -2.0]


def test_edit_card_attributes(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "attributes", [SHOW]) as kernel:
        p1 = card(page, "p1")
        expect(p1).to_be_visible(timeout=60_000)
        p1.dblclick()
        view(page).locator("[data-jw-details]").click()
        view(page).locator('[data-jw-field="channel"]').fill("Email")
        view(page).locator('[data-jw-field="confidence"]').select_option("observed")
        view(page).locator('[data-jw-field="severity"]').select_option("4")
        owner = view(page).locator('[data-jw-field="owner"]')
        owner.fill("Payments team")
        owner.press("Enter")
        row = "m.data.set_index('id').loc['p1', ['channel', 'confidence', 'severity', 'owner']]"
        expected = ["Email", "observed", 4, "Payments team"]
        assert kernel.wait_for(f"list({row})", expected) == expected
        expect(p1.locator(".jw-badge")).to_have_text(
            ["Email", "O observed", "Severity 4", "Payments team"]
        )
        expect(p1.locator(".jw-ch-email")).to_have_count(1)
        # Pain points carry a mark besides their colour: the card's accessible name says so.
        expect(p1).to_have_attribute("aria-label", word("Pain point:"))
        # One commit, one step of undo (from Python this time).
        kernel.run("m.undo()")
        assert kernel.json("'channel' in m.data.columns") is False
        expect(p1.locator(".jw-badge")).to_have_count(0)


def test_undo_and_redo_from_keys_buttons_and_python(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "undo", [SHOW]) as kernel:
        a1 = card(page, "a1")
        expect(a1).to_be_visible(timeout=60_000)
        a1.dblclick()
        view(page).locator("textarea[data-jw-editor]").fill("Edited")
        page.keyboard.press("Enter")
        text = "m.data.set_index('id').at['a1', 'text']"
        assert kernel.wait_for(text, "Edited") == "Edited"
        settled(page)
        a1.focus()
        page.keyboard.press("Control+z")
        assert kernel.wait_for(text, "Searches") == "Searches"
        page.keyboard.press("Control+Shift+z")
        assert kernel.wait_for(text, "Edited") == "Edited"
        view(page).locator("[data-jw-undo]").click()
        assert kernel.wait_for(text, "Searches") == "Searches"
        view(page).locator("[data-jw-redo]").click()
        assert kernel.wait_for(text, "Edited") == "Edited"
        kernel.run("m.undo()")  # Python and the browser share one history
        expect(a1.locator("[data-jw-card-text]")).to_have_text("Searches")
        view(page).locator("[data-jw-undo]").click()
        expect(view(page).locator("[data-jw-status]")).to_have_text("Nothing to undo")
        view(page).locator("[data-jw-redo]").click()
        assert kernel.wait_for(text, "Edited") == "Edited"
        expect(a1.locator("[data-jw-card-text]")).to_have_text("Edited")


def board_state(page: Page, n: int) -> Any:
    """What a view shows: headers, and each cell's cards in order, and the curve's scores."""
    return view(page, n).evaluate("""root => ({
        stages: [...root.querySelectorAll('[data-jw-stage]')].map(e => e.dataset.jwStage),
        lanes: [...root.querySelectorAll('[data-jw-lane]')].map(e => e.dataset.jwLane),
        cells: [...root.querySelectorAll('[data-jw-cell]')].map(c =>
            [c.dataset.stage, c.dataset.lane,
             [...c.querySelectorAll('[data-jw-card]')].map(e => e.dataset.jwCard + ':' +
                 e.querySelector('[data-jw-card-text]').textContent)]),
        points: [...root.querySelectorAll('[data-jw-point]')].map(p =>
            p.dataset.jwPoint + '=' + p.dataset.score),
    })""")


def test_two_views_stay_identical(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "twoviews", [TWO_VIEWS]) as kernel:
        expect(page.locator('[data-jw-card="a1"]')).to_have_count(2, timeout=60_000)
        card(page, "a1", 0).drag_to(cell(page, "Pay", "Actions", 0))
        assert kernel.wait_for(ids(kernel, "Pay", "Actions"), ["a1"]) == ["a1"]
        expect(cell(page, "Pay", "Actions", 1).locator('[data-jw-card="a1"]')).to_have_count(1)
        menu(page, '[data-jw-stage="Cart"]', "rename", n=1)
        view(page, 1).locator("input[data-jw-rename]").fill("Basket")
        page.keyboard.press("Enter")
        assert kernel.wait_for("list(m.stages)", ["Browse", "Basket", "Pay"])[1] == "Basket"
        card(page, "a2", 1).focus()
        page.keyboard.press("Alt+ArrowRight")
        assert kernel.wait_for(ids(kernel, "Basket", "Actions"), ["a2", "a4"]) == ["a2", "a4"]
        view(page, 0).locator('[data-jw-point="e3"]').focus()
        page.keyboard.press("ArrowUp")
        assert kernel.wait_for("float(m.data.set_index('id').at['e3', 'score'])", -1.0) == -1.0
        kernel.run("m.add_lane('Thoughts', index=1)\nm.edit_card('t1', 'text', 'From Python')")
        expect(view(page, 1).locator('[data-jw-lane="Thoughts"]')).to_be_visible()
        view(page, 1).locator("[data-jw-undo]").click()  # undoes Python's edit, in both views
        expect(card(page, "t1", 0).locator("[data-jw-card-text]")).to_have_text("Cart page")
        settled(page)
        assert board_state(page, 0) == board_state(page, 1)
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_read_only_refuses_edits(lab: Lab, page: Page) -> None:
    cells = [SETUP + "m.read_only = True\nm\n"]
    with open_notebook(lab, page, "readonly", cells) as kernel:
        root = view(page)
        expect(card(page, "a1")).to_be_visible(timeout=60_000)
        expect(root.locator("[data-jw-add-stage], [data-jw-undo]")).to_have_count(2)
        expect(root.locator("[data-jw-undo]")).to_be_hidden()
        expect(root.locator("[data-jw-menu], [data-jw-add], [data-jw-delete]")).to_have_count(0)
        revision = kernel.json("m.revision")
        card(page, "a1").drag_to(cell(page, "Pay", "Actions"))
        card(page, "a2").focus()
        page.keyboard.press("Alt+ArrowRight")
        page.keyboard.press("Enter")
        page.keyboard.press("Control+z")
        root.locator('[data-jw-point="e1"]').focus()
        page.keyboard.press("ArrowUp")
        expect(root.locator("textarea[data-jw-editor]")).to_have_count(0)
        expect(cell(page, "Browse", "Actions").locator("[data-jw-card]")).to_have_count(3)
        page.wait_for_timeout(500)  # anything sent would have been applied by now
        assert kernel.json("m.revision") == revision
        assert kernel.json(ids(kernel, "Browse", "Actions")) == ["a1", "a2", "a3"]
        # Python can lift it; the same drag then works.
        kernel.run("m.read_only = False")
        expect(root.locator("[data-jw-undo]")).to_be_visible()
        card(page, "a1").drag_to(cell(page, "Pay", "Actions"))
        assert kernel.wait_for(ids(kernel, "Pay", "Actions"), ["a1"]) == ["a1"]


def test_editing_in_notebook_7(notebook7: Lab, page: Page) -> None:
    with open_notebook(notebook7, page, "nb7", [SHOW]) as kernel:
        expect(card(page, "a1")).to_be_visible(timeout=60_000)
        card(page, "a1").drag_to(card(page, "a4"), target_position={"x": 30, "y": 4})
        assert kernel.wait_for(ids(kernel, "Cart", "Actions"), ["a1", "a4"]) == ["a1", "a4"]
        card(page, "a1").focus()
        page.keyboard.press("Alt+ArrowDown")
        assert kernel.wait_for(ids(kernel, "Cart", "Actions"), ["a4", "a1"]) == ["a4", "a1"]
        page.keyboard.press("Control+z")
        assert kernel.wait_for(ids(kernel, "Cart", "Actions"), ["a1", "a4"]) == ["a1", "a4"]
        # Notebook 7.6 itself raises this while loading settings, with or without our widget.
        errors = [
            e
            for e in page.console_errors  # type: ignore[attr-defined]
            if "reading 'schema'" not in e
        ]
        assert errors == []
