"""CSV in and out: the card table only (CSV holds no stage order beyond the data, no scale)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..model import Journey
from ..model.cards import STRING_COLUMNS
from ..model.structure import to_lane


def journey_to_csv(journey: Journey, path: str | os.PathLike[str] | None = None) -> str | None:
    """Write the card table as CSV to ``path``, or return it as text when ``path`` is None."""
    return journey.table.to_csv(path, index=False)


COMMON_SCALES = ((-2, 2), (-3, 3), (1, 5), (1, 7), (0, 10), (1, 10), (-5, 5))
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$"


def journey_from_csv(
    path: str | os.PathLike[str],
    *,
    stages: Sequence[str | Mapping[str, Any]] | None = None,
    lanes: Sequence[str | Mapping[str, Any]] | None = None,
    scale: Any = None,
    **kwargs: Any,
) -> Journey:
    """Read a CSV of cards into a journey.

    CSV holds no metadata, so: stage and lane order come from ``stages``/``lanes`` or first
    appearance; only empty fields are missing (``"NA"`` or ``"null"`` stay text); columns whose
    every value is an ISO 8601 date or datetime become datetimes; without ``scale``, the first
    of :data:`COMMON_SCALES` (-2..2 first) that holds every emotion score is taken.
    ``kwargs`` go to the map (``title``, ``persona``, ``state``).
    """
    frame = pd.read_csv(
        path,
        keep_default_na=False,
        na_values=[""],
        dtype={c: "str" for c in ("id", "stage", "step", "lane", "text")},
    )
    for column in frame.columns:
        values = frame[column].dropna()
        if column in STRING_COLUMNS or not len(values) or values.dtype.kind not in "OT":
            continue
        if values.astype(str).str.fullmatch(_ISO_DATE).all():
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    if scale is None:
        scale = _scale_for(frame, lanes)
    return Journey(frame, stages=stages, lanes=lanes, scale=scale, **kwargs)


def _scale_for(frame: pd.DataFrame, lanes: Sequence[Any] | None) -> tuple[float, float]:
    if "score" not in frame.columns or "lane" not in frame.columns:
        return COMMON_SCALES[0]
    names = lanes or [x for x in frame["lane"].dropna().unique() if isinstance(x, str) and x]
    kinds = {lane.name: lane.kind for lane in (to_lane(x) for x in names)}
    emotion = frame["lane"].map(kinds) == "emotion"
    scores = pd.to_numeric(frame.loc[emotion, "score"], errors="coerce").dropna()
    if scores.empty:
        return COMMON_SCALES[0]
    for low, high in COMMON_SCALES:
        if scores.min() >= low and scores.max() <= high:
            return (low, high)
    return COMMON_SCALES[0]  # validation then names the score outside it
