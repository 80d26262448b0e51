"""Recent writes of a bound map: telling a stale overwrite from a new edit.

Another program that saves a map it read a moment earlier can land its save right after one
of ours, carrying the version from before it. JupyterLab's collaboration server does exactly
that when its autosave (a second after the last change in the room) checks the file just
before our write and writes just after: the file then holds everything the room did, and
nothing of our last write. Read against our last write, that file looks like someone undid
our edit, and the map would take the undo.

So the binding remembers, for a few seconds, what the file held before each of its writes.
When the file changes and lacks changes we wrote within that window (a merge of our recent
writes into it would change it), the merge starts from the version before them: our recent
edits are then kept, and everything else in the file taken. A file that holds our writes and
someone's newer value for the same field is no such case: their value stands.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .merge import merge_documents

#: Seconds a write is remembered: well beyond a collaboration server's save delay and poll.
WINDOW = 5.0


@dataclass(frozen=True)
class _Write:
    at: float
    before: bytes
    before_doc: dict[str, Any]
    after_doc: dict[str, Any]


class RecentWrites:
    """What the file held before each of this binding's writes of the last ``window`` seconds."""

    def __init__(self, window: float = WINDOW) -> None:
        self.window = window
        self._writes: deque[_Write] = deque()

    def record(self, before: bytes, before_doc: dict[str, Any], after_doc: dict[str, Any]) -> None:
        """Remember one write: the file's bytes and document before it, the document after."""
        self._writes.append(_Write(time.monotonic(), before, before_doc, after_doc))
        self._forget()

    def _forget(self) -> None:
        limit = time.monotonic() - self.window
        while self._writes and self._writes[0].at < limit:
            self._writes.popleft()

    def base_for(
        self, read_theirs: Callable[[], dict[str, Any]]
    ) -> tuple[bytes, dict[str, Any]] | None:
        """The version to merge the file's document from, when it lacks a recent write of ours.

        ``read_theirs`` gives that document; it is called only while writes are remembered.

        Returns
        -------
        tuple of (bytes, dict) or None
            What the file held before the oldest remembered write, when merging our writes
            into ``theirs`` would change it (it was saved over them); ``None`` when ``theirs``
            holds them, or nothing is remembered.
        """
        self._forget()
        if not self._writes:
            return None
        first, last = self._writes[0], self._writes[-1]
        theirs = read_theirs()
        merged = merge_documents(first.before_doc, last.after_doc, theirs).doc
        if merged == theirs:
            return None
        return first.before, first.before_doc
