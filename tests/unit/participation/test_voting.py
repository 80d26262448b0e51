"""Dot voting: rounds, budget, lanes, the timer, anonymity, reveal, undo and redo."""

from __future__ import annotations

import pytest
from journey_helpers import checkout_journey, checkout_map
from participation_helpers import assert_state, state

from journey_widget.model import History, JourneyError
from journey_widget.model.ops import CastVote, EndRound, RenameItem, StartRound
from journey_widget.model.participation import Round, Vote, voter_token


def test_a_round_records_its_settings_and_its_timer(clock):
    j = checkout_journey()
    StartRound(budget=3, lanes="Pain points", anonymous=True, minutes=5).apply(j)
    assert j.participation.rounds == (
        Round(1, ("Pain points",), 3, True, "2026-12-01T10:00:00Z", "2026-12-01T10:05:00Z"),
    )
    EndRound().apply(j)
    StartRound(budget=1, lanes=None, anonymous=False).apply(j)
    second = j.participation.rounds[1]
    assert second.number == 2 and second.lanes == tuple(j.lane_names()) and second.ends is None


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (StartRound(budget=0), "budget must be a whole number of dots from 1 to 99, got 0"),
        (StartRound(budget=100), "from 1 to 99, got 100"),
        (StartRound(budget=True), "got True"),
        (StartRound(budget=2.5), "got 2.5"),  # type: ignore[arg-type]
        (StartRound(lanes="Nope"), "there is no lane 'Nope' to vote on; the map's lanes are"),
        (StartRound(lanes=[]), "on must be a lane name, a list of lane names or None"),
        (StartRound(minutes=0), "minutes must be a number above 0"),
        (StartRound(minutes=-1), "got -1"),
        (StartRound(minutes=float("nan")), "got nan"),
        (StartRound(anonymous="yes"), "anonymous must be True or False"),  # type: ignore[arg-type]
    ],
)
def test_bad_round_settings_are_refused_before_anything_changes(op, message):
    j = checkout_journey()
    before = state(j)
    with pytest.raises(JourneyError, match=message.replace("(", r"\(")):
        op.apply(j)
    assert_state(j, before)


def test_one_round_at_a_time_and_no_end_without_one():
    j = checkout_journey()
    with pytest.raises(JourneyError, match="no voting round is open; start one"):
        EndRound().apply(j)
    StartRound().apply(j)
    before = state(j)
    with pytest.raises(JourneyError, match="voting round 1 is open; end it"):
        StartRound().apply(j)
    assert_state(j, before)


def _open(j, **kwargs):
    StartRound(**{"budget": 3, "lanes": ["Pain points", "Opportunities"], **kwargs}).apply(j)


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (CastVote("c99", "Ana"), "there is no card with id 'c99'"),
        (CastVote("c01", "Ana"), "card 'c01' is in lane 'Actions'; voting round 1 is on"),
        (CastVote("c11", "Ana", 0), "count must be a whole number other than 0, got 0"),
        (CastVote("c11", "Ana", True), "got True"),
        (CastVote("c11", ""), "a voter must be a non-empty string"),
        (CastVote("c17", "Ana", -1), "'Ana' has 0 dots on card 'c17'; cannot take back 1 dot"),
        (CastVote("c17", "Ana", 2), "'Ana' has used 2 of 3 dots in voting round 1; 2 dots more"),
    ],
)
def test_bad_votes_are_refused_before_anything_changes(op, message):
    j = checkout_journey()
    _open(j, anonymous=False)
    CastVote("c11", "Ana", 2).apply(j)
    before = state(j)
    with pytest.raises(JourneyError, match=message.replace("(", r"\(")):
        op.apply(j)
    assert_state(j, before)


def test_votes_need_an_open_round_and_time_left(clock):
    j = checkout_journey()
    with pytest.raises(JourneyError, match="no voting round is open"):
        CastVote("c11").apply(j)
    _open(j, minutes=5)
    clock.advance(4.9)
    CastVote("c11", "Ana").apply(j)
    clock.advance(0.1)
    before = state(j)
    with pytest.raises(JourneyError, match=r"the time of voting round 1 is up \(it ended at "):
        CastVote("c11", "Ana").apply(j)
    assert_state(j, before)
    EndRound().apply(j)
    with pytest.raises(JourneyError, match="no voting round is open"):
        CastVote("c11", "Ana").apply(j)


def test_the_budget_counts_across_cards_and_dots_can_be_taken_back():
    j = checkout_journey()
    _open(j, anonymous=False)
    for card in ("c11", "c17", "c17"):
        CastVote(card, "Ana").apply(j)
    CastVote("c12", "Bo", 3).apply(j)  # each voter has their own budget
    with pytest.raises(JourneyError, match="used 3 of 3"):
        CastVote("c18", "Ana").apply(j)
    CastVote("c17", "Ana", -1).apply(j)
    CastVote("c18", "Ana").apply(j)
    CastVote("c11", "Ana", -1).apply(j)  # down to 0: the vote disappears
    assert j.participation.votes == (
        Vote(1, "c17", "Ana", 1),
        Vote(1, "c12", "Bo", 3),
        Vote(1, "c18", "Ana", 1),
    )


