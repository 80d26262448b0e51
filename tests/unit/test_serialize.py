"""The synced traits are plain JSON: `m.cards` and `m.structure` (docs/protocol.md, Traits)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from journey_helpers import EXTRA_COLUMNS, LANES, STAGES

import journey_widget as jw

CORE = ["id", "stage", "step", "lane", "text", "score"]


def plain_json(value):
    """json.dumps with no fallback: numpy scalars, NaN and Timestamps all fail here."""
    return json.dumps(value, allow_nan=False)


def walk(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)
    else:
        yield value


def test_cards_payload_is_strict_json(widget):
    text = plain_json(widget.cards)
    assert json.loads(text) == widget.cards
    plain_json(widget.structure)


def test_cards_hold_core_fields_only_and_never_analyst_columns(widget):
    for card in widget.cards:
        assert list(card) == CORE
        assert not set(card) & set(EXTRA_COLUMNS)


def test_cards_are_in_row_order_and_match_the_data(widget):
    data = widget.data
    assert [c["id"] for c in widget.cards] == list(data["id"])
    assert [c["text"] for c in widget.cards] == list(data["text"])


def test_missing_values_are_null(widget):
    first = widget.cards[0]
    assert first["score"] is None and first["step"] == "Search"
    cart = next(c for c in widget.cards if c["id"] == "c06")
    assert cart["step"] is None
    emotion = next(c for c in widget.cards if c["id"] == "c10")
    assert emotion["score"] == -1.0 and type(emotion["score"]) is float


def test_all_values_are_plain_python(widget):
    for value in walk(widget.cards):
        assert value is None or type(value) in (str, int, float, bool), type(value)
        assert not (isinstance(value, float) and math.isnan(value))


def test_optional_columns_with_numpy_values_and_gaps(cards):
    cards["severity"] = np.array([1, 2, 3, 4, 5, 1, 2] * 3, dtype=np.int64)
    cards["impact"] = np.float32(0.5)
    cards.loc[2, "impact"] = np.nan
    cards["effort"] = pd.array([1, None] * 10 + [3], dtype="Int64")
    cards["confidence"] = ["observed", "reported", None] * 7
    cards["tags"] = [["mobile", "payments"], [], None] * 7
    cards["owner"] = pd.Series(["ux", None, "ops"] * 7, dtype="str")
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    payload = json.loads(plain_json(m.cards))
    assert list(payload[0]) == [
        *CORE,
        "owner",
        "confidence",
        "severity",
        "impact",
        "effort",
        "tags",
    ]
    assert payload[0]["severity"] == 1 and type(m.cards[0]["severity"]) is int
    assert payload[0]["impact"] == 0.5 and payload[2]["impact"] is None
    assert payload[0]["effort"] == 1 and payload[1]["effort"] is None
    assert payload[2]["confidence"] is None and payload[1]["owner"] is None
    assert payload[0]["tags"] == ["mobile", "payments"] and payload[1]["tags"] == []
    assert payload[2]["tags"] is None
    for value in walk(m.cards):
        assert value is None or type(value) in (str, int, float, bool), type(value)


def test_tags_held_as_numpy_arrays_are_sent_as_lists(cards):
    # Lists read back from parquet or built with numpy arrive as ndarrays.
    cards["tags"] = [
        np.array(["mobile", "payments"]),
        np.array([], dtype=object),
        np.array(["size"]),
    ] * 7
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    payload = json.loads(plain_json(m.cards))
    assert payload[0]["tags"] == ["mobile", "payments"]
    assert payload[1]["tags"] == [] and payload[2]["tags"] == ["size"]


def test_payload_stays_json_after_edits(widget):
    widget.add_card("Cart", "Actions", "Removes an item")  # n_tickets gets a gap
    widget.edit_card("c11", "severity", 4)
    widget.edit_card("c17", "tags", ["payments"])
    widget.edit_card("c10", "score", None)
    payload = json.loads(plain_json(widget.cards))
    assert len(payload) == 22
    c11 = next(c for c in payload if c["id"] == "c11")
    assert c11["severity"] == 4
    assert all(set(c) == {*CORE, "severity", "tags"} for c in payload)


def test_text_is_sent_as_given(cards):
    cards.loc[0, "text"] = "<img src=x onerror=alert(1)>"
    cards.loc[1, "text"] = "NA"
    m = jw.JourneyMap(cards)
    assert m.cards[0]["text"] == "<img src=x onerror=alert(1)>"
    assert m.cards[1]["text"] == "NA"


def test_empty_map_payload():
    m = jw.JourneyMap(None)
    assert m.cards == []
    assert json.loads(plain_json(m.structure)) == {
        "title": "",
        "persona": None,
        "state": "current",
        "stages": [],
        "lanes": [],
        "scale": {"min": -2, "max": 2, "step": 1},
    }


@pytest.mark.parametrize("scale", [(-2, 2), (1, 5), (0.0, 10.0)])
def test_structure_payload_is_json(cards, scale):
    m = jw.JourneyMap(
        cards.assign(score=np.nan),
        stages=STAGES,
        lanes=LANES,
        scale=scale,
        persona={"name": "Buyer", "goals": "Find shoes", "segment": "new"},
    )
    structure = json.loads(plain_json(m.structure))
    assert structure["persona"] == {
        "segment": "new",
        "name": "Buyer",
        "goals": ["Find shoes"],
        "description": "",
    }
    assert structure["scale"]["min"] == scale[0] and structure["scale"]["max"] == scale[1]
    assert [s["name"] for s in structure["stages"]] == STAGES
