"""Edit operations on a :class:`~journey_widget.model.journey.Journey`, each with an exact inverse.

``op.apply(journey)`` validates first and raises :class:`JourneyError` before changing anything;
on success it returns :class:`Applied` with the inverse operation and the changes made.
Applying the inverse restores the previous state exactly (cards, order, dtypes, structure).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from .cards import OPTIONAL_COLUMNS, check_field_value, check_scores, is_missing
from .errors import JourneyError
from .journey import Axis, Journey
from .structure import Lane, Stage, check_name

_PLACEMENT = ("id", "stage", "step", "lane")


@dataclass(frozen=True)
class Change:
    """One change an operation made, as reported to ``on_edit`` callbacks.

    ``kind`` is ``edit``, ``add``, ``delete`` or ``move`` for cards (``id`` set), or
    ``add_stage``, ``rename_stage``, ``move_stage``, ``remove_stage`` (and the same for
    ``lane`` and ``step``; for steps ``field`` names the stage), or ``replace`` for new data.
    """

    kind: str
    id: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class Applied:
    inverse: Op
    changes: list[Change]


class Op(Protocol):
    def apply(self, j: Journey) -> Applied: ...


# ---- cards -----------------------------------------------------------------------------------
def _check_score_for_lane(j: Journey, lane: str, score: Any) -> None:
    if not is_missing(score):
        check_scores(pd.Series([float(score)]), pd.Series([lane]), j.lanes, j.scale)


def _check_place(j: Journey, stage: str, step: str | None, lane: str) -> None:
    st = j.stage(stage)
    j.lane(lane)
    if step is not None and step not in st.steps:
        raise JourneyError(f"stage {stage!r} has no step {step!r}; its steps are {list(st.steps)}")


@dataclass(frozen=True)
class EditCard:
    """Set one column of one card: ``text``, ``score``, an optional or an analyst column."""

    id: str
    field: str
    value: Any
    drop_column: bool = False  # set on inverses of an edit that created an optional column

    def apply(self, j: Journey) -> Applied:
        row = j.row_of(self.id)
        if self.field in _PLACEMENT:
            raise JourneyError(f"column {self.field!r} cannot be edited; move the card instead"
                               if self.field != "id" else "a card's id cannot be changed")
        created = self.field not in j.table.columns
        if created and self.field not in OPTIONAL_COLUMNS:
            raise JourneyError(f"there is no column {self.field!r}; editable columns are "
                               f"{[c for c in j.table.columns if c not in _PLACEMENT]}")
        value = check_field_value(self.field, self.value)
        if self.field == "score":
            _check_score_for_lane(j, str(j.table.at[row, "lane"]), value)
        old = None if created else j.table.at[row, self.field]
        table = j.table.copy(deep=False) if not created else j.table.assign(**{self.field: None})
        try:
            table.loc[row, self.field] = value
        except (TypeError, ValueError) as err:
            raise JourneyError(f"column {self.field!r} holds {j.table[self.field].dtype} values; "
                               f"cannot store {value!r}") from err
        if self.drop_column:
            table = table.drop(columns=[self.field])
        j.table = table
        return Applied(EditCard(self.id, self.field, old, drop_column=created),
                       [Change("edit", self.id, self.field, _plain(old), _plain(value))])


@dataclass(frozen=True)
class AddCard:
    """Add a card to a cell at ``index`` (``None``: last). ``card`` must hold an ``id``."""

    card: Mapping[str, Any]
    index: int | None = None

    def apply(self, j: Journey) -> Applied:
        card = dict(self.card)
        card_id = card.get("id")
        if not isinstance(card_id, str) or not card_id:
            raise JourneyError(f"a new card needs a string id, got {card_id!r}")
        if j.has_card(card_id):
            raise JourneyError(f"a card with id {card_id!r} already exists")
        stage, lane = check_name(card.get("stage"), "stage"), check_name(card.get("lane"), "lane")
        step = card.get("step")
        _check_place(j, stage, step, lane)
        card["text"] = check_field_value("text", card.get("text", ""))
        card["score"] = check_field_value("score", card.get("score"))
        _check_score_for_lane(j, lane, card["score"])
        unknown = [k for k in card if k not in j.table.columns]
        if unknown:
            raise JourneyError(f"unknown column(s) {unknown} for a new card; the map's columns "
                               f"are {list(j.table.columns)}")
        for key, value in card.items():
            if key not in ("text", "score"):
                check_field_value(key, value)
        dtypes = dict(j.table.dtypes)
        row = pd.DataFrame({c: _one(card.get(c), t) for c, t in dtypes.items()})
        position = j.insertion_row(stage, step, lane, self.index)
        j.insert_rows(row, [position])
        return Applied(DeleteCard(card_id, dtypes),
                       [Change("add", card_id, None, None, j.card(card_id))])


def _one(value: Any, dtype: Any) -> pd.Series:
    """A one-value column in ``dtype`` when it can hold the value, else in pandas' choice."""
    if is_missing(value) and getattr(dtype, "kind", "O") in "iub":
        return pd.Series([float("nan")])  # NumPy ints and bools cannot hold a missing value
    try:
        series: pd.Series = pd.Series([value], dtype=dtype)
        return series
    except (TypeError, ValueError):
        return pd.Series([float("nan") if is_missing(value) else value])


