"""Three-way merge of journey map documents, by card id (a pure function: no files, no maps).

``base`` is the document both sides started from (what this map last read or wrote),
``ours`` the map in memory, ``theirs`` what the file holds now (another kernel, an editor,
``git checkout``). The rule:

- A change made on one side only is taken: card edits, additions, deletions and moves, and
  each metadata field (title, persona, state, scale, stages, lanes, metrics).
- Both sides changing the same thing to the same value is no conflict.
- Both sides changing the same thing differently is a **conflict**, and the result keeps
  **theirs** (the file's) for it: the file never loses what is already in it. Conflicts are:
  the same card field (a card's place, ``stage``/``step``/``lane``, counts as one field) set
  to different values; a card deleted on one side and changed on the other; the same new id
  added with different content; a metadata field changed differently; both sides reordering
  cards differently; a column's type changed differently.
- If the merged document would not be a valid map (ours added a card to a stage theirs
  removed), the result is theirs as a whole, with one conflict saying why.

The caller keeps ours whole in a conflict copy whenever there is a conflict, so nothing typed
is lost (see :mod:`journey_widget.durable.binding`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..io.validate import check_document
from ..model import JourneyError

Doc = dict[str, Any]
#: Metadata merged as whole values, each on its own.
META_FIELDS = ("title", "persona", "state", "scale", "stages", "lanes", "metrics")
PLACE = ("stage", "step", "lane")
_ABSENT = object()


@dataclass(frozen=True)
class Conflict:
    """Something both sides changed differently; the merged document holds ``theirs``."""

    where: str
    ours: Any
    theirs: Any

    def __str__(self) -> str:
        return f"{self.where}: here {_show(self.ours)}, in the file {_show(self.theirs)}"


@dataclass(frozen=True)
class MergeResult:
    """The merged document and the conflicts met (empty when the merge was clean)."""

    doc: Doc
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        """True when nothing conflicted."""
        return not self.conflicts


def _show(value: Any) -> str:
    if value is _ABSENT:
        return "deleted"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _pick(base: Any, ours: Any, theirs: Any, where: str, conflicts: list[Conflict]) -> Any:
    if ours in (theirs, base):
        return theirs
    if theirs == base:
        return ours
    conflicts.append(Conflict(where, ours, theirs))
    return theirs


def _cards(doc: Doc) -> dict[str, dict[str, Any]]:
    return {str(c.get("id")): c for c in doc.get("cards") or []}


def _columns(base: Doc, ours: Doc, theirs: Doc, conflicts: list[Conflict]) -> list[dict[str, Any]]:
    """Columns of theirs, then ours' new ones; one side dropping an untouched column drops it."""
    specs = [{c["name"]: c for c in d.get("columns") or []} for d in (base, ours, theirs)]
    b, o, t = specs
    names = list(t) + [n for n in o if n not in t]
    out = []
    for name in names:
        spec = _pick(
            b.get(name, _ABSENT),
            o.get(name, _ABSENT),
            t.get(name, _ABSENT),
            f"column {name!r}",
            conflicts,
        )
        if spec is not _ABSENT:
            out.append(spec)
    return out


def _merge_card(
    name: str,
    b: dict[str, Any] | None,
    o: dict[str, Any],
    t: dict[str, Any],
    columns: list[str],
    conflicts: list[Conflict],
) -> dict[str, Any]:
    base = b or {}
    out = dict(t)
    place = [tuple(side.get(k) for k in PLACE) for side in (base, o, t)]
    if b is None and place[1] != place[2]:
        conflicts.append(Conflict(f"card {name} place", place[1], place[2]))
    else:
        picked = _pick(place[0], place[1], place[2], f"card {name} place", conflicts)
        out.update(zip(PLACE, picked, strict=True))
    for column in columns:
        if column in PLACE or column == "id":
            continue
        bv = base.get(column) if b is not None else _ABSENT
        out[column] = _pick(bv, o.get(column), t.get(column), f"card {name} {column}", conflicts)
    return out


def _relative(order: list[str], keep: set[str]) -> list[str]:
    return [i for i in order if i in keep]


