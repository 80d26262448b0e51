"""One person's undo of a comment or a vote that other people's steps followed (``undo_by``)."""

from __future__ import annotations

import pytest
from journey_helpers import checkout_journey

from journey_widget.model import History, JourneyError
from journey_widget.model.ops import (
    AddComment,
    CastVote,
    EditCard,
    EndRound,
    SetCommentResolved,
    StartRound,
)


def test_undo_by_takes_back_ones_own_vote_after_others_voted():
    j = checkout_journey()
    h = History(j)
    h.apply(StartRound(budget=3, lanes="Pain points", anonymous=False), "ana")
    h.apply(CastVote("c11", "Ana"), "ana")
    h.apply(CastVote("c11", "Bo"), "bo")
    h.undo_by("ana")
    assert [(v.voter, v.count) for v in j.participation.votes] == [("Bo", 1)]
    h.undo()  # the undo is a step like any other
    assert [(v.voter, v.count) for v in j.participation.votes] == [("Bo", 1), ("Ana", 1)]


def test_undo_by_refuses_when_someone_changed_the_dots_since():
    j = checkout_journey()
    h = History(j)
    h.apply(StartRound(lanes="Pain points", anonymous=False), "bo")
    h.apply(CastVote("c11", "Ana"), "ana")
    h.apply(CastVote("c11", "Ana"), "bo")  # someone else adds one of Ana's dots
    h.apply(EditCard("c01", "text", "x"), "bo")
    with pytest.raises(JourneyError, match=r"Not undone: the dots on card 'c11' changed since"):
        h.undo_by("ana")


def test_undo_by_refuses_to_undo_a_vote_of_a_closed_round():
    j = checkout_journey()
    h = History(j)
    h.apply(StartRound(lanes="Pain points"), "bo")
    h.apply(CastVote("c11", "Ana"), "ana")
    h.apply(EndRound(), "bo")
    before = j.participation
    with pytest.raises(JourneyError, match="Not undone: voting round 1 is closed"):
        h.undo_by("ana")
    assert j.participation == before


def test_undo_by_refuses_a_comment_others_replied_to():
    j = checkout_journey()
    h = History(j)
    h.apply(AddComment("c11", "First", "Ana"), "ana")
    h.apply(AddComment("c11", "Reply", "Bo", reply_to="k1"), "bo")
    with pytest.raises(JourneyError, match=r"Not undone: comment 'k1' has replies \['k2'\]"):
        h.undo_by("ana")
    h.undo_by("bo")
    h.undo_by("ana")
    assert j.participation.comments == ()


def test_undo_by_refuses_a_resolve_someone_reopened():
    j = checkout_journey()
    h = History(j)
    h.apply(AddComment("c11", "First", "Ana"), "ana")
    h.apply(SetCommentResolved("k1"), "ana")
    h.apply(SetCommentResolved("k1", False), "bo")
    h.apply(EditCard("c01", "text", "x"), "bo")
    with pytest.raises(JourneyError, match="Not undone: bo reopened comment 'k1' since"):
        h.undo_by("ana")


def test_undo_by_refuses_a_round_with_votes_or_ended_since():
    j = checkout_journey()
    h = History(j)
    h.apply(StartRound(lanes="Pain points"), "ana")
    h.apply(CastVote("c11", "Bo"), "bo")
    with pytest.raises(JourneyError, match="Not undone: voting round 1 has votes"):
        h.undo_by("ana")
    h.undo_by("bo")
    h.apply(EndRound(), "bo")
    with pytest.raises(JourneyError, match="Not undone: bo changed voting round 1 since"):
        h.undo_by("ana")
