"""Presence: which card each view's user edits, kept by the kernel (widget/presence.py)."""

from __future__ import annotations

import asyncio

from journey_helpers import Recorder, without_loop
from protocol_helpers import assert_unchanged, state

from journey_widget.widget.presence import TTL, PresenceBoard

ANA = {"name": "ana", "display_name": "Ana", "color": "#e91e63"}
BO = {"name": "bo", "display_name": "Bo", "color": None}


def presence(view, card, user=ANA):
    return {"type": "presence", "view": view, "card": card, "user": user}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def board():
    sent: list = []
    clock = Clock()
    return PresenceBoard(sent.append, clock), sent, clock


def test_opening_an_editor_is_broadcast_to_every_view(widget, wire):
    before = state(widget)
    widget._on_message(widget, presence("v1", "c06"), [])
    assert wire.messages == [
        {"type": "presence", "entries": [{**ANA, "card": "c06"}]},
    ]
    assert_unchanged(widget, before)  # presence is no edit: no revision, no history
    assert widget.history.empty


def test_one_entry_per_view_and_null_removes_it():
    b, sent, _ = board()
    b.receive(presence("v1", "c06"))
    b.receive(presence("v1", "c07"))  # the same view moved on to another card
    b.receive(presence("v2", "c10", BO))
    assert b.entries() == [{**ANA, "card": "c07"}, {**BO, "card": "c10"}]
    b.receive(presence("v1", None))
    assert sent[-1] == {"type": "presence", "entries": [{**BO, "card": "c10"}]}


def test_the_same_person_in_two_views_has_two_entries():
    b, _, _ = board()
    b.receive(presence("v1", "c06"))
    b.receive(presence("v2", "c07"))
    assert [e["card"] for e in b.entries()] == ["c06", "c07"]


def test_a_refresh_that_changes_nothing_is_not_broadcast_a_new_view_hears_the_list():
    b, sent, _ = board()
    b.receive(presence("v1", "c06"))
    b.receive(presence("v1", "c06"))
    assert len(sent) == 1
    b.receive(presence("v2", None, None))  # a view that just opened, editing nothing
    assert len(sent) == 2 and sent[-1]["entries"] == [{**ANA, "card": "c06"}]


def test_entries_not_refreshed_for_the_ttl_are_dropped():
    b, sent, clock = board()
    b.receive(presence("v1", "c06"))
    clock.now += TTL - 1
    b.receive(presence("v2", "c07", BO))
    clock.now += 2  # v1 was last heard of TTL + 1 seconds ago
    b.expire()
    assert sent[-1]["entries"] == [{**BO, "card": "c07"}]
    clock.now += TTL - 10
    b.receive(presence("v2", "c07", BO))  # refreshed in time: it stays
    clock.now += TTL - 10
    b.expire()
    assert b.entries() == [{**BO, "card": "c07"}]


def test_a_stale_entry_goes_with_the_next_message_of_any_view():
    b, sent, clock = board()
    b.receive(presence("v1", "c06"))
    clock.now += TTL + 1
    b.receive(presence("v2", None, None))
    assert sent[-1]["entries"] == []


@without_loop  # a browser test's Playwright may leave a running loop in the main thread
def test_the_kernel_loop_checks_for_stale_entries_by_itself():
    async def run() -> None:
        b, sent, clock = board()
        b.receive(presence("v1", "c06"))
        timer = b._timer
        assert timer is not None  # armed on the kernel's loop, a second past the TTL
        assert TTL < timer.when() - asyncio.get_running_loop().time() <= TTL + 1
        timer.cancel()
        clock.now += TTL + 1
        b._tick()  # what the loop runs when the time comes
        assert sent[-1] == {"type": "presence", "entries": []}
        assert b._timer is None  # nothing left to watch

    asyncio.run(run())


def test_display_name_falls_back_to_name_and_user_text_stays_text():
    b, _, _ = board()
    b.receive(presence("v1", "c06", {"name": "<b>x</b>", "display_name": "", "color": None}))
    assert b.entries() == [
        {"name": "<b>x</b>", "display_name": "<b>x</b>", "color": None, "card": "c06"}
    ]


def test_malformed_presence_changes_nothing_and_sends_nothing(widget):
    wire = Recorder(widget)
    widget.send = wire
    widget._on_message(widget, presence("v1", "c06"), [])
    for bad in [
        presence("", "c06"),
        presence(None, "c06"),
        presence("v2", 5),
        presence("v2", "c06", "ana"),
        presence("v2", "c06", {"name": ""}),
        presence("v2", "c06", {"name": "bo", "color": 3}),
        presence("v" * 41, "c06"),
    ]:
        widget._on_message(widget, bad, [])
    assert len(wire.messages) == 1
    assert widget._presence.entries() == [{**ANA, "card": "c06"}]
