"""One vocabulary for Python and the front end (src/journey_widget/vocabulary.json).

Both languages give the same answers, and one rule decides a lane's tone: m.check(), the static
map, the reports and the widget (js/tests/vocabulary.test.ts) all follow it.
"""

from __future__ import annotations

import doctest
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from test_static_badges import Cards
from typescript_run import JS_SRC, needs_node, run_typescript

import journey_widget as jw
from journey_widget import vocabulary as v
from journey_widget.charts.priority import priority_lanes
from journey_widget.html_render import map_html
from journey_widget.practice import check
from journey_widget.reports import sections

NAMES = [
    "Pain points",
    "PROBLEMS",
    "Issues log",
    "Frustrations",
    "Where it fails",
    "Opportunities",
    "Ideas",
    "Improvements",
    "Pain points and ideas",
    "Actions",
    "Emotions",
    "Feelings",
    "Customer mood",
    "Sentiment",
    "",
    " ",
    "Live chat",
    "In-store kiosk",
    "in person",
    "In-Person",
    "Newsletter",
    "Phone call",
    "SMS",
    "WhatsApp",
    "Mobile app",
    "Facebook",
    "Google",
    "Knowledge base",
    "Web",
    "Fax",
    "observed",
    "Observed",
    "reported",
    "inferred",
    "hypothesized",
    "other",
    "\u0130ssue",
    "Stra\u00dfe",
    "\u212aiosk",
    "ÉMOTION",
    "Idée",
]

DRIVER = """
import * as v from "%s/vocabulary.ts";
import { readFileSync } from "node:fs";
const names = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify({
  answers: names.map((n) => [v.laneTone(n), v.channelKey(n), v.confidenceLetter(n),
                             v.isEmotionLaneName(n)]),
  tones: v.TONES, labels: v.TONES.map((t) => [v.toneLabel(t), v.tonePlural(t)]),
  levels: v.CONFIDENCE_LEVELS, backing: v.BACKING_CONFIDENCE, channels: v.CHANNEL_KEYS,
  emotion: v.EMOTION_WORDS, avatars: v.AVATAR_COLORS, css: v.CSS_PROPERTIES,
  geometry: [v.COLUMN_WIDTH, v.LANE_WIDTH, v.CURVE_HEIGHT, v.CURVE_PAD, v.CURVE_SERIES],
}));
"""


def python_answers(names: list[str]) -> dict[str, Any]:
    return {
        "answers": [
            [v.lane_tone(n), v.channel_key(n), v.confidence_letter(n), v.is_emotion_lane_name(n)]
            for n in names
        ],
        "tones": list(v.TONES),
        "labels": [[v.tone_label(t), v.tone_plural(t)] for t in v.TONES],
        "levels": list(v.CONFIDENCE_LEVELS),
        "backing": list(v.BACKING_CONFIDENCE),
        "channels": list(v.CHANNEL_KEYS),
        "emotion": list(v.EMOTION_WORDS),
        "avatars": list(v.AVATAR_COLORS),
        "css": v.CSS_PROPERTIES,
        "geometry": [v.COLUMN_WIDTH, v.LANE_WIDTH, v.CURVE_HEIGHT, v.CURVE_PAD, v.CURVE_SERIES],
    }


@needs_node
def test_python_and_typescript_give_the_same_answers(tmp_path: Path) -> None:
    typescript = run_typescript(DRIVER % JS_SRC, NAMES, tmp_path)
    assert python_answers(NAMES) == typescript
    tones = {row[0] for row in typescript["answers"]}
    keys = {row[1] for row in typescript["answers"]}
    assert tones == {"pain", "opportunity", None}
    assert keys == set(v.CHANNEL_KEYS)  # every channel key is exercised


def test_the_module_examples_hold() -> None:
    result = doctest.testmod(v)
    assert result.attempted > 0 and result.failed == 0


