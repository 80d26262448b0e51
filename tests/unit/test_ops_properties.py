"""Property tests: random sequences of operations on the checkout journey, undone exactly.

Each example draws operations that depend on the state reached so far (which cards, stages,
lanes and steps exist). Operations the model refuses must raise JourneyError and change
nothing; the accepted ones, undone in reverse order, must give back the original table (rows,
order, dtypes, columns) and structure. The same sequence through History must undo-all to the
original and redo-all to the final state.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journey_helpers import assert_invariants, assert_same_state, checkout_journey, snapshot

import journey_widget as jw
from journey_widget.model import History
from journey_widget.model.cards import card_table
from journey_widget.model.ops import (
    AddCard,
    AddItem,
    AddStep,
    Batch,
    DeleteCard,
    EditCard,
    MoveCard,
    MoveItem,
    MoveStep,
    RemoveItem,
    RemoveStep,
    RenameItem,
    RenameStep,
    ReplaceCards,
)
from journey_widget.model.structure import Lane, Stage

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    report_multiple_bugs=False,
)

card_texts = st.one_of(
    st.sampled_from(
        [
            "",
            "NA",
            "null",
            "None",
            "nan",
            "<script>alert(1)</script>",
            "Pays with Apple Pay",
            "Line one\nline two",
            "Café ☕ 東京",
            "  ",
        ]
    ),
    st.text(max_size=20),
)
names = st.sampled_from(
    [
        "Returns",
        "Support",
        "Thoughts",
        "Feelings",
        "Metrics",
        "Wishlist",
        "Review",
        "Label",
        "NA",
        "Search",
        "Cart",
        "Emotions",
    ]
)
scores_in_scale = st.one_of(st.none(), st.integers(-2, 2), st.floats(-2, 2, allow_nan=False))
any_scores = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False), st.integers(-1000, 1000))
timestamps = st.datetimes(
    min_value=pd.Timestamp("2000-01-01").to_pydatetime(),
    max_value=pd.Timestamp("2030-01-01").to_pydatetime(),
).map(pd.Timestamp)


def _cells(j: jw.Journey) -> list[tuple[str, str | None, str]]:
    cells = []
    for stage in j.stages:
        for step in (None, *stage.steps):
            for lane in j.lanes:
                cells.append((stage.name, step, lane.name))
    return cells


def _score_for(draw, j: jw.Journey, lane: str):
    return draw(scores_in_scale if j.lane(lane).kind == "emotion" else any_scores)


@st.composite
def edit_op(draw, j: jw.Journey):
    card_id = draw(st.sampled_from(list(j.table["id"])))
    lane = j.card(card_id)["lane"]
    field = draw(
        st.sampled_from(
            [
                "text",
                "score",
                "n_tickets",
                "first_seen",
                "source",
                "text",
                "score",
                "n_tickets",
                "first_seen",
                "source",
                "channel",
                "severity",
                "confidence",
            ]
        )
    )
    value = {
        "text": card_texts,
        "score": scores_in_scale if j.lane(lane).kind == "emotion" else any_scores,
        "n_tickets": st.one_of(st.integers(0, 10_000), st.none()),
        "first_seen": st.one_of(timestamps, st.none()),
        "source": st.one_of(card_texts, st.none()),
        "channel": st.sampled_from(["web", "app", "email", None]),
        "severity": st.one_of(st.integers(1, 5), st.none()),
        "confidence": st.sampled_from(["observed", "reported", "inferred", "hypothesized", None]),
    }[field]
    return EditCard(card_id, field, draw(value))


@st.composite
def add_op(draw, j: jw.Journey):
    stage, step, lane = draw(st.sampled_from(_cells(j)))
    card = {
        "id": draw(st.sampled_from(["n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"])),
        "stage": stage,
        "step": step,
        "lane": lane,
        "text": draw(card_texts),
        "score": _score_for(draw, j, lane),
    }
    if draw(st.booleans()):
        card["n_tickets"] = draw(st.integers(0, 100))
        card["source"] = draw(st.sampled_from(["survey", "tickets", "NA"]))
        card["first_seen"] = draw(timestamps)
    index = draw(st.one_of(st.none(), st.integers(0, 5)))
    return AddCard(card, index)


@st.composite
def delete_op(draw, j: jw.Journey):
    return DeleteCard(draw(st.sampled_from(list(j.table["id"]))))


@st.composite
def move_op(draw, j: jw.Journey):
    card_id = draw(st.sampled_from(list(j.table["id"])))
    stage, step, lane = draw(st.sampled_from(_cells(j)))
    return MoveCard(card_id, stage, step, lane, draw(st.one_of(st.none(), st.integers(0, 5))))


@st.composite
def item_op(draw, j: jw.Journey):
    axis = draw(st.sampled_from(["stage", "lane"]))
    existing = j.stage_names() if axis == "stage" else j.lane_names()
    kind = draw(st.sampled_from(["add", "remove", "rename", "move"]))
    if kind == "add" or not existing:
        name = draw(names)
        item = (
            Stage(name, tuple(draw(st.lists(st.sampled_from(["One", "Two"]), unique=True))))
            if axis == "stage"
            else Lane(name, draw(st.sampled_from(["text", "emotion", "metric"])))
        )
        return AddItem(axis, item, draw(st.one_of(st.none(), st.integers(0, len(existing)))))
    name = draw(st.sampled_from(existing))
    if kind == "remove":
        return RemoveItem(axis, name, drop_cards=draw(st.booleans()))
    if kind == "rename":
        return RenameItem(axis, name, draw(names))
    return MoveItem(axis, name, draw(st.integers(0, len(existing) - 1)))


@st.composite
def step_op(draw, j: jw.Journey):
    stage = draw(st.sampled_from(j.stages))
    kind = draw(st.sampled_from(["add", "remove", "rename", "move"]))
    if kind == "add" or not stage.steps:
        return AddStep(
            stage.name, draw(names), draw(st.one_of(st.none(), st.integers(0, len(stage.steps))))
        )
    step = draw(st.sampled_from(stage.steps))
    if kind == "remove":
        return RemoveStep(stage.name, step, drop_cards=draw(st.booleans()))
    if kind == "rename":
        return RenameStep(stage.name, step, draw(names))
    return MoveStep(stage.name, step, draw(st.integers(0, len(stage.steps) - 1)))


@st.composite
def replace_op(draw, j: jw.Journey):
    """What ``m.data = frame`` does: a validated subset of the current rows."""
    drop = draw(st.sets(st.integers(0, max(len(j.table) - 1, 0)), max_size=6))
    frame = j.table.drop(index=[i for i in drop if i < len(j.table)])
    table, stages, lanes = card_table(frame, j.stages, j.lanes, j.scale)
    return ReplaceCards(table, tuple(stages), tuple(lanes))


@st.composite
def one_op(draw, j: jw.Journey):
    makers = [item_op, step_op, replace_op]
    if len(j.table):
        makers += [edit_op, edit_op, delete_op, move_op, move_op]
    if j.stages and j.lanes:
        makers += [add_op, add_op]
    return draw(draw(st.sampled_from(makers))(j))


@st.composite
def any_op(draw, j: jw.Journey):
    if draw(st.integers(0, 9)) == 0:
        return Batch((draw(one_op(j)), draw(one_op(j))))
    return draw(one_op(j))


def run_random_ops(data, journey: jw.Journey, apply, steps: int):
    """Draw and apply up to ``steps`` operations; refused ones must leave the state as it was.

    Returns the inverses of the accepted ones, in order.
    """
    inverses = []
    for _ in range(steps):
        op = data.draw(any_op(journey), label="op")
        before = snapshot(journey)
        try:
            applied = apply(op)
        except jw.JourneyError:
            assert_same_state(journey, before)
            continue
        assert_invariants(journey)
        inverses.append(applied.inverse)
    return inverses


@SETTINGS
@given(data=st.data(), steps=st.integers(1, 15))
def test_inverses_in_reverse_restore_the_original(data, steps):
    journey = checkout_journey()
    original = snapshot(journey)
    inverses = run_random_ops(data, journey, journey.apply, steps)
    for inverse in reversed(inverses):
        journey.apply(inverse)
        assert_invariants(journey)
    assert_same_state(journey, original)


@SETTINGS
@given(data=st.data(), steps=st.integers(1, 15))
def test_history_undo_all_then_redo_all_round_trips(data, steps):
    journey = checkout_journey()
    history = History(journey)
    original = snapshot(journey)
    inverses = run_random_ops(data, journey, history.apply, steps)
    final = snapshot(journey)

    undone = 0
    while history.can_undo:
        assert history.undo() is not None
        undone += 1
    assert undone == len(inverses)
    assert history.undo() is None
    assert_same_state(journey, original)

    while history.can_redo:
        assert history.redo() is not None
    assert history.redo() is None
    assert_same_state(journey, final)

    while history.can_undo:
        history.undo()
    assert_same_state(journey, original)


@SETTINGS
@given(data=st.data(), steps=st.integers(1, 10))
def test_inverse_of_each_op_restores_the_state_before_it(data, steps):
    journey = checkout_journey()
    for _ in range(steps):
        op = data.draw(any_op(journey), label="op")
        before = snapshot(journey)
        try:
            applied = journey.apply(op)
        except jw.JourneyError:
            assert_same_state(journey, before)
            continue
        after = snapshot(journey)
        redo = journey.apply(applied.inverse)
        assert_same_state(journey, before)
        journey.apply(redo.inverse)
        assert_same_state(journey, after)
