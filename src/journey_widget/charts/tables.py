"""The tidy tables behind the charts: the map's columns, emotion points and curves.

Everything here aggregates, so a chart gets at most one row per (column, series, score) and
never approaches Altair's 5,000-row limit for maps of up to 5,000 cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import Journey, JourneyError, Scale
from .stats import t_quantile

NO_SERIES = "(none)"
MEASURED = "measured"
TEAM = "team"
TEXTS_SHOWN = 3
TEXT_LIMIT = 80


@dataclass(frozen=True)
class Column:
    """One column of the map: a stage, or a step of a stage, with the label the x axis shows."""

    index: int
    stage: str
    step: str | None
    label: str


def map_columns(journey: Journey) -> list[Column]:
    """The map's columns in map order (as the board draws them), with unique labels.

    A stage without steps is labelled with its name; a step column ``"Stage · Step"``.

    Examples
    --------
    >>> import pandas as pd, journey_widget as jw
    >>> j = jw.Journey(pd.DataFrame({"stage": ["Browse", "Pay"], "step": ["Search", None],
    ...                              "lane": ["Actions"] * 2, "text": ["a", "b"]}))
    >>> [c.label for c in map_columns(j)]
    ['Browse · Search', 'Pay']
    """
    result: list[Column] = []
    seen: set[str] = set()
    for i, (stage, step) in enumerate(journey.columns()):
        label = stage if step is None else f"{stage} · {step}"
        while label in seen:  # "A · B" the stage vs step "B" of stage "A": keep both apart
            label += "\u200b"
        seen.add(label)
        result.append(Column(i, stage, step, label))
    return result


def _column_index(columns: Sequence[Column]) -> dict[tuple[str, str | None], int]:
    return {(c.stage, c.step): c.index for c in columns}


def valence(scores: pd.Series, scale: Scale) -> pd.Series:
    """``"positive"``, ``"neutral"`` or ``"negative"`` against the middle of the scale."""
    neutral = (scale.min + scale.max) / 2
    out = np.where(scores > neutral, "positive", np.where(scores < neutral, "negative", "neutral"))
    return pd.Series(out, index=scores.index, dtype=object)


def resolve_by(journey: Journey, by: str | bool | None) -> str | None:
    """The card column that splits the curve.

    ``by``, else ``persona`` when cards carry one; ``False``: no split.
    """
    table = journey.table
    if by is False:
        return None
    if isinstance(by, str):
        if by not in table.columns:
            raise JourneyError(
                f"by={by!r} is not a column of the map's cards; columns are {list(table.columns)}"
            )
        return by
    if "persona" in table.columns and table["persona"].notna().any():
        return "persona"
    return None


def emotion_cards(journey: Journey, columns: Sequence[Column], by: str | None) -> pd.DataFrame:
    """One row per scored card of an emotion lane: ``column, x, series, score, text``."""
    emotion = [lane.name for lane in journey.lanes if lane.kind == "emotion"]
    t = journey.table
    cards = t[t["lane"].isin(emotion) & t["score"].notna()]
    steps = cards["step"].astype(object).where(cards["step"].notna(), None)
    where = _column_index(columns)
    index = [where.get((s, p), -1) for s, p in zip(cards["stage"], steps, strict=True)]
    series = pd.Series([""] * len(cards), index=cards.index, dtype=object)
    if by is not None:
        values = cards[by].astype(object)
        series = values.where(values.notna(), NO_SERIES).map(str)
    if len(emotion) > 1:
        lanes = cards["lane"].astype(object).map(str)
        series = lanes if by is None else lanes + " · " + series
    elif by is None:
        series[:] = emotion[0] if emotion else TEAM
    labels = [c.label for c in columns]
    frame = pd.DataFrame(
        {
            "column": np.asarray(index, dtype=np.int64),
            "series": series.to_numpy(),
            "score": cards["score"].to_numpy(float),
            "text": cards["text"].astype(object).to_numpy(),
        }
    )
    frame = frame[frame["column"] >= 0]
    frame.insert(1, "x", [labels[i] for i in frame["column"]])
    return frame.reset_index(drop=True)


def _texts(texts: pd.Series) -> str:
    shown = [t if len(t) <= TEXT_LIMIT else t[: TEXT_LIMIT - 1] + "…" for t in texts[:TEXTS_SHOWN]]
    more = len(texts) - len(shown)
    return " | ".join(shown) + (f" (and {more} more)" if more > 0 else "")


def emotion_points(cards: pd.DataFrame, scale: Scale, texts: bool = True) -> pd.DataFrame:
    """Cards with the same column, series and score merged into one point with ``n``.

    With ``texts``, each point also has the first few card texts (``cards``).
    """
    if cards.empty:
        return pd.DataFrame(
            {c: [] for c in ("column", "x", "series", "score", "n", "cards", "valence")}
        )
    grouped = cards.groupby(["column", "x", "series", "score"], sort=True)["text"]
    points = grouped.size().rename("n").reset_index()
    if texts:
        points["cards"] = grouped.agg(_texts).to_numpy()
    points["valence"] = valence(points["score"], scale)
    return points


def team_curve(cards: pd.DataFrame) -> pd.DataFrame:
    """The team's curve: the mean score per (column, series)."""
    curve = (
        cards.groupby(["column", "x", "series"], sort=True)
        .agg(value=("score", "mean"), n=("score", "size"))
        .reset_index()
    )
    curve["source"] = TEAM
    return curve