def test_the_file_is_package_data_in_the_shape_the_readers_expect() -> None:
    data = json.loads((resources.files("journey_widget") / "vocabulary.json").read_text("utf-8"))
    assert set(data) == {
        "about",
        "lane_tones",
        "confidence",
        "channels",
        "channel_other",
        "emotion_lane_words",
        "avatar_colors",
        "geometry",
    }
    words = (
        [w for t in data["lane_tones"] for w in t["words"]]
        + [w for c in data["channels"] for w in c["words"]]
        + data["emotion_lane_words"]
    )
    assert all(w == w.lower() and w.strip() == w and w for w in words)


def problems_map() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "id": ["a", "p1", "p2", "o1"],
            "stage": ["Browse", "Browse", "Pay", "Pay"],
            "lane": ["Actions", "Problems", "Problems", "Ideas"],
            "text": ["Compares sizes", "Fees appear late", "Card declined", "Wallet pay"],
            "evidence": [None, None, "Ticket 1832", None],
            "owner": [None, None, None, "Ana"],
            "severity": [None, 4, 2, None],
        }
    )
    return jw.JourneyMap(cards, stages=["Browse", "Pay"], lanes=["Actions", "Problems", "Ideas"])


def test_check_flags_a_problems_card_without_evidence() -> None:
    findings = [(f.rule, f.card) for f in problems_map().check()]
    assert ("pain-without-evidence", "p1") in findings
    assert ("pain-without-evidence", "p2") not in findings  # it names its evidence
    assert not [f for f in findings if f[0] == "opportunity-without-owner"]


def test_check_and_the_views_agree_on_every_tone() -> None:
    """Whatever the lane is called, check() treats as pain points what the map draws as such."""
    for name in ("Pain points", "Problems", "Issues", "Frustrations", "Failures", "Actions"):
        cards = pd.DataFrame({"id": ["c"], "stage": ["S"], "lane": [name], "text": ["x"]})
        flagged = [f.card for f in check(cards) if f.rule == "pain-without-evidence"]
        assert flagged == (["c"] if v.lane_tone(name) == "pain" else [])


def test_the_static_map_draws_a_problems_card_as_a_pain_point() -> None:
    page = map_html(problems_map().journey, with_style=False)
    cards = Cards(page).cards
    assert cards["p1"]["aria-label"] == (
        "Pain point: Fees appear late; Severity 4 of 5; No evidence: an assumption"
    )
    assert cards["o1"]["aria-label"].startswith("Opportunity: Wallet pay")
    assert cards["a"]["aria-label"].startswith("Compares sizes")
    assert 'class="jw-lane jw-tone-pain" scope="row" data-jw-lane="Problems"' in page
    assert 'class="jw-cell jw-kind-text jw-tone-pain"' in page


def test_the_static_map_sets_the_geometry_the_stylesheet_reads() -> None:
    page = map_html(problems_map().journey, with_style=False)
    assert f'style="{v.css_properties()}"' in page
    assert v.CSS_PROPERTIES["--jw-col-width"] == f"{v.COLUMN_WIDTH}px"
    assert "--jw-lane-width" in v.CSS_PROPERTIES and "--jw-curve-height" in v.CSS_PROPERTIES


def test_reports_and_the_priority_chart_pick_lanes_by_the_same_rule() -> None:
    m = problems_map()
    assert list(sections.pain_points(m).data["pain point"]) == ["Fees appear late", "Card declined"]
    assert list(sections.opportunities(m).data["opportunity"]) == ["Wallet pay"]
    assert priority_lanes(m.journey) == ["Problems", "Ideas"]


def test_lane_kinds_and_avatar_colours_come_from_the_vocabulary() -> None:
    m = jw.JourneyMap(
        pd.DataFrame({"stage": ["A"], "lane": ["Customer mood"], "text": ["x"], "score": [1]})
    )
    assert m.journey.lanes[0].kind == "emotion"
    m.set_persona(name="Buyer", avatar={"initials": "B", "color": v.AVATAR_COLORS[-1]})
    assert m.persona is not None and m.persona.avatar is not None
    assert m.persona.avatar.color == v.AVATAR_COLORS[-1]
