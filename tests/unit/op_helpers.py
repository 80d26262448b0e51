"""Helpers of the operation tests: apply an operation and check its exact inverse."""

from __future__ import annotations

from journey_helpers import (
    assert_invariants,
    assert_same_state,
    snapshot,
)

import journey_widget as jw


def apply_and_check_inverse(journey: jw.Journey, op):
    """Apply ``op`` and return (applied, state after); the inverse is checked on a copy."""
    before = snapshot(journey)
    applied = journey.apply(op)
    assert_invariants(journey)
    after = snapshot(journey)
    undone = journey.apply(applied.inverse)
    assert_same_state(journey, before)
    journey.apply(undone.inverse)  # redo: the inverse of the inverse
    assert_same_state(journey, after)
    return applied, after


def card(journey: jw.Journey, card_id: str) -> dict:
    return journey.card(card_id)


def new_card(**fields: object) -> dict[str, object]:
    """A card for the Cart's Actions cell, id ``n1``, with ``fields`` added."""
    return {
        "id": "n1",
        "stage": "Cart",
        "step": None,
        "lane": "Actions",
        "text": "Removes an item",
        **fields,
    }
