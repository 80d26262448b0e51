"""Chart build and overlay refresh times at 50, 500 and 5,000 cards (budget: refresh <= 300 ms).

Side by side in the same run:

- **chart build**: ``m.emotion_chart()`` to a validated Vega-Lite dict, against a *naive* chart
  (one Altair point per raw emotion card, the way one would plot the DataFrame directly);
- **SVG**: our chart through vl-convert, against the naive chart saved by Altair's own
  ``chart.save(..., format="svg")`` (vl-convert as well);
- **overlay refresh** after a score edit: the widget's refresh (digests of both charts, the
  emotion chart rebuilt and rendered, the unchanged metrics chart reused; ``max`` is the worst
  run), and after a text edit that changes no chart (digests only);
- **ack**: the kernel handling a browser score edit up to its ``ack``, with overlays on and with
  ``overlays=False`` (the refresh runs after the ack, so the two must match);
- **in a loop** (as in a kernel): one browser score edit until the overlay trait holds it
  (the 40 ms debounce included); then 20 edits arriving back to back: how many SVG renders and
  how long until the overlay holds the last edit.

    .venv/bin/python bench/bench_charts.py
"""

from __future__ import annotations

import asyncio
import io
import statistics
import time
from collections.abc import Callable
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

import journey_widget as jw
from journey_widget.charts import to_svg
from journey_widget.widget.overlays import DEBOUNCE
from timing import median_ms  # bench/timing.py: bench/ is on sys.path when run as a script

STAGES = [f"Stage {i}" for i in range(8)]
STEPS = {s: [f"step {k}" for k in range(3)] for s in STAGES[:3]}
LANES = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"]


