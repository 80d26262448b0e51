"""How soon an edit's ``ack`` leaves a real kernel, over the wire, at 1,000 cards.

A jupyter_client talks to a fresh ipykernel the way JupyterLab does: it sends the widget's
comm message (an ``edit`` op) on the shell channel and times until the ``ack`` arrives on
IOPub. Three ways, alternating in one run:

- ``ack, let it out, publish``: what JourneyMap does (widget.py ``_let_out``);
- ``ack, publish at once``: the same map with that step turned off (``_yield_after_ack``);
- ``bare echo``: a widget that answers with one message and does nothing else (the floor).

No browser and no Jupyter server are involved: this isolates the kernel's part of the round
trip that bench/bench_roundtrip.py measures end to end.

    .venv/bin/python bench/bench_kernel_ack.py
"""

from __future__ import annotations

import ast
import queue
import statistics
import time
from typing import Any

import numpy as np
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import start_new_kernel

from sample_map import cards_code  # bench/sample_map.py: bench/ is on sys.path as a script

N_CARDS = 1000
ROUNDS = 100
WARMUP = 10

SETUP = (
    cards_code(N_CARDS)
    + """
import anywidget, journey_widget as jw
m = jw.JourneyMap(cards, stages=stages, lanes=lanes, overlays=False)

class Echo(anywidget.AnyWidget):
    _esm = "export default {}"
    def __init__(self):
        super().__init__()
        self.on_msg(lambda _w, c, _b: self.send({"type": "ack", "op_id": c["op_id"]}))
echo = Echo()
"""
)


def value(kc: BlockingKernelClient, code: str) -> Any:
    """Evaluate ``code`` in the kernel and return its repr parsed back."""
    out: dict[str, Any] = {}

    def hook(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "execute_result":
            out["v"] = msg["content"]["data"]["text/plain"]
        elif msg["msg_type"] == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))

    kc.execute_interactive(code, output_hook=hook, timeout=60)
    return ast.literal_eval(out["v"]) if "v" in out else None


def time_ack(kc: BlockingKernelClient, comm_id: str, content: dict[str, Any]) -> float:
    """Send one custom comm message; milliseconds until the reply naming its op_id arrives."""
    while True:  # drop what earlier rounds left on IOPub
        try:
            kc.get_iopub_msg(timeout=0.005)
        except queue.Empty:
            break
    msg = kc.session.msg(
        "comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": content}}
    )
    start = time.perf_counter()
    kc.shell_channel.send(msg)
    while True:
        reply = kc.get_iopub_msg(timeout=10)
        data = reply["content"].get("data", {}) if reply["msg_type"] == "comm_msg" else {}
        got = data.get("content") if isinstance(data, dict) else None
        if isinstance(got, dict) and got.get("op_id") == content["op_id"]:
            return (time.perf_counter() - start) * 1000


def main() -> None:
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        value(kc, SETUP)
        map_comm, echo_comm = value(kc, "(m.comm.comm_id, echo.comm.comm_id)")
        ids = value(kc, "list(m.data['id'][:50])")
        samples: dict[str, list[float]] = {"let out": [], "at once": [], "echo": []}
        for i in range(ROUNDS + WARMUP):
            for way in samples:
                if way == "echo":
                    ms = time_ack(kc, echo_comm, {"type": "op", "op_id": f"e-{i}"})
                else:
                    value(kc, f"m._yield_after_ack = {way == 'let out'}; m.revision")
                    revision = value(kc, "m.revision")
                    ms = time_ack(
                        kc,
                        map_comm,
                        {
                            "type": "op",
                            "op_id": f"{way}-{i}",
                            "base_revision": revision,
                            "op": {
                                "kind": "edit",
                                "id": ids[i % len(ids)],
                                "field": "text",
                                "value": f"Edited {way} {i}",
                            },
                        },
                    )
                if i >= WARMUP:
                    samples[way].append(ms)
                time.sleep(0.02)
        edited = value(kc, "int(m.data['text'].str.startswith('Edited').sum())")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert edited == min(len(ids), ROUNDS + WARMUP), edited
    print(
        f"{N_CARDS} cards, {ROUNDS} edits each after {WARMUP} warm-up, alternating; "
        "shell send -> ack on IOPub"
    )
    print(f"{'':>28} {'p50':>8} {'p95':>8}")
    names = {
        "let out": "ack, let it out, publish",
        "at once": "ack, publish at once",
        "echo": "bare echo widget",
    }
    for way, values in samples.items():
        p95 = float(np.percentile(values, 95))
        print(f"{names[way]:>28} {statistics.median(values):>6.2f}ms {p95:>6.2f}ms")


if __name__ == "__main__":
    main()
