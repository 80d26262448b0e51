"""Per-stage aggregates of score columns (e.g. CSAT answers attached to events), in NumPy.

Every event of a stage that carries a score counts once (event-level, not case-level).
``median`` interpolates linearly between the two middle values; ``count`` is the number of
scores. Results become rows of the tidy metrics table (stage, metric, value, unit, n).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import EventArrays
from .params import Params


def metric_name(column: str, agg: str) -> str:
    """The name of a score aggregate in the metrics table, e.g. ``"csat mean"``."""
    return f"{column} {agg}"


def stage_metrics(
    events: EventArrays, stage_of_act: np.ndarray, n_stages: int, params: Params
) -> tuple[list[int], list[tuple[int, str, float, int]]]:
    """Events per stage, and ``(stage index, metric, value, n)`` rows for the score columns."""
    lut = stage_of_act.astype(np.int8 if n_stages < 127 else np.int32)
    stage = lut[events.activity] if len(lut) else np.full(len(events), -1, dtype=np.int8)
    mapped = stage >= 0
    counts = np.bincount(stage[mapped], minlength=n_stages)[:n_stages]
    rows: list[tuple[int, str, float, int]] = []
    for column, aggs in params.scores:
        values = events.scores[column]
        ok = mapped & ~np.isnan(values)
        grouped = pd.Series(values[ok]).groupby(stage[ok])
        table = grouped.agg(list(aggs)).reindex(range(n_stages))
        n = grouped.count().reindex(range(n_stages)).fillna(0).astype(int)
        for k in range(n_stages):
            if n[k] == 0:
                continue
            for agg in aggs:
                value = table[agg].to_numpy(dtype=np.float64)[k]
                rows.append((k, metric_name(column, agg), float(value), int(n[k])))
    return counts.astype(int).tolist(), rows
