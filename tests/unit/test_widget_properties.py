"""Property test of the widget protocol: any sequence of browser messages, well formed or not,
gets exactly one reply each; an ack bumps the revision and the traits mirror the model; a
reject changes nothing. Afterwards, undoing everything from Python gives back the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journey_helpers import Recorder, checkout_map

from journey_widget.widget.payloads import cards_payload, structure_payload

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture],
                    report_multiple_bugs=False)

values = st.one_of(st.none(), st.booleans(), st.integers(-5, 60), st.floats(-5, 5),
                   st.text(max_size=8), st.sampled_from(["NA", "<b>x</b>", "observed", "web"]))
indices = st.one_of(st.none(), st.integers(-2, 6), st.sampled_from(["0", 1.5]))


@st.composite
def browser_op(draw, ids, stages, lanes):
    card_id = draw(st.one_of(st.sampled_from(ids), st.just("nope"))) if ids else "nope"
    stage = draw(st.one_of(st.sampled_from(stages), st.just("Returns")))
    lane = draw(st.one_of(st.sampled_from(lanes), st.just("Thoughts")))
    step = draw(st.sampled_from([None, "Search", "Compare", "Address", "Payment", "Nope"]))
    kind = draw(st.sampled_from(["edit", "edit", "add", "delete", "move", "move", "bogus"]))
    if kind == "edit":
        field = draw(st.sampled_from(["text", "text", "score", "score", "severity",
                                      "confidence", "channel", "stage", "n_tickets"]))
        op = {"kind": "edit", "id": card_id, "field": field, "value": draw(values)}
        if draw(st.booleans()):
            op["old"] = draw(values)
        return op
    if kind == "add":
        op = {"kind": "add", "stage": stage, "step": step, "lane": lane,
              "text": draw(st.one_of(st.text(max_size=8), st.none())), "index": draw(indices)}
        if draw(st.booleans()):
            op["score"] = draw(values)
        return op
    if kind == "delete":
        return {"kind": "delete", "id": card_id}
    if kind == "move":
        return {"kind": "move", "id": card_id, "stage": stage, "step": step, "lane": lane,
                "index": draw(indices)}
    return {"kind": kind}


@SETTINGS
@given(data=st.data(), count=st.integers(1, 12))
def test_any_message_sequence_keeps_traits_and_model_in_step(data, count):
    m = checkout_map()
    wire = Recorder(m)
    m.send = wire
    original, original_structure = m.data, m.structure
    acked = 0
    for i in range(count):
        ids = list(m.data["id"])
        op = data.draw(browser_op(ids, list(m.stages), list(m.lanes)), label="op")
        before_revision, before_data, before_cards = m.revision, m.data, m.cards
        stale = data.draw(st.booleans(), label="stale")
        base = before_revision - 1 if stale else before_revision
        m._on_message(m, {"type": "op", "op_id": f"p-{i}", "base_revision": base, "op": op}, [])

        assert len(wire.messages) == i + 1
        reply = wire.last
        assert reply["op_id"] == f"p-{i}"
        assert not reply.get("reason", "").startswith("internal error"), reply
        if reply["type"] == "ack":
            acked += 1
            assert m.revision == before_revision + 1 == reply["revision"]
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
    assert undone == acked
    assert m.data.equals(original) and dict(m.data.dtypes) == dict(original.dtypes)
    assert m.structure == original_structure
