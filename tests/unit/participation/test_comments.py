"""Comments on cards: adding, replying, resolving, refusals that change nothing, undo and redo."""

from __future__ import annotations

import pandas as pd
import pytest
from journey_helpers import checkout_journey, checkout_map
from participation_helpers import assert_state, state

from journey_widget.model import History, JourneyError
from journey_widget.model.ops import AddComment, DeleteCard, SetCommentResolved
from journey_widget.model.participation import Comment


def test_a_comment_gets_the_next_id_the_time_and_stripped_text(clock):
    j = checkout_journey()
    AddComment("c11", "  Seen in 4 of 6 interviews \n", "Ana").apply(j)
    clock.advance(1.5)
    AddComment("c11", "Which ones?", "Bo", reply_to="k1").apply(j)
    assert j.participation.comments == (
        Comment("k1", "c11", None, "Ana", "2026-12-01T10:00:00Z", "Seen in 4 of 6 interviews"),
        Comment("k2", "c11", "k1", "Bo", "2026-12-01T10:01:30Z", "Which ones?"),
    )


def test_a_reply_to_a_reply_joins_the_thread_of_its_first_comment():
    j = checkout_journey()
    AddComment("c11", "First").apply(j)
    AddComment("c11", "Second", reply_to="k1").apply(j)
    AddComment("c11", "Third", reply_to="k2").apply(j)
    assert [c.parent for c in j.participation.comments] == [None, "k1", "k1"]


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (AddComment("nope", "x"), "there is no card with id 'nope'"),
        (AddComment("c11", "   "), "a comment on card 'c11' needs text, got '   '"),
        (AddComment("c11", 3), "needs text, got 3"),  # type: ignore[arg-type]
        (AddComment("c11", "x", ""), "a comment's author must be a non-empty string"),
        (AddComment("c11", "x", reply_to="k9"), "there is no comment 'k9'; the map's comments"),
        (
            AddComment("c12", "x", reply_to="k1"),
            "comment 'k1' is on card 'c11', not 'c12'; a reply must be on the same card",
        ),
        (SetCommentResolved("k7"), "there is no comment 'k7'"),
        (SetCommentResolved("k1", "yes"), "resolved must be True or False, got 'yes'"),  # type: ignore[arg-type]
    ],
)
def test_bad_comments_are_refused_before_anything_changes(op, message):
    j = checkout_journey()
    AddComment("c11", "First", "Ana").apply(j)
    before = state(j)
    with pytest.raises(JourneyError, match=message.replace("(", r"\(").replace("?", r"\?")):
        op.apply(j)
    assert_state(j, before)


def test_resolving_any_comment_resolves_the_whole_thread_and_undo_restores_each_flag():
    j = checkout_journey()
    h = History(j)
    h.apply(AddComment("c11", "First"))
    h.apply(AddComment("c11", "Reply", reply_to="k1"))
    h.apply(AddComment("c17", "Elsewhere"))
    h.apply(SetCommentResolved("k2"))
    assert [c.resolved for c in j.participation.comments] == [True, True, False]
    h.apply(AddComment("c11", "Late reply", reply_to="k1"))  # takes the thread's flag
    assert j.participation.comments[-1].resolved is True
    h.apply(SetCommentResolved("k1", False))
    assert [c.resolved for c in j.participation.comments] == [False, False, False, False]
    h.undo()
    assert [c.resolved for c in j.participation.comments] == [True, True, False, True]


def test_every_comment_operation_undoes_and_redoes_exactly(clock):
    j = checkout_journey()
    h = History(j)
    states = [state(j)]
    for op in (
        AddComment("c11", "First", "Ana"),
        AddComment("c11", "Reply", "Bo", reply_to="k1"),
        SetCommentResolved("k1"),
        AddComment("c17", "Other"),
    ):
        clock.advance(1)
        h.apply(op)
        states.append(state(j))
    final = j.participation
    for before in reversed(states[:-1]):
        h.undo()
        assert_state(j, before)
    clock.advance(60)  # redo puts back the same ids and times, whatever the clock says
    while h.redo():
        pass
    assert j.participation == final


def test_deleting_a_card_keeps_its_comments_and_undo_brings_it_back_to_them():
    j = checkout_journey()
    h = History(j)
    h.apply(AddComment("c11", "Keep me"))
    h.apply(DeleteCard("c11"))
    assert [c.card for c in j.participation.comments] == ["c11"]
    h.undo()
    assert j.has_card("c11") and len(j.participation.comments) == 1


def test_the_map_api_returns_ids_and_a_comments_frame():
    m = checkout_map()
    first = m.add_comment("c11", "Seen in 4 of 6 interviews", author="Ana")
    assert first == "k1"
    assert m.add_comment("c11", "Which ones?", reply_to=first) == "k2"
    m.resolve_comment(first)
    frame = m.comments
    assert list(frame.columns) == ["id", "card", "parent", "author", "created", "text", "resolved"]
    assert frame["author"].tolist() == ["Ana", "Python"]
    assert frame["parent"].tolist() == [None, "k1"]
    assert frame["resolved"].tolist() == [True, True]
    assert str(frame["created"].dtype) == "datetime64[ns, UTC]"
    assert frame["created"][0] == pd.Timestamp("2026-12-01T10:00:00Z")
    empty = checkout_map().comments
    assert list(empty.columns) == list(frame.columns) and empty.empty


def test_comment_edits_reach_callbacks_and_the_history_and_undo(events, widget):
    cid = widget.add_comment("c11", "Why?", author="Ana")
    widget.resolve_comment(cid)
    assert [(e.kind, e.id, e.field) for e in events] == [
        ("comment", "c11", "k1"),
        ("resolve_comment", "c11", "k1"),
    ]
    assert events[0].new["text"] == "Why?" and events[1].new is True
    assert widget.history["kind"].tolist()[-2:] == ["comment", "resolve_comment"]
    widget.undo()
    widget.undo()
    assert widget.comments.empty
    assert [e.kind for e in events[2:]] == ["resolve_comment", "remove_comment"]


def test_a_refused_comment_from_python_raises_and_changes_nothing(widget, events):
    revision = widget.revision
    with pytest.raises(JourneyError, match="there is no card with id 'c99'"):
        widget.add_comment("c99", "x")
    assert widget.revision == revision and events == [] and widget.comments.empty
