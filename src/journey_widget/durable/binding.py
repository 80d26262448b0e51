"""Keep a map and its file in step: every edit written, every outside change read.

Writes. Every accepted edit (browser, Python, undo, redo: the map's ``on_edit`` callbacks)
captures the map's state on the thread that edits (cheap references, no serialisation). An
edit after a pause is written at once, on that thread, before the edit call returns: a
process killed right after is not a lost edit. Edits that follow within ``debounce`` seconds
of a write are coalesced and written by the binding's thread ``debounce`` after the last one
(at most ``max_delay`` after the first). Writes are atomic (:mod:`journey_widget.io.atomic`),
the bytes those of ``m.save``. A failed write raises nothing into the edit: the status says
``error`` and the binding retries with back-off (0.1 s doubling to 5 s).

Reads. The binding's thread polls the file (:mod:`.watch`). A change made elsewhere is
applied to the map as one undoable step (``ReplaceJourney``) when the map has no unwritten
edits; otherwise, and before every write, the file is merged with the map by card id
(:mod:`.merge`) against the last version both shared. On a conflict the file keeps the other
side and this map's version goes to ``<name>.conflict-<time>.journey.json``. A file that is
not a valid map leaves the map untouched, with an ``error`` status naming the problem.

Threads. In a Jupyter kernel, changes to the map (reloads, status) run on the kernel's event
loop, between cells and messages; outside one (a script), on the binding's thread: edit a
bound map from one thread at a time.
"""

from __future__ import annotations

import logging
import pathlib
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..io.atomic import BeforeReplace, atomic_write, folder_lock, remove_stale_temps, sync_file
from ..io.incremental import DocumentCache
from ..io.json_format import journey_from_json, journey_to_dict
from ..model import JourneyError
from ..model.replace_ops import JourneyState, ReplaceJourney
from ..widget.loop import running_loop
from .recent import RecentWrites
from .reconcile import reconcile
from .status import FileStatus, State
from .watch import fingerprint, read_bytes

if TYPE_CHECKING:
    from ..model import Change, Journey
    from ..widget import EditEvent, JourneyMap

logger = logging.getLogger("journey_widget")
MAX_BACKOFF = 5.0
#: Seconds between sweeps for temporary files that killed writers left behind.
CLEAN_EVERY = 10.0
#: Seconds between looks at the file for changes made elsewhere.
POLL_SECONDS = 0.5


