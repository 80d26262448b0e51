"""Malformed documents, part one: not JSON, the header, metadata, stages, lanes and columns.

``malformed_corpus.py`` says what a case holds and gathers both parts.
"""

from __future__ import annotations

import json

from malformed_case import GOOD, Case, N, S, doc, drop_key, set_key, valid

STRUCTURE_CASES: list[Case] = [
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
        doc(set_key(["format"], "something-else")),
        "format",
        "not a journey map document",
        S,
    ),
    Case("no format key", doc(drop_key(["format"])), "format", "no format key", S),
    Case("newer version", doc(set_key(["version"], 3)), "version", "version 3 is newer", S),
    Case("much newer version", doc(set_key(["version"], 99)), "version", "99", S),
    Case("version zero", doc(set_key(["version"], 0)), "version", "format version 1", S),
    Case("version as a string", doc(set_key(["version"], "1")), "version", "'1' (a string)", S),
    Case("version true", doc(set_key(["version"], True)), "version", "a boolean", S),
    Case("no version", doc(drop_key(["version"])), "version", "got null", S),
    Case(
        "duplicate key",
        GOOD.replace(b'"title": "Checkout",', b'"title": "Checkout", "title": "Other",'),
        "$",
        "'title' appears twice",
        N,
    ),
    # metadata
    Case("title a number", doc(set_key(["title"], 42)), "title", "a string or null", S),
    Case("state unknown", doc(set_key(["state"], "past")), "state", "current, future", S),
    Case("persona a number", doc(set_key(["persona"], 7)), "persona", "a name, an object", S),
    Case(
        "persona goals numbers",
        doc(set_key(["persona", "goals"], [1, 2])),
        "persona.goals[0]",
        "a string",
        S,
    ),
    Case(
        "persona avatar too long",
        doc(set_key(["persona", "avatar"], {"initials": "ABCD"})),
        "persona.avatar.initials",
        "1 to 3 characters",
        S,
    ),
    Case(
        "persona avatar colour",
        doc(set_key(["persona", "avatar"], {"initials": "AN", "color": "#f00"})),
        "persona.avatar.color",
        "one of gray",
        S,
    ),
    Case("scale a list", doc(set_key(["scale"], [-2, 2])), "scale", "an object", S),
    Case("scale min a string", doc(set_key(["scale", "min"], "low")), "scale.min", "a number", S),
    Case(
        "scale min above max",
        doc(set_key(["scale"], {"min": 2, "max": -2})),
        "scale",
        "not below max",
        N,
    ),
    Case("scale step zero", doc(set_key(["scale", "step"], 0)), "scale.step", "positive", S),
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
    Case("stages an object", doc(set_key(["stages"], {"Browse": {}})), "stages", "an array", S),
    Case("stage a number", doc(set_key(["stages", 1], 5)), "stages[1]", "a stage name", S),
    Case(
        "stage without a name",
        doc(drop_key(["stages", 0, "name"])),
        "stages[0].name",
        "a non-empty string",
        S,
    ),
    Case(
        "stage blank name",
        doc(set_key(["stages", 1, "name"], "   ")),
        "stages[1].name",
        "a non-empty string",
        S,
    ),
    Case(
        "duplicate stage",
        doc(set_key(["stages", 1, "name"], "Browse")),
        "stages[1].name",
        "appears twice",
        N,
    ),
    Case(
        "steps a string",
        doc(set_key(["stages", 0, "steps"], "Search")),
        "stages[0].steps",
        "an array of strings",
        S,
    ),
    Case(
        "duplicate step",
        doc(set_key(["stages", 0, "steps"], ["Search", "Search"])),
        "stages[0].steps[1]",
        "appears twice",
        S,
    ),
    Case(
        "lane kind unknown",
        doc(set_key(["lanes", 1, "kind"], "feelings")),
        "lanes[1].kind",
        "text, emotion, metric",
        S,
    ),
    Case(
        "duplicate lane",
        doc(set_key(["lanes", 2, "name"], "Actions")),
        "lanes[2].name",
        "appears twice",
        N,
    ),
    Case(
        "lane prompt a list",
        doc(set_key(["lanes", 0, "prompt"], ["a"])),
        "lanes[0].prompt",
        "a string or null",
        S,
    ),
    # columns
    Case("columns not objects", doc(set_key(["columns", 2], "step")), "columns[2]", "an object", S),
    Case(
        "column without name",
        doc(drop_key(["columns", 7, "name"])),
        "columns[7].name",
        "a non-empty string",
        S,
    ),
    Case(
        "duplicate column",
        doc(set_key(["columns", 7, "name"], "severity")),
        "columns[7].name",
        "appears twice",
        N,
    ),
    Case(
        "columns miss the lane",
        doc(set_key(["columns"], [{"name": n, "dtype": "str"} for n in ("id", "stage", "text")])),
        "columns",
        "'lane'",
        N,
    ),
]
