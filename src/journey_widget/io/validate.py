"""Check a ``.journey.json`` document before anything is built from it.

:func:`~.parse.parse_document` turns file text into a Python value and :func:`check_document`
walks it; both raise :class:`~journey_widget.io.errors.JourneyFormatError` naming the JSON path
(``cards[3].stage``) and what was expected. The structural rules are the ones published in
``journey-map.schema.json`` (shipped next to this module); the walk adds what a JSON Schema
cannot say: unique ids and names, cards on the map's stages, lanes and steps, scores inside
the emotion scale, no NaN or Infinity, no duplicate keys, bounded nesting.
No third-party validator is imported: this runs on every load and every file change.

This module checks the document and its map (metadata, stages, lanes, columns, metrics);
:mod:`.validate_cards` checks its cards; both read values with :mod:`.json_walk`.
"""

from __future__ import annotations

from typing import Any

from ..model.errors import JourneyError
from ..model.metrics_table import ALL_METRIC_COLUMNS
from ..model.structure import AVATAR_COLORS, LANE_KINDS, MAP_STATES, to_lane
from .errors import JourneyFormatError
from .json_walk import (
    as_array,
    as_names,
    as_number,
    as_object,
    as_text,
    check_value,
    fail,
    got,
    key_path,
    kind_of,
    unique_name,
)
from .parse import parse_document as parse_document
from .validate_cards import check_cards
from .validate_participation import check_comments, check_voting

FORMAT_NAME = "journey-map"
#: The newest format version, the one written for maps with comments or voting.
FORMAT_VERSION = 2
#: The version written for maps without comments and voting (byte for byte what older
#: journey_widget versions write and read).
BASE_VERSION = 1
#: The format versions this reads.
FORMAT_VERSIONS = (1, 2)
#: The top-level keys only version 2 holds.
PARTICIPATION_KEYS = ("comments", "voting")


def version_for(doc: dict[str, Any]) -> int:
    """The version a document with these keys is written as: 2 with comments or voting, else 1."""
    return FORMAT_VERSION if any(key in doc for key in PARTICIPATION_KEYS) else BASE_VERSION


def _check_stages(value: Any) -> dict[str, list[str]]:
    """Stage name -> its declared steps."""
    out: dict[str, list[str]] = {}
    for i, stage in enumerate(as_array(value, "stages", "an array of stages")):
        path = f"stages[{i}]"
        if isinstance(stage, str):
            stage = {"name": stage}
        stage = as_object(stage, path, 'a stage name or an object with a "name"')
        name = str(as_text(stage.get("name"), f"{path}.name", optional=False, nonempty=True))
        unique_name(f"{path}.name", name, list(out), "stage")
        steps = stage.get("steps")
        out[name] = [] if steps is None else as_names(steps, f"{path}.steps")
        as_text(stage.get("description"), f"{path}.description")
    return out


def _check_lanes(value: Any) -> dict[str, str]:
    """Lane name -> kind."""
    out: dict[str, str] = {}
    for i, lane in enumerate(as_array(value, "lanes", "an array of lanes")):
        path = f"lanes[{i}]"
        if isinstance(lane, str):
            lane = {"name": lane}
        lane = as_object(lane, path, 'a lane name or an object with a "name"')
        name = str(as_text(lane.get("name"), f"{path}.name", optional=False, nonempty=True))
        unique_name(f"{path}.name", name, list(out), "lane")
        kind = lane.get("kind")
        if kind is not None and kind not in LANE_KINDS:
            got(f"{path}.kind", kind, f"one of {', '.join(LANE_KINDS)} (or null)")
        as_text(lane.get("prompt"), f"{path}.prompt")
        out[name] = str(kind or to_lane(name).kind)
    return out


def _check_scale(value: Any) -> tuple[float, float]:
    if value is None:
        return (-2.0, 2.0)
    scale = as_object(value, "scale", 'an object {"min", "max", "step"} or null')
    low = as_number(scale.get("min", -2), "scale.min", optional=False)
    high = as_number(scale.get("max", 2), "scale.max", optional=False)
    step = as_number(scale.get("step", 1), "scale.step", optional=False)
    assert low is not None and high is not None and step is not None
    if not low < high:
        fail("scale", f"min {low:g} is not below max {high:g}; expected min < max")
    if step <= 0:
        fail("scale.step", f"expected a positive number, got {step:g}")
    return low, high


def _check_persona(value: Any) -> None:
    if value is None or isinstance(value, str):
        return
    persona = as_object(value, "persona", "a name, an object or null")
    check_value(persona, "persona")
    for key in ("name", "description", "quote"):
        as_text(persona.get(key), f"persona.{key}")
    for key in ("goals", "frustrations"):
        items = persona.get(key)
        if items is not None and not isinstance(items, str):
            for i, item in enumerate(
                as_array(items, f"persona.{key}", "a string, an array of strings or null")
            ):
                as_text(item, f"persona.{key}[{i}]", optional=False)
    avatar = persona.get("avatar")
    if avatar is None:
        return
    avatar = (
        {"initials": avatar}
        if isinstance(avatar, str)
        else as_object(avatar, "persona.avatar", 'initials or an object {"initials", "color"}')
    )
    initials = avatar.get("initials")
    if (
        not isinstance(initials, str)
        or not 1 <= len(initials) <= 3
        or any(c.isspace() for c in initials)
    ):
        got("persona.avatar.initials", initials, "1 to 3 characters without spaces")
    color = avatar.get("color") or ""
    if color not in ("", *AVATAR_COLORS):
        got("persona.avatar.color", color, f'one of {", ".join(AVATAR_COLORS)} (or "")')


