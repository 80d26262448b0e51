"""Time and size of the map as SVG, PNG (scale 1 and 2) and PPTX: a 200-card map.

8 stages x 6 lanes built by bench/sample_map.py, with confidence, evidence, severity and
channel on the cards so every badge is drawn. Median of 3 runs after a warm-up; prints a
Markdown table for bench/RESULTS.md.

    .venv/bin/python bench/bench_exports.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import journey_widget as jw
from sample_map import cards_code
from timing import median_ms


def sample(n: int = 200) -> jw.JourneyMap:
    scope: dict[str, object] = {}
    exec(cards_code(n), scope)  # the same seeded map the other benchmarks build
    cards = scope["cards"]
    cards["confidence"] = ["observed", "reported", "inferred", "hypothesized", None] * (n // 5)
    cards["evidence"] = ["Interview 4; Ticket 1832", None, None, "Survey", None] * (n // 5)
    cards["severity"] = [3, None, 5, None, 1] * (n // 5)
    cards["channel"] = ["Web", "App", None, "Email", "Store"] * (n // 5)
    return jw.JourneyMap(
        cards,
        stages=scope["stages"],
        lanes=scope["lanes"],
        title="Benchmark map",
        persona={"name": "First-time buyer"},
    )


def main() -> None:
    m = sample()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, kwargs in [
            ("svg", {}),
            ("png", {"scale": 1}),
            ("png", {"scale": 2}),
            ("pptx", {}),
        ]:
            path = Path(folder) / f"map.{name}"
            ms = median_ms(lambda path=path, kwargs=kwargs: m.save(path, **kwargs), repeats=3)
            label = f".{name}" + (f" scale {kwargs['scale']}" if kwargs else "")
            rows.append((label, ms, path.stat().st_size))
    print(f"{len(m.data)} cards, {len(m.stages)} stages x {len(m.lanes)} lanes\n")
    print("| format | time (median of 3) | size |")
    print("|---|---:|---:|")
    for label, ms, size in rows:
        print(f"| {label} | {ms:,.0f} ms | {size / 1024:,.0f} KiB |")


if __name__ == "__main__":
    main()
