"""Columns of an in-memory event log as NumPy arrays, with errors naming the bad rows.

The embedded engine works on integer codes: case ids and activities are dictionary-encoded
(with PyArrow when the column is Arrow-backed, which is much faster on text), timestamps become
microseconds since the epoch (UTC), score columns float64.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..model.errors import JourneyError
from .params import Params

#: Logs at least this long encode case ids and activities in two threads.
PARALLEL_ROWS = 200_000


@dataclass
class EventArrays:
    """An event log as arrays of equal length, in input row order."""

    case: np.ndarray  # int32 (or int64) codes, 0 <= code < n_case_codes
    n_case_codes: int
    activity: np.ndarray  # int16 (or int32) codes into ``activities`` (sorted by name)
    activities: list[str]
    ts: np.ndarray  # int64 microseconds since the epoch, UTC
    tie: np.ndarray | None  # int64 codes in the tie-break column's sort order
    n_tie_codes: int
    scores: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.case)


def _first(series: pd.Series, mask: np.ndarray) -> str:
    label = series.index[int(np.flatnonzero(mask)[0])]
    label = label.item() if hasattr(label, "item") else label
    return f"row {label!r}"


def _missing(series: pd.Series, mask: np.ndarray, column: str, what: str) -> None:
    count = int(mask.sum())
    if count:
        raise JourneyError(
            f"column {column!r} has {count} missing value(s), first at "
            f"{_first(series, mask)}; every event needs {what}"
        )


def _arrow(series: pd.Series) -> Any:
    """The column as a PyArrow array when it is Arrow-backed (no copy), else ``None``."""
    if not hasattr(series.array, "__arrow_array__"):
        return None
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - Arrow-backed columns imply pyarrow
        return None
    return pa.chunked_array(pa.array(series.array))


def encode(series: pd.Series, column: str, what: str) -> tuple[np.ndarray, list[Any]]:
    """Dictionary-encode a column: codes (int64, in first-appearance order) and the values.

    Raises :class:`JourneyError` when the column has missing values.
    """
    arrow = _arrow(series)
    if arrow is not None and arrow.null_count == 0:
        encoded = arrow.dictionary_encode()
        values = encoded.chunk(0).dictionary.to_pylist() if encoded.num_chunks else []
        parts = [c.indices.to_numpy(zero_copy_only=False) for c in encoded.chunks]
        codes = parts[0] if len(parts) == 1 else np.concatenate(parts or [np.empty(0, np.int32)])
        return codes, values
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    _missing(series, codes < 0, column, what)
    return codes.astype(np.int32 if len(uniques) < 2**31 else np.int64), list(uniques)


def case_codes(series: pd.Series, column: str) -> tuple[np.ndarray, int]:
    """Case codes and how many codes there may be (dense integer ids are used as they are)."""
    if series.dtype.kind in "iu" and len(series) and not series.hasnans:
        ids = series.to_numpy()
        low = int(ids.min())
        span = int(ids.max()) - low + 1
        if span <= 2 * len(ids) + 1024:  # dense integer ids: their offsets are the codes
            return (ids - low).astype(np.int32 if span < 2**31 else np.int64), span
    codes, values = encode(series, column, "a case id")
    return codes, max(len(values), 1)


def activity_codes(series: pd.Series, column: str) -> tuple[np.ndarray, list[str]]:
    """Activity codes ranked by activity name (code point order), and the sorted names."""
    codes, values = encode(series, column, "an activity")
    names = [str(v) for v in values]
    ordered = sorted(set(names))
    rank = {name: i for i, name in enumerate(ordered)}
    lut = np.array([rank[n] for n in names], dtype=np.int16 if len(ordered) < 2**15 else np.int32)
    return (lut[codes] if len(lut) else codes.astype(lut.dtype)), ordered


def timestamps_us(series: pd.Series, column: str) -> np.ndarray:
    """Microseconds since the epoch (UTC) as int64; naive times are taken as they are.

    Text is parsed as ISO 8601 first, then with pandas' format inference. Raises
    :class:`JourneyError` naming the column and the number of missing or unreadable values.
    """
    dtype = series.dtype
    if isinstance(dtype, pd.ArrowDtype) and not pd.api.types.is_datetime64_any_dtype(dtype):
        series = series.astype(object)
        dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        raise JourneyError(
            f"column {column!r} holds numbers ({dtype}); expected datetimes or ISO 8601 text. "
            f"Convert epoch numbers first, e.g. pd.to_datetime(df[{column!r}], unit='s')"
        )
    if not pd.api.types.is_datetime64_any_dtype(dtype):
        series = _parse(series, column)
    elif isinstance(series.dtype, pd.ArrowDtype):
        aware = series.dt.tz is not None
        series = series.astype("datetime64[us, UTC]" if aware else "datetime64[us]")
    if series.dt.tz is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    missing = series.isna().to_numpy()
    _missing(series, missing, column, "a timestamp")
    return series.to_numpy(dtype="datetime64[us]").view(np.int64)


def parse_text(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Text parsed as UTC timestamps, and the mask of present values that could not be read.

    Parsing tries ISO 8601 first, then pandas' inference.
    """
    present = series.notna().to_numpy()
    best: pd.Series | None = None
    best_bad = np.ones(len(series), dtype=bool)
    for fmt in ("ISO8601", None):
        try:
            parsed = pd.to_datetime(series, errors="coerce", utc=True, format=fmt)
        except (ValueError, TypeError):
            continue
        bad = parsed.isna().to_numpy() & present
        if best is None or bad.sum() < best_bad.sum():
            best, best_bad = parsed, bad
        if not bad.any():
            break
    if best is None:
        best = pd.Series(pd.NaT, index=series.index, dtype="datetime64[us, UTC]")
    return best, best_bad


