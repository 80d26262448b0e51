"""The closed stage funnel in NumPy: which stages each case reached, and when.

Semantics (see docs/analytics.md):

- **Closed**: a case enters at its *first* event of the first stage; cases without one are not
  in the funnel. Later first-stage events do not restart it (Mixpanel's default "uniques").
- **Loose** order: stage k+1 is reached at the first event of stage k+1 after the event that
  reached stage k; anything may happen in between.
- **Strict** order: runs of consecutive events of one stage count as one visit; stage k+1 must
  be the very next visit after stage k's, so any other event in between (of another stage or of
  an activity outside the funnel) ends the case's progress.
- **Window**: every stage must be reached within ``window`` of the entry (inclusive).
- Time to next stage: from the event reaching stage k to the event reaching stage k+1, over the
  cases that reached k+1.
"""

from __future__ import annotations

import numpy as np

from .raw import RawFunnel
from .sorting import SortedLog, first_per_case

NOT_REACHED = np.iinfo(np.int64).min


def _loose(
    log: SortedLog, stage: np.ndarray, n_stages: int, window: int | None
) -> list[np.ndarray]:
    times = []
    n = log.n_codes
    entry = np.full(n, NOT_REACHED, dtype=np.int64)
    prev_pos = np.full(n, -1, dtype=np.int64)
    for k in range(n_stages):
        idx = np.flatnonzero(stage == k)
        cases = log.case[idx]
        if k > 0:
            before = prev_pos[cases]
            ok = (before >= 0) & (idx > before)
            if window is not None:
                ok &= log.ts[idx] - entry[cases] <= window
            idx = idx[ok]
        idx = first_per_case(idx, log.case)
        cases = log.case[idx]
        reached = np.full(n, NOT_REACHED, dtype=np.int64)
        reached[cases] = log.ts[idx]
        if k == 0:
            entry = reached
        prev_pos = np.full(n, -1, dtype=np.int64)
        prev_pos[cases] = idx
        times.append(reached)
    return times


def _strict(
    log: SortedLog, stage: np.ndarray, n_stages: int, window: int | None
) -> list[np.ndarray]:
    starts_visit = np.empty(len(stage), dtype=bool)
    if len(stage):
        starts_visit[0] = True
        np.not_equal(stage[1:], stage[:-1], out=starts_visit[1:])
    starts_visit[log.starts] = True
    visits = np.flatnonzero(starts_visit)
    v_stage, v_case, v_ts = stage[visits], log.case[visits], log.ts[visits]
    times = []
    current = np.flatnonzero(v_stage == 0)
    current = (
        current[np.concatenate(([True], v_case[current][1:] != v_case[current][:-1]))]
        if len(current)
        else current
    )
    entry = np.full(log.n_codes, NOT_REACHED, dtype=np.int64)
    entry[v_case[current]] = v_ts[current]
    times.append(entry)
    for k in range(1, n_stages):
        nxt = current + 1
        nxt = nxt[nxt < len(visits)]
        here = nxt - 1
        ok = (v_case[nxt] == v_case[here]) & (v_stage[nxt] == k)
        if window is not None:
            ok &= v_ts[nxt] - entry[v_case[nxt]] <= window
        current = nxt[ok]
        reached = np.full(log.n_codes, NOT_REACHED, dtype=np.int64)
        reached[v_case[current]] = v_ts[current]
        times.append(reached)
    return times


def stage_times(
    log: SortedLog, stage_of_act: np.ndarray, n_stages: int, order: str, window: int | None
) -> list[np.ndarray]:
    """Per stage, per case: the time (us) the case reached the stage, or ``NOT_REACHED``."""
    lut = stage_of_act.astype(np.int8 if n_stages < 127 else np.int32)
    stage = lut[log.act] if len(lut) else np.full(len(log.act), -1, dtype=np.int8)
    walk = _strict if order == "strict" else _loose
    return walk(log, stage, n_stages, window)


def exact_mean(values: np.ndarray) -> float:
    """The mean of int64 values, summed exactly (no overflow, no rounding before dividing)."""
    if len(values) == 0:
        return float("nan")
    high = int((values >> 24).sum())  # each part's sum stays far inside int64
    low = int((values & ((1 << 24) - 1)).sum())
    return ((high << 24) + low) / len(values)


def summarize(times: list[np.ndarray]) -> RawFunnel:
    """Reached counts and median/mean time to the next stage from per-case stage times."""
    reached, median, mean = [], [], []
    for k, t in enumerate(times):
        reached.append(int((t != NOT_REACHED).sum()))
        if k + 1 < len(times):
            nxt = times[k + 1]
            both = nxt != NOT_REACHED
            delta = nxt[both] - t[both]
            median.append(float(np.median(delta)) if len(delta) else float("nan"))
            mean.append(exact_mean(delta))
        else:
            median.append(float("nan"))
            mean.append(float("nan"))
    return RawFunnel(reached=reached, median_next_us=median, mean_next_us=mean)


def funnel(
    log: SortedLog, stage_of_act: np.ndarray, n_stages: int, order: str, window: int | None
) -> RawFunnel:
    """The funnel's counts and times (see the module docstring for the semantics)."""
    return summarize(stage_times(log, stage_of_act, n_stages, order, window))
