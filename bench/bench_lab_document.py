"""A `.journey.json` document edited in JupyterLab, against the same edit through the kernel.

In JupyterLab a map file is bound to ``DocumentMapModel`` (js/src/model/document.ts): each
edit is checked as the kernel checks it, applied, published and serialised to the file text
(the document is marked dirty; Ctrl+S writes that text). This compares, in one run and on the
same files, the document's cost per edit (node, the front end's code bundled with esbuild)
with the kernel's for the same edit message (``JourneyMap._on_message``, traits published)
plus ``to_json()`` (what saving the map from Python costs), and the time to read the file.
Also prints the size of the prebuilt JupyterLab extension.

    .venv/bin/python bench/bench_lab_document.py

Record figures in bench/RESULTS.md.
"""

from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import journey_widget as jw

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "js" / "node_modules" / ".bin" / "esbuild"
EDITS = 60


def make_map(n: int) -> jw.JourneyMap:
    rng = np.random.default_rng(0)
    stages = [f"Stage {i}" for i in range(8)]
    lanes = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"]
    lane = rng.choice(lanes, n)
    cards = pd.DataFrame(
        {
            "stage": rng.choice(stages, n),
            "lane": lane,
            "text": [f"Card {i} with a sentence of ordinary length" for i in range(n)],
            "score": np.where(lane == "Emotions", rng.integers(-2, 3, n), np.nan),
            "source": rng.choice(["interview", "tickets", "analytics"], n),
        }
    )
    return jw.JourneyMap(cards, stages=stages, lanes=lanes, title="Bench", overlays=False)


def ms(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def python_side(text: str) -> dict[str, Any]:
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        m = jw.JourneyMap.from_json(text, overlays=False)
        loads.append((time.perf_counter() - t0) * 1000)
    m.send = lambda *_a, **_k: None  # the transport: no browser here
    ids = m.data["id"].tolist()
    edits, saves = [], []
    for i in range(EDITS):
        op = {
            "kind": "edit",
            "id": ids[(i * 7919) % len(ids)],
            "field": "text",
            "value": f"Edited {i}",
            "old": None,
        }
        t0 = time.perf_counter()
        m._on_message(
            m, {"type": "op", "op_id": f"b-{i}", "base_revision": m.revision, "op": op}, []
        )
        t1 = time.perf_counter()
        m.to_json()
        t2 = time.perf_counter()
        edits.append((t1 - t0) * 1000)
        saves.append((t2 - t1) * 1000)
    return {"loads": loads, "edits": edits, "saves": saves}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        driver = Path(tmp) / "bench.mjs"
        subprocess.run(
            [
                str(ESBUILD),
                str(ROOT / "js/tests/parity/bench.ts"),
                "--bundle",
                "--platform=node",
                "--format=esm",
                "--log-level=warning",
                f"--outfile={driver}",
            ],
            check=True,
        )
        print(
            f"{'cards':>6} | {'read file: doc':>14} {'python':>8} | "
            f"{'edit p50/p95: doc (incl. new text)':>34} {'kernel (ack)':>13} "
            f"{'+ to_json':>10} | file"
        )
        for n in (500, 2000, 5000):
            text = make_map(n).to_json()
            run = subprocess.run(
                ["node", str(driver)],
                input=json.dumps({"doc": text, "edits": EDITS}),
                capture_output=True,
                text=True,
                check=True,
            )
            js = json.loads(run.stdout)
            py = python_side(text)
            print(
                f"{n:>6} | {statistics.median(js['loads']):>11.1f} ms "
                f"{statistics.median(py['loads']):>5.0f} ms | "
                f"{ms(js['edits'], 50):>12.2f} / {ms(js['edits'], 95):>5.2f} ms"
                f"{'':>10}{ms(py['edits'], 50):>8.2f} ms {ms(py['saves'], 50):>7.1f} ms | "
                f"{len(text) / 1e6:.2f} MB"
            )
    ext = ROOT / "src/journey_widget/labextension/static"
    files = sorted(ext.glob("*.js"))
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes())) for f in files)
    widget = ROOT / "src/journey_widget/static/widget.js"
    print(
        f"labextension: {len(files)} JS files, {raw / 1024:.1f} KiB ({packed / 1024:.1f} KiB "
        f"gzipped); widget.js {widget.stat().st_size / 1024:.1f} KiB "
        f"({len(gzip.compress(widget.read_bytes())) / 1024:.1f} KiB gzipped)"
    )
    for f in files:
        print(f"  {f.name}: {f.stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    sys.exit(main())
