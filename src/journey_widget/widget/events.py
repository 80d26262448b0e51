"""Edit events delivered to ``JourneyMap.on_edit`` callbacks."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..model import Change

logger = logging.getLogger("journey_widget")
Source = Literal["browser", "python"]


@dataclass(frozen=True)
class EditEvent:
    """One change to a map.

    Attributes
    ----------
    kind : str
        ``edit``, ``add``, ``delete``, ``move`` for cards; ``add_stage``, ``rename_lane``, ... for
        structure; ``replace`` when ``m.data`` was assigned.
    id : str or None
        The card concerned, for card changes.
    field : str or None
        The column edited (``edit``), ``"position"`` (``move``), the stage (step changes).
    old, new
        The values before and after (cards as dicts for ``add``/``delete``).
    source : {"browser", "python"}
        Where the edit came from.
    revision : int
        The map's revision after the edit.
    user : str or None
        Who made it: the JupyterLab user's ``name`` for edits from a browser that knows its
        user (real-time collaboration); ``None`` for edits from Python and from views without
        one.

    Events also read like dicts: ``event["kind"]``.
    """

    kind: str
    id: str | None
    field: str | None
    old: Any
    new: Any
    source: Source
    revision: int
    user: str | None = None

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def to_dict(self) -> dict[str, Any]:
        """The event as a dict of its fields."""
        return asdict(self)


EditCallback = Callable[[EditEvent], Any]


class Callbacks:
    """The registered ``on_edit`` callbacks."""

    def __init__(self) -> None:
        self._callbacks: list[EditCallback] = []

    def register(self, callback: EditCallback, remove: bool = False) -> None:
        """Register ``callback`` (once), or with ``remove=True`` unregister it."""
        if remove:
            self._callbacks = [c for c in self._callbacks if c is not callback]
        elif callback not in self._callbacks:
            self._callbacks.append(callback)

    def emit(
        self, changes: Iterable[Change], source: Source, revision: int, user: str | None = None
    ) -> None:
        """Call every callback for every change (made by ``user``, see :class:`EditEvent`).

        A failing callback does not stop the others. Errors are logged; for edits made from
        Python the first one is raised again once all callbacks ran, so it shows in the cell.
        """
        first: Exception | None = None
        for change in changes:
            event = EditEvent(
                change.kind, change.id, change.field, change.old, change.new, source, revision, user
            )
            for callback in list(self._callbacks):
                try:
                    callback(event)
                except Exception as err:
                    logger.exception("on_edit callback %r failed on %s", callback, event)
                    first = first or err
        if first is not None and source == "python":
            raise first
