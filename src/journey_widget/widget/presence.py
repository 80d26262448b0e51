"""Who edits which card: the ``presence`` messages of the views (docs/protocol.md).

Browser to kernel, when a view opens a card's editor, every ``REFRESH`` seconds while it stays
open, and with ``"card": null`` when it closes (and when the view goes away or the page is
hidden)::

    {"type": "presence", "view": "vab12cd", "card": "c06" | null,
     "user": {"name": "...", "display_name": "...", "color": "#e91e63" | null} | null}

The kernel keeps one entry per view and answers every change with a broadcast to every view::

    {"type": "presence", "entries": [{"name", "display_name", "color", "card"}, ...]}

A view that has no entry yet gets the broadcast too (a new view learns who edits what). An entry
not refreshed for ``TTL`` seconds is dropped (a browser that vanished without a word), checked on
every presence message and by a timer on the kernel's loop. Presence is not secret and never
saved: it lives in the kernel's memory only. A malformed message changes nothing (it is logged).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import JourneyError
from .events import logger
from .loop import running_loop

#: Seconds an entry lives without a refresh; views refresh every ``REFRESH`` seconds.
TTL = 60.0
REFRESH = 20.0
#: The most views the kernel keeps entries for (a bound on memory, far above a workshop).
MAX_VIEWS = 200
_LIMITS = {"view": 40, "card": 200, "name": 200, "display_name": 200, "color": 100}


def is_presence_message(content: Any) -> bool:
    """True for a ``{"type": "presence"}`` message."""
    return isinstance(content, Mapping) and content.get("type") == "presence"


@dataclass(frozen=True)
class Entry:
    """One view's user and the card whose editor it has open, last heard of at ``seen``."""

    name: str
    display_name: str
    color: str | None
    card: str
    seen: float

    def to_dict(self) -> dict[str, Any]:
        """The entry as the views receive it."""
        return {
            "name": self.name,
            "display_name": self.display_name,
            "color": self.color,
            "card": self.card,
        }


def _text(value: Any, key: str, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= _LIMITS[key]:
        raise JourneyError(
            f"malformed presence: {key!r} is {value!r}, expected a string of 1 to "
            f"{_LIMITS[key]} characters{' or null' if optional else ''}"
        )
    return value


def parse_presence(content: Mapping[str, Any], now: float) -> tuple[str, Entry | None]:
    """The view a presence message comes from and its new entry (``None``: editing nothing).

    Raises
    ------
    JourneyError
        For a malformed message (naming the key and the value).

    Examples
    --------
    >>> view, entry = parse_presence({"type": "presence", "view": "v1", "card": "c06",
    ...                               "user": {"name": "ana", "display_name": "Ana"}}, 0.0)
    >>> view, entry.to_dict()
    ('v1', {'name': 'ana', 'display_name': 'Ana', 'color': None, 'card': 'c06'})
    """
    view = str(_text(content.get("view"), "view"))
    card = _text(content.get("card"), "card", optional=True)
    user = content.get("user")
    if user is not None and not isinstance(user, Mapping):
        raise JourneyError(f"malformed presence: 'user' is {user!r}, expected an object or null")
    if user is None or card is None:
        return view, None
    name = str(_text(user.get("name"), "name"))
    shown = _text(user.get("display_name") or None, "display_name", optional=True) or name
    color = _text(user.get("color"), "color", optional=True)
    return view, Entry(name, shown, color, card, now)


class PresenceBoard:
    """The kernel's list of who edits which card, one entry per view, published to every view."""

    def __init__(
        self,
        send: Callable[[dict[str, Any]], None],
        clock: Callable[[], float] = time.monotonic,
        ttl: float = TTL,
    ) -> None:
        self._send = send
        self._clock = clock
        self._ttl = ttl
        self._entries: dict[str, Entry] = {}
        self._timer: asyncio.TimerHandle | None = None

    def receive(self, content: Mapping[str, Any]) -> None:
        """Take one view's presence message; broadcast when anything changed or the view is new."""
        now = self._clock()
        try:
            view, entry = parse_presence(content, now)
        except JourneyError as err:
            logger.warning("journey_widget ignored a presence message: %s", err)
            return
        changed = self._expire(now)
        before = self._entries.pop(view, None)
        if entry is not None and (before is not None or len(self._entries) < MAX_VIEWS):
            self._entries[view] = entry
        same = before is not None and entry is not None and before.to_dict() == entry.to_dict()
        if changed or not same:
            self.publish()
        self._arm()

    def entries(self) -> list[dict[str, Any]]:
        """The current entries as the views receive them, oldest first."""
        return [e.to_dict() for e in sorted(self._entries.values(), key=lambda e: e.seen)]

    def publish(self) -> None:
        """Send the entries to every view."""
        self._send({"type": "presence", "entries": self.entries()})

    def expire(self) -> None:
        """Drop entries not refreshed for ``ttl`` seconds, and publish when any went."""
        if self._expire(self._clock()):
            self.publish()

    def _expire(self, now: float) -> bool:
        stale = [v for v, e in self._entries.items() if now - e.seen > self._ttl]
        for view in stale:
            del self._entries[view]
        return bool(stale)

    def _arm(self) -> None:
        """Check again for stale entries in ``ttl`` seconds on the kernel's loop (if any)."""
        loop = running_loop()
        if loop is None or self._timer is not None or not self._entries:
            return
        self._timer = loop.call_later(self._ttl + 1, self._tick)

    def _tick(self) -> None:
        self._timer = None
        try:
            self.expire()
        except Exception:  # a closed comm must not break the loop
            logger.exception("journey_widget failed to publish presence")
        self._arm()
