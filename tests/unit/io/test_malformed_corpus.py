"""Every malformed document is refused with a JourneyError naming the file, path and problem.

Every way in refuses them (from_json, jw.load, jw.open), and a bound map given one on disk
keeps its map and reports the error.
"""

from __future__ import annotations

import json

import pytest
from malformed_corpus import CASES, GOOD, OUT, Case, corpus_json, valid

import journey_widget as jw
from journey_widget.io import JourneyFormatError, schema_path
from journey_widget.io.json_format import journey_from_json

IDS = [c.name for c in CASES]


def assert_names_problem(err: JourneyFormatError, case: Case, file: str | None = None) -> None:
    text = str(err)
    assert case.expect in text, text
    assert err.path == case.path, (err.path, text)
    if case.path not in ("", "$"):
        assert f"{case.path}: " in text, text
    if file is not None:
        assert err.file is not None and err.file.endswith(file) and text.startswith(err.file)


def test_the_corpus_is_big_and_its_json_copy_current() -> None:
    assert len(CASES) >= 40 and len(set(IDS)) == len(IDS)
    assert OUT.read_text(encoding="utf-8") == corpus_json(), (
        "run: python tests/unit/io/malformed_corpus.py"
    )


def test_the_valid_document_loads() -> None:
    j = journey_from_json(GOOD)
    assert len(j.table) == 3 and j.stage_names() == ["Browse", "Pay"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_from_json_refuses(case: Case) -> None:
    with pytest.raises(JourneyFormatError) as info:
        jw.JourneyMap.from_json(case.data)
    assert isinstance(info.value, jw.JourneyError)
    assert_names_problem(info.value, case)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_load_and_open_name_the_file(case: Case, tmp_path) -> None:
    path = tmp_path / "bad.journey.json"
    path.write_bytes(case.data)
    for way in (jw.load, jw.open):
        with pytest.raises(JourneyFormatError) as info:
            way(path)
        assert_names_problem(info.value, case, "bad.journey.json")
    assert path.read_bytes() == case.data  # refused, not rewritten


def test_a_utf8_byte_order_mark_is_ignored() -> None:
    assert len(journey_from_json(b"\xef\xbb\xbf" + GOOD).table) == 3


def test_unknown_top_level_keys_and_schema_key_are_accepted() -> None:
    doc = {"$schema": "urn:journey-widget:schema:journey-map:1", **valid(), "later": {"a": 1}}
    assert len(journey_from_json(json.dumps(doc)).table) == 3


def test_a_bound_map_keeps_its_map_when_the_file_turns_bad(tmp_path) -> None:
    path = tmp_path / "live.journey.json"
    path.write_bytes(GOOD)
    m = jw.open(path)
    try:
        before = m.to_json()
        for case in CASES[::7]:
            path.write_bytes(case.data)
            m._binding.check_file()
            assert m.to_json() == before, case.name
            assert m.file_status.state == "error", case.name
            assert case.expect in m.file_status.message, case.name
        m.edit_card("c1", "text", "typed after the file broke")  # written, the bad text kept aside
        status = m.flush()
        assert status.state == "conflict" and status.conflict_copy
        assert jw.load(path).data.set_index("id").at["c1", "text"] == "typed after the file broke"
    finally:
        m.close_file()


jsonschema = pytest.importorskip("jsonschema")


def test_the_schema_is_a_valid_schema_and_accepts_real_maps() -> None:
    from journey_helpers import checkout_map

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for doc in (valid(), json.loads(checkout_map().to_json())):
        assert list(validator.iter_errors(doc)) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.schema], ids=lambda c: c.name)
def test_the_schema_agrees_on_structural_errors(case: Case) -> None:
    """Documents the corpus marks ``schema`` are refused by the JSON Schema alone too."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    try:
        doc = json.loads(case.data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return  # not JSON: no schema is asked
    if any(word in case.expect for word in ("NaN", "Infinity", "too large")):
        return  # JSON Python reads leniently; the schema sees the resulting number
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc)), case.name


@pytest.mark.parametrize("case", [c for c in CASES if not c.schema], ids=lambda c: c.name)
def test_rules_beyond_the_schema_are_the_readers(case: Case) -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    doc = json.loads(case.data.decode("utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc)) == [], case.name
