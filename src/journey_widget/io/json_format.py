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

``columns`` records each column's pandas dtype so the analyst's own columns come back with
the dtype they had; missing values are ``null``.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from typing import Any

import pandas as pd

from ..model import Journey, JourneyError
from ..model.cards import STRING_COLUMNS, plain
from ..model.metrics_ops import current_metrics

FORMAT_NAME = "journey-map"
FORMAT_VERSION = 1
#: The mime type of this document in notebook outputs (JupyterLab draws it read-only).
MIME_TYPE = "application/vnd.journey-map+json"


def journey_to_dict(journey: Journey) -> dict[str, Any]:
    """The JSON document of a journey as a Python dict."""
    table = journey.table
    objects = table.astype(object).where(table.notna(), None)
    cards = [{str(k): _jsonable(v) for k, v in r.items()} for r in objects.to_dict("records")]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": journey.title,
        "persona": journey.persona.to_dict() if journey.persona else None,
        "state": journey.state,
        "scale": journey.scale.to_dict(),
        "stages": [s.to_dict() for s in journey.stages],
        "lanes": [x.to_dict() for x in journey.lanes],
        "columns": [_column_spec(str(c), t) for c, t in table.dtypes.items()],
        "cards": cards,
        **_metrics_entry(journey),
    }


def _metrics_entry(journey: Journey) -> dict[str, Any]:
    """``{"metrics": [...]}`` when metrics are attached, else nothing (the key is optional)."""
    metrics = current_metrics(journey)
    if metrics is None:
        return {}
    objects = metrics.astype(object).where(metrics.notna(), None)
    return {"metrics": [{str(k): _jsonable(v) for k, v in r.items()}
                        for r in objects.to_dict("records")]}


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


def _column_spec(name: str, dtype: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "dtype": str(dtype)}
    if isinstance(dtype, pd.CategoricalDtype):
        spec["categories"] = [_jsonable(c) for c in dtype.categories]
        spec["ordered"] = bool(dtype.ordered)
    return spec


def _dtype_of(spec: dict[str, Any]) -> Any:
    if spec.get("dtype") == "category" and "categories" in spec:
        return pd.CategoricalDtype(spec["categories"], ordered=bool(spec.get("ordered")))
    return spec.get("dtype")


def journey_to_json(journey: Journey, indent: int | None = 1) -> str:
    """Serialise a journey to the versioned JSON text."""
    return json.dumps(journey_to_dict(journey), indent=indent, ensure_ascii=False)


def journey_from_dict(doc: Any) -> Journey:
    """Build a journey from a parsed JSON document, validating it like any other input."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise JourneyError(f"not a journey map document: expected an object with "
                           f"\"format\": \"{FORMAT_NAME}\"")
    version = doc.get("version")
    if version != FORMAT_VERSION:
        raise JourneyError(f"journey map version {version!r} is not supported; this "
                           f"journey_widget reads version {FORMAT_VERSION}")
    columns = [c["name"] for c in doc.get("columns", [])]
    cards = doc.get("cards") or []
    frame = pd.DataFrame(cards, columns=columns or None)
    for spec in doc.get("columns", []):
        name, dtype = spec["name"], _dtype_of(spec)
        if name in STRING_COLUMNS or name == "score" or not dtype or name not in frame:
            continue
        with contextlib.suppress(TypeError, ValueError):  # else keep what JSON gave
            frame[name] = frame[name].astype(dtype)
    return Journey(frame, stages=doc.get("stages"), lanes=doc.get("lanes"),
                   scale=doc.get("scale"), title=doc.get("title") or "",
                   persona=doc.get("persona"), state=doc.get("state") or "current",
                   metrics=doc.get("metrics"))


def journey_from_json(text: str | bytes) -> Journey:
    """Parse the versioned JSON text into a journey."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise JourneyError(f"not valid JSON: {err}") from None
    return journey_from_dict(doc)
