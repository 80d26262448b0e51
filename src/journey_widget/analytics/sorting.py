"""Order an event log by (case, timestamp, tie-break, activity) once, with one NumPy sort.

The cost of every journey statistic is this sort. When the key fits in 63 bits (case code, the
timestamp as a multiple of its coarsest exact unit, the tie-break code and the activity code), the
four columns are packed into one int64 and sorted in place, which NumPy does with SIMD
quicksort; the columns are then unpacked from the sorted keys, so no permutation is gathered.
Otherwise a lexicographic sort is the fallback.

Memory is the other cost: large fresh arrays are expensive to touch (page faults, more so in
virtual machines), so packing and unpacking work in chunks into a few compact arrays (int32
case codes, int16 activity codes where they fit) instead of creating full-size temporaries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .columns import EventArrays

#: Candidate timestamp units, coarsest first (microseconds): minute, second, millisecond.
_UNITS = (60_000_000, 1_000_000, 1_000)
#: Elements per chunk of the chunked passes (8 MB of int64).
CHUNK = 1 << 20


def bits(value: int) -> int:
    """How many bits hold the non-negative integer ``value``."""
    return int(value).bit_length()


def chunks(n: int, size: int = CHUNK) -> Iterator[slice]:
    """Slices covering ``0..n`` in order, each at most ``size`` long."""
    for start in range(0, n, size):
        yield slice(start, min(start + size, n))


def code_dtype(count: int) -> type[np.signedinteger]:
    """The smallest of int16/int32/int64 that holds codes ``0..count``."""
    if count < 2**15:
        return np.int16
    return np.int32 if count < 2**31 else np.int64


def exact_unit(values: np.ndarray, offset: int = 0) -> int:
    """The coarsest of minute/second/millisecond (in us) dividing every ``value - offset``.

    1 when none of them does.
    """
    for unit in _UNITS:
        if all(not np.any((values[part] - offset) % unit) for part in chunks(len(values))):
            return unit
    return 1


@dataclass
class SortedLog:
    """The events in (case, time, tie-break, activity) order, with case boundaries."""

    case: np.ndarray  # per event: the case code (non-decreasing), 0 <= code < n_codes
    act: np.ndarray  # activity codes
    ts: np.ndarray  # int64 microseconds
    starts: np.ndarray  # int64 index of each case's first event
    lengths: np.ndarray  # int64 events per case
    n_codes: int  # bound on the case codes (size of per-case-code arrays)
    unit: int  # a unit (us) dividing every timestamp difference

    @property
    def n_cases(self) -> int:
        """The number of cases."""
        return len(self.starts)

    def positions(self) -> np.ndarray:
        """Each event's 0-based position inside its case (int32 when it fits)."""
        n = len(self.act)
        longest = int(self.lengths.max()) if len(self.lengths) else 0
        pos = np.ones(n, dtype=np.int32 if longest < 2**31 else np.int64)
        if n:
            pos[0] = 0
            pos[self.starts[1:]] = 1 - self.lengths[:-1]
            np.cumsum(pos, out=pos)
        return pos


def _pack(events: EventArrays, t0: int, unit: int, shifts: tuple[int, int, int]) -> np.ndarray:
    s_case, s_ts, s_tie = shifts
    key = np.empty(len(events), dtype=np.int64)
    for part in chunks(len(events)):
        k = key[part]
        np.subtract(events.ts[part], t0, out=k)
        if unit > 1:
            k //= unit
        k <<= s_ts
        k |= events.case[part].astype(np.int64) << s_case
        if events.tie is not None:
            k |= events.tie[part].astype(np.int64) << s_tie
        k |= events.activity[part]
    return key


def sort_log(events: EventArrays) -> SortedLog:
    """Sort the events by (case, timestamp, tie-break, activity)."""
    n = len(events)
    n_acts = max(len(events.activities), 1)
    if n == 0:
        empty = np.empty(0, dtype=np.int64)
        return SortedLog(empty, empty.astype(np.int16), empty, empty, empty, 1, 1)
    t0 = int(events.ts.min())
    unit = exact_unit(events.ts, t0)
    b_act = bits(n_acts - 1)
    b_tie = bits(events.n_tie_codes - 1) if events.tie is not None else 0
    b_ts = bits((int(events.ts.max()) - t0) // unit)
    b_case = bits(events.n_case_codes - 1)
    case_type, act_type = code_dtype(events.n_case_codes), code_dtype(n_acts)
    if b_case + b_ts + b_tie + b_act <= 63:
        key = _pack(events, t0, unit, (b_ts + b_tie + b_act, b_tie + b_act, b_act))
        key.sort()
        case, act = np.empty(n, dtype=case_type), np.empty(n, dtype=act_type)
        for part in chunks(n):  # unpack case and activity, then turn the keys into timestamps
            k = key[part]
            act[part] = k & ((1 << b_act) - 1)
            case[part] = k >> (b_ts + b_tie + b_act)
            k >>= b_tie + b_act
            k &= (1 << b_ts) - 1
            k *= unit
            k += t0
        ts = key
    else:
        keys = [events.activity] + ([events.tie] if events.tie is not None else [])
        order = np.lexsort((*keys, events.ts, events.case))
        case = events.case[order].astype(case_type)
        act = events.activity[order].astype(act_type)
        ts = events.ts[order]
        del order
    starts = np.flatnonzero(np.concatenate(([True], case[1:] != case[:-1]))).astype(np.int64)
    lengths = np.diff(np.append(starts, n)).astype(np.int64)
    return SortedLog(
        case=case,
        act=act,
        ts=ts,
        starts=starts,
        lengths=lengths,
        n_codes=events.n_case_codes,
        unit=unit,
    )


def first_per_case(index: np.ndarray, case: np.ndarray) -> np.ndarray:
    """The first of the ascending event indexes ``index`` in each case."""
    if len(index) == 0:
        return index
    cases = case[index]
    keep = np.empty(len(index), dtype=bool)
    keep[0] = True
    np.not_equal(cases[1:], cases[:-1], out=keep[1:])
    return index[keep]
