"""Reports of workshop maps show what the live widget shows.

Each card's confidence and evidence marks and badges, and the whole persona (goals,
frustrations, quote); user text stays text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

import journey_widget as jw

from .conftest import HOSTILE

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("chromium") is None,
    reason="needs Debian's chromium and poppler-utils",
)


def workshop_map() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "id": ["k0", "k1", "k2", "k3"],
            "stage": ["Browse", "Browse", "Pay", "Pay"],
            "lane": ["Actions", "Pain points", "Actions", "Opportunities"],
            "text": ["Compares sizes", "Fees appear late", "Abandons cart", "Show fees upfront"],
            "confidence": ["observed", "reported", "inferred", "hypothesized"],
            "evidence": [None, "Interview 4; Ticket 1832", None, None],
        }
    )
    return jw.JourneyMap(
        cards,
        stages=["Browse", "Pay"],
        lanes=[
            {"name": "Actions", "prompt": "What is the customer doing?"},
            "Pain points",
            "Opportunities",
        ],
        title="Checkout workshop",
        persona={
            "name": "Pat",
            "goals": ["Pay quickly"],
            "frustrations": ["Surprise fees", "Fees " + HOSTILE],
            "quote": "Why is it <script>alert(1)</script> more?",
        },
    )


class Page(HTMLParser):
    """Cards (attributes, badge texts) and the report's persona section, parsed."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.cards: dict[str, dict[str, str]] = {}
        self.badges: dict[str, list[str]] = {}
        self.persona: list[tuple[str, str]] = []  # (tag, text) inside .jw-report-persona
        self.tags: set[str] = set()
        self._stack: list[str] = []
        self._card: str | None = None
        self._in_badge = False
        self._persona_depth: int | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        self._stack.append(tag)
        if "data-jw-card" in a:
            self._card = a["data-jw-card"]
            self.cards[self._card] = a
            self.badges[self._card] = []
        self._in_badge = tag == "span" and "jw-badge" in a.get("class", "").split()
        if self._in_badge and self._card:
            self.badges[self._card].append("")
        if a.get("class") == "jw-report-persona":
            self._persona_depth = len(self._stack)

    def handle_endtag(self, tag: str) -> None:
        if self._persona_depth is not None and len(self._stack) == self._persona_depth:
            self._persona_depth = None
        if self._stack:
            self._stack.pop()
        self._in_badge = False

    def handle_data(self, data: str) -> None:
        if self._in_badge and self._card:
            self.badges[self._card][-1] += data
        if self._persona_depth is not None and self._stack:
            self.persona.append((self._stack[-1], data))


def test_html_report_shows_confidence_evidence_and_the_whole_persona(tmp_path):
    page = jw.report(workshop_map(), tmp_path / "r.html").read_text()
    parsed = Page(page)
    assert not parsed.tags & {"script", "img", "iframe", "a"}
    marks = {
        k: (a.get("data-jw-confidence"), a.get("data-jw-evidence")) for k, a in parsed.cards.items()
    }
    assert marks == {
        "k0": ("observed", None),
        "k1": ("reported", "yes"),
        "k2": ("inferred", "none"),
        "k3": ("hypothesized", "none"),
    }
    assert parsed.badges == {
        "k0": ["O observed"],
        "k1": ["R reported", "2 \u00b7 Interview 4; Ticket 1832"],
        "k2": ["I inferred", "No evidence"],
        "k3": ["H hypothesized", "No evidence"],
    }
    # The report's CSS draws the marks: widget.css's own rules are in the page.
    assert re.search(r'\.jw-card\[data-jw-confidence="?inferred"?\]', page)
    assert ".jw-no-evidence" in page
    assert "What is the customer doing?" not in page  # read-only: no lane prompts
    persona = parsed.persona
    assert ("li", "Frustration: Surprise fees") in persona
    assert ("li", "Frustration: Fees " + HOSTILE) in persona
    assert ("blockquote", "Why is it <script>alert(1)</script> more?") in persona
    assert ("li", "Goal: Pay quickly") in persona
    assert "Why is it &lt;script&gt;alert(1)&lt;/script&gt; more?" in page


def test_notebook_persona_output_has_frustrations_and_quote_as_text(tmp_path):
    nb = nbformat.read(jw.report(workshop_map(), tmp_path / "r.ipynb"), as_version=4)
    (output,) = [
        o for c in nb.cells if c.cell_type == "code" and "S.persona(" in c.source for o in c.outputs
    ]
    html = output["data"]["text/html"]
    assert re.search(
        r"<blockquote [^>]*>Why is it &lt;script&gt;alert\(1\)&lt;/script&gt; "
        r"more\?</blockquote>",
        html,
    )
    assert "<li>Frustration: Surprise fees</li>" in html and "<script" not in html
    assert output["data"]["text/plain"].splitlines() == [
        "Persona: Pat",
        "Goal: Pay quickly",
        "Frustration: Surprise fees",
        "Frustration: Fees " + HOSTILE,
        "\N{LEFT DOUBLE QUOTATION MARK}Why is it <script>alert(1)</script> more?"
        "\N{RIGHT DOUBLE QUOTATION MARK}",
    ]


@needs_pdf_tools
def test_pdf_report_prints_badges_and_the_persona(tmp_path):
    path = jw.report(workshop_map(), tmp_path / "r.pdf")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for words in (
        "O observed",
        "R reported",
        "No evidence",
        "Frustration: Surprise fees",
        "Why is it <script>alert(1)</script> more?",
    ):
        assert words in flat, words
