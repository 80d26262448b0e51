"""The compare view (``jw.compare``): its payload, its live following and its static fallback."""

from __future__ import annotations

import asyncio
import doctest
import importlib
import json
import re

import pandas as pd
import pytest
from journey_helpers import in_own_thread

import journey_widget as jw
from journey_widget.compare.html import change_label, marks
from journey_widget.compare.view import DEBOUNCE, compare_payload
from journey_widget.widget.payloads import cards_payload, structure_payload

EVIL = '<img src=x onerror="window.__pwned=1">'


def current() -> jw.JourneyMap:
    cards = pd.DataFrame(
        [
            # id,     stage,    lane,            text,                score
            ("same", "Browse", "Actions", "Searches for shoes", None),
            ("gone", "Browse", "Pain points", "Filters reset", None),
            ("lane", "Cart", "Pain points", "Wants a size guide", None),
            ("text", "Cart", "Actions", EVIL, None),
            ("e1", "Cart", "Emotions", "Unsure", -1.0),
            ("e2", "Pay", "Emotions", "Frustrated", -2.0),
        ],
        columns=["id", "stage", "lane", "text", "score"],
    )
    return jw.JourneyMap(
        cards,
        stages=["Browse", "Cart", "Pay"],
        lanes=["Actions", "Emotions", "Pain points", "Opportunities"],
        title="Checkout",
    )


def future_of(m: jw.JourneyMap) -> jw.JourneyMap:
    f = m.copy(state="future", title="Checkout (future)")
    f.delete_card("gone")  # removed
    f.move_card("lane", lane="Opportunities")  # moved
    f.edit_card("lane", "text", "Size guide on every product")  # ... and edited
    f.edit_card("text", "text", "Adds to cart in one tap")  # edited
    f.edit_card("e2", "score", 1)  # edited (score)
    f.add_card("Pay", "Actions", "Pays with a wallet")  # added
    return f


def test_payload_holds_both_maps_every_change_kind_and_the_emotion_change() -> None:
    m = current()
    f = future_of(m)
    p = compare_payload(m.journey, f.journey, ("Today", "Tomorrow"))
    assert p["before"] == {
        "label": "Today",
        "structure": structure_payload(m.journey),
        "cards": cards_payload(m.journey.table),
        "participation": {"comments": [], "rounds": [], "totals": []},
    }
    assert p["after"]["label"] == "Tomorrow"
    assert p["after"]["structure"]["state"] == "future"
    assert [c["id"] for c in p["after"]["cards"]] == list(f.data["id"])
    added = next(i for i in f.data["id"] if i not in set(m.data["id"]))
    assert {c["id"]: c["change"] for c in p["changes"]} == {
        "lane": "moved",
        "text": "edited",
        "e2": "edited",
        added: "added",
        "gone": "removed",
    }
    assert p["counts"] == {"added": 1, "removed": 1, "moved": 1, "edited": 2}
    assert [c["id"] for c in p["changes"]] == list(jw.diff(m, f)["id"])
    moved = next(c for c in p["changes"] if c["id"] == "lane")
    assert (moved["lane_before"], moved["lane_after"], moved["fields"]) == (
        "Pain points",
        "Opportunities",
        "text",
    )
    # The label words travel with the row, so the widget shows what the static HTML says.
    assert (moved["label_before"], moved["label_after"]) == (
        "Moved to Cart, Opportunities; edited: text",
        "Moved from Cart, Pain points; edited: text",
    )
    gone = next(c for c in p["changes"] if c["id"] == "gone")
    assert gone["stage_after"] is None and gone["text_before"] == "Filters reset"
    # Emotion per stage; a stage without scores is None, never NaN (JSON has no NaN).
    assert p["emotion"] == [
        {"stage": "Browse", "before": None, "after": None, "change": None},
        {"stage": "Cart", "before": -1.0, "after": -1.0, "change": 0.0},
        {"stage": "Pay", "before": -2.0, "after": 1.0, "change": 3.0},
    ]
    json.dumps(p, allow_nan=False)  # raises on NaN or non-JSON values


def test_the_widget_publishes_the_payload_and_follows_both_maps() -> None:
    in_own_thread(_publishes_and_follows)


def _publishes_and_follows() -> None:
    m = current()
    f = future_of(m)
    view = jw.compare(m, f)
    assert isinstance(view, jw.CompareView)
    p = compare_payload(m.journey, f.journey, ("Current", "Future"))
    assert (view.before, view.after, view.changes, view.counts, view.emotion) == (
        p["before"],
        p["after"],
        p["changes"],
        p["counts"],
        p["emotion"],
    )
    assert repr(view) == "CompareView('Current' vs 'Future': 1 added, 1 removed, 1 moved, 2 edited)"
    revision = view.revision
    f.move_card("same", stage="Cart")  # an edit to the future map
    assert view.revision > revision
    assert {c["id"]: c["change"] for c in view.changes}["same"] == "moved"
    assert [c["stage"] for c in view.after["cards"] if c["id"] == "same"] == ["Cart"]
    m.edit_card("e1", "score", -2)  # an edit to the current map
    assert {c["id"]: c["change"] for c in view.changes}["e1"] == "edited"
    assert view.emotion[1] == {"stage": "Cart", "before": -2.0, "after": -1.0, "change": 1.0}
    view.close()  # stops following
    revision = view.revision
    f.delete_card("same")
    assert view.revision == revision
    assert "same" in {c["id"] for c in view.changes}


