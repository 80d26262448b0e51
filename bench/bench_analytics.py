"""Event log -> journey statistics: ``jw.analytics.analyze`` on every engine beside pm4py.

For each size (default 1M and 10M events, ~9 per case, from ``sample_events``; see
``analytics_log.py``) the log is written once to Parquet, then every contender runs in its own
fresh process, which reports its wall time, its peak resident memory during the computation
(VmHWM, reset after loading the log; the log itself is part of the peak) and the load average:

- ``analyze`` on the pandas log (embedded NumPy engine), on a Polars LazyFrame
  (``pl.scan_parquet``) and on a DuckDB relation (``read_parquet``), ``--engines``;
  ``polars-memory`` / ``duckdb-memory`` read the log into memory before the clock starts, as
  pandas does; ``polars-narwhals`` / ``duckdb-narwhals`` force the generic narwhals path;
  ``duckdb-ooc`` is DuckDB with ``memory_limit`` ``--duckdb-memory`` and a temp directory under
  bench/out/ (out of core);
- each with ``by=`` off and, with ``--by segment,outcome``, on;
- pm4py (AGPL, so never a dependency of ours: it is installed into its own virtualenv under
  bench/out/, or skipped with a message): ``discover_dfg``, ``discover_performance_dfg`` and
  ``get_variants`` from the same pandas log.

Outputs are compared: with pm4py (every DFG count, every median duration to 1 us, the number of
variants and the count of each of our top 1,000 variants), and between our engines (every
DataFrame of the analysis equal to the pandas run's). Budgets (DESIGN.md, issue 15): 1M <= 1 s,
10M <= 8 s, peak <= 3 GB, >= 5x faster than pm4py; Polars and DuckDB within 1.3x of pandas;
DuckDB 100M out of core under 4 GB.

    .venv/bin/python bench/bench_analytics.py --engines pandas,polars,duckdb --by segment,outcome
    .venv/bin/python bench/bench_analytics.py --sizes 100000000 --engines duckdb-ooc --no-pm4py
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from analytics_log import OUT, make_log

PM4PY_VENV = OUT / "pm4py-venv"
KEYS = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
ENGINES = (
    "pandas",
    "polars",
    "duckdb",
    "polars-memory",
    "duckdb-memory",
    "polars-narwhals",
    "duckdb-narwhals",
    "duckdb-ooc",
)


# ---- measuring inside a child process ------------------------------------------------------
def reset_peak() -> None:
    """Reset the process's peak RSS (Linux: write 5 to clear_refs) so VmHWM covers what follows."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def resident_mb() -> float:
    """Resident memory now (the log loaded, before the computation)."""
    return _status_mb("VmRSS") or 0.0


def peak_mb() -> float:
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(engine: str, path: str, memory: str) -> Any:
    """The log as the contender reads it (pandas: in memory; the others: lazily, from disk)."""
    if engine == "pandas":
        import pandas as pd

        return pd.read_parquet(path)
    if engine == "polars-memory":
        import polars as pl

        return pl.read_parquet(path)
    if engine.startswith("polars"):
        import polars as pl

        return pl.scan_parquet(path)
    import duckdb

    if engine == "duckdb-memory":  # a relation over an Arrow table already in memory
        import pyarrow.parquet as pq

        return duckdb.connect().from_arrow(pq.read_table(path))

    config = {}
    if engine == "duckdb-ooc":
        (OUT / "duckdb-tmp").mkdir(exist_ok=True)
        config = {"memory_limit": memory, "temp_directory": str(OUT / "duckdb-tmp")}
    return duckdb.connect(config=config).read_parquet(path)


