"""The file a map is bound to (``jw.open``): ``m.path``, ``m.file_status``, ``m.flush()``.

The binding itself lives in :mod:`journey_widget.durable` (a layer above the widget); it sets
``m._binding`` and shows its status through :meth:`FileAPI._show_file_status`.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .core import MapCore
from .events import logger

if TYPE_CHECKING:
    from ..durable.binding import FileBinding
    from ..durable.status import FileStatus
    from ..model import Change


class FileAPI(MapCore):
    """Methods of :class:`JourneyMap` about the file it is bound to (if any)."""

    _binding: FileBinding | None = None
    file_binding: dict[str, Any]

    @property
    def path(self) -> pathlib.Path | None:
        """The ``.journey.json`` file this map is bound to (``jw.open``), else ``None``."""
        return None if self._binding is None else self._binding.path

    @property
    def file_status(self) -> FileStatus | None:
        """How the map stands with its file (``None`` for a map not bound to one).

        ``state`` is ``saved``, ``pending``, ``conflict``, ``error`` or ``closed``; ``message``
        names the file (and any conflict copy).
        """
        return None if self._binding is None else self._binding.status

    def flush(self) -> FileStatus | None:
        """Write unwritten edits to the bound file now, waiting for the write."""
        return None if self._binding is None else self._binding.flush()

    def close_file(self) -> FileStatus | None:
        """Write what is pending and unbind the map from its file (the map stays as it is)."""
        return None if self._binding is None else self._binding.close()

    def _show_file_status(self, status: FileStatus) -> None:
        """Sync the status to the views (the ``file_binding`` trait)."""
        self.file_binding = status.to_dict()

    def _save_before_ack(self, changes: Sequence[Change]) -> None:
        """Write a browser edit to the bound file before its ack is sent (never raises)."""
        if self._binding is None:
            return
        try:
            self._binding.write_through(changes)
        except Exception:  # the edit is applied; the binding's thread retries the write
            logger.exception("journey_widget could not write %s before the ack", self.path)
