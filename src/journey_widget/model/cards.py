"""The card table: its columns, and validation of a DataFrame into the canonical table.

The canonical table has the columns ``id, stage, step, lane, text, score``, then the optional
columns the input had (in :data:`OPTIONAL_COLUMNS` order), then the analyst's own columns in
their original order. Its index is a plain RangeIndex; row order is card order.
"""

from __future__ import annotations

import math
import numbers
import uuid
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..vocabulary import CONFIDENCE_LEVELS
from .dtypes import as_text
from .errors import JourneyError
from .structure import Lane, Scale, Stage, to_lane

CORE_COLUMNS = ("id", "stage", "step", "lane", "text", "score")
REQUIRED_COLUMNS = ("stage", "lane", "text")
OPTIONAL_COLUMNS = (
    "channel",
    "owner",
    "confidence",
    "severity",
    "impact",
    "effort",
    "evidence",
    "persona",
    "tags",
)
#: The confidence levels (``vocabulary.json``), under the name the model has always used.
CONFIDENCE_VALUES: tuple[str, ...] = CONFIDENCE_LEVELS
SEVERITY_RANGE = (1, 5)
STRING_COLUMNS = ("id", "stage", "step", "lane", "text")


def new_id() -> str:
    """A fresh card id, e.g. ``"c-3f2a9b1e07"``."""
    return "c-" + uuid.uuid4().hex[:10]


def is_missing(value: object) -> bool:
    """True for ``None``, NaN and pandas' missing markers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def plain(value: Any) -> Any:
    """A plain Python value: ``None`` for missing, numpy scalars and arrays unwrapped."""
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _where(label: Hashable) -> str:
    plain = label.item() if hasattr(label, "item") else label  # numpy scalars print plainly
    return f"row {plain!r}"


def _first_appearance(values: pd.Series) -> list[str]:
    return [str(v) for v in pd.unique(values.dropna())]


def _ordered_names(
    series: pd.Series, given: Sequence[Stage] | Sequence[Lane] | None, column: str
) -> list[str] | None:
    """The order the data implies when none was given: ordered Categorical, else first seen."""
    if given is not None:
        return None
    if isinstance(series.dtype, pd.CategoricalDtype) and series.dtype.ordered:
        return [str(c) for c in series.dtype.categories]
    return _first_appearance(series)


def _names_column(df: pd.DataFrame, column: str) -> pd.Series:
    series = df[column]
    missing = series.isna()
    if missing.any():
        label = series.index[missing.to_numpy()].tolist()[0]
        raise JourneyError(
            f"column {column!r} has {int(missing.sum())} missing value(s), first at "
            f"{_where(label)}; every card needs a {column}"
        )
    return series.astype(object).map(str)


def _check_members(values: pd.Series, allowed: Sequence[str], column: str) -> None:
    bad = ~values.isin(list(allowed))
    if bad.any():
        label = values.index[bad.to_numpy()].tolist()[0]
        raise JourneyError(
            f"column {column!r} has value {values[label]!r} at {_where(label)}, which is not one "
            f"of the map's {column}s: {list(allowed)}"
        )


def _score_column(df: pd.DataFrame) -> pd.Series:
    raw = df["score"] if "score" in df.columns else pd.Series(float("nan"), index=df.index)
    if raw.dtype == bool:
        raise JourneyError("column 'score' holds booleans; expected numbers or missing values")
    numbers = pd.to_numeric(raw, errors="coerce").astype(float)
    bad = numbers.isna() & raw.notna()
    if bad.any():
        label = raw.index[bad.to_numpy()].tolist()[0]
        raise JourneyError(
            f"column 'score' has value {raw[label]!r} at {_where(label)}; expected a number "
            "or a missing value"
        )
    return numbers


def check_scores(
    scores: pd.Series, lanes_of_cards: pd.Series, lanes: Sequence[Lane], scale: Scale
) -> None:
    """Raise when an emotion-lane card's score lies outside the scale."""
    emotion = [lane.name for lane in lanes if lane.kind == "emotion"]
    outside = (
        lanes_of_cards.isin(emotion)
        & scores.notna()
        & ((scores < scale.min) | (scores > scale.max))
    )
    if outside.any():
        label = scores.index[outside.to_numpy()].tolist()[0]
        raise JourneyError(
            f"column 'score' has value {scores[label]:g} at {_where(label)} on emotion lane "
            f"{lanes_of_cards[label]!r}, outside the map's scale {scale.describe()}"
        )


def _ids(df: pd.DataFrame) -> pd.Series:
    if "id" not in df.columns:
        return pd.Series([new_id() for _ in range(len(df))], index=df.index, dtype=object)
    ids = df["id"].astype(object)
    ids = ids.where(ids.isna(), ids.map(str))
    present = ids.dropna()
    dup = present[present.duplicated()]
    if len(dup):
        raise JourneyError(
            f"column 'id' must be unique; {dup.iloc[0]!r} appears more than once "
            f"({len(pd.unique(dup))} duplicated id(s))"
        )
    if ids.isna().any():
        ids = ids.copy()
        ids[ids.isna()] = [new_id() for _ in range(int(ids.isna().sum()))]
    return ids


