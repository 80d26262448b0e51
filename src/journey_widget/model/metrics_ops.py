"""The undoable edit that attaches stage metrics, and how metrics follow the map's stages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .journey import Journey
from .operation import Applied, Change


def current_metrics(journey: Journey) -> pd.DataFrame | None:
    """The journey's metrics for the stages it has now, or ``None`` when none are attached.

    Rows of a removed stage are kept aside, so undo brings them back.
    """
    table: pd.DataFrame | None = getattr(journey, "metrics", None)
    if table is None:
        return None
    return table[table["stage"].isin(journey.stage_names())].reset_index(drop=True)


@dataclass(frozen=True)
class SetMetrics:
    """Attach (or with ``None`` detach) a validated metrics table; undo restores the old one."""

    table: pd.DataFrame | None

    def apply(self, j: Journey) -> Applied:
        """Attach the table to ``j``; return the inverse (the old table back) and the change."""
        old = j.metrics
        j.metrics = self.table
        return Applied(
            SetMetrics(old), [Change("metrics", None, "metrics", _rows(old), _rows(self.table))]
        )


def _rows(table: pd.DataFrame | None) -> int | None:
    return None if table is None else len(table)


def rename_metric_stage(j: Journey, old: str, new: str) -> None:
    """Follow a stage rename in the attached metrics (called by the rename operation)."""
    table = j.metrics
    if table is not None and (table["stage"] == old).any():
        table = table.copy()
        table["stage"] = table["stage"].mask(table["stage"] == old, new)
        j.metrics = table
