"""What counts as evidence, and turning maps, journeys or card tables into a journey.

A card is **backed by evidence** when its ``evidence`` column holds something (a non-blank
string, a non-empty list, or any other value), or when its ``confidence`` is ``observed`` or
``reported``. ``inferred`` and ``hypothesized`` cards, and cards with neither column filled,
are assumptions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..model.cards import is_missing
from ..vocabulary import BACKING_CONFIDENCE

#: Confidence levels that count as evidence; ``inferred`` and ``hypothesized`` do not
#: (``vocabulary.json``: the levels that back a card).
EVIDENCE_CONFIDENCE: tuple[str, ...] = BACKING_CONFIDENCE


def has_evidence_value(value: Any) -> bool:
    """True when an ``evidence`` cell holds something: blank strings and empty lists do not."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | dict):
        return bool(value)
    if hasattr(value, "__len__") and not isinstance(value, bytes):
        return len(value) > 0
    return not is_missing(value)


def evidenced(table: pd.DataFrame) -> pd.Series:
    """One boolean per card: whether it is backed by evidence (see the module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"evidence": ["interview 3", None, "  "],
    ...                   "confidence": [None, "reported", "inferred"]})
    >>> evidenced(t).tolist()
    [True, True, False]
    """
    flags = pd.Series(False, index=table.index, dtype=bool)
    if "evidence" in table.columns:
        flags |= table["evidence"].map(has_evidence_value).astype(bool)
    if "confidence" in table.columns:
        flags |= table["confidence"].isin(EVIDENCE_CONFIDENCE).astype(bool)
    return flags
