"""Property: two replicas editing cards at random and syncing at random agree on a valid map.

Each step draws a replica, an operation (a card edit, add, delete or move, a stage renamed, a
new column) and whether the replicas sync after it. Operations are drawn as plain numbers and
resolved against the replica's map when applied, the way a browser edits what it sees. After a
final sync both replicas read the same document, it passes the file format's validation, and
its cards are exactly the cards there were, plus those added, minus those deleted.
"""

from __future__ import annotations

from typing import Any

from collab_helpers import checkout_doc, edit, fork, ids, new_card, replica, sync
from hypothesis import given
from hypothesis import strategies as st
from protocol_strategies import SETTINGS, texts

from journey_widget.collab.yshape import read_document
from journey_widget.io.validate import check_document

KINDS = ["edit", "edit", "edit", "add", "delete", "move", "move", "rename_stage", "new_column"]
FIELDS = ["text", "source", "score"]
values = st.one_of(st.none(), texts(6), st.sampled_from(["web", "", "é"]))
scores = st.one_of(st.none(), st.floats(-2, 2, allow_nan=False), st.integers(-2, 2))
operations = st.lists(
    st.fixed_dictionaries(
        {
            "side": st.integers(0, 1),
            "kind": st.sampled_from(KINDS),
            "card": st.integers(0, 60),
            "to": st.integers(0, 60),
            "field": st.sampled_from(FIELDS),
            "value": values,
            "score": scores,
            "name": st.sampled_from(["Basket", "Pay", "Ship", "Look"]),
            "sync": st.booleans(),
        }
    ),
    max_size=30,
)


def place(document: dict[str, Any], n: int) -> tuple[str, str]:
    """A stage and lane of the map as this replica sees it."""
    stages, lanes = document["stages"], document["lanes"]
    return stages[n % len(stages)]["name"], lanes[n % len(lanes)]["name"]


def apply(document: dict[str, Any], op: dict[str, Any], made: str) -> str | None:
    """Apply ``op``; returns the id of a card it added or deleted."""
    cards = document["cards"]
    kind = op["kind"]
    if kind == "add" or not cards:
        stage, lane = place(document, op["to"])
        cards.insert(op["to"] % (len(cards) + 1), new_card(made, stage, lane, "new"))
        return made
    target = cards[op["card"] % len(cards)]
    if kind == "edit":
        target[op["field"]] = op["score"] if op["field"] == "score" else op["value"]
    elif kind == "delete":
        cards.remove(target)
        return str(target["id"])
    elif kind == "move":
        cards.remove(target)
        target["stage"], target["lane"] = place(document, op["to"])
        target["step"] = None
        if target["lane"] == "Emotions" and target["score"] is None:
            target["score"] = 0.0
        cards.insert(op["to"] % (len(cards) + 1), target)
    elif kind == "rename_stage":
        stage = document["stages"][op["to"] % len(document["stages"])]
        if op["name"] not in [s["name"] for s in document["stages"]]:
            old, stage["name"] = stage["name"], op["name"]
            for c in cards:
                c["stage"] = op["name"] if c["stage"] == old else c["stage"]
    elif kind == "new_column" and "extra" not in [c["name"] for c in document["columns"]]:
        document["columns"].append({"name": "extra", "dtype": "object"})
        for c in cards:
            c["extra"] = op["card"] if c is target else None
    return None


@SETTINGS
@given(operations)
def test_two_replicas_agree_on_a_valid_map_with_every_card_kept(ops: list[dict[str, Any]]):
    a = replica()
    replicas = [a, fork(a)]
    added: set[str] = set()
    deleted: set[str] = set()
    for step, op in enumerate(ops):
        made = f"c-{op['side']}-{step}"
        touched: list[str | None] = []
        edit(
            replicas[op["side"]],
            lambda d, op=op, made=made, out=touched: out.append(apply(d, op, made)),
        )
        if touched[0] == made:
            added.add(made)
        elif touched[0] is not None:
            deleted.add(touched[0])
        check_document(read_document(replicas[op["side"]]))
        if op["sync"]:
            sync(*replicas)
    sync(*replicas)
    first, second = (read_document(r) for r in replicas)
    assert first == second
    check_document(first)
    assert sorted(ids(first)) == sorted((set(ids(checkout_doc())) | added) - deleted)
