"""Autosave (``jw.open``): edit -> bytes on disk, and what the binding adds to an edit.

A jupyter_client drives a fresh ipykernel the way JupyterLab does (bench_kernel_ack.py's
helpers): it sends a browser ``edit`` op on the shell channel and

- times until the ``ack`` arrives on IOPub, for a map bound to a file and for the same map
  unbound, alternating in one run (the budget: the binding slows the ack by <= 10%);
- times until the edited text is in the file on disk (polled every 0.2 ms from this process),
  for an isolated edit (after a pause: written at once) and for the last edit of a burst of
  ten 10 ms apart (coalesced: written ``debounce`` after the burst).

It also times ``m.edit_card`` in this process with the binding on and off (the cost an edit
from Python pays, the synchronous write included).

    .venv/bin/python bench/bench_autosave.py [--sizes 100,1000,5000] [--rounds 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from jupyter_client.manager import start_new_kernel

from bench_kernel_ack import time_ack, value  # bench/ is on sys.path as a script
from sample_map import cards_code

SETUP = """
import journey_widget as jw
path = {path!r}
m_on = jw.open(path, default=cards, stages=stages, lanes=lanes, overlays=False)
m_off = jw.JourneyMap(cards, stages=stages, lanes=lanes, overlays=False)
"""


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def wait_on_disk(path: Path, needle: bytes, start: float, timeout: float = 10.0) -> float:
    """Milliseconds from ``start`` until ``needle`` is in the file."""
    end = start + timeout
    while time.perf_counter() < end:
        try:
            if needle in path.read_bytes():
                return (time.perf_counter() - start) * 1000
        except OSError:
            pass
        time.sleep(0.0002)
    raise TimeoutError(f"{needle!r} never reached {path}")


def edit_op(revision: int, card: str, text: str, op_id: str) -> dict[str, object]:
    return {
        "type": "op",
        "op_id": op_id,
        "base_revision": revision,
        "op": {"kind": "edit", "id": card, "field": "text", "value": text},
    }


def kernel_run(n: int, rounds: int, folder: Path) -> dict[str, list[float]]:
    path = folder / f"bench-{n}.journey.json"
    km, kc = start_new_kernel(kernel_name="python3")
    out: dict[str, list[float]] = {
        "ack on": [],
        "ack off": [],
        "disk isolated": [],
        "disk burst": [],
    }
    try:
        value(kc, cards_code(n) + SETUP.format(path=str(path)))
        on_comm, off_comm = value(kc, "(m_on.comm.comm_id, m_off.comm.comm_id)")
        ids = value(kc, "list(m_on.data['id'][:50])")
        for i in range(rounds + 3):
            for way, comm in (("on", on_comm), ("off", off_comm)):
                revision = value(kc, f"m_{way}.revision")
                time.sleep(0.15)  # a pause: the next edit is an isolated one
                text = f"Edited {way} {i}"
                start = time.perf_counter()
                ms = time_ack(kc, comm, edit_op(revision, ids[i % len(ids)], text, f"{way}{i}"))
                if i >= 3:
                    out[f"ack {way}"].append(ms)
                if way == "on" and i >= 3:
                    out["disk isolated"].append(wait_on_disk(path, text.encode(), start))
            revision = value(kc, "m_on.revision")
            time.sleep(0.15)
            for k in range(10):  # a burst: ten edits 10 ms apart, acks awaited
                text = f"Burst {i} {k}"
                start = time.perf_counter()
                time_ack(
                    kc, on_comm, edit_op(revision + k, ids[(i + 7) % len(ids)], text, f"b{i}-{k}")
                )
                time.sleep(0.01)
            if i >= 3:
                out["disk burst"].append(wait_on_disk(path, text.encode(), start))
        value(kc, "m_on.close_file().state")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return out


def python_cost(n: int, rounds: int, folder: Path) -> tuple[float, float]:
    """Median ms of ``m.edit_card`` with the binding off and on (isolated edits)."""
    import journey_widget as jw

    ns: dict[str, object] = {}
    exec(cards_code(n), ns)
    kwargs = {"stages": ns["stages"], "lanes": ns["lanes"], "overlays": False}
    off = jw.JourneyMap(ns["cards"], **kwargs)  # type: ignore[arg-type]
    on = jw.open(folder / f"py-{n}.journey.json", default=ns["cards"], **kwargs)
    times: dict[str, list[float]] = {"off": [], "on": []}
    for i in range(rounds):
        for way, m in (("off", off), ("on", on)):
            card = str(m.data["id"][i % 50])
            time.sleep(0.06)  # past the debounce: the write happens inside the call
            start = time.perf_counter()
            m.edit_card(card, "text", f"python {i}")
            times[way].append((time.perf_counter() - start) * 1000)
    on.close_file()
    return statistics.median(times["off"]), statistics.median(times["on"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(
            f"{args.rounds} rounds per size; kernel: shell send -> ack on IOPub / -> bytes "
            "in the file"
        )
        print(
            f"{'cards':>6} | {'ack off p50/p95':>16} | {'ack on p50/p95':>16} | "
            f"{'disk isolated p50/p95':>22} | {'disk after burst p50/p95':>25} | "
            f"{'py edit off/on':>15}"
        )
        for n in sizes:
            r = kernel_run(n, args.rounds, folder)
            off, on = python_cost(n, args.rounds, folder)
            cell = {k: f"{statistics.median(v):.1f} / {p(v, 95):.1f}" for k, v in r.items()}
            print(
                f"{n:>6} | {cell['ack off']:>16} | {cell['ack on']:>16} | "
                f"{cell['disk isolated']:>22} | {cell['disk burst']:>25} | "
                f"{off:>6.1f} / {on:>5.1f}",
                flush=True,
            )
    print(
        "ms; disk times run from sending the edit; 'after burst' from sending the last of "
        "ten edits 10 ms apart",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