@dataclass(frozen=True)
class DeleteCard:
    """Delete a card."""

    id: str
    restore_dtypes: Mapping[str, Any] | None = None  # set on inverses of AddCard

    def apply(self, j: Journey) -> Applied:
        row = j.row_of(self.id)
        old = j.card(self.id)
        taken = j.drop_rows([row])
        if self.restore_dtypes:
            j.table = j.table.astype({c: t for c, t in self.restore_dtypes.items()
                                      if c in j.table.columns and j.table[c].dtype != t})
        return Applied(InsertRows(taken, (row,)), [Change("delete", self.id, None, old, None)])


@dataclass(frozen=True)
class MoveCard:
    """Move a card to another cell and/or position.

    ``index`` is the position inside the target cell counted without the moved card
    (``None``: last). ``row`` (a row position) takes precedence and is used by inverses.
    """

    id: str
    stage: str
    step: str | None
    lane: str
    index: int | None = None
    row: int | None = None

    def apply(self, j: Journey) -> Applied:
        old_row = j.row_of(self.id)
        before = j.position(self.id)
        _check_place(j, self.stage, self.step, self.lane)
        _check_score_for_lane(j, self.lane, j.table.at[old_row, "score"])
        if self.row is not None and not 0 <= self.row < len(j.table):
            raise JourneyError(f"row {self.row} is outside the table of {len(j.table)} cards")
        taken = j.drop_rows([old_row]).copy()
        taken["stage"], taken["lane"] = self.stage, self.lane
        taken["step"] = pd.Series([self.step], index=taken.index, dtype="str")
        target = self.row if self.row is not None else j.insertion_row(
            self.stage, self.step, self.lane, self.index)
        j.insert_rows(taken, [target])
        after = j.position(self.id)
        inverse = MoveCard(self.id, before["stage"], before["step"], before["lane"], row=old_row)
        return Applied(inverse, [Change("move", self.id, "position", before, after)])


@dataclass(frozen=True)
class InsertRows:
    """Put rows back at row positions (the inverse of deleting them)."""

    rows: pd.DataFrame
    positions: tuple[int, ...]

    def apply(self, j: Journey) -> Applied:
        ids = [str(i) for i in self.rows["id"]]
        clash = [i for i in ids if j.has_card(i)]
        if clash:
            raise JourneyError(f"cards {clash} already exist")
        for _, card in self.rows.iterrows():
            _check_place(j, card["stage"], None if is_missing(card["step"]) else card["step"],
                         card["lane"])
        j.insert_rows(self.rows, self.positions)
        return Applied(DropRows(tuple(ids)), [Change("add", i, None, None, j.card(i)) for i in ids])


@dataclass(frozen=True)
class DropRows:
    """Remove cards by id, keeping them for the inverse."""

    ids: tuple[str, ...]

    def apply(self, j: Journey) -> Applied:
        positions = sorted(j.row_of(i) for i in self.ids)
        olds = {i: j.card(i) for i in self.ids}
        taken = j.drop_rows(positions)
        changes = [Change("delete", str(i), None, olds[str(i)], None) for i in taken["id"]]
        return Applied(InsertRows(taken, tuple(positions)), changes)


