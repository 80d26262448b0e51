"""The bound file is always the bytes ``m.save`` would write, though it is rendered card by card.

Any sequence of browser messages (the widget property test's strategies: card, structure and
metadata operations, batches, undo and redo, accepted or refused) is sent to a bound map; after
each one the file on disk equals ``m.to_json()`` byte for byte.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from journey_helpers import LANES, STAGES, checkout_cards
from protocol_strategies import SETTINGS, browser_op

import journey_widget as jw
from journey_widget.durable import binding as binding_module
from journey_widget.io.incremental import DocumentCache


@SETTINGS
@given(data=st.data(), count=st.integers(1, 10))
def test_the_file_follows_any_message_sequence_byte_for_byte(tmp_path_factory, data, count):
    saved_poll = binding_module.POLL_SECONDS
    binding_module.POLL_SECONDS = 3600.0  # this test reads the file itself
    path = tmp_path_factory.mktemp("inc") / "map.journey.json"
    m = jw.open(path, default=checkout_cards(), stages=STAGES, lanes=LANES, overlays=False)
    m.send = lambda *_a, **_k: None  # the transport, not the part under test
    try:
        for i in range(count):
            op = data.draw(browser_op(m), label="op")
            m._on_message(
                m, {"type": "op", "op_id": f"p{i}", "base_revision": m.revision, "op": op}, []
            )
            m.flush()
            assert path.read_text(encoding="utf-8") == m.to_json(), op
    finally:
        m.close_file()
        binding_module.POLL_SECONDS = saved_poll


def test_an_edit_renders_only_its_card() -> None:
    m = jw.JourneyMap(checkout_cards(), stages=STAGES, lanes=LANES, overlays=False)
    cache = DocumentCache()
    cache.render(m.journey, None)
    assert (cache.rebuilt, cache.reused) == (21, 0)
    m.edit_card("c06", "text", "Adds two pairs")
    _doc, text = cache.render(m.journey, {"c06"})
    assert text.decode() == m.to_json()
    assert (cache.rebuilt, cache.reused) == (22, 20)


def test_a_dtype_change_renders_every_card() -> None:
    m = jw.JourneyMap(checkout_cards(), stages=STAGES, lanes=LANES, overlays=False)
    cache = DocumentCache()
    cache.render(m.journey, None)
    frame = m.data
    frame["n_tickets"] = frame["n_tickets"].astype("float64")  # 3 -> 3.0 in every card
    m.data = frame
    _doc, text = cache.render(m.journey, set())  # even told that no card changed
    assert text.decode() == m.to_json()
    assert '"n_tickets": 3.0' in text.decode()


def test_events_name_the_cards_or_ask_for_everything() -> None:
    m = jw.JourneyMap(
        pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["x"]}), overlays=False
    )
    events: list[jw.EditEvent] = []
    m.on_edit(events.append)
    card = m.add_card("A", "Actions", "y")
    m.edit_card(card, "text", "z")
    assert DocumentCache.changed_ids(events) == {card}
    m.rename_stage("A", "B")
    assert DocumentCache.changed_ids(events) is None


def test_card_records_match_the_full_conversion_for_every_dtype() -> None:
    from parity_helpers import rich_map  # analyst columns of many dtypes

    from journey_widget.io.incremental import card_records
    from journey_widget.io.json_format import journey_to_dict

    m = rich_map()
    frame = m.data
    frame["tags"] = [["a", "b"] if i % 2 else [] for i in range(len(frame))]
    frame["seen"] = pd.to_datetime(["2026-11-01"] * (len(frame) - 1) + [None])
    frame["ok"] = pd.array([True, None] + [False] * (len(frame) - 2), dtype="boolean")
    m.data = frame
    table = m.journey.table
    assert card_records(table, list(range(len(table)))) == journey_to_dict(m.journey)["cards"]


def test_a_few_rows_convert_cell_by_cell_like_the_whole_table() -> None:
    from parity_helpers import rich_map

    from journey_widget.io.incremental import FEW, card_records
    from journey_widget.io.json_format import journey_to_dict

    table = rich_map().journey.table
    full = journey_to_dict(rich_map().journey)["cards"]
    picks = list(range(0, len(table), 3))[:FEW]
    assert card_records(table, picks) == [full[k] for k in picks]


def test_the_header_follows_title_persona_and_metrics() -> None:
    m = jw.JourneyMap(checkout_cards(), stages=STAGES, lanes=LANES, overlays=False)
    cache = DocumentCache()
    cache.render(m.journey, None)
    m.title = "Checkout v2"
    m.set_persona(name="Ana")
    m.metrics = pd.DataFrame({"stage": ["Cart"], "metric": ["CSAT"], "value": [80.0]})
    m.add_stage("Returns")
    _doc, text = cache.render(m.journey, set())
    assert text.decode() == m.to_json()