def _parse(series: pd.Series, column: str) -> pd.Series:
    _missing(series, series.isna().to_numpy(), column, "a timestamp")
    best, best_bad = parse_text(series)
    if best_bad.any():
        count = int(best_bad.sum())
        example = series[series.index[int(np.flatnonzero(best_bad)[0])]]
        raise JourneyError(
            f"column {column!r} has {count} value(s) that are not timestamps, e.g. {example!r} "
            f"at {_first(series, best_bad)}; expected datetimes or ISO 8601 text such as "
            "'2024-03-01 09:30:00'"
        )
    return best


def tie_codes(series: pd.Series) -> tuple[np.ndarray, int]:
    """Codes in the column's ascending sort order; missing values sort last."""
    codes, uniques = pd.factorize(series, sort=True, use_na_sentinel=True)
    codes = codes.astype(np.int64, copy=False)
    codes[codes < 0] = len(uniques)
    return codes, len(uniques) + 1


def score_values(series: pd.Series, column: str) -> np.ndarray:
    """A score column as float64 (NaN where missing); text that is not a number raises."""
    if pd.api.types.is_bool_dtype(series.dtype):
        raise JourneyError(f"column {column!r} holds booleans; a score column holds numbers")
    numbers = pd.to_numeric(series, errors="coerce")
    bad = numbers.isna().to_numpy() & series.notna().to_numpy()
    if bad.any():
        example = series[series.index[int(np.flatnonzero(bad)[0])]]
        raise JourneyError(
            f"column {column!r} has {int(bad.sum())} value(s) that are not "
            f"numbers, e.g. {example!r} at {_first(series, bad)}; a score column "
            "holds numbers or missing values"
        )
    if numbers.dtype == np.float64:
        return np.asarray(numbers)  # no copy
    return pd.Series(numbers).to_numpy(dtype=np.float64, na_value=np.nan)


def check_columns(available: list[str], params: Params) -> None:
    """Raise when the log lacks a column the analysis needs."""
    roles = [(params.case, "case"), (params.activity, "activity"), (params.timestamp, "timestamp")]
    if params.tie_break is not None:
        roles.append((params.tie_break, "tie_break"))
    roles += [(column, "scores") for column, _ in params.scores]
    for name, role in roles:
        if name not in available:
            shown = ", ".join(repr(c) for c in available[:20])
            more = f" and {len(available) - 20} more" if len(available) > 20 else ""
            raise JourneyError(
                f"the event log has no column {name!r} (given as {role}); its "
                f"columns are {shown}{more}"
            )


def encode_ids(
    case: pd.Series, activity: pd.Series, params: Params
) -> tuple[np.ndarray, int, np.ndarray, list[str]]:
    """Case codes and their count, activity codes and names, of the two id columns.

    See :func:`case_codes` and :func:`activity_codes`; on large logs the two dictionary
    encodings run in two threads (they release the GIL).
    """
    if len(case) >= PARALLEL_ROWS:
        with ThreadPoolExecutor(2) as pool:
            acts = pool.submit(activity_codes, activity, params.activity)
            cases, n_cases = case_codes(case, params.case)
            act_codes, names = acts.result()
    else:
        cases, n_cases = case_codes(case, params.case)
        act_codes, names = activity_codes(activity, params.activity)
    return cases, n_cases, act_codes, names


def read_pandas(frame: pd.DataFrame, params: Params) -> EventArrays:
    """Validate and encode the columns of a pandas event log."""
    check_columns([str(c) for c in frame.columns], params)
    cases, n_cases, act_codes, names = encode_ids(
        frame[params.case], frame[params.activity], params
    )
    ts = timestamps_us(frame[params.timestamp], params.timestamp)
    tie, n_tie = (None, 1)
    if params.tie_break is not None:
        tie, n_tie = tie_codes(frame[params.tie_break])
    scores = {column: score_values(frame[column], column) for column, _ in params.scores}
    return EventArrays(
        case=cases,
        n_case_codes=n_cases,
        activity=act_codes,
        activities=names,
        ts=ts,
        tie=tie,
        n_tie_codes=n_tie,
        scores=scores,
    )
