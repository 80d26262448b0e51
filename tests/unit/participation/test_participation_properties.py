"""Property: any sequence of comment, voting and card operations undoes and redoes exactly.

Operations are drawn against the state reached so far; refused ones must raise JourneyError and
change nothing. Through History, undo-all gives back the start (cards, structure and
participation) and redo-all the end, whatever the clock says meanwhile. Each state reached
also survives the file: written and read back, it is the same participation.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journey_helpers import checkout_journey
from participation_helpers import assert_state, state

from journey_widget.io import journey_from_json, journey_to_json
from journey_widget.model import History, JourneyError
from journey_widget.model.ops import (
    AddComment,
    CastVote,
    DeleteCard,
    EndRound,
    RenameItem,
    SetCommentResolved,
    StartRound,
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the clock only moves forward: any time works
    ],
)
VOTERS = st.sampled_from(["Ana", "Bo", "Python"])


def an_op(draw, j):
    cards = [*j.table["id"].tolist(), "c99"]
    comments = [c.id for c in j.participation.comments] or ["k1"]
    kind = draw(st.sampled_from(["comment", "reply", "resolve", "start", "vote", "end", "other"]))
    if kind == "comment":
        return AddComment(draw(st.sampled_from(cards)), draw(st.sampled_from(["x", " ", "Why?"])))
    if kind == "reply":
        return AddComment(
            draw(st.sampled_from(cards)), "re", draw(VOTERS), draw(st.sampled_from(comments))
        )
    if kind == "resolve":
        return SetCommentResolved(draw(st.sampled_from(comments)), draw(st.booleans()))
    if kind == "start":
        lanes = draw(st.sampled_from([None, "Pain points", ["Opportunities", "Pain points"]]))
        return StartRound(draw(st.integers(0, 4)), lanes, draw(st.booleans()))
    if kind == "vote":
        return CastVote(draw(st.sampled_from(cards)), draw(VOTERS), draw(st.sampled_from([1, -1])))
    if kind == "end":
        return EndRound()
    return draw(
        st.sampled_from(
            [DeleteCard("c11"), RenameItem("lane", "Pain points", "Pains"), DeleteCard("c12")]
        )
    )


@SETTINGS
@given(data=st.data(), count=st.integers(1, 14))
def test_participation_sequences_undo_and_redo_exactly(data, count, clock):
    j = checkout_journey()
    h = History(j)
    states = [state(j)]
    for _ in range(count):
        op = an_op(data.draw, j)
        before = state(j)
        clock.advance(data.draw(st.sampled_from([0, 0.5, 7])))
        try:
            h.apply(op)
        except JourneyError:
            assert_state(j, before)
            continue
        states.append(state(j))
        assert journey_from_json(journey_to_json(j)).participation == j.participation
    final = j.participation
    for before in reversed(states[:-1]):
        assert h.undo() is not None
        assert_state(j, before)
    clock.advance(100)
    while h.redo():
        pass
    assert j.participation == final
