"""``analyze``: journey statistics from an event log, on the embedded engine or where it lives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .columns import read_pandas
from .engine_stats import _native_stats as _native_stats  # re-exported
from .engine_stats import numpy_stats as numpy_stats
from .engine_stats import run_native as run_native
from .frames import as_narwhals, choose_engine, to_pandas
from .params import Params, make_params
from .progress import Progress, progress_for
from .raw import RawStats
from .result import Analysis, build


def analyze(
    events: Any,
    *,
    case: str,
    activity: str,
    timestamp: str,
    stage_of: Any = None,
    stages: Sequence[str] | None = None,
    order: str = "loose",
    window: Any = None,
    scores: Any = None,
    tie_break: str | None = None,
    top_variants: int | None = 1000,
    engine: str = "auto",
    progress: bool | None = None,
    by: str | None = None,
) -> Analysis:
    """Funnel, transitions, variants and stage metrics of an event log.

    Parameters
    ----------
    events : table
        One row per event: a pandas DataFrame, PyArrow Table, Polars DataFrame or LazyFrame,
        DuckDB relation, PySpark DataFrame, or anything else narwhals accepts.
    case, activity, timestamp : str
        Column names: the case (customer, session, ticket) id, what happened, and when
        (datetimes, or ISO 8601 text). Timestamps are read to the microsecond.
    stage_of : dict or table, optional
        Maps activities to stages: ``{activity: stage}`` or a two-column table (activity,
        stage). Stage order is first appearance, or an ordered Categorical's categories.
        Without it, each activity is a stage.
    stages : list of str, optional
        The funnel's stages in order (a subset is allowed). Default: ``stage_of``'s order, or
        without ``stage_of`` the activities by their mean position inside cases.
    order : {"loose", "strict"}
        ``"loose"``: other events may happen between stages. ``"strict"``: the next stage must
        come directly after (repeats of the same stage do not break the chain).
    window : duration, optional
        Conversion window from entering the funnel, e.g. ``"7D"`` or ``pd.Timedelta(hours=1)``.
    scores : str, list or dict, optional
        Score columns to aggregate per stage, e.g. ``["csat"]`` (mean) or
        ``{"csat": ["mean", "count"]}``; aggregations: mean, median, sum, min, max, count.
    tie_break : str, optional
        A column that orders events with equal timestamps (e.g. a sequence number), before the
        activity name. Ties are always broken the same way on every engine: timestamp, then
        ``tie_break`` (missing last), then activity name (code point order).
    top_variants : int or None
        How many of the most frequent variants to list (None: all).
    engine : {"auto", "numpy", "native"}
        ``"auto"``: pandas and PyArrow run on the embedded NumPy engine; Polars, and DuckDB
        within its ``memory_limit``, are read by their engine and counted by the embedded one;
        everything else runs in its own engine through narwhals (docs/analytics.md, "Engines at
        scale"). Results are identical either way.
    progress : bool, optional
        Show a progress bar in a notebook; by default for logs of a million events or more.
    by : str, optional
        Segments: a column name, whose value at a case's first event is the case's segment,
        or ``"outcome"``: ``"converted"`` (reached the last stage) and ``"not converted"``.
        Every statistic is then computed per segment (with the whole log's stages) and each
        table gains a leading ``segment`` column; see docs/analytics.md, "Segments".

    Returns
    -------
    Analysis
        With ``funnel``, ``transitions``, ``variants``, ``stage_metrics`` and ``activities``
        DataFrames (see :class:`~journey_widget.analytics.Analysis`).

    Raises
    ------
    JourneyError
        On a missing column, missing case ids, activities or timestamps, unreadable timestamps
        or non-numeric scores, naming the column and the number of bad rows; on a ``by`` that
        names no column (or ``"outcome"`` when the log has such a column), or cases without a
        segment value at their first event (with their number).

    Examples
    --------
    >>> import pandas as pd
    >>> import journey_widget as jw
    >>> log = pd.DataFrame({
    ...     "user": ["u1", "u1", "u1", "u2", "u2"],
    ...     "event": ["view", "cart", "pay", "view", "cart"],
    ...     "at": pd.to_datetime(["2024-05-01 10:00", "2024-05-01 10:05", "2024-05-01 10:20",
    ...                           "2024-05-02 09:00", "2024-05-02 09:30"]),
    ... })
    >>> a = jw.analytics.analyze(log, case="user", activity="event", timestamp="at")
    >>> a.funnel[["stage", "reached", "overall_conversion"]]
      stage  reached  overall_conversion
    0  view        2                 1.0
    1  cart        2                 1.0
    2   pay        1                 0.5

    Segments: ``by="outcome"`` splits the cases that reached the last stage from the others.

    >>> b = jw.analytics.analyze(log, case="user", activity="event", timestamp="at", by="outcome")
    >>> b.funnel[["segment", "stage", "reached"]]
             segment stage  reached
    0      converted  view        1
    1      converted  cart        1
    2      converted   pay        1
    3  not converted  view        1
    4  not converted  cart        1
    5  not converted   pay        0
    """
    params = make_params(
        case=case,
        activity=activity,
        timestamp=timestamp,
        stage_of=stage_of,
        stages=stages,
        order=order,
        window=window,
        scores=scores,
        tie_break=tie_break,
        top_variants=top_variants,
    )
    chosen = choose_engine(events, engine)
    if by is not None:
        from .segments import analyze_segments

        segmented = analyze_segments(events, params, by, chosen, progress)
        return segmented._with_source(events, params, chosen)
    if chosen == "numpy":
        frame = to_pandas(events, params)
        with progress_for(progress, len(frame), 6) as bar:
            raw = run_numpy(frame, params, bar)
    else:
        lazy = as_narwhals(events)
        with progress_for(progress, None, 6) as bar:
            raw = run_native(lazy, params, bar)
    return build(raw, params, chosen)._with_source(events, params, chosen)


def run_numpy(frame: Any, params: Params, bar: Progress) -> RawStats:
    """All statistics on the embedded engine: one sort, then vectorised passes."""
    bar.step("reading columns")
    return numpy_stats(read_pandas(frame, params), params, bar)