def test_frames_and_journeys_are_shown_as_they_were() -> None:
    m = current()
    table = m.data
    view = jw.compare(table, m.journey, labels=("Sheet", "Map"))
    assert view.changes == [] and view.counts == dict.fromkeys(
        ("added", "removed", "moved", "edited"), 0
    )
    assert view.labels == ("Sheet", "Map")
    assert repr(view) == "CompareView('Sheet' vs 'Map': no changes)"


@pytest.mark.parametrize("labels", ["ab", ("one",), ("a", "b", "c"), ("a", 2)])
def test_labels_must_be_two_strings(labels: object) -> None:
    m = current()
    with pytest.raises(jw.JourneyError, match="labels must be two strings"):
        jw.compare(m, m, labels=labels)  # type: ignore[arg-type]


def test_a_map_must_be_a_map() -> None:
    with pytest.raises(jw.JourneyError, match="after must be a JourneyMap"):
        jw.compare(current(), "not a map")


def test_labels_say_what_happened_in_each_map() -> None:
    m = current()
    f = future_of(m)
    changes = jw.compare(m, f).changes
    before, after = marks(changes, "before"), marks(changes, "after")
    added = next(c["id"] for c in changes if c["change"] == "added")
    assert set(before) == {"lane", "text", "e2", "gone"}  # no added card before
    assert set(after) == {"lane", "text", "e2", added}  # no removed card after
    assert after["lane"] == ("moved", "Moved from Cart, Pain points; edited: text")
    assert before["lane"] == ("moved", "Moved to Cart, Opportunities; edited: text")
    assert after["e2"] == ("edited", "Edited: score")
    assert before["gone"] == ("removed", "Removed") and after[added] == ("added", "Added")
    row = {
        "change": "moved",
        "stage_before": "Pay",
        "step_before": "Card",
        "lane_before": "A",
        "stage_after": "Pay",
        "step_after": None,
        "lane_after": "A",
        "fields": "",
    }
    assert change_label(row, "after") == "Moved from Pay / Card, A"


def test_static_fallback_marks_the_changed_cards_of_each_map() -> None:
    m = current()
    f = future_of(m)
    view = jw.compare(m, f)
    bundle = view._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == repr(view)
    page = data["text/html"]
    before, after = page.split('data-jw-compare-side="after"')
    marked = re.compile(r'data-jw-card="([^"]*)" data-jw-change="(\w+)"')
    added = next(c["id"] for c in view.changes if c["change"] == "added")
    assert dict(marked.findall(before)) == {
        "gone": "removed",
        "lane": "moved",
        "text": "edited",
        "e2": "edited",
    }
    assert dict(marked.findall(after)) == {
        added: "added",
        "lane": "moved",
        "text": "edited",
        "e2": "edited",
    }
    assert ">Moved from Cart, Pain points; edited: text</span>" in after
    assert "5 changes from Current to Future: 1 added, 1 removed, 1 moved, 2 edited" in before
    pay = re.search(r'<tr data-jw-emotion-stage="Pay">(.*?)</tr>', before)
    assert pay is not None and re.findall(r"<t[dh][^>]*>([^<]*)<", pay.group(1)) == [
        "Pay",
        "-2.0",
        "+1.0",
        "\u25b2 +3.0",
    ]
    # Text is text: the hostile card is escaped, in the maps and in the change list.
    assert "<img" not in page and "&lt;img src=x" in page
    assert "http" not in page  # offline: no external link, not even an SVG namespace


@pytest.mark.parametrize("name", ["journey_widget.compare.view", "journey_widget.compare.html"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_in_a_kernel_edits_are_drawn_once_after_a_pause() -> None:
    """With a running loop (as in ipykernel) the diff is recomputed later, once per burst."""

    async def session() -> None:
        m = current()
        f = future_of(m)
        view = jw.compare(m, f)
        revision = view.revision
        f.move_card("same", stage="Cart")
        f.edit_card("same", "text", "Searches in the cart")
        assert view.revision == revision  # not yet: the edit's own round trip stays quick
        await asyncio.sleep(DEBOUNCE * 4)
        assert view.revision == revision + 1  # both edits, drawn once
        same = next(c for c in view.changes if c["id"] == "same")
        assert (same["change"], same["fields"]) == ("moved", "text")
        f.delete_card("same")
        view.close()  # a pending update is dropped with the view
        await asyncio.sleep(DEBOUNCE * 4)
        assert view.revision == revision + 1

    in_own_thread(lambda: asyncio.run(session()))
