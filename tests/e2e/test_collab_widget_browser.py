"""The notebook widget under real-time collaboration (jupyter-collaboration): two people.

Two browser contexts are two anonymous JupyterLab users on one server; both open the same
notebook, so they share its document and its kernel, and each browser draws its own view of the
same widget. Assertions about edits read the kernel (``m.data``, ``m.history``) through a
second client on that kernel; the DOM is checked for what each person sees.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .collab_helpers import join_as_someone_else
from .editing_helpers import SHOW, card, settled, view
from .harness import Lab, open_notebook, type_into_card

TEXT = "m.data.set_index('id').at[{!r}, 'text']"


# long: one story of two people on one map, in order (each step needs the ones before)
def test_two_people_edit_one_notebook_map(collab_lab: Lab, two_users: tuple[Page, Page]) -> None:
    ana, bo = two_users
    with open_notebook(collab_lab, ana, "collab_widget", [SHOW]) as kernel:
        expect(card(ana, "a1")).to_be_visible(timeout=60_000)
        ana_id, bo_id = join_as_someone_else(collab_lab, ana, bo, "collab_widget", "name")

        # Bo edits a card: Ana's view and the kernel's DataFrame have it.
        type_into_card(bo, "a1", "Bo searches")
        assert kernel.wait_for(TEXT.format("a1"), "Bo searches") == "Bo searches"
        expect(card(ana, "a1").locator("[data-jw-card-text]")).to_have_text("Bo searches")

        # While Bo has a card's editor open, Ana sees who edits it, in Bo's name.
        card(bo, "a2").dblclick()
        expect(bo.locator("textarea[data-jw-editor]")).to_be_visible()
        marked = card(ana, "a2")
        expect(marked).to_have_attribute("data-jw-presence", bo_id["name"])
        expect(marked.locator("[data-jw-presence-mark]")).to_have_text(bo_id["display_name"])
        expect(view(bo).locator("[data-jw-presence]")).to_have_count(0)  # never oneself
        # Ana opens the same card: her editor warns her, naming Bo.
        card(ana, "a2").dblclick()
        warning = ana.locator("[data-jw-presence-warning]")
        expect(warning).to_have_attribute("role", "status")
        expect(warning).to_contain_text(bo_id["display_name"])
        expect(card(bo, "a2")).to_have_attribute("data-jw-presence", ana_id["name"])
        ana.locator("textarea[data-jw-editor]").press("Escape")
        bo.locator("textarea[data-jw-editor]").press("Escape")
        expect(view(ana).locator("[data-jw-presence]")).to_have_count(0)
        expect(view(bo).locator("[data-jw-presence]")).to_have_count(0)

        # Ana edits another card; the history names both of them.
        type_into_card(ana, "a3", "Ana reads reviews")
        assert kernel.wait_for(TEXT.format("a3"), "Ana reads reviews") == "Ana reads reviews"
        rows = kernel.json("m.history[['user', 'source', 'kind', 'card', 'field']].values.tolist()")
        assert rows == [
            [bo_id["name"], "browser", "edit", "a1", "text"],
            [ana_id["name"], "browser", "edit", "a3", "text"],
        ]
        assert kernel.json("str(m.history['time'].dt.tz)") == "UTC"

        # Bo's Ctrl+Z undoes Bo's edit, not Ana's later one; then Ana's undoes hers.
        settled(bo)
        card(bo, "a2").focus()
        bo.keyboard.press("Control+z")
        assert kernel.wait_for(TEXT.format("a1"), "Searches") == "Searches"
        assert kernel.json(TEXT.format("a3")) == "Ana reads reviews"
        expect(card(ana, "a1").locator("[data-jw-card-text]")).to_have_text("Searches")
        settled(ana)
        card(ana, "a2").focus()
        ana.keyboard.press("Control+z")
        assert kernel.wait_for(TEXT.format("a3"), "Reads reviews") == "Reads reviews"
        assert kernel.json("m.history['user'].tolist()")[-2:] == [bo_id["name"], ana_id["name"]]
        bo.keyboard.press("Control+z")  # nothing of Bo's left to undo: Ana's edits stay
        expect(view(bo).locator("[data-jw-status]")).to_have_text("Nothing to undo")
        assert kernel.json(TEXT.format("a3")) == "Reads reviews"
        assert ana.console_errors == [] and bo.console_errors == []  # type: ignore[attr-defined]
