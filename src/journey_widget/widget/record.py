"""The record of every edit a map has seen, behind ``m.history``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..model import Change
from .events import Source

#: The columns of ``m.history``, in order.
HISTORY_COLUMNS = ("time", "user", "source", "kind", "card", "field", "old", "new")


class EditRecord:
    """Every change applied to a map, in order, with when, who and from where (kept in memory)."""

    def __init__(self) -> None:
        self._rows: list[tuple[Any, ...]] = []

    def add(self, changes: Iterable[Change], source: Source, user: str | None) -> None:
        """Record ``changes``, made now by ``user`` from ``source``."""
        now = pd.Timestamp.now(tz="UTC")
        for c in changes:
            self._rows.append((now, user, source, c.kind, c.id, c.field, c.old, c.new))

    def __len__(self) -> int:
        return len(self._rows)

    def frame(self) -> pd.DataFrame:
        """The record as a DataFrame: one row per change, the columns of ``HISTORY_COLUMNS``.

        ``time`` is a tz-aware UTC timestamp; the other columns hold Python objects (``None``
        where a change has no user, card or field).
        """
        columns = list(zip(*self._rows, strict=True)) if self._rows else [()] * 8
        data: dict[str, Any] = {
            "time": pd.to_datetime(pd.Series(columns[0], dtype=object), utc=True),
        }
        for name, values in zip(HISTORY_COLUMNS[1:], columns[1:], strict=True):
            data[name] = pd.Series(values, dtype=object)
        frame = pd.DataFrame(data, columns=list(HISTORY_COLUMNS))
        frame["time"] = frame["time"].astype("datetime64[ns, UTC]")
        return frame
