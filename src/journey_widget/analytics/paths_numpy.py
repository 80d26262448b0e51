"""Paths on the embedded engine: one sort of the log, then vectorised walks from each anchor.

Each case's events (sorted by :mod:`.sorting`) become *runs*: maximal blocks of consecutive
events with the same step label when repeats collapse, else single events. A case's anchor event
lies in one run; its path is the labels of the next (or previous) ``steps`` runs of the case.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .columns import EventArrays, read_pandas
from .params import Params
from .paths_types import PathRequest, RawPaths
from .sorting import SortedLog, first_per_case, sort_log

if TYPE_CHECKING:
    from .result import Analysis


def last_per_case(index: np.ndarray, case: np.ndarray) -> np.ndarray:
    """The last of the ascending event indexes ``index`` in each case."""
    if len(index) == 0:
        return index
    cases = case[index]
    keep = np.empty(len(index), dtype=bool)
    keep[-1] = True
    np.not_equal(cases[1:], cases[:-1], out=keep[:-1])
    return index[keep]


def walk(
    log: SortedLog, label: np.ndarray, anchors: np.ndarray, steps: int, after: bool, collapse: bool
) -> np.ndarray:
    """The labels of the ``steps`` runs after (or before) each anchor event's run.

    ``anchors``: ascending event indexes, one per case. Rows list the nearest run first; -1
    past the case's end (or beginning).
    """
    n = len(label)
    if len(anchors) == 0:
        return np.empty((0, steps), dtype=np.int64)
    run_start = np.ones(n, dtype=bool)
    if collapse:
        run_start[1:] = label[1:] != label[:-1]
        run_start[log.starts] = True
    run_id = np.cumsum(run_start) - 1
    run_label = label[run_start].astype(np.int64)
    first_run = run_id[log.starts]
    end_run = np.append(first_run[1:], len(run_label))
    case = np.searchsorted(log.starts, anchors, side="right") - 1
    here = run_id[anchors]
    columns = []
    for j in range(1, steps + 1):
        r = here + j if after else here - j
        ok = r < end_run[case] if after else r >= first_run[case]
        columns.append(np.where(ok, run_label[np.clip(r, 0, len(run_label) - 1)], -1))
    return np.stack(columns, axis=1)


def count_rows(matrix: np.ndarray, labels: list[str], anchored: int) -> RawPaths:
    """Distinct rows of label codes (-1: none) with their counts, as label tuples."""
    if len(matrix) == 0:
        return RawPaths({}, anchored)
    rows, counts = np.unique(matrix, axis=0, return_counts=True)
    names = [*labels, None]  # code -1 picks the last: None
    return RawPaths(
        {
            tuple(names[c] for c in row): int(k)
            for row, k in zip(rows.tolist(), counts.tolist(), strict=True)
        },
        anchored,
    )


def numpy_paths(frame: pd.DataFrame, params: Params, req: PathRequest, a: Analysis) -> RawPaths:
    """Count the paths of ``req`` in a pandas log (see :mod:`.paths` for the semantics)."""
    return arrays_paths(read_pandas(frame, replace(params, scores=())), params, req, a)


def arrays_paths(events: EventArrays, params: Params, req: PathRequest, a: Analysis) -> RawPaths:
    """Count the paths of ``req`` in an encoded log."""
    acts = events.activities
    log = sort_log(events)
    del events
    labels = sorted({req.label(x) for x in acts})
    index = {name: i for i, name in enumerate(labels)}
    lut = np.array([index[req.label(x)] for x in acts], dtype=np.int64)
    label = lut[log.act] if len(lut) else np.empty(0, dtype=np.int64)
    if req.dropped_at is not None:
        from .paths_dropoff import numpy_dropoff_anchors

        anchors = numpy_dropoff_anchors(log, acts, params, req, a)
    else:
        codes = [i for i, x in enumerate(acts) if x in req.anchor_acts]
        hits = np.flatnonzero(np.isin(log.act, codes))
        pick = first_per_case if req.direction == "after" else last_per_case
        anchors = pick(hits, log.case)
    matrix = walk(log, label, anchors, req.steps, req.direction == "after", req.collapse)
    return count_rows(matrix, labels, len(anchors))