def cards(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    stage = rng.choice(STAGES, n)
    lane = rng.choice(LANES, n)
    return pd.DataFrame(
        {
            "stage": stage,
            "step": [rng.choice(STEPS[s]) if s in STEPS else None for s in stage],
            "lane": lane,
            "text": [f"Card {i} with a sentence of ordinary length" for i in range(n)],
            "score": np.where(lane == "Emotions", rng.integers(-2, 3, n), np.nan),
            "persona": rng.choice(["New", "Returning"], n),
        }
    )


def new_map(n: int, **kwargs: Any) -> jw.JourneyMap:
    stages = [{"name": s, "steps": STEPS.get(s, [])} for s in STAGES]
    survey = pd.DataFrame(
        {"stage": np.resize(STAGES, 400), "answer": np.resize([5, 4, 4, 3, 2, 5, 1], 400)}
    )
    metrics = pd.concat(
        [
            jw.metrics.by_stage(survey, value="answer", kind="csat", target=70),
            jw.metrics.by_stage(survey, value="answer", kind="ces", scale=(1, 5)),
        ]
    )
    return jw.JourneyMap(cards(n), stages=stages, lanes=LANES, metrics=metrics, **kwargs)


def naive_chart(m: jw.JourneyMap) -> alt.Chart:
    raw = m.data[m.data["lane"] == "Emotions"][["stage", "text", "score"]]
    return (
        alt.Chart(raw)
        .mark_line(point=True)
        .encode(x=alt.X("stage:N", sort=list(m.stages)), y="score:Q", tooltip=["text:N"])
    )


def score_edit(m: jw.JourneyMap, ids: list[str], i: int) -> dict[str, Any]:
    card = ids[i % len(ids)]
    old = m.journey.card(card)["score"]
    return {
        "type": "op",
        "op_id": f"b-{i}",
        "base_revision": m.revision,
        "op": {
            "kind": "edit",
            "id": card,
            "field": "score",
            "value": -2.0 if old == 2 else float(old) + 1,
            "old": old,
        },
    }


def refresh_after(m: jw.JourneyMap, edit: Callable[[], None]) -> float:
    edit()
    t = time.perf_counter()
    _ = m.overlays  # settles the refresh
    return (time.perf_counter() - t) * 1000


def bench(n: int, repeats: int) -> dict[str, float]:
    m = new_map(n)
    _ = m.overlays
    ids = list(m.data.loc[m.data["lane"] == "Emotions", "id"])
    text_ids = list(m.data.loc[m.data["lane"] == "Actions", "id"])
    r: dict[str, float] = {}
    r["build"] = median_ms(lambda: m.emotion_chart().to_dict(), repeats)
    r["naive_build"] = median_ms(lambda: naive_chart(m).to_dict(), repeats)
    r["svg"] = median_ms(lambda: to_svg(m.emotion_chart()), repeats)
    r["naive_svg"] = median_ms(lambda: naive_chart(m).save(io.StringIO(), format="svg"), repeats)
    counter = iter(range(10**6))
    scores = [
        refresh_after(m, lambda: m.edit_card(*_score(m, ids, next(counter))))
        for _ in range(repeats)
    ]
    r["refresh"], r["refresh_max"] = statistics.median(scores), max(scores)
    texts = [
        refresh_after(
            m,
            lambda: m.edit_card(
                text_ids[next(counter) % len(text_ids)], "text", f"t{next(counter)}"
            ),
        )
        for _ in range(repeats)
    ]
    r["refresh_noop"] = statistics.median(texts)
    for name, widget in (("ack_on", m), ("ack_off", new_map(n, overlays=False))):
        widget.send = lambda *_a, **_k: None
        wids = list(widget.data.loc[widget.data["lane"] == "Emotions", "id"])
        acks = []
        for i in range(repeats * 4):
            msg = score_edit(widget, wids, i)
            t = time.perf_counter()
            widget._on_message(widget, msg, [])
            acks.append((time.perf_counter() - t) * 1000)
        r[name] = statistics.median(acks)
    r["latency"], r["burst_renders"], r["burst_ms"] = asyncio.run(in_loop(n))
    return r


def _score(m: jw.JourneyMap, ids: list[str], i: int) -> tuple[str, str, float]:
    card = ids[i % len(ids)]
    old = m.journey.card(card)["score"]
    return card, "score", -2.0 if old == 2 else float(old) + 1


async def in_loop(n: int, edits: int = 20, singles: int = 5) -> tuple[float, float, float]:
    """Inside a running loop, as in a kernel: single browser score edits, then a burst.

    One browser score edit until the overlay holds it (debounce included), median of
    ``singles``; then ``edits`` edits back to back.
    """
    m = new_map(n)
    m.send = lambda *_a, **_k: None
    m._repr_mimebundle_()  # displayed: refreshes run on the loop
    await asyncio.sleep(DEBOUNCE + 2.0)  # first render (vl-convert warm)
    refresher = m._overlay_refresher
    ids = list(m.data.loc[m.data["lane"] == "Emotions", "id"])
    waits = []
    for i in range(singles):
        t = time.perf_counter()
        m._on_message(m, score_edit(m, ids, i), [])
        while refresher.stale:
            await asyncio.sleep(0.001)
        waits.append((time.perf_counter() - t) * 1000)
    renders = refresher.renderer.renders
    t = time.perf_counter()
    for i in range(edits):
        m._on_message(m, score_edit(m, ids, i), [])
    while refresher.stale:
        await asyncio.sleep(0.001)
    elapsed = (time.perf_counter() - t) * 1000
    return statistics.median(waits), float(refresher.renderer.renders - renders), elapsed


def main() -> None:
    to_svg(naive_chart(new_map(10)))  # vl-convert's one-off start-up, outside the figures
    head = (
        f"{'cards':>6} {'build':>7} {'naive':>7} {'svg':>7} {'naive svg':>9} "
        f"{'refresh':>8} {'max':>7} {'no-op':>7} {'edit→img':>8} {'ack on':>7} "
        f"{'ack off':>7} {'burst 20':>13}"
    )
    print(head)
    print(
        "(ms, medians; refresh after a score edit = digests + the emotion chart rebuilt and "
        "re-rendered, the metrics chart reused; no-op = after a text edit)"
    )
    for n, repeats in ((50, 10), (500, 10), (5000, 5)):
        r = bench(n, repeats)
        print(
            f"{n:>6} {r['build']:>7.1f} {r['naive_build']:>7.1f} {r['svg']:>7.1f} "
            f"{r['naive_svg']:>9.1f} {r['refresh']:>8.1f} {r['refresh_max']:>7.1f} "
            f"{r['refresh_noop']:>7.1f} {r['latency']:>8.1f} {r['ack_on']:>7.2f} "
            f"{r['ack_off']:>7.2f} "
            f"{r['burst_renders']:>3.0f} in {r['burst_ms']:>5.0f}"
        )


if __name__ == "__main__":
    main()
