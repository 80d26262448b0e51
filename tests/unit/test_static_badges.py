"""Static cards carry the widget's confidence and evidence marks and badges.

Static cards are those of exports, reports and the widget's text/html. They follow the same
rules as the front end (js/src/view/badges.ts, evidence.ts): checked on rendered HTML, and
against the TypeScript itself run by node.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
from typescript_run import JS_SRC, needs_node, run_typescript

import journey_widget as jw
from journey_widget.html_render import map_html
from journey_widget.html_render.badges import badges_of, card_marks, evidence_count
from journey_widget.html_render.board import _cells
from journey_widget.widget.payloads import cards_payload

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'


class Cards(HTMLParser):
    """Every card's attributes and its badges (class, title, text), parsed from the HTML."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.cards: dict[str, dict[str, Any]] = {}
        self._card: dict[str, Any] | None = None
        self._badge: dict[str, str] | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-jw-card" in a:
            self._card = {**a, "badges": []}
            self.cards[a["data-jw-card"]] = self._card
        elif tag == "span" and "jw-badge" in a.get("class", "").split() and self._card:
            self._badge = {"class": a["class"], "title": a["title"], "text": ""}
            self._card["badges"].append(self._badge)

    def handle_data(self, data: str) -> None:
        if self._badge is not None:
            self._badge["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._badge = None


def workshop_map() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "id": ["obs", "rep", "inf", "hyp", "ev2", "bare", "list", "ws"],
            "stage": ["Browse"] * 4 + ["Pay"] * 4,
            "lane": [
                "Actions",
                "Problems",
                "Actions",
                "Ideas",
                "Actions",
                "Problems",
                "Actions",
                "Actions",
            ],
            "text": [
                "Compares sizes",
                "Fees appear late",
                "Abandons cart",
                "Wants Apple Pay",
                "Calls support",
                "Unsure",
                "Reads reviews",
                "Waits",
            ],
            "score": [1.0, -2.0, None, None, None, None, None, None],
            "channel": ["Website", None, None, None, "Phone call", None, None, None],
            "confidence": [
                "observed",
                "reported",
                "inferred",
                "hypothesized",
                None,
                None,
                "inferred",
                None,
            ],
            "severity": [None, 4, None, None, None, 2, None, None],
            "evidence": [
                None,
                None,
                None,
                None,
                "Interview 4; Ticket 1832\nSurvey",
                None,
                ["interview 1", "ticket 9"],
                "   ",
            ],
        }
    )
    return jw.JourneyMap(
        cards,
        stages=["Browse", "Pay"],
        lanes=[
            {"name": "Actions", "prompt": "What is the customer doing?"},
            {"name": "Problems", "prompt": "What gets in the way?"},
            "Ideas",
        ],
    )


def test_cards_carry_confidence_and_evidence_marks_and_the_widgets_badges():
    cards = Cards(map_html(workshop_map()._journey, with_style=False)).cards
    marks = {k: (c.get("data-jw-confidence"), c.get("data-jw-evidence")) for k, c in cards.items()}
    assert marks == {
        "obs": ("observed", None),
        "rep": ("reported", None),
        "inf": ("inferred", "none"),
        "hyp": ("hypothesized", "none"),
        "ev2": (None, "yes"),
        "bare": (None, "none"),
        "list": ("inferred", "yes"),
        "ws": (None, "none"),
    }
    texts = {k: [b["text"] for b in c["badges"]] for k, c in cards.items()}
    assert texts == {
        "obs": ["Website", "O observed"],
        "rep": ["R reported", "Severity 4"],
        "inf": ["I inferred", "No evidence"],
        "hyp": ["H hypothesized", "No evidence"],
        "ev2": ["Phone call", "3 \u00b7 Interview 4; Ticket 1832\nSurvey"],
        "bare": ["Severity 2", "No evidence"],
        "list": ["I inferred", "2 \u00b7 interview 1, ticket 9"],
        "ws": ["No evidence"],
    }
    ev2 = cards["ev2"]["badges"]
    assert ev2[0]["class"] == "jw-badge jw-channel jw-ch-phone"
    assert ev2[1] == {
        "class": "jw-badge jw-evidence",
        "title": "Evidence (3): Interview 4; Ticket 1832\nSurvey",
        "text": "3 \u00b7 Interview 4; Ticket 1832\nSurvey",
    }
    assert cards["ws"]["badges"] == [
        {
            "class": "jw-badge jw-no-evidence",
            "text": "No evidence",
            "title": "No evidence: an assumption",
        }
    ]
    assert cards["rep"]["badges"][1]["class"] == "jw-badge jw-sev jw-sev-4"
    assert cards["hyp"]["class"] == "jw-card jw-hypothesized"
    assert cards["inf"]["class"] == "jw-card"
    # The accessible label reads the lane's tone, the score and every badge, as the widget's.
    assert cards["rep"]["aria-label"] == (
        "Pain point: Fees appear late, score -2; Confidence: reported; Severity 4 of 5"
    )
    assert cards["hyp"]["aria-label"] == (
        "Opportunity: Wants Apple Pay; Confidence: hypothesized; No evidence: an assumption"
    )


