"""What the view needs, as JSON-ready values: the structure and the cards."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..html_render.stage_trend import stage_trends
from ..model import CORE_COLUMNS, OPTIONAL_COLUMNS, Journey
from ..model.cards import plain
from ..model.metrics_ops import current_metrics


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


def metrics_payload(journey: Journey) -> dict[str, Any]:
    """The ``stage_metrics`` trait: what each stage header and the caption show of the metrics.

    Latest values, changes and sparklines, and the journey score (html_render/stage_trend.py);
    ``{}`` without metrics.
    """
    return stage_trends(current_metrics(journey))


class MetricsPayload:
    """:func:`metrics_payload`, computed again only when the metrics or the stages changed.

    Metrics tables are replaced, never changed in place, so the table's identity and the stage
    names are the key; a card edit (published often) costs nothing here (~4 ms saved at 200
    metric rows).
    """

    def __init__(self) -> None:
        self._key: tuple[Any, tuple[str, ...]] | None = None
        self._value: dict[str, Any] = {}

    def __call__(self, journey: Journey) -> dict[str, Any]:
        """The payload of ``journey``'s metrics now."""
        table = getattr(journey, "metrics", None)
        stages = tuple(journey.stage_names())
        if self._key is None or self._key[0] is not table or self._key[1] != stages:
            self._value = metrics_payload(journey)
            self._key = (table, stages)
        return self._value


def view_columns(table: pd.DataFrame) -> list[str]:
    """The columns a view receives: core ones and the optional ones the map has."""
    return [*CORE_COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in table.columns)]


def _column_values(column: pd.Series) -> list[Any]:
    """One column as plain Python values, missing ones as ``None`` (column-wise: fast)."""
    missing = column.isna().to_numpy()
    values = column.tolist()
    if column.dtype.kind in "fiub":  # numbers: tolist() already gives Python scalars
        return [None if m else v for v, m in zip(values, missing, strict=True)]
    return [None if m else plain(v) for v, m in zip(values, missing, strict=True)]


def cards_payload(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``cards`` trait: one plain dict per card, in row order, missing values as ``None``.

    Built column by column (it is rebuilt after every edit: ~1 ms for 1,000 cards).
    """
    names = [str(c) for c in view_columns(table)]
    columns = [_column_values(table[c]) for c in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def participation_payload(journey: Journey) -> dict[str, Any]:
    """The ``participation`` trait: comments, rounds and revealed totals, never open dots.

    ``comments`` one dict per comment (``id, card, parent, author, created, text, resolved``);
    ``rounds`` every round's settings (``round, lanes, budget, anonymous, started, ends,
    ended``; the open one has ``ended: null``); ``totals`` one ``{round, card, votes}`` per card
    with dots in a *revealed* round. The dots of an open round are in no trait: each view gets
    its own voter's in a ``dots`` message (widget/dots.py).
    """
    p = journey.participation
    totals = p.revealed_totals()
    return {
        "comments": [c.to_dict() for c in p.comments],
        "rounds": [r.to_dict() for r in p.rounds],
        "totals": [
            {"round": r, "card": c, "votes": n}
            for (r, c), n in sorted(totals.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
        ],
    }
