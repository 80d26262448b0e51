"""The file's document from the parts of a shared journey document, repaired (pure, no pycrdt).

A shared document (:mod:`.yshape`) holds a map in three parts: the metadata values by key,
the cards by id and the card order. :func:`assemble` turns such parts into the document a
``.journey.json`` file holds, in the file's key order, and repairs what two people's
concurrent edits can leave behind: a card, or a metric, in a stage, step or lane that someone
else just removed or renamed; a card field that is not among the columns; a score outside the
emotion scale. The rules are the contract of docs/collaboration.md ("The shared document"),
which the browser implements with yjs in the same way.

:func:`split` is the other way: a document into its parts (the cards keyed by id), and
:func:`canonical` both at once, so that a document parsed from a file compares equal to the
same document read from a shared one.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any, TypeGuard

from ..io.json_format import WRITE_SCHEMA_KEY, schema_id
from ..io.validate import FORMAT_NAME, version_for
from ..model.cards import CORE_COLUMNS, REQUIRED_COLUMNS
from ..model.structure import to_lane

Doc = dict[str, Any]
Card = dict[str, Any]
#: Top-level keys a shared document does not hold: written by every reader itself.
NOT_META = ("$schema", "format", "version", "cards")
#: The file's key order: these metadata keys, then ``cards``, then ``META_AFTER_CARDS``, then
#: any other key sorted by name.
META_BEFORE_CARDS = ("title", "persona", "state", "scale", "stages", "lanes", "columns")
#: The keys after ``cards``: metrics, then version 2's comments and voting.
META_AFTER_CARDS = ("metrics", "comments", "voting")


@dataclass
class Parts:
    """A map as a shared document holds it: metadata by key, cards by id, the card order."""

    meta: dict[str, Any]
    cards: dict[str, Card]
    order: list[str]


def json_text(value: Any) -> str:
    """A value as the JSON text a shared document stores (compact, not ASCII-escaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def same(a: Any, b: Any) -> bool:
    """Whether two parsed JSON values mean the same (``1 == 1.0``; ``true`` is no number).

    This is equality as a JavaScript reader sees it: key order does not count, and an
    integer equals the float of the same value.
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and bool(a == b)


def card_id(card: Card, index: int, taken: set[str]) -> str:
    """The id a card is stored under: its own (as text), or one made from its content.

    A card without an id (``null`` or none, which the format allows) gets
    ``"c-" + sha256("<index>:<card as JSON text>")[:10]``, so that the same file text always
    makes the same shared document (the server rebuilds rooms from files deterministically).
    """
    own = card.get("id")
    if own is not None and not isinstance(own, bool):
        return str(own)
    seed = f"{index}:{json_text(card)}"
    while True:
        made = "c-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:10]
        if made not in taken:
            return made
        seed += "+"


def split(document: Doc) -> Parts:
    """A document's parts: its metadata, cards keyed by id and card order.

    The metadata is every key but ``$schema``, ``format``, ``version`` and ``cards``; each
    card holds its ``id``.
    """
    meta = {k: v for k, v in document.items() if k not in NOT_META}
    cards: dict[str, Card] = {}
    order: list[str] = []
    for index, card in enumerate(document.get("cards") or []):
        key = card_id(card, index, set(cards))
        if key in cards:  # a repeated id (not a valid file): the first card counts
            continue
        own = card.get("id")
        cards[key] = {**card, "id": own if own is not None else key}
        order.append(key)
    return Parts(meta, cards, order)


def canonical(document: Doc) -> Doc:
    """``document`` as reading a shared document holding it gives it back."""
    return assemble(split(document))


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _ordered_cards(parts: Parts) -> list[Card]:
    """Cards in ``order`` (first occurrences of card ids), then the rest sorted by id."""
    placed: list[str] = []
    seen: set[str] = set()
    for key in parts.order:
        if isinstance(key, str) and key in parts.cards and key not in seen:
            placed.append(key)
            seen.add(key)
    placed += sorted(k for k in parts.cards if k not in seen)
    out = []
    for key in placed:
        held = parts.cards[key]
        card = {k: held[k] for k in _field_order(held)}
        own = card.get("id")
        card["id"] = own if own is not None and str(own) == key else key
        if _is_name(card.get("stage")) and _is_name(card.get("lane")):
            out.append(card)
    return out


def _field_order(card: Card) -> list[str]:
    """A card's fields in a fixed order: the core columns, then the others sorted by name.

    (A shared map keeps no order of its keys; with ``columns`` the columns' order counts.)
    """
    return [c for c in CORE_COLUMNS if c in card] + sorted(k for k in card if k not in CORE_COLUMNS)


def assemble(parts: Parts) -> Doc:
    """The file's document of a shared document's parts, repaired.

    Keys in the file's order: ``$schema``, ``format``, ``version``, ``title``, ``persona``,
    ``state``, ``scale``, ``stages``, ``lanes``, ``columns`` (each only when held), ``cards``,
    ``metrics``, ``comments``, ``voting`` (each when held), then any other held key sorted by
    name. The version is 2 when ``comments`` or ``voting`` is held, else 1.
    """
    version = version_for(parts.meta)
    doc: Doc = {"$schema": schema_id(version)} if WRITE_SCHEMA_KEY else {}
    doc.update(format=FORMAT_NAME, version=version)
    for key in META_BEFORE_CARDS:
        if key in parts.meta:
            doc[key] = parts.meta[key]
    doc["cards"] = _ordered_cards(parts)
    for key in META_AFTER_CARDS:
        if key in parts.meta:
            doc[key] = parts.meta[key]
    for key in sorted(parts.meta):
        if key not in doc:
            doc[key] = parts.meta[key]
    repair(doc)
    return doc


def repair(doc: Doc) -> None:
    """Make the cards and metrics of ``doc`` fit its stages, steps, lanes, columns and scale.

    In this order: for each card (in card order) a missing stage is appended to ``stages``,
    then a missing step to its stage's steps, then a missing lane to ``lanes``; then for each
    metric row a missing stage; then card fields missing from ``columns``; then emotion scores
    are brought inside the scale. Each of ``stages``, ``lanes`` and ``columns`` is repaired
    only when the document holds it as a list (a map without it takes any name).
    """
    cards = doc["cards"]
    for key in ("stages", "lanes", "columns"):  # repaired in copies: the caller's stay as given
        if isinstance(doc.get(key), list):
            doc[key] = list(doc[key])
    stages = doc.get("stages") if isinstance(doc.get("stages"), list) else None
    lanes = doc.get("lanes") if isinstance(doc.get("lanes"), list) else None
    for card in cards:
        if stages is not None:
            step = _place_step(stages, card["stage"], card.get("step"))
            if "step" in card:
                card["step"] = step
        if lanes is not None and card["lane"] not in _names(lanes):
            lanes.append({"name": card["lane"], "kind": "text"})
    for row in doc.get("metrics") or []:
        if stages is not None and isinstance(row, dict) and _is_name(row.get("stage")):
            _place_step(stages, row["stage"], None)
    if isinstance(doc.get("columns"), list):
        _repair_columns(doc["columns"], cards)
    if lanes is not None:
        _clamp_scores(cards, lanes, doc.get("scale"))


def _names(items: list[Any]) -> list[Any]:
    """The names of stages or lanes given as names or objects (``None`` for neither)."""
    return [
        i if isinstance(i, str) else i.get("name") if isinstance(i, dict) else None for i in items
    ]


def _place_step(stages: list[Any], stage: str, step: Any) -> Any:
    """Append a missing stage (and the card's missing step); the step the card keeps."""
    names = _names(stages)
    if stage not in names:
        stages.append({"name": stage, "steps": [], "description": ""})
        names.append(stage)
    if step is None:
        return None
    if not _is_name(step):  # a blank step is no step (a stage cannot list it)
        return None
    at = names.index(stage)
    entry = stages[at]
    steps = entry.get("steps") if isinstance(entry, dict) else None
    if steps and step not in steps:  # a stage without steps takes any step, as readers do
        stages[at] = {**entry, "steps": [*steps, step]}
    return step


def _repair_columns(columns: list[Any], cards: list[Card]) -> None:
    """Append card fields that no column names (sorted), then fill every card's columns."""
    names = [str(c.get("name")) for c in columns if isinstance(c, dict)]
    fields = {k for card in cards for k in card}
    if cards:
        fields |= set(REQUIRED_COLUMNS)
    for name in sorted(fields - set(names)):
        values = [c.get(name) for c in cards]
        texts = all(v is None or isinstance(v, str) for v in values)
        columns.append({"name": name, "dtype": "str" if texts else "object"})
        names.append(name)
    floats = {
        c["name"]
        for c in columns
        if isinstance(c, dict) and str(c.get("dtype") or "").lower().startswith("float")
    }
    for i, card in enumerate(cards):
        full = {n: card.get(n) for n in names}
        for name in floats & set(full):
            value = full[name]
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53:
                full[name] = float(value)
        cards[i] = full


def _clamp_scores(cards: list[Card], lanes: list[Any], scale: Any) -> None:
    """Scores on emotion lanes brought inside the scale (its ends)."""
    kinds: dict[str, str] = {}
    for lane in lanes:
        if isinstance(lane, str):
            kinds[lane] = to_lane(lane).kind
        elif isinstance(lane, dict) and _is_name(lane.get("name")):
            name = str(lane["name"])
            kinds[name] = str(lane.get("kind") or to_lane(name).kind)
    low, high = _scale_ends(scale)
    for card in cards:
        score = card.get("score")
        if kinds.get(card["lane"]) != "emotion" or not _is_number(score):
            continue
        if score < low or score > high:
            card["score"] = low if score < low else high


def _scale_ends(scale: Any) -> tuple[float, float]:
    """The scale's ends, as readers take them (``-2`` and ``2`` where not given)."""
    if not isinstance(scale, dict):
        return (-2, 2)
    low, high = scale.get("min", -2), scale.get("max", 2)
    return (low, high) if _is_number(low) and _is_number(high) else (-2, 2)


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
