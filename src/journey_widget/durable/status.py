"""Where a bound map stands with its file: ``m.file_status``."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

State = Literal["saved", "pending", "conflict", "error", "closed"]


@dataclass(frozen=True)
class FileStatus:
    """The state of a map's file binding, as ``m.file_status`` shows it.

    Attributes
    ----------
    state : {"saved", "pending", "conflict", "error", "closed"}
        ``saved``: the file holds the map. ``pending``: edits wait for their write (at most
        ~100 ms). ``conflict``: saved, but an edit clashed with a change made elsewhere; the
        file holds the other change and ``conflict_copy`` this map's version. ``error``: the
        last write or read failed; the map keeps every edit in memory and retries.
        ``closed``: no longer bound.
    message : str
        One sentence for people, naming the file (and the conflict copy).
    path : str
        The bound file.
    conflict_copy : str or None
        The file holding this map's version after a conflict.
    at : float
        When this status was set (``time.time()``).
    """

    state: State
    message: str
    path: str
    conflict_copy: str | None = None
    at: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict (the widget's ``file_binding`` trait)."""
        return asdict(self)