def check_measured(
    measured: pd.DataFrame, journey: Journey, scale: tuple[float, float]
) -> pd.DataFrame:
    """Validate raw ratings (``stage``, optional ``step``, ``value`` on ``scale``).

    Missing values are skipped. Returns the rows kept, with ``step`` ``None`` when absent.
    """
    _check_rating_columns(measured)
    lo, hi = scale
    if not lo < hi:
        raise JourneyError(f"measured_scale must be (min, max) with min < max, got {scale!r}")
    values = _rating_values(measured["value"], lo, hi)
    keep = values.notna()
    stages = _rating_stages(measured.loc[keep, "stage"].astype(object), journey)
    steps = pd.Series(None, index=stages.index, dtype=object)
    if "step" in measured.columns:
        steps = _rating_steps(measured.loc[keep, "step"].astype(object), stages, journey)
    frame = pd.DataFrame(
        {"stage": stages.map(str), "step": steps, "value": values[keep].astype(float)}
    )
    for column in measured.columns:
        if column not in frame.columns:
            frame[column] = measured.loc[keep, column]
    return frame


def _check_rating_columns(measured: object) -> None:
    """A DataFrame with at least the columns ``stage`` and ``value``."""
    if not isinstance(measured, pd.DataFrame):
        raise JourneyError(
            f"measured must be a DataFrame of ratings (stage, optional step, "
            f"value), got {type(measured).__name__}"
        )
    missing = [c for c in ("stage", "value") if c not in measured.columns]
    if missing:
        raise JourneyError(
            f"measured: missing column(s) {', '.join(map(repr, missing))}; "
            "expected stage, optional step, value"
        )


def _rating_values(raw: pd.Series, lo: float, hi: float) -> pd.Series:
    """The ``value`` column as numbers (NaN where missing), each on the scale ``lo..hi``."""
    values = pd.to_numeric(raw, errors="coerce")
    bad = (values.isna() & raw.notna()) | (raw.dtype == bool)
    if bad.any():
        label = raw.index[bad.to_numpy()].tolist()[0]
        raise JourneyError(
            f"measured: column 'value' has value {raw[label]!r} at row "
            f"{label!r}; expected a number on the scale {lo:g}..{hi:g}"
        )
    outside = values.notna() & ((values < lo) | (values > hi))
    if outside.any():
        label = values.index[outside.to_numpy()].tolist()[0]
        raise JourneyError(
            f"measured: column 'value' has value {values[label]:g} at row "
            f"{label!r}, outside the stated scale {lo:g}..{hi:g} (pass "
            "measured_scale=(min, max))"
        )
    return values


