"""The walk over a parsed ``.journey.json`` document: typed reads that fail naming the JSON path.

Each reader returns the value when it is of the expected kind and otherwise raises
:class:`~journey_widget.io.errors.JourneyFormatError` with the path (``cards[3].stage``) and
what was expected. :mod:`.validate` (the document) and :mod:`.validate_cards` (its cards) use
them.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from .errors import JourneyFormatError
from .parse import MAX_DEPTH, _Bad, _DuplicateKeys

_INT_LIMIT = 2**64


def fail(path: str, problem: str) -> NoReturn:
    """Raise a :class:`JourneyFormatError` naming the JSON ``path`` and the ``problem``."""
    raise JourneyFormatError(problem, path)


def kind_of(value: Any) -> str:
    """What a JSON value is, for a message: ``null``, ``an array``, ``'abc' (a string)``..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a boolean)"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (a string)"
    return f"{value!r} (a number)"


def got(path: str, value: Any, expected: str) -> NoReturn:
    """Fail at ``path``: ``expected`` this, got ``value`` (or the parser's own problem with it)."""
    if isinstance(value, _Bad):
        fail(path, value.problem)
    fail(path, f"expected {expected}, got {kind_of(value)}")


def key_path(path: str, key: str) -> str:
    """The path of ``key`` inside the object at ``path``: ``cards[3].stage``, ``x["my key"]``."""
    if key.isidentifier():
        return key if path == "$" else f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def check_value(value: Any, path: str, depth: int = 0, anchor: str | None = None) -> None:
    """Any JSON value: no NaN or Infinity, no huge numbers, no duplicate keys, bounded depth.

    Too deep nesting is reported at ``anchor`` (where the walk entered), not at the leaf.
    """
    anchor = anchor or path
    if isinstance(value, _Bad):
        fail(path, value.problem)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INT_LIMIT:
        fail(path, f"the number {value} is too large; expected a number that fits 64 bits")
    if isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            fail(anchor, f"values nested more than {MAX_DEPTH} levels deep; expected flatter data")
        if isinstance(value, _DuplicateKeys):
            fail(path, f"the key {value.key!r} appears twice in this object; expected unique keys")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            check_value(
                v, key_path(path, k) if isinstance(k, str) else f"{path}[{k}]", depth + 1, anchor
            )


def as_object(value: Any, path: str, what: str = "an object") -> dict[str, Any]:
    """``value`` if it is a JSON object without a repeated key; else fail expecting ``what``."""
    if not isinstance(value, dict):
        got(path, value, what)
    if isinstance(value, _DuplicateKeys):
        fail(path, f"the key {value.key!r} appears twice in this object; expected unique keys")
    return value


def as_array(value: Any, path: str, what: str) -> list[Any]:
    """``value`` if it is a JSON array; else fail expecting ``what``."""
    if not isinstance(value, list):
        got(path, value, what)
    return value


def as_text(value: Any, path: str, *, optional: bool = True, nonempty: bool = False) -> str | None:
    """``value`` if it is a string (not blank when ``nonempty``), or null when ``optional``."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or (nonempty and not value.strip()):
        got(
            path,
            value,
            "a non-empty string" if nonempty else ("a string or null" if optional else "a string"),
        )
    return value


def as_number(value: Any, path: str, *, optional: bool = True) -> float | None:
    """``value`` as a float if it is a finite JSON number (``None`` for null if ``optional``)."""
    check_value(value, path)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        got(path, value, "a number or null" if optional else "a number")
    return float(value)


def as_names(value: Any, path: str) -> list[str]:
    """An array of non-empty strings, none twice."""
    items = as_array(value, path, "an array of strings")
    out: list[str] = []
    for i, item in enumerate(items):
        name = as_text(item, f"{path}[{i}]", optional=False, nonempty=True)
        if name in out:
            fail(f"{path}[{i}]", f"{name!r} appears twice; expected unique names")
        out.append(str(name))
    return out


def unique_name(path: str, name: str, seen: list[str], what: str) -> None:
    """Add ``name`` to ``seen``, failing at ``path`` if it is there already."""
    if name in seen:
        fail(path, f"{what} name {name!r} appears twice; expected unique {what} names")
    seen.append(name)
