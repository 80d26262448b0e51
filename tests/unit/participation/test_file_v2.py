"""The file format version 2: comments and voting written, read, checked; version 1 unchanged."""

from __future__ import annotations

import json

import pytest
from journey_helpers import checkout_journey, checkout_map

import journey_widget as jw
from journey_widget.io import JourneyFormatError, journey_from_json, journey_to_json, schema_path
from journey_widget.io.incremental import DocumentCache
from journey_widget.model.ops import AddComment, CastVote, EndRound, StartRound

V1 = "urn:journey-widget:schema:journey-map:1"
V2 = "urn:journey-widget:schema:journey-map:2"


def busy_map() -> jw.JourneyMap:
    m = checkout_map()
    first = m.add_comment("c11", "Seen in 4 of 6 interviews", author="Ana")
    m.add_comment("c11", "Which ones? \u2615 <b>", author="Bo", reply_to=first)
    m.resolve_comment(first)
    m.start_voting(budget=3, on="Pain points", anonymous=True, minutes=5)
    m.vote("c11", voter="Ana", count=2)
    m.end_voting()
    m.start_voting(budget=1, on=["Opportunities"], anonymous=False)
    m.vote("c12", voter="Bo")
    return m


def test_a_map_without_comments_and_voting_is_version_1_byte_for_byte():
    m = checkout_map()
    text = m.to_json()
    doc = json.loads(text)
    assert (doc["$schema"], doc["version"]) == (V1, 1)
    assert "comments" not in doc and "voting" not in doc
    m.add_comment("c11", "x")
    m.undo()  # back to no comments: version 1 again, the same bytes
    assert m.to_json() == text


def test_comments_or_voting_make_version_2_with_keys_after_metrics():
    m = checkout_map()
    m.add_comment("c11", "x")
    doc = json.loads(m.to_json())
    assert (doc["$schema"], doc["version"]) == (V2, 2)
    assert list(doc)[-2:] == ["cards", "comments"]
    only_voting = checkout_map()
    only_voting.start_voting()
    doc = json.loads(only_voting.to_json())
    assert doc["version"] == 2 and list(doc)[-1] == "voting" and "comments" not in doc
    assert doc["voting"]["votes"] == []


def test_version_2_round_trips_exactly():
    m = busy_map()
    text = m.to_json()
    back = jw.JourneyMap.from_json(text)
    assert back.journey.participation == m.journey.participation
    assert back.to_json() == text
    doc = json.loads(text)
    assert doc["comments"][1] == {
        "id": "k2",
        "card": "c11",
        "parent": "k1",
        "author": "Bo",
        "created": "2026-12-01T10:00:00Z",
        "text": "Which ones? \u2615 <b>",
        "resolved": True,
    }
    assert doc["voting"]["rounds"][0] == {
        "round": 1,
        "lanes": ["Pain points"],
        "budget": 3,
        "anonymous": True,
        "started": "2026-12-01T10:00:00Z",
        "ends": "2026-12-01T10:05:00Z",
        "ended": "2026-12-01T10:00:00Z",
    }


def test_version_1_files_load_with_no_comments_and_no_votes():
    text = checkout_map().to_json()
    j = journey_from_json(text)
    assert not j.participation and j.participation.comments == ()
    for name in ("b2c", "onboarding"):
        assert not jw.templates.load(name).journey.participation


def test_a_deleted_card_keeps_its_comments_and_votes_in_the_file():
    m = busy_map()
    m.delete_card("c11")
    back = journey_from_json(m.to_json())
    assert not back.has_card("c11")
    assert [c.card for c in back.participation.comments] == ["c11", "c11"]
    assert back.participation.votes[0].card == "c11"


def _doc(**changes):
    doc = json.loads(busy_map().to_json())
    doc.update(changes)
    return doc


def _refused(doc, path, problem):
    with pytest.raises(JourneyFormatError) as info:
        journey_from_json(json.dumps(doc), source="m.journey.json")
    assert info.value.path == path, str(info.value)
    assert problem in info.value.problem, str(info.value)


def test_comments_in_a_version_1_document_are_refused():
    _refused(_doc(version=1), "comments", 'comments needs format version 2; expected "version": 2')
    _refused(_doc(version=3), "version", "journey map version 3 is newer")


