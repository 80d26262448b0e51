"""Comments and dot voting in a real JupyterLab against a real kernel (docs/participation.md).

A comment and a reply typed in the widget land in ``m.comments``, hostile text shows as text; a
round with a budget of 3 refuses the fourth dot with a visible reason; with two views of one map,
each view's dots stay out of the other view's DOM until ``m.end_voting()`` reveals the totals.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from .editing_helpers import SHOW, TWO_VIEWS, card, view
from .harness import Kernel, Lab, open_notebook

HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script> & done"
IDENTITY = "() => window[Symbol.for('journey-widget.identity')] || null"


def panel(page: Page) -> Locator:
    return view(page).locator("[data-jw-comment-panel]")


def sign_if_asked(page: Page, name: str) -> None:
    """Type a name when the view asks for one (no JupyterLab identity)."""
    field = panel(page).locator("[data-jw-author-name]")
    if field.is_visible():
        field.fill(name)


def vote(page: Page, card_id: str, n: int = 0) -> None:
    view(page, n).locator(f'[data-jw-vote="{card_id}"]').click()


def dots_on(page: Page, card_id: str, n: int = 0) -> Locator:
    return card(page, card_id, n).locator("[data-jw-dots]")


# long: one story: a comment, a reply, resolving the thread, read back from the kernel each time
def test_comment_and_reply_from_the_widget(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "participation_comments", [SHOW]) as kernel:
        a1 = card(page, "a1")
        expect(a1).to_be_visible(timeout=60_000)
        a1.focus()
        page.keyboard.press("c")  # C on a focused card opens its comments
        expect(panel(page)).to_be_visible()
        expect(panel(page)).to_have_attribute("data-jw-comment-card", "a1")
        sign_if_asked(page, "Ana")
        panel(page).locator("[data-jw-comment-text]").fill(HOSTILE)
        panel(page).locator("[data-jw-comment-add]").click()
        assert kernel.wait_for("m.comments['text'].tolist()", [HOSTILE]) == [HOSTILE]
        body = panel(page).locator("[data-jw-comment-body]")
        expect(body).to_have_text(HOSTILE)
        expect(panel(page).locator("img, script")).to_have_count(0)
        expect(panel(page).locator("[data-jw-comment-text]")).to_have_value("")
        expect(a1.locator('[data-jw-comments="1"][data-jw-unresolved="1"]')).to_be_visible()

        panel(page).locator('[data-jw-reply-text="k1"]').fill("Which ones?")
        panel(page).locator('[data-jw-reply="k1"]').click()
        rows = "m.comments[['id', 'parent', 'text']].values.tolist()"
        expected = [["k1", None, HOSTILE], ["k2", "k1", "Which ones?"]]
        assert kernel.wait_for(rows, expected) == expected
        expect(body).to_have_count(2)
        me = page.evaluate(IDENTITY)
        author = (me or {}).get("display_name") or (me or {}).get("name") or "Ana"
        assert kernel.json("m.comments['author'].tolist()") == [author, author]

        panel(page).locator('[data-jw-resolve="k1"]').click()
        assert kernel.wait_for("m.comments['resolved'].tolist()", [True, True]) == [True, True]
        expect(a1.locator('[data-jw-comments="2"].jw-resolved')).to_be_visible()
        expect(panel(page).locator('[data-jw-thread="k1"][data-jw-resolved]')).to_be_visible()
        page.keyboard.press("Escape")
        expect(panel(page)).to_be_hidden()
        expect(a1).to_be_focused()
        assert not page.console_errors  # type: ignore[attr-defined]


# long: one round from the toolbar's form to the refused fourth dot
def test_a_dot_beyond_the_budget_is_refused_with_the_reason(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "participation_budget", [SHOW]) as kernel:
        expect(card(page, "a1")).to_be_visible(timeout=60_000)
        view(page).locator("[data-jw-start-voting]").click()
        form = view(page).locator("[data-jw-voting-form]")
        form.locator("[data-jw-voting-budget]").fill("3")
        form.locator('[data-jw-voting-lane="Actions"]').check()
        form.locator("[data-jw-voting-minutes]").fill("10")
        form.locator("[data-jw-voting-start]").click()
        bar = view(page).locator("[data-jw-voting]")
        expect(bar).to_be_visible()
        expect(bar.locator("[data-jw-countdown]")).to_have_text(re.compile(r"^\d+:\d\d$"))
        rounds = "[m.participation['rounds'][0]['lanes'], m.participation['rounds'][0]['budget']]"
        assert kernel.wait_for(rounds, [["Actions"], 3]) == [["Actions"], 3]
        expect(card(page, "p1").locator("[data-jw-vote]")).to_have_count(0)  # not in the round

        voter = bar.locator("[data-jw-voter]")
        if not voter.input_value():
            voter.fill("Ana")
            voter.press("Enter")
        for n in (1, 2, 3):
            vote(page, "a1")
            expect(dots_on(page, "a1")).to_have_attribute("data-jw-dots", str(n))
        expect(bar.locator("[data-jw-budget-left]")).to_have_attribute("data-jw-budget-left", "0")
        vote(page, "a2")
        error = view(page).locator("[data-jw-error]")
        expect(error).to_contain_text("budget")
        expect(dots_on(page, "a2")).to_have_count(0)
        assert kernel.json("int(m.votes['count'].sum())") == 3

        card(page, "a1").locator("[data-jw-unvote]").click()  # the small minus takes one back
        expect(dots_on(page, "a1")).to_have_attribute("data-jw-dots", "2")
        assert kernel.wait_for("int(m.votes['count'].sum())", 2) == 2
        view(page).locator("[data-jw-end-voting]").click()
        expect(card(page, "a1").locator('[data-jw-votes="2"]')).to_be_visible()
        expect(bar).to_be_hidden()


def _no_dots_of(kernel: Kernel, page: Page, n: int, cards: list[str]) -> None:
    html = view(page, n).evaluate("el => el.outerHTML")
    for c in cards:
        expect(dots_on(page, c, n)).to_have_count(0)
    assert "data-jw-votes" not in html
    assert "voter-" not in html


# long: two views of one map through a round, checked in both DOMs and the kernel
def test_hidden_votes_stay_in_their_own_view_until_the_reveal(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "participation_views", [TWO_VIEWS]) as kernel:
        expect(card(page, "a1", 1)).to_be_visible(timeout=60_000)
        kernel.run("r = m.start_voting(budget=3, on='Actions', anonymous=False)")
        for n, name in ((0, "Ana"), (1, "Bo")):
            voter = view(page, n).locator("[data-jw-voter]")
            expect(voter).to_be_visible()
            voter.fill(name)
            voter.press("Enter")
        vote(page, "a1", 0)
        vote(page, "a1", 0)
        expect(dots_on(page, "a1", 0)).to_have_attribute("data-jw-dots", "2")
        vote(page, "a2", 1)
        expect(dots_on(page, "a2", 1)).to_have_attribute("data-jw-dots", "1")
        votes = "sorted(map(list, m.votes[['card', 'voter', 'count']].values.tolist()))"
        expected = [["a1", "Ana", 2], ["a2", "Bo", 1]]
        assert kernel.wait_for(votes, expected) == expected
        _no_dots_of(kernel, page, 1, ["a1"])
        _no_dots_of(kernel, page, 0, ["a2"])
        assert kernel.json("'Ana' in str(m.participation) or 'Bo' in str(m.participation)") is False

        kernel.run("totals = m.end_voting()")
        for n in (0, 1):
            expect(card(page, "a1", n).locator('[data-jw-votes="2"]')).to_be_visible()
            expect(card(page, "a2", n).locator('[data-jw-votes="1"]')).to_be_visible()
            expect(view(page, n).locator("[data-jw-dots]")).to_have_count(0)
        assert kernel.json("m.vote_totals()[['card', 'votes']].values.tolist()") == [
            ["a1", 2],
            ["a2", 1],
        ]
        assert not page.console_errors  # type: ignore[attr-defined]
