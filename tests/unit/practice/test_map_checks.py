"""Map checks for teaching: each rule fires on the mistake it names, and only then."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

import journey_widget as jw
from journey_widget.practice import RULES, check

STAGES = ["Discover", "Pay", "Receive"]
LANES = [
    {"name": "Actions", "kind": "text"},
    {"name": "Emotions", "kind": "emotion"},
    {"name": "Pain points", "kind": "text"},
    {"name": "Opportunities", "kind": "text"},
    {"name": "Conversion", "kind": "metric"},
]


def clean_cards() -> list[dict[str, Any]]:
    """A map no rule has anything to say about."""
    return [
        {"id": "a1", "stage": "Discover", "lane": "Actions", "text": "Sees an ad"},
        {"id": "e1", "stage": "Discover", "lane": "Emotions", "text": "Curious", "score": 1},
        {"id": "a2", "stage": "Pay", "lane": "Actions", "text": "Types the card"},
        {"id": "e2", "stage": "Pay", "lane": "Emotions", "text": "Tense", "score": -1},
        {
            "id": "p2",
            "stage": "Pay",
            "lane": "Pain points",
            "text": "Card declined",
            "evidence": "58 tickets in March",
        },
        {
            "id": "o2",
            "stage": "Pay",
            "lane": "Opportunities",
            "text": "Explain declines",
            "owner": "Payments team",
        },
        {"id": "m2", "stage": "Pay", "lane": "Conversion", "text": "Pay rate", "score": 0.62},
        {"id": "e3", "stage": "Receive", "lane": "Emotions", "text": "Relieved", "score": 2},
    ]


def journey(cards: list[dict[str, Any]], **kwargs: Any) -> jw.Journey:
    options: dict[str, Any] = {"stages": STAGES, "lanes": LANES}
    options.update(kwargs)
    return jw.Journey(pd.DataFrame(cards), **options)


def change(cards: list[dict[str, Any]], card_id: str, **values: Any) -> list[dict[str, Any]]:
    return [{**c, **values} if c["id"] == card_id else c for c in cards]


def without(cards: list[dict[str, Any]], *ids: str) -> list[dict[str, Any]]:
    return [c for c in cards if c["id"] not in ids]


def rules_of(j: jw.Journey) -> list[tuple[str, str | None, str | None]]:
    return [(f.rule, f.stage, f.card) for f in check(j)]


def test_a_clean_map_has_no_findings():
    assert check(journey(clean_cards())) == []


def test_empty_stage():
    findings = check(journey(without(clean_cards(), "e3")))
    assert [(f.rule, f.stage, f.severity) for f in findings] == [
        ("empty-stage", "Receive", "warning")
    ]
    assert findings[0].message == "stage 'Receive' has no cards yet"


def test_stage_without_emotion_fires_on_a_filled_stage_only():
    cards = without(clean_cards(), "e2")
    assert rules_of(journey(cards)) == [("stage-without-emotion", "Pay", None)]
    # an emotion card without a score does not count (and is reported on its own)
    cards = change(clean_cards(), "e2", score=None)
    assert rules_of(journey(cards)) == [
        ("stage-without-emotion", "Pay", None),
        ("emotion-without-score", "Pay", "e2"),
    ]


def test_stage_without_emotion_is_checked_per_persona():
    cards = [
        *clean_cards(),
        {
            "id": "e1b",
            "stage": "Discover",
            "lane": "Emotions",
            "text": "Bored",
            "score": -1,
            "persona": "Ben",
        },
    ]
    cards = change(cards, "e1", persona="Ana")
    cards = change(cards, "e2", persona="Ana")
    findings = check(journey(cards))
    assert [(f.rule, f.stage) for f in findings] == [("stage-without-emotion", "Pay")]
    assert "persona 'Ben'" in findings[0].message
    # e3 has no persona: it counts for Ana and Ben alike in Receive


def test_maps_without_an_emotion_lane_are_not_asked_for_emotions():
    lanes = [x for x in LANES if x["name"] != "Emotions"]
    cards = [
        *(c for c in clean_cards() if c["lane"] != "Emotions"),
        {"id": "a3", "stage": "Receive", "lane": "Actions", "text": "Opens the parcel"},
    ]
    assert check(journey(cards, lanes=lanes)) == []


@pytest.mark.parametrize(
    ("values", "fires"),
    [
        ({"evidence": None}, True),
        ({"evidence": "   "}, True),
        ({"evidence": None, "confidence": "inferred"}, True),
        ({"evidence": None, "confidence": "hypothesized"}, True),
        ({"evidence": None, "confidence": "reported"}, False),
        ({"evidence": None, "confidence": "observed"}, False),
        ({"evidence": "support log"}, False),
    ],
)
def test_pain_without_evidence(values, fires):
    findings = check(journey(change(clean_cards(), "p2", **values)))
    expected = [("pain-without-evidence", "Pay", "p2")] if fires else []
    assert [(f.rule, f.stage, f.card) for f in findings] == expected
    if fires:
        assert findings[0].lane == "Pain points" and "'Card declined' (p2)" in (findings[0].message)


def test_fail_point_lanes_count_as_pain_points():
    lanes = [
        {"name": "Fail points", "kind": "text"} if x["name"] == "Pain points" else x for x in LANES
    ]
    cards = change(clean_cards(), "p2", lane="Fail points", evidence=None)
    assert rules_of(journey(cards, lanes=lanes)) == [("pain-without-evidence", "Pay", "p2")]


@pytest.mark.parametrize(("owner", "fires"), [(None, True), ("  ", True), ("Ops", False)])
def test_opportunity_without_owner(owner, fires):
    findings = rules_of(journey(change(clean_cards(), "o2", owner=owner)))
    assert findings == ([("opportunity-without-owner", "Pay", "o2")] if fires else [])


def test_opportunity_without_an_owner_column():
    cards = [{k: v for k, v in c.items() if k != "owner"} for c in clean_cards()]
    assert rules_of(journey(cards)) == [("opportunity-without-owner", "Pay", "o2")]


def test_score_on_a_text_lane_but_not_on_a_metric_lane():
    findings = check(journey(change(clean_cards(), "a2", score=2)))
    assert [(f.rule, f.card) for f in findings] == [("score-on-text-lane", "a2")]
    assert "text lane 'Actions' has score 2" in findings[0].message


@pytest.mark.parametrize(("score", "fires"), [(0.5, True), (-1.25, True), (1, False), (-2, False)])
def test_score_off_step(score, fires):
    findings = check(journey(change(clean_cards(), "e2", score=score)))
    assert [(f.rule, f.card, f.severity) for f in findings] == (
        [("score-off-step", "e2", "info")] if fires else []
    )


def test_score_off_step_follows_the_scale():
    cards = [dict(c, score=c.get("score", None)) for c in clean_cards()]
    cards = change(change(change(cards, "e1", score=4), "e2", score=1.5), "e3", score=7)
    j = journey(cards, scale={"min": 1, "max": 7, "step": 0.5})
    assert check(j) == []


@pytest.mark.parametrize(
    ("scores", "rule"),
    [
        ((-2, 2, -2), "extremes-only"),
        ((2, -2, 2), "extremes-only"),
        ((-2, 2, 0), None),
        ((0, 0, 0), "flat-curve"),
        ((2, 2, 2), "flat-curve"),
        ((0, 0, 1), None),
    ],
)
def test_extremes_only_and_flat_curve(scores, rule):
    cards = clean_cards()
    for card_id, score in zip(("e1", "e2", "e3"), scores, strict=True):
        cards = change(cards, card_id, score=score)
    findings = check(journey(cards))
    assert [(f.rule, f.lane, f.severity) for f in findings] == (
        [(rule, "Emotions", "info")] if rule else []
    )


def test_two_scores_are_too_few_to_judge_the_curve():
    cards = [
        *without(clean_cards(), "e3"),
        {"id": "a3", "stage": "Receive", "lane": "Actions", "text": "Unpacks"},
    ]
    cards = change(change(cards, "e1", score=-2), "e2", score=2)
    assert check(journey(cards)) == [
        jw.Finding(
            "stage-without-emotion",
            "stage 'Receive' has no emotion score: how does the customer feel here?",
            "warning",
            "Receive",
        )
    ]


def test_findings_come_grouped_by_rule_in_rule_order():
    cards = change(change(without(clean_cards(), "e3"), "o2", owner=None), "p2", evidence=None)
    assert [f.rule for f in check(journey(cards))] == [
        "empty-stage",
        "pain-without-evidence",
        "opportunity-without-owner",
    ]
    assert list(RULES)[:5] == [
        "empty-stage",
        "stage-without-emotion",
        "emotion-without-score",
        "pain-without-evidence",
        "opportunity-without-owner",
    ]


def test_choosing_rules_and_refusing_unknown_ones():
    j = journey(change(without(clean_cards(), "e3"), "o2", owner=None))
    assert [f.rule for f in check(j, rules=["opportunity-without-owner"])] == [
        "opportunity-without-owner"
    ]
    with pytest.raises(jw.JourneyError, match=r"unknown rule\(s\) \['no-such-rule'\]"):
        check(j, rules=["no-such-rule"])


def test_the_widget_method_and_a_table_of_findings():
    m = jw.JourneyMap(pd.DataFrame(clean_cards()), stages=STAGES, lanes=LANES)
    assert m.check() == []
    m.edit_card("o2", "owner", None)
    findings = m.check()
    assert pd.DataFrame(findings).columns.tolist() == [
        "rule",
        "message",
        "severity",
        "stage",
        "lane",
        "card",
    ]
    assert findings[0].to_dict()["card"] == "o2"
