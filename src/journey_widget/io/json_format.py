"""The ``.journey.json`` format: a versioned JSON document holding metadata and cards.

Version 1::

    {"format": "journey-map", "version": 1, "title": ..., "persona": {...} | null,
     "state": "current", "scale": {"min": -2, "max": 2, "step": 1},
     "stages": [{"name", "steps", "description"}], "lanes": [{"name", "kind"}],
     "columns": [{"name": "id", "dtype": "str"}, ...],
     "cards": [{"id": ..., "stage": ..., ...}, ...],
     "metrics": [{"stage", "metric", "value", "target", "unit", "n"}, ...]}

``metrics`` (stage metrics, see :mod:`journey_widget.metrics`) is optional and absent when
the map has none.

Version 2 adds ``comments`` and ``voting`` after ``metrics`` (docs/participation.md). A map
with neither is written as version 1, byte for byte as before; one with either as version 2,
whose ``$schema`` is :data:`SCHEMA_ID_V2`. Both versions are read.

``columns`` records each column's pandas dtype so the analyst's own columns come back with
the dtype they had; missing values are ``null``.

Reading checks the whole document first (:mod:`.validate`, the rules of the JSON Schema in
``journey-map.schema.json``): a malformed document raises
:class:`~journey_widget.io.errors.JourneyFormatError` naming the file, the JSON path and what
was expected, before any map is built or changed.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import pathlib
from importlib import resources
from typing import Any

import pandas as pd

from ..model import Journey
from ..model.cards import STRING_COLUMNS, plain
from ..model.dtypes import as_dtype, dtype_name
from ..model.metrics_ops import current_metrics
from ..model.participation import participation_from_dict
from .errors import JourneyFormatError
from .validate import FORMAT_NAME as FORMAT_NAME
from .validate import FORMAT_VERSION as FORMAT_VERSION
from .validate import as_format_error, check_document, parse_document, version_for

#: The ``$schema`` of version 1 documents: an identifier, never fetched. The schema itself
#: ships in the package (:func:`schema_path`); editors map ``*.journey.json`` to that file.
SCHEMA_ID = "urn:journey-widget:schema:journey-map:1"
#: The ``$schema`` of version 2 documents (maps with comments or voting).
SCHEMA_ID_V2 = "urn:journey-widget:schema:journey-map:2"
#: Whether written documents carry ``"$schema": SCHEMA_ID`` as their first key. The JupyterLab
#: document writes it at the same place (js/src/model/journeyfile.ts): both write the same bytes.
WRITE_SCHEMA_KEY = True
SCHEMA_FILE = "journey-map.schema.json"
#: The mime type of this document in notebook outputs (JupyterLab draws it read-only).
MIME_TYPE = "application/vnd.journey-map+json"


def schema_path() -> pathlib.Path:
    """The JSON Schema of the ``.journey.json`` format, shipped in the package."""
    return pathlib.Path(str(resources.files(__package__).joinpath(SCHEMA_FILE)))


def schema_id(version: int) -> str:
    """The ``$schema`` written in a document of format ``version``."""
    return SCHEMA_ID_V2 if version >= 2 else SCHEMA_ID


def journey_to_dict(journey: Journey, *, schema_key: bool | None = None) -> dict[str, Any]:
    """The JSON document of a journey as a Python dict.

    ``schema_key`` (default :data:`WRITE_SCHEMA_KEY`) puts ``"$schema"`` first. The version is
    2 when the map has comments or voting, else 1.
    """
    table = journey.table
    objects = table.astype(object).where(table.notna(), None)
    cards = [{str(k): _jsonable(v) for k, v in r.items()} for r in objects.to_dict("records")]
    schema = WRITE_SCHEMA_KEY if schema_key is None else schema_key
    participation = journey.participation.to_dict()
    version = version_for(participation)
    return {
        **({"$schema": schema_id(version)} if schema else {}),
        "format": FORMAT_NAME,
        "version": version,
        "title": journey.title,
        "persona": journey.persona.to_dict() if journey.persona else None,
        "state": journey.state,
        "scale": journey.scale.to_dict(),
        "stages": [s.to_dict() for s in journey.stages],
        "lanes": [x.to_dict() for x in journey.lanes],
        "columns": [_column_spec(str(c), table[c]) for c in table.columns],
        "cards": cards,
        **_metrics_entry(journey),
        **participation,
    }


def _metrics_entry(journey: Journey) -> dict[str, Any]:
    """``{"metrics": [...]}`` when metrics are attached, else nothing (the key is optional)."""
    metrics = current_metrics(journey)
    if metrics is None:
        return {}
    objects = metrics.astype(object).where(metrics.notna(), None)
    return {
        "metrics": [
            {str(k): _jsonable(v) for k, v in r.items()} for r in objects.to_dict("records")
        ]
    }


def _jsonable(value: Any) -> Any:
    """A JSON-ready value; floats keep full precision (Python's repr round-trips)."""
    value = plain(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, datetime.date | datetime.time | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return pd.Timedelta(value).isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _column_spec(name: str, values: pd.Series) -> dict[str, Any]:
    dtype = values.dtype
    spec: dict[str, Any] = {"name": name, "dtype": dtype_name(values, name in STRING_COLUMNS)}
    if isinstance(dtype, pd.CategoricalDtype):
        spec["categories"] = [_jsonable(c) for c in dtype.categories]
        spec["ordered"] = bool(dtype.ordered)
    return spec


def _dtype_of(spec: dict[str, Any]) -> Any:
    if spec.get("dtype") == "category" and "categories" in spec:
        return pd.CategoricalDtype(spec["categories"], ordered=bool(spec.get("ordered")))
    return spec.get("dtype")


def document_text(doc: dict[str, Any], indent: int | None = 1) -> str:
    """A document as ``.journey.json`` text: the one place its encoding is written."""
    return json.dumps(doc, indent=indent, ensure_ascii=False)


def journey_to_json(journey: Journey, indent: int | None = 1) -> str:
    """Serialise a journey to the versioned JSON text."""
    return document_text(journey_to_dict(journey), indent)


def journey_from_dict(doc: Any, *, source: str | os.PathLike[str] | None = None) -> Journey:
    """Build a journey from a parsed JSON document, checking it first.

    Raises
    ------
    JourneyFormatError
        Naming ``source`` (when given), the JSON path and what was expected.
    """
    try:
        check_document(doc)
        return _build(doc)
    except Exception as err:  # every failure is a format error naming where, never a bare one
        error = as_format_error(err)
        raise (error.in_file(source) if source is not None else error) from None


def _build(doc: dict[str, Any]) -> Journey:
    columns = [c["name"] for c in doc.get("columns") or []]
    cards = doc.get("cards") or []
    frame = pd.DataFrame(cards, columns=columns or None)
    for spec in doc.get("columns") or []:
        name, dtype = spec["name"], _dtype_of(spec)
        if name in STRING_COLUMNS or name == "score" or not dtype or name not in frame:
            continue
        with contextlib.suppress(TypeError, ValueError, OverflowError):  # else keep JSON's values
            frame[name] = (
                as_dtype(frame[name], dtype)
                if isinstance(dtype, str)
                else frame[name].astype(dtype)
            )
    return Journey(
        frame,
        stages=doc.get("stages"),
        lanes=doc.get("lanes"),
        scale=doc.get("scale"),
        title=doc.get("title") or "",
        persona=doc.get("persona"),
        state=doc.get("state") or "current",
        metrics=doc.get("metrics"),
        participation=participation_from_dict(doc),
    )


def journey_from_json(
    text: str | bytes,
    *,
    source: str | os.PathLike[str] | None = None,
) -> Journey:
    """Parse the versioned JSON text into a journey.

    Raises
    ------
    JourneyFormatError
        For text that is not a valid journey map: names ``source`` (when given), the JSON
        path and what was expected.
    """
    try:
        doc = parse_document(text)
    except JourneyFormatError as err:
        raise (err.in_file(source) if source is not None else err) from None
    return journey_from_dict(doc, source=source)


def read_journey_file(path: str | os.PathLike[str]) -> Journey:
    """Read a ``.journey.json`` file; every failure is a :class:`JourneyFormatError` naming it.

    Raises
    ------
    JourneyFormatError
        The file cannot be read (missing, a folder, no permission) or is not a valid map.
    """
    try:
        data = pathlib.Path(path).read_bytes()
    except OSError as err:
        raise JourneyFormatError(f"cannot be read: {err.strerror or err}", "", path) from None
    return journey_from_json(data, source=path)
