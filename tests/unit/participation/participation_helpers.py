"""Helpers of the participation tests: the state that must not change, compared whole."""

from __future__ import annotations

from typing import Any

from journey_helpers import assert_same_state, snapshot

import journey_widget as jw


def state(j: jw.Journey) -> tuple[Any, Any]:
    """What an operation may change: the cards and structure, and the participation."""
    return snapshot(j), j.participation


def assert_state(j: jw.Journey, before: tuple[Any, Any]) -> None:
    assert_same_state(j, before[0])
    assert j.participation == before[1]
