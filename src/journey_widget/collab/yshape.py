"""A journey map in a shared Yjs document (pycrdt): the layout, reading it and writing to it.

The layout is the contract of docs/collaboration.md ("The shared document"), implemented with
yjs by the browser (js/src/collab/) in the same way:

- ``meta``: a map of every top-level key of the file except ``$schema``, ``format``,
  ``version`` and ``cards``, each value its JSON text;
- ``cards``: a map of card id -> a map of the card's fields (``id`` included), each value its
  JSON text;
- ``order``: an array of the card ids in the file's card order.

:func:`read_document` gives the file's document (repaired, see :mod:`.repair`);
:func:`write_document` writes a document as one transaction of the differences.
"""

from __future__ import annotations

import bisect
import json
from typing import Any

from pycrdt import Array, Doc, Map

from .repair import Card, Parts, assemble, json_text, same, split

META, CARDS, ORDER = "meta", "cards", "order"
_UNREADABLE = object()


Roots = tuple[Map[Any], Map[Any], Array[Any]]


def roots(doc: Doc[Any]) -> Roots:
    """The shared document's ``meta``, ``cards`` and ``order`` (made when missing)."""
    return doc.get(META, type=Map), doc.get(CARDS, type=Map), doc.get(ORDER, type=Array)


def _parsed(text: Any) -> Any:
    """The value of a stored JSON text; ``_UNREADABLE`` for what is not JSON text."""
    if not isinstance(text, str):
        return _UNREADABLE
    try:
        return json.loads(text)
    except ValueError:
        return _UNREADABLE


def _fields(stored: Map[Any]) -> Card:
    """A stored card's readable fields (a value that is not JSON text reads as absent)."""
    out = {}
    for key, text in stored.items():
        value = _parsed(text)
        if value is not _UNREADABLE:
            out[str(key)] = value
    return out


def read_parts(doc: Doc[Any], shared: Roots | None = None) -> Parts:
    """The shared document's metadata, cards and order, as held (not yet repaired).

    ``shared`` is ``roots(doc)`` when the caller has them (an observer must: it cannot make
    roots inside the transaction it observes).
    """
    meta, cards, order = roots(doc) if shared is None else shared
    with doc.transaction():
        held_meta = {str(k): _parsed(v) for k, v in meta.items()}
        held_cards = {str(k): _fields(v) for k, v in cards.items() if isinstance(v, Map)}
        held_order = [i for i in order if isinstance(i, str)]
    return Parts(
        {k: v for k, v in held_meta.items() if v is not _UNREADABLE}, held_cards, held_order
    )


def read_document(doc: Doc[Any], shared: Roots | None = None) -> dict[str, Any]:
    """The ``.journey.json`` document a shared document holds, repaired.

    Parameters
    ----------
    doc : pycrdt.Doc
        A document in the layout above (an empty one reads as a map with no cards).
    shared : tuple, optional
        Its roots (:func:`roots`), when the caller holds them.

    Returns
    -------
    dict
        ``$schema``, ``format``, ``version``, the metadata in the file's key order, ``cards``
        in ``order`` (cards missing from it follow, sorted by id); cards, metrics and columns
        repaired to fit the map (:func:`journey_widget.collab.repair.repair`).
    """
    return assemble(read_parts(doc, shared))


def has_content(doc: Doc[Any]) -> bool:
    """Whether the shared document holds anything of a map yet."""
    meta, cards, order = roots(doc)
    with doc.transaction():
        return bool(len(meta) or len(cards) or len(order))


def write_document(doc: Doc[Any], document: dict[str, Any], origin: Any = None) -> bool:
    """Write ``document`` into the shared document as one transaction of its differences.

    Parameters
    ----------
    doc : pycrdt.Doc
        The shared document.
    document : dict
        A journey map document (a parsed ``.journey.json``); a card without an id is stored
        under one made from its content (:func:`journey_widget.collab.repair.card_id`).
    origin : Any, optional
        The transaction's origin (undo managers track their own).

    Returns
    -------
    bool
        Whether anything changed.
    """
    parts = split(document)
    meta, cards, order = roots(doc)
    with doc.transaction(origin=origin):
        changed = _write_values(meta, parts.meta)
        changed = _write_cards(cards, parts.cards) or changed
        changed = _write_order(order, parts.order) or changed
    return changed


def _drop_missing(stored: Map[Any], keep: dict[str, Any]) -> bool:
    """Delete the keys of ``stored`` that ``keep`` lacks; whether there were any."""
    gone = [k for k in stored.keys() if k not in keep]  # noqa: SIM118 (a shared map)
    for key in gone:
        del stored[key]
    return bool(gone)


def _write_values(stored: Map[Any], values: dict[str, Any]) -> bool:
    """Set the keys whose parsed value differs, delete the keys ``values`` lacks."""
    changed = _drop_missing(stored, values)
    for key, value in values.items():
        held = _parsed(stored.get(key))
        if held is _UNREADABLE or not same(held, value):
            stored[key] = json_text(value)
            changed = True
    return changed


def _write_cards(stored: Map[Any], cards: dict[str, Card]) -> bool:
    changed = _drop_missing(stored, cards)
    for key, card in cards.items():
        held = stored.get(key)
        if isinstance(held, Map):
            changed = _write_values(held, card) or changed
        else:
            stored[key] = Map({str(k): json_text(v) for k, v in card.items()})
            changed = True
    return changed


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices into ``values`` of one longest strictly increasing subsequence."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of k + 1
    ends: list[int] = []  # the index of that value
    before = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        before[i] = ends[k - 1] if k else -1
        if k == len(tails):
            tails.append(value)
            ends.append(i)
        else:
            tails[k], ends[k] = value, i
    out: set[int] = set()
    at = ends[-1] if ends else -1
    while at >= 0:
        out.add(at)
        at = before[at]
    return out


def _write_order(stored: Array[Any], ids: list[str]) -> bool:
    """Edit ``order`` into ``ids`` with the fewest deletes and inserts.

    Duplicates and ids that are not cards go first; of the rest, the longest run already in
    the wanted order stays and every other id is deleted and inserted at its place (a move).
    """
    held = list(stored)
    if held == ids:
        return False
    if not held:
        stored.extend(ids)
        return True
    wanted = {card_id: at for at, card_id in enumerate(ids)}
    kept: list[int] = []  # indices into held that may stay
    seen: set[str] = set()
    for i, item in enumerate(held):
        if isinstance(item, str) and item in wanted and item not in seen:
            kept.append(i)
            seen.add(item)
    staying = {kept[j] for j in _longest_increasing([wanted[held[i]] for i in kept])}
    for i in reversed(range(len(held))):
        if i not in staying:
            del stored[i]
    mirror = [held[i] for i in sorted(staying)]
    for at, card_id in enumerate(ids):
        if at >= len(mirror) or mirror[at] != card_id:
            stored.insert(at, card_id)
            mirror.insert(at, card_id)
    return True
