"""The pieces of the malformed-document corpus: a case, the valid document and edits to it.

Each case of ``malformed_structure_cases.py`` and ``malformed_content_cases.py`` is the valid
document of :func:`valid` broken in one way; ``malformed_corpus.py`` gathers them.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    path: str
    expect: str
    schema: bool

    def to_json(self) -> dict[str, Any]:
        try:
            body: dict[str, str] = {"text": self.data.decode("utf-8")}
        except UnicodeDecodeError:
            body = {"base64": base64.b64encode(self.data).decode("ascii")}
        return {
            "name": self.name,
            **body,
            "path": self.path,
            "expect": self.expect,
            "schema": self.schema,
        }


def valid() -> dict[str, Any]:
    """A small valid document: two stages (one with steps), three lanes, three cards, a metric."""
    return {
        "format": "journey-map",
        "version": 1,
        "title": "Checkout",
        "persona": {"name": "Ana", "goals": ["Pay fast"], "description": ""},
        "state": "current",
        "scale": {"min": -2, "max": 2, "step": 1},
        "stages": [
            {"name": "Browse", "steps": ["Search", "Compare"], "description": ""},
            {"name": "Pay", "steps": [], "description": ""},
        ],
        "lanes": [
            {"name": "Actions", "kind": "text"},
            {"name": "Emotions", "kind": "emotion"},
            {"name": "Pain points", "kind": "text"},
        ],
        "columns": [
            {"name": n, "dtype": "float64" if n == "score" else "str"}
            for n in ("id", "stage", "step", "lane", "text", "score")
        ]
        + [{"name": "severity", "dtype": "float64"}, {"name": "tags", "dtype": "object"}],
        "cards": [
            {
                "id": "c1",
                "stage": "Browse",
                "step": "Search",
                "lane": "Actions",
                "text": "Searches",
                "score": None,
                "severity": None,
                "tags": ["web"],
            },
            {
                "id": "c2",
                "stage": "Pay",
                "step": None,
                "lane": "Emotions",
                "text": "Hopeful",
                "score": 1.0,
                "severity": None,
                "tags": None,
            },
            {
                "id": "c3",
                "stage": "Pay",
                "step": None,
                "lane": "Pain points",
                "text": "Card declined",
                "score": None,
                "severity": 4.0,
                "tags": None,
            },
        ],
        "metrics": [
            {"stage": "Pay", "metric": "CSAT", "value": 71.0, "target": None, "unit": "%", "n": 12}
        ],
    }


def doc(change: Any) -> bytes:
    """The valid document with ``change`` applied, as file bytes."""
    document = valid()
    change(document)
    return json.dumps(document, indent=1).encode("utf-8")


def set_key(path: list[Any], value: Any) -> Any:
    """A change that sets the value at ``path`` (keys and indexes)."""

    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def drop_key(path: list[Any]) -> Any:
    """A change that removes the key at ``path``."""

    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def nested(depth: int) -> Any:
    """A string inside ``depth`` nested arrays."""
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


GOOD = json.dumps(valid(), indent=1).encode("utf-8")
S, N = True, False  # the schema alone rejects it / only the reader's extra rules do
