"""The JupyterLab document keeps a version 2 map's comments and votes through its edits.

The file view shows neither comments nor votes (docs/participation.md, "Limits"), but every
edit it makes leaves them as Python does: the same file text, byte for byte, after card
edits, deletes (a deleted card keeps its comments and votes), lane renames (rounds follow),
undo and redo. Driven by ``parity_helpers.py`` like ``test_lab_document_parity.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parity_helpers import add, bundle_driver, compare, edit, move, needs_node, rich_map, run_js

pytestmark = needs_node


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle_driver(tmp_path_factory)


def v2_text() -> str:
    m = rich_map()
    first = m.add_comment("c11", "Seen in 4 of 6 interviews \u2615", author="Ana")
    m.add_comment("c11", "Which ones?", author="Bo", reply_to=first)
    m.add_comment("c17", 'Quotes "and" \\ backslashes', author="Cy")
    m.resolve_comment(first)
    m.start_voting(budget=3, on="Pain points", anonymous=True, minutes=5)
    m.vote("c11", voter="Ana", count=2)
    m.end_voting()
    m.start_voting(budget=2, on=["Pain points", "Opportunities"], anonymous=False)
    m.vote("c12", voter="Bo")
    return m.to_json()


def test_a_version_2_file_is_written_back_as_python_writes_it(driver: Path):
    text = v2_text()
    assert json.loads(text)["version"] == 2
    (out,) = run_js(driver, text, [{"op": {"kind": "undo"}}])
    assert out["text"] == text


def test_card_edits_keep_comments_and_votes_alike(driver: Path, monkeypatch):
    compare(
        driver,
        [
            edit("c11", "text", "Card declined twice"),
            add("Cart", None, "Pain points", "Coupon refused", 0),
            move("c11", "Checkout", None, "Pain points", 0),
            {"op": {"kind": "delete", "id": "c11"}},  # its comments and votes stay
            {"op": {"kind": "delete", "id": "c12"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
        text=v2_text(),
    )


def test_structure_edits_keep_rounds_in_step_alike(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            {"op": {"kind": "rename_lane", "old": "Pain points", "new": "Pains"}},
            {"op": {"kind": "rename_stage", "old": "Cart", "new": "Basket"}},
            {"op": {"kind": "add_lane", "name": "Ideas", "lane_kind": None, "index": None}},
            {"op": {"kind": "remove_lane", "name": "Ideas", "drop_cards": False}},
            {"op": {"kind": "rename_lane", "old": "Opportunities", "new": "Chances"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "set_title", "title": "Checkout, with votes"}},
        ],
        monkeypatch,
        text=v2_text(),
    )
    rounds = json.loads(py[0]["text"])["voting"]["rounds"]
    assert [r["lanes"] for r in rounds] == [["Pains"], ["Pains", "Opportunities"]]