def test_anonymous_votes_hold_a_token_and_the_name_is_nowhere(widget, events):
    widget.start_voting(budget=2, on="Pain points", anonymous=True)
    widget.vote("c11", voter="Zoë Secretname")
    widget.vote("c11", voter="Zoë Secretname")
    token = voter_token(1, "Zoë Secretname")
    assert token.startswith("voter-") and len(token) == 14
    assert widget.votes["voter"].tolist() == [token]
    widget.end_voting()
    assert "Secretname" not in widget.to_json()
    assert "Secretname" not in repr(widget.journey.participation)
    assert "Secretname" not in widget.history.to_string()
    assert all("Secretname" not in repr(e) for e in events)
    # the same person gets another token in another round
    assert voter_token(2, "Zoë Secretname") != token


def test_named_rounds_keep_names_and_the_python_voter_is_python(widget):
    widget.start_voting(on=["Pain points"], anonymous=False)
    widget.vote("c11")
    widget.vote("c21", voter="Ana")
    assert widget.votes["voter"].tolist() == ["Python", "Ana"]


def test_totals_show_revealed_rounds_only_sorted(widget):
    assert widget.start_voting(budget=3, on="Pain points") == 1
    widget.vote("c11", "Ana")
    widget.vote("c17", "Ana", 2)
    widget.vote("c21", "Bo")
    widget.vote("c11", "Bo")
    assert widget.vote_totals().empty  # open: nothing revealed
    first = widget.end_voting()
    assert first.values.tolist() == [[1, "c11", 2], [1, "c17", 2], [1, "c21", 1]]
    assert widget.start_voting(budget=1, on="Opportunities") == 2
    widget.vote("c12", "Ana")
    totals = widget.vote_totals()
    assert list(totals.columns) == ["round", "card", "votes"] and totals["round"].eq(1).all()
    assert widget.end_voting().values.tolist() == [[2, "c12", 1]]
    assert widget.vote_totals()["round"].tolist() == [1, 1, 1, 2]
    assert list(widget.votes.columns) == ["round", "card", "voter", "count"]


def test_every_voting_operation_undoes_and_redoes_exactly(clock):
    j = checkout_journey()
    h = History(j)
    states = [state(j)]
    for op in (
        StartRound(budget=2, lanes="Pain points", minutes=10),
        CastVote("c11", "Ana"),
        CastVote("c11", "Ana"),
        CastVote("c11", "Ana", -1),
        CastVote("c21", "Bo"),
        EndRound(),
        StartRound(budget=1),
    ):
        clock.advance(1)
        h.apply(op)
        states.append(state(j))
    final = j.participation
    for before in reversed(states[:-1]):
        h.undo()
        assert_state(j, before)
    clock.advance(60)  # past the timer: redo puts back what was, with the same times
    while h.redo():
        pass
    assert j.participation == final


def test_renaming_a_lane_keeps_rounds_in_step_and_undo_renames_back():
    j = checkout_journey()
    h = History(j)
    h.apply(StartRound(lanes=["Pain points", "Actions"]))
    h.apply(RenameItem("lane", "Pain points", "Pains"))
    assert j.participation.rounds[0].lanes == ("Pains", "Actions")
    h.apply(CastVote("c11", "Ana"))  # the card moved to the renamed lane with it
    h.undo()
    h.undo()
    assert j.participation.rounds[0].lanes == ("Pain points", "Actions")


def test_voting_edits_reach_callbacks_with_the_contract_kinds(widget, events):
    widget.start_voting(budget=2, on="Pain points", anonymous=False)
    widget.vote("c11", "Ana")
    widget.end_voting()
    assert [(e.kind, e.id) for e in events] == [
        ("start_voting", None),
        ("vote", "c11"),
        ("end_voting", None),
    ]
    assert (events[1].field, events[1].old, events[1].new) == ("Ana", 0, 1)
    widget.undo()
    widget.undo()
    widget.undo()
    assert [e.kind for e in events[3:]] == ["reopen_voting", "vote", "cancel_voting"]
    assert widget.journey.participation.rounds == ()


def test_copies_keep_participation_and_other_edits_keep_it():
    m = checkout_map()
    m.add_comment("c11", "Why?")
    m.start_voting(on="Pain points")
    m.vote("c11")
    kept = m.journey.participation
    m.edit_card("c11", "text", "Changed")
    m.move_card("c11", stage="Checkout")
    m.title = "Renamed"
    m.add_stage("Return")
    assert m.journey.participation == kept
    assert m.copy().journey.participation == kept
