"""Property test of the widget protocol: any sequence of browser messages.

Any sequence of browser messages (card, structure and metadata operations, batches, undo and
redo; well formed or not) gets exactly one reply each; an ack that changes the map bumps the
revision and the traits mirror the model; a reject changes nothing. Afterwards, undoing
everything from Python gives back the original.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from journey_helpers import Recorder, checkout_map
from protocol_strategies import SETTINGS, browser_op

from journey_widget.widget.payloads import cards_payload, structure_payload


@SETTINGS
@given(data=st.data(), count=st.integers(1, 12))
def test_any_message_sequence_keeps_traits_and_model_in_step(data, count):
    m = checkout_map()
    wire = Recorder(m)
    m.send = wire
    original, original_structure = m.data, m.structure
    acked = 0
    for i in range(count):
        op = data.draw(browser_op(m), label="op")
        before_revision, before_data, before_cards = m.revision, m.data, m.cards
        stale = data.draw(st.booleans(), label="stale")
        base = before_revision - 1 if stale else before_revision
        m._on_message(m, {"type": "op", "op_id": f"p-{i}", "base_revision": base, "op": op}, [])

        assert len(wire.messages) == i + 1
        reply = wire.last
        assert reply["op_id"] == f"p-{i}"
        assert not reply.get("reason", "").startswith("internal error"), reply
        if reply["type"] == "ack" and reply.get("changed", True):
            acked += 1
            assert m.revision == before_revision + 1 == reply["revision"]
        elif reply["type"] == "ack":  # undo or redo with nothing to walk
            assert op["kind"] in ("undo", "redo") and m.revision == before_revision
        else:
            assert reply["type"] == "reject" and reply["reason"]
            assert m.revision == before_revision == reply["revision"]
            assert m.data.equals(before_data) and m.cards == before_cards
        assert m.cards == cards_payload(m.journey.table)
        assert m.structure == structure_payload(m.journey)
        assert m.data["id"].is_unique

    undone = 0
    while m.undo():
        undone += 1
    assert undone <= acked  # browser undos already walked back some
    assert m.data.equals(original) and dict(m.data.dtypes) == dict(original.dtypes)
    assert m.structure == original_structure
