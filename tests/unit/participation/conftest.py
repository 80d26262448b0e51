"""Fixtures of the participation tests: a clock they set, and the checkout map."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from journey_widget.model import participation


class Clock:
    """A clock the test moves by hand (``participation.set_clock`` reads it)."""

    def __init__(self) -> None:
        self.now = datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=datetime.timezone.utc)

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += datetime.timedelta(minutes=minutes)


@pytest.fixture(autouse=True)
def clock() -> Iterator[Clock]:
    fake = Clock()
    old = participation.set_clock(fake)
    try:
        yield fake
    finally:
        participation.set_clock(old)
