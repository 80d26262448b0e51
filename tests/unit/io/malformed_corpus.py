"""Malformed ``.journey.json`` documents, each with the JSON path and words its error must name.

Shared with the front end: ``python tests/unit/io/malformed_corpus.py`` writes
``tests/fixtures/malformed/corpus.json`` (``test_malformed_corpus.py`` checks it is current),
a list of ``{"name", "text" | "base64", "path", "expect", "schema"}``: ``text`` is the file
text (``base64`` its bytes when they are not UTF-8 text), ``path`` the JSON path the error
names (``""`` when the text is not JSON at all), ``expect`` words the message must contain, and
``schema`` whether the published JSON Schema alone rejects the document (the rest break rules
a JSON Schema cannot state: unique ids, cards on known stages...).
"""

from __future__ import annotations

import base64
import json
import pathlib
from dataclasses import dataclass
from typing import Any

OUT = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "malformed" / "corpus.json"


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


def _doc(change: Any) -> bytes:
    doc = valid()
    change(doc)
    return json.dumps(doc, indent=1).encode("utf-8")


def _set(path: list[Any], value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: list[Any]) -> Any:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _text_of(doc: Any) -> bytes:
    return json.dumps(doc).encode("utf-8")


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


GOOD = json.dumps(valid(), indent=1).encode("utf-8")
S, N = True, False  # the schema alone rejects it / only the reader's extra rules do

