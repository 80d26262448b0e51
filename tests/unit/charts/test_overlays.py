"""The widget's chart overlays: what they hold, where their marks land, when they refresh."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Coroutine
from typing import Any

import pandas as pd
import pytest
import vl_convert
from journey_helpers import Recorder, checkout_cards, checkout_map

import journey_widget as jw
from journey_widget import JourneyError
from journey_widget.charts.layout import COLUMN_WIDTH, LANE_WIDTH
from journey_widget.charts.render import vl_version
from journey_widget.widget.overlays import DEBOUNCE, MAX_WAIT, OverlayOptions, overlay_specs

COLUMNS = [
    ["Browse", "Search"],
    ["Browse", "Compare"],
    ["Cart", None],
    ["Checkout", "Address"],
    ["Checkout", "Payment"],
    ["Delivery", None],
]


def metrics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Cart", "Checkout", "Cart"],
            "metric": ["CSAT", "CSAT", "NPS"],
            "value": [72.5, 41.0, -10.0],
            "target": [80, 80, None],
        }
    )


def run_in_own_loop(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``scenario`` in a thread of its own with a fresh event loop, as a kernel's loop.

    The test process may already run one: Playwright's, in the browser tests.
    """
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as err:
            errors.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def score_edit(m: jw.JourneyMap, card_id: str, value: float, op_id: str) -> None:
    m._on_message(
        m,
        {
            "type": "op",
            "op_id": op_id,
            "base_revision": m.revision,
            "op": {
                "kind": "edit",
                "id": card_id,
                "field": "score",
                "value": value,
                "old": m.journey.card(card_id)["score"],
            },
        },
        [],
    )


def test_an_emotion_chart_asked_for_is_drawn_aligned_to_the_columns() -> None:
    m = checkout_map(overlays="emotion")
    (item,) = m.overlays
    assert item["name"] == "emotion"
    assert item["columns"] == COLUMNS
    assert item["svg"].startswith("<svg") and "<script" not in item["svg"]
    assert (item["left"], item["column_width"]) == (LANE_WIDTH, COLUMN_WIDTH)
    assert item["width"] == LANE_WIDTH + 6 * COLUMN_WIDTH + 12
    assert f'width="{item["width"]}" height="{item["height"]}"' in item["svg"]
    m = checkout_map(overlays=["emotion", "metrics"])
    m.metrics = metrics()
    assert [o["name"] for o in m.overlays] == ["emotion", "metrics"]
    m.metrics = None
    assert [o["name"] for o in m.overlays] == ["emotion"]


def test_no_chart_repeats_the_emotion_lane() -> None:
    """Issue 19: the lane's own curve is the emotion curve unless the chart adds something."""
    m = checkout_map()
    assert m.overlays == []  # one curve, no measured ratings, no metrics: the lane says it all
    m.metrics = metrics()  # metrics: the emotion chart reads against their panels
    assert [o["name"] for o in m.overlays] == ["emotion", "metrics"]
    m.metrics = None
    assert m.overlays == []
    survey = pd.DataFrame({"stage": ["Cart", "Cart", "Delivery"], "value": [4, 5, 2]})
    measured = checkout_map(overlays={"emotion": {"measured": survey, "measured_scale": (1, 5)}})
    (item,) = measured.overlays
    assert item["name"] == "emotion" and "stroke-dasharray" in item["svg"]  # the measured mean
    assert [
        o["name"]
        for o in checkout_map(overlays={"emotion": survey.assign(value=[1, 2, -1])}).overlays
    ] == ["emotion"]
    cards = checkout_cards()
    cards["persona"] = ["New" if i % 2 else "Returning" for i in range(len(cards))]
    personas = jw.JourneyMap(cards, stages=["Browse", "Cart", "Checkout", "Delivery"])
    assert [o["name"] for o in personas.overlays] == ["emotion"]  # several series
    single = cards.assign(persona="New")
    assert jw.JourneyMap(single, stages=["Browse", "Cart", "Checkout", "Delivery"]).overlays == []


