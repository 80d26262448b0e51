"""Event log -> journey statistics: ``jw.analytics.analyze`` side by side with pm4py, same data.

For each size (default 1M and 10M events, ~9 per case, from ``sample_events``) the log is
written once to Parquet, then every contender runs in its own fresh process, which reports its
wall time and its peak resident memory during the computation (VmHWM, reset after loading the
log; the log itself is part of the peak):

- ``analyze`` on the pandas log (embedded NumPy engine): funnel, transitions (DFG with median
  and p90 durations), variants, stage metrics;
- optionally ``analyze`` on Polars and DuckDB (the narwhals engine), ``--engines``;
- pm4py (AGPL, so never a dependency of ours: it is installed into its own virtualenv under
  bench/out/, or skipped with a message): ``discover_dfg``, ``discover_performance_dfg`` and
  ``get_variants`` from the same pandas log.

The outputs are compared: every DFG count, every median duration (to 1 us), the number of
variants and the count of each of our top 1,000 variants. Budgets (DESIGN.md): 1M <= 1 s,
10M <= 8 s, peak <= 3 GB, >= 5x faster than pm4py.

    .venv/bin/python bench/bench_analytics.py                  # 1M and 10M, pandas vs pm4py
    .venv/bin/python bench/bench_analytics.py --sizes 1000000 --engines pandas,polars,duckdb
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
PM4PY_VENV = OUT / "pm4py-venv"
KEYS = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
EVENTS_PER_CASE = 9.15  # sample_events' average


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


def child_ours(path: str, engine: str, out: str) -> dict[str, Any]:
    from journey_widget.analytics.sample import SAMPLE_STAGES

    options = {"stage_of": SAMPLE_STAGES, "scores": ["csat"], "top_variants": 1000}
    if engine == "pandas":
        a, loaded, seconds, phases = _run_pandas(path, options)
    else:
        a, loaded, seconds = _run_narwhals(path, engine, options)
        phases = {}
    Path(out).write_bytes(pickle.dumps(_comparable(a)))
    return {"seconds": seconds, "peak_mb": peak_mb(), "log_mb": loaded, "phases": phases}


def _run_pandas(path: str, options: dict[str, Any]) -> tuple[Any, float, float, dict[str, float]]:
    """The embedded NumPy engine on a pandas log, timed phase by phase."""
    import pandas as pd

    from journey_widget.analytics.analyze import run_numpy
    from journey_widget.analytics.frames import to_pandas
    from journey_widget.analytics.params import make_params
    from journey_widget.analytics.progress import Progress
    from journey_widget.analytics.result import build

    class Timed(Progress):
        def __init__(self) -> None:
            super().__init__(6, False)
            self.times: list[tuple[str, float]] = []

        def step(self, label: str) -> None:
            self.times.append((label, time.perf_counter()))
            super().step(label)

    log = pd.read_parquet(path)
    loaded = resident_mb()
    reset_peak()
    start = time.perf_counter()
    params = make_params(**KEYS, **options)
    timed = Timed()
    raw = run_numpy(to_pandas(log, params), params, timed)
    a = build(raw, params, "numpy")
    seconds = time.perf_counter() - start
    marks = [*timed.times, ("end", time.perf_counter())]
    phases = {label: round(b - t, 3) for (label, t), (_, b) in itertools.pairwise(marks)}
    return a, loaded, seconds, phases


def _run_narwhals(path: str, engine: str, options: dict[str, Any]) -> tuple[Any, float, float]:
    """``analyze`` on a Polars or DuckDB log (the narwhals engine)."""
    import journey_widget as jw

    if engine == "polars":
        import polars as pl

        log = pl.scan_parquet(path)
    else:
        import duckdb

        log = duckdb.connect().read_parquet(path)
    loaded = resident_mb()
    reset_peak()
    start = time.perf_counter()
    a = jw.analytics.analyze(log, **KEYS, **options)  # type: ignore[arg-type]
    return a, loaded, time.perf_counter() - start


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
    loaded = resident_mb()
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
    }


# ---- the parent ----------------------------------------------------------------------------
def make_log(size: int) -> Path:
    path = OUT / f"events_{size}.parquet"
    if not path.exists():
        from journey_widget.analytics.sample import sample_events

        OUT.mkdir(exist_ok=True)
        print(f"generating a log of ~{size:,} events ...", flush=True)
        sample_events(round(size / EVENTS_PER_CASE), seed=7).to_parquet(path)
    return path


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", default="pandas", help="pandas,polars,duckdb")
    parser.add_argument("--no-pm4py", action="store_true", help="skip the pm4py peer")
    args = parser.parse_args()
    peer = None if args.no_pm4py else pm4py_python(install=True)
    if peer is None and not args.no_pm4py:
        print("pm4py is not available: only our own figures are shown")
    rows = []
    for size in args.sizes:
        log = make_log(size)
        outputs: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        for engine in args.engines.split(","):
            out = OUT / f"ours_{engine}_{size}.pkl"
            res = run_child(sys.executable, "--child-ours", str(log), engine, str(out))
            outputs[engine] = (res, pickle.loads(out.read_bytes()))
            events = f"{outputs[engine][1]['n_events']:,}"
            print(
                f"{size:>11,} analyze/{engine}: {res['seconds']:.2f} s, peak "
                f"{res['peak_mb']:,.0f} MB (log {res['log_mb']:,.0f} MB)  {res['phases']}",
                flush=True,
            )
        if peer is not None:
            pm_out = OUT / f"pm4py_{size}.pkl"
            res = run_child(peer, "--child-pm4py", str(log), str(pm_out))
            pm_result = pickle.loads(pm_out.read_bytes())
            rows.append((events, "pm4py", res))
            print(
                f"{size:>11,} pm4py: {res['seconds']:.2f} s, peak {res['peak_mb']:,.0f} MB  "
                f"{res['phases']}",
                flush=True,
            )
        for engine, (res, result) in outputs.items():
            if peer is not None:
                problems = compare(result, pm_result)
                res["agree"] = "yes" if not problems else "; ".join(problems)
            rows.insert(len(rows) - (peer is not None), (events, f"analyze ({engine})", res))
    print(
        "\n| events | contender | time (s) | peak memory (MB) | of which the log (MB) "
        "| pm4py time / ours | outputs agree |"
    )
    print("|---:|---|---:|---:|---:|---:|---|")
    for events, who, res in rows:
        pm = next((r for e, w, r in rows if e == events and w == "pm4py"), None)
        speed = "" if pm is None or who == "pm4py" else f"{pm['seconds'] / res['seconds']:.1f}x"
        agree = res.get("agree", "")
        print(
            f"| {events} | {who} | {res['seconds']:.2f} | {res['peak_mb']:,.0f} | "
            f"{res['log_mb']:,.0f} | {speed} | {agree} |"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-ours":
        print(json.dumps(child_ours(*sys.argv[2:5])))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-pm4py":
        print(json.dumps(child_pm4py(*sys.argv[2:4])))
    else:
        main()