def check_field_value(field: str, value: Any) -> Any:
    """Validate one value for a card column and return it normalised.

    Raises :class:`JourneyError` naming the column, the value and what was expected.
    """
    if field == "text":
        if not isinstance(value, str):
            raise JourneyError(f"column 'text' takes a string, got {value!r}")
        return value
    if field == "score":
        if is_missing(value):
            return float("nan")
        if not _is_number(value):
            raise JourneyError(f"column 'score' takes a number or nothing, got {value!r}")
        return float(value)
    if field == "confidence" and not is_missing(value) and value not in CONFIDENCE_VALUES:
        raise JourneyError(
            f"column 'confidence' takes one of {', '.join(CONFIDENCE_VALUES)}, got {value!r}"
        )
    if field == "severity" and not is_missing(value):
        low, high = SEVERITY_RANGE
        if not _is_number(value) or not low <= value <= high:
            raise JourneyError(
                f"column 'severity' takes a number from {low} to {high}, got {value!r}"
            )
    return value


def _check_optional(df: pd.DataFrame) -> None:
    for column in ("confidence", "severity"):
        if column not in df.columns:
            continue
        for label, value in df[column].items():
            try:
                check_field_value(column, value)
            except JourneyError as err:
                raise JourneyError(f"{err} at {_where(label)}") from None


def card_table(
    df: pd.DataFrame | None,
    stages: Sequence[Stage] | None,
    lanes: Sequence[Lane] | None,
    scale: Scale,
) -> tuple[pd.DataFrame, list[Stage], list[Lane]]:
    """Validate ``df`` and return the canonical card table with the map's stages and lanes.

    ``stages``/``lanes`` given are authoritative; when ``None`` they come from an ordered
    Categorical column, else from first appearance. Steps of a stage given without steps are
    taken from the data in order of first appearance.
    """
    if df is None:
        df = pd.DataFrame()
    if not isinstance(df, pd.DataFrame):
        raise JourneyError(f"expected a pandas DataFrame of cards, got {type(df).__name__}")
    if len(df) and (missing := [c for c in REQUIRED_COLUMNS if c not in df.columns]):
        raise JourneyError(
            f"missing column(s) {', '.join(map(repr, missing))}; a card table needs "
            f"{', '.join(REQUIRED_COLUMNS)} (and may have {', '.join(CORE_COLUMNS)})"
        )
    if df.columns.duplicated().any():
        raise JourneyError(f"column {df.columns[df.columns.duplicated()][0]!r} appears twice")
    empty = pd.Series([], dtype=object)
    stage_col = _names_column(df, "stage") if "stage" in df.columns else empty
    lane_col = _names_column(df, "lane") if "lane" in df.columns else empty
    order = _ordered_names(df["stage"], stages, "stage") if "stage" in df.columns else None
    stage_list = list(stages) if stages is not None else [Stage(n) for n in order or []]
    lane_order = _ordered_names(df["lane"], lanes, "lane") if "lane" in df.columns else None
    lane_list = list(lanes) if lanes is not None else [to_lane(n) for n in lane_order or []]
    _check_members(stage_col, [s.name for s in stage_list], "stage")
    _check_members(lane_col, [lane.name for lane in lane_list], "lane")

    step_col = pd.Series(None, index=df.index, dtype=object)
    if "step" in df.columns:
        step_col = df["step"].astype(object)
        step_col = step_col.where(step_col.isna(), step_col.map(str))
        stage_list = _steps_for(stage_list, stage_col, step_col)

    scores = _score_column(df)
    check_scores(scores, lane_col, lane_list, scale)
    _check_optional(df)
    text = df["text"].astype(object) if "text" in df.columns else empty
    text = text.where(text.notna(), "").map(str)

    table = pd.DataFrame(
        {
            "id": _ids(df).to_numpy(),
            "stage": stage_col.to_numpy(),
            "step": step_col.to_numpy(),
            "lane": lane_col.to_numpy(),
            "text": text.to_numpy(),
            "score": scores.to_numpy(),
        }
    )
    for column in STRING_COLUMNS:
        table[column] = as_text(table[column])
    optional = [c for c in OPTIONAL_COLUMNS if c in df.columns]
    extras = [c for c in df.columns if c not in CORE_COLUMNS and c not in OPTIONAL_COLUMNS]
    for column in optional + extras:
        table[column] = df[column].to_numpy()
        table[column] = table[column].astype(df[column].dtype)
    return table, stage_list, lane_list


def _steps_for(stages: list[Stage], stage_col: pd.Series, step_col: pd.Series) -> list[Stage]:
    result = []
    for stage in stages:
        used = step_col[(stage_col == stage.name) & step_col.notna()]
        if stage.steps:
            bad = ~used.isin(list(stage.steps))
            if bad.any():
                label = used.index[bad.to_numpy()].tolist()[0]
                raise JourneyError(
                    f"column 'step' has value {used[label]!r} at {_where(label)}, which is not "
                    f"one of the steps of stage {stage.name!r}: {list(stage.steps)}"
                )
            result.append(stage)
        else:
            result.append(Stage(stage.name, tuple(_first_appearance(used)), stage.description))
    return result