# ---- stages and lanes --------------------------------------------------------------------------
def _set_items(j: Journey, axis: Axis, items: list[Any]) -> None:  # list of Stage or Lane
    if axis == "stage":
        j.stages = items
    else:
        j.lanes = items


@dataclass(frozen=True)
class AddItem:
    """Add a stage or lane at ``index`` (``None``: last)."""

    axis: Axis
    item: Stage | Lane
    index: int | None = None

    def apply(self, j: Journey) -> Applied:
        name = check_name(self.item.name, self.axis)
        items: list[Any] = list(j.items(self.axis))
        if name in [x.name for x in items]:
            raise JourneyError(f"there is already a {self.axis} {name!r}")
        index = len(items) if self.index is None else _check_index(self.index, len(items) + 1)
        items.insert(index, self.item)
        _set_items(j, self.axis, items)
        return Applied(RemoveItem(self.axis, name),
                       [Change(f"add_{self.axis}", None, None, None, name)])


@dataclass(frozen=True)
class RemoveItem:
    """Remove a stage or lane; its cards go too only with ``drop_cards=True``."""

    axis: Axis
    name: str
    drop_cards: bool = False

    def apply(self, j: Journey) -> Applied:
        index = j.index_of(self.axis, self.name)
        item = j.items(self.axis)[index]
        ids = tuple(j.table.loc[j.table[self.axis] == self.name, "id"])
        if ids and not self.drop_cards:
            raise JourneyError(f"{self.axis} {self.name!r} has {len(ids)} card(s); remove them "
                               f"first or pass drop_cards=True")
        dropped = DropRows(ids).apply(j) if ids else None
        items = list(j.items(self.axis))
        del items[index]
        _set_items(j, self.axis, items)
        restore: list[Op] = [AddItem(self.axis, item, index)]
        if dropped:
            restore.append(dropped.inverse)
        changes = [*(dropped.changes if dropped else []),
                   Change(f"remove_{self.axis}", None, None, self.name, None)]
        return Applied(Batch(tuple(restore)), changes)


@dataclass(frozen=True)
class RenameItem:
    """Rename a stage or lane, on the map and on its cards."""

    axis: Axis
    old: str
    new: str

    def apply(self, j: Journey) -> Applied:
        index = j.index_of(self.axis, self.old)
        check_name(self.new, self.axis)
        if self.new != self.old and self.new in [x.name for x in j.items(self.axis)]:
            raise JourneyError(f"there is already a {self.axis} {self.new!r}")
        items: list[Any] = list(j.items(self.axis))
        items[index] = dataclasses.replace(items[index], name=self.new)
        table = j.table.copy(deep=False)
        table[self.axis] = table[self.axis].mask(table[self.axis] == self.old, self.new)
        j.table = table
        _set_items(j, self.axis, items)
        return Applied(RenameItem(self.axis, self.new, self.old),
                       [Change(f"rename_{self.axis}", None, None, self.old, self.new)])


@dataclass(frozen=True)
class MoveItem:
    """Move a stage or lane to position ``index``."""

    axis: Axis
    name: str
    index: int

    def apply(self, j: Journey) -> Applied:
        old = j.index_of(self.axis, self.name)
        items = list(j.items(self.axis))
        new = _check_index(self.index, len(items))
        items.insert(new, items.pop(old))
        _set_items(j, self.axis, items)
        return Applied(MoveItem(self.axis, self.name, old),
                       [Change(f"move_{self.axis}", None, self.name, old, new)])


# ---- steps -----------------------------------------------------------------------------------
def _set_steps(j: Journey, stage: str, steps: list[str]) -> None:
    index = j.index_of("stage", stage)
    stages = list(j.stages)
    stages[index] = dataclasses.replace(stages[index], steps=tuple(steps))
    j.stages = stages


@dataclass(frozen=True)
class AddStep:
    stage: str
    step: str
    index: int | None = None

    def apply(self, j: Journey) -> Applied:
        steps = list(j.stage(self.stage).steps)
        check_name(self.step, "step")
        if self.step in steps:
            raise JourneyError(f"stage {self.stage!r} already has a step {self.step!r}")
        steps.insert(len(steps) if self.index is None else _check_index(self.index,
                                                                       len(steps) + 1), self.step)
        _set_steps(j, self.stage, steps)
        return Applied(RemoveStep(self.stage, self.step),
                       [Change("add_step", None, self.stage, None, self.step)])


