"""``analyze``: journey statistics from an event log, on the embedded engine or where it lives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .columns import read_pandas
from .frames import as_narwhals, choose_engine, to_pandas
from .funnel import funnel as numpy_funnel
from .lazy import ACT, Prepared, prepare
from .params import Params, make_params
from .progress import Progress, progress_for
from .raw import RawStats, stage_plan
from .result import Analysis, build
from .sorting import sort_log
from .stage_metrics import stage_metrics as numpy_stage_metrics
from .transitions import transitions as numpy_transitions
from .variants import variants as numpy_variants


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
        ``"auto"``: pandas and PyArrow run on the embedded NumPy engine, everything else in its
        own engine through narwhals. Results are identical either way.
    progress : bool, optional
        Show a progress bar in a notebook; by default for logs of a million events or more.

    Returns
    -------
    Analysis
        With ``funnel``, ``transitions``, ``variants``, ``stage_metrics`` and ``activities``
        DataFrames (see :class:`~journey_widget.analytics.Analysis`).

    Raises
    ------
    JourneyError
        On a missing column, missing case ids, activities or timestamps, unreadable timestamps
        or non-numeric scores, naming the column and the number of bad rows.

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
    if chosen == "numpy":
        frame = to_pandas(events, params)
        with progress_for(progress, len(frame), 6) as bar:
            raw = run_numpy(frame, params, bar)
    else:
        lazy = as_narwhals(events)
        with progress_for(progress, None, 6) as bar:
            raw = run_native(lazy, params, bar)
    return build(raw, params, chosen)


def run_numpy(frame: Any, params: Params, bar: Progress) -> RawStats:
    """All statistics on the embedded engine: one sort, then vectorised passes."""
    bar.step("reading columns")
    events = read_pandas(frame, params)
    names = events.activities
    activity_events = np.bincount(events.activity, minlength=len(names)).tolist()
    bar.step("sorting")
    log = sort_log(events)
    pos = log.positions()
    mean_pos = None
    if params.stage_of is None and params.stages is None and len(log.act):
        sums = np.bincount(log.act, weights=pos, minlength=len(names))
        mean_pos = {
            a: sums[i] / activity_events[i] for i, a in enumerate(names) if activity_events[i]
        }
    stages, lut = stage_plan(params, names, mean_pos)
    bar.step("stage metrics")
    stage_events, score_rows = numpy_stage_metrics(events, lut, len(stages), params)
    del events
    bar.step("transitions")
    transitions = numpy_transitions(log, names)
    bar.step("variants")
    variants = numpy_variants(log, names, params.top_variants, pos)
    del pos
    bar.step("funnel")
    funnel = numpy_funnel(log, lut, len(stages), params.order, params.window_us)
    return RawStats(
        n_events=len(log.act),
        n_cases=log.n_cases,
        activities=names,
        activity_events=activity_events,
        stages=stages,
        stage_of={a: stages[k] for a, k in zip(names, lut.tolist(), strict=True) if k >= 0},
        transitions=transitions,
        variants=variants,
        funnel=funnel,
        stage_events=stage_events,
        score_rows=score_rows,
    )


def run_native(lazy: Any, params: Params, bar: Progress) -> RawStats:
    """All statistics as narwhals expressions executed by the input's engine."""
    bar.step("checking the log")
    prep = prepare(lazy, params)
    bar.sized(prep.n_events)
    try:
        return _native_stats(prep, params, bar)
    finally:
        prep.release()


def _native_stats(prep: Prepared, params: Params, bar: Progress) -> RawStats:
    from . import lazy_stats as q
    from .steps import CODE, PREV, build_steps

    bar.step("ordering the log")
    steps = build_steps(prep)  # ordered once, kept by the engine, read by every statistic
    try:
        names = steps.names
        mean_pos = (
            q.mean_positions(steps) if params.stage_of is None and params.stages is None else None
        )
        stages, lut = stage_plan(params, names, mean_pos)
        stage_index = {a: int(k) for a, k in zip(names, lut.tolist(), strict=True)}
        code_stage = {code: stage_index[a] for code, a in steps.act_of_code.items()}
        staged = steps.frame.with_columns(
            q.stage_expr(CODE, code_stage).alias("stage"),
            q.stage_expr(PREV, code_stage).alias("pstage"),
        )
        bar.step("stage metrics")
        stage = q.stage_expr(ACT, stage_index).alias("stage")
        stage_events, score_rows = q.stage_metrics(
            prep.frame.with_columns(stage), params, len(stages)
        )
        bar.step("transitions")
        transitions = q.transitions(steps)
        bar.step("variants")
        variants = q.variants(steps.frame, params.top_variants, prep)
        bar.step("funnel")
        funnel = q.funnel(staged, params, len(stages))
    finally:
        steps.release()
    return RawStats(
        n_events=prep.n_events,
        n_cases=variants.n_cases,
        activities=names,
        activity_events=steps.counts,
        stages=stages,
        stage_of={a: stages[k] for a, k in stage_index.items() if k >= 0},
        transitions=transitions,
        variants=variants,
        funnel=funnel,
        stage_events=stage_events,
        score_rows=score_rows,
    )
