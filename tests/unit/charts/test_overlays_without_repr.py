"""Chart overlays refresh in front ends that never call ``_repr_mimebundle_`` (marimo, ...).

The widget is driven as such a front end drives it: its comm delivers the view's messages to
``_handle_msg`` (what ``comm.on_msg`` calls); ``_repr_mimebundle_`` is never called.
"""

from __future__ import annotations

import asyncio
from typing import Any

from journey_helpers import checkout_map
from test_overlays import run_in_own_loop, score_edit

from journey_widget.widget.overlays import DEBOUNCE


def from_view(m: Any, content: dict[str, Any]) -> None:
    """A custom message from a view, as the comm hands it to the widget."""
    m._handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


def test_before_any_view_speaks_nothing_renders_in_the_background() -> None:
    async def scenario() -> None:
        m = checkout_map(overlays="emotion")
        m.send = lambda *_a, **_k: None
        await asyncio.sleep(DEBOUNCE + 0.3)
        score_edit(m, "c10", 2.0, "v1-0")
        await asyncio.sleep(DEBOUNCE + 0.5)
        refresher = m._overlay_refresher
        assert not refresher.displayed and refresher.stale and refresher.refreshes == 0

    run_in_own_loop(scenario)


def test_a_views_first_message_switches_background_refresh_on() -> None:
    async def scenario() -> None:
        m = checkout_map(overlays="emotion")
        m.send = lambda *_a, **_k: None
        refresher = m._overlay_refresher
        from_view(m, {"type": "presence", "view": "v1", "card": "c10", "user": None})
        assert refresher.displayed
        await asyncio.sleep(DEBOUNCE + 0.5)  # the first render, scheduled on that message
        assert not refresher.stale and refresher.refreshes == 1
        before = m._trait_values["overlays"]
        from_view(
            m,
            {
                "type": "op",
                "op_id": "v1-1",
                "base_revision": m.revision,
                "op": {"kind": "edit", "id": "c10", "field": "score", "value": 2.0, "old": None},
            },
        )
        await asyncio.sleep(DEBOUNCE + 0.5)
        assert m.data.set_index("id").at["c10", "score"] == 2.0
        assert refresher.refreshes == 2 and not refresher.stale  # drawn without being read
        assert m._trait_values["overlays"] != before

    run_in_own_loop(scenario)


def test_any_message_from_a_view_counts_even_after_kernel_side_edits() -> None:
    async def scenario() -> None:
        m = checkout_map(overlays="emotion")
        m.send = lambda *_a, **_k: None
        score_edit(m, "c10", -2.0, "py-0")  # straight to the handler: no view message yet
        assert not m._overlay_refresher.displayed
        from_view(m, {"type": "check", "request_id": "r1"})  # any message from a view
        await asyncio.sleep(DEBOUNCE + 0.5)
        assert m._overlay_refresher.refreshes == 1 and not m._overlay_refresher.stale

    run_in_own_loop(scenario)


def test_the_shown_message_of_a_new_view_is_enough_and_changes_nothing_else() -> None:
    async def scenario() -> None:
        m = checkout_map(overlays="emotion")
        sent: list[Any] = []
        m.send = lambda *a, **_k: sent.append(a)
        revision = m.revision
        from_view(m, {"type": "shown"})  # what js/src/index.ts sends when it renders
        assert m._overlay_refresher.displayed and m.revision == revision and sent == []
        score_edit(m, "c10", 2.0, "v1-0")
        await asyncio.sleep(DEBOUNCE + 0.5)
        assert m._overlay_refresher.refreshes >= 1

    run_in_own_loop(scenario)
