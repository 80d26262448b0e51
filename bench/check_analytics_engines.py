"""Every engine gives the same analysis of the 1M bench log: a full comparison, not a benchmark.

pandas (embedded NumPy engine) against Polars and DuckDB, each on its fast path and on the
narwhals path (``run_native(..., fast=False)``), for loose and strict funnels with and without a
window, with scores and a tie-break: every DataFrame of the analysis must be equal (stage metrics
to 1e-12 relative). Prints one line per case and exits non-zero on a difference.

    .venv/bin/python bench/check_analytics_engines.py [--size 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from analytics_log import make_log

KEYS = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
FRAMES = ("funnel", "transitions", "variants", "activities", "stage_metrics")


def _analysis(log: Any, options: dict[str, Any], fast: bool) -> Any:
    from journey_widget.analytics.engine_stats import run_native
    from journey_widget.analytics.frames import as_narwhals
    from journey_widget.analytics.params import make_params
    from journey_widget.analytics.progress import Progress
    from journey_widget.analytics.result import build

    params = make_params(**KEYS, **options)
    raw = run_native(as_narwhals(log), params, Progress(6, False), fast=fast)
    return build(raw, params, "native")


def _differences(x: Any, y: Any) -> list[str]:
    import pandas as pd

    found = []
    for name in FRAMES:
        try:
            pd.testing.assert_frame_equal(
                getattr(x, name), getattr(y, name), check_dtype=False, rtol=1e-12
            )
        except AssertionError as err:
            found.append(f"{name}: {str(err).splitlines()[0]}")
    if (x.n_events, x.n_cases, x.n_variants) != (y.n_events, y.n_cases, y.n_variants):
        found.append("sizes differ")
    return found


def main() -> int:
    import duckdb
    import pandas as pd
    import polars as pl

    import journey_widget as jw
    from journey_widget.analytics.sample import SAMPLE_STAGES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    path = str(make_log(parser.parse_args().size))
    frame = pd.read_parquet(path)
    frame["seq"] = (pd.util.hash_pandas_object(frame["event"], index=False) % 3).astype(float)
    base = {"stage_of": SAMPLE_STAGES, "scores": {"csat": ["mean", "median", "count"]}}
    cases = {
        "loose": {},
        "strict": {"order": "strict"},
        "loose, window 3D": {"window": "3D"},
        "strict, window 1D": {"order": "strict", "window": "1D"},
        "loose, tie-break": {"tie_break": "seq", "top_variants": None},
    }
    failed = 0
    for label, extra in cases.items():
        options = {**base, **extra}
        start = time.perf_counter()
        expected = jw.analytics.analyze(frame, **KEYS, **options)  # type: ignore[arg-type]
        contenders = {
            "polars fast": (pl.from_pandas(frame).lazy(), True),
            "polars narwhals": (pl.from_pandas(frame).lazy(), False),
            "duckdb fast": (duckdb.connect().from_df(frame), True),
            "duckdb narwhals": (duckdb.connect().from_df(frame), False),
        }
        for name, (log, fast) in contenders.items():
            problems = _differences(expected, _analysis(log, options, fast))
            failed += bool(problems)
            print(f"{label:>18} | {name:<16} | {problems or 'equal'}", flush=True)
        print(f"{label:>18} | ({time.perf_counter() - start:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
