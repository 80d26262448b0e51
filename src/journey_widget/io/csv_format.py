"""CSV in and out: the card table only (CSV holds no stage order beyond the data, no scale)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..model import Journey


def journey_to_csv(journey: Journey, path: str | os.PathLike[str] | None = None) -> str | None:
    """Write the card table as CSV to ``path``, or return it as text when ``path`` is None."""
    return journey.table.to_csv(path, index=False)


def journey_from_csv(path: str | os.PathLike[str], *,
                     stages: Sequence[str | Mapping[str, Any]] | None = None,
                     lanes: Sequence[str | Mapping[str, Any]] | None = None,
                     **kwargs: Any) -> Journey:
    """Read a CSV of cards. Stage and lane order come from ``stages``/``lanes`` or first appearance.

    ``kwargs`` go to the map (``title``, ``persona``, ``scale``, ``state``). Ids are read as text.
    """
    frame = pd.read_csv(path, dtype={"id": "str", "stage": "str", "step": "str", "lane": "str"})
    if "text" in frame.columns:  # "NA", "null" or "" in a card's text are text, not missing
        raw = pd.read_csv(path, usecols=["text"], dtype="str", keep_default_na=False)
        frame["text"] = raw["text"]
    return Journey(frame, stages=stages, lanes=lanes, **kwargs)