def _check_columns(value: Any) -> list[str]:
    names: list[str] = []
    for i, spec in enumerate(as_array(value, "columns", "an array of column objects")):
        path = f"columns[{i}]"
        spec = as_object(spec, path, 'an object {"name", "dtype"}')
        check_value(spec, path)
        name = str(as_text(spec.get("name"), f"{path}.name", optional=False, nonempty=True))
        unique_name(f"{path}.name", name, names, "column")
        as_text(spec.get("dtype"), f"{path}.dtype")
        if spec.get("categories") is not None:
            as_array(spec["categories"], f"{path}.categories", "an array or null")
        if spec.get("ordered") is not None and not isinstance(spec["ordered"], bool):
            got(f"{path}.ordered", spec["ordered"], "true, false or null")
    return names


def _check_metrics(value: Any, stages: dict[str, list[str]] | None) -> None:
    rows = as_array(value, "metrics", "an array of metric objects or null")
    timed = next(
        (i for i, r in enumerate(rows) if isinstance(r, dict) and r.get("period") is not None),
        None,
    )
    seen: set[tuple[str, str, str | None]] = set()
    for i, row in enumerate(rows):
        path = f"metrics[{i}]"
        row = as_object(row, path, 'a metric object {"stage", "metric", "value"}')
        if extra := [k for k in row if k not in ALL_METRIC_COLUMNS]:
            fail(
                key_path(path, extra[0]),
                f"unknown key; expected only {', '.join(ALL_METRIC_COLUMNS)}",
            )
        stage = as_text(row.get("stage"), f"{path}.stage", optional=False, nonempty=True)
        if stages is not None and stage not in stages:
            fail(f"{path}.stage", f"{stage!r} is not one of the map's stages {list(stages)}")
        metric = as_text(row.get("metric"), f"{path}.metric", optional=False, nonempty=True)
        as_number(row.get("value"), f"{path}.value", optional=False)
        as_number(row.get("target"), f"{path}.target")
        as_text(row.get("unit"), f"{path}.unit")
        n = row.get("n")
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            check_value(n, f"{path}.n")
            got(f"{path}.n", n, "a whole number of 0 or more, or null")
        period = _metric_period(row, path, timed)
        if (str(stage), str(metric), period) in seen:
            fail(
                path,
                f"stage {stage!r} has metric {metric!r} twice; expected one row per "
                "stage and metric" + (" and period" if timed is not None else ""),
            )
        seen.add((str(stage), str(metric), period))


def _metric_period(row: dict[str, Any], path: str, timed: int | None) -> str | None:
    """A metric's period: text, and on every row once one row has one (row ``timed``)."""
    period = as_text(row.get("period"), f"{path}.period", nonempty=True)
    if period is None and timed is not None:
        fail(
            f"{path}.period",
            f"missing; expected a period on every metric, as metrics[{timed}] has one",
        )
    return period


def check_document(doc: Any) -> None:
    """Raise :class:`JourneyFormatError` unless ``doc`` is a valid journey map (version 1 or 2).

    Unknown top-level keys are ignored (readers skip what they do not know); ``comments`` and
    ``voting`` are version 2's and refused in a version 1 document.

    Raises
    ------
    JourneyFormatError
        Naming the JSON path and what was expected; newer format versions are named.
    """
    doc = as_object(
        doc, "$", f'a journey map document (a JSON object with "format": "{FORMAT_NAME}")'
    )
    if doc.get("format") != FORMAT_NAME:
        fail(
            "format",
            f'not a journey map document: expected "{FORMAT_NAME}", got '
            f"{kind_of(doc.get('format')) if 'format' in doc else 'no format key'}",
        )
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        fail(
            "version",
            f"journey map version {version} is newer than this journey_widget "
            f"reads (version {FORMAT_VERSION}); update journey_widget to open it",
        )
    if version not in FORMAT_VERSIONS or isinstance(version, bool):
        got("version", version, f"the format version {BASE_VERSION} or {FORMAT_VERSION}")
    if "$schema" in doc:
        as_text(doc["$schema"], "$schema", optional=False)
    as_text(doc.get("title"), "title")
    _check_persona(doc.get("persona"))
    state = doc.get("state")
    if state is not None and state not in MAP_STATES:
        got("state", state, f"one of {', '.join(MAP_STATES)} (or null)")
    scale = _check_scale(doc.get("scale"))
    stages = None if doc.get("stages") is None else _check_stages(doc["stages"])
    lanes = None if doc.get("lanes") is None else _check_lanes(doc["lanes"])
    columns = None if doc.get("columns") is None else _check_columns(doc["columns"])
    if doc.get("cards") is not None:
        check_cards(doc["cards"], columns, stages, lanes, scale)
    if doc.get("metrics") is not None:
        _check_metrics(doc["metrics"], stages)
    _check_participation(doc, version)
    for key, value in doc.items():
        if key not in _KNOWN:
            check_value(value, key_path("$", key), 1)


def _check_participation(doc: dict[str, Any], version: int) -> None:
    """Check ``comments`` and ``voting`` (version 2 only; either may be absent or null)."""
    for key in PARTICIPATION_KEYS:
        if key in doc and version < FORMAT_VERSION:
            fail(key, f'{key} needs format version {FORMAT_VERSION}; expected "version": 2')
    if doc.get("comments") is not None:
        check_comments(doc["comments"])
    if doc.get("voting") is not None:
        check_voting(doc["voting"])


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
    "comments",
    "voting",
}


def as_format_error(err: Exception) -> JourneyFormatError:
    """Any error raised while building a map from a checked document, as a format error."""
    if isinstance(err, JourneyFormatError):
        return err
    if isinstance(err, JourneyError):
        return JourneyFormatError(str(err))
    return JourneyFormatError(f"cannot be read as a journey map: {type(err).__name__}: {err}")
