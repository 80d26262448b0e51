"""Time of ``import journey_widget`` against ``import anywidget, pandas`` (its floor).

Each import runs in a fresh interpreter (nothing cached in ``sys.modules``), timed inside the
process around the import statement only, alternating the two so machine noise hits both
alike. Budget (DESIGN.md 5): journey_widget <= 1.3x the floor.

    .venv/bin/python bench/bench_import.py [--runs 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CASES = {
    "anywidget + pandas (floor)": "import anywidget, pandas",
    "journey_widget": "import journey_widget",
    "journey_widget + first report": "import journey_widget as jw; jw.report",
}


def once(statement: str) -> float:
    code = (
        "import time; t = time.perf_counter()\n"
        f"{statement}\n"
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for statement in CASES.values():  # warm the file system cache
        once(statement)
    for _ in range(runs):
        for name, statement in CASES.items():
            times[name].append(once(statement))
    floor = statistics.median(times["anywidget + pandas (floor)"])
    print(f"| import ({runs} fresh processes each) | median | p90 | ratio to floor |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        median = statistics.median(values)
        print(f"| {name} | {median:.0f} ms | {p90:.0f} ms | {median / floor:.2f} |")


if __name__ == "__main__":
    main()
