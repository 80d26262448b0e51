"""The cards of a ``.journey.json`` document, checked against the map the document declares.

Every card is an object whose keys are the document's columns, with a unique id, a stage,
lane and step of the map, a score inside the emotion scale on emotion lanes, and a valid
severity and confidence. Errors name the JSON path (``cards[3].stage``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.cards import CONFIDENCE_VALUES, SEVERITY_RANGE
from .json_walk import as_array, as_number, as_object, as_text, check_value, fail, got, key_path
from .parse import _Bad

_Check = Callable[[Any, str], None]


def _severity(value: Any, path: str) -> None:
    low, high = SEVERITY_RANGE
    number = as_number(value, path)
    if number is not None and not low <= number <= high:
        fail(path, f"expected a number from {low} to {high} or null, got {value!r}")


def _confidence(value: Any, path: str) -> None:
    if value is not None and value not in CONFIDENCE_VALUES:
        got(path, value, f"one of {', '.join(CONFIDENCE_VALUES)} or null")


_FIELD_CHECKS: dict[str, _Check] = {"severity": _severity, "confidence": _confidence}


def check_cards(
    value: Any,
    columns: list[str] | None,
    stages: dict[str, list[str]] | None,
    lanes: dict[str, str] | None,
    scale: tuple[float, float],
) -> None:
    """Raise :class:`~journey_widget.io.errors.JourneyFormatError` unless the cards fit the map.

    Parameters
    ----------
    value : Any
        The document's ``cards``.
    columns : list of str, optional
        The document's declared columns (``None``: not declared, any keys go).
    stages : dict, optional
        Stage name -> its steps (``None``: not declared, any stage goes).
    lanes : dict, optional
        Lane name -> kind (``None``: not declared, any lane goes).
    scale : (min, max)
        The emotion scale scores on emotion lanes must lie in.
    """
    cards = as_array(value, "cards", "an array of card objects")
    if cards and columns is not None:
        _check_required_columns(columns)
    known = None if columns is None else set(columns)
    ids: dict[str, int] = {}
    for i, card in enumerate(cards):
        path = f"cards[{i}]"
        card = as_object(card, path, "a card object")
        _check_keys(card, path, known)
        _check_id(card.get("id"), path, i, ids)
        lane = _check_place(card, path, stages, lanes)
        as_text(card.get("text"), f"{path}.text")
        _check_score(card.get("score"), path, lane, lanes, scale)
        for field, check in _FIELD_CHECKS.items():
            if card.get(field) is not None:
                check(card[field], f"{path}.{field}")


def _check_required_columns(columns: list[str]) -> None:
    """The declared columns include the ones every card needs."""
    missing = [c for c in ("stage", "lane", "text") if c not in columns]
    if missing:
        fail(
            "columns",
            f"no column {missing[0]!r}; expected the columns to include stage, lane and text",
        )


def _check_keys(card: dict[str, Any], path: str, known: set[str] | None) -> None:
    """Every key is a declared column; nested and very large values are valid JSON data."""
    if known is not None and (extra := [k for k in card if k not in known]):
        fail(
            key_path(path, extra[0]),
            "not one of the document's columns; expected a key "
            'listed in "columns" (it would be lost)',
        )
    for key, item in card.items():
        if isinstance(item, dict | list | _Bad) or (isinstance(item, int) and abs(item) > 2**53):
            check_value(item, key_path(path, key), 1)


def _check_id(card_id: Any, path: str, index: int, ids: dict[str, int]) -> None:
    """A string id (or null) not used by an earlier card; ``ids`` records it."""
    if card_id is None:
        return
    if isinstance(card_id, bool) or not isinstance(card_id, str | int):
        got(f"{path}.id", card_id, "a string (or null: a new id is made)")
    if str(card_id) in ids:
        fail(
            f"{path}.id",
            f"{str(card_id)!r} is also the id of cards[{ids[str(card_id)]}]; expected unique ids",
        )
    ids[str(card_id)] = index


def _check_place(
    card: dict[str, Any],
    path: str,
    stages: dict[str, list[str]] | None,
    lanes: dict[str, str] | None,
) -> str:
    """The card's stage, lane and step are the map's; returns the lane."""
    stage = as_text(card.get("stage"), f"{path}.stage", optional=False, nonempty=True)
    lane = as_text(card.get("lane"), f"{path}.lane", optional=False, nonempty=True)
    if stages is not None and stage not in stages:
        fail(f"{path}.stage", f"{stage!r} is not one of the map's stages {list(stages)}")
    if lanes is not None and lane not in lanes:
        fail(f"{path}.lane", f"{lane!r} is not one of the map's lanes {list(lanes)}")
    step = as_text(card.get("step"), f"{path}.step")
    steps = None if stages is None else stages[str(stage)]
    if step is not None and steps and step not in steps:
        fail(f"{path}.step", f"{step!r} is not one of the steps of stage {stage!r} {steps}")
    return str(lane)


def _check_score(
    value: Any,
    path: str,
    lane: str,
    lanes: dict[str, str] | None,
    scale: tuple[float, float],
) -> None:
    """A number or null; on an emotion lane, inside the map's scale."""
    score = as_number(value, f"{path}.score")
    if (
        score is not None
        and lanes is not None
        and lanes[lane] == "emotion"
        and not scale[0] <= score <= scale[1]
    ):
        fail(
            f"{path}.score",
            f"{score:g} is outside the map's scale "
            f"{scale[0]:g}..{scale[1]:g} (on emotion lane {lane!r}); "
            "expected a score inside it",
        )
