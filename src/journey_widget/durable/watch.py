"""Notice when a file changes on disk: a cheap fingerprint (stat) and the bytes behind it.

Polling, not a file-system notification library: one ``stat`` every half second per bound map
costs microseconds, works on every platform and on network and container file systems (where
inotify often stays silent), and adds no dependency. A change of ``mtime``, size or inode is
read and compared byte for byte with what the map last read or wrote; same-size rewrites
within one ``mtime`` tick are caught by a periodic byte comparison.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Fingerprint:
    """What ``stat`` says about a file: enough to tell that it changed."""

    mtime_ns: int
    size: int
    inode: int


def fingerprint(path: pathlib.Path) -> Fingerprint | None:
    """The file's fingerprint, or ``None`` when it does not exist (or cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Fingerprint(st.st_mtime_ns, st.st_size, st.st_ino)


def read_bytes(path: pathlib.Path) -> tuple[bytes | None, Fingerprint | None]:
    """The file's bytes and the fingerprint they were read under (``None`` when missing).

    Raises
    ------
    OSError
        When the file exists but cannot be read.
    """
    before = fingerprint(path)
    if before is None:
        return None, None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    return data, fingerprint(path) or before
