"""Workshop features in a real JupyterLab (issue 6).

Lane prompts of a template, presentation mode and the map checks. Assertions about the map read
the kernel's ``m`` through a second client on the notebook's own kernel; the DOM is checked for
what the room sees.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .harness import Lab, open_notebook

TEMPLATE = """
import journey_widget as jw
m = jw.templates.load("b2c")
__ready__ = True
m
"""

FILLED = """
import journey_widget as jw
# The emotion chart asked for by name: a single curve is otherwise only the lane's (issue 19).
m = jw.templates.load("b2c", title="Running shoes", overlays="emotion")
m.add_card("Awareness", "Actions", "Sees an ad")
m.add_card("Awareness", "Emotions", "Curious", score=1)
m.add_card("Consideration", "Actions", "Compares sizes")
m.add_card("Decision", "Pain points", "Card declined at checkout")
m.add_card("Advocacy", "Opportunities", "Referral code after delivery")
__ready__ = True
m
"""

RECORDS = "m.data[['id', 'stage', 'lane', 'text', 'score']].to_dict('records')"


def root(page: Page) -> Locator:
    return page.locator("[data-jw-root]").first


def cell(page: Page, stage: str, lane: str) -> Locator:
    return root(page).locator(f'[data-jw-cell][data-stage="{stage}"][data-lane="{lane}"]')


def test_fill_a_template_cell_and_its_prompt_goes(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "workshop_prompts", [TEMPLATE]) as kernel:
        actions = cell(page, "Awareness", "Actions")
        prompt = kernel.json("m.journey.lane('Actions').prompt")
        assert prompt == "What is the customer doing? One action per card."
        expect(actions.locator("[data-jw-prompt]")).to_have_text(prompt, timeout=60_000)
        expect(cell(page, "Awareness", "Emotions").locator("[data-jw-prompt]")).to_have_text(
            kernel.json("m.journey.lane('Emotions').prompt")
        )
        assert kernel.json("len(m.data)") == 0

        actions.locator("[data-jw-add]").click()
        editor = actions.locator("textarea[data-jw-editor]")
        expect(editor).to_be_focused()  # opens on the new card once the kernel named it
        page.keyboard.type("Sees an ad for trail shoes")  # "New card" is selected: replaced
        page.keyboard.press("Enter")

        want = [{"stage": "Awareness", "lane": "Actions", "text": "Sees an ad for trail shoes"}]
        got = kernel.wait_for("m.data[['stage', 'lane', 'text']].to_dict('records')", want)
        assert got == want
        card_id = kernel.json("m.data['id'].iloc[0]")
        expect(actions.locator(f'[data-jw-card="{card_id}"] [data-jw-card-text]')).to_have_text(
            "Sees an ad for trail shoes"
        )
        expect(actions.locator("[data-jw-prompt]")).to_be_hidden()
        # The other empty cells keep theirs.
        expect(cell(page, "Consideration", "Actions").locator("[data-jw-prompt]")).to_be_visible()
        # Undone in Python (the text, then the card), the cell is empty and the prompt is back.
        kernel.run("m.undo()\nm.undo()")
        assert kernel.json("len(m.data)") == 0
        expect(actions.locator("[data-jw-prompt]")).to_be_visible()
        assert page.console_errors == []  # type: ignore[attr-defined]


# long: one browser story; split, each part would pay JupyterLab's start-up again
def test_present_stage_by_stage_and_leave_the_data_untouched(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "workshop_present", [FILLED]) as kernel:
        r = root(page)
        expect(r.locator("[data-jw-card]")).to_have_count(5, timeout=60_000)
        before, revision = kernel.json(RECORDS), kernel.json("m.revision")
        chart = r.locator('img[data-jw-overlay="emotion"]')
        expect(chart).to_be_visible(timeout=30_000)

        r.locator("[data-jw-present]").click()
        expect(r).to_have_attribute("data-jw-presenting", "")
        expect(chart).to_be_hidden()  # it would show every lane's scores at once
        expect(r).to_have_attribute("data-jw-current-stage", "Awareness")
        # A fixed overlay over the whole window, the editing tools gone.
        box = r.bounding_box()
        assert box is not None and box["x"] == 0 and box["y"] == 0
        assert box["width"] == 1400 and box["height"] == 900
        expect(r.locator("[data-jw-add]")).to_have_count(0)
        expect(r.locator('[data-jw-stage="Awareness"]')).to_have_attribute("aria-current", "step")
        expect(r.locator("[data-jw-status]")).to_contain_text("Stage 1 of 5: Awareness")

        page.keyboard.press("ArrowRight")
        expect(r).to_have_attribute("data-jw-current-stage", "Consideration")
        expect(r.locator("[data-jw-status]")).to_contain_text("Stage 2 of 5: Consideration")
        page.keyboard.press("PageDown")
        expect(r).to_have_attribute("data-jw-current-stage", "Decision")
        page.keyboard.press("End")
        expect(r).to_have_attribute("data-jw-current-stage", "Advocacy")
        page.keyboard.press("ArrowRight")  # the end: it stops there
        expect(r).to_have_attribute("data-jw-current-stage", "Advocacy")
        expect(r.locator("[data-jw-status]")).to_have_text("Last stage")
        page.keyboard.press("ArrowLeft")
        expect(r).to_have_attribute("data-jw-current-stage", "Retention")
        page.keyboard.press("PageUp")
        expect(r).to_have_attribute("data-jw-current-stage", "Decision")
        expect(r.locator('[data-jw-stage="Decision"][data-jw-current]')).to_have_count(1)
        expect(r.locator('[data-jw-cell].jw-current[data-stage="Decision"]')).to_have_count(6)

        # Lanes one at a time: only Actions first, then Touchpoints, then back.
        expect(r).to_have_attribute("data-jw-lanes-shown", "1")
        expect(r.locator('[data-jw-lane="Touchpoints"]')).to_be_hidden()
        expect(r.locator('[data-jw-lane="Actions"]')).to_be_visible()
        page.keyboard.press("ArrowDown")
        expect(r).to_have_attribute("data-jw-lanes-shown", "2")
        expect(r.locator('[data-jw-lane="Touchpoints"]')).to_be_visible()
        expect(r.locator('[data-jw-lane="Thoughts"]')).to_be_hidden()
        page.keyboard.press("ArrowUp")
        expect(r).to_have_attribute("data-jw-lanes-shown", "1")
        r.locator("[data-jw-present-all]").click()
        expect(r).to_have_attribute("data-jw-lanes-shown", "6")
        expect(r.locator('[data-jw-lane="Opportunities"]')).to_be_visible()

        # Editing keys do nothing while presenting.
        cell(page, "Decision", "Pain points").locator("[data-jw-card]").focus()
        page.keyboard.press("Delete")
        page.keyboard.press("Enter")
        expect(r.locator("textarea[data-jw-editor]")).to_have_count(0)

        page.keyboard.press("Escape")
        expect(r).not_to_have_attribute("data-jw-presenting", "")
        expect(page.locator(".jp-OutputArea [data-jw-root]")).to_have_count(1)  # back in place
        expect(chart).to_be_visible()
        expect(r.locator("[data-jw-add]").first).to_be_attached()
        expect(r.locator("[data-jw-concealed]")).to_have_count(0)
        assert kernel.json(RECORDS) == before
        assert kernel.json("m.revision") == revision
        # Editable again.
        cell(page, "Retention", "Actions").locator("[data-jw-add]").click()
        assert kernel.wait_for("len(m.data)", 6) == 6
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_check_lists_the_findings_of_m_check(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "workshop_check", [FILLED]) as kernel:
        r = root(page)
        expect(r.locator("[data-jw-card]")).to_have_count(5, timeout=60_000)
        r.locator("[data-jw-check]").click()
        findings = r.locator("[data-jw-findings] [data-jw-finding]")
        rules = kernel.json("[f.rule for f in m.check()]")
        assert "pain-without-evidence" in rules and "opportunity-without-owner" in rules
        expect(findings).to_have_count(len(rules))
        shown = findings.evaluate_all("els => els.map(e => e.dataset.rule)")
        assert shown == rules
        messages = kernel.json("[f.message for f in m.check()]")
        expect(findings.locator(".jw-finding-message")).to_have_text(messages)

        # A finding about a card brings that card into focus, highlighted.
        card_id = kernel.json(
            "next(f.card for f in m.check() if f.rule == 'pain-without-evidence')"
        )
        r.locator('[data-jw-finding][data-rule="pain-without-evidence"]').click()
        card = r.locator(f'[data-jw-card="{card_id}"]')
        expect(card).to_be_focused()
        expect(card).to_have_attribute("data-jw-highlight", "")
        # A stage finding, from the keyboard.
        stage = kernel.json("next(f.stage for f in m.check() if f.rule == 'empty-stage')")
        r.locator('[data-jw-finding][data-rule="empty-stage"]').first.focus()
        page.keyboard.press("Enter")
        expect(r.locator(f'[data-jw-stage="{stage}"]')).to_have_attribute("data-jw-highlight", "")
        expect(r.locator(f'[data-jw-stage="{stage}"]')).to_be_focused()

        # Fix the map in Python and check again: the fixed findings are gone.
        kernel.run("m.data = m.data.assign(owner=['', '', '', '', 'Growth team'])")
        r.locator("[data-jw-check]").click()
        expect(r.locator('[data-jw-finding][data-rule="opportunity-without-owner"]')).to_have_count(
            0
        )
        expect(findings).to_have_count(len(kernel.json("m.check()")))
        assert page.console_errors == []  # type: ignore[attr-defined]
