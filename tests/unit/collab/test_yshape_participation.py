"""Comments and voting in the shared document: two more ``meta`` keys, version 2 exactly then.

A version 2 file comes back from the shared document byte for byte; without comments and
voting the document reads as version 1, with either as version 2 (the browser's
js/src/collab/yshape.ts does the same: js/tests/collab-shape.test.ts).
"""

from __future__ import annotations

import json

from collab_helpers import checkout_doc, replica
from parity_helpers import rich_map

from journey_widget.collab.ydoc import YJourney
from journey_widget.collab.yshape import read_document, roots, write_document
from journey_widget.io.json_format import journey_from_json, journey_to_json

V1 = "urn:journey-widget:schema:journey-map:1"
V2 = "urn:journey-widget:schema:journey-map:2"


def v2_text() -> str:
    m = rich_map()
    first = m.add_comment("c11", "Seen in 4 of 6 interviews", author="Ana")
    m.add_comment("c11", "Which ones?", reply_to=first)
    m.start_voting(budget=2, on="Pain points", minutes=5)
    m.vote("c11", voter="Ana")
    m.end_voting()
    m.start_voting(budget=1, on="Opportunities", anonymous=False)
    m.vote("c12", voter="Bo")
    return m.to_json()


def test_a_version_2_file_comes_back_byte_for_byte():
    text = v2_text()
    shared = YJourney()
    shared.set(text)
    assert shared.get() == text
    assert journey_to_json(journey_from_json(shared.get())) == text
    meta, _cards, _order = roots(shared.ydoc)
    assert json.loads(meta["comments"])[0]["id"] == "k1"
    assert set(json.loads(meta["voting"])) == {"rounds", "votes"}


def test_the_version_is_2_exactly_when_comments_or_voting_are_held():
    plain = checkout_doc()
    doc = replica(plain)
    read = read_document(doc)
    assert (read["$schema"], read["version"]) == (V1, 1)
    assert "comments" not in read and "voting" not in read
    comments = json.loads(v2_text())["comments"]
    write_document(doc, {**plain, "version": 2, "comments": comments})
    read = read_document(doc)
    assert (read["$schema"], read["version"]) == (V2, 2)
    assert list(read)[-2:] == ["cards", "comments"]
    voting = json.loads(v2_text())["voting"]
    write_document(doc, {**plain, "version": 2, "voting": voting})
    read = read_document(doc)
    assert read["version"] == 2 and "comments" not in read and list(read)[-1] == "voting"
    write_document(doc, plain)  # both gone: version 1 again
    assert read_document(doc)["version"] == 1


def test_comments_and_voting_come_before_other_unknown_keys():
    document = {**json.loads(v2_text()), "alpha": 1, "zeta": 2}
    keys = list(read_document(replica(document)))
    assert keys[keys.index("cards") :] == [
        "cards",
        "metrics",
        "comments",
        "voting",
        "alpha",
        "zeta",
    ]
