"""The shared document's layout (docs/collaboration.md): file text in, the same bytes out."""

from __future__ import annotations

import json
import subprocess
import sys

import jupyter_ydoc
import pandas as pd
from collab_helpers import checkout_doc, checkout_text, ids, replica
from parity_helpers import rich_map
from pycrdt import Array, Doc, Map

from journey_widget.collab.repair import canonical
from journey_widget.collab.ydoc import YJourney
from journey_widget.collab.yshape import read_document, roots, write_document
from journey_widget.io.json_format import document_text, journey_from_json, journey_to_json


def round_trip(text: str) -> str:
    shared = YJourney()
    shared.set(text)
    return shared.get()


def test_the_checkout_file_comes_back_byte_for_byte():
    text = checkout_text()
    assert round_trip(text) == text
    if pd.__version__.split(".")[0] != "2":  # pandas 2 writes an analyst's text column as object
        assert round_trip(text) == journey_to_json(journey_from_json(text))


def test_a_map_with_extra_columns_metrics_persona_and_steps_comes_back_byte_for_byte():
    text = rich_map().to_json()
    document = json.loads(text)
    assert document["metrics"] and document["persona"]["goals"]
    assert any(s["steps"] for s in document["stages"])
    assert round_trip(text) == document_text(document) == text


def test_a_replica_synced_from_the_server_reads_the_same_bytes():
    server = YJourney()
    server.set(rich_map().to_json())
    browser = Doc()
    browser.apply_update(server.ydoc.get_update())
    assert YJourney(browser).get() == server.get()


def test_every_value_is_json_text_under_the_contract_names():
    doc = replica()
    meta, cards, order = roots(doc)
    assert isinstance(doc.get("meta", type=Map), Map)
    assert isinstance(doc.get("order", type=Array), Array)
    assert sorted(meta.keys()) == sorted(
        ["title", "persona", "state", "scale", "stages", "lanes", "columns"]
    )
    assert meta["title"] == '"Online checkout"'
    assert json.loads(meta["scale"]) == {"min": -2, "max": 2, "step": 1}
    first = checkout_doc()["cards"][0]
    stored = cards[first["id"]]
    assert isinstance(stored, Map)
    assert dict(stored.items()) == {
        k: json.dumps(v, ensure_ascii=False, separators=(",", ":")) for k, v in first.items()
    }
    assert list(order) == ids(checkout_doc())


def test_writing_the_same_document_again_changes_nothing():
    doc = replica()
    before = doc.get_state()
    assert write_document(doc, checkout_doc()) is False
    assert doc.get_state() == before


def test_numbers_compare_by_value_so_a_browser_s_1_is_the_file_s_1_0():
    doc = replica()
    card_id = checkout_doc()["cards"][2]["id"]
    roots(doc)[1][card_id]["score"] = "1"  # JSON.stringify(1.0)
    assert write_document(doc, checkout_doc()) is False
    assert read_document(doc)["cards"][2]["score"] == 1.0  # a float column reads floats
    roots(doc)[1][card_id]["score"] = "true"
    assert write_document(doc, checkout_doc()) is True  # true is not 1


def test_read_order_first_occurrence_skips_unknown_and_appends_missing_sorted():
    doc = replica()
    order = roots(doc)[2]
    first, second = ids(checkout_doc())[:2]
    with doc.transaction():
        order.clear()
        order.extend([second, "ghost", second, first])
    read = ids(read_document(doc))
    rest = sorted(i for i in ids(checkout_doc()) if i not in (first, second))
    assert read == [second, first, *rest]


def test_order_edits_are_minimal_a_move_is_one_delete_and_one_insert():
    doc = replica()
    order = roots(doc)[2]
    deltas: list = []
    order.observe(lambda event: deltas.append(event.delta))
    document = checkout_doc()
    moving = document["cards"].pop(3)
    document["cards"].insert(10, moving)
    assert write_document(doc, document)
    assert list(order) == ids(document)
    ops = [op for delta in deltas for op in delta]
    assert sum(op.get("delete", 0) for op in ops) == 1
    assert sum(len(op.get("insert", [])) for op in ops) == 1


def test_writing_removes_duplicate_and_unknown_ids_from_order():
    doc = replica()
    order = roots(doc)[2]
    with doc.transaction():
        order.insert(0, "ghost")
        order.append(ids(checkout_doc())[0])
    assert write_document(doc, checkout_doc())
    assert list(order) == ids(checkout_doc())


def test_meta_keys_and_cards_are_deleted_when_the_document_lacks_them():
    document = json.loads(rich_map().to_json())
    doc = replica(document)
    smaller = {k: v for k, v in document.items() if k != "metrics"}
    smaller["cards"] = document["cards"][1:]
    assert write_document(doc, smaller)
    meta, cards, order = roots(doc)
    assert "metrics" not in meta
    assert document["cards"][0]["id"] not in cards
    assert document["cards"][0]["id"] not in list(order)
    assert read_document(doc) == canonical(smaller)


def test_cards_without_an_id_get_the_same_id_from_the_same_text():
    document = checkout_doc()
    for c in document["cards"][:2]:
        c["id"] = None
    one, two = replica(document), replica(json.loads(json.dumps(document)))
    assert ids(read_document(one)) == ids(read_document(two))
    made = ids(read_document(one))[:2]
    assert all(i.startswith("c-") for i in made) and made[0] != made[1]


def test_keys_unknown_to_version_1_are_kept_after_metrics():
    document = {**checkout_doc(), "zeta": 1, "alpha": {"x": [1]}}
    assert list(read_document(replica(document)))[-3:] == ["cards", "alpha", "zeta"]


def test_an_empty_shared_document_reads_as_a_map_without_cards():
    assert read_document(Doc()) == {
        "$schema": "urn:journey-widget:schema:journey-map:1",
        "format": "journey-map",
        "version": 1,
        "cards": [],
    }


def test_the_entry_point_registers_the_journey_document_type():
    assert jupyter_ydoc.ydocs["journey"] is YJourney
    assert YJourney().version == "1.0.0"


def test_import_journey_widget_loads_no_collaboration_library():
    script = (
        "import sys, journey_widget\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pycrdt', 'jupyter_ydoc')"
        " or m.startswith('journey_widget.collab')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_the_collab_module_can_be_imported_before_jupyter_ydoc():
    script = (
        "from journey_widget.collab.ydoc import YJourney\n"
        "import jupyter_ydoc\n"
        "assert jupyter_ydoc.ydocs['journey'] is YJourney"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_canonical_leaves_the_given_document_as_it_was():
    document = checkout_doc()
    document["cards"][0]["stage"] = "Gone"
    document["cards"][0]["step"] = "New step"
    before = json.loads(json.dumps(document))
    repaired = canonical(document)
    assert document == before
    assert repaired["stages"][-1] == {"name": "Gone", "steps": [], "description": ""}
    assert repaired["cards"][0]["step"] == "New step"  # a stage without steps takes any


def test_a_map_without_columns_reads_cards_with_their_own_fields_only():
    document = {"format": "journey-map", "version": 1, "stages": ["A"], "lanes": ["L"]}
    document["cards"] = [{"lane": "L", "text": "x", "stage": "A", "id": "1", "zz": 1, "b": 2}]
    read = read_document(replica(document))
    assert list(read["cards"][0]) == ["id", "stage", "lane", "text", "b", "zz"]
    assert read["stages"] == ["A"] and read["lanes"] == ["L"]
