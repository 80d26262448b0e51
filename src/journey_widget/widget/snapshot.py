"""The latest state of each displayed map, kept where the Jupyter server can read it at save time.

A notebook output of a map holds, besides the live widget, a static ``text/html`` map and the
map's JSON (``application/vnd.journey-map+json``), written when the map was displayed. Browser
edits change the widget, not those outputs, so a saved notebook would show the map as first
displayed. To keep it true, every displayed map writes its JSON document right after each edit
(rendered card by card) to ``<jupyter runtime dir>/journey-widget/<widget model id>.json``; the
server extension (:mod:`journey_widget.server`) rewrites the map outputs from those files just
before it saves a notebook (docs/protocol.md explains the choice). Writes are atomic and never
raise into the edit path; a failure is logged and retried after the next edit.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pathlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..io.atomic import atomic_write
from ..io.incremental import DocumentCache
from .loop import running_loop

if TYPE_CHECKING:
    from ..model import Change

logger = logging.getLogger("journey_widget")

FOLDER = "journey-widget"


def snapshot_dir() -> pathlib.Path:
    """The folder of map snapshots: ``journey-widget`` in Jupyter's runtime directory.

    ``JOURNEY_WIDGET_SNAPSHOTS`` overrides it (tests and unusual deployments).
    """
    override = os.environ.get("JOURNEY_WIDGET_SNAPSHOTS")
    if override:
        return pathlib.Path(override)
    from jupyter_core.paths import jupyter_runtime_dir

    return pathlib.Path(jupyter_runtime_dir()) / FOLDER


def snapshot_path(model_id: str, folder: pathlib.Path | None = None) -> pathlib.Path:
    """Where the snapshot of the widget with ``model_id`` lives."""
    safe = "".join(c for c in model_id if c.isalnum() or c in "-_")
    return (folder or snapshot_dir()) / f"{safe}.json"


class Snapshots:
    """Writes one widget's snapshot after its edits pause, once it has been displayed."""

    def __init__(self, widget: Any) -> None:
        self.widget = widget
        self.displayed = False
        self.written = 0
        self._handle: asyncio.Handle | None = None
        # The document is rendered card by card, as the bound file is (io/incremental.py).
        self._cache = DocumentCache()
        self._changed: set[str] | None = None  # cards edited since the last write; None: all

    def on_display(self) -> None:
        """The widget was displayed: its outputs now hold a map that later edits must follow."""
        self.displayed = True

    def request(self, changes: Iterable[Change]) -> None:
        """The map changed: write its snapshot when edits pause (nothing before a display)."""
        touched = DocumentCache.changed_ids(changes)
        if self._changed is not None:
            self._changed = None if touched is None else self._changed | touched
        if not self.displayed:
            return
        loop = running_loop()
        if loop is None:  # no kernel loop (a script): write at once, edits are rare there
            self.write()
            return
        if self._handle is None:  # once per turn of the loop: right after this edit's ack
            self._handle = loop.call_soon(self.write)

    def write(self) -> None:
        """Write the snapshot now; log and carry on if the folder cannot be written."""
        self._handle = None
        model_id = getattr(self.widget, "model_id", None)
        if not model_id:
            return
        changed, self._changed = self._changed, set()
        try:
            _document, data = self._cache.render(self.widget.journey, changed)
            path = snapshot_path(str(model_id))
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
            self.written += 1
        except Exception:  # a snapshot must never break editing
            self._changed = None  # render every card next time
            logger.exception("journey_widget could not keep the map's saved outputs current")