def test_bad_comments_name_their_json_path():
    doc = _doc()
    c = doc["comments"]
    cases = [
        ({**c[0], "text": "  "}, "comments[0].text", "expected a non-empty string, got '  '"),
        ({**c[0], "id": 1}, "comments[0].id", "expected a non-empty string, got 1 (a number)"),
        ({**c[0], "resolved": "no"}, "comments[0].resolved", "expected true or false"),
        ({**c[0], "created": "yesterday"}, "comments[0].created", "a UTC time like"),
        ({**c[0], "extra": 1}, "comments[0].extra", "unknown key; expected only id, card"),
    ]
    for comment, path, problem in cases:
        _refused({**doc, "comments": [comment, c[1]]}, path, problem)
    _refused({**doc, "comments": [c[0], {**c[1], "id": "k1"}]}, "comments[1].id", "appears twice")
    _refused({**doc, "comments": [c[1], c[0]]}, "comments[0].parent", "not the id of an earlier")
    reply = {**c[1], "id": "k3", "parent": "k2"}
    _refused({**doc, "comments": [*c, reply]}, "comments[2].parent", "'k2' is a reply")
    other = {**c[1], "card": "c17"}
    _refused({**doc, "comments": [c[0], other]}, "comments[1].parent", "on card 'c11'; expected")
    _refused({**doc, "comments": {}}, "comments", "expected an array of comment objects")


def test_bad_voting_names_its_json_path():
    doc = _doc()
    v = doc["voting"]
    r0, r1 = v["rounds"]
    cases = [
        ({**v, "x": 1}, "voting.x", "unknown key; expected only rounds, votes"),
        ({**v, "rounds": [{**r0, "budget": 0}, r1]}, "voting.rounds[0].budget", "from 1 to 99"),
        ({**v, "rounds": [{**r0, "lanes": []}, r1]}, "voting.rounds[0].lanes", "non-empty"),
        ({**v, "rounds": [{**r0, "round": 2}, r1]}, "voting.rounds[1].round", "appears twice"),
        ({**v, "rounds": [{**r0, "ended": None}, r1]}, "voting.rounds[1].ended", "round 1 is open"),
        ({**v, "rounds": [{**r0, "anonymous": 1}, r1]}, "voting.rounds[0].anonymous", "true or"),
        ({**v, "rounds": [{**r0, "ends": "5 min"}, r1]}, "voting.rounds[0].ends", "or null"),
        ({**v, "votes": [{**v["votes"][0], "round": 9}]}, "voting.votes[0].round", "no round 9"),
        ({**v, "votes": [{**v["votes"][0], "count": 0}]}, "voting.votes[0].count", "1 or more"),
        ({**v, "votes": [{**v["votes"][0], "count": 4}]}, "voting.votes[0].count", "budget of 3"),
        ({**v, "votes": [v["votes"][0], v["votes"][0]]}, "voting.votes[1]", "two votes on card"),
        ([], "voting", 'expected an object {"rounds", "votes"}'),
    ]
    for voting, path, problem in cases:
        _refused({**doc, "voting": voting}, path, problem)


def test_the_file_is_named_in_errors():
    with pytest.raises(JourneyFormatError, match=r"^m.journey.json: comments\[0\].text: "):
        doc = _doc()
        doc["comments"][0]["text"] = ""
        journey_from_json(json.dumps(doc), source="m.journey.json")


def test_the_schema_accepts_version_2_and_refuses_comments_in_version_1():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    doc = json.loads(busy_map().to_json())
    assert list(validator.iter_errors(doc)) == []
    assert list(validator.iter_errors({**doc, "version": 1}))
    assert list(validator.iter_errors({**doc, "comments": [{"id": "k1"}]}))


def test_the_document_cache_writes_comments_and_votes_without_rebuilding_cards():
    j = checkout_journey()
    cache = DocumentCache()
    cache.render(j, None)
    rebuilt = cache.rebuilt
    for op in (AddComment("c11", "x"), StartRound(), CastVote("c11", "Ana"), EndRound()):
        applied = op.apply(j)
        changed = DocumentCache.changed_ids(applied.changes)
        assert changed == set()
        _doc, data = cache.render(j, changed)
        assert data == journey_to_json(j).encode()
    assert cache.rebuilt == rebuilt


def test_a_bound_file_saves_comments_and_votes(tmp_path):
    path = tmp_path / "m.journey.json"
    m = jw.open(path, default=checkout_map().data, overlays=False)
    try:
        m.add_comment("c11", "Saved?")
        m.start_voting(on="Pain points")
        m.vote("c11", "Ana")
        m.flush()
        assert path.read_text(encoding="utf-8") == m.to_json()
        assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    finally:
        m.close_file()
