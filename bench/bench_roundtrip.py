"""Browser edit -> DataFrame -> acknowledged in the view, at 1,000 cards, in a real JupyterLab.

One notebook holds a 1,000-card ``JourneyMap`` and, as the peer, an editable ipydatagrid
``DataGrid`` over a 1,000-row DataFrame whose cell-change callback writes the value into the
analyst's DataFrame and bumps a Label (the peer sends nothing back by itself). Both are edited the
way a user does, in the same page and run, alternating: open the editor (double-click), type, and
press Enter. Timed in the page: from that Enter keydown to the view showing the result

- ours: the card loses ``data-jw-pending`` (the kernel applied the edit to ``m.data``, published
  the traits and sent the ``ack``; the view drew it at the next animation frame);
- peer: the Label shows the new count (the kernel's DataFrame holds the value);
- floor: a bare anywidget button whose kernel side echoes one message back (no work at all): what
  one trip through this JupyterLab, server and kernel costs on this machine.

    .venv/bin/pip install -e ".[dev,bench]"     # ipydatagrid is a bench-only dependency
    .venv/bin/python bench/bench_roundtrip.py

Record figures in bench/RESULTS.md.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Lab, open_notebook  # noqa: E402

from sample_map import cards_code  # noqa: E402  (bench/ is on sys.path when run as a script)

N_CARDS = 1000
EDITS = 60
WARMUP = 10

CELL = (
    cards_code(N_CARDS)
    + """
import ipywidgets as W, journey_widget as jw
from ipydatagrid import DataGrid
m = jw.JourneyMap(cards, stages=stages, lanes=lanes, title="Round trip")
peer_df = cards[["text", "stage", "lane"]].copy()
grid = DataGrid(peer_df.copy(), editable=True, layout={"height": "260px"})
peer_ack = W.Label("0")
def _on_cell(e):
    peer_df.iat[e["row"], 0] = e["value"]
    peer_ack.value = str(int(peer_ack.value) + 1)
grid.on_cell_change(_on_cell)

import anywidget
class Echo(anywidget.AnyWidget):  # the floor: one message to the kernel and one back, no work
    _esm = '''export default { render({ model, el }) {
      const b = document.createElement('button'); b.className = 'echo'; b.textContent = '0';
      b.onclick = () => model.send({ n: Number(b.textContent) + 1 });
      model.on('msg:custom', (m) => { b.textContent = String(m.n); }); el.appendChild(b); } }'''
    def __init__(self):
        super().__init__()
        self.on_msg(lambda _w, content, _b: self.send({"n": content["n"]}))
