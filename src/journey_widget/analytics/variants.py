"""Variants: the distinct activity sequences of cases, with counts, in NumPy.

Cases are grouped by a cheap 64-bit key (a sum of random words per activity and position), then
every case is checked event by event against its group's first case, so the grouping is exact; a
collision (never seen, but possible) falls back to grouping by the sequences themselves.

Which variants are kept when there are more than ``top``: the most frequent, ties by shorter
length, then by two :func:`~.mixing.mix` sums, which every engine computes alike (computed here
only for the variants tied at the cut). The kept ones are listed by
count (descending), then by their sequence.
"""

from __future__ import annotations

import itertools

import numpy as np

from .mixing import P, mix
from .raw import RawVariants
from .sorting import CHUNK, SortedLog


def case_keys(log: SortedLog, salt: int, cases: np.ndarray) -> np.ndarray:
    """For each case of ``cases``: ``sum(mix(code, position)) mod P`` over its events."""
    if len(cases) == 0:
        return np.empty(0, dtype=np.int64)
    lengths = log.lengths[cases]
    begin = np.cumsum(lengths) - lengths  # where each case starts in the gathered events
    within = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(begin, lengths)
    events = np.repeat(log.starts[cases], lengths) + within
    x = mix(log.act[events].astype(np.int64), within, salt)
    return np.add.reduceat(x, begin) % P


def _case_chunks(log: SortedLog) -> list[tuple[int, int, int, int]]:
    """(first case, end case, first event, end event) of runs of about CHUNK events."""
    if log.n_cases == 0:
        return []
    cut = np.searchsorted(log.starts, np.arange(0, len(log.act), CHUNK), side="left")
    cases = [*sorted(set(cut.tolist()) - {log.n_cases}), log.n_cases]
    ends = np.append(log.starts, len(log.act))
    return [(a, b, int(ends[a]), int(ends[b])) for a, b in itertools.pairwise(cases)]


def _fast_keys(log: SortedLog, pos: np.ndarray) -> np.ndarray:
    """A cheap 64-bit key per case: sum of random words per (activity, position), wrapping."""
    rng = np.random.default_rng(20240501)
    by_act = rng.integers(
        0, 2**63, size=max(len(log.act) and int(log.act.max()) + 1, 1), dtype=np.int64
    ).view(np.uint64)
    by_pos = (rng.integers(0, 2**62, size=int(log.lengths.max()) + 1, dtype=np.int64) * 2 + 1).view(
        np.uint64
    )
    keys = np.empty(log.n_cases, dtype=np.uint64)
    for c0, c1, e0, e1 in _case_chunks(log):
        x = by_act[log.act[e0:e1]]
        x *= by_pos[pos[e0:e1]]
        keys[c0:c1] = np.add.reduceat(x, log.starts[c0:c1] - e0)
    return keys


def _same_as_representative(log: SortedLog, pos: np.ndarray, rep: np.ndarray) -> bool:
    """Whether every case has exactly the activities of its representative case ``rep``."""
    if not np.array_equal(log.lengths[rep], log.lengths):
        return False
    for c0, c1, e0, e1 in _case_chunks(log):
        where = np.repeat(log.starts[rep[c0:c1]], log.lengths[c0:c1])
        where += pos[e0:e1]
        if not np.array_equal(log.act[where], log.act[e0:e1]):
            return False
    return True


def _exact_groups(log: SortedLog) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fallback grouping by the sequences themselves (slow, used only after a key collision)."""
    seqs = [
        tuple(log.act[s : s + n].tolist()) for s, n in zip(log.starts, log.lengths, strict=True)
    ]
    ids: dict[tuple[int, ...], int] = {}
    inverse = np.array([ids.setdefault(s, len(ids)) for s in seqs], dtype=np.int64)
    first = np.full(len(ids), -1, dtype=np.int64)
    for case in range(len(inverse) - 1, -1, -1):
        first[inverse[case]] = case
    return first, inverse, np.bincount(inverse, minlength=len(ids))


def _kept(log: SortedLog, first: np.ndarray, counts: np.ndarray, top: int | None) -> np.ndarray:
    """Indexes of the variants to list: by count, ties at the cut by length then mix keys."""
    order = np.argsort(-counts, kind="stable")
    if top is None or top >= len(order):
        return order
    cut = counts[order[top - 1]]
    sure = order[counts[order] > cut]
    tied = order[counts[order] == cut]
    lengths = log.lengths[first[tied]]
    k0 = case_keys(log, 0, first[tied])
    k1 = case_keys(log, 1, first[tied])
    tied = tied[np.lexsort((k1, k0, lengths))]
    return np.concatenate([sure, tied[: top - len(sure)]])


def variants(
    log: SortedLog, activities: list[str], top: int | None, pos: np.ndarray | None = None
) -> RawVariants:
    """Group cases by their activity sequence and keep the ``top`` most frequent sequences."""
    if log.n_cases == 0:
        return RawVariants([], [], 0, 0)
    pos = log.positions() if pos is None else pos
    key = _fast_keys(log, pos)
    _, first, inverse, counts = np.unique(
        key, return_index=True, return_inverse=True, return_counts=True
    )
    if not _same_as_representative(log, pos, first[inverse]):  # a key collision: group exactly
        first, inverse, counts = _exact_groups(log)
    kept = _kept(log, first, counts, top)
    names = np.array(activities, dtype=object)
    sequences = [
        tuple(names[log.act[log.starts[c] : log.starts[c] + log.lengths[c]]].tolist())
        for c in first[kept]
    ]
    kept_counts = counts[kept].tolist()
    listed = sorted(zip(sequences, kept_counts, strict=True), key=lambda sc: (-sc[1], sc[0]))
    return RawVariants(
        sequences=[s for s, _ in listed],
        counts=[c for _, c in listed],
        n_variants=len(first),
        n_cases=log.n_cases,
    )
