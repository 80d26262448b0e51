"""Hand-written operation sequences the kernel's map and the JupyterLab document apply alike.

Known edge cases of ``test_lab_document_parity.py``'s comparison: card edits, adds, moves and
deletes, structure operations, title, persona and state, and the refusals of each, whose
reasons must be the kernel's word for word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from parity_helpers import add, bundle_driver, compare, edit, move, needs_node

pytestmark = needs_node


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle_driver(tmp_path_factory)


def test_card_edits_apply_alike(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            edit("c01", "text", "Searches for trail shoes"),
            edit("c03", "score", 2),
            edit("c03", "score", 0.5),
            edit("c03", "score", None),
            edit("c06", "owner", "Ben"),
            edit("c06", "severity", 3),
            edit("c11", "severity", None),
            edit("c06", "channel", "web"),  # creates the optional column
            edit("c07", "confidence", "observed"),  # creates another, at its canonical place
            edit("c02", "note", "multi\nline"),
            edit("c02", "weight", 7.25),
            {
                "op": {
                    "kind": "batch",
                    "ops": [
                        edit("c08", "text", "Picks a size")["op"],
                        edit("c08", "owner", "Cy")["op"],
                    ],
                }
            },
        ],
        monkeypatch,
    )
    assert all(p["reply"]["type"] == "ack" for p in py)


def test_adds_moves_and_deletes_apply_alike(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            add("Cart", None, "Actions", "Reads reviews", 1),
            add("Browse", "Compare", "Emotions", "Hopeful", None),
            add("Delivery", None, "Conversion", "", 0),
            move("c06", "Checkout", "Payment", "Actions", 0),
            move("c07", "Cart", None, "Actions", 5),
            {"op": {"kind": "delete", "id": "c09"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
            {"op": {"kind": "delete", "id": "c10"}},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )
    assert [p["reply"].get("id") for p in py[:3]] == ["c-new001", "c-new002", "c-new003"]


def test_structure_operations_apply_alike(driver: Path, monkeypatch):
    compare(
        driver,
        [
            {"op": {"kind": "add_stage", "name": "Return", "index": None}},
            {"op": {"kind": "add_stage", "name": "Search", "index": 0}},
            {"op": {"kind": "add_lane", "name": "Feelings", "lane_kind": None, "index": 2}},
            {"op": {"kind": "add_lane", "name": "Backstage", "lane_kind": "text", "index": None}},
            {"op": {"kind": "rename_stage", "old": "Cart", "new": "Basket"}},
            {"op": {"kind": "rename_lane", "old": "Actions", "new": "Doing"}},
            {"op": {"kind": "move_stage", "name": "Delivery", "index": 0}},
            {"op": {"kind": "move_lane", "name": "Emotions", "index": 0}},
            {"op": {"kind": "add_step", "stage": "Basket", "name": "Review", "index": None}},
            {"op": {"kind": "rename_step", "stage": "Browse", "old": "Compare", "new": "Weigh"}},
            {"op": {"kind": "move_step", "stage": "Checkout", "name": "Payment", "index": 0}},
            {
                "op": {
                    "kind": "remove_step",
                    "stage": "Checkout",
                    "name": "Address",
                    "drop_cards": True,
                }
            },
            {"op": {"kind": "remove_lane", "name": "Opportunities", "drop_cards": True}},
            {"op": {"kind": "remove_stage", "name": "Return", "drop_cards": False}},
            {"op": {"kind": "remove_stage", "name": "Basket", "drop_cards": True}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )


def assert_refused_then_nothing_to_redo(py: list[dict[str, Any]]) -> None:
    """Every message but the last is refused; the last, a redo, finds nothing to redo."""
    assert [p["reply"]["type"] for p in py[:-1]] == ["reject"] * (len(py) - 1)
    assert py[-1]["reply"] == {
        "type": "ack",
        "op_id": f"p-{len(py) - 1}",
        "revision": py[-1]["reply"]["revision"],
        "changed": False,
    }


def test_card_refusals_give_the_kernel_s_reasons(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            edit("c03", "score", 7),
            edit("c03", "score", "high"),
            edit("nope", "text", "x"),
            edit("c01", "stage", "Cart"),
            edit("c01", "id", "c99"),
            edit("c01", "mood", "x"),
            edit("c01", "text", 5),
            edit("c01", "confidence", "sure"),
            edit("c01", "severity", 9),
            edit("c01", "n_tickets", "many"),
            {**edit("c01", "text", "late", "Something else"), "stale": True},
            add("Nowhere", None, "Actions", "x", None),
            add("Browse", "Pay", "Actions", "x", None),
            add("Cart", None, "Nope", "x", None),
            add("Cart", None, "Actions", "x", -1),
            add("", None, "Actions", "x", None),
            move("c16", "Cart", None, "Actions", True),
            {"op": {"kind": "delete", "id": "ghost"}},
            {"op": {"kind": "batch", "ops": []}},
            {
                "op": {
                    "kind": "batch",
                    "ops": [edit("c01", "text", "ok")["op"], edit("c03", "score", 9)["op"]],
                }
            },
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )
    assert_refused_then_nothing_to_redo(py)


def test_structure_and_malformed_refusals_give_the_kernel_s_reasons(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            {"op": {"kind": "add_stage", "name": "Cart", "index": None}},
            {"op": {"kind": "add_stage", "name": "New", "index": 9}},
            {"op": {"kind": "add_lane", "name": " ", "lane_kind": None, "index": None}},
            {"op": {"kind": "add_lane", "name": "Odd", "lane_kind": "odd", "index": None}},
            {"op": {"kind": "rename_stage", "old": "Cart", "new": "Browse"}},
            {"op": {"kind": "rename_lane", "old": "Ghost", "new": "X"}},
            {"op": {"kind": "move_stage", "name": "Cart", "index": 4}},
            {"op": {"kind": "remove_stage", "name": "Cart", "drop_cards": False}},
            {"op": {"kind": "remove_lane", "name": "Actions", "drop_cards": "yes"}},
            {"op": {"kind": "add_step", "stage": "Browse", "name": "Search", "index": None}},
            {"op": {"kind": "rename_step", "stage": "Browse", "old": "Nope", "new": "X"}},
            {
                "op": {
                    "kind": "remove_step",
                    "stage": "Browse",
                    "name": "Search",
                    "drop_cards": False,
                }
            },
            {"op": {"kind": "teleport"}},
            {"op": "edit"},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )
    assert_refused_then_nothing_to_redo(py)


def test_title_persona_and_state_apply_alike(driver: Path, monkeypatch):
    persona = {
        "name": "Ana",
        "goals": ["Pay fast", "Right size"],
        "frustrations": ["Fees"],
        "quote": 'Why "so" hard?',
        "description": "Buys twice a month",
        "avatar": {"initials": "AN", "color": "teal"},
        "segment": "returning",
    }
    py = compare(
        driver,
        [
            {"op": {"kind": "set_title", "title": "Checkout <b>v2</b>"}},
            {"op": {"kind": "set_title", "title": ""}},
            {"op": {"kind": "set_state", "state": "future"}},
            {"op": {"kind": "set_persona", "persona": persona}},
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {
                        "name": "Bo",
                        "goals": "One goal",
                        "frustrations": [],
                        "quote": "",
                        "avatar": "B",
                        "description": None,
                    },
                }
            },
            {"op": {"kind": "undo"}},
            {"op": {"kind": "set_persona", "persona": None}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
            {"op": {"kind": "set_state", "state": "current"}},
        ],
        monkeypatch,
    )
    assert all(p["reply"]["type"] == "ack" for p in py)


def test_title_persona_and_state_refusals_give_the_kernel_s_reasons(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            {"op": {"kind": "set_title", "title": 5}},
            {"op": {"kind": "set_title"}},
            {"op": {"kind": "set_state", "state": "past"}},
            {"op": {"kind": "set_state", "state": True}},
            {"op": {"kind": "set_persona"}},
            {"op": {"kind": "set_persona", "persona": "Ana"}},
            {"op": {"kind": "set_persona", "persona": ["Ana"]}},
            {"op": {"kind": "set_persona", "persona": {"name": " "}}},
            {"op": {"kind": "set_persona", "persona": {"goals": ["x"]}}},
            {"op": {"kind": "set_persona", "persona": {"name": 3}}},
            {"op": {"kind": "set_persona", "persona": {"name": "", "goals": [1, "x"]}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "frustrations": {"a": 1}}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "quote": ["q"]}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "description": False}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "avatar": 7}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "avatar": "ABCD"}}},
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {"name": "A", "avatar": {"initials": "A B"}},
                }
            },
            {"op": {"kind": "set_persona", "persona": {"name": "A", "avatar": {"color": "red"}}}},
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {"name": "A", "avatar": {"initials": "A", "color": "#f00"}},
                }
            },
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {"name": "A", "avatar": {"initials": "A", "color": [1]}},
                }
            },
        ],
        monkeypatch,
    )
    assert [p["reply"]["type"] for p in py] == ["reject"] * len(py)
