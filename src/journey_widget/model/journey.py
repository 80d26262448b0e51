"""The journey map's state: metadata plus the canonical card table, and row-level primitives.

A :class:`Journey` changes only through operations (:mod:`journey_widget.model.ops`); each
application returns the exact inverse, which is what undo and redo are built on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol, TypeVar

import numpy as np
import pandas as pd

from .cards import card_table, is_missing, plain
from .errors import JourneyError
from .metrics_table import metrics_table
from .participation import EMPTY, Participation
from .structure import (
    Lane,
    Persona,
    Scale,
    Stage,
    check_state,
    to_lane,
    to_persona,
    to_scale,
    to_stage,
    unique_names,
)

_Result = TypeVar("_Result", covariant=True)
_R = TypeVar("_R")


class Applicable(Protocol[_Result]):
    """Anything :meth:`Journey.apply` can apply: every operation in :mod:`.ops`."""

    def apply(self, j: Journey, /) -> _Result:
        """Apply to ``j`` and return what the application gives back (its inverse)."""


Axis = Literal["stage", "lane"]


class Journey:
    """A journey map as pure data: no widgets, no charts.

    Parameters
    ----------
    cards : pandas.DataFrame, optional
        One row per card with at least ``stage``, ``lane`` and ``text``.
    stages, lanes : sequence, optional
        The order of stages and lanes (names, dicts or :class:`Stage`/:class:`Lane`).
    scale : (min, max) or dict or Scale, optional
        The emotion scale, -2..2 by default.
    title, persona, state : optional
        Map metadata; ``state`` is ``"current"`` or ``"future"``.
    metrics : DataFrame, optional
        Stage metrics (stage, metric, value, optional target, unit, n); see
        :func:`~journey_widget.model.metrics_table.metrics_table`. ``None``: no metrics.
    participation : Participation, optional
        Comments, voting rounds and votes (:mod:`.participation`); none by default.

    Examples
    --------
    >>> import pandas as pd
    >>> j = Journey(pd.DataFrame({"stage": ["Browse"], "lane": ["Actions"], "text": ["Search"]}))
    >>> j.stage_names(), j.lane_names()
    (['Browse'], ['Actions'])
    """

    def __init__(
        self,
        cards: pd.DataFrame | None = None,
        *,
        stages: Sequence[str | Stage | Mapping[str, Any]] | None = None,
        lanes: Sequence[str | Lane | Mapping[str, Any]] | None = None,
        scale: Scale | Mapping[str, Any] | tuple[float, float] | None = None,
        title: str = "",
        persona: str | Persona | Mapping[str, Any] | None = None,
        state: str = "current",
        metrics: pd.DataFrame | None = None,
        participation: Participation | None = None,
    ) -> None:
        self.scale = to_scale(scale)
        stage_list = None if stages is None else [to_stage(s) for s in stages]
        lane_list = None if lanes is None else [to_lane(x) for x in lanes]
        if stage_list is not None:
            unique_names([s.name for s in stage_list], "stage names")
        if lane_list is not None:
            unique_names([x.name for x in lane_list], "lane names")
        self.table, self.stages, self.lanes = card_table(cards, stage_list, lane_list, self.scale)
        self.title = str(title or "")
        self.persona = to_persona(persona)
        self.state = check_state(state)
        self.metrics: pd.DataFrame | None = (
            None if metrics is None else metrics_table(metrics, self.stage_names())
        )
        self.participation: Participation = participation or EMPTY

    # ---- queries -------------------------------------------------------------------------
    def stage_names(self) -> list[str]:
        """The stage names, in map order."""
        return [s.name for s in self.stages]

    def lane_names(self) -> list[str]:
        """The lane names, in map order."""
        return [x.name for x in self.lanes]

    def items(self, axis: Axis) -> list[Stage] | list[Lane]:
        """The stages or the lanes, by ``axis``."""
        return self.stages if axis == "stage" else self.lanes

    def index_of(self, axis: Axis, name: str) -> int:
        """The position of the stage or lane ``name``; raises when there is none."""
        names = self.stage_names() if axis == "stage" else self.lane_names()
        if name not in names:
            raise JourneyError(f"there is no {axis} {name!r}; the map's {axis}s are {names}")
        return names.index(name)

    def stage(self, name: str) -> Stage:
        """The stage called ``name``; raises when there is none."""
        return self.stages[self.index_of("stage", name)]

    def lane(self, name: str) -> Lane:
        """The lane called ``name``; raises when there is none."""
        return self.lanes[self.index_of("lane", name)]

    def columns(self) -> list[tuple[str, str | None]]:
        """The map's columns in order, as ``(stage, step)``.

        A stage without steps is one column ``(stage, None)``; a stage with steps has one column
        per step, preceded by ``(stage, None)`` only when one of its cards has no step.
        """
        t = self.table
        stepless = set(t.loc[t["step"].isna(), "stage"])
        result: list[tuple[str, str | None]] = []
        for stage in self.stages:
            if not stage.steps or stage.name in stepless:
                result.append((stage.name, None))
            result.extend((stage.name, step) for step in stage.steps)
        return result

    def row_of(self, card_id: str) -> int:
        """The row position of a card; raises when there is no such card."""
        hits = np.flatnonzero(self.table["id"].to_numpy() == card_id)
        if not len(hits):
            raise JourneyError(f"there is no card with id {card_id!r}")
        return int(hits[0])

    def has_card(self, card_id: str) -> bool:
        """True when a card has the id ``card_id``."""
        return bool((self.table["id"].to_numpy() == card_id).any())

    def cell_rows(self, stage: str, step: str | None, lane: str) -> np.ndarray:
        """Row positions of the cards of one cell, in order."""
        t = self.table
        mask = (t["stage"].to_numpy() == stage) & (t["lane"].to_numpy() == lane)
        steps = t["step"]
        mask &= steps.isna().to_numpy() if step is None else (steps.to_numpy() == step)
        return np.flatnonzero(mask)

    def card(self, card_id: str) -> dict[str, Any]:
        """One card as a dict of its columns (missing values as ``None``)."""
        row = self.table.iloc[self.row_of(card_id)]
        return {str(k): plain(v) for k, v in row.items()}

    def position(self, card_id: str) -> dict[str, Any]:
        """Where a card sits: stage, step, lane and index inside its cell."""
        row = self.row_of(card_id)
        card = self.table.iloc[row]
        step = None if is_missing(card["step"]) else str(card["step"])
        cell = self.cell_rows(str(card["stage"]), step, str(card["lane"]))
        return {
            "stage": str(card["stage"]),
            "step": step,
            "lane": str(card["lane"]),
            "index": int(np.flatnonzero(cell == row)[0]),
        }

    def count_cards(self, column: str, value: str, stage: str | None = None) -> int:
        """How many cards hold ``value`` in ``column`` (only those of ``stage`` when given)."""
        mask = self.table[column] == value
        if stage is not None:
            mask &= self.table["stage"] == stage
        return int(mask.sum())

    # ---- row primitives (used by operations only) ----------------------------------------
    def insert_rows(self, rows: pd.DataFrame, positions: Sequence[int]) -> None:
        """Insert ``rows`` so that row ``i`` ends at ``positions[i]`` (ascending)."""
        n, k = len(self.table), len(rows)
        order = np.empty(n + k, dtype=np.int64)
        taken = np.zeros(n + k, dtype=bool)
        taken[list(positions)] = True
        order[taken] = np.arange(n, n + k)
        order[~taken] = np.arange(n)
        combined = pd.concat([self.table, rows.reset_index(drop=True)], ignore_index=True)
        self.table = combined.iloc[order].reset_index(drop=True)

    def drop_rows(self, positions: Sequence[int]) -> pd.DataFrame:
        """Remove rows by position and return them (with their dtypes) for an exact inverse."""
        taken = self.table.iloc[list(positions)]
        self.table = self.table.drop(index=self.table.index[list(positions)]).reset_index(drop=True)
        return taken

    def insertion_row(self, stage: str, step: str | None, lane: str, index: int | None) -> int:
        """The row position at which a card lands as the ``index``-th card of a cell."""
        cell = self.cell_rows(stage, step, lane)
        if index is not None and index < 0:
            raise JourneyError(f"index must be 0 or more, got {index}")
        if index is not None and index < len(cell):
            return int(cell[index])
        return int(cell[-1]) + 1 if len(cell) else len(self.table)

    def apply(self, op: Applicable[_R]) -> _R:
        """Apply an operation; return its inverse and the changes it made."""
        return op.apply(self)


def as_journey(source: Any, what: str = "map") -> Journey:
    """The :class:`Journey` behind a ``JourneyMap``, a ``Journey`` or a card DataFrame.

    A DataFrame is validated like any map input (stage and lane order from first appearance).
    """
    if isinstance(source, Journey):
        return source
    journey = getattr(source, "journey", None)
    if isinstance(journey, Journey):
        return journey
    if isinstance(source, pd.DataFrame):
        return Journey(source)
    raise JourneyError(
        f"{what} must be a JourneyMap, a Journey or a DataFrame of cards, "
        f"got {type(source).__name__}"
    )
