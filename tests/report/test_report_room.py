"""The report's "What the room chose": top-voted cards per revealed round, with their comments.

Tested by opening the files the report writes; hostile comment text stays text in the
notebook, the HTML page and the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

import journey_widget as jw

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("chromium") is None,
    reason="needs Debian's chromium and poppler-utils",
)
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>x</b>']
HEADING = "## What the room chose"


def voted_map() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "id": ["p1", "p2", "p3", "o1", "o2"],
            "stage": ["Browse", "Pay", "Pay", "Pay", "Ship"],
            "lane": ["Pain points", "Pain points", "Pain points", "Opportunities", "Opportunities"],
            "text": [
                "Sizes differ per brand",
                "Card declined",
                "Fees appear late",
                "Explain declines",
                "Tracking link",
            ],
        }
    )
    m = jw.JourneyMap(cards, stages=["Browse", "Pay", "Ship"], title="Room report")
    first = m.add_comment("p2", HOSTILE[0], author="Ana")
    m.add_comment("p2", HOSTILE[1], author=HOSTILE[2], reply_to=first)
    m.add_comment("o2", "Ask the carrier first", author="Bo")
    m.start_voting(budget=3, on="Pain points")
    for voter, card in [("Ana", "p2"), ("Ana", "p2"), ("Bo", "p2"), ("Bo", "p1"), ("Cy", "p3")]:
        m.vote(card, voter=voter)
    m.end_voting()
    m.start_voting(budget=2, on="Opportunities")
    m.vote("o1", voter="Ana")  # never revealed: the round is still open
    return m


def room_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    cells = nb.cells
    (at,) = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and HEADING in c.source]
    return cells[at + 1].outputs


def test_the_notebook_has_the_section_only_when_the_room_said_something(tmp_path):
    nb = nbformat.read(jw.report(voted_map(), tmp_path / "r.ipynb"), as_version=4)
    (output,) = room_outputs(nb)
    html = output["data"]["text/html"]
    assert "Round 1: Pain points; 3 dots each, 3 voters (anonymous)" in html
    assert "Round 2" in html and "still open" in html
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    plain = output["data"]["text/plain"]
    assert "Card declined" in plain and HOSTILE[0] in plain
    quiet = jw.JourneyMap(voted_map().data)
    nb = nbformat.read(jw.report(quiet, tmp_path / "q.ipynb"), as_version=4)
    assert not [c for c in nb.cells if c.cell_type == "markdown" and HEADING in c.source]


def test_the_section_ranks_each_revealed_round_with_the_comments():
    from journey_widget.reports.room import round_table, what_the_room_chose

    m = voted_map()
    table = round_table(m.journey, m.journey.participation.rounds[0]).data
    assert list(table.columns) == ["rank", "votes", "card", "stage", "lane", "comments"]
    assert list(zip(table["card"], table["votes"], table["rank"], strict=True)) == [
        ("Card declined", 3, 1),
        ("Sizes differ per brand", 1, 2),
        ("Fees appear late", 1, 2),
    ]
    assert table["comments"][0] == f"Ana: {HOSTILE[0]}\n  {HOSTILE[2]}: {HOSTILE[1]}"
    section = repr(what_the_room_chose(m))
    assert "Comments on other cards" in section and "Bo: Ask the carrier first" in section
    assert "Explain declines" not in section  # o1's dot is in the open round


class Text(HTMLParser):
    """The text a browser shows for a page, and its tags."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self._style = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.append((tag, dict(attrs)))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.text.append(data)


def test_html_report_shows_hostile_comments_literally(tmp_path):
    page = jw.report(voted_map(), tmp_path / "r.html").read_text()
    parsed = Text(page)
    assert not parsed.tags & {"script", "b"}
    for tag, attrs in parsed.attrs:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/"), attrs
    text = "".join(parsed.text)
    assert "What the room chose" in text
    for hostile in HOSTILE:
        assert hostile in text  # once in the static map's threads, once in the section
    assert text.count(HOSTILE[0]) >= 2


@needs_pdf_tools
def test_pdf_report_prints_the_section_and_hostile_comments_as_text(tmp_path):
    path = jw.report(voted_map(), tmp_path / "r.pdf")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "What the room chose" in flat
    assert "Round 1: Pain points; 3 dots each, 3 voters (anonymous)" in flat
    for hostile in HOSTILE:
        assert hostile in flat
