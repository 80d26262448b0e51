"""Property test of the widget protocol: any sequence of browser messages.

Any sequence of browser messages (card, structure, metadata, comment and voting operations,
batches, undo and redo; well formed or not; with or without a ``user``, valid or not;
``presence`` messages in between) gets exactly one reply per operation; an ack that changes the
map bumps the revision and the traits mirror the model; a reject changes nothing; presence
messages never change the map and are answered, if at all, by a well-formed broadcast; the
synced state never holds an open round's voters, whose dots go only to the view that voted.
Afterwards, undoing everything from Python gives back the original, however the users' own
undos interleaved.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from journey_helpers import Recorder, checkout_map
from protocol_strategies import (
    BAD_USERS,
    SETTINGS,
    browser_op,
    op_message,
    presence_message,
    users,
)

from journey_widget.widget.payloads import (
    cards_payload,
    participation_payload,
    structure_payload,
)


def _check_presence(m, wire, data) -> None:
    message = data.draw(presence_message(list(m.data["id"])), label="presence")
    before = (m.revision, m.data, m.cards)
    sent = len(wire.messages)
    m._on_message(m, message, [])
    assert (m.revision, m.cards) == (before[0], before[2]) and m.data.equals(before[1])
    for reply in wire.messages[sent:]:
        assert reply["type"] == "presence"
        for entry in reply["entries"]:
            assert set(entry) == {"name", "display_name", "color", "card"}
            assert isinstance(entry["name"], str) and entry["name"]
            assert isinstance(entry["display_name"], str) and entry["display_name"]
            assert isinstance(entry["card"], str) and entry["card"]
    del wire.messages[sent:]


def _no_open_dots(m) -> None:
    """The synced state never holds an open round's dots (nor a voter of one)."""
    state = str(m.get_state())
    open_round = m.journey.participation.open_round()
    for v in m.journey.participation.votes:
        if open_round is not None and v.round == open_round.number:
            assert v.voter not in state


def _check_dots(dots) -> None:
    """``dots`` messages go only to the view that voted, with that view's own voter's dots."""
    for d in dots:
        assert d["view"] == "view-1" and set(d) == {
            "type",
            "view",
            "voter",
            "round",
            "cards",
            "used",
        }
        assert d["used"] == sum(d["cards"].values())


@SETTINGS
@given(data=st.data(), count=st.integers(1, 12))
def test_any_message_sequence_keeps_traits_and_model_in_step(data, count):
    m = checkout_map()
    wire = Recorder(m)
    m.send = wire
    original, original_structure = m.data, m.structure
    for i in range(count):
        if data.draw(st.integers(0, 3), label="presence first") == 0:
            _check_presence(m, wire, data)
        op = data.draw(browser_op(m, participation=True), label="op")
        user = data.draw(users, label="user")
        before_revision, before_data, before_cards = m.revision, m.data, m.cards
        stale = data.draw(st.booleans(), label="stale")
        base = before_revision - 1 if stale else before_revision
        m._on_message(m, op_message(f"p-{i}", base, op, user, "view-1"), [])

        dots = [x for x in wire.messages if x.get("type") == "dots"]
        wire.messages[:] = [x for x in wire.messages if x.get("type") != "dots"]
        assert len(wire.messages) == i + 1
        reply = wire.last
        _check_dots(dots)
        assert reply["op_id"] == f"p-{i}"
        assert not reply.get("reason", "").startswith("internal error"), reply
        if any(user is bad or user == bad for bad in BAD_USERS):
            assert reply["type"] == "reject" and "'user'" in reply["reason"]
        if reply["type"] == "ack" and reply.get("changed", True):
            assert m.revision == before_revision + 1 == reply["revision"]
        elif reply["type"] == "ack":  # undo or redo with nothing to walk
            assert op["kind"] in ("undo", "redo") and m.revision == before_revision
        else:
            assert reply["type"] == "reject" and reply["reason"]
            assert m.revision == before_revision == reply["revision"]
            assert m.data.equals(before_data) and m.cards == before_cards
        assert m.cards == cards_payload(m.journey.table)
        assert m.structure == structure_payload(m.journey)
        assert m.participation == participation_payload(m.journey)
        _no_open_dots(m)
        assert m.data["id"].is_unique

    while m.undo():
        pass
    assert m.data.equals(original) and dict(m.data.dtypes) == dict(original.dtypes)
    assert m.structure == original_structure