def test_a_map_without_evidence_or_confidence_columns_shows_no_marks():
    m = jw.JourneyMap(
        pd.DataFrame(
            {
                "stage": ["A", "A"],
                "lane": ["Actions", "Actions"],
                "text": ["One", "Two"],
                "owner": ["Ana", None],
            }
        )
    )
    cards = Cards(map_html(m._journey, with_style=False)).cards
    assert [c["badges"] for c in cards.values()] == [
        [{"class": "jw-badge jw-owner", "title": "Owner: Ana", "text": "Ana"}],
        [],
    ]
    assert not [c for c in cards.values() if "data-jw-evidence" in c or "data-jw-confidence" in c]
    page = map_html(m._journey, with_style=False)
    assert "No evidence" not in page and "data-jw-card-meta" in page


def test_badge_text_stays_text():
    m = jw.JourneyMap(
        pd.DataFrame(
            {
                "stage": ["A"],
                "lane": ["Actions"],
                "text": ["Pay"],
                "channel": [HOSTILE],
                "owner": [HOSTILE],
                "evidence": [HOSTILE + "; " + HOSTILE],
                "persona": ['"><b>x'],
            }
        )
    )
    page = map_html(m._journey, with_style=False)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    (card,) = Cards(page).cards.values()
    assert [b["text"] for b in card["badges"]] == [
        HOSTILE,
        HOSTILE,
        '"><b>x',
        f"2 \u00b7 {HOSTILE}; {HOSTILE}",
    ]
    assert card["badges"][0]["title"] == f"Channel: {HOSTILE}"
    assert card["badges"][0]["class"] == "jw-badge jw-channel jw-ch-other"


def test_lane_prompts_stay_out_of_static_maps():
    """A static map is read-only, and the widget shows no prompts when read-only."""
    page = map_html(workshop_map()._journey)
    assert workshop_map().journey.lanes[0].prompt == "What is the customer doing?"
    assert "What is the customer doing?" not in page and "What gets in the way?" not in page
    assert 'class="jw-prompt' not in page and "data-jw-prompt" not in page


def test_evidence_counts_like_the_widget():
    assert evidence_count("Interview 4; Ticket 1832") == 2
    assert evidence_count("a;;\n b ;") == 2
    assert evidence_count(";") == 1  # something written, though no part: still evidence
    assert [evidence_count(v) for v in (None, float("nan"), "  ", [], {}, 0, ["x"])] == [
        0,
        0,
        0,
        0,
        0,
        1,
        1,
    ]


# --- The same answers as the front end's own code --------------------------------------------

DRIVER = """
import { badgesOf } from "%s/view/badges.ts";
import { confidenceOf, evidenceCount, unbacked } from "%s/view/evidence.ts";
import { readFileSync } from "node:fs";
const cards = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(cards.map((card) => ({
  badges: badgesOf(card).map((b) => [b.cls, b.text, b.label]),
  confidence: confidenceOf(card),
  evidence: evidenceCount(card.evidence) > 0 ? "yes" : unbacked(card) ? "none" : null,
}))));
"""


@needs_node
def test_badges_and_marks_match_the_typescript(tmp_path: Path):
    rows = workshop_map().journey.table.copy()
    extra = pd.DataFrame(
        {
            "id": [f"x{i}" for i in range(7)],
            "stage": "Pay",
            "lane": "Ideas",
            "text": "More",
            "channel": [
                "Live chat",
                "In-store kiosk",
                "Newsletter",
                "LinkedIn",
                "Google",
                " ",
                None,
            ],
            "confidence": ["reported", None, "hypothesized", "observed", None, None, "inferred"],
            "severity": [5, 1, 3, None, 2, None, 4],
            "evidence": ["x", None, ["only"], "  ;  ", "a\nb\nc", None, []],
        }
    )
    table = jw.JourneyMap(
        pd.concat([rows, extra], ignore_index=True), stages=["Browse", "Pay"]
    ).journey.table
    payload = cards_payload(table)  # what the widget receives
    expected = run_typescript(DRIVER % (JS_SRC, JS_SRC), payload, tmp_path)
    static = [card for cell in _cells(table).values() for card in cell]
    by_id = {card["id"]: card for card in static}
    got = []
    for card in payload:
        mine = by_id[card["id"]]
        marks = card_marks(mine)
        got.append(
            {
                "badges": [[b.cls, b.text, b.label] for b in badges_of(mine)],
                "confidence": marks["data-jw-confidence"],
                "evidence": marks["data-jw-evidence"],
            }
        )
    assert got == expected
    assert sum(1 for e in expected if e["evidence"] == "none") >= 5
    assert re.search(r"jw-ch-(chat|store|email|social|search)", json.dumps(expected))
