"""The priority chart by votes: the cards ranked by the dots of revealed rounds."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_helpers import layer_by, records, spec

import journey_widget as jw
from journey_widget.charts import to_svg
from journey_widget.charts.votes import vote_data


def voted_map() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "id": ["a1", "p1", "p2", "p3", "o1", "o2"],
            "stage": ["Browse", "Browse", "Pay", "Pay", "Pay", "Ship"],
            "lane": ["Actions", "Pain points", "Pain points", "Pain points", "Ideas", "Ideas"],
            "text": [
                "Compares shoes",
                "Sizes differ per brand",
                "Card declined <script>alert(1)</script>",
                "Fees appear late",
                "Explain declines",
                "Tracking link in the email",
            ],
        }
    )
    m = jw.JourneyMap(cards, stages=["Browse", "Pay", "Ship"])
    m.start_voting(budget=3, on="Pain points")
    for voter, card in [("Ana", "p2"), ("Ana", "p2"), ("Bo", "p2"), ("Bo", "p1"), ("Cy", "p3")]:
        m.vote(card, voter=voter)
    m.end_voting()
    m.start_voting(budget=2, on="Ideas", anonymous=False)
    for voter, card in [("Ana", "o1"), ("Bo", "o1"), ("Cy", "o2"), ("Cy", "o1")]:
        m.vote(card, voter=voter)
    m.end_voting()
    return m


def test_votes_rank_the_cards_of_every_revealed_round():
    m = voted_map()
    s = spec(m.priority_chart(by="votes"))
    bars = layer_by(s, "bar", x="votes", y="label")
    rows = records(s, bars)
    assert [(r["id"], r["votes"], r["rounds"]) for r in rows] == [
        ("p2", 3, "1"),
        ("o1", 3, "2"),
        ("p1", 1, "1"),
        ("p3", 1, "1"),
        ("o2", 1, "2"),
    ]
    assert bars["encoding"]["y"]["sort"] == [r["label"] for r in rows]
    assert rows[0]["label"] == "1. Card declined <script>alert(1)</script>"
    assert rows[3]["label"] == "4. Fees appear late"
    colors = dict(
        zip(
            bars["encoding"]["color"]["scale"]["domain"],
            bars["encoding"]["color"]["scale"]["range"],
            strict=True,
        )
    )
    assert colors == {"Pain points": "#d32f2f", "Ideas": "#2e7d32"}
    counts = layer_by(s, "text", x="votes", y="label")
    assert counts["encoding"]["text"]["field"] == "votes"


def test_one_round_and_some_lanes():
    m = voted_map()
    assert list(vote_data(m.journey, round=2)["id"]) == ["o1", "o2"]
    assert list(vote_data(m.journey, lanes=["Pain points"])["id"]) == ["p2", "p1", "p3"]
    title = spec(m.priority_chart(by="votes", round=1))["title"]
    assert title == "What the room chose: votes in round 1"


def test_an_open_round_is_never_shown():
    m = voted_map()
    m.start_voting(budget=3)
    m.vote("a1", voter="Ana")
    m.vote("a1", voter="Ana")
    data = vote_data(m.journey)
    assert "a1" not in set(data["id"]) and data["votes"].sum() == 9


def test_a_clear_error_without_revealed_votes():
    m = jw.JourneyMap(voted_map().data)
    with pytest.raises(jw.JourneyError, match=r"no revealed votes: run a round with m\.start"):
        m.priority_chart(by="votes")
    m.start_voting(budget=2)
    m.vote("p1", voter="Ana")
    with pytest.raises(jw.JourneyError, match=r"open round.s dots stay hidden until m\.end_voting"):
        m.priority_chart(by="votes")


def test_bad_requests_name_the_problem():
    m = voted_map()
    with pytest.raises(jw.JourneyError, match="by must be 'cards' or 'votes', got 'dots'"):
        m.priority_chart(by="dots")
    with pytest.raises(jw.JourneyError, match="takes no x or y"):
        m.priority_chart(x="impact", y="effort", by="votes")
    with pytest.raises(jw.JourneyError, match=r"round 3 is not a revealed round; .* \[1, 2\]"):
        m.priority_chart(by="votes", round=3)
    with pytest.raises(jw.JourneyError, match="round= picks a voting round for by='votes'"):
        m.priority_chart(round=1)
    with pytest.raises(jw.JourneyError, match="there is no lane 'Nope'"):
        m.priority_chart(by="votes", lanes=["Nope"])
    with pytest.raises(jw.JourneyError, match=r"no revealed votes on lanes \['Actions'\]"):
        m.priority_chart(by="votes", lanes=["Actions"])


def test_deleted_cards_leave_the_ranking():
    m = voted_map()
    m.delete_card("p2")
    assert "p2" not in set(vote_data(m.journey)["id"])
    m.undo()
    assert vote_data(m.journey)["id"].iloc[0] == "p2"


def test_the_ranking_renders_to_svg_with_text_as_text():
    svg = to_svg(voted_map().priority_chart(by="votes"))
    assert svg.startswith("<svg") and "Fees appear late" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
