"""A save of an older version over our write (a collaboration server's autosave) loses nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.durable import binding as binding_module
from journey_widget.durable import recent as recent_module


@pytest.fixture(autouse=True)
def no_background_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test looks at the file itself (``check_file``): no poll races it."""
    monkeypatch.setattr(binding_module, "POLL_SECONDS", 3600.0)


@pytest.fixture
def bound(tmp_path) -> Iterator[jw.JourneyMap]:
    m = jw.open(tmp_path / "x.journey.json", default=checkout_map())
    yield m
    m.close_file()


def text_of(m: jw.JourneyMap, card: str) -> str:
    return str(m.data.set_index("id").at[card, "text"])


def wait_until(condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def test_an_older_version_saved_over_our_write_keeps_both(bound):
    path = bound._binding.path
    server = jw.load(path)  # what the room read before our write
    bound.edit_card("c01", "text", "ours")  # written at once
    assert "ours" in path.read_text(encoding="utf-8")
    server.edit_card("c02", "text", "the room's")
    server.save(path)  # the room's autosave lands just after our write, without it
    bound._binding.check_file()
    wait_until(lambda: text_of(bound, "c02") == "the room's")
    assert text_of(bound, "c01") == "ours"  # not taken back
    back = jw.load(path)  # and the file holds both again
    assert text_of(back, "c01") == "ours" and text_of(back, "c02") == "the room's"
    assert bound.file_binding["state"] == "saved"


def test_a_newer_value_for_the_field_we_wrote_stands(bound):
    path = bound._binding.path
    bound.edit_card("c01", "text", "ours")
    later = jw.load(path)  # someone read our write, then changed the same field
    later.edit_card("c01", "text", "theirs, after ours")
    later.save(path)
    bound._binding.check_file()
    wait_until(lambda: text_of(bound, "c01") == "theirs, after ours")
    assert bound.file_binding["state"] == "saved"  # no conflict, no copy
    assert not list(path.parent.glob("*.conflict-*"))


def test_after_the_window_an_older_version_is_an_ordinary_change(bound, monkeypatch):
    monkeypatch.setattr(bound._binding._recent, "window", 0.0)
    path = bound._binding.path
    before = jw.load(path)
    bound.edit_card("c01", "text", "ours")
    before.save(path)  # long after: someone chose to put the old version back
    bound._binding.check_file()
    wait_until(lambda: text_of(bound, "c01") != "ours")
    assert recent_module.WINDOW > 1.0
