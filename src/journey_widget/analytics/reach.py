"""Per case, the furthest funnel stage it reached, under the funnel's own semantics.

The public entry points (pandas results, any engine):

``furthest_stage(events, *, case, activity, timestamp, stage_of=None, stages=None,
order="loose", window=None, tie_break=None, engine="auto") -> pandas.DataFrame``
    One row per case of the log, ascending by case id, columns ``case`` (the ids as they are in
    the log) and ``furthest`` (int64: the index into the funnel's stages of the furthest stage
    the case reached, -1 for a case that never entered the funnel). Same arguments as
    :func:`~journey_widget.analytics.analyze`; pass ``stages=analysis.stages`` (and the same
    ``stage_of``, ``order``, ``window``) to get the stages of an existing analysis.

``furthest_of(events, params, engine="auto") -> pandas.DataFrame``
    The same from a validated :class:`~.params.Params` (e.g. the one behind an analysis).

The semantics are the funnel's (closed, loose or strict order, window; see :mod:`.funnel`): the
funnel's ``reached`` count of stage ``k`` is exactly the number of cases with
``furthest >= k``. The embedded engine reads it off :func:`.funnel.stage_times`; the narwhals
engine is in :mod:`.reach_native`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .columns import EventArrays, read_pandas
from .frames import as_narwhals, choose_engine, to_pandas
from .funnel import NOT_REACHED, stage_times
from .params import Params, make_params
from .raw import stage_plan
from .sorting import SortedLog, sort_log

FURTHEST_COLUMNS = ("case", "furthest")


def numpy_plan(
    log: SortedLog, names: list[str], activity_events: list[int], params: Params
) -> tuple[list[str], np.ndarray]:
    """The stages and the activity -> stage index table of a sorted log (embedded engine).

    Without ``stage_of`` and ``stages``, every activity is a stage, ordered by its mean position
    inside cases (see :func:`~.raw.stage_plan`).
    """
    mean_pos = None
    if params.stage_of is None and params.stages is None and len(log.act):
        pos = log.positions()
        sums = np.bincount(log.act, weights=pos, minlength=len(names))
        mean_pos = {
            a: sums[i] / activity_events[i] for i, a in enumerate(names) if activity_events[i]
        }
    return stage_plan(params, names, mean_pos)


def furthest_codes(
    log: SortedLog, stage_of_act: np.ndarray, n_stages: int, order: str, window: int | None
) -> np.ndarray:
    """Per case code: the furthest stage index reached, -1 when not in the funnel (int64).

    Stages are reached in order (reaching ``k`` needs ``k - 1``), so the furthest stage is the
    number of stages reached minus one.
    """
    furthest = np.full(log.n_codes, -1, dtype=np.int64)
    for times in stage_times(log, stage_of_act, n_stages, order, window):
        furthest += times != NOT_REACHED
    return furthest


def case_ids(series: pd.Series, events: EventArrays, codes: np.ndarray) -> pd.Series:
    """The case ids (values of ``series``, the case column) of the case ``codes``."""
    n = len(events.case)
    first_row = np.zeros(events.n_case_codes, dtype=np.int64)
    first_row[events.case[::-1]] = np.arange(n - 1, -1, -1, dtype=np.int64)
    ids: pd.Series = series.iloc[first_row[codes]].reset_index(drop=True)
    return ids


def _numpy_furthest(frame: pd.DataFrame, params: Params) -> pd.DataFrame:
    events = read_pandas(frame, params)
    names = events.activities
    activity_events = np.bincount(events.activity, minlength=len(names)).tolist()
    log = sort_log(events)
    stages, lut = numpy_plan(log, names, activity_events, params)
    furthest = furthest_codes(log, lut, len(stages), params.order, params.window_us)
    present = log.case[log.starts].astype(np.int64)
    ids = case_ids(frame[params.case], events, present)
    return _table(ids, furthest[present])


def _table(ids: Any, furthest: Any) -> pd.DataFrame:
    table = pd.DataFrame(
        {"case": pd.Series(ids), "furthest": pd.Series(furthest, dtype=np.int64)},
        columns=list(FURTHEST_COLUMNS),
    )
    return table.sort_values("case", kind="stable").reset_index(drop=True)


def furthest_of(events: Any, params: Params, engine: str = "auto") -> pd.DataFrame:
    """Per case, the furthest funnel stage reached (``case, furthest``; -1: never entered).

    ``params``: a validated request (:func:`~.params.make_params`).
    """
    if choose_engine(events, engine) == "numpy":
        return _numpy_furthest(to_pandas(events, params), params)
    from .reach_native import native_furthest

    ids, furthest = native_furthest(as_narwhals(events), params)
    return _table(ids, furthest)


def furthest_stage(
    events: Any,
    *,
    case: str,
    activity: str,
    timestamp: str,
    stage_of: Any = None,
    stages: Sequence[str] | None = None,
    order: str = "loose",
    window: Any = None,
    tie_break: str | None = None,
    engine: str = "auto",
) -> pd.DataFrame:
    """Per case, the furthest funnel stage it reached.

    Parameters
    ----------
    events : table
        The event log, on any engine :func:`~journey_widget.analytics.analyze` accepts.
    case, activity, timestamp, stage_of, stages, order, window, tie_break, engine
        As for :func:`~journey_widget.analytics.analyze`.

    Returns
    -------
    DataFrame
        One row per case, ascending by case id: ``case`` and ``furthest`` (the index of the
        furthest stage reached in the funnel's stages, -1 for cases that never entered).

    Examples
    --------
    >>> import pandas as pd
    >>> from journey_widget.analytics.reach import furthest_stage
    >>> log = pd.DataFrame({
    ...     "user": ["u1", "u1", "u1", "u2", "u2", "u3"],
    ...     "event": ["view", "cart", "pay", "view", "cart", "cart"],
    ...     "at": pd.to_datetime(["2024-05-01 10:00", "2024-05-01 10:05", "2024-05-01 10:20",
    ...                           "2024-05-02 09:00", "2024-05-02 09:30", "2024-05-03 08:00"]),
    ... })
    >>> furthest_stage(log, case="user", activity="event", timestamp="at",
    ...                stages=["view", "cart", "pay"])
      case  furthest
    0   u1         2
    1   u2         1
    2   u3        -1
    """
    params = make_params(
        case=case,
        activity=activity,
        timestamp=timestamp,
        stage_of=stage_of,
        stages=stages,
        order=order,
        window=window,
        tie_break=tie_break,
    )
    return furthest_of(events, params, engine)


__all__ = ["FURTHEST_COLUMNS", "furthest_codes", "furthest_of", "furthest_stage", "numpy_plan"]
