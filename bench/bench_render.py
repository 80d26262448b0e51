"""First render of the map in headless Chromium at 500, 2,000 and 5,000 cards.

The built bundle (``src/journey_widget/static/widget.js`` + ``widget.css``) renders in a blank
page from the real trait values of a :class:`JourneyMap` (its ``structure`` and ``cards``), through
a stand-in for the anywidget model. Timed: ``render()`` until the layout is computed (script, style
and layout; forced by reading the element's size), median of several fresh renders, plus the live
DOM elements under the widget (as browser audits count DOM size), and the redraw after one card
changed elsewhere (new ``cards`` trait, as every edit brings). Baseline in the same page: the
same cards as ``DataFrame.to_html()`` (what a notebook shows for the DataFrame), inserted and laid
out the same way.

    .venv/bin/python bench/bench_render.py          # needs Debian's /usr/bin/chromium

Record figures in bench/RESULTS.md.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from playwright.sync_api import Page, sync_playwright

import journey_widget as jw

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "src" / "journey_widget" / "static"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STAGES = [f"Stage {i}" for i in range(8)]
LANES = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"]
REPEATS = 7


def cards(n: int) -> pd.DataFrame:
    """A realistic map: 8 stages, 6 lanes, emotion scores, some channels and confidence."""
    rng = np.random.default_rng(0)
    lane = rng.choice(LANES, n)
    return pd.DataFrame(
        {
            "stage": rng.choice(STAGES, n),
            "lane": lane,
            "text": [f"Card {i} with a sentence of ordinary length" for i in range(n)],
            "score": np.where(lane == "Emotions", rng.integers(-2, 3, n), np.nan),
            "channel": rng.choice(["Website", "Email", "Phone", None], n),
            "confidence": rng.choice(["observed", "reported", "hypothesized", None], n),
        }
    )


# Runs in the page: a minimal anywidget model over fixed traits, then timed renders.
MEASURE = """async ([code, state, table, repeats]) => {
  const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
  const widget = (await import(url)).default;
  const handlers = new Map();
  const on = (ev, cb) => (handlers.get(ev) ?? handlers.set(ev, []).get(ev)).push(cb);
  const model = {get: (k) => state[k], on, off() {}, send() {}};
  const fire = (ev) => { for (const cb of handlers.get(ev) ?? []) cb(); };
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const nodes = (el) => el.getElementsByTagName('*').length;
  const ours = [], base = [], updates = [];
  let count = 0, baseCount = 0, shown = 0;
  for (let i = 0; i < repeats; i++) {
    const el = document.createElement('div'); el.style.width = '1400px';
    document.body.appendChild(el);
    await frame();
    const t0 = performance.now();
    const cleanup = widget.render({model, el});
    el.getBoundingClientRect(); el.offsetHeight;  // force style and layout
    ours.push(performance.now() - t0);
    count = nodes(el); shown = el.querySelectorAll('[data-jw-card]').length;
    await frame();
    // One card edited elsewhere: new `cards` and `revision` traits; the view redraws at the next
    // frame. Its cost: between a frame callback queued before the view's and one queued after.
    const before = state.cards;
    state.cards = before.map((c, j) => (j === i ? {...c, text: c.text + ' (edited)'} : c));
    state.revision += 1;
    let start = 0;
    requestAnimationFrame(() => { start = performance.now(); });
    fire('change:cards');
    fire('change:revision');
    const end = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    updates.push(end - start);
    state.cards = before;
    handlers.clear();
    cleanup(); el.remove();

    const host = document.createElement('div'); document.body.appendChild(host);
    await frame();
    const t1 = performance.now();
    host.innerHTML = table;  // trusted: pandas' own escaped HTML of generated text
    host.getBoundingClientRect(); host.offsetHeight;
    base.push(performance.now() - t1);
    baseCount = nodes(host);
    await frame();
    host.remove();
  }
  return {ours, base, updates, count, baseCount, shown};
}"""


def measure(page: Page, n: int, code: str) -> dict[str, Any]:
    m = jw.JourneyMap(cards(n), stages=STAGES, lanes=LANES)
    state = {"structure": m.structure, "cards": m.cards, "revision": 1, "read_only": False}
    table = m.data.to_html()
    r = page.evaluate(MEASURE, [code, json.loads(json.dumps(state)), table, REPEATS])
    return {
        "cards": n,
        "ours": statistics.median(r["ours"][1:]),
        "base": statistics.median(r["base"][1:]),
        "update": statistics.median(r["updates"][1:]),
        "nodes": r["count"],
        "base_nodes": r["baseCount"],
        "shown": r["shown"],
    }


def main() -> None:
    code = (STATIC / "widget.js").read_text("utf-8")
    css = (STATIC / "widget.css").read_text("utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_content(f"<!doctype html><html><head><style>{css}</style></head><body></body>")
        rows = [measure(page, n, code) for n in (500, 1000, 2000, 5000)]
        version = browser.version
        browser.close()
    print(f"Chromium {version}, median of {REPEATS - 1} renders after a warm-up, {sys.platform}")
    print(
        f"{'cards':>6} {'ours':>9} {'elements':>9} {'cards shown':>12} "
        f"{'to_html':>9} {'elements':>9} {'ratio':>6} {'redraw after 1 edit':>20}"
    )
    for r in rows:
        print(
            f"{r['cards']:>6} {r['ours']:>7.1f}ms {r['nodes']:>9} {r['shown']:>12} "
            f"{r['base']:>7.1f}ms {r['base_nodes']:>9} {r['ours'] / r['base']:>6.2f} "
            f"{r['update']:>18.1f}ms"
        )


if __name__ == "__main__":
    main()
