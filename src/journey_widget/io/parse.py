"""Read ``.journey.json`` text into Python values, keeping what JSON parsers silently accept.

Python's ``json`` reads ``NaN``, ``Infinity``, ``1e999`` (as infinity), integers of any
length and objects naming a key twice (keeping the last). None of that is a valid journey map:
here such tokens become markers that :mod:`.validate` finds and reports with their JSON path.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import JourneyFormatError

#: How deep values may nest (a card's own list or dict columns count from the card).
MAX_DEPTH = 32
_FORMAT_HINT = 'a journey map (a JSON object with "format": "journey-map")'


class _Bad:
    """A JSON token Python would accept but the format refuses (found later with its path)."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


class _DuplicateKeys(dict[str, Any]):
    """An object whose text named ``key`` twice (JSON parsers silently keep the last one)."""

    key = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    dup = _DuplicateKeys(out)
    for key, _ in pairs:
        if key in seen:
            dup.key = key
            break
        seen.add(key)
    return dup


def _constant(name: str) -> _Bad:
    return _Bad(f"{name} is not a JSON number; expected a finite number or null")


def _float(text: str) -> float | _Bad:
    value = float(text)
    return (
        value
        if math.isfinite(value)
        else _Bad(f"{text} is too large for a number; expected a finite number")
    )


def _int(text: str) -> int | _Bad:
    if len(text.lstrip("-")) > 20:
        return _Bad(
            f"the number {text[:12]}... ({len(text)} digits) is too large; expected a "
            "number that fits 64 bits"
        )
    return int(text)


def parse_document(text: str | bytes) -> Any:
    """Parse file text (``bytes`` are UTF-8; a UTF-8 byte order mark is ignored).

    Raises
    ------
    JourneyFormatError
        For empty or non-UTF-8 text, text that is not JSON (with line and column) and JSON
        nested too deeply to parse.
    """
    if isinstance(text, bytes | bytearray):
        if text[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise JourneyFormatError("the file is UTF-16 text; expected UTF-8 JSON")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise JourneyFormatError(
                f"not UTF-8 text: byte 0x{err.object[err.start]:02x} at offset {err.start}; "
                "expected a journey map document (UTF-8 JSON)"
            ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise JourneyFormatError(f"the document is empty; expected {_FORMAT_HINT}")
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as err:
        hint = " (the text ends too early: truncated?)" if err.pos >= len(text.rstrip()) else ""
        raise JourneyFormatError(
            f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}{hint}"
        ) from None
    except RecursionError:
        raise JourneyFormatError(
            f"not readable: values nested too deeply; expected at most {MAX_DEPTH} levels"
        ) from None