CASES: list[Case] = [
    # not JSON, not text
    Case("empty file", b"", "$", "empty", S),
    Case("only whitespace", b"  \n\t ", "$", "empty", S),
    Case("truncated text", GOOD[: len(GOOD) // 2], "$", "truncated", S),
    Case("binary junk", bytes(range(256)) * 4, "$", "not UTF-8", S),
    Case(
        "zip header", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20, "$", "not valid JSON", S
    ),
    Case(
        "UTF-16 with BOM", b"\xff\xfe" + json.dumps(valid()).encode("utf-16-le"), "$", "UTF-16", S
    ),
    Case("trailing comma", GOOD.replace(b'"Checkout",', b'"Checkout",,'), "$", "not valid JSON", S),
    Case("single quotes", b"{'format': 'journey-map', 'version': 1}", "$", "not valid JSON", S),
    Case("two documents", GOOD + GOOD, "$", "Extra data", S),
    Case(
        "deep nesting breaks the parser",
        b"[" * 100_000 + b"]" * 100_000,
        "$",
        "nested too deeply",
        S,
    ),
    # the document itself
    Case("an array, not an object", b"[1, 2]", "$", "expected a journey map document", S),
    Case("a string", b'"journey-map"', "$", "expected a journey map document", S),
    Case("null", b"null", "$", "expected a journey map document", S),
    Case(
        "another format",
        _doc(_set(["format"], "something-else")),
        "format",
        "not a journey map document",
        S,
    ),
    Case("no format key", _doc(_drop(["format"])), "format", "no format key", S),
    Case("newer version", _doc(_set(["version"], 2)), "version", "version 2 is newer", S),
    Case("much newer version", _doc(_set(["version"], 99)), "version", "99", S),
    Case("version zero", _doc(_set(["version"], 0)), "version", "format version 1", S),
    Case("version as a string", _doc(_set(["version"], "1")), "version", "'1' (a string)", S),
    Case("version true", _doc(_set(["version"], True)), "version", "a boolean", S),
    Case("no version", _doc(_drop(["version"])), "version", "got null", S),
    Case(
        "duplicate key",
        GOOD.replace(b'"title": "Checkout",', b'"title": "Checkout", "title": "Other",'),
        "$",
        "'title' appears twice",
        N,
    ),
    # metadata
    Case("title a number", _doc(_set(["title"], 42)), "title", "a string or null", S),
    Case("state unknown", _doc(_set(["state"], "past")), "state", "current, future", S),
    Case("persona a number", _doc(_set(["persona"], 7)), "persona", "a name, an object", S),
    Case(
        "persona goals numbers",
        _doc(_set(["persona", "goals"], [1, 2])),
        "persona.goals[0]",
        "a string",
        S,
    ),
    Case(
        "persona avatar too long",
        _doc(_set(["persona", "avatar"], {"initials": "ABCD"})),
        "persona.avatar.initials",
        "1 to 3 characters",
        S,
    ),
    Case(
        "persona avatar colour",
        _doc(_set(["persona", "avatar"], {"initials": "AN", "color": "#f00"})),
        "persona.avatar.color",
        "one of gray",
        S,
    ),
    Case("scale a list", _doc(_set(["scale"], [-2, 2])), "scale", "an object", S),
    Case("scale min a string", _doc(_set(["scale", "min"], "low")), "scale.min", "a number", S),
    Case(
        "scale min above max",
        _doc(_set(["scale"], {"min": 2, "max": -2})),
        "scale",
        "not below max",
        N,
    ),
    Case("scale step zero", _doc(_set(["scale", "step"], 0)), "scale.step", "positive", S),
    Case(
        "scale NaN",
        GOOD.replace(b'"min": -2', b'"min": NaN'),
        "scale.min",
        "NaN is not a JSON number",
        S,
    ),
    Case(
        "scale Infinity",
        GOOD.replace(b'"max": 2', b'"max": Infinity'),
        "scale.max",
        "Infinity is not a JSON number",
        S,
    ),
    # stages and lanes
    Case("stages an object", _doc(_set(["stages"], {"Browse": {}})), "stages", "an array", S),
    Case("stage a number", _doc(_set(["stages", 1], 5)), "stages[1]", "a stage name", S),
    Case(
        "stage without a name",
        _doc(_drop(["stages", 0, "name"])),
        "stages[0].name",
        "a non-empty string",
        S,
    ),
    Case(
        "stage blank name",
        _doc(_set(["stages", 1, "name"], "   ")),
        "stages[1].name",
        "a non-empty string",
        S,
    ),
    Case(
        "duplicate stage",
        _doc(_set(["stages", 1, "name"], "Browse")),
        "stages[1].name",
        "appears twice",
        N,
    ),
    Case(
        "steps a string",
        _doc(_set(["stages", 0, "steps"], "Search")),
        "stages[0].steps",
        "an array of strings",
        S,
    ),
    Case(
        "duplicate step",
        _doc(_set(["stages", 0, "steps"], ["Search", "Search"])),
        "stages[0].steps[1]",
        "appears twice",
        S,
    ),
    Case(
        "lane kind unknown",
        _doc(_set(["lanes", 1, "kind"], "feelings")),
        "lanes[1].kind",
        "text, emotion, metric",
        S,
    ),
    Case(
        "duplicate lane",
        _doc(_set(["lanes", 2, "name"], "Actions")),
        "lanes[2].name",
        "appears twice",
        N,
    ),
    Case(
        "lane prompt a list",
        _doc(_set(["lanes", 0, "prompt"], ["a"])),
        "lanes[0].prompt",
        "a string or null",
        S,
    ),
    # columns
    Case("columns not objects", _doc(_set(["columns", 2], "step")), "columns[2]", "an object", S),
    Case(
        "column without name",
        _doc(_drop(["columns", 7, "name"])),
        "columns[7].name",
        "a non-empty string",
        S,
    ),
    Case(
        "duplicate column",
        _doc(_set(["columns", 7, "name"], "severity")),
        "columns[7].name",
        "appears twice",
        N,
    ),
    Case(
        "columns miss the lane",
        _doc(_set(["columns"], [{"name": n, "dtype": "str"} for n in ("id", "stage", "text")])),
        "columns",
        "'lane'",
        N,
    ),
    # cards
    Case("cards an object", _doc(_set(["cards"], {"c1": {}})), "cards", "an array", S),
    Case("card a string", _doc(_set(["cards", 1], "Hopeful")), "cards[1]", "a card object", S),
    Case(
        "card without stage",
        _doc(_drop(["cards", 2, "stage"])),
        "cards[2].stage",
        "a non-empty string",
        S,
    ),
    Case(
        "card stage a number",
        _doc(_set(["cards", 0, "stage"], 3)),
        "cards[0].stage",
        "a non-empty string",
        S,
    ),
    Case(
        "card on an unknown stage",
        _doc(_set(["cards", 2, "stage"], "Returns")),
        "cards[2].stage",
        "'Returns' is not one of the map's stages",
        N,
    ),
    Case(
        "card on an unknown lane",
        _doc(_set(["cards", 0, "lane"], "Feelings")),
        "cards[0].lane",
        "'Feelings' is not one of the map's lanes",
        N,
    ),
    Case(
        "card on an unknown step",
        _doc(_set(["cards", 0, "step"], "Checkout")),
        "cards[0].step",
        "not one of the steps of stage 'Browse'",
        N,
    ),
    Case(
        "duplicate card id",
        _doc(_set(["cards", 2, "id"], "c1")),
        "cards[2].id",
        "also the id of cards[0]",
        N,
    ),
    Case(
        "card id an object", _doc(_set(["cards", 1, "id"], {"x": 1})), "cards[1].id", "a string", S
    ),
    Case(
        "card text a list",
        _doc(_set(["cards", 0, "text"], ["a", "b"])),
        "cards[0].text",
        "a string or null",
        S,
    ),
    Case(
        "score a string",
        _doc(_set(["cards", 1, "score"], "high")),
        "cards[1].score",
        "a number or null",
        S,
    ),
    Case(
        "score outside the scale",
        _doc(_set(["cards", 1, "score"], 5)),
        "cards[1].score",
        "outside the map's scale -2..2",
        N,
    ),
    Case(
        "score NaN",
        GOOD.replace(b'"score": 1.0', b'"score": NaN'),
        "cards[1].score",
        "NaN is not a JSON number",
        S,
    ),
    Case(
        "score -Infinity",
        GOOD.replace(b'"score": 1.0', b'"score": -Infinity'),
        "cards[1].score",
        "-Infinity is not a JSON number",
        S,
    ),
    Case(
        "huge float",
        GOOD.replace(b'"score": 1.0', b'"score": 1e999'),
        "cards[1].score",
        "too large",
        S,
    ),
    Case(
        "huge integer",
        GOOD.replace(b'"severity": 4.0', b'"severity": ' + b"9" * 5000),
        "cards[2].severity",
        "too large",
        S,
    ),
    Case(
        "integer over 64 bits",
        _doc(_set(["cards", 0, "score"], 99_999_999_999_999_999_999)),
        "cards[0].score",
        "fits 64 bits",
        N,
    ),
    Case(
        "severity out of range",
        _doc(_set(["cards", 2, "severity"], 9)),
        "cards[2].severity",
        "from 1 to 5",
        S,
    ),
    Case(
        "confidence unknown",
        _doc(
            lambda d: (
                d["columns"].append({"name": "confidence"}),
                d["cards"][0].update(confidence="sure"),
            )
        ),
        "cards[0].confidence",
        "observed",
        S,
    ),
    Case(
        "card key not in columns",
        _doc(_set(["cards", 0, "mood"], "x")),
        "cards[0].mood",
        "not one of the document's columns",
        N,
    ),
    Case(
        "deeply nested card value",
        _doc(_set(["cards", 0, "tags"], _nested(200))),
        "cards[0].tags",
        "nested more than 32 levels",
        N,
    ),
    Case(
        "NaN inside a card's list",
        GOOD.replace(b'"web"', b"NaN"),
        "cards[0].tags[0]",
        "NaN is not a JSON number",
        N,
    ),
    Case(
        "duplicate key in a card",
        GOOD.replace(b'"id": "c2",', b'"id": "c2", "id": "c9",'),
        "cards[1]",
        "'id' appears twice",
        N,
    ),
    # metrics
    Case("metrics an object", _doc(_set(["metrics"], {"Pay": 1})), "metrics", "an array", S),
    Case(
        "metric on an unknown stage",
        _doc(_set(["metrics", 0, "stage"], "Nowhere")),
        "metrics[0].stage",
        "'Nowhere' is not one of the map's stages",
        N,
    ),
    Case(
        "metric value text",
        _doc(_set(["metrics", 0, "value"], "71")),
        "metrics[0].value",
        "a number",
        S,
    ),
    Case(
        "metric n negative",
        _doc(_set(["metrics", 0, "n"], -3)),
        "metrics[0].n",
        "a whole number",
        S,
    ),
    Case(
        "metric unknown key",
        _doc(_set(["metrics", 0, "weight"], 1)),
        "metrics[0].weight",
        "unknown key",
        S,
    ),
    Case(
        "metric twice",
        _doc(lambda d: d["metrics"].append(dict(d["metrics"][0]))),
        "metrics[1]",
        "twice",
        N,
    ),
    # unknown top-level keys are ignored, but must still be JSON the format allows
    Case(
        "NaN in an unknown key",
        GOOD.replace(b'"title"', b'"extra": [NaN], "title"'),
        "extra[0]",
        "NaN",
        N,
    ),
]


def corpus_json() -> str:
    return json.dumps([c.to_json() for c in CASES], indent=1, ensure_ascii=False) + "\n"


def write() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(corpus_json(), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {len(CASES)} cases to {OUT}")
