"""Turn an operation message from the browser into a model operation (see docs/protocol.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import Journey, JourneyError, Op
from .model.cards import is_missing, new_id
from .model.ops import AddCard, DeleteCard, EditCard, MoveCard


def _get(op: Mapping[str, Any], key: str, kinds: type | tuple[type, ...],
         optional: bool = False) -> Any:
    value = op.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise JourneyError(f"malformed operation: {key!r} is {value!r}")
    return value


def op_from_message(op: Any, journey: Journey, stale: bool) -> Op:
    """Build the model operation a browser message asks for.

    ``stale`` says the browser based the operation on an older revision; an edit is then
    refused if the card no longer holds the ``old`` value the browser saw.
    """
    if not isinstance(op, Mapping):
        raise JourneyError(f"malformed operation: {op!r}")
    kind = op.get("kind")
    if kind == "edit":
        card_id, field = _get(op, "id", str), _get(op, "field", str)
        if stale and "old" in op:
            current = journey.card(card_id).get(field)
            if not _same(current, op["old"]):
                raise JourneyError(
                    f"this card was changed elsewhere meanwhile ({field} is now {current!r}); "
                    f"your edit {op.get('value')!r} was not applied")
        return EditCard(card_id, field, op.get("value"))
    if kind == "add":
        card = {"id": new_id(), "stage": _get(op, "stage", str), "lane": _get(op, "lane", str),
                "step": _get(op, "step", str, optional=True),
                "text": _get(op, "text", str, optional=True) or ""}
        if op.get("score") is not None:
            card["score"] = op["score"]
        return AddCard(card, _get(op, "index", int, optional=True))
    if kind == "delete":
        return DeleteCard(_get(op, "id", str))
    if kind == "move":
        return MoveCard(_get(op, "id", str), _get(op, "stage", str),
                        _get(op, "step", str, optional=True), _get(op, "lane", str),
                        _get(op, "index", int, optional=True))
    raise JourneyError(f"unknown operation kind {kind!r}")


def _same(a: Any, b: Any) -> bool:
    if is_missing(a) and is_missing(b):
        return True
    return bool(a == b)
