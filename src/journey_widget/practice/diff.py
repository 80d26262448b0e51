"""Current versus future: what changed between two maps, card by card and stage by stage."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..model import Journey
from ..model.cards import is_missing, plain
from ..model.journey import as_journey

CHANGE_KINDS = ("added", "removed", "moved", "edited")
PLACEMENT = ("stage", "step", "lane")
DIFF_COLUMNS = (
    "id",
    "change",
    "stage_before",
    "step_before",
    "lane_before",
    "text_before",
    "stage_after",
    "step_after",
    "lane_after",
    "text_after",
    "fields",
)


def _same(a: Any, b: Any) -> bool:
    a, b = plain(a), plain(b)
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _column(table: pd.DataFrame, column: str) -> np.ndarray:
    """A column as plain objects (missing values ``None``); all ``None`` when absent."""
    if column not in table.columns:
        return np.full(len(table), None, dtype=object)
    values = table[column]
    return values.astype(object).where(values.notna(), None).to_numpy()


def _differs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise "not the same value" for two aligned object arrays (missing == missing)."""
    missing_a = np.array([v is None for v in a], dtype=bool)
    missing_b = np.array([v is None for v in b], dtype=bool)
    try:
        equal = np.asarray(a == b, dtype=bool)
        if equal.shape != a.shape:
            raise ValueError("not element-wise")
    except (TypeError, ValueError):  # e.g. arrays inside cells: compare one by one
        equal = np.array([_same(x, y) for x, y in zip(a, b, strict=True)], dtype=bool)
    result: np.ndarray = (missing_a != missing_b) | (~missing_a & ~missing_b & ~equal)
    return result


def _block(
    change: Any, before: pd.DataFrame | None, after: pd.DataFrame | None, fields: Any
) -> pd.DataFrame:
    """Result rows for cards of one side or both (aligned), as object columns."""
    rows = after if after is not None else before
    ids = rows["id"].astype(object).to_numpy() if rows is not None else np.array([], object)
    frame = pd.DataFrame({"id": ids, "change": change}, dtype=object)

    def column(values: np.ndarray) -> pd.Series:  # object Series: pandas would make None NaN
        return pd.Series(np.broadcast_to(values, len(frame)), index=frame.index, dtype=object)

    nothing = np.full(len(frame), None, dtype=object)
    for side, part in (("before", before), ("after", after)):
        for name in (*PLACEMENT, "text"):
            frame[f"{name}_{side}"] = column(_column(part, name) if part is not None else nothing)
    frame["fields"] = column(np.asarray(fields, dtype=object))
    return frame[list(DIFF_COLUMNS)]


def diff(before: Any, after: Any) -> pd.DataFrame:
    """The cards that differ between two maps, matched by card ``id``.

    Parameters
    ----------
    before, after : JourneyMap, Journey or pandas.DataFrame
        Usually the current-state map and a future-state copy of it (``m.copy(state=
        "future")`` keeps the card ids, so the cards can be matched).

    Returns
    -------
    pandas.DataFrame
        One row per changed card with the columns ``id``, ``change``, ``stage_before``,
        ``step_before``, ``lane_before``, ``text_before``, ``stage_after``, ``step_after``,
        ``lane_after``, ``text_after`` and ``fields``. ``change`` is:

        - ``added``: the id is only in ``after`` (the ``*_before`` columns are ``None``);
        - ``removed``: the id is only in ``before`` (the ``*_after`` columns are ``None``);
        - ``moved``: the card's stage, step or lane differs (it may be edited too);
        - ``edited``: same cell, but another column differs (text, score, owner, ...).

        ``fields`` names the other columns that differ, comma-separated (``"text, score"``;
        ``""`` when none). Reordering cards inside one cell is not a change; a card in a
        renamed stage counts as moved. Rows come in the order of ``after``'s cards, then
        the removed cards in the order of ``before``.

    Examples
    --------
    >>> import pandas as pd
    >>> now = pd.DataFrame({"id": ["a", "b"], "stage": ["Pay", "Pay"],
    ...                     "lane": ["Actions", "Pain points"],
    ...                     "text": ["Types card number", "Card declined"]})
    >>> later = pd.DataFrame({"id": ["a", "c"], "stage": ["Pay", "Pay"],
    ...                       "lane": ["Actions", "Actions"],
    ...                       "text": ["Pays with a wallet", "Gets a receipt"]})
    >>> diff(now, later)[["id", "change", "fields", "text_before", "text_after"]]
      id   change fields        text_before          text_after
    0  a   edited   text  Types card number  Pays with a wallet
    1  c    added                      None      Gets a receipt
    2  b  removed             Card declined                None
    """
    old = as_journey(before, "before").table
    new = as_journey(after, "after").table
    kept = new["id"].isin(old["id"]).to_numpy()  # hashed; np.isin on strings is quadratic
    gone = ~old["id"].isin(new["id"]).to_numpy()
    was = old.set_index("id", drop=False).loc[new["id"][kept]].reset_index(drop=True)
    now = new[kept].reset_index(drop=True)
    moved = np.zeros(len(now), dtype=bool)
    for column in PLACEMENT:
        moved |= _differs(_column(was, column), _column(now, column))
    others = [
        str(c)
        for c in dict.fromkeys([*old.columns, *new.columns])
        if c != "id" and c not in PLACEMENT
    ]
    edits = (
        np.column_stack([_differs(_column(was, c), _column(now, c)) for c in others])
        if others
        else np.zeros((len(now), 0), dtype=bool)
    )
    changed = moved | edits.any(axis=1)
    fields = [", ".join(others[k] for k in np.flatnonzero(row)) for row in edits[changed]]
    blocks = [
        _block(
            np.where(moved[changed], "moved", "edited"),
            was[changed],
            now[changed],
            np.array(fields, dtype=object),
        ),
        _block("added", None, new[~kept], ""),
        _block("removed", old[gone], None, ""),
    ]
    order = np.concatenate([np.flatnonzero(kept)[changed], np.flatnonzero(~kept)])
    matched = pd.concat(blocks[:2], ignore_index=True)
    matched = matched.iloc[np.argsort(order, kind="stable")]  # back in ``after``'s order
    return pd.concat([matched, blocks[2]], ignore_index=True).astype(object)


