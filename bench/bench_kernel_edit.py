"""Kernel-side cost of one browser edit: validate, apply, publish traits, acknowledge.

Compares ``JourneyMap`` handling an edit message with a baseline that does the bare minimum a
DataFrame-bound widget must do (``df.at[...] = value`` then serialise the records), in the same run.
Prints a table; record figures in bench/RESULTS.md.

    .venv/bin/python bench/bench_kernel_edit.py
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

import numpy as np
import pandas as pd

import journey_widget as jw


def cards(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    stages = [f"Stage {i}" for i in range(8)]
    lanes = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"]
    lane = rng.choice(lanes, n)
    return pd.DataFrame(
        {
            "stage": rng.choice(stages, n),
            "lane": lane,
            "text": [f"Card {i} with a sentence of ordinary length" for i in range(n)],
            "score": np.where(lane == "Emotions", rng.integers(-2, 3, n), np.nan),
            "source": rng.choice(["interview", "tickets", "analytics"], n),
        }
    )


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def bench(n: int, repeats: int = 200) -> dict[str, Any]:
    df = cards(n)
    m = jw.JourneyMap(df, stages=[f"Stage {i}" for i in range(8)])
    sent: list[Any] = []
    m.send = sent.append  # the transport: we measure the kernel work, not the websocket
    ids = list(m.data["id"])
    ours: list[float] = []
    for i in range(repeats):
        msg = {
            "type": "op",
            "op_id": str(i),
            "base_revision": m.revision,
            "op": {"kind": "edit", "id": ids[i % n], "field": "text", "value": f"edit {i}"},
        }
        t = time.perf_counter()
        m._on_message(m, msg, [])
        ours.append((time.perf_counter() - t) * 1000)
    assert all(r["type"] == "ack" for r in sent)
    base: list[float] = []
    plain = df.copy()
    for i in range(repeats):
        t = time.perf_counter()
        plain.at[i % n, "text"] = f"edit {i}"
        json.dumps(plain.to_dict("records"), default=str)
        base.append((time.perf_counter() - t) * 1000)
    payload = len(json.dumps(m.cards))
    return {
        "cards": n,
        "ours_p50": statistics.median(ours),
        "ours_p95": percentile(ours, 95),
        "base_p50": statistics.median(base),
        "base_p95": percentile(base, 95),
        "state_kb": payload / 1024,
        "edit_msg_bytes": len(json.dumps(msg)),
    }


def main() -> None:
    print(
        f"{'cards':>6} {'ours p50':>9} {'ours p95':>9} {'base p50':>9} {'base p95':>9} "
        f"{'ratio p50':>9} {'state KB':>9} {'msg B':>6}"
    )
    for n in (100, 500, 1000, 2000, 5000):
        r = bench(n)
        print(
            f"{r['cards']:>6} {r['ours_p50']:>8.2f}ms {r['ours_p95']:>8.2f}ms "
            f"{r['base_p50']:>8.2f}ms {r['base_p95']:>8.2f}ms "
            f"{r['ours_p50'] / r['base_p50']:>9.2f} {r['state_kb']:>9.1f} "
            f"{r['edit_msg_bytes']:>6}"
        )


if __name__ == "__main__":
    main()
