"""What the view needs, as JSON-ready values: the structure and the cards."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .model import CORE_COLUMNS, OPTIONAL_COLUMNS, Journey
from .model.cards import plain


def structure_payload(journey: Journey) -> dict[str, Any]:
    """The ``structure`` trait: title, persona, state, stages, lanes and scale."""
    return {
        "title": journey.title,
        "persona": journey.persona.to_dict() if journey.persona else None,
        "state": journey.state,
        "stages": [s.to_dict() for s in journey.stages],
        "lanes": [x.to_dict() for x in journey.lanes],
        "scale": journey.scale.to_dict(),
    }


def view_columns(table: pd.DataFrame) -> list[str]:
    """The columns a view receives: core ones and the optional ones the map has."""
    return [*CORE_COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in table.columns)]


def cards_payload(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``cards`` trait: one plain dict per card, in row order, missing values as ``None``."""
    part = table[view_columns(table)]
    objects = part.astype(object).where(part.notna(), None)
    return [{str(k): plain(v) for k, v in r.items()} for r in objects.to_dict("records")]