def child_ours(path: str, engine: str, by: str, out: str, memory: str) -> dict[str, Any]:
    """One ``analyze`` run, timed phase by phase (without ``by``); its outputs pickled."""
    import journey_widget as jw
    from journey_widget.analytics.analyze import run_numpy

    try:
        from journey_widget.analytics.engine_stats import run_native
    except ImportError:  # an older checkout on PYTHONPATH (before/after runs)
        from journey_widget.analytics.analyze import run_native
    from journey_widget.analytics.frames import as_narwhals, to_pandas
    from journey_widget.analytics.params import make_params
    from journey_widget.analytics.progress import Progress
    from journey_widget.analytics.result import build
    from journey_widget.analytics.sample import SAMPLE_STAGES

    class Timed(Progress):
        def __init__(self) -> None:
            super().__init__(6, False)
            self.times: list[tuple[str, float]] = []

        def step(self, label: str) -> None:
            self.times.append((label, time.perf_counter()))
            super().step(label)

    options = {"stage_of": SAMPLE_STAGES, "scores": ["csat"], "top_variants": 1000}
    log = _load(engine, path, memory)
    loaded, load_avg = resident_mb(), os.getloadavg()[0]
    reset_peak()
    start = time.perf_counter()
    timed = Timed()
    if by != "none":
        a = jw.analytics.analyze(log, **KEYS, **options, by=by)  # type: ignore[call-arg]
    elif engine == "pandas":
        params = make_params(**KEYS, **options)
        a = build(run_numpy(to_pandas(log, params), params, timed), params, "numpy")
    else:
        params = make_params(**KEYS, **options)
        fast = {} if not engine.endswith("-narwhals") else {"fast": False}
        a = build(run_native(as_narwhals(log), params, timed, **fast), params, "native")
    seconds = time.perf_counter() - start
    marks = [*timed.times, ("end", time.perf_counter())]
    phases = {label: round(b - t, 3) for (label, t), (_, b) in itertools.pairwise(marks)}
    frames = {n: getattr(a, n) for n in ("funnel", "transitions", "variants", "stage_metrics")}
    Path(out).write_bytes(pickle.dumps({"pm4py": _comparable(a), "frames": frames}))
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "log_mb": loaded,
        "phases": phases,
        "load": round(load_avg, 1),
    }


def _comparable(a: Any) -> dict[str, Any]:
    """What is compared with pm4py: DFG counts and medians, variants, sizes."""
    t = a.transitions
    return {
        "dfg": {
            (s, d): int(c) for s, d, c in zip(t["source"], t["target"], t["count"], strict=True)
        },
        "median_s": {
            (s, d): m.total_seconds()
            for s, d, m in zip(t["source"], t["target"], t["median_duration"], strict=True)
        },
        "variants": dict(zip(a.variants["variant"], a.variants["count"].astype(int), strict=True)),
        "n_variants": a.n_variants,
        "n_cases": a.n_cases,
        "n_events": a.n_events,
    }


def child_pm4py(path: str, out: str) -> dict[str, Any]:
    import pandas as pd
    import pm4py

    log = pd.read_parquet(path)
    loaded, load_avg = resident_mb(), os.getloadavg()[0]
    reset_peak()
    steps: dict[str, float] = {}
    start = time.perf_counter()
    # pm4py's entry point for a pandas log: standard columns, sorted by case and time (its
    # variants rely on that order)
    log = pm4py.format_dataframe(
        log, case_id=KEYS["case"], activity_key=KEYS["activity"], timestamp_key=KEYS["timestamp"]
    )
    steps["format_dataframe"] = time.perf_counter() - start
    mark = time.perf_counter()
    dfg, _, _ = pm4py.discover_dfg(log)
    steps["dfg"] = time.perf_counter() - mark
    mark = time.perf_counter()
    perf, _, _ = pm4py.discover_performance_dfg(log)
    steps["performance dfg"] = time.perf_counter() - mark
    mark = time.perf_counter()
    variants = pm4py.get_variants(log)
    steps["variants"] = time.perf_counter() - mark
    seconds = time.perf_counter() - start
    result = {
        "dfg": {tuple(k): int(v) for k, v in dfg.items()},
        "median_s": {tuple(k): float(v["median"]) for k, v in perf.items()},
        "variants": {tuple(k): (v if isinstance(v, int) else len(v)) for k, v in variants.items()},
    }
    Path(out).write_bytes(pickle.dumps(result))
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "log_mb": loaded,
        "phases": {k: round(v, 3) for k, v in steps.items()},
        "load": round(load_avg, 1),
    }


# ---- the parent ----------------------------------------------------------------------------
def pm4py_python(install: bool) -> str | None:
    python = PM4PY_VENV / "bin" / "python"
    if not python.exists() and install:
        print("installing pm4py into bench/out/pm4py-venv (benchmark only, AGPL) ...", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PM4PY_VENV)], check=True)
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", "pm4py", "pyarrow"],
                check=True,
                timeout=900,
            )
        except (subprocess.SubprocessError, OSError) as err:
            print(f"pm4py could not be installed ({err}); its columns are skipped")
            return None
    return str(python) if python.exists() else None


