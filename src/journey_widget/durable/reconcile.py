"""What to write when the file changed on disk since this map last read or wrote it."""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..io.json_format import document_text, journey_from_json, journey_to_dict
from ..model import Journey, JourneyError
from .merge import merge_documents


def conflict_copy_path(path: pathlib.Path, now: datetime | None = None) -> pathlib.Path:
    """``checkout.conflict-20261201T140240-123.journey.json`` next to ``checkout.journey.json``."""
    now = now or datetime.now()
    stem = path.name.removesuffix(".json").removesuffix(".journey")
    stamp = now.strftime("%Y%m%dT%H%M%S") + f"-{now.microsecond // 1000:03d}"
    candidate = path.with_name(f"{stem}.conflict-{stamp}.journey.json")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.conflict-{stamp}-{n}.journey.json")
        n += 1
    return candidate


@dataclass(frozen=True)
class Reconciled:
    """The bytes to write, the map to show if it is not ours, and any conflict copy."""

    text: bytes
    merged: Journey | None
    copy: pathlib.Path | None
    note: str


def reconcile(
    path: pathlib.Path,
    base: dict[str, Any],
    ours: dict[str, Any],
    text: bytes,
    disk: bytes,
    write_copy: Callable[[pathlib.Path, bytes], None],
) -> Reconciled:
    """Merge our document with the file's by card id, keeping whatever clashes in a copy.

    Parameters
    ----------
    path : pathlib.Path
        The bound file (conflict copies go next to it).
    base, ours : dict
        The document both sides started from, and this map's document now.
    text : bytes
        ``ours`` as file bytes.
    disk : bytes
        What the file holds now (written by someone else).
    write_copy : callable
        Writes a conflict copy atomically.

    Returns
    -------
    Reconciled
        Text not a map on disk: ours, with the file's text kept in a copy. Otherwise the
        three-way merge; clashing edits keep the other side's and ours go to a copy.
    """
    try:
        theirs = journey_to_dict(journey_from_json(disk, source=path))  # canonical
    except JourneyError as err:  # not a map: keep that text aside, write ours
        copy = conflict_copy_path(path)
        write_copy(copy, disk)
        note = f"The file held text that is not a valid map ({err}); it was kept in {copy.name}."
        return Reconciled(text, None, copy, note)
    result = merge_documents(base, ours, theirs)
    kept: pathlib.Path | None = None
    note = ""
    if result.conflicts:
        kept = copy = conflict_copy_path(path)
        write_copy(copy, text)
        note = (
            f"{len(result.conflicts)} edit(s) clashed with a change made elsewhere "
            f"({result.conflicts[0]}); the file keeps the other change and this "
            f"map's version is in {copy.name}."
        )
    merged_text = document_text(result.doc).encode()
    merged = journey_from_json(merged_text) if merged_text != text else None
    return Reconciled(merged_text, merged, kept, note)
