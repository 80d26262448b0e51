"""Dot voting under real-time collaboration: two people, one notebook map, one kernel.

Each browser context is its own anonymous JupyterLab user; both open the same notebook. Both
vote as themselves (their identity's display name); neither sees the other's dots before the
reveal, and after it both see the same totals, which ``m.votes`` holds.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .collab_helpers import join_as_someone_else
from .editing_helpers import SHOW, card, view
from .harness import Lab, open_notebook


def _others_dots_absent(page: Page, cards: list[str]) -> None:
    for c in cards:
        expect(card(page, c).locator("[data-jw-dots]")).to_have_count(0)
    html = view(page).evaluate("el => el.outerHTML")
    assert "data-jw-votes" not in html


# long: one story of two people through a round, in order
def test_two_people_vote_and_see_only_their_own_dots(
    collab_lab: Lab, two_users: tuple[Page, Page]
) -> None:
    ana, bo = two_users
    with open_notebook(collab_lab, ana, "collab_voting", [SHOW]) as kernel:
        expect(card(ana, "a1")).to_be_visible(timeout=60_000)
        ana_id, bo_id = join_as_someone_else(collab_lab, ana, bo, "collab_voting", "display_name")
        ana_name, bo_name = ana_id["display_name"], bo_id["display_name"]

        kernel.run("r = m.start_voting(budget=2, on='Actions', anonymous=False)")
        for page, name in ((ana, ana_name), (bo, bo_name)):
            expect(view(page).locator("[data-jw-voter]")).to_have_value(name)
        view(ana).locator('[data-jw-vote="a1"]').click()
        expect(card(ana, "a1").locator('[data-jw-dots="1"]')).to_be_visible()
        for _ in range(2):
            view(bo).locator('[data-jw-vote="a2"]').click()
        expect(card(bo, "a2").locator('[data-jw-dots="2"]')).to_be_visible()
        votes = "sorted(map(list, m.votes[['card', 'voter', 'count']].values.tolist()))"
        expected = sorted([["a1", ana_name, 1], ["a2", bo_name, 2]])
        assert kernel.wait_for(votes, expected) == expected
        expect(view(bo).locator('[data-jw-budget-left="0"]')).to_be_visible()
        expect(view(ana).locator('[data-jw-budget-left="1"]')).to_be_visible()
        _others_dots_absent(ana, ["a2"])
        _others_dots_absent(bo, ["a1"])

        view(ana).locator("[data-jw-end-voting]").click()
        for page in (ana, bo):
            expect(card(page, "a1").locator('[data-jw-votes="1"]')).to_be_visible()
            expect(card(page, "a2").locator('[data-jw-votes="2"]')).to_be_visible()
            expect(view(page).locator("[data-jw-voting]")).to_be_hidden()
        totals = "m.vote_totals()[['card', 'votes']].values.tolist()"
        assert kernel.wait_for(totals, [["a2", 2], ["a1", 1]]) == [["a2", 2], ["a1", 1]]
        assert kernel.json(votes) == expected
