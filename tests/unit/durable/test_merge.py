"""The three-way merge by card id (pure: documents in, a document and conflicts out)."""

from __future__ import annotations

import copy
import json
from typing import Any

from journey_helpers import checkout_map

from journey_widget.durable.merge import merge_documents
from journey_widget.io.json_format import journey_from_dict


def base() -> dict[str, Any]:
    return json.loads(checkout_map().to_json())


def card(doc: dict[str, Any], card_id: str) -> dict[str, Any]:
    return next(c for c in doc["cards"] if c["id"] == card_id)


def texts(doc: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["text"] for c in doc["cards"]}


def test_nothing_changed_gives_the_same_document():
    b = base()
    result = merge_documents(b, copy.deepcopy(b), copy.deepcopy(b))
    assert result.clean and result.doc == b


def test_edits_to_different_cards_both_land():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    card(ours, "c01")["text"] = "ours"
    card(theirs, "c02")["text"] = "theirs"
    result = merge_documents(b, ours, theirs)
    assert result.clean
    assert texts(result.doc)["c01"] == "ours" and texts(result.doc)["c02"] == "theirs"
    journey_from_dict(result.doc)  # a valid map


def test_different_fields_of_one_card_merge():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    card(ours, "c10")["text"] = "Relieved"
    card(theirs, "c10")["score"] = -1.0
    result = merge_documents(b, ours, theirs)
    assert result.clean
    assert card(result.doc, "c10")["text"] == "Relieved" and card(result.doc, "c10")["score"] == -1


def test_same_field_changed_differently_is_a_conflict_and_theirs_wins():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    card(ours, "c01")["text"] = "ours"
    card(theirs, "c01")["text"] = "theirs"
    card(ours, "c03")["text"] = "ours only"
    result = merge_documents(b, ours, theirs)
    assert [c.where for c in result.conflicts] == ["card c01 text"]
    assert texts(result.doc)["c01"] == "theirs" and texts(result.doc)["c03"] == "ours only"
    assert "here 'ours', in the file 'theirs'" in str(result.conflicts[0])


def test_same_change_on_both_sides_is_no_conflict():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    for doc in (ours, theirs):
        card(doc, "c01")["text"] = "same"
        doc["title"] = "Same title"
    assert merge_documents(b, ours, theirs).clean


def test_additions_and_deletions_on_either_side():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    new = {**card(b, "c01"), "id": "c-ours", "text": "added here"}
    ours["cards"].insert(1, new)
    theirs["cards"] = [c for c in theirs["cards"] if c["id"] != "c05"]
    ours["cards"] = [c for c in ours["cards"] if c["id"] != "c06"]
    theirs["cards"].append({**card(b, "c02"), "id": "c-theirs", "text": "added there"})
    result = merge_documents(b, ours, theirs)
    assert result.clean
    ids = [c["id"] for c in result.doc["cards"]]
    assert "c05" not in ids and "c06" not in ids
    assert ids.index("c-ours") == ids.index("c01") + 1 and ids[-1] == "c-theirs"


def test_deleted_here_but_edited_there_keeps_the_edit_as_a_conflict():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    ours["cards"] = [c for c in ours["cards"] if c["id"] != "c04"]
    card(theirs, "c04")["text"] = "still needed"
    result = merge_documents(b, ours, theirs)
    assert [c.where for c in result.conflicts] == ["card c04"]
    assert texts(result.doc)["c04"] == "still needed"


def test_metadata_changed_on_one_side_merges_and_differently_conflicts():
    b = base()
    ours, theirs = copy.deepcopy(b), copy.deepcopy(b)
    ours["title"] = "Ours"
    theirs["state"] = "future"
    result = merge_documents(b, ours, theirs)
    assert result.clean and result.doc["title"] == "Ours" and result.doc["state"] == "future"
    theirs["title"] = "Theirs"
    result = merge_documents(b, ours, theirs)
    assert [c.where for c in result.conflicts] == ["title"] and result.doc["title"] == "Theirs"


def test_a_stage_renamed_here_and_a_card_edited_there():
    m = checkout_map()
    b = json.loads(m.to_json())
    m.rename_stage("Cart", "Basket")
    ours = json.loads(m.to_json())
    theirs = copy.deepcopy(b)
    cart = next(c for c in theirs["cards"] if c["stage"] == "Cart")
    cart["text"] = "edited there"
    result = merge_documents(b, ours, theirs)
    assert result.clean
    merged = card(result.doc, cart["id"])
    assert merged["stage"] == "Basket" and merged["text"] == "edited there"


def test_an_unmergeable_result_falls_back_to_theirs_with_a_conflict():
    m = checkout_map()
    b = json.loads(m.to_json())
    m.add_card("Delivery", "Actions", "added here")
    ours = json.loads(m.to_json())
    t = checkout_map()
    t.remove_stage("Delivery", drop_cards=True)
    theirs = json.loads(t.to_json())
    result = merge_documents(b, ours, theirs)
    assert result.doc == theirs and result.conflicts[-1].where == "map"


def test_new_columns_from_either_side_are_kept():
    m = checkout_map()
    b = json.loads(m.to_json())
    m.edit_card("c01", "owner", "Ana")
    ours = json.loads(m.to_json())
    t = checkout_map()
    t.edit_card("c02", "channel", "web")
    theirs = json.loads(t.to_json())
    result = merge_documents(b, ours, theirs)
    assert result.clean
    j = journey_from_dict(result.doc)
    rows = j.table.set_index("id")
    assert rows.at["c01", "owner"] == "Ana" and rows.at["c02", "channel"] == "web"


def test_card_order_changed_on_one_side_is_kept():
    m = checkout_map()
    m.add_card("Cart", "Actions", "second", id="c-second")
    m.add_card("Cart", "Actions", "third", id="c-third")
    b = json.loads(m.to_json())
    cell = [c["id"] for c in b["cards"] if c["stage"] == "Cart" and c["lane"] == "Actions"]
    assert len(cell) >= 3
    m.move_card(cell[-1], index=0)
    ours = json.loads(m.to_json())
    theirs = copy.deepcopy(b)
    card(theirs, "c01")["text"] = "edited there"
    result = merge_documents(b, ours, theirs)
    assert result.clean
    order = [c["id"] for c in result.doc["cards"] if c["id"] in cell]
    assert order[0] == cell[-1]
