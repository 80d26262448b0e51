"""Operations on cards: edit a field, add, delete, move; and the row primitives behind them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .cards import (
    CORE_COLUMNS,
    OPTIONAL_COLUMNS,
    check_field_value,
    check_scores,
    is_missing,
    plain,
)
from .dtypes import set_cell
from .errors import JourneyError
from .journey import Journey
from .operation import Applied, Change
from .structure import check_name

_PLACEMENT = ("id", "stage", "step", "lane")

Layout = tuple[tuple[str, Any], ...]  # the table's columns and dtypes, in order


def layout(table: pd.DataFrame) -> Layout:
    """The table's columns and dtypes, in order (what an inverse restores)."""
    return tuple((str(c), t) for c, t in table.dtypes.items())


def _restore(j: Journey, before: Layout | None) -> None:
    """Put the table back to the columns and dtypes it had (inverses use this to be exact)."""
    if before is None:
        return
    names = [c for c, _ in before]
    table = j.table[names] if list(j.table.columns) != names else j.table
    changed = {c: t for c, t in before if table[c].dtype != t}
    j.table = table.astype(changed) if changed else table


def _with_columns(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Add missing optional columns (all missing) at their canonical place."""
    for column in columns:
        if column in table.columns:
            continue
        rank = OPTIONAL_COLUMNS.index(column)
        at = len(CORE_COLUMNS) + sum(1 for c in OPTIONAL_COLUMNS[:rank] if c in table.columns)
        table = table.copy(deep=False)
        table.insert(at, column, pd.Series(None, index=table.index, dtype=object))
    return table


def _check_score_for_lane(j: Journey, lane: str, score: Any) -> None:
    if not is_missing(score):
        check_scores(pd.Series([float(score)]), pd.Series([lane]), j.lanes, j.scale)


def _check_place(j: Journey, stage: str, step: str | None, lane: str) -> None:
    st = j.stage(stage)
    j.lane(lane)
    if step is not None and step not in st.steps:
        raise JourneyError(f"stage {stage!r} has no step {step!r}; its steps are {list(st.steps)}")


def _check_cell_index(index: Any) -> None:
    if index is not None and (isinstance(index, bool) or not isinstance(index, int) or index < 0):
        raise JourneyError(f"index must be an integer of 0 or more (None: last), got {index!r}")


@dataclass(frozen=True)
class EditCard:
    """Set one column of one card: ``text``, ``score``, an optional or an analyst column."""

    id: str
    field: str
    value: Any
    restore: Layout | None = None  # set on inverses: the columns and dtypes to return to

    def apply(self, j: Journey) -> Applied:
        """Set the value on ``j``; return the inverse (the old value back) and the change."""
        row = j.row_of(self.id)
        if self.field in _PLACEMENT:
            raise JourneyError(
                f"column {self.field!r} cannot be edited; move the card instead"
                if self.field != "id"
                else "a card's id cannot be changed"
            )
        created = self.field not in j.table.columns
        if created and self.field not in OPTIONAL_COLUMNS:
            raise JourneyError(
                f"there is no column {self.field!r}; editable columns are "
                f"{[c for c in j.table.columns if c not in _PLACEMENT]}"
            )
        value = check_field_value(self.field, self.value)
        if self.field == "score":
            _check_score_for_lane(j, str(j.table.at[row, "lane"]), value)
        before = layout(j.table)
        old = None if created else j.table.at[row, self.field]
        table = _with_columns(j.table, [self.field]).copy(deep=False)
        try:
            set_cell(table, row, self.field, value)
        except (TypeError, ValueError) as err:
            raise JourneyError(
                f"column {self.field!r} holds {j.table[self.field].dtype} values; "
                f"cannot store {value!r}"
            ) from err
        j.table = table
        _restore(j, self.restore)
        return Applied(
            EditCard(self.id, self.field, old, restore=before),
            [Change("edit", self.id, self.field, plain(old), plain(value))],
        )


@dataclass(frozen=True)
class AddCard:
    """Add a card to a cell at ``index`` (``None``: last). ``card`` must hold an ``id``.

    Optional columns the map lacks are created; the analyst's own columns must exist.
    """

    card: Mapping[str, Any]
    index: int | None = None

    def apply(self, j: Journey) -> Applied:
        """Add the card to ``j``; return the inverse (its removal) and the change."""
        card = dict(self.card)
        card_id = card.get("id")
        if not isinstance(card_id, str) or not card_id:
            raise JourneyError(f"a new card needs a string id, got {card_id!r}")
        if j.has_card(card_id):
            raise JourneyError(f"a card with id {card_id!r} already exists")
        stage, lane = check_name(card.get("stage"), "stage"), check_name(card.get("lane"), "lane")
        step = card.get("step")
        _check_place(j, stage, step, lane)
        _check_cell_index(self.index)
        card["text"] = check_field_value("text", card.get("text", ""))
        card["score"] = check_field_value("score", card.get("score"))
        _check_score_for_lane(j, lane, card["score"])
        unknown = [k for k in card if k not in j.table.columns and k not in OPTIONAL_COLUMNS]
        if unknown:
            raise JourneyError(
                f"unknown column(s) {unknown} for a new card; the map's columns "
                f"are {list(j.table.columns)}"
            )
        for key, value in card.items():
            if key not in ("text", "score"):
                check_field_value(key, value)
        before = layout(j.table)
        table = _with_columns(j.table, [k for k in card if k not in j.table.columns])
        row = pd.DataFrame({str(c): _one(card.get(str(c)), t) for c, t in table.dtypes.items()})
        position = j.insertion_row(stage, step, lane, self.index)
        j.table = table
        j.insert_rows(row, [position])
        return Applied(
            DropRows((card_id,), before), [Change("add", card_id, None, None, j.card(card_id))]
        )


def _one(value: Any, dtype: Any) -> pd.Series:
    """A one-value column in ``dtype`` when it can hold the value, else in pandas' choice."""
    if is_missing(value) and getattr(dtype, "kind", "O") in "iub":
        # NumPy ints and bools cannot hold a missing value; their nullable twins keep the
        # other cards' values ints (or bools) instead of upcasting them to floats.
        nullable = "boolean" if dtype.kind == "b" else str(dtype).capitalize().replace("Ui", "UI")
        return pd.Series([pd.NA], dtype=nullable)
    try:
        series: pd.Series = pd.Series([value], dtype=dtype)
        return series
    except (TypeError, ValueError):
        return pd.Series([float("nan") if is_missing(value) else value])


def DeleteCard(card_id: str) -> DropRows:
    """Delete a card (a :class:`DropRows` of one; named like the other operations)."""
    return DropRows((card_id,))


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
        """Move the card on ``j``; return the inverse (back to its old row) and the change."""
        old_row = j.row_of(self.id)
        before = j.position(self.id)
        _check_place(j, self.stage, self.step, self.lane)
        _check_cell_index(self.index)
        _check_score_for_lane(j, self.lane, j.table.at[old_row, "score"])
        if self.row is not None and not 0 <= self.row < len(j.table):
            raise JourneyError(f"row {self.row} is outside the table of {len(j.table)} cards")
        kept = j.table
        taken = j.drop_rows([old_row]).copy()
        taken["stage"], taken["lane"] = self.stage, self.lane
        taken["step"] = pd.Series([self.step], index=taken.index, dtype=kept["step"].dtype)
        try:
            target = (
                self.row
                if self.row is not None
                else j.insertion_row(self.stage, self.step, self.lane, self.index)
            )
            j.insert_rows(taken, [target])
        except Exception:
            j.table = kept  # never lose the card
            raise
        after = j.position(self.id)
        inverse = MoveCard(self.id, before["stage"], before["step"], before["lane"], row=old_row)
        return Applied(inverse, [Change("move", self.id, "position", before, after)])


@dataclass(frozen=True)
class InsertRows:
    """Put rows back at row positions (the inverse of deleting them)."""

    rows: pd.DataFrame
    positions: tuple[int, ...]
    restore: Layout | None = None

    def apply(self, j: Journey) -> Applied:
        """Put the rows back on ``j``; return the inverse (their removal) and the changes."""
        ids = [str(i) for i in self.rows["id"]]
        clash = [i for i in ids if j.has_card(i)]
        if clash:
            raise JourneyError(f"cards {clash} already exist")
        for _, card in self.rows.iterrows():
            _check_place(
                j, card["stage"], None if is_missing(card["step"]) else card["step"], card["lane"]
            )
        before = layout(j.table)
        j.insert_rows(self.rows, self.positions)
        _restore(j, self.restore)
        return Applied(
            DropRows(tuple(ids), before), [Change("add", i, None, None, j.card(i)) for i in ids]
        )


@dataclass(frozen=True)
class DropRows:
    """Remove cards by id, keeping them (with their dtypes) for the inverse."""

    ids: tuple[str, ...]
    restore: Layout | None = None

    def apply(self, j: Journey) -> Applied:
        """Remove the cards from ``j``; return the inverse (putting them back) and the changes."""
        positions = sorted(j.row_of(i) for i in self.ids)
        olds = {i: j.card(i) for i in self.ids}
        before = layout(j.table)
        taken = j.drop_rows(positions)
        _restore(j, self.restore)
        changes = [Change("delete", str(i), None, olds[str(i)], None) for i in taken["id"]]
        return Applied(InsertRows(taken, tuple(positions), before), changes)
