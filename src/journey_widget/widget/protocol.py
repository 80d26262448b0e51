"""Turn an operation message from the browser into a model operation (see docs/protocol.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import Journey, JourneyError, Lane, Op, Stage
from ..model.cards import is_missing, new_id
from ..model.meta_ops import SetPersona, SetState, SetTitle
from ..model.ops import (
    AddCard,
    AddItem,
    AddStep,
    Batch,
    DeleteCard,
    EditCard,
    MoveCard,
    MoveItem,
    MoveStep,
    RemoveItem,
    RemoveStep,
    RenameItem,
    RenameStep,
)
from ..model.structure import to_lane
from .participation import is_participation, optional_name, participation_op

#: Operations that walk the map's history instead of changing it directly.
HISTORY_KINDS = ("undo", "redo")
#: The most operations one ``batch`` may carry (one editor commit sends a handful).
MAX_BATCH = 20
#: The longest user name an operation message may carry (JupyterLab's are short).
MAX_USER = 200


def _get(
    op: Mapping[str, Any], key: str, kinds: type | tuple[type, ...], optional: bool = False
) -> Any:
    value = op.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise JourneyError(f"malformed operation: {key!r} is {value!r}")
    return value


def _flag(op: Mapping[str, Any], key: str) -> bool:
    value = op.get(key, False)
    if not isinstance(value, bool):
        raise JourneyError(f"malformed operation: {key!r} is {value!r}, expected true or false")
    return value


def message_user(content: Mapping[str, Any]) -> str | None:
    """Who sent an ``op`` message: its ``user`` (the JupyterLab identity's ``name``) or ``None``.

    ``user`` may be absent or ``null`` (a view that knows no user); anything else than a
    non-empty string of at most ``MAX_USER`` characters is refused.

    Examples
    --------
    >>> message_user({"type": "op", "user": "anonymous-io"}), message_user({"type": "op"})
    ('anonymous-io', None)
    """
    return optional_name(content, "user", MAX_USER, "a user name")


def history_kind(op: Any) -> str | None:
    """``"undo"`` or ``"redo"`` when the message asks to walk the history, else ``None``."""
    kind = op.get("kind") if isinstance(op, Mapping) else None
    return kind if kind in HISTORY_KINDS else None


def op_from_message(op: Any, journey: Journey, stale: bool) -> Op:
    """Build the model operation a browser message asks for.

    ``stale`` says the browser based the operation on an older revision; an edit is then
    refused if the card no longer holds the ``old`` value the browser saw.

    Examples
    --------
    >>> import journey_widget as jw
    >>> j = jw.Journey(None, stages=["Browse"], lanes=["Actions"])
    >>> op_from_message({"kind": "rename_stage", "old": "Browse", "new": "Search"}, j, False)
    RenameItem(axis='stage', old='Browse', new='Search')
    """
    if not isinstance(op, Mapping):
        raise JourneyError(f"malformed operation: {op!r}")
    kind = op.get("kind")
    if is_participation(op):  # comments and dot voting (participation.py)
        return participation_op(op)
    if kind == "batch":
        ops = op.get("ops")
        if not isinstance(ops, list) or not 0 < len(ops) <= MAX_BATCH:
            raise JourneyError(
                f"malformed operation: a batch holds 1 to {MAX_BATCH} card operations, got {ops!r}"
            )
        return Batch(tuple(_card_op(o, journey, stale) for o in ops))
    build = _STRUCTURE.get(kind) if isinstance(kind, str) else None
    if build is not None:
        return build(op)
    return _card_op(op, journey, stale)


def _card_op(op: Any, journey: Journey, stale: bool) -> Op:
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
                    f"your edit {op.get('value')!r} was not applied"
                )
        return EditCard(card_id, field, op.get("value"))
    if kind == "add":
        card = {
            "id": new_id(),
            "stage": _get(op, "stage", str),
            "lane": _get(op, "lane", str),
            "step": _get(op, "step", str, optional=True),
            "text": _get(op, "text", str, optional=True) or "",
        }
        if op.get("score") is not None:
            card["score"] = op["score"]
        return AddCard(card, _get(op, "index", int, optional=True))
    if kind == "delete":
        return DeleteCard(_get(op, "id", str))
    if kind == "move":
        return MoveCard(
            _get(op, "id", str),
            _get(op, "stage", str),
            _get(op, "step", str, optional=True),
            _get(op, "lane", str),
            _get(op, "index", int, optional=True),
        )
    raise JourneyError(f"unknown operation kind {kind!r}")


# ---- stages, lanes and steps -----------------------------------------------------------------
def _add_stage(op: Mapping[str, Any]) -> Op:
    return AddItem("stage", Stage(_get(op, "name", str)), _get(op, "index", int, optional=True))


def _add_lane(op: Mapping[str, Any]) -> Op:
    lane: Lane = to_lane(
        {"name": _get(op, "name", str), "kind": _get(op, "lane_kind", str, optional=True)}
    )
    return AddItem("lane", lane, _get(op, "index", int, optional=True))


def _axis_ops(axis: Any) -> dict[str, Callable[[Mapping[str, Any]], Op]]:
    return {
        f"rename_{axis}": lambda o: RenameItem(axis, _get(o, "old", str), _get(o, "new", str)),
        f"move_{axis}": lambda o: MoveItem(axis, _get(o, "name", str), _get(o, "index", int)),
        f"remove_{axis}": lambda o: RemoveItem(axis, _get(o, "name", str), _flag(o, "drop_cards")),
    }


_STRUCTURE: dict[str, Callable[[Mapping[str, Any]], Op]] = {
    "add_stage": _add_stage,
    "add_lane": _add_lane,
    **_axis_ops("stage"),
    **_axis_ops("lane"),
    "add_step": lambda o: AddStep(
        _get(o, "stage", str), _get(o, "name", str), _get(o, "index", int, optional=True)
    ),
    "rename_step": lambda o: RenameStep(
        _get(o, "stage", str), _get(o, "old", str), _get(o, "new", str)
    ),
    "move_step": lambda o: MoveStep(
        _get(o, "stage", str), _get(o, "name", str), _get(o, "index", int)
    ),
    "remove_step": lambda o: RemoveStep(
        _get(o, "stage", str), _get(o, "name", str), _flag(o, "drop_cards")
    ),
}


# ---- the map's title, persona and state --------------------------------------------------------
def _set_persona(op: Mapping[str, Any]) -> Op:
    if "persona" not in op:
        raise JourneyError(
            "malformed operation: set_persona needs 'persona' (an object, or null for no persona)"
        )
    persona = op["persona"]
    if persona is not None and not isinstance(persona, Mapping):
        raise JourneyError(
            f"malformed operation: 'persona' is {persona!r}, expected an object or null"
        )
    return SetPersona(dict(persona) if persona is not None else None)


_META: dict[str, Callable[[Mapping[str, Any]], Op]] = {
    "set_title": lambda o: SetTitle(_get(o, "title", str)),
    "set_persona": _set_persona,
    "set_state": lambda o: SetState(_get(o, "state", str)),
}
_STRUCTURE.update(_META)


def _same(a: Any, b: Any) -> bool:
    if is_missing(a) and is_missing(b):
        return True
    return bool(a == b)
