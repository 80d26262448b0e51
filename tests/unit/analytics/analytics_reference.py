"""A slow, obviously-correct reference for journey_widget.analytics, case by case in Python.

It implements the documented semantics directly (docs/analytics.md) with no vectorisation, so
the engines can be checked against it on random logs.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter, defaultdict
from typing import Any

import pandas as pd

US = 1_000_000


def _us(ts: pd.Timestamp) -> int:
    return int((ts - pd.Timestamp("1970-01-01")) // pd.Timedelta(microseconds=1))


def linear_quantile(values: list[int], q: float) -> float:
    values = sorted(values)
    h = (len(values) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (h - lo)


def ordered_cases(
    df: pd.DataFrame, case: str, activity: str, timestamp: str, tie_break: str | None = None
) -> dict[Any, list[tuple[int, str]]]:
    """Each case's events as (microseconds, activity), in the documented order."""
    cases: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for _, row in df.iterrows():
        tie = row[tie_break] if tie_break else None
        missing = tie is None or (isinstance(tie, float) and math.isnan(tie))
        cases[row[case]].append(
            (_us(pd.Timestamp(row[timestamp])), missing, 0 if missing else tie, str(row[activity]))
        )
    return {
        c: [(e[0], e[3]) for e in sorted(evs, key=lambda e: (e[0], e[1], e[2], e[3]))]
        for c, evs in cases.items()
    }


def transitions(cases: dict[Any, list[tuple[int, str]]]) -> dict[tuple[str, str], tuple]:
    durations: dict[tuple[str, str], list[int]] = defaultdict(list)
    for events in cases.values():
        for (t1, a1), (t2, a2) in itertools.pairwise(events):
            durations[(a1, a2)].append(t2 - t1)
    return {
        pair: (len(d), linear_quantile(d, 0.5), linear_quantile(d, 0.9))
        for pair, d in durations.items()
    }


def variants(cases: dict[Any, list[tuple[int, str]]]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(a for _, a in events) for events in cases.values())


def _loose(events: list[tuple[int, int]], n: int, window: int | None) -> list[int]:
    times: list[int] = []
    start = next((i for i, (_, s) in enumerate(events) if s == 0), None)
    if start is None:
        return times
    t0 = events[start][0]
    times.append(t0)
    pos = start
    for k in range(1, n):
        nxt = next(
            (
                i
                for i in range(pos + 1, len(events))
                if events[i][1] == k and (window is None or events[i][0] - t0 <= window)
            ),
            None,
        )
        if nxt is None:
            break
        times.append(events[nxt][0])
        pos = nxt
    return times


def _strict(events: list[tuple[int, int]], n: int, window: int | None) -> list[int]:
    visits: list[tuple[int, int]] = []
    for t, s in events:
        if not visits or visits[-1][1] != s:
            visits.append((t, s))
    start = next((i for i, (_, s) in enumerate(visits) if s == 0), None)
    if start is None:
        return []
    t0 = visits[start][0]
    times = [t0]
    for k in range(1, n):
        i = start + k
        if (
            i >= len(visits)
            or visits[i][1] != k
            or (window is not None and visits[i][0] - t0 > window)
        ):
            break
        times.append(visits[i][0])
    return times


def funnel(
    cases: dict[Any, list[tuple[int, str]]],
    stage_index: dict[str, int],
    n: int,
    order: str,
    window: int | None,
) -> list[tuple[int, float, float]]:
    """Per stage: (reached, median us to next, mean us to next)."""
    per_case = []
    for events in cases.values():
        staged = [(t, stage_index.get(a, -1)) for t, a in events]
        per_case.append((_strict if order == "strict" else _loose)(staged, n, window))
    out = []
    for k in range(n):
        reached = sum(1 for times in per_case if len(times) > k)
        deltas = [times[k + 1] - times[k] for times in per_case if len(times) > k + 1]
        out.append(
            (
                reached,
                float(statistics.median(deltas)) if deltas else math.nan,
                sum(deltas) / len(deltas) if deltas else math.nan,
            )
        )
    return out


def mean_positions(cases: dict[Any, list[tuple[int, str]]]) -> dict[str, float]:
    positions: dict[str, list[int]] = defaultdict(list)
    for events in cases.values():
        for i, (_, a) in enumerate(events):
            positions[a].append(i)
    return {a: sum(p) / len(p) for a, p in positions.items()}