def _emotion_means(journey: Journey, to_scale: Journey, persona: bool) -> dict[Any, float]:
    """Mean emotion score per stage (and persona), on ``to_scale``'s scale."""
    t = journey.table
    emotion = [x.name for x in journey.lanes if x.kind == "emotion"]
    scored = t[t["lane"].isin(emotion) & t["score"].notna()]
    scores = scored["score"].astype(float)
    src, dst = journey.scale, to_scale.scale
    if (src.min, src.max) != (dst.min, dst.max):
        scores = dst.min + (scores - src.min) * (dst.max - dst.min) / (src.max - src.min)
    keys: list[Any] = [scored["stage"].astype(object)]
    if persona:
        people = (
            scored["persona"]
            if "persona" in scored.columns
            else pd.Series(None, index=scored.index)
        )
        keys.append(people.astype(object).where(people.notna(), None))
    means = scores.groupby(keys, sort=False, dropna=False).mean()
    out: dict[Any, float] = {}
    for key, value in means.items():
        k: Any = key
        if persona:  # one marker for "no persona", whatever pandas grouped it under
            k = (k[0], None if is_missing(k[1]) else k[1])
        out[k] = float(value)
    return out


def _has_personas(journey: Journey) -> bool:
    t = journey.table
    return "persona" in t.columns and bool(t["persona"].notna().any())


def emotion_change(before: Any, after: Any) -> pd.DataFrame:
    """How the emotion curve moved, stage by stage, between two maps.

    For each stage, the mean score of the scored cards on each map's emotion lanes, before
    and after, and ``change = after - before``. When ``after`` has another scale than
    ``before``, its scores are first mapped linearly onto ``before``'s scale (min to min, max
    to max). When cards carry a ``persona``, there is one row per stage and persona (cards
    without one under ``persona`` ``None``).

    Returns
    -------
    pandas.DataFrame
        ``stage`` (``before``'s stages in order, then stages only ``after`` has), ``persona``
        (only when personas are used), ``before``, ``after`` and ``change`` (floats; NaN where
        a map has no score for the stage). Without personas every stage of either map has a
        row; with personas, every stage and persona that has a score in either map.

    Examples
    --------
    >>> import pandas as pd
    >>> now = pd.DataFrame({"stage": ["Cart", "Pay"], "lane": ["Emotions", "Emotions"],
    ...                     "text": ["Unsure", "Frustrated"], "score": [-1, -2]})
    >>> emotion_change(now, now.assign(score=[-1, 1]))
      stage  before  after  change
    0  Cart    -1.0   -1.0     0.0
    1   Pay    -2.0    1.0     3.0
    """
    old, new = as_journey(before, "before"), as_journey(after, "after")
    persona = _has_personas(old) or _has_personas(new)
    was, now = _emotion_means(old, old, persona), _emotion_means(new, old, persona)
    stages = list(dict.fromkeys([*old.stage_names(), *new.stage_names()]))
    keys = list(dict.fromkeys([*was, *now]))
    rank = {s: i for i, s in enumerate(stages)}
    if persona:
        keys.sort(key=lambda k: rank.get(k[0], len(rank)))
    else:
        keys = stages
    nan = float("nan")
    rows = [[*(k if persona else (k,)), was.get(k, nan), now.get(k, nan)] for k in keys]
    frame = pd.DataFrame(
        rows, columns=["stage", *(["persona"] if persona else []), "before", "after"]
    )
    if persona:  # keep None for "no persona" (pandas would make it NaN)
        frame["persona"] = pd.Series([r[1] for r in rows], index=frame.index, dtype=object)
    frame[["before", "after"]] = frame[["before", "after"]].astype(float)
    frame["change"] = frame["after"] - frame["before"]
    return frame
