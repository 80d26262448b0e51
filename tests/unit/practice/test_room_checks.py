"""Map checks on what the room said: open comment threads, voted pain points without a fix."""

from __future__ import annotations

import pandas as pd
import pytest

import journey_widget as jw
from journey_widget.practice import RULES, check, high_voted, revealed_votes

STAGES = ["Browse", "Pay", "Ship"]
LANES = ["Actions", "Pain points", "Opportunities"]


def workshop() -> jw.JourneyMap:
    """Five pain points over three stages; only Pay has an opportunity."""
    cards = pd.DataFrame(
        {
            "id": ["a1", "p1", "p2", "p3", "p4", "p5", "o2"],
            "stage": ["Browse", "Browse", "Pay", "Pay", "Ship", "Ship", "Pay"],
            "lane": ["Actions", *["Pain points"] * 5, "Opportunities"],
            "text": [
                "Compares shoes",
                "Sizes differ per brand",
                "Card declined",
                "Fees appear late",
                "No tracking link",
                "Box arrives damaged",
                "Explain declines",
            ],
            "evidence": [None, "t", "t", "t", "t", "t", None],
            "owner": [None, None, None, None, None, None, "Payments"],
        }
    )
    return jw.JourneyMap(cards, stages=STAGES, lanes=LANES)


def vote(m: jw.JourneyMap, dots: dict[str, dict[str, int]], **round_options) -> int:
    """One revealed round: ``dots`` is ``{voter: {card: n}}``."""
    number = m.start_voting(**round_options)
    for voter, cards in dots.items():
        for card, n in cards.items():
            for _ in range(n):
                m.vote(card, voter=voter)
    m.end_voting()
    return number


def room_findings(m: jw.JourneyMap) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (f.rule, f.stage, f.lane, f.card)
        for f in m.check(["voted-pain-without-opportunity", "open-comment"])
    ]


def test_the_new_rules_are_listed_with_the_content_warnings():
    names = list(RULES)
    assert names.index("opportunity-without-owner") < names.index("voted-pain-without-opportunity")
    assert names.index("voted-pain-without-opportunity") < names.index("open-comment")
    assert names.index("open-comment") < names.index("score-on-text-lane")


def test_a_map_nobody_voted_or_commented_on_has_no_room_findings():
    assert room_findings(workshop()) == []


def test_top_three_of_a_revealed_round_ties_included():
    m = workshop()
    # p1 5, p4 4, p2 3, p5 3, p3 1: the top three places hold four cards (p2 and p5 tie).
    vote(
        m,
        {
            "Ana": {"p1": 3, "p4": 2},
            "Bo": {"p1": 2, "p2": 3},
            "Cy": {"p4": 2, "p5": 1},
            "Di": {"p5": 2, "p3": 1},
        },
        budget=5,
        on="Pain points",
    )
    totals = revealed_votes(m.journey)
    assert list(zip(totals["card"], totals["votes"], strict=True)) == [
        ("p1", 5),
        ("p4", 4),
        ("p2", 3),
        ("p5", 3),
        ("p3", 1),
    ]
    top = high_voted(m.journey)
    assert list(top["card"]) == ["p1", "p4", "p2", "p5"]
    assert list(top["rank"]) == [1, 2, 3, 3]
    # Pay has an opportunity (o2): p2 is covered; p3 is not in the top three.
    assert room_findings(m) == [
        ("voted-pain-without-opportunity", "Browse", "Pain points", "p1"),
        ("voted-pain-without-opportunity", "Ship", "Pain points", "p4"),
        ("voted-pain-without-opportunity", "Ship", "Pain points", "p5"),
    ]
    (first,) = [f for f in m.check() if f.card == "p1"]
    assert first.severity == "warning"
    assert first.message == (
        "pain point 'Sizes differ per brand' (p1) is among the room's top 3 with 5 votes in "
        "round 1, but stage 'Browse' has no opportunity: what could take this pain away?"
    )


def test_an_open_round_counts_for_nothing_until_it_ends():
    m = workshop()
    m.start_voting(budget=3, on="Pain points")
    m.vote("p1", voter="Ana")
    assert room_findings(m) == []
    assert revealed_votes(m.journey).empty
    m.end_voting()
    assert room_findings(m) == [("voted-pain-without-opportunity", "Browse", "Pain points", "p1")]


def test_an_opportunity_in_the_stage_answers_the_finding():
    m = workshop()
    vote(m, {"Ana": {"p1": 2}}, budget=3, on="Pain points")
    assert [r for r, *_ in room_findings(m)] == ["voted-pain-without-opportunity"]
    m.add_card("Browse", "Opportunities", "Fit finder", owner="Product")
    assert room_findings(m) == []


def test_each_card_is_named_once_with_its_best_round():
    m = workshop()
    vote(m, {"Ana": {"p1": 1, "p4": 2}}, budget=3, on="Pain points")
    vote(m, {"Ana": {"p1": 3}}, budget=3, on="Pain points")
    findings = m.check(["voted-pain-without-opportunity"])
    assert [(f.card, f.message.split(" with ")[1].split(",")[0]) for f in findings] == [
        ("p1", "3 votes in round 2"),
        ("p4", "2 votes in round 1"),
    ]


def test_voted_actions_are_not_pain_points():
    m = workshop()
    vote(m, {"Ana": {"a1": 3}}, budget=3)
    assert room_findings(m) == []


def test_open_comment_threads_until_resolved():
    m = workshop()
    first = m.add_comment("p2", "Seen in 4 of 6 interviews", author="Ana")
    m.add_comment("p2", "Which ones?", author="Bo", reply_to=first)
    m.add_comment("p2", "<script>alert(1)</script>", author="Cy")
    m.add_comment("o2", "Ask the payments team", author="Di")
    findings = m.check(["open-comment"])
    assert [(f.rule, f.stage, f.lane, f.card, f.severity) for f in findings] == [
        ("open-comment", "Pay", "Pain points", "p2", "warning"),
        ("open-comment", "Pay", "Opportunities", "o2", "warning"),
    ]
    assert findings[0].message == (
        "card 'Card declined' (p2) has 2 open comment threads, the first from Ana: "
        "'Seen in 4 of 6 interviews'; answer it on the map, then resolve it"
    )
    m.resolve_comment(first)
    assert m.check(["open-comment"])[0].message == (
        "card 'Card declined' (p2) has an open comment thread from Cy: "
        "'<script>alert(1)</script>'; answer it on the map, then resolve it"
    )
    for comment_id in m.comments.loc[m.comments["parent"].isna(), "id"]:
        m.resolve_comment(comment_id)
    assert m.check(["open-comment"]) == []
    m.resolve_comment(first, False)
    assert [f.card for f in m.check(["open-comment"])] == ["p2"]


def test_comments_of_a_deleted_card_are_not_findings():
    m = workshop()
    m.add_comment("p3", "Duplicate of p2?", author="Ana")
    m.delete_card("p3")
    assert m.check(["open-comment"]) == []
    m.undo()
    assert [f.card for f in m.check(["open-comment"])] == ["p3"]


def test_card_frames_have_no_room_and_no_room_findings():
    cards = workshop().data
    room = ("open-comment", "voted-pain-without-opportunity")
    assert [f for f in check(cards) if f.rule in room] == []


@pytest.mark.parametrize("rule", ["open-comment", "voted-pain-without-opportunity"])
def test_rules_can_be_chosen_by_name(rule):
    m = workshop()
    m.add_comment("p1", "Really?", author="Ana")
    vote(m, {"Ana": {"p1": 1}}, budget=1, on="Pain points")
    assert {f.rule for f in m.check([rule])} == {rule}