@dataclass(frozen=True)
class RemoveStep:
    stage: str
    step: str
    drop_cards: bool = False

    def apply(self, j: Journey) -> Applied:
        steps = list(j.stage(self.stage).steps)
        if self.step not in steps:
            raise JourneyError(f"stage {self.stage!r} has no step {self.step!r}")
        t = j.table
        ids = tuple(t.loc[(t["stage"] == self.stage) & (t["step"] == self.step), "id"])
        if ids and not self.drop_cards:
            raise JourneyError(f"step {self.step!r} of stage {self.stage!r} has {len(ids)} "
                               "card(s); remove them first or pass drop_cards=True")
        dropped = DropRows(ids).apply(j) if ids else None
        index = steps.index(self.step)
        del steps[index]
        _set_steps(j, self.stage, steps)
        restore: list[Op] = [AddStep(self.stage, self.step, index)]
        if dropped:
            restore.append(dropped.inverse)
        changes = [*(dropped.changes if dropped else []),
                   Change("remove_step", None, self.stage, self.step, None)]
        return Applied(Batch(tuple(restore)), changes)


@dataclass(frozen=True)
class RenameStep:
    stage: str
    old: str
    new: str

    def apply(self, j: Journey) -> Applied:
        steps = list(j.stage(self.stage).steps)
        if self.old not in steps:
            raise JourneyError(f"stage {self.stage!r} has no step {self.old!r}")
        check_name(self.new, "step")
        if self.new != self.old and self.new in steps:
            raise JourneyError(f"stage {self.stage!r} already has a step {self.new!r}")
        steps[steps.index(self.old)] = self.new
        table = j.table.copy(deep=False)
        hit = (table["stage"] == self.stage) & (table["step"] == self.old)
        table["step"] = table["step"].mask(hit, self.new)
        j.table = table
        _set_steps(j, self.stage, steps)
        return Applied(RenameStep(self.stage, self.new, self.old),
                       [Change("rename_step", None, self.stage, self.old, self.new)])


@dataclass(frozen=True)
class MoveStep:
    stage: str
    step: str
    index: int

    def apply(self, j: Journey) -> Applied:
        steps = list(j.stage(self.stage).steps)
        if self.step not in steps:
            raise JourneyError(f"stage {self.stage!r} has no step {self.step!r}")
        old = steps.index(self.step)
        steps.insert(_check_index(self.index, len(steps)), steps.pop(old))
        _set_steps(j, self.stage, steps)
        return Applied(MoveStep(self.stage, self.step, old),
                       [Change("move_step", None, self.stage, old, self.index)])


# ---- whole tables and batches ------------------------------------------------------------------
@dataclass(frozen=True)
class ReplaceCards:
    """Replace the card table (already validated) together with the stages and lanes it implies."""

    table: pd.DataFrame
    stages: tuple[Stage, ...]
    lanes: tuple[Lane, ...]

    def apply(self, j: Journey) -> Applied:
        inverse = ReplaceCards(j.table, tuple(j.stages), tuple(j.lanes))
        old_n = len(j.table)
        j.table, j.stages, j.lanes = self.table, list(self.stages), list(self.lanes)
        return Applied(inverse, [Change("replace", None, None, old_n, len(self.table))])


@dataclass(frozen=True)
class Batch:
    """Several operations as one: all apply, or none (a failure undoes the ones before it)."""

    ops: tuple[Op, ...] = field(default=())

    def apply(self, j: Journey) -> Applied:
        done: list[Applied] = []
        try:
            for op in self.ops:
                done.append(op.apply(j))
        except JourneyError:
            for applied in reversed(done):
                applied.inverse.apply(j)
            raise
        return Applied(Batch(tuple(a.inverse for a in reversed(done))),
                       [c for a in done for c in a.changes])


def _check_index(index: int, size: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < max(size, 1):
        raise JourneyError(f"index must be an integer from 0 to {max(size - 1, 0)}, got {index!r}")
    return index


def _plain(value: Any) -> Any:
    """Turn numpy scalars and missing markers into plain Python values for callbacks."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value
