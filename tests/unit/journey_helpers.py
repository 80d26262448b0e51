"""Shared test data and assertions for the journey_widget unit tests.

The card table is a small but realistic "online checkout" journey: four stages (two of them
with steps), five lanes, emotion scores on the Emotions lane, and three columns of the
analyst's own (an int, a datetime and a string column) that the map must carry untouched.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pandas as pd

import journey_widget as jw

STAGES = ["Browse", "Cart", "Checkout", "Delivery"]
LANES = ["Actions", "Touchpoints", "Emotions", "Pain points", "Opportunities"]
STEPS = {"Browse": ("Search", "Compare"), "Checkout": ("Address", "Payment")}
EXTRA_COLUMNS = ["n_tickets", "first_seen", "source"]
TITLE = "Online checkout"
PERSONA = {
    "name": "First-time buyer",
    "goals": ["Get running shoes quickly"],
    "description": "Buys online a few times a year, mostly on mobile",
}

# id, stage, step, lane, text, score, n_tickets, first_seen, source
_ROWS: list[tuple[Any, ...]] = [
    (
        "c01",
        "Browse",
        "Search",
        "Actions",
        "Searches for running shoes",
        None,
        3,
        "2024-03-01",
        "analytics",
    ),
    (
        "c02",
        "Browse",
        "Search",
        "Touchpoints",
        "Search results page",
        None,
        5,
        "2024-03-01",
        "analytics",
    ),
    ("c03", "Browse", "Search", "Emotions", "Curious", 1.0, 0, "2024-03-02", "interview"),
    (
        "c04",
        "Browse",
        "Compare",
        "Actions",
        "Compares two models side by side",
        None,
        2,
        "2024-03-03",
        "interview",
    ),
    (
        "c05",
        "Browse",
        "Compare",
        "Emotions",
        "Overwhelmed by options",
        -1.0,
        4,
        "2024-03-03",
        "survey",
    ),
    ("c06", "Cart", None, "Actions", "Adds shoes to cart", None, 1, "2024-03-04", "analytics"),
    ("c07", "Cart", None, "Actions", "Applies a discount code", None, 12, "2024-03-04", "tickets"),
    ("c08", "Cart", None, "Actions", "Changes the size", None, 6, "2024-03-05", "tickets"),
    ("c09", "Cart", None, "Touchpoints", "Mini-cart drawer", None, 0, "2024-03-05", "analytics"),
    ("c10", "Cart", None, "Emotions", "Unsure about the size", -1.0, 7, "2024-03-05", "survey"),
    (
        "c11",
        "Cart",
        None,
        "Pain points",
        "Shipping cost shown only at the end",
        None,
        31,
        "2024-03-06",
        "tickets",
    ),
    (
        "c12",
        "Cart",
        None,
        "Opportunities",
        "Size guide inside the cart",
        None,
        0,
        "2024-03-06",
        "workshop",
    ),
    (
        "c13",
        "Checkout",
        "Address",
        "Actions",
        "Types the shipping address",
        None,
        2,
        "2024-03-07",
        "analytics",
    ),
    (
        "c14",
        "Checkout",
        "Payment",
        "Actions",
        "Enters card details",
        None,
        9,
        "2024-03-07",
        "analytics",
    ),
    (
        "c15",
        "Checkout",
        "Payment",
        "Touchpoints",
        "Payment form",
        None,
        4,
        "2024-03-08",
        "analytics",
    ),
    (
        "c16",
        "Checkout",
        "Payment",
        "Emotions",
        "Frustrated by the card decline",
        -2.0,
        44,
        "2024-03-08",
        "survey",
    ),
    (
        "c17",
        "Checkout",
        "Payment",
        "Pain points",
        "Card declined without a reason",
        None,
        58,
        "2024-03-08",
        "tickets",
    ),
    (
        "c18",
        "Checkout",
        "Payment",
        "Opportunities",
        "Explain declines, offer PayPal",
        None,
        0,
        "2024-03-09",
        "workshop",
    ),
    ("c19", "Delivery", None, "Touchpoints", "Tracking email", None, 3, "2024-03-10", "analytics"),
    (
        "c20",
        "Delivery",
        None,
        "Emotions",
        "Relieved when the parcel arrives",
        2.0,
        1,
        "2024-03-12",
        "survey",
    ),
    (
        "c21",
        "Delivery",
        None,
        "Pain points",
        "Courier left no notice",
        None,
        17,
        "2024-03-12",
        "tickets",
    ),
]


def checkout_cards() -> pd.DataFrame:
    """A fresh copy of the online checkout card table (the analyst's DataFrame)."""
    frame = pd.DataFrame(
        _ROWS,
        columns=[
            "id",
            "stage",
            "step",
            "lane",
            "text",
            "score",
            "n_tickets",
            "first_seen",
            "source",
        ],
    )
    frame["score"] = frame["score"].astype("float64")
    frame["n_tickets"] = frame["n_tickets"].astype("int64")
    frame["first_seen"] = pd.to_datetime(frame["first_seen"])
    return frame


def checkout_journey(**kwargs: Any) -> jw.Journey:
    options: dict[str, Any] = {"stages": STAGES, "lanes": LANES, "title": TITLE, "persona": PERSONA}
    options.update(kwargs)
    return jw.Journey(checkout_cards(), **options)


def checkout_map(**kwargs: Any) -> jw.JourneyMap:
    options: dict[str, Any] = {"stages": STAGES, "lanes": LANES, "title": TITLE, "persona": PERSONA}
    options.update(kwargs)
    return jw.JourneyMap(checkout_cards(), **options)


# ---- exact state comparison ----------------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    table: pd.DataFrame
    stages: tuple[Any, ...]
    lanes: tuple[Any, ...]


def snapshot(journey: jw.Journey) -> Snapshot:
    return Snapshot(journey.table.copy(deep=True), tuple(journey.stages), tuple(journey.lanes))


def assert_same_state(journey: jw.Journey, before: Snapshot) -> None:
    """The journey's table, dtypes, column order, stages (with steps) and lanes equal ``before``."""
    table = journey.table
    assert list(table.columns) == list(before.table.columns)
    assert dict(table.dtypes) == dict(before.table.dtypes), _dtype_diff(table, before.table)
    assert table.equals(before.table), _row_diff(table, before.table)
    assert isinstance(table.index, pd.RangeIndex)
    assert tuple(journey.stages) == before.stages
    assert tuple(journey.lanes) == before.lanes


def _dtype_diff(a: pd.DataFrame, b: pd.DataFrame) -> str:
    return "; ".join(
        f"{c}: {a[c].dtype} != {b[c].dtype}"
        for c in a.columns
        if c in b.columns and a[c].dtype != b[c].dtype
    )


def _row_diff(a: pd.DataFrame, b: pd.DataFrame) -> str:
    if len(a) != len(b):
        return f"{len(a)} rows != {len(b)} rows"
    cols = [c for c in a.columns if not a[c].equals(b[c])]
    return f"columns differ: {cols}; ids now {list(a['id'])}, before {list(b['id'])}"


def assert_invariants(journey: jw.Journey) -> None:
    """What must hold after any operation: unique ids, known stages/lanes/steps, a RangeIndex."""
    t = journey.table
    assert list(t.columns[:6]) == ["id", "stage", "step", "lane", "text", "score"]
    assert isinstance(t.index, pd.RangeIndex) and t.index.start == 0
    assert t["id"].is_unique
    assert set(t["stage"]) <= set(journey.stage_names())
    assert set(t["lane"]) <= set(journey.lane_names())
    for stage, step in zip(t["stage"], t["step"], strict=True):
        if not pd.isna(step):
            assert step in journey.stage(stage).steps, (stage, step)
    scale = journey.scale
    emotion = [lane.name for lane in journey.lanes if lane.kind == "emotion"]
    scores = t.loc[t["lane"].isin(emotion), "score"].dropna()
    assert ((scores >= scale.min) & (scores <= scale.max)).all()


def cell_ids(journey_or_frame: Any, stage: str, step: str | None, lane: str) -> list[str]:
    """Card ids of one cell, in on-screen order."""
    t = journey_or_frame.table if isinstance(journey_or_frame, jw.Journey) else journey_or_frame
    mask = (t["stage"] == stage) & (t["lane"] == lane)
    mask &= t["step"].isna() if step is None else (t["step"] == step)
    return list(t.loc[mask, "id"])


class Recorder:
    """Stands in for the widget's comm transport (``send``).

    Keeps every message with the trait state the view would hold when the message arrives.
    """

    def __init__(self, widget: jw.JourneyMap) -> None:
        self.widget = widget
        self.messages: list[dict[str, Any]] = []
        self.revisions_at_send: list[int] = []
        self.cards_at_send: list[list[dict[str, Any]]] = []

    def __call__(self, content: Any, buffers: Any = None) -> None:
        self.messages.append(content)
        self.revisions_at_send.append(self.widget.revision)
        self.cards_at_send.append(self.widget.cards)

    @property
    def last(self) -> dict[str, Any]:
        assert self.messages, "the widget sent nothing"
        return self.messages[-1]


def send(m: jw.JourneyMap, op: Any, op_id: str = "v1-1") -> None:
    """Deliver a browser operation message to ``m`` as the kernel's comm would."""
    m._on_message(m, {"type": "op", "op_id": op_id, "base_revision": m.revision, "op": op}, [])


def in_own_thread(test: Callable[[], None]) -> None:
    """Run ``test`` in a thread with no event loop.

    Whether a widget acts at once or later depends on a running loop, and a browser test's
    Playwright leaves one in the main thread of the test process.
    """
    with ThreadPoolExecutor(1) as pool:
        pool.submit(test).result()


def without_loop(test: Callable[..., None]) -> Callable[..., None]:
    """Decorate a test to run in a thread with no event loop (see :func:`in_own_thread`)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        in_own_thread(lambda: test(*args, **kwargs))

    return run
