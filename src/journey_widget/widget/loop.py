"""The event loop a map's deferred work runs on: the kernel's, when there is one."""

from __future__ import annotations

import asyncio


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop (a kernel's), or ``None`` outside one (a script, a test)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
