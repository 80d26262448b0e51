"""Maps for report tests: a realistic checkout map with hostile text in every user field."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import journey_widget as jw

HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    '<a href="javascript:alert(1)">link</a>'
)
STAGES = ["Discover", "Browse", "Cart", "Checkout", "Delivery"]
LANES = ["Actions", "Touchpoints", "Emotions", "Pain points", "Opportunities"]


def checkout_cards(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` cards spread over the stages and lanes, each with a unique, searchable text."""
    rng = np.random.default_rng(seed)
    lane = [LANES[i % len(LANES)] for i in range(n)]
    stage = [STAGES[(i // len(LANES)) % len(STAGES)] for i in range(n)]
    return pd.DataFrame(
        {
            "id": [f"k{i:03d}" for i in range(n)],
            "stage": stage,
            "lane": lane,
            "text": [f"Card {i:03d} {lane[i].lower()} note" for i in range(n)],
            "score": [
                float(rng.integers(-2, 3)) if lane[i] == "Emotions" else np.nan for i in range(n)
            ],
            "severity": [
                float(1 + i % 5) if lane[i] == "Pain points" else np.nan for i in range(n)
            ],
            "owner": ["Payments team" if lane[i] == "Opportunities" else None for i in range(n)],
            "evidence": [
                "interview 3; tickets" if lane[i] == "Pain points" else None for i in range(n)
            ],
        }
    )


def make_map(n: int = 20, hostile: bool = True) -> jw.JourneyMap:
    cards = checkout_cards(n)
    if hostile:
        cards.loc[0, "text"] = HOSTILE
        cards.loc[3, "text"] = "Pain: " + HOSTILE
    return jw.JourneyMap(
        cards,
        stages=STAGES,
        lanes=LANES,
        title="Checkout " + (HOSTILE if hostile else ""),
        persona={
            "name": "Pat " + (HOSTILE if hostile else ""),
            "goals": ["Pay quickly"],
            "description": "First-time buyer",
        },
    )


@pytest.fixture
def small_map() -> jw.JourneyMap:
    return make_map(20)
