"""Autosave seen from the browser, in a real JupyterLab.

The edit round trip with the file binding on and off, and the time from a browser edit to its
bytes on disk.

One notebook shows two maps of the same cards: ``free`` (a plain ``JourneyMap``) and ``bound``
(``jw.open``: written before each ack). Each is edited as a user does (double-click, type,
Enter), alternating, and timed in the page from the Enter keydown to the card losing
``data-jw-pending`` (the ack drawn). For the bound map this process also polls the file from
just before Enter until the new text is in it (to bytes on disk: written, not yet fsynced; the
fsync follows on the binding's thread).

    .venv/bin/python bench/bench_autosave_browser.py [--sizes 100,1000,5000] [--edits 40]

Record figures in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, Lab, open_notebook  # noqa: E402

from bench_roundtrip import ARM  # noqa: E402  (bench/ is on sys.path when run as a script)
from sample_map import cards_code  # noqa: E402

WARMUP = 8


def cell(n: int) -> str:
    return (
        cards_code(n)
        + """
import journey_widget as jw
free_cards = cards.assign(id=[f"f{i}" for i in range(len(cards))])
bound_cards = cards.assign(id=[f"b{i}" for i in range(len(cards))])
free = jw.JourneyMap(free_cards, stages=stages, lanes=lanes, overlays=False)
bound = jw.open("bound.journey.json", default=bound_cards, stages=stages, lanes=lanes,
                overlays=False)
__ready__ = True
display(free, bound)
"""
    )


def edit(page: Page, card_id: str, text: str, path: Path | None) -> tuple[float, float | None]:
    """Round trip in the page (ms), and for a bound map: Enter -> text in the file (ms)."""
    selector = f'[data-jw-card="{card_id}"]'
    page.locator(selector).dblclick()
    page.locator("textarea[data-jw-editor]").fill(text)
    page.evaluate(ARM, [selector, "ours"])
    start = time.perf_counter()
    page.keyboard.press("Enter")
    on_disk = None
    if path is not None:
        needle = text.encode()
        while needle not in path.read_bytes():
            time.sleep(0.0005)
        on_disk = (time.perf_counter() - start) * 1000
    page.wait_for_function("window.__rt.t1 > 0", timeout=10_000)
    return float(page.evaluate("window.__rt.t1 - window.__rt.t0")), on_disk


def percentiles(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f} / {float(np.percentile(values, 95)):6.1f}"


def run(n: int, edits: int) -> None:
    base = Path(tempfile.mkdtemp(prefix="jw-autosave-"))
    lab = Lab(base)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            with open_notebook(lab, page, "autosave", [cell(n)]):
                page.locator('[data-jw-card="b0"]').wait_for(timeout=90_000)
                path = lab.root / "bound.journey.json"
                free, bound, disk = [], [], []
                for i in range(edits):
                    card = (i * 7) % min(n, 40)
                    free.append(edit(page, f"f{card}", f"Free edit {i}", None)[0])
                    trip, written = edit(page, f"b{card}", f"Bound edit {i}", path)
                    bound.append(trip)
                    disk.append(written or 0.0)
            browser.close()
    finally:
        lab.stop()
    f, b, d = free[WARMUP:], bound[WARMUP:], disk[WARMUP:]
    ratio = statistics.median(b) / statistics.median(f)
    ratio95 = float(np.percentile(b, 95)) / float(np.percentile(f, 95))
    print(
        f"| {n:,} | {percentiles(f)} | {percentiles(b)} | {ratio:.2f} / {ratio95:.2f} "
        f"| {percentiles(d)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    print(f"{args.edits - WARMUP} edits per map after {WARMUP} warm-up, alternating; ms p50 / p95")
    print("| cards | round trip, not bound | round trip, bound | ratio p50 / p95 | Enter -> disk |")
    print("|---:|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        run(n, args.edits)


if __name__ == "__main__":
    main()
