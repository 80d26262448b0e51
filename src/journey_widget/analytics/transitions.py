"""Directly-follows transitions (the DFG) with counts and duration quantiles, in NumPy.

A transition is a pair of consecutive events of one case, in (timestamp, tie-break, activity)
order. Its duration is the time between the two events. Quantiles use linear interpolation
between order statistics (NumPy's and pandas' default, DuckDB's ``quantile_cont``, Spark's
``percentile``).

Every consecutive pair of the sorted log is packed as (pair code, duration) into one int64 and
sorted; pairs that straddle two cases get a code past the last real one, so they sort to the end
and are cut off, with no compaction pass. Group bounds come from a binary search per pair code.
"""

from __future__ import annotations

import numpy as np

from .raw import RawTransitions
from .sorting import SortedLog, bits, chunks


def group_quantile(
    values: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
    q: float,
    scale: int = 1,
    mask: int | None = None,
) -> np.ndarray:
    """The ``q`` quantile (linear interpolation) of each group of an array sorted by group.

    The quantile is of the values (``& mask`` when given) times ``scale``.
    """
    h = (counts - 1) * q
    low = np.floor(h).astype(np.int64)
    high = np.minimum(low + 1, counts - 1)
    frac = h - low
    a, b = values[starts + low], values[starts + high]
    if mask is not None:
        a, b = a & mask, b & mask
    a = (a * scale).astype(np.float64)
    b = (b * scale).astype(np.float64)
    return a + (b - a) * frac  # type: ignore[no-any-return]


def _packed(log: SortedLog, k: int, b_dur: int) -> np.ndarray:
    """(pair code << b_dur) | duration/unit for every consecutive pair.

    Cross-case pairs get the code ``k * k``.
    """
    n = len(log.act) - 1
    packed = np.empty(n, dtype=np.int64)
    for part in chunks(n):
        p = packed[part]
        nxt = slice(part.start + 1, part.stop + 1)
        np.subtract(log.ts[nxt], log.ts[part], out=p)
        if log.unit > 1:
            p //= log.unit
        code = log.act[part].astype(np.int64)
        code *= k
        code += log.act[nxt]
        code <<= b_dur
        p |= code
    packed[log.starts[1:] - 1] = (k * k) << b_dur
    return packed


def transitions(log: SortedLog, activities: list[str]) -> RawTransitions:
    """Count every directly-follows pair and the median and 90th percentile of its duration."""
    k = max(len(activities), 1)
    n_pairs = len(log.act) - log.n_cases
    if n_pairs <= 0:
        return RawTransitions([], [], [], [], [])
    spans = log.ts[log.starts + log.lengths - 1] - log.ts[log.starts]
    b_dur = bits(int(spans.max()) // log.unit)
    mask: int | None = None
    if bits(k * k) + b_dur <= 63:
        packed = _packed(log, k, b_dur)
        packed.sort()
        packed = packed[:n_pairs]  # cross-case pairs sorted last
        if k * k <= 1 << 20:  # few pair codes: find each group by binary search
            codes = np.arange(k * k, dtype=np.int64)
            bounds = np.searchsorted(packed, np.append(codes, k * k) << b_dur)
            counts = np.diff(bounds)
            present = counts > 0
            codes, starts, counts = codes[present], bounds[:-1][present], counts[present]
        else:
            pairs = packed >> b_dur
            starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
            counts = np.diff(np.append(starts, n_pairs))
            codes = pairs[starts]
        values, mask = packed, (1 << b_dur) - 1
    else:  # rare: very long durations with many activities
        same = log.case[1:] == log.case[:-1]
        pair = log.act[:-1][same].astype(np.int64) * k + log.act[1:][same]
        dur = np.diff(log.ts)[same] // log.unit
        order = np.lexsort((dur, pair))
        pair, values = pair[order], dur[order]
        starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
        counts = np.diff(np.append(starts, len(pair)))
        codes = pair[starts]
    median = group_quantile(values, starts, counts, 0.5, log.unit, mask)
    p90 = group_quantile(values, starts, counts, 0.9, log.unit, mask)
    names = np.array(activities, dtype=object)
    return RawTransitions(
        source=names[codes // k].tolist(),
        target=names[codes % k].tolist(),
        count=counts.tolist(),
        median_us=median.tolist(),
        p90_us=p90.tolist(),
    )
