"""Write a file so that readers see the old bytes or the new ones, never a torn mix.

The bytes go to a temporary file in the same folder (same file system), which is flushed and
fsynced, then renamed over the target with ``os.replace`` (atomic on POSIX and Windows), and
the folder is fsynced so the rename itself survives a power cut. A writer killed half-way
leaves only its temporary file, named ``.<name>.<pid>.<random>.tmp``;
:func:`remove_stale_temps` deletes those of dead processes (the next write or open does).
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import secrets
import time
from collections.abc import Callable, Iterator

#: Called with the temporary file's path after it is written and before the rename: fault
#: tests kill or fail the writer there. ``None`` in normal use.
BeforeReplace = Callable[[pathlib.Path], None]
#: Temporary files older than this are removed whatever their process (seconds).
STALE_AFTER = 60.0


def temp_name(path: pathlib.Path) -> pathlib.Path:
    """A fresh temporary file name next to ``path``, naming this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _fsync_dir(folder: pathlib.Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def sync_file(path: str | os.PathLike[str]) -> None:
    """Make a file written with ``sync=False`` durable: fsync its data and its folder."""
    target = pathlib.Path(path)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(target.parent)


def _write_temp(path: pathlib.Path, data: bytes, sync: bool = True) -> pathlib.Path:
    tmp = temp_name(path)
    mode = 0o666
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o777  # keep the target's permissions
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(data)
            out.flush()
            if sync:
                os.fsync(out.fileno())
    finally:
        os.close(fd)
    return tmp


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    before_replace: BeforeReplace | None = None,
    create_only: bool = False,
    sync: bool = True,
) -> bool:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : str or path-like
        The file to write; its folder must exist.
    data : bytes
        The complete new content.
    before_replace : callable, optional
        Called with the temporary file's path between writing it and renaming it (fault
        injection in tests).
    create_only : bool
        Create the file only if it does not exist (``os.link``, atomic and exclusive);
        returns ``False``, writing nothing, when it already exists.
    sync : bool
        Flush the data and the rename to the disk before returning (the default). ``False``
        leaves that to a later :func:`sync_file`: the new file is complete for every reader
        and survives the writer being killed, but not yet a power cut.

    Returns
    -------
    bool
        ``True`` when the file now holds ``data``.

    Raises
    ------
    OSError
        When the file cannot be written (no permission, disk full...); the target is then
        untouched and the temporary file removed.
    """
    target = pathlib.Path(path)
    tmp = _write_temp(target, data, sync)
    try:
        if before_replace is not None:
            before_replace(tmp)
        if create_only:
            try:
                os.link(tmp, target)
            except FileExistsError:
                return False
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync:
        _fsync_dir(target.parent)
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but not ours, or no way to tell
        return True
    return True


def remove_stale_temps(path: str | os.PathLike[str]) -> list[pathlib.Path]:
    """Remove temporary files a killed writer of ``path`` left behind; return them.

    A temporary file is stale when the process named in it is gone or it is older than
    :data:`STALE_AFTER` seconds. Files of live writers are left alone.
    """
    target = pathlib.Path(path)
    removed: list[pathlib.Path] = []
    prefix = f".{target.name}."
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid_text = name[len(prefix) :].split(".", 1)[0]
        try:
            old = now - entry.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        if old or not pid_text.isdigit() or not _alive(int(pid_text)):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


@contextlib.contextmanager
def folder_lock(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``folder`` (POSIX ``flock`` on the folder itself).

    Writers of journey_widget take it around "check the file, then replace it", so two
    processes never both decide the file is unchanged and overwrite each other. No lock file is
    created. Where folders cannot be locked (Windows) it does nothing.
    """
    try:
        import fcntl
    except ImportError:  # Windows: renames are still atomic, the check-and-write is not locked
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
