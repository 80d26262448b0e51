"""The kernel code both kernel-side round-trip benchmarks run to build their sample map."""

from __future__ import annotations


def cards_code(n: int) -> str:
    """Python source defining ``stages``, ``lanes`` and an ``n``-card DataFrame ``cards``.

    8 stages x 6 lanes, an emotion score on emotion cards, a ``source`` column; seeded, so
    every run builds the same map.
    """
    return f"""
import numpy as np, pandas as pd
rng = np.random.default_rng(0)
stages = [f"Stage {{i}}" for i in range(8)]
lanes = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"]
lane = rng.choice(lanes, {n})
cards = pd.DataFrame({{
    "stage": rng.choice(stages, {n}), "lane": lane,
    "text": [f"Card {{i}} with a sentence of ordinary length" for i in range({n})],
    "score": np.where(lane == "Emotions", rng.integers(-2, 3, {n}), np.nan),
    "source": rng.choice(["interview", "tickets", "analytics"], {n}),
}})
"""
