"""Operations on the map's structure: add, remove, rename and move stages, lanes and steps."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .card_ops import DropRows
from .errors import JourneyError
from .journey import Axis, Journey
from .metrics_ops import rename_metric_stage
from .operation import Applied, Batch, Change, Op, check_index
from .structure import Lane, Stage, check_name


def _set_items(j: Journey, axis: Axis, items: list[Any]) -> None:  # list of Stage or Lane
    if axis == "stage":
        j.stages = items
    else:
        j.lanes = items


def _drop_cards(j: Journey, ids: tuple[str, ...], allowed: bool, what: str) -> Applied | None:
    """Drop the cards of a stage, lane or step being removed; refuse unless ``allowed``."""
    if ids and not allowed:
        raise JourneyError(
            f"{what} has {len(ids)} card(s); remove them first or pass drop_cards=True"
        )
    return DropRows(ids).apply(j) if ids else None


def _removed(restore_item: Op, dropped: Applied | None, change: Change) -> Applied:
    """What removing a stage, lane or step did: its inverse puts the item, then its cards, back."""
    restore: list[Op] = [restore_item, *([dropped.inverse] if dropped else [])]
    return Applied(Batch(tuple(restore)), [*(dropped.changes if dropped else []), change])


@dataclass(frozen=True)
class AddItem:
    """Add a stage or lane at ``index`` (``None``: last)."""

    axis: Axis
    item: Stage | Lane
    index: int | None = None

    def apply(self, j: Journey) -> Applied:
        """Add the item to ``j``; the inverse removes it."""
        name = check_name(self.item.name, self.axis)
        items: list[Any] = list(j.items(self.axis))
        if name in [x.name for x in items]:
            raise JourneyError(f"there is already a {self.axis} {name!r}")
        index = len(items) if self.index is None else check_index(self.index, len(items) + 1)
        items.insert(index, self.item)
        _set_items(j, self.axis, items)
        return Applied(
            RemoveItem(self.axis, name), [Change(f"add_{self.axis}", None, None, None, name)]
        )


@dataclass(frozen=True)
class RemoveItem:
    """Remove a stage or lane; its cards go too only with ``drop_cards=True``."""

    axis: Axis
    name: str
    drop_cards: bool = False

    def apply(self, j: Journey) -> Applied:
        """Remove the item (and its cards, if allowed) from ``j``; the inverse puts them back."""
        index = j.index_of(self.axis, self.name)
        item = j.items(self.axis)[index]
        ids = tuple(j.table.loc[j.table[self.axis] == self.name, "id"])
        dropped = _drop_cards(j, ids, self.drop_cards, f"{self.axis} {self.name!r}")
        items = list(j.items(self.axis))
        del items[index]
        _set_items(j, self.axis, items)
        return _removed(
            AddItem(self.axis, item, index),
            dropped,
            Change(f"remove_{self.axis}", None, None, self.name, None),
        )


@dataclass(frozen=True)
class RenameItem:
    """Rename a stage or lane, on the map and on its cards."""

    axis: Axis
    old: str
    new: str

    def apply(self, j: Journey) -> Applied:
        """Rename the item on ``j``; its cards, a stage's metrics, a lane's voting rounds follow."""
        index = j.index_of(self.axis, self.old)
        check_name(self.new, self.axis)
        if self.new != self.old and self.new in [x.name for x in j.items(self.axis)]:
            raise JourneyError(f"there is already a {self.axis} {self.new!r}")
        items: list[Any] = list(j.items(self.axis))
        items[index] = dataclasses.replace(items[index], name=self.new)
        table = j.table.copy(deep=False)
        table[self.axis] = table[self.axis].mask(table[self.axis] == self.old, self.new)
        j.table = table
        if self.axis == "stage":
            rename_metric_stage(j, self.old, self.new)  # attached metrics follow the stage
        else:
            j.participation = j.participation.rename_lane(self.old, self.new)  # voting rounds
        _set_items(j, self.axis, items)
        return Applied(
            RenameItem(self.axis, self.new, self.old),
            [Change(f"rename_{self.axis}", None, None, self.old, self.new)],
        )


@dataclass(frozen=True)
class MoveItem:
    """Move a stage or lane to position ``index``."""

    axis: Axis
    name: str
    index: int

    def apply(self, j: Journey) -> Applied:
        """Move the item on ``j``; the inverse moves it back."""
        old = j.index_of(self.axis, self.name)
        items = list(j.items(self.axis))
        new = check_index(self.index, len(items))
        items.insert(new, items.pop(old))
        _set_items(j, self.axis, items)
        return Applied(
            MoveItem(self.axis, self.name, old),
            [Change(f"move_{self.axis}", None, self.name, old, new)],
        )


# ---- steps -----------------------------------------------------------------------------------
def _set_steps(j: Journey, stage: str, steps: list[str]) -> None:
    index = j.index_of("stage", stage)
    stages = list(j.stages)
    stages[index] = dataclasses.replace(stages[index], steps=tuple(steps))
    j.stages = stages


@dataclass(frozen=True)
class AddStep:
    """Add a step to a stage at ``index`` (``None``: last)."""

    stage: str
    step: str
    index: int | None = None

    def apply(self, j: Journey) -> Applied:
        """Add the step on ``j``; the inverse removes it."""
        steps = list(j.stage(self.stage).steps)
        check_name(self.step, "step")
        if self.step in steps:
            raise JourneyError(f"stage {self.stage!r} already has a step {self.step!r}")
        steps.insert(
            len(steps) if self.index is None else check_index(self.index, len(steps) + 1), self.step
        )
        _set_steps(j, self.stage, steps)
        return Applied(
            RemoveStep(self.stage, self.step),
            [Change("add_step", None, self.stage, None, self.step)],
        )


@dataclass(frozen=True)
class RemoveStep:
    """Remove a step of a stage; its cards go too only with ``drop_cards=True``."""

    stage: str
    step: str
    drop_cards: bool = False

    def apply(self, j: Journey) -> Applied:
        """Remove the step (and its cards, if allowed) from ``j``; the inverse puts them back."""
        steps = list(j.stage(self.stage).steps)
        if self.step not in steps:
            raise JourneyError(f"stage {self.stage!r} has no step {self.step!r}")
        t = j.table
        ids = tuple(t.loc[(t["stage"] == self.stage) & (t["step"] == self.step), "id"])
        dropped = _drop_cards(
            j, ids, self.drop_cards, f"step {self.step!r} of stage {self.stage!r}"
        )
        index = steps.index(self.step)
        del steps[index]
        _set_steps(j, self.stage, steps)
        return _removed(
            AddStep(self.stage, self.step, index),
            dropped,
            Change("remove_step", None, self.stage, self.step, None),
        )


@dataclass(frozen=True)
class RenameStep:
    """Rename a step of a stage, on the stage and on its cards."""

    stage: str
    old: str
    new: str

    def apply(self, j: Journey) -> Applied:
        """Rename the step on ``j`` and on its cards; the inverse renames it back."""
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
        return Applied(
            RenameStep(self.stage, self.new, self.old),
            [Change("rename_step", None, self.stage, self.old, self.new)],
        )


@dataclass(frozen=True)
class MoveStep:
    """Move a step of a stage to position ``index``."""

    stage: str
    step: str
    index: int

    def apply(self, j: Journey) -> Applied:
        """Move the step on ``j``; the inverse moves it back."""
        steps = list(j.stage(self.stage).steps)
        if self.step not in steps:
            raise JourneyError(f"stage {self.stage!r} has no step {self.step!r}")
        old = steps.index(self.step)
        steps.insert(check_index(self.index, len(steps)), steps.pop(old))
        _set_steps(j, self.stage, steps)
        return Applied(
            MoveStep(self.stage, self.step, old),
            [Change("move_step", None, self.stage, old, self.index)],
        )
