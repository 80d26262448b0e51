"""The static map and the static compare view show each card's comments and revealed votes.

Never the dots of an open round; hostile comment text never reaches the markup as markup.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

import journey_widget as jw
from journey_widget.compare.html import compare_html
from journey_widget.html_render import map_html
from journey_widget.html_render.image import map_svg

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>x</b>']


def room_map() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "id": ["p1", "p2", "o1"],
            "stage": ["Browse", "Pay", "Pay"],
            "lane": ["Pain points", "Pain points", "Opportunities"],
            "text": ["Sizes differ", "Card declined", "Explain declines"],
        }
    )
    m = jw.JourneyMap(cards, stages=["Browse", "Pay"])
    first = m.add_comment("p2", HOSTILE[0], author=HOSTILE[1])
    m.add_comment("p2", HOSTILE[2], author="Bo", reply_to=first)
    done = m.add_comment("o1", "Payments owns it", author="Ana")
    m.resolve_comment(done)
    m.start_voting(budget=3, on="Pain points")
    for voter, card in [("Ana", "p2"), ("Ana", "p2"), ("Bo", "p2"), ("Bo", "p1")]:
        m.vote(card, voter=voter)
    m.end_voting()
    return m


class Marks(HTMLParser):
    """Per card: its ``data-jw-comments`` / ``data-jw-votes`` values, the texts, every tag."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.cards: dict[str, dict[str, str]] = {}
        self.labels: dict[str, str] = {}
        self.tags: set[str] = set()
        self._card: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if "data-jw-card" in a:
            self._card = a["data-jw-card"]
            self.cards.setdefault(self._card, {})
            self.labels[self._card] = a.get("aria-label", "")
        for hook in ("data-jw-comments", "data-jw-votes", "data-jw-dots", "data-jw-unresolved"):
            if hook in a and self._card:
                self.cards[self._card][hook] = a[hook]


def test_cards_show_comment_counts_and_the_revealed_total():
    html = map_html(room_map().journey)
    marks = Marks(html)
    assert marks.cards["p2"] == {
        "data-jw-comments": "2",
        "data-jw-unresolved": "2",
        "data-jw-votes": "3",
    }
    assert marks.cards["p1"] == {"data-jw-votes": "1"}
    assert marks.cards["o1"] == {"data-jw-comments": "1"}
    assert marks.labels["p2"].endswith("; 2 comments, 2 unresolved; 3 votes in round 1")
    assert marks.labels["o1"].endswith("; 1 comment, all resolved")
    assert 'class="jw-votes" data-jw-votes="3" title="3 votes in round 1">\u25cf 3</span>' in html


class Threads(HTMLParser):
    """The text of each comment (``data-jw-comment``) of a static map, as a browser reads it."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.tags: set[str] = set()
        self._depth = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if dict(attrs).get("class") == "jw-comment-text":
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._depth = 0

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data


def test_hostile_comments_show_literally_as_text():
    m = room_map()
    html = map_html(m.journey)
    threads = Threads(html)
    assert threads.texts == [HOSTILE[0], HOSTILE[2], "Payments owns it"]
    assert not threads.tags & {"script", "img", "b"}
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the author, escaped
    for page in (html, map_svg(m.journey)):
        assert "<script" not in page and "<img" not in page and "<b>" not in page


def test_an_open_round_shows_no_dots_and_no_total():
    m = room_map()
    m.start_voting(budget=3, on="Pain points")
    m.vote("p1", voter="Ana")
    m.vote("p1", voter="Ana")
    marks = Marks(map_html(m.journey))
    assert "data-jw-votes" not in marks.cards["p1"] and "data-jw-dots" not in marks.cards["p1"]
    assert "data-jw-votes" not in marks.cards["p2"]  # the room is voting again
    assert marks.cards["p2"]["data-jw-comments"] == "2"
    m.end_voting()
    marks = Marks(map_html(m.journey))
    assert marks.cards["p1"]["data-jw-votes"] == "2"  # round 2 is the last revealed one
    assert "data-jw-votes" not in marks.cards["p2"]


def test_a_map_without_comments_or_votes_draws_no_marks():
    html = map_html(jw.JourneyMap(room_map().data).journey, with_style=False)
    assert "jw-marks" not in html and "data-jw-votes" not in html


def test_the_picture_names_the_counts():
    svg = map_svg(room_map().journey)
    assert "2 comments" in svg and "3 votes" in svg
    assert "2 comments, 2 unresolved" in svg  # the badge's title


def test_the_static_compare_view_shows_the_same_counts():
    before = room_map()
    after = before.copy(state="future")
    after.edit_card("p2", "text", "Card declined, with the reason")
    html = compare_html(before.journey, after.journey, jw.diff(before, after).to_dict("records"))
    sides = html.split('data-jw-compare-side="after"')
    before_marks, after_marks = Marks(sides[0]), Marks(sides[1])
    for marks in (before_marks, after_marks):
        assert marks.cards["p2"]["data-jw-comments"] == "2"
        assert marks.cards["p2"]["data-jw-votes"] == "3"
    assert not Marks(html).tags & {"script", "img", "b"}


def test_the_live_compare_view_gets_comments_and_revealed_totals_only():
    m = room_map()
    m.start_voting(budget=2)
    m.vote("o1", voter="Ana")
    view = jw.compare(m, m.copy(state="future"))
    try:
        for side in (view.before, view.after):
            room = side["participation"]
            assert len(room["comments"]) == 3
            assert room["totals"] == [
                {"round": 1, "card": "p2", "votes": 3},
                {"round": 1, "card": "p1", "votes": 1},
            ]
            assert "votes" not in room and "o1" not in str(room["totals"])
    finally:
        view.close()
