"""Undoing one person's step out of order: is it still possible, and its inverse for now.

When several people edit one map, a person's undo walks back *their* last step, which other
people's steps may have followed. Such a step is undone by applying its recorded inverse to the
map as it is now, after two checks (docs/collaboration.md, "Undo is per person"):

- :func:`clash` finds what someone else changed since: the same field of a card the step
  edited, a card it added (undoing would delete their work), a card it moved, or the title,
  persona or state it set. The undo is then refused; fields the step did not touch may have
  changed freely.
- :func:`rebased` turns the recorded inverse into one that fits the current map: columns and
  dtypes other people's edits brought stay (no layout restore), and cards go back into their
  cell by index rather than by a row position that no longer means the same.

Comments and votes (:mod:`.participation_ops`) are checked the same way: a thread someone else
resolved or reopened, or a round someone ended or reopened since, refuses the undo; their
inverses refuse on their own a comment that has replies, a round that has votes and dots that
changed since.

Structure steps (stages, lanes, steps) need no extra check: their inverses validate against the
current map (a stage that holds cards now is not removed, a renamed one is not found) and
refuse with the model's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .cards import is_missing
from .journey import Journey
from .operation import Batch, Change, Op
from .ops import DropRows, EditCard, InsertRows, MoveCard
from .participation_ops import PARTICIPATION_KINDS, participation_clash


@dataclass(frozen=True)
class Clash:
    """What someone else changed since a step: a card's field (or its position), or map metadata.

    ``card`` is the card's id (``None`` for the title, persona or state); ``field`` the column,
    ``"position"``, or ``None`` when the card is gone; ``label`` a short text naming the card;
    ``text``, when set, the whole phrase (comments and votes).
    """

    card: str | None
    field: str | None
    label: str
    text: str | None = None

    def describe(self) -> str:
        """What happened, as a phrase: ``changed the text of card "Pays"``, ``deleted card ...``."""
        if self.text is not None:
            return self.text
        if self.card is None:
            return f"changed the map's {self.field}"
        if self.field is None:
            return f'deleted card "{self.label}"'
        return f'changed the {self.field} of card "{self.label}"'


def _same(a: Any, b: Any) -> bool:
    if is_missing(a) and is_missing(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _label(card: Any, fallback: str) -> str:
    text = card.get("text") if isinstance(card, dict) else None
    text = text if isinstance(text, str) and text.strip() else fallback
    return text if len(text) <= 30 else text[:29] + "\u2026"


def _cell(position: Any) -> tuple[Any, ...]:
    return tuple(position.get(k) for k in ("stage", "step", "lane")) if position else ()


def _card_clash(change: Change, j: Journey) -> Clash | None:
    card_id = str(change.id)
    known = change.new if change.kind == "add" else None
    if change.kind == "edit" and change.field == "text":
        known = {"text": change.new}
    if not j.has_card(card_id):
        return Clash(card_id, None, _label(known, card_id))
    now = j.card(card_id)
    label = _label(now, card_id)
    if change.kind == "edit" and not _same(now.get(str(change.field)), change.new):
        return Clash(card_id, change.field, label)
    if change.kind == "move" and _cell(j.position(card_id)) != _cell(change.new):
        return Clash(card_id, "position", label)
    if change.kind == "add" and isinstance(known, dict):
        for key in sorted(set(known) | set(now)):
            if not _same(known.get(key), now.get(key)):
                field = "position" if key in ("stage", "step", "lane") else key
                return Clash(card_id, field, label)
    return None


def clash(changes: list[Change], j: Journey) -> Clash | None:
    """The first thing a step changed that no longer holds what the step left, or ``None``.

    Examples
    --------
    >>> import journey_widget as jw
    >>> j = jw.Journey(None, stages=["Browse"], lanes=["Actions"], title="Old")
    >>> clash([Change("set_title", None, "title", "Before", "Old")], j) is None
    True
    >>> clash([Change("set_title", None, "title", "Before", "Mine")], j).describe()
    "changed the map's title"
    """
    for change in changes:
        if change.kind in PARTICIPATION_KINDS:
            text = participation_clash(change, j)
            found = None if text is None else Clash(change.id, change.field, "", text)
        elif change.kind in ("edit", "move", "add") and change.id is not None:
            found = _card_clash(change, j)
        elif change.kind.startswith("set_") and change.field is not None:
            found = None
            current: Any = getattr(j, change.field, None)
            if hasattr(current, "to_dict"):
                current = current.to_dict()
            if not _same(current, change.new):
                found = Clash(None, change.field, change.field)
        else:
            found = None
        if found is not None:
            return found
    return None


def rebased(op: Op, changes: list[Change], j: Journey) -> Op:
    """``op``, a step's recorded inverse, adjusted to apply to the map ``j`` as it is now.

    Layout restores are dropped (so columns and dtypes that other edits need stay), a card moved
    back returns to its old cell at its old index there (``changes`` hold where it was), and
    cards put back land at their old row positions clamped to the table.
    """
    if isinstance(op, Batch):
        return Batch(tuple(rebased(o, changes, j) for o in op.ops))
    if isinstance(op, EditCard | DropRows):
        return replace(op, restore=None)
    if isinstance(op, InsertRows):
        n = len(j.table)
        ordered = sorted(op.positions)
        return replace(
            op, restore=None, positions=tuple(min(p, n + i) for i, p in enumerate(ordered))
        )
    if isinstance(op, MoveCard) and op.row is not None:
        was = next((c.old for c in changes if c.kind == "move" and c.id == op.id), None)
        index = was.get("index") if isinstance(was, dict) else None
        return replace(op, row=None, index=index if isinstance(index, int) else None)
    return op
