"""Evidence coverage: the share of cards backed by evidence, per stage and lane or overall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import product
from typing import Any

import pandas as pd

from ..model import Journey, JourneyError
from ..model.cards import is_missing, plain
from ..model.journey import as_journey
from .evidence import evidenced

COVERAGE_COLUMNS = ("cards", "evidenced", "share")


def _levels(journey: Journey, key: str) -> list[Any]:
    """Every value of ``key`` to report: all stages or lanes in map order, else those seen."""
    if key == "stage":
        return journey.stage_names()
    if key == "lane":
        return journey.lane_names()
    return list(dict.fromkeys(_key_values(journey.table[key])))


def _key_values(column: pd.Series) -> list[Any]:
    return [None if is_missing(v) else plain(v) for v in column]


def coverage(source: Any, by: str | Sequence[str] = ("stage", "lane")) -> pd.DataFrame:
    """How many cards are backed by evidence, per group.

    A card is backed by evidence when its ``evidence`` holds something or its ``confidence``
    is ``observed`` or ``reported`` (see :mod:`journey_widget.practice.evidence`).

    Parameters
    ----------
    source : JourneyMap, Journey or pandas.DataFrame
        The map, or a card table.
    by : str or sequence of str
        Card columns to group by. ``"stage"`` and ``"lane"`` list every stage and lane in map
        order, empty ones included (0 cards, share NaN); other columns (``"persona"``,
        ``"step"``...) list the values their cards hold, a missing value as ``None``.
        ``()`` gives one row for the whole map.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``cards`` (int), ``evidenced`` (int) and ``share``
        (``evidenced / cards``, a float from 0 to 1, NaN when there are no cards).

    Examples
    --------
    >>> import pandas as pd
    >>> cards = pd.DataFrame({"stage": ["Browse", "Browse", "Pay"],
    ...                       "lane": ["Actions", "Pain points", "Pain points"],
    ...                       "text": ["Search", "Slow", "Declined"],
    ...                       "evidence": ["analytics", None, "58 tickets"]})
    >>> coverage(cards, by="stage")
        stage  cards  evidenced  share
    0  Browse      2          1    0.5
    1     Pay      1          1    1.0
    """
    journey = as_journey(source)
    keys = [by] if isinstance(by, str) else list(by)
    table = journey.table
    unknown = [k for k in keys if k not in table.columns]
    if unknown:
        raise JourneyError(
            f"cannot group coverage by {unknown}: not a column of the map; "
            f"its columns are {list(table.columns)}"
        )
    flags = evidenced(table).to_numpy()
    groups = (
        list(zip(*(_key_values(table[k]) for k in keys), strict=True))
        if keys
        else [()] * len(table)
    )
    cards = Counter(groups)
    backed = Counter(g for g, f in zip(groups, flags, strict=True) if f)
    rows = []
    for combo in product(*(_levels(journey, k) for k in keys)):
        n, e = cards[combo], backed[combo]
        rows.append((*combo, n, e, e / n if n else float("nan")))
    frame = pd.DataFrame(rows, columns=[*keys, *COVERAGE_COLUMNS])
    for i, key in enumerate(keys):
        if key not in ("stage", "lane"):  # keep None for missing (pandas would make it NaN)
            frame[key] = pd.Series([r[i] for r in rows], index=frame.index, dtype=object)
    return frame.astype({"cards": "int64", "evidenced": "int64", "share": "float64"})