def run_child(python: str, *args: str) -> dict[str, Any]:
    proc = subprocess.run([python, __file__, *args], capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def compare(ours: dict[str, Any], peer: dict[str, Any]) -> list[str]:
    """Differences between our outputs and pm4py's (empty when they agree)."""
    problems = []
    if ours["dfg"] != peer["dfg"]:
        problems.append(
            f"DFG differs on {len(set(ours['dfg'].items()) ^ set(peer['dfg'].items()))} pairs"
        )
    off = [k for k, v in ours["median_s"].items() if abs(v - peer["median_s"].get(k, -1)) > 1e-6]
    if off:
        problems.append(f"median durations differ on {len(off)} pairs, e.g. {off[0]}")
    if ours["n_variants"] != len(peer["variants"]):
        problems.append(f"{ours['n_variants']} variants, pm4py {len(peer['variants'])}")
    wrong = [v for v, c in ours["variants"].items() if peer["variants"].get(v) != c]
    if wrong:
        problems.append(f"{len(wrong)} of our top variants have other counts in pm4py")
    if sum(peer["variants"].values()) != ours["n_cases"]:
        problems.append("pm4py's variants cover another number of cases")
    return problems


def same_frames(ours: dict[str, Any], other: dict[str, Any]) -> str:
    """``"yes"`` when every DataFrame of two runs is equal, else what differs."""
    import pandas as pd

    for name, frame in ours.items():
        try:
            pd.testing.assert_frame_equal(frame, other[name], check_dtype=False, rtol=1e-12)
        except AssertionError as err:
            return f"{name} differs: {str(err).splitlines()[0]}"
    return "yes"


def run_size(size: int, args: argparse.Namespace, peer: str | None) -> list[tuple[Any, ...]]:
    """Every contender on the log of ~``size`` events; table rows."""
    log = make_log(size)
    rows: list[tuple[Any, ...]] = []
    pm: dict[str, Any] | None = None
    pm_result: dict[str, Any] = {}
    if peer is not None:
        pm = run_child(peer, "--child-pm4py", str(log), str(OUT / f"pm4py_{size}.pkl"))
        pm_result = pickle.loads((OUT / f"pm4py_{size}.pkl").read_bytes())
        print(f"{size:>11,} pm4py: {pm['seconds']:.2f} s, load {pm.get('load')}", flush=True)
    for by in args.by.split(","):
        first: dict[str, Any] | None = None
        base: float | None = None
        for engine in args.engines.split(","):
            if by != "none" and engine.endswith("-narwhals"):
                continue  # by= always takes the engine's usual path
            out = OUT / f"ours_{engine}_{by}_{size}.pkl"
            res = run_child(
                sys.executable, "--child-ours", str(log), engine, by, str(out), args.duckdb_memory
            )
            result = pickle.loads(out.read_bytes())
            base = res["seconds"] if base is None else base
            agree = "" if first is None else same_frames(first, result["frames"])
            first = result["frames"] if first is None else first
            if pm is not None and by == "none":
                problems = compare(result["pm4py"], pm_result)
                pm_agree = "yes" if not problems else "; ".join(problems)
            else:
                pm_agree = ""
            n = f"{result['pm4py']['n_events']:,}"
            ratio = res["seconds"] / base
            print(
                f"{n} by={by} {engine}: {res['seconds']:.2f} s ({ratio:.2f}x), peak "
                f"{res['peak_mb']:,.0f} MB, load {res['load']}, agree {agree or '-'}  "
                f"{res['phases']}",
                flush=True,
            )
            speed = "" if pm is None or by != "none" else f"{pm['seconds'] / res['seconds']:.1f}x"
            rows.append((n, by, engine, res, f"{ratio:.2f}", speed, agree, pm_agree))
        if pm is not None and by == "none" and first is not None:
            rows.append((n, by, "pm4py", pm, "", "", "", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", default="pandas,polars,duckdb", help=",".join(ENGINES))
    parser.add_argument("--by", default="none", help="none (no by=), or e.g. none,segment,outcome")
    parser.add_argument("--duckdb-memory", default="2GB", help="memory_limit of duckdb-ooc")
    parser.add_argument("--no-pm4py", action="store_true", help="skip the pm4py peer")
    args = parser.parse_args()
    peer = None if args.no_pm4py else pm4py_python(install=True)
    if peer is None and not args.no_pm4py:
        print("pm4py is not available: only our own figures are shown")
    rows = [row for size in args.sizes for row in run_size(size, args, peer)]
    print(
        "\n| events | by | contender | time (s) | / pandas | pm4py time / ours | peak (MB) "
        "| log (MB) | load | equal to pandas | agree with pm4py |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---|---|")
    for n, by, who, res, ratio, speed, agree, pm_agree in rows:
        print(
            f"| {n} | {by} | {who} | {res['seconds']:.2f} | {ratio} | {speed} | "
            f"{res['peak_mb']:,.0f} | {res['log_mb']:,.0f} | {res.get('load', '')} | {agree} "
            f"| {pm_agree} |"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-ours":
        print(json.dumps(child_ours(*sys.argv[2:7])))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-pm4py":
        print(json.dumps(child_pm4py(*sys.argv[2:4])))
    else:
        main()
