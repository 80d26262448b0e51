"""The shape every edit operation shares: what it changed, its inverse, and batches.

``op.apply(journey)`` validates first and raises :class:`JourneyError` before changing anything;
on success it returns :class:`Applied` with the inverse operation and the changes made.
Applying the inverse restores the previous state exactly (cards, order, dtypes, structure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from .errors import JourneyError
from .journey import Journey
from .structure import Lane, Stage


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
    """What applying an operation gives back: its ``inverse`` and the ``changes`` it made."""

    inverse: Op
    changes: list[Change]


class Op(Protocol):
    """An edit operation: anything with ``apply(journey) -> Applied``."""

    def apply(self, j: Journey) -> Applied:
        """Apply to ``j`` (validating first); return the inverse and the changes made."""


# ---- whole tables and batches ------------------------------------------------------------------
@dataclass(frozen=True)
class ReplaceCards:
    """Replace the card table (already validated) together with the stages and lanes it implies."""

    table: pd.DataFrame
    stages: tuple[Stage, ...]
    lanes: tuple[Lane, ...]

    def apply(self, j: Journey) -> Applied:
        """Replace the cards, stages and lanes of ``j``; the inverse puts the old ones back."""
        inverse = ReplaceCards(j.table, tuple(j.stages), tuple(j.lanes))
        old_n = len(j.table)
        j.table, j.stages, j.lanes = self.table, list(self.stages), list(self.lanes)
        return Applied(inverse, [Change("replace", None, None, old_n, len(self.table))])


@dataclass(frozen=True)
class Batch:
    """Several operations as one: all apply, or none (a failure undoes the ones before it)."""

    ops: tuple[Op, ...] = field(default=())

    def apply(self, j: Journey) -> Applied:
        """Apply every operation to ``j`` in order; the inverse undoes them all, last first."""
        done: list[Applied] = []
        try:
            for op in self.ops:
                done.append(op.apply(j))
        except JourneyError:
            for applied in reversed(done):
                applied.inverse.apply(j)
            raise
        return Applied(
            Batch(tuple(a.inverse for a in reversed(done))), [c for a in done for c in a.changes]
        )


def check_index(index: int, size: int) -> int:
    """``index``, checked to be an integer from 0 to ``size - 1`` (0 when ``size`` is 0)."""
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < max(size, 1):
        raise JourneyError(f"index must be an integer from 0 to {max(size - 1, 0)}, got {index!r}")
    return index