def _rating_stages(stages: pd.Series, journey: Journey) -> pd.Series:
    """The ``stage`` column of the kept rows, each one of the map's stages."""
    unknown = ~stages.isin(journey.stage_names())
    if unknown.any():
        label = stages.index[unknown.to_numpy()].tolist()[0]
        raise JourneyError(
            f"measured: column 'stage' has value {stages[label]!r} at row "
            f"{label!r}, which is not one of the map's stages: "
            f"{journey.stage_names()}"
        )
    return stages


def _rating_steps(given: pd.Series, stages: pd.Series, journey: Journey) -> pd.Series:
    """The ``step`` column of the kept rows (``None`` where missing), each a step of its stage."""
    steps = given.where(given.notna(), None)
    for label, stage, step in zip(steps.index, stages, steps, strict=True):
        if step is not None and step not in journey.stage(stage).steps:
            raise JourneyError(
                f"measured: column 'step' has value {step!r} at row "
                f"{label!r}, which is not a step of stage {stage!r}: "
                f"{list(journey.stage(stage).steps)}"
            )
    return steps


def _stats(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = frame.groupby(keys, dropna=False, sort=False)["value"]
    stats = g.agg(mean="mean", sd="std", n="size").reset_index()
    t = np.array([t_quantile(0.975, n - 1) if n > 1 else np.nan for n in stats["n"]])
    half = t * stats["sd"].to_numpy(float) / np.sqrt(stats["n"].to_numpy(float))
    stats["low"], stats["high"] = stats["mean"] - half, stats["mean"] + half
    return stats


def measured_curve(
    ratings: pd.DataFrame,
    columns: Sequence[Column],
    series: str | None,
    scale: tuple[float, float],
    target: Scale,
) -> pd.DataFrame:
    """The measured mean per column with its 95% confidence band and ``n``.

    Values are rescaled linearly from the stated ``scale`` to the map's ``target`` scale.

    A rating with a step counts for that step's column. A rating without a step counts for its
    stage and is drawn at each column of the stage that has no step-level ratings.
    """
    lo, hi = scale
    factor = (target.max - target.min) / (hi - lo)
    frame = ratings.copy()
    frame["series"] = (
        frame[series].astype(object).where(frame[series].notna(), NO_SERIES).map(str)
        if series
        else MEASURED
    )
    frame["step"] = frame["step"].astype(object).where(frame["step"].notna(), "")
    stats = _stats(frame, ["series", "stage", "step"])
    rows = []
    for s, part in stats.groupby("series", sort=False):
        found = {(r.stage, r.step): r for r in part.itertuples()}
        for c in columns:
            r = found.get((c.stage, c.step if c.step is not None else ""))
            if r is None:
                r = found.get((c.stage, ""))
            if r is not None:
                rows.append((c.index, c.label, s, r.mean, r.low, r.high, r.n))
    out = pd.DataFrame(rows, columns=["column", "x", "series", "raw", "raw_low", "raw_high", "n"])
    for name, raw in (("value", "raw"), ("ci_low", "raw_low"), ("ci_high", "raw_high")):
        out[name] = target.min + (out[raw] - lo) * factor
    out["source"] = MEASURED
    return out


def disagreements(
    cards: pd.DataFrame,
    ratings: pd.DataFrame,
    columns: Sequence[Column],
    scale: tuple[float, float],
    target: Scale,
    threshold: float,
) -> pd.DataFrame:
    """Columns where the team's and the measured mean differ by more than ``threshold``.

    The team's mean is of all emotion cards, the measured mean of all ratings (rescaled);
    ``threshold`` is in points of the map's scale.
    """
    pooled = measured_curve(ratings, columns, None, scale, target)
    team_mean = cards.groupby("column")["score"].mean()
    out = pooled[["column", "x", "value"]].rename(columns={"value": "measured"})
    out["team"] = out["column"].map(team_mean)
    out = out[out["team"].notna()].copy()
    out["difference"] = out["measured"] - out["team"]
    out = out[out["difference"].abs() > threshold].reset_index(drop=True)
    out["label"] = [f"Δ {d:+.1f}" for d in out["difference"]]
    return out
