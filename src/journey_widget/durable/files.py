"""What the file binding and ``jw.open`` share: file bytes, conflict copy names, the loop."""

from __future__ import annotations

import asyncio
import json
import pathlib
from datetime import datetime
from typing import Any


def document_bytes(doc: dict[str, Any]) -> bytes:
    """A document's file bytes, exactly as ``m.save`` writes them."""
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")


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


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop (a kernel's), or ``None`` outside one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
