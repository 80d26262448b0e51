"""Kernel-side cost of a browser's dot and comment, beside a card text edit in the same run.

Each operation arrives as the browser sends it (an ``op`` message through the widget's message
handler: validate, apply through the history, publish the traits, acknowledge; a dot also sends
the voting view its own dots). Maps of 100, 1,000 and 5,000 cards, a round open on the pain
points with a budget large enough for every dot, 30 voters.

    .venv/bin/python bench/bench_participation.py

Record figures in bench/RESULTS.md.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import journey_widget as jw
from bench_kernel_edit import cards

REPEATS = 60


def send(m: jw.JourneyMap, op: dict[str, Any], n: int) -> float:
    message = {"type": "op", "op_id": f"o{n}", "base_revision": m.revision, "op": op, "view": "v1"}
    start = time.perf_counter()
    m._on_message(m, message, [])
    return (time.perf_counter() - start) * 1000


def row(size: int) -> str:
    frame = cards(size)
    m = jw.JourneyMap(frame, overlays=False)
    m.send = lambda *_a, **_k: None  # no front end: the cost of building the messages stays
    ids = [str(i) for i in m.data["id"]]
    pains = [
        str(i)
        for i, lane in zip(m.data["id"], m.data["lane"], strict=True)
        if lane == "Pain points"
    ]
    m.start_voting(budget=99, on="Pain points", anonymous=True)
    edit, dot, comment = [], [], []
    for i in range(REPEATS):
        edit.append(
            send(
                m,
                {"kind": "edit", "id": ids[i % 40], "field": "text", "value": f"e{i}", "old": None},
                i,
            )
        )
        dot.append(
            send(
                m,
                {"kind": "vote", "card": pains[i % len(pains)], "voter": f"p{i % 30}", "count": 1},
                i,
            )
        )
        text = f"Comment {i}"
        op = {
            "kind": "add_comment",
            "card": ids[i % 40],
            "text": text,
            "author": "Ana",
            "reply_to": None,
        }
        comment.append(send(m, op, i))

    def fmt(values: list[float]) -> str:
        return f"{statistics.median(values):6.2f} / {float(np.percentile(values, 95)):6.2f}"

    ratio = statistics.median(dot) / statistics.median(edit)
    return f"| {size:,} | {fmt(edit)} | {fmt(dot)} | {fmt(comment)} | {ratio:.2f} |"


def main() -> None:
    print(f"{REPEATS} of each, ms p50 / p95 (handler: validate, apply, publish, ack)")
    print("| cards | text edit | dot | comment | dot / edit (p50) |")
    print("|---:|---:|---:|---:|---:|")
    for size in (100, 1000, 5000):
        print(row(size))


if __name__ == "__main__":
    main()
