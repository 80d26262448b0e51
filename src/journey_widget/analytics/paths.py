"""Paths: what cases did after (or before) a stage or an activity, on the analysis' engine.

``Analysis.paths`` reads the log again (an :class:`Analysis` keeps a handle to its source),
anchors each case once and lists the most frequent sequences of the next (or previous) steps.
Semantics, chosen to match the product analytics tools (Mixpanel Flows' "uniques"):

- **Anchor.** ``start=`` names a funnel stage or an activity; a stage wins when a name is both
  (without ``stage_of`` every stage is an activity, so the two agree). Each case counts once: at
  its **first** anchor event for ``start=``, its **last** for ``end=``. ``dropped_at=`` anchors the
  cases that left the funnel at that stage at the event that reached it.
- **Steps** are activities (``level="activity"``) or funnel stages (``level="stage"``; events
  outside the funnel show as ``"(other)"``). Consecutive repeats collapse into one step
  (``collapse=False`` keeps them); the anchor's own run of repeats is not a step.
- A case that ends before ``steps`` steps ends its path with ``"(end)"``; a case that begins less
  than ``steps`` steps before the ``end=`` anchor starts its path with ``"(start)"``.
- Result: ``path`` (tuple, in time order, without the anchor), ``step_1..step_n`` (after) or
  ``step_-n..step_-1`` (before; ``step_-1`` directly precedes the anchor), ``count`` (cases) and
  ``share`` (of the anchored cases); most frequent first, ties by path (code point order).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..model.errors import JourneyError
from .paths_types import END, OTHER, START, Direction, PathRequest, RawPaths

if TYPE_CHECKING:
    from .result import Analysis


def _whole(value: Any, name: str, extra: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise JourneyError(f"{name} takes a positive whole number{extra}, got {value!r}")
    return int(value)


def _stage_of(a: Analysis) -> dict[str, str | None]:
    """Activity -> its funnel stage (None outside the funnel)."""
    pairs = zip(a.activities["activity"], a.activities["stage"], strict=True)
    return {str(act): (stage if isinstance(stage, str) else None) for act, stage in pairs}


def _stage_acts(a: Analysis) -> dict[str, list[str]]:
    acts: dict[str, list[str]] = {s: [] for s in a.stages}
    for act, stage in _stage_of(a).items():
        if stage is not None and stage in acts:
            acts[stage].append(act)
    return acts


def _anchor(a: Analysis, name: Any, argument: str) -> frozenset[str]:
    """The activities a stage or activity name stands for (a stage wins on a clash)."""
    stage_acts = _stage_acts(a)
    if isinstance(name, str) and name in stage_acts:
        return frozenset(stage_acts[name])
    if isinstance(name, str) and name in set(a.activities["activity"]):
        return frozenset([name])
    acts = a.activities["activity"].tolist()
    shown = ", ".join(repr(x) for x in acts[:20]) + (" ..." if len(acts) > 20 else "")
    raise JourneyError(
        f"{argument}={name!r} is neither a stage of the funnel ({list(a.stages)}) nor an "
        f"activity of the log ({shown})"
    )


def _dropped_stage(a: Analysis, name: Any) -> int:
    if not isinstance(name, str) or name not in a.stages:
        raise JourneyError(f"dropped_at={name!r} is not a stage of the funnel {list(a.stages)}")
    k = a.stages.index(name)
    if k == len(a.stages) - 1:
        raise JourneyError(
            f"dropped_at={name!r} is the funnel's last stage, from which no case drops; "
            f"expected one of {list(a.stages[:-1])}"
        )
    return k


def make_request(
    a: Analysis,
    *,
    start: Any,
    end: Any,
    dropped_at: Any,
    steps: Any,
    top: Any,
    level: Any,
    collapse: Any,
) -> PathRequest:
    """Validate a paths request against the analysis; raise :class:`JourneyError` if bad."""
    given = [
        n for n, v in (("start", start), ("end", end), ("dropped_at", dropped_at)) if v is not None
    ]
    if len(given) != 1:
        raise JourneyError(
            "paths takes exactly one of start=, end= or dropped_at= (a stage or activity name), "
            f"got {' and '.join(given) if given else 'none'}"
        )
    n_steps = _whole(steps, "steps")
    n_top = None if top is None else _whole(top, "top", " or None")
    if level not in ("activity", "stage"):
        raise JourneyError(f"level takes 'activity' or 'stage', got {level!r}")
    if not isinstance(collapse, bool):
        raise JourneyError(f"collapse takes True or False, got {collapse!r}")
    if a._source is None:
        raise JourneyError("this analysis has no event log attached; paths need analyze()'s log")
    k = None
    if dropped_at is not None:
        k = _dropped_stage(a, dropped_at)
        anchor, acts = dropped_at, frozenset(_stage_acts(a)[dropped_at])
    else:
        anchor = start if start is not None else end
        acts = _anchor(a, anchor, given[0])
    stage_of = _stage_of(a)
    label_of = {act: (act if level == "activity" else (stage_of[act] or OTHER)) for act in stage_of}
    return PathRequest(
        direction="before" if end is not None else "after",
        anchor=anchor,
        anchor_acts=acts,
        dropped_at=k,
        steps=n_steps,
        top=n_top,
        level=level,
        collapse=collapse,
        label_of=label_of,
    )


def _as_path(row: tuple[str | None, ...], direction: Direction) -> tuple[str, ...]:
    """A path in time order with its "(end)" or "(start)" marker where the case ran out."""
    present = [x for x in row if x is not None]
    if len(present) < len(row):
        present.append(END if direction == "after" else START)
    return tuple(present if direction == "after" else present[::-1])


def to_frame(raw: RawPaths, req: PathRequest) -> pd.DataFrame:
    """The paths table: most frequent first, ties by path; see the module docstring."""
    merged: Counter[tuple[str, ...]] = Counter()
    for row, count in raw.counts.items():
        merged[_as_path(row, req.direction)] += count
    ranked = sorted(merged.items(), key=lambda pc: (-pc[1], pc[0]))
    if req.top is not None:
        ranked = ranked[: req.top]
    n = req.steps
    names = (
        [f"step_{i}" for i in range(1, n + 1)]
        if req.direction == "after"
        else [f"step_{-i}" for i in range(n, 0, -1)]
    )
    cells: list[list[str | None]] = []
    for path, _ in ranked:
        pad: list[str | None] = [None] * (n + 1 - len(path))
        full = [*path, *pad] if req.direction == "after" else [*pad, *path]
        cells.append(full[:n] if req.direction == "after" else full[-n:])
    out = pd.DataFrame(
        {
            "path": pd.Series([p for p, _ in ranked], dtype=object),
            **{
                name: pd.Series([c[i] for c in cells], dtype=object) for i, name in enumerate(names)
            },
            "count": pd.Series([c for _, c in ranked], dtype=np.int64),
            "share": pd.Series(
                [c / raw.anchored if raw.anchored else float("nan") for _, c in ranked],
                dtype=np.float64,
            ),
        }
    )
    out.attrs.update(
        anchor=req.anchor,
        direction=req.direction,
        dropped_at=req.dropped_at is not None,
        cases=raw.anchored,
        steps=n,
        level=req.level,
    )
    return out


def compute(a: Analysis, req: PathRequest, fast: bool = True) -> RawPaths:
    """Count the paths on the engine that ran the analysis.

    ``fast=False`` keeps Polars and DuckDB logs in their engine even when they fit in memory.
    """
    source = a._source
    assert source is not None  # checked by make_request
    if source.engine == "numpy":
        from .frames import to_pandas
        from .paths_numpy import numpy_paths

        return numpy_paths(to_pandas(source.events, source.params), source.params, req, a)
    from .fast_arrays import fast_arrays
    from .frames import as_narwhals
    from .paths_native import native_paths
    from .paths_numpy import arrays_paths

    lazy = as_narwhals(source.events)
    # as analyze() does: Polars and DuckDB logs that fit in memory are read by their engine and
    # counted by the embedded one; the others (Spark, larger logs) stay in their engine
    arrays = fast_arrays(lazy, replace(source.params, scores=())) if fast else None
    if arrays is not None:
        return arrays_paths(arrays, source.params, req, a)
    return native_paths(lazy, source.params, req, a)


def paths(
    a: Analysis,
    start: Any = None,
    end: Any = None,
    *,
    dropped_at: Any = None,
    steps: int = 3,
    top: int | None = 10,
    level: str = "activity",
    collapse: bool = True,
) -> pd.DataFrame:
    """The most frequent paths after ``start`` (or before ``end``, or after ``dropped_at``).

    See :meth:`Analysis.paths <journey_widget.analytics.Analysis.paths>`.
    """
    req = make_request(
        a,
        start=start,
        end=end,
        dropped_at=dropped_at,
        steps=steps,
        top=top,
        level=level,
        collapse=collapse,
    )
    return to_frame(compute(a, req), req)


__all__ = ["compute", "make_request", "paths", "to_frame"]
