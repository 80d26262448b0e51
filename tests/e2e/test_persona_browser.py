"""The persona, title and state edited in the widget in a real JupyterLab.

Issue 6, "edit the persona".

Every assertion about an edit reads the kernel's map (``m.persona``, ``m.title``, ``m.state``)
through a second client on the notebook's own kernel; the DOM is only checked for what the user
sees.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .harness import Lab, open_notebook

SETUP = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({"id": ["a1", "e1"], "stage": ["Browse", "Browse"],
                      "lane": ["Actions", "Emotions"], "text": ["Searches", "Curious"],
                      "score": [None, 1]})
PERSONA = {"name": "First-time buyer", "goals": ["Pay fast"], "quote": "Is it my size?",
           "frustrations": ["Hidden fees"], "avatar": {"initials": "FB", "color": "teal"},
           "segment": "new"}
"""
EDITABLE = (
    SETUP
    + """
m = jw.JourneyMap(cards, stages=["Browse", "Pay"], lanes=["Actions", "Emotions"],
                  title="Checkout", persona=PERSONA, overlays=False)
__ready__ = True
m
"""
)
READ_ONLY = (
    SETUP
    + """
ro = jw.JourneyMap(cards, title="Checkout <b>as is</b>", persona=PERSONA, read_only=True,
                   overlays=False)
__ready__ = True
ro
"""
)


def view(page: Page) -> Locator:
    return page.locator("[data-jw-root]").first


# long: one browser story; split, each part would pay JupyterLab's start-up again
def test_edit_the_persona_title_and_state_and_undo(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "persona", [EDITABLE]) as kernel:
        v = view(page)
        expect(v.locator("[data-jw-persona-name]")).to_have_text("First-time buyer", timeout=60_000)
        expect(v.locator("[data-jw-avatar]")).to_have_text("FB")
        toggle = v.locator("button[data-jw-persona-toggle]")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(v.locator("[data-jw-persona-quote]")).to_have_text("Is it my size?")

        # Edit the name, a goal and the quote; Ctrl+Enter saves.
        v.locator("button[data-jw-edit-persona]").click()
        form = v.locator("form[data-jw-persona-form]")
        name = form.locator('[data-jw-persona-field="name"]')
        expect(name).to_be_focused()
        expect(name).to_have_value("First-time buyer")
        name.fill("Returning buyer")
        form.locator('[data-jw-persona-field="goals"]').fill("Pay fast\nGet the right size")
        quote = form.locator('[data-jw-persona-field="quote"]')
        quote.fill("I know my size now")
        quote.press("Control+Enter")
        expect(form).to_have_count(0)
        assert kernel.wait_for("m.persona.name", "Returning buyer") == "Returning buyer"
        assert kernel.json("list(m.persona.goals)") == ["Pay fast", "Get the right size"]
        assert kernel.json("m.persona.quote") == "I know my size now"
        # What the form does not edit is kept: frustrations, the avatar, the analyst's keys.
        assert kernel.json("list(m.persona.frustrations)") == ["Hidden fees"]
        assert kernel.json("[m.persona.avatar.initials, m.persona.avatar.color]") == ["FB", "teal"]
        assert kernel.json("dict(m.persona.extra)") == {"segment": "new"}
        expect(v.locator("[data-jw-persona-name]")).to_have_text("Returning buyer")
        expect(v.locator("[data-jw-persona-goals] li")).to_have_text(
            ["Pay fast", "Get the right size"]
        )
        expect(v.locator("[data-jw-persona-quote]")).to_have_text("I know my size now")

        # Undo from the toolbar brings the persona back, in the kernel and on screen.
        v.locator("button[data-jw-undo]").click()
        assert kernel.wait_for("m.persona.name", "First-time buyer") == "First-time buyer"
        assert kernel.json("list(m.persona.goals)") == ["Pay fast"]
        assert kernel.json("m.persona.quote") == "Is it my size?"
        expect(v.locator("[data-jw-persona-name]")).to_have_text("First-time buyer")

        # Escape closes the form and sends nothing.
        v.locator("button[data-jw-edit-persona]").click()
        form.locator('[data-jw-persona-field="name"]').fill("Not saved")
        page.keyboard.press("Escape")
        expect(form).to_have_count(0)
        expect(v.locator("button[data-jw-edit-persona]")).to_be_focused()

        # The title: double-click, type, Enter.
        v.locator("[data-jw-title]").dblclick()
        title = v.locator("input[data-jw-title-input]")
        expect(title).to_be_focused()
        title.fill("Checkout <b>v2</b>")
        title.press("Enter")
        assert kernel.wait_for("m.title", "Checkout <b>v2</b>") == "Checkout <b>v2</b>"
        expect(v.locator("[data-jw-title]")).to_have_text("Checkout <b>v2</b>")
        expect(v.locator("[data-jw-title] b")).to_have_count(0)

        # The state.
        v.locator("select[data-jw-state]").select_option("future")
        assert kernel.wait_for("m.state", "future") == "future"
        assert kernel.json("m.persona.name") == "First-time buyer"  # Escape saved nothing
        # Each browser edit was one step of the map's one history.
        steps = kernel.json("[(m.undo(), m.state, m.title)[1:] for _ in range(2)]")
        assert steps == [["current", "Checkout <b>v2</b>"], ["current", "Checkout"]]
        expect(v.locator("[data-jw-title]")).to_have_text("Checkout")
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_a_read_only_map_shows_the_persona_without_editing(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "persona_ro", [READ_ONLY]) as kernel:
        v = view(page)
        expect(v.locator("[data-jw-persona-name]")).to_have_text("First-time buyer", timeout=60_000)
        expect(v.locator("[data-jw-title]")).to_have_text("Checkout <b>as is</b>")
        expect(v.locator("[data-jw-state-label]")).to_have_text("Current state")
        expect(v.locator("[data-jw-edit-persona]")).to_have_count(0)
        expect(v.locator("[data-jw-edit-title]")).to_have_count(0)
        expect(v.locator("select[data-jw-state]")).to_have_count(0)
        v.locator("button[data-jw-persona-toggle]").click()
        expect(v.locator("[data-jw-persona-frustrations] li")).to_have_text(["Hidden fees"])
        v.locator("[data-jw-title]").dblclick()
        expect(v.locator("[data-jw-title-input]")).to_have_count(0)
        assert kernel.json("ro.title") == "Checkout <b>as is</b>"
        assert page.console_errors == []  # type: ignore[attr-defined]