@pytest.mark.parametrize(
    "value",
    [
        "emotions",
        ["emotion", "chart"],
        {"emotion": {"colour": "red"}},
        {"emotion": {"measured": 3}},
        7,
    ],
)
def test_bad_overlay_options_raise_before_anything_is_built(value: object) -> None:
    with pytest.raises(JourneyError, match="overlays"):
        checkout_map(overlays=value)


def test_overlays_are_off_without_emotion_lane_or_metrics_and_when_turned_off() -> None:
    plain = jw.JourneyMap(pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["x"]}))
    assert plain.overlays == []
    plain.metrics = pd.DataFrame({"stage": ["A"], "metric": ["CES"], "value": [5.0]})
    assert [o["name"] for o in plain.overlays] == ["metrics"]
    off = checkout_map(overlays=False, metrics=metrics())
    off.edit_card("c03", "score", 2.0)
    assert off.overlays == [] and off.get_state()["overlays"] == []
    assert off._overlay_refresher.renderer.renders == 0


def _symbols(scenegraph: Any) -> list[dict[str, Any]]:
    found = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("marktype") == "symbol" and node.get("role") == "mark":
                found.extend(node["items"])
            for child in node.get("items", []) if isinstance(node.get("items"), list) else []:
                walk(child)

    walk(scenegraph["scenegraph"])
    return found


def test_emotion_points_sit_in_the_middle_of_their_map_columns() -> None:
    m = checkout_map()
    ((_, spec, _, _, _),) = overlay_specs(m.journey, OverlayOptions.parse("emotion"))
    sg = vl_convert.vegalite_to_scenegraph(spec, vl_version=vl_version())
    assert sg["origin"][0] == LANE_WIDTH  # the plot starts where the first column starts
    xs = sorted({round(p["x"], 3) for p in _symbols(sg)})
    # cards in columns 0 (Search), 1 (Compare), 2 (Cart), 4 (Payment), 5 (Delivery)
    assert xs == [COLUMN_WIDTH * (i + 0.5) for i in (0, 1, 2, 4, 5)]


