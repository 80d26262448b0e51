"""Helpers of the widget protocol tests: send a browser message, read the widget's state."""

from __future__ import annotations

from typing import Any

import journey_widget as jw


def send_op(
    m: jw.JourneyMap, op: Any, *, op_id: str = "v1-1", base: Any = "current", user: Any = None
) -> None:
    """Deliver an ``op`` message as a view would; ``user`` (when given) is the browser's user."""
    content = {
        "type": "op",
        "op_id": op_id,
        "base_revision": m.revision if base == "current" else base,
        "op": op,
    }
    if user is not None:
        content["user"] = user
    m._on_message(m, content, [])


def edit(card_id: str, field: str, value: Any, old: Any = None, **extra: Any) -> dict:
    return {"kind": "edit", "id": card_id, "field": field, "value": value, "old": old, **extra}


def state(m: jw.JourneyMap) -> tuple:
    return m.data, m.revision, m.cards, m.structure


def assert_unchanged(m: jw.JourneyMap, before: tuple) -> None:
    data, revision, cards, structure = before
    assert m.revision == revision
    assert m.data.equals(data) and dict(m.data.dtypes) == dict(data.dtypes)
    assert m.cards == cards
    assert m.structure == structure


def card_in_trait(m: jw.JourneyMap, card_id: str) -> dict:
    hits = [c for c in m.cards if c["id"] == card_id]
    assert len(hits) == 1, card_id
    return hits[0]