echo = Echo()
__ready__ = True
display(m, grid, peer_ack, echo)
"""
)

# Arm a timer at the next Enter keydown (capture phase: before any handler) and stop it when
# `done()` holds after a DOM mutation of `target`.
ARM = """([selector, kind]) => {
  const target = document.querySelector(selector);
  const state = window.__rt = {t0: 0, t1: 0};
  const done = kind === 'ours'
    ? () => !target.hasAttribute('data-jw-pending')
    : (() => { const before = target.textContent; return () => target.textContent !== before; })();
  const onKey = (e) => { if (e.key === 'Enter' && !state.t0) state.t0 = performance.now(); };
  window.addEventListener('keydown', onKey, true);
  const mo = new MutationObserver(() => {
    if (state.t0 && !state.t1 && done()) {
      state.t1 = performance.now();
      mo.disconnect();
      window.removeEventListener('keydown', onKey, true);
    }
  });
  mo.observe(target, {attributes: true, childList: true, subtree: true, characterData: true});
}"""


def edit_ours(page: Page, card_id: str, text: str) -> float:
    card = page.locator(f'[data-jw-card="{card_id}"]')
    card.dblclick()
    page.locator("textarea[data-jw-editor]").fill(text)
    page.evaluate(ARM, [f'[data-jw-card="{card_id}"]', "ours"])
    page.keyboard.press("Enter")
    page.wait_for_function("window.__rt.t1 > 0", timeout=10_000)
    return float(page.evaluate("window.__rt.t1 - window.__rt.t0"))


def edit_peer(page: Page, row: int, text: str) -> float:
    # Default geometry: a 20 px header row and 20 px rows; column 1 ("text") starts after the
    # 64 px index column.
    page.locator(".lm-DataGrid").first.dblclick(position={"x": 100, "y": 20 + row * 20 + 10})
    editor = page.locator(".lm-DataGrid-cellEditorInput")
    editor.wait_for()
    editor.fill(text)
    page.evaluate(ARM, [".widget-label", "peer"])
    page.keyboard.press("Enter")
    page.wait_for_function("window.__rt.t1 > 0", timeout=10_000)
    return float(page.evaluate("window.__rt.t1 - window.__rt.t0"))


def echo_once(page: Page) -> float:
    page.locator("button.echo").focus()
    page.evaluate(ARM, ["button.echo", "peer"])
    page.keyboard.press("Enter")
    page.wait_for_function("window.__rt.t1 > 0", timeout=10_000)
    return float(page.evaluate("window.__rt.t1 - window.__rt.t0"))


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(values),
        "p95": float(np.percentile(values, 95)),
        "max": max(values),
    }


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="jw-roundtrip-"))
    lab = Lab(base)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            with open_notebook(lab, page, "roundtrip", [CELL]) as kernel:
                page.locator("[data-jw-card]").first.wait_for(timeout=60_000)
                page.locator(".lm-DataGrid").first.wait_for(timeout=60_000)
                ids = page.locator("[data-jw-card]").evaluate_all(
                    "els => els.slice(0, 40).map(e => e.dataset.jwCard)"
                )
                ours: list[float] = []
                peer: list[float] = []
                floor: list[float] = []
                for i in range(EDITS):
                    ours.append(edit_ours(page, ids[i % len(ids)], f"Edited card {i}"))
                    peer.append(edit_peer(page, i % 8, f"Edited row {i}"))
                    floor.append(echo_once(page))
                edited = kernel.json("int((m.data['text'].str.startswith('Edited card')).sum())")
                peer_edited = kernel.json("int(peer_df['text'].str.startswith('Edited row').sum())")
                trait_kb = kernel.json("len(__import__('json').dumps(m.cards)) / 1024")
            browser.close()
    finally:
        lab.stop()
    assert edited == min(EDITS, len(ids)) and peer_edited == 8, (edited, peer_edited)
    o, p, f = summary(ours[WARMUP:]), summary(peer[WARMUP:]), summary(floor[WARMUP:])
    message = {
        "type": "op",
        "op_id": "vabcdef-12",
        "base_revision": 1234,
        "op": {
            "kind": "edit",
            "id": "c-0123456789",
            "field": "text",
            "value": "Edited card 12",
            "old": "Card 12 with a sentence of ordinary length",
        },
    }
    print(
        f"{N_CARDS} cards, {EDITS - WARMUP} edits each after {WARMUP} warm-up, alternating, "
        "Enter keydown -> view shows the result"
    )
    print(f"{'':>22} {'p50':>8} {'p95':>8} {'max':>8}")
    for name, r in (("journey_widget", o), ("ipydatagrid (peer)", p), ("bare message echo", f)):
        print(f"{name:>22} {r['p50']:>6.1f}ms {r['p95']:>6.1f}ms {r['max']:>6.1f}ms")
    print(f"{'ratio ours/peer':>22} {o['p50'] / p['p50']:>8.2f} {o['p95'] / p['p95']:>8.2f}")
    print(f"edit message {len(json.dumps(message))} bytes; cards trait {trait_kb:.0f} KB")
    results: dict[str, Any] = {"ours": ours, "peer": peer, "floor": floor}
    (base / "samples.json").write_text(json.dumps(results))


if __name__ == "__main__":
    main()
