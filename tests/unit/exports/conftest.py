"""Maps for the export tests: one with every badge, and one with hostile text everywhere."""

from __future__ import annotations

import pandas as pd
import pytest

import journey_widget as jw

HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def rich_map() -> jw.JourneyMap:
    """A map with steps, an emotion lane, tone lanes and every badge a card can show."""
    cards = pd.DataFrame(
        {
            "stage": ["Browse", "Browse", "Cart", "Checkout", "Checkout", "Checkout", "Cart"],
            "step": [None, None, None, "Pay", "Pay", "Confirm", None],
            "lane": [
                "Actions",
                "Emotions",
                "Emotions",
                "Emotions",
                "Pain points",
                "Opportunities",
                "Pain points",
            ],
            "text": [
                "Compares two pairs of running shoes",
                "Curious",
                "Hopeful",
                "Card declined",
                "3-D Secure fails on mobile",
                "Offer PayPal",
                "Shipping cost",
            ],
            "score": [None, 1, 2, -2, None, None, None],
            "channel": ["Web", None, None, "App", "Mobile app", None, "Email"],
            "confidence": ["observed", None, "reported", None, "inferred", "hypothesized", None],
            "severity": [None, None, None, None, 4, None, 2],
            "evidence": ["Interview 4; Ticket 1832", None, None, None, None, None, None],
            "owner": [None, None, None, None, "Payments", "Growth", None],
        }
    )
    return jw.JourneyMap(
        cards,
        stages=["Browse", "Cart", {"name": "Checkout", "steps": ["Pay", "Confirm"]}],
        lanes=["Actions", "Emotions", "Pain points", "Opportunities"],
        title="Checkout",
        persona={
            "name": "First-time buyer",
            "description": "Buys shoes online once a year",
            "goals": ["Find my size"],
            "quote": "I just want to know my size",
        },
    )


def hostile_map() -> jw.JourneyMap:
    """Every user string an attack: title, persona, stage, lane and card text, evidence."""
    cards = pd.DataFrame(
        {
            "stage": ["Browse", "Browse"],
            "lane": ["Pain points", "Emotions"],
            "text": HOSTILE,
            "score": [None, -1],
            "evidence": [HOSTILE[1], None],
        }
    )
    return jw.JourneyMap(
        cards,
        stages=["Browse"],
        lanes=["Pain points", "Emotions"],
        title=HOSTILE[0],
        persona={"name": HOSTILE[1]},
    )


@pytest.fixture
def rich() -> jw.JourneyMap:
    return rich_map()


@pytest.fixture
def hostile() -> jw.JourneyMap:
    return hostile_map()