class FileBinding:
    """Bind ``widget`` to ``path`` (``jw.open`` makes one; see the module docstring).

    Parameters
    ----------
    widget : JourneyMap
        The map; it must hold what ``text`` holds.
    path : path-like
        The ``.journey.json`` file.
    text : bytes
        The file's bytes the map was read from or just wrote: the first shared version.
    base : dict
        The map's document when bound (``journey_to_dict``): what merges start from.
    debounce, max_delay, poll : float
        Seconds: quiet time before a coalesced write, the longest a write waits, the polling
        interval (default :data:`POLL_SECONDS`).
    before_replace : callable, optional
        Fault injection: called between writing the temporary file and renaming it.
    """

    def __init__(
        self,
        widget: JourneyMap,
        path: pathlib.Path,
        text: bytes,
        base: dict[str, Any],
        *,
        debounce: float = 0.05,
        max_delay: float = 0.5,
        poll: float | None = None,
        before_replace: BeforeReplace | None = None,
    ) -> None:
        self.map, self.path = widget, path
        self.debounce, self.max_delay = debounce, max_delay
        self.poll = POLL_SECONDS if poll is None else poll
        self.before_replace = before_replace
        self._state = threading.Lock()  # guards the fields below; held briefly
        self._io = threading.Lock()  # one write or read of the file at a time
        self._wake = threading.Condition(self._state)
        self._base = text
        self._base_doc = base
        self._seen = fingerprint(path)
        #: The fingerprint under which the file last held exactly ``_base`` (None: unknown).
        self._base_seen = self._seen
        self._edits = self._written = 0
        self._pending: JourneyState | None = None
        #: Ids of the cards edited since the last render, or None: render every card.
        self._dirty: set[str] | None = None
        self._cache = DocumentCache()
        #: The revision whose edit events were written before its ack (see write_through).
        self._written_through: int | None = None
        self._unsynced = False  # written without fsync: the thread makes it durable
        self._last_clean = 0.0
        self._first_pending = self._due = 0.0
        self._last_write = 0.0
        self._backoff = 0.0
        self._applying = False
        self._closed = False
        self._conflict: tuple[str, pathlib.Path] | None = None
        self._recent = RecentWrites()  # a save of an older version over ours (recent.py)
        self._loop = running_loop()
        self.status = FileStatus("saved", f"Saved to {path.name}", str(path))
        widget.on_edit(self._on_edit)
        self._thread = threading.Thread(
            target=self._run, name=f"journey-file {path.name}", daemon=True
        )
        self._thread.start()

    # ---- edits -> file ----------------------------------------------------------------------
    def _on_edit(self, event: EditEvent) -> None:
        if self._applying or self._closed or event.revision == self._written_through:
            return  # a reload of ours, or an edit already written before its ack
        if self._note(event) and self._io.acquire(blocking=False):  # after a pause: write now
            try:
                self._write()
            finally:
                self._io.release()
        elif not self.status.message.startswith("Saving") and self.status.state != "error":
            self._set_status("pending", f"Saving to {self.path.name}...")

    def write_through(self, changes: Sequence[Change]) -> None:
        """Write a browser edit to the file before the browser is told it was taken.

        Called by the widget between applying an edit and sending its ``ack``, so an
        acknowledged edit is in the file even if the kernel is killed the next moment. The
        bytes are complete on disk at once; the fsync that makes them survive a power cut
        follows on the binding's thread, off the edit's path. The edit's events, which come
        after the ack, are then not written again.
        """
        if self._applying or self._closed or not changes:
            return
        for change in changes:
            self._note(change)
        self._written_through = self.map.revision + 1  # the revision its events will carry
        if self._backoff or not self._io.acquire(blocking=False):
            return  # failing (retrying with back-off) or busy: the thread writes it
        try:
            self._write(sync=False)
        finally:
            self._io.release()

    def _note(self, event: EditEvent | Change) -> bool:
        """Count an edit and capture the map; True when edits had paused (write it now)."""
        snapshot = JourneyState.capture(self.map.journey)
        now = time.monotonic()
        touched = DocumentCache.changed_ids([event])
        with self._state:
            self._edits += 1
            if self._dirty is not None:
                self._dirty = None if touched is None else self._dirty | touched
            if self._pending is None:
                self._first_pending = now
            self._pending = snapshot
            quiet = now - self._last_write >= self.debounce and not self._backoff
            self._due = min(now + self.debounce, self._first_pending + self.max_delay)
            self._wake.notify()
        return quiet

    def flush(self) -> FileStatus:
        """Write unwritten edits now and wait for the write; return the status."""
        with self._io:
            self._write()
            with self._state:
                durable, self._unsynced = self._unsynced, False
            if durable:
                sync_file(self.path)
        return self.status

    def _write(self, sync: bool = True) -> None:
        """Write the pending state (caller holds ``_io``); merge first if the file changed.

        ``sync=False`` leaves the fsync to the binding's thread (:meth:`write_through`).
        """
        with self._state:
            state, seq, dirty = self._pending, self._edits, self._dirty
            if state is None:
                return
            self._dirty = set()
        try:
            ours, text = self._cache.render(state.journey(), dirty)
        except Exception:
            with self._state:
                self._dirty = None  # render everything next time
            raise
        try:
            with folder_lock(self.path.parent):  # other processes' check-and-write wait
                self._write_doc(ours, seq, text, sync)
        except Exception as err:  # never into the edit: keep the edit, say so, retry
            if not isinstance(err, OSError):
                logger.exception("journey_widget: writing %s failed", self.path)
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            with self._state:
                self._backoff = min(max(self._backoff * 2, 0.1), MAX_BACKOFF)
                self._due = time.monotonic() + self._backoff
            self._set_status(
                "error",
                f"Could not save {self.path.name}: {reason}. Every edit "
                f"is kept in this map; retrying in {self._backoff:g} s.",
            )
        finally:
            with self._state:
                self._last_write = time.monotonic()

    def _write_doc(self, ours: dict[str, Any], seq: int, text: bytes, sync: bool) -> None:
        if time.monotonic() - self._last_clean > CLEAN_EVERY:
            remove_stale_temps(self.path)
            self._last_clean = time.monotonic()
        unchanged = self._base_seen is not None and fingerprint(self.path) == self._base_seen
        disk = self._base if unchanged else read_bytes(self.path)[0]
        copy: pathlib.Path | None = None
        note, merged = "", None
        if disk is not None and disk != self._base:
            outcome = reconcile(self.path, self._base_doc, ours, text, disk, self._atomic)
            text, merged, copy, note = outcome.text, outcome.merged, outcome.copy, outcome.note
        atomic_write(self.path, text, before_replace=self.before_replace, sync=sync)
        with self._state:
            self._unsynced = self._unsynced or not sync
            if not sync:
                self._wake.notify()
            self._seen = fingerprint(self.path)
            if merged is None:
                self._base_seen = self._seen
            self._written = seq
            if self._edits == seq:
                self._pending = None
            self._backoff = 0.0
            if merged is None:
                self._recent.record(self._base, self._base_doc, ours)
                self._base, self._base_doc = text, ours
        if merged is not None:  # the map takes the merge; until it does, the base stays
            self._on_owner(lambda: self._take(merged, text, seq, merged_from_ours=True))
        if copy is not None:
            self._set_status("conflict", note, copy)
        elif self._pending is None:
            self._set_status("saved", f"Saved to {self.path.name}")

    def _atomic(self, path: pathlib.Path, data: bytes) -> None:
        atomic_write(path, data, before_replace=self.before_replace)

    # ---- file -> map ------------------------------------------------------------------------
    def check_file(self) -> None:
        """Look at the file now (the binding's thread does every ``poll`` seconds)."""
        seen = fingerprint(self.path)
        with self._io:
            if seen == self._seen and not self._byte_check_due():
                return
            try:
                disk, seen = read_bytes(self.path)
            except OSError as err:
                self._set_status("error", f"Could not read {self.path.name}: {err}")
                return
            if disk is None or disk == self._base:
                self._seen = seen
                if disk is not None:
                    self._base_seen = seen
                return
            try:
                journey = journey_from_json(disk, source=self.path)
            except JourneyError as err:
                self._seen = seen
                self._set_status(
                    "error",
                    f"{self.path.name} changed on disk but is not a valid "
                    f"map; this map is unchanged and keeps its edits. {err}",
                )
                return
            self._seen = seen
            rebase = self._recent.base_for(lambda: journey_to_dict(journey))
            with self._state:
                dirty, seq = self._pending is not None, self._edits
                if rebase is not None:  # saved over our last writes: merge from before them
                    self._base, self._base_doc = rebase
                    self._base_seen = self._dirty = None
                    self._pending = self._pending or JourneyState.capture(self.map.journey)
            if dirty or rebase is not None:
                self._write()  # merges the change with ours
            else:
                self._on_owner(lambda: self._take(journey, disk, seq))

    _polls = 0

    def _byte_check_due(self) -> bool:
        """Every fourth poll, compare bytes even when ``stat`` saw nothing."""
        self._polls += 1
        return self._polls % 4 == 0

    def _take(
        self,
        journey: Journey,
        text: bytes,
        seq: int,
        merged_from_ours: bool = False,
    ) -> None:
        """Show ``journey`` (read from ``text``) in the map: one undoable step (owner thread)."""
        with self._state:
            if self._edits != seq or self._closed:
                return  # edited meanwhile: the next write merges instead
            self._base, self._base_doc = text, journey_to_dict(journey)
            self._base_seen = None  # read the file before the next write
            self._dirty = None  # the map is about to become another one: render it whole
        self._applying = True
        try:
            self.map._apply(ReplaceJourney(JourneyState.capture(journey)))
        except Exception:
            logger.exception("journey_widget: reloading %s failed", self.path)
        finally:
            self._applying = False
        if merged_from_ours:
            return  # the status names the conflict copy already
        self._set_status("saved", f"Reloaded {self.path.name}: it changed on disk")

    # ---- plumbing ---------------------------------------------------------------------------
    def _on_owner(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` where the map is edited: the kernel's event loop, else right here."""
        loop = self._loop
        owner_thread = threading.current_thread() is threading.main_thread()
        if loop is not None and loop.is_running() and not owner_thread:
            loop.call_soon_threadsafe(fn)
        else:
            fn()

    def _set_status(self, state: State, message: str, copy: pathlib.Path | None = None) -> None:
        if copy is not None:
            self._conflict = (message, copy)
        elif state in ("saved", "pending") and self._conflict is not None:
            # the last conflict stays in view (its copy named) until another one replaces it
            state, copy = "conflict", self._conflict[1]
            message = f"{message}. Earlier: {self._conflict[0]}"
        shown = None if copy is None else str(copy)
        old = self.status
        if (old.state, old.message, old.conflict_copy) == (state, message, shown):
            return  # nothing new to show: no message to the views (it would delay the next ack)
        self.status = FileStatus(state, message, str(self.path), shown)
        if state in ("error", "conflict"):
            logger.warning("journey_widget: %s", message)
        publish = getattr(self.map, "_show_file_status", None)
        if callable(publish):
            status = self.status
            self._on_owner(lambda: publish(status))

    def _run(self) -> None:
        next_poll = time.monotonic() + self.poll
        while True:
            with self._wake:
                now = time.monotonic()
                due = self._due if self._pending is not None else float("inf")
                if not self._closed and not self._unsynced:
                    self._wake.wait(max(0.0, min(due, next_poll) - now))
                if self._closed:
                    return
                now = time.monotonic()
                write = self._pending is not None and now >= self._due
                durable, self._unsynced = self._unsynced, False
            try:
                if durable:
                    with self._io:
                        sync_file(self.path)
                if write:
                    with self._io:
                        self._write()
                if now >= next_poll:
                    next_poll = now + self.poll
                    self.check_file()
            except Exception:  # the thread must live on: log and carry on
                logger.exception("journey_widget: the file binding of %s failed", self.path)

    def close(self) -> FileStatus:
        """Write what is pending, stop watching and writing, unbind; the map stays as it is."""
        self.flush()
        with self._wake:
            self._closed = True
            self._wake.notify()
        self.map.on_edit(self._on_edit, remove=True)
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
        self.status = FileStatus("closed", f"No longer bound to {self.path.name}", str(self.path))
        if self.map._binding is self:
            self.map._binding = None
            self.map._show_file_status(self.status)
        if self.on_close is not None:
            self.on_close(self)
        return self.status

    #: Called with the binding once it is closed (``jw.open`` forgets it).
    on_close: Callable[[FileBinding], None] | None = None
