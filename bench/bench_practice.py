"""Workshop functions on large maps: coverage, checks, current/future diff, Mermaid.

Each figure is printed next to a baseline in the same run: for ``coverage`` a bare pandas
``groupby`` of the same counts, for ``diff`` a hand-written ``merge``-and-compare of the same
tables (what an analyst would write without the library), for Mermaid the JSON round trip of the
same map. Median of a few runs, in milliseconds. Record figures in bench/RESULTS.md.

    .venv/bin/python bench/bench_practice.py
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

import journey_widget as jw
from journey_widget.io import journey_from_json, journey_to_json
from journey_widget.io.mermaid import parse_mermaid, to_mermaid
from journey_widget.practice import check, coverage, diff, emotion_change
from timing import median_ms  # bench/timing.py: bench/ is on sys.path when run as a script

STAGES = [f"Stage {i}" for i in range(12)]
LANES = ["Actions", "Touchpoints", "Emotions", "Pain points", "Opportunities"]


def pair(n: int) -> tuple[jw.Journey, jw.Journey]:
    """A map of ``n`` cards and a future state with about a fifth of the cards changed."""
    rng = np.random.default_rng(0)
    lane = rng.choice(LANES, n)
    cards = pd.DataFrame(
        {
            "id": [f"c{i}" for i in range(n)],
            "stage": rng.choice(STAGES, n),
            "lane": lane,
            "text": [f"Card {i} with a sentence of ordinary length" for i in range(n)],
            "score": np.where(lane == "Emotions", rng.integers(-2, 3, n), np.nan),
            "owner": rng.choice(["Ops", None], n),
            "evidence": rng.choice(["ticket", None], n),
            "confidence": rng.choice(["observed", "inferred", None], n),
            "n_tickets": rng.integers(0, 50, n),
        }
    )
    future = cards.copy()
    future.loc[::7, "text"] = "Changed in the future state"
    future.loc[::11, "lane"] = "Actions"
    future.loc[future["lane"] != "Emotions", "score"] = np.nan
    future = future.drop(index=range(0, n, 13))
    future = pd.concat([future, cards.iloc[: n // 20].assign(id=lambda d: "new-" + d["id"])])
    return (
        jw.Journey(cards, stages=STAGES, lanes=LANES),
        jw.Journey(future, stages=STAGES, lanes=LANES),
    )


cold_ms = functools.partial(median_ms, warmup=False)  # these runs were always timed cold


def baseline_coverage(j: jw.Journey) -> pd.DataFrame:
    t = j.table
    backed = t["evidence"].notna() | t["confidence"].isin(["observed", "reported"])
    return backed.groupby([t["stage"], t["lane"]]).agg(["size", "sum", "mean"])


def baseline_diff(a: jw.Journey, b: jw.Journey) -> pd.DataFrame:
    both = a.table.merge(b.table, on="id", how="outer", suffixes=("_b", "_a"), indicator=True)
    columns = [c for c in a.table.columns if c != "id"]
    changed = np.zeros(len(both), dtype=bool)
    for c in columns:
        x, y = both[f"{c}_b"], both[f"{c}_a"]
        changed |= ~((x == y) | (x.isna() & y.isna())).to_numpy()
    return both[changed | (both["_merge"] != "both")]


def figures(n: int) -> None:
    before, after = pair(n)
    changes = diff(before, after)
    assert len(changes) == len(baseline_diff(before, after)), "the two diffs disagree"
    text = to_mermaid(before)
    rows = [
        (
            "coverage",
            cold_ms(lambda: coverage(before)),
            cold_ms(lambda: baseline_coverage(before)),
            "pandas groupby",
        ),
        ("check", cold_ms(lambda: check(before)), float("nan"), "-"),
        (
            "diff",
            cold_ms(lambda: diff(before, after)),
            cold_ms(lambda: baseline_diff(before, after)),
            "merge + compare",
        ),
        ("emotion_change", cold_ms(lambda: emotion_change(before, after)), float("nan"), "-"),
        (
            "to_mermaid",
            cold_ms(lambda: to_mermaid(before)),
            cold_ms(lambda: journey_to_json(before)),
            "to JSON",
        ),
        (
            "parse_mermaid",
            cold_ms(lambda: parse_mermaid(text)),
            cold_ms(lambda: journey_from_json(journey_to_json(before))),
            "from JSON",
        ),
    ]
    for what, ours, base, label in rows:
        print(f"{n:>6}  {what:<16}{ours:>13.1f} ms{base:>9.1f} ms  {label}")
    print(f"{n:>6}  ({len(changes)} changed cards, {text.count(chr(10))} Mermaid lines)")


def main() -> None:
    print(f"{'cards':>6}  {'what':<16}{'journey_widget':>16}{'baseline':>12}  baseline is")
    for n in (2_000, 10_000):
        figures(n)


if __name__ == "__main__":
    main()
