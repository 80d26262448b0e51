"""Check a ``.journey.json`` document before anything is built from it.

:func:`~.parse.parse_document` turns file text into a Python value and :func:`check_document`
walks it; both raise :class:`~journey_widget.io.errors.JourneyFormatError` naming the JSON path
(``cards[3].stage``) and what was expected. The structural rules are the ones published in
``journey-map.schema.json`` (shipped next to this module); the walk adds what a JSON Schema
cannot say: unique ids and names, cards on the map's stages, lanes and steps, scores inside
the emotion scale, no NaN or Infinity, no duplicate keys, bounded nesting.
No third-party validator is imported: this runs on every load and every file change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NoReturn

from ..model.cards import CONFIDENCE_VALUES, SEVERITY_RANGE
from ..model.errors import JourneyError
from ..model.metrics_table import METRIC_COLUMNS
from ..model.structure import AVATAR_COLORS, LANE_KINDS, MAP_STATES, to_lane
from .errors import JourneyFormatError
from .parse import MAX_DEPTH, _Bad, _DuplicateKeys
from .parse import parse_document as parse_document

FORMAT_NAME = "journey-map"
FORMAT_VERSION = 1
_INT_LIMIT = 2**64


# ---- the walk --------------------------------------------------------------------------------
def _fail(path: str, problem: str) -> NoReturn:
    raise JourneyFormatError(problem, path)


def _kind(value: Any) -> str:
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


def _got(path: str, value: Any, expected: str) -> NoReturn:
    if isinstance(value, _Bad):
        _fail(path, value.problem)
    _fail(path, f"expected {expected}, got {_kind(value)}")


def _key(path: str, key: str) -> str:
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
        _fail(path, value.problem)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INT_LIMIT:
        _fail(path, f"the number {value} is too large; expected a number that fits 64 bits")
    if isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            _fail(anchor, f"values nested more than {MAX_DEPTH} levels deep; expected flatter data")
        if isinstance(value, _DuplicateKeys):
            _fail(path, f"the key {value.key!r} appears twice in this object; expected unique keys")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            check_value(
                v, _key(path, k) if isinstance(k, str) else f"{path}[{k}]", depth + 1, anchor
            )


def _object(value: Any, path: str, what: str = "an object") -> dict[str, Any]:
    if not isinstance(value, dict):
        _got(path, value, what)
    if isinstance(value, _DuplicateKeys):
        _fail(path, f"the key {value.key!r} appears twice in this object; expected unique keys")
    return value


def _array(value: Any, path: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        _got(path, value, what)
    return value


def _text(value: Any, path: str, *, optional: bool = True, nonempty: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or (nonempty and not value.strip()):
        _got(
            path,
            value,
            "a non-empty string" if nonempty else ("a string or null" if optional else "a string"),
        )
    return value


def _number(value: Any, path: str, *, optional: bool = True) -> float | None:
    check_value(value, path)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        _got(path, value, "a number or null" if optional else "a number")
    return float(value)


def _names(value: Any, path: str) -> list[str]:
    items = _array(value, path, "an array of strings")
    out: list[str] = []
    for i, item in enumerate(items):
        name = _text(item, f"{path}[{i}]", optional=False, nonempty=True)
        if name in out:
            _fail(f"{path}[{i}]", f"{name!r} appears twice; expected unique names")
        out.append(str(name))
    return out


def _unique_name(path: str, name: str, seen: list[str], what: str) -> None:
    if name in seen:
        _fail(path, f"{what} name {name!r} appears twice; expected unique {what} names")
    seen.append(name)


def _check_stages(value: Any) -> dict[str, list[str]]:
    """Stage name -> its declared steps."""
    out: dict[str, list[str]] = {}
    for i, stage in enumerate(_array(value, "stages", "an array of stages")):
        path = f"stages[{i}]"
        if isinstance(stage, str):
            stage = {"name": stage}
        stage = _object(stage, path, 'a stage name or an object with a "name"')
        name = str(_text(stage.get("name"), f"{path}.name", optional=False, nonempty=True))
        _unique_name(f"{path}.name", name, list(out), "stage")
        steps = stage.get("steps")
        out[name] = [] if steps is None else _names(steps, f"{path}.steps")
        _text(stage.get("description"), f"{path}.description")
    return out


def _check_lanes(value: Any) -> dict[str, str]:
    """Lane name -> kind."""
    out: dict[str, str] = {}
    for i, lane in enumerate(_array(value, "lanes", "an array of lanes")):
        path = f"lanes[{i}]"
        if isinstance(lane, str):
            lane = {"name": lane}
        lane = _object(lane, path, 'a lane name or an object with a "name"')
        name = str(_text(lane.get("name"), f"{path}.name", optional=False, nonempty=True))
        _unique_name(f"{path}.name", name, list(out), "lane")
        kind = lane.get("kind")
        if kind is not None and kind not in LANE_KINDS:
            _got(f"{path}.kind", kind, f"one of {', '.join(LANE_KINDS)} (or null)")
        _text(lane.get("prompt"), f"{path}.prompt")
        out[name] = str(kind or to_lane(name).kind)
    return out


def _check_scale(value: Any) -> tuple[float, float]:
    if value is None:
        return (-2.0, 2.0)
    scale = _object(value, "scale", 'an object {"min", "max", "step"} or null')
    low = _number(scale.get("min", -2), "scale.min", optional=False)
    high = _number(scale.get("max", 2), "scale.max", optional=False)
    step = _number(scale.get("step", 1), "scale.step", optional=False)
    assert low is not None and high is not None and step is not None
    if not low < high:
        _fail("scale", f"min {low:g} is not below max {high:g}; expected min < max")
    if step <= 0:
        _fail("scale.step", f"expected a positive number, got {step:g}")
    return low, high


def _check_persona(value: Any) -> None:
    if value is None or isinstance(value, str):
        return
    persona = _object(value, "persona", "a name, an object or null")
    check_value(persona, "persona")
    for key in ("name", "description", "quote"):
        _text(persona.get(key), f"persona.{key}")
    for key in ("goals", "frustrations"):
        items = persona.get(key)
        if items is not None and not isinstance(items, str):
            for i, item in enumerate(
                _array(items, f"persona.{key}", "a string, an array of strings or null")
            ):
                _text(item, f"persona.{key}[{i}]", optional=False)
    avatar = persona.get("avatar")
    if avatar is None:
        return
    avatar = (
        {"initials": avatar}
        if isinstance(avatar, str)
        else _object(avatar, "persona.avatar", 'initials or an object {"initials", "color"}')
    )
    initials = avatar.get("initials")
    if (
        not isinstance(initials, str)
        or not 1 <= len(initials) <= 3
        or any(c.isspace() for c in initials)
    ):
        _got("persona.avatar.initials", initials, "1 to 3 characters without spaces")
    color = avatar.get("color") or ""
    if color not in ("", *AVATAR_COLORS):
        _got("persona.avatar.color", color, f'one of {", ".join(AVATAR_COLORS)} (or "")')


def _check_columns(value: Any) -> list[str]:
    names: list[str] = []
    for i, spec in enumerate(_array(value, "columns", "an array of column objects")):
        path = f"columns[{i}]"
        spec = _object(spec, path, 'an object {"name", "dtype"}')
        check_value(spec, path)
        name = str(_text(spec.get("name"), f"{path}.name", optional=False, nonempty=True))
        _unique_name(f"{path}.name", name, names, "column")
        _text(spec.get("dtype"), f"{path}.dtype")
        if spec.get("categories") is not None:
            _array(spec["categories"], f"{path}.categories", "an array or null")
        if spec.get("ordered") is not None and not isinstance(spec["ordered"], bool):
            _got(f"{path}.ordered", spec["ordered"], "true, false or null")
    return names


_Check = Callable[[Any, str], None]


def _severity(value: Any, path: str) -> None:
    low, high = SEVERITY_RANGE
    number = _number(value, path)
    if number is not None and not low <= number <= high:
        _fail(path, f"expected a number from {low} to {high} or null, got {value!r}")


def _confidence(value: Any, path: str) -> None:
    if value is not None and value not in CONFIDENCE_VALUES:
        _got(path, value, f"one of {', '.join(CONFIDENCE_VALUES)} or null")


_FIELD_CHECKS: dict[str, _Check] = {"severity": _severity, "confidence": _confidence}


def _check_cards(
    value: Any,
    columns: list[str] | None,
    stages: dict[str, list[str]] | None,
    lanes: dict[str, str] | None,
    scale: tuple[float, float],
) -> None:
    cards = _array(value, "cards", "an array of card objects")
    if cards and columns is not None:
        missing = [c for c in ("stage", "lane", "text") if c not in columns]
        if missing:
            _fail(
                "columns",
                f"no column {missing[0]!r}; expected the columns to include stage, lane and text",
            )
    known = None if columns is None else set(columns)
    ids: dict[str, int] = {}
    for i, card in enumerate(cards):
        path = f"cards[{i}]"
        card = _object(card, path, "a card object")
        if known is not None and (extra := [k for k in card if k not in known]):
            _fail(
                _key(path, extra[0]),
                "not one of the document's columns; expected a key "
                'listed in "columns" (it would be lost)',
            )
        for key, item in card.items():
            if isinstance(item, dict | list | _Bad) or (
                isinstance(item, int) and abs(item) > 2**53
            ):
                check_value(item, _key(path, key), 1)
        card_id = card.get("id")
        if card_id is not None:
            if isinstance(card_id, bool) or not isinstance(card_id, str | int):
                _got(f"{path}.id", card_id, "a string (or null: a new id is made)")
            if str(card_id) in ids:
                _fail(
                    f"{path}.id",
                    f"{str(card_id)!r} is also the id of "
                    f"cards[{ids[str(card_id)]}]; expected unique ids",
                )
            ids[str(card_id)] = i
        stage = _text(card.get("stage"), f"{path}.stage", optional=False, nonempty=True)
        lane = _text(card.get("lane"), f"{path}.lane", optional=False, nonempty=True)
        if stages is not None and stage not in stages:
            _fail(f"{path}.stage", f"{stage!r} is not one of the map's stages {list(stages)}")
        if lanes is not None and lane not in lanes:
            _fail(f"{path}.lane", f"{lane!r} is not one of the map's lanes {list(lanes)}")
        step = _text(card.get("step"), f"{path}.step")
        if (
            step is not None
            and stages is not None
            and stages[str(stage)]
            and (step not in stages[str(stage)])
        ):
            _fail(
                f"{path}.step",
                f"{step!r} is not one of the steps of stage {stage!r} {stages[str(stage)]}",
            )
        _text(card.get("text"), f"{path}.text")
        score = _number(card.get("score"), f"{path}.score")
        if (
            score is not None
            and lanes is not None
            and lanes[str(lane)] == "emotion"
            and not scale[0] <= score <= scale[1]
        ):
            _fail(
                f"{path}.score",
                f"{score:g} is outside the map's scale "
                f"{scale[0]:g}..{scale[1]:g} (on emotion lane {lane!r}); "
                "expected a score inside it",
            )
        for field, check in _FIELD_CHECKS.items():
            if card.get(field) is not None:
                check(card[field], f"{path}.{field}")


def _check_metrics(value: Any, stages: dict[str, list[str]] | None) -> None:
    seen: set[tuple[str, str]] = set()
    for i, row in enumerate(_array(value, "metrics", "an array of metric objects or null")):
        path = f"metrics[{i}]"
        row = _object(row, path, 'a metric object {"stage", "metric", "value"}')
        if extra := [k for k in row if k not in METRIC_COLUMNS]:
            _fail(_key(path, extra[0]), f"unknown key; expected only {', '.join(METRIC_COLUMNS)}")
        stage = _text(row.get("stage"), f"{path}.stage", optional=False, nonempty=True)
        if stages is not None and stage not in stages:
            _fail(f"{path}.stage", f"{stage!r} is not one of the map's stages {list(stages)}")
        metric = _text(row.get("metric"), f"{path}.metric", optional=False, nonempty=True)
        _number(row.get("value"), f"{path}.value", optional=False)
        _number(row.get("target"), f"{path}.target")
        _text(row.get("unit"), f"{path}.unit")
        n = row.get("n")
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            check_value(n, f"{path}.n")
            _got(f"{path}.n", n, "a whole number of 0 or more, or null")
        if (str(stage), str(metric)) in seen:
            _fail(
                path,
                f"stage {stage!r} has metric {metric!r} twice; expected one row per "
                "stage and metric",
            )
        seen.add((str(stage), str(metric)))


def check_document(doc: Any) -> None:
    """Raise :class:`JourneyFormatError` unless ``doc`` is a valid version-1 journey map.

    Unknown top-level keys are ignored (readers of version 1 skip what they do not know).

    Raises
    ------
    JourneyFormatError
        Naming the JSON path and what was expected; newer format versions are named.
    """
    doc = _object(
        doc, "$", f'a journey map document (a JSON object with "format": "{FORMAT_NAME}")'
    )
    if doc.get("format") != FORMAT_NAME:
        _fail(
            "format",
            f'not a journey map document: expected "{FORMAT_NAME}", got '
            f"{_kind(doc.get('format')) if 'format' in doc else 'no format key'}",
        )
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        _fail(
            "version",
            f"journey map version {version} is newer than this journey_widget "
            f"reads (version {FORMAT_VERSION}); update journey_widget to open it",
        )
    if version != FORMAT_VERSION or isinstance(version, bool):
        _got("version", version, f"the format version {FORMAT_VERSION}")
    if "$schema" in doc:
        _text(doc["$schema"], "$schema", optional=False)
    _text(doc.get("title"), "title")
    _check_persona(doc.get("persona"))
    state = doc.get("state")
    if state is not None and state not in MAP_STATES:
        _got("state", state, f"one of {', '.join(MAP_STATES)} (or null)")
    scale = _check_scale(doc.get("scale"))
    stages = None if doc.get("stages") is None else _check_stages(doc["stages"])
    lanes = None if doc.get("lanes") is None else _check_lanes(doc["lanes"])
    columns = None if doc.get("columns") is None else _check_columns(doc["columns"])
    if doc.get("cards") is not None:
        _check_cards(doc["cards"], columns, stages, lanes, scale)
    if doc.get("metrics") is not None:
        _check_metrics(doc["metrics"], stages)
    for key, value in doc.items():
        if key not in _KNOWN:
            check_value(value, _key("$", key), 1)


_KNOWN = {
    "format",
    "version",
    "$schema",
    "title",
    "persona",
    "state",
    "scale",
    "stages",
    "lanes",
    "columns",
    "cards",
    "metrics",
}


def as_format_error(err: Exception) -> JourneyFormatError:
    """Any error raised while building a map from a checked document, as a format error."""
    if isinstance(err, JourneyFormatError):
        return err
    if isinstance(err, JourneyError):
        return JourneyFormatError(str(err))
    return JourneyFormatError(f"cannot be read as a journey map: {type(err).__name__}: {err}")
