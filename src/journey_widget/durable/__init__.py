"""Durable maps: a map bound to its ``.journey.json`` file (``jw.open``).

- ``opening``: ``open``, open or create the file and bind a map to it;
- ``binding``: the binding itself (writes every edit, reads outside changes, merges);
- ``merge``: three-way merge of two versions of a map by card id (pure);
- ``watch``: notice that a file changed (polling);
- ``status``: ``m.file_status``.

Atomic writes live in :mod:`journey_widget.io.atomic` (``m.save`` uses them too).
"""

from .binding import FileBinding
from .merge import Conflict, MergeResult, merge_documents
from .opening import JourneyNotice, open
from .status import FileStatus

__all__ = [
    "Conflict",
    "FileBinding",
    "FileStatus",
    "JourneyNotice",
    "MergeResult",
    "merge_documents",
    "open",
]
