"""The ``journey`` document type of Jupyter's real-time collaboration (jupyter_ydoc).

With jupyter-collaboration installed, the Jupyter server keeps one shared document per open
``.journey.json`` file (a "room"): it loads the file's text with :meth:`YJourney.set`, saves
:meth:`YJourney.get` about a second after any change reported through
:meth:`YJourney.observe`, and when another program writes the file (a kernel holding the map
with ``jw.open``, an editor, ``git checkout``) it calls :meth:`YJourney.set` with the new text.

That last call merges instead of overwriting: edits made in browsers that the server has not
saved yet are kept. :class:`YJourney` remembers ``base``, the document last known to be in the
file (the last text set, or the last text got whose hash the server reports after saving
it), and merges the shared document and the file's new text against it card by card
(:func:`journey_widget.durable.merge.merge_documents`; on a conflict the file wins). When the
result differs from the file, it asks the server to save it.

Registered as the ``jupyter_ydoc`` entry point ``journey`` (pyproject.toml).
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jupyter_ydoc.ybasedoc import YBaseDoc
from pycrdt import Awareness, Doc

from ..durable.merge import merge_documents
from ..io.errors import JourneyFormatError
from ..io.json_format import document_text
from ..io.validate import check_document, parse_document
from .repair import Doc as Document
from .repair import canonical
from .yshape import has_content, read_document, roots, write_document

log = logging.getLogger(__name__)
Callback = Callable[[str, Any], None]
#: How many of the latest :meth:`YJourney.get` results are kept to recognise a saved one.
RECENT_TEXTS = 8
#: Seconds after a merge at which observers hear of it, so the server saves the merged map
#: once it has released the lock it holds while setting the file's text; told twice in case
#: the lock is still held at the first.
SAVE_REQUEST_DELAYS = (0.05, 0.5)


@dataclass(frozen=True)
class MergedWithFile:
    """The event observers get when a merge left the map different from its file.

    Observers (the server's room) take it as a change of the document and save it.
    """

    conflicts: tuple[str, ...]


def text_hash(text: str) -> str:
    """The SHA-256 hex digest of ``text`` in UTF-8: what the server reports after a save."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class YJourney(YBaseDoc):
    """A journey map shared by everyone who has its ``.journey.json`` file open.

    Parameters
    ----------
    ydoc : pycrdt.Doc, optional
        The document holding the map (layout: :mod:`journey_widget.collab.yshape`).
    awareness : pycrdt.Awareness, optional
        Shared non-persistent state (who is here).
    """

    def __init__(self, ydoc: Doc[Any] | None = None, awareness: Awareness | None = None) -> None:
        super().__init__(ydoc, awareness)
        self._roots = roots(self._ydoc)
        for shared in self._roots:
            self.undo_manager.expand_scope(shared)
        self._base: Document | None = None
        self._recent: collections.deque[tuple[str, Document]] = collections.deque(
            maxlen=RECENT_TEXTS
        )
        self._callbacks: list[Callback] = []
        self._awaiting_fill = not has_content(self._ydoc)
        self._fill_watch = [shared.observe_deep(self._on_first_fill) for shared in self._roots]

    @property
    def version(self) -> str:
        """The version of the document type."""
        return "1.0.0"

    @property
    def base(self) -> Document | None:
        """The document last known to be in the file (``None`` before any is known)."""
        return self._base

    def get(self) -> str:
        """The map as ``.journey.json`` text, in the bytes journey_widget writes.

        Raises
        ------
        JourneyFormatError
            When the shared document does not read as a valid map (only a faulty writer can
            cause that): nothing invalid is ever saved.
        """
        document = read_document(self._ydoc, self._roots)
        try:
            if not has_content(self._ydoc):
                raise JourneyFormatError("the file could not be loaded as a journey map")
            check_document(document)
        except JourneyFormatError as err:
            log.error("journey map %s cannot be saved: %s", self.path, err)
            raise err.in_file(self.path or "shared journey map") from None
        text = document_text(document)
        self._recent.append((text_hash(text), document))
        return text

    def set(self, value: str) -> None:
        """Take the file's text ``value`` into the shared map, merging unsaved edits.

        Parameters
        ----------
        value : str
            ``.journey.json`` text.

        Raises
        ------
        JourneyFormatError
            For text that is not a valid journey map; the shared map is left as it was. Not on
            the first load (the shared map still empty): jupyter-collaboration would fail the
            room and the browser wait forever, so the error is logged, the shared map stays
            empty (the browser says the file could not be loaded) and :meth:`get` refuses to
            save it.
        """
        try:
            theirs = self._parse(value)
        except JourneyFormatError:
            if not has_content(self._ydoc):
                return
            raise
        ours = read_document(self._ydoc, self._roots) if has_content(self._ydoc) else None
        base = self._base
        if ours is None or base is None or ours in (base, theirs):
            write_document(self._ydoc, theirs)
        else:
            self._merge(base, ours, theirs)
        self._base = theirs

    def _parse(self, value: str) -> Document:
        try:
            parsed = parse_document(value)
            check_document(parsed)
        except JourneyFormatError as err:
            error = err.in_file(self.path or "shared journey map")
            log.error("journey map not loaded, the shared map is kept: %s", error)
            raise error from None
        return canonical(parsed)

    def _merge(self, base: Document, ours: Document, theirs: Document) -> None:
        """Write the merge of the shared map's unsaved edits with the file's new text."""
        result = merge_documents(base, ours, theirs)
        merged = canonical(result.doc)
        conflicts = tuple(str(c) for c in result.conflicts)
        if conflicts:
            log.warning(
                "journey map %s: merged with the file's changes; where both changed, the "
                "file's value is kept: %s",
                self.path,
                "; ".join(conflicts),
            )
        write_document(self._ydoc, merged)
        if merged != theirs:
            self._request_save(MergedWithFile(conflicts))

    def _request_save(self, event: MergedWithFile) -> None:
        """Tell the observers (soon, on the running loop) that the map changed."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop, no server to save: whoever called set() saves
            return
        for delay in SAVE_REQUEST_DELAYS:
            loop.call_later(delay, self._tell_observers, event)

    def _tell_observers(self, event: MergedWithFile) -> None:
        for callback in list(self._callbacks):
            callback("source", event)

    def _on_first_fill(self, _events: Any) -> None:
        """Take the map as first loaded (the file's, as the server loads it) as ``base``."""
        if self._base is not None or not self._awaiting_fill:
            return
        self._awaiting_fill = False
        try:
            self._base = read_document(self._ydoc, self._roots)
        except Exception:  # an observer must not fail the transaction that filled the map
            log.exception("journey map %s: first contents not readable", self.path)

    @property
    def hash(self) -> str | None:
        """The hash of the file's content, as the server computed it after its last save."""
        return super().hash

    @hash.setter
    def hash(self, value: str) -> None:
        """Record the saved hash; the text got with that hash becomes ``base``."""
        for digest, document in reversed(self._recent):
            if digest == value:
                self._base = document
                break
        YBaseDoc.hash.fset(self, value)  # type: ignore[attr-defined]

    def observe(self, callback: Callback) -> None:
        """Call ``callback`` on every change of the document.

        ``callback("source", events)`` for changes of the map (``meta``, ``cards``, ``order``,
        deep) and ``callback("state", event)`` for changes of ``ystate``. Replaces any earlier
        callback, as the other document types of jupyter_ydoc do.
        """
        self.unobserve()
        self._callbacks = [callback]
        self._subscriptions[self._ystate] = self._ystate.observe(
            lambda event: callback("state", event)
        )
        for shared in self._roots:
            self._subscriptions[shared] = shared.observe_deep(
                lambda events: callback("source", events)
            )

    def unobserve(self) -> None:
        """Remove the callback set by :meth:`observe`."""
        super().unobserve()
        self._callbacks = []