def _order(
    base: list[str], ours: list[str], theirs: list[str], conflicts: list[Conflict]
) -> tuple[list[str], list[str]]:
    """The skeleton order (the side whose order wins) and the other side's order."""
    common = set(base) & set(ours) & set(theirs)
    b, o, t = (_relative(x, common) for x in (base, ours, theirs))
    if o != b and t == b:
        return ours, theirs
    if o != b and t != b and o != t:
        conflicts.append(Conflict("card order", "reordered", "reordered"))
    return theirs, ours


def _card_order(skeleton: list[str], other: list[str], keep: set[str]) -> list[str]:
    """``skeleton``'s ids that are kept, with ``other``'s extra kept ids after their predecessor."""
    out = [i for i in skeleton if i in keep]
    placed = set(out)
    for pos, card_id in enumerate(other):
        if card_id not in keep or card_id in placed:
            continue
        before = next((other[j] for j in range(pos - 1, -1, -1) if other[j] in placed), None)
        out.insert(0 if before is None else out.index(before) + 1, card_id)
        placed.add(card_id)
    return out


def merge_documents(base: Doc, ours: Doc, theirs: Doc) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two edits of ``base``, card by card.

    Parameters
    ----------
    base, ours, theirs : dict
        Journey map documents (``journey_to_dict`` output or parsed ``.journey.json``).

    Returns
    -------
    MergeResult
        The merged document (a valid map) and the conflicts; on a conflict the merged
        document holds theirs for that field.

    Examples
    --------
    >>> base = {"format": "journey-map", "version": 1, "title": "T", "stages": ["A"],
    ...         "lanes": ["L"], "cards": [{"id": "1", "stage": "A", "lane": "L", "text": "x"},
    ...                                   {"id": "2", "stage": "A", "lane": "L", "text": "y"}]}
    >>> ours = {**base, "cards": [{**base["cards"][0], "text": "mine"}, base["cards"][1]]}
    >>> theirs = {**base, "cards": [base["cards"][0], {**base["cards"][1], "text": "theirs"}]}
    >>> result = merge_documents(base, ours, theirs)
    >>> [c["text"] for c in result.doc["cards"]], result.clean
    (['mine', 'theirs'], True)
    """
    conflicts: list[Conflict] = []
    doc: Doc = dict(theirs)
    for field in META_FIELDS:
        value = _pick(
            base.get(field, _ABSENT),
            ours.get(field, _ABSENT),
            theirs.get(field, _ABSENT),
            field,
            conflicts,
        )
        if value is _ABSENT:
            doc.pop(field, None)
        else:
            doc[field] = value
    columns = _columns(base, ours, theirs, conflicts)
    names = [c["name"] for c in columns] or sorted(
        {k for d in (ours, theirs) for c in d.get("cards") or [] for k in c}
    )
    if columns or "columns" in theirs:
        doc["columns"] = columns
    b, o, t = _cards(base), _cards(ours), _cards(theirs)
    merged: dict[str, dict[str, Any]] = {}
    for card_id in list(t) + [i for i in o if i not in t]:
        in_o, in_t, before = o.get(card_id), t.get(card_id), b.get(card_id)
        if in_o is not None and in_t is not None:
            merged[card_id] = _merge_card(card_id, before, in_o, in_t, names, conflicts)
        elif before is None:  # added on one side
            merged[card_id] = dict(in_o if in_o is not None else in_t)  # type: ignore[arg-type]
        elif in_t is not None and in_t != before:  # deleted here, changed in the file
            conflicts.append(Conflict(f"card {card_id}", _ABSENT, "changed"))
            merged[card_id] = dict(in_t)
        elif in_o is not None and in_o != before:  # changed here, deleted in the file
            conflicts.append(Conflict(f"card {card_id}", "changed", _ABSENT))
    skeleton, other = _order(list(b), list(o), list(t), conflicts)
    order = _card_order(skeleton, other, set(merged))
    doc["cards"] = [{n: merged[i].get(n) for n in names} if columns else merged[i] for i in order]
    try:
        check_document(doc)
    except JourneyError as err:
        return MergeResult(theirs, (*conflicts, Conflict("map", "not mergeable", str(err))))
    return MergeResult(doc, tuple(conflicts))
