"""Shared journey documents for the collab tests: replicas, syncing and edits as browsers make them.

An edit reads the document from a replica, changes the dict and writes it back with
``write_document`` (one transaction of differences), which is what every writer does.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pycrdt import Doc

from journey_widget.collab.yshape import read_document, write_document

ROOT = Path(__file__).resolve().parents[3]
CHECKOUT = ROOT / "examples" / "checkout.journey.json"
Document = dict[str, Any]


def checkout_text() -> str:
    return CHECKOUT.read_text(encoding="utf-8")


def checkout_doc() -> Document:
    return json.loads(checkout_text())


def replica(document: Document | None = None) -> Doc:
    """A pycrdt document holding ``document`` (the checkout map by default)."""
    doc = Doc()
    write_document(doc, checkout_doc() if document is None else document)
    return doc


def fork(doc: Doc) -> Doc:
    """A second replica of ``doc`` (what a browser has after syncing)."""
    other = Doc()
    other.apply_update(doc.get_update())
    return other


def sync(*docs: Doc) -> None:
    """Exchange every update between the replicas, as the server's room relays them."""
    for source in docs:
        for target in docs:
            if target is not source:
                target.apply_update(source.get_update(target.get_state()))


def edit(doc: Doc, change: Callable[[Document], None]) -> bool:
    """Read ``doc``, apply ``change`` to the document and write the result back."""
    document = copy.deepcopy(read_document(doc))
    change(document)
    return write_document(doc, document)


def card(document: Document, card_id: str) -> dict[str, Any]:
    return next(c for c in document["cards"] if c["id"] == card_id)


def ids(document: Document) -> list[str]:
    return [c["id"] for c in document["cards"]]


def new_card(card_id: str, stage: str, lane: str, text: str, **fields: Any) -> dict[str, Any]:
    """A card with every checkout column (nulls where not given)."""
    base = {"id": card_id, "stage": stage, "step": None, "lane": lane, "text": text}
    names = [c["name"] for c in checkout_doc()["columns"]]
    return {name: {**base, **fields}.get(name) for name in names}


def move(document: Document, card_id: str, index: int, **place: Any) -> None:
    """Move a card to ``index`` of the card order, optionally to another place."""
    cards = document["cards"]
    moving = card(document, card_id)
    cards.remove(moving)
    moving.update(place)
    cards.insert(index, moving)