def test_metric_bars_span_their_stage_columns() -> None:
    m = checkout_map(metrics=metrics())
    specs = {s[0]: s for s in overlay_specs(m.journey)}
    _, spec, geometry, panels, spacing = specs["metrics"]
    assert panels == 2
    vega = vl_convert.vegalite_to_vega(spec, vl_version=vl_version())
    vega["width"], vega["height"] = geometry.plot_width, 2 * geometry.height + spacing
    sg = vl_convert.vega_to_scenegraph(vega)
    assert sg["origin"][0] == LANE_WIDTH
    rects: list[tuple[float, float]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("marktype") == "rect" and node.get("role") == "mark":
                rects.extend(
                    (round(i["x"], 2), round(i["x"] + i["width"], 2)) for i in node["items"]
                )
            for child in node.get("items", []) if isinstance(node.get("items"), list) else []:
                walk(child)

    walk(sg["scenegraph"])
    w = COLUMN_WIDTH
    cart, checkout = (
        (round(2.18 * w, 2), round(2.82 * w, 2)),
        (round(3.18 * w, 2), round(4.82 * w, 2)),
    )
    assert sorted(set(rects)) == sorted({cart, checkout})


def test_reading_settles_only_what_changed() -> None:
    m = checkout_map(overlays="emotion")
    first = m.overlays
    renderer = m._overlay_refresher.renderer
    renders = renderer.renders
    m.edit_card("c01", "text", "Searches for trail shoes")  # a text lane: no chart changes
    assert m.overlays == first and renderer.renders == renders
    m.edit_card("c10", "score", 2.0)
    after = m.overlays
    assert renderer.renders == renders + 1
    assert after[0]["svg"] != first[0]["svg"]
    m.undo()
    assert m.overlays[0]["svg"] == first[0]["svg"]  # same chart, same image again


def test_every_kind_of_committed_edit_refreshes() -> None:
    m = checkout_map(overlays="emotion")
    seen = [m.overlays[0]["svg"]]
    edits = [
        lambda: m.add_card("Cart", "Emotions", "Calmer", score=1),
        lambda: m.move_card("c20", stage="Cart"),
        lambda: m.delete_card("c16"),
        lambda: m.move_stage("Delivery", 0),
        lambda: m.rename_step("Browse", "Search", "Find"),
        lambda: m.remove_lane("Emotions", drop_cards=True),
    ]
    for edit in edits:
        edit()
        svgs = [o["svg"] for o in m.overlays]
        assert not svgs or svgs[0] not in seen
        seen.extend(svgs)
    assert m.overlays == []  # no emotion lane left, no metrics


def test_full_widget_state_carries_current_overlays() -> None:
    m = checkout_map(overlays="emotion")
    m.edit_card("c10", "score", 2.0)
    state = m.get_state()
    assert state["overlays"] and state["overlays"] == m.overlays
    json.dumps(state["overlays"])  # JSON-ready for the notebook and exports


def test_in_a_kernel_the_ack_leaves_before_the_render_and_bursts_coalesce() -> None:
    async def scenario() -> None:
        m = checkout_map(overlays="emotion")
        await asyncio.sleep(DEBOUNCE + 0.3)
        refresher = m._overlay_refresher
        assert refresher.stale and refresher.refreshes == 0  # not shown: nothing rendered
        m._repr_mimebundle_()  # displayed, as a cell showing `m` does
        await asyncio.sleep(DEBOUNCE + 0.5)  # the first render, scheduled on display
        assert not refresher.stale and refresher.refreshes == 1
        before = m._trait_values["overlays"]
        wire = Recorder(m)
        m.send = wire
        refreshes_at_ack: list[int] = []
        m.send = lambda content, buffers=None: (
            refreshes_at_ack.append(refresher.refreshes),
            wire(content, buffers),
        )
        for i, value in enumerate([2.0, -2.0, 1.0, 0.0, 2.0]):
            score_edit(m, "c10", value, f"v1-{i}")
        assert [msg["type"] for msg in wire.messages] == ["ack"] * 5
        assert refreshes_at_ack == [1] * 5  # no render before any ack
        assert refresher.stale and m._trait_values["overlays"] is before
        await asyncio.sleep(DEBOUNCE + 0.5)
        assert refresher.refreshes == 2  # five edits, one render, of the latest state
        assert m._trait_values["overlays"] != before
        assert m.data.set_index("id").at["c10", "score"] == 2.0

    run_in_own_loop(scenario)


def test_persona_cards_and_hostile_text_render_safely() -> None:
    cards = checkout_cards()
    cards["persona"] = ["<b>New</b>" if i % 2 else "Returning" for i in range(len(cards))]
    m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Checkout", "Delivery"])
    svg = m.overlays[0]["svg"]
    assert "<b>" not in svg and "&lt;b&gt;New&lt;/b&gt;" in svg


def test_a_long_burst_still_redraws_while_it_goes_on() -> None:
    async def scenario() -> None:
        m = checkout_map(overlays="emotion")
        m.send = lambda *_a, **_k: None
        m._repr_mimebundle_()
        await asyncio.sleep(DEBOUNCE + 0.5)
        refresher = m._overlay_refresher
        start = refresher.refreshes
        during = []
        for i in range(int(3 * MAX_WAIT / (DEBOUNCE / 2)) + 1):  # edits closer than DEBOUNCE
            score_edit(m, "c10", [2.0, -2.0][i % 2], f"v1-{i}")
            await asyncio.sleep(DEBOUNCE / 2)
            during.append(refresher.refreshes)
        assert during[-1] > start  # MAX_WAIT forced a redraw before the edits paused
        await asyncio.sleep(DEBOUNCE + 0.5)
        assert not refresher.stale
        final = m.overlays
        assert m._overlay_refresher.renderer.items(m.journey) == final  # the latest state

    run_in_own_loop(scenario)
