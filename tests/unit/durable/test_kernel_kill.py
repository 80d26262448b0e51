"""Kill -9 a real kernel the moment a browser edit is acknowledged: the edit is in the file.

A jupyter_client drives a fresh ipykernel as JupyterLab does: the widget's comm message (an
``edit`` op, exactly what the browser sends) goes out on the shell channel; as soon as the
``ack`` arrives on IOPub the kernel process gets SIGKILL, and ``jw.load`` reads the file.
"""

from __future__ import annotations

import ast
import os
import queue
import signal
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import start_new_kernel

import journey_widget as jw

pytestmark = pytest.mark.slow

SETUP = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({{"id": [f"c{{i}}" for i in range(300)], "stage": ["Browse"] * 300,
                      "lane": ["Actions"] * 300, "text": [f"Card {{i}}" for i in range(300)]}})
m = jw.open({path!r}, default=cards, overlays=False)
(m.model_id, m.revision, __import__("os").getpid())
"""


def evaluate(kc: BlockingKernelClient, code: str) -> Any:
    out: dict[str, Any] = {}

    def hook(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "execute_result":
            out["value"] = msg["content"]["data"]["text/plain"]
        elif msg["msg_type"] == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))

    kc.execute_interactive(code, output_hook=hook, timeout=60)
    return ast.literal_eval(out["value"])


def send_and_wait_for_ack(kc: BlockingKernelClient, comm_id: str, content: dict[str, Any]) -> None:
    msg = kc.session.msg(
        "comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": content}}
    )
    kc.shell_channel.send(msg)
    while True:
        try:
            reply = kc.get_iopub_msg(timeout=20)
        except queue.Empty:
            raise AssertionError("no ack from the kernel") from None
        data = reply["content"].get("data", {}) if reply["msg_type"] == "comm_msg" else {}
        got = data.get("content") if isinstance(data, dict) else None
        if isinstance(got, dict) and got.get("op_id") == content["op_id"]:
            assert got["type"] == "ack", got
            return


@pytest.mark.parametrize("round_", range(3))
def test_an_acknowledged_browser_edit_survives_kill_9(tmp_path: Path, round_: int) -> None:
    path = tmp_path / "kill.journey.json"
    manager, kc = start_new_kernel(kernel_name="python3")
    try:
        model_id, revision, pid = evaluate(kc, SETUP.format(path=str(path)))
        text = f"Edited just before the kill ({round_})"
        op = {"kind": "edit", "id": "c7", "field": "text", "value": text, "old": "Card 7"}
        send_and_wait_for_ack(
            kc, model_id, {"type": "op", "op_id": "k1", "base_revision": revision, "op": op}
        )
        os.kill(pid, signal.SIGKILL)  # no flush, no atexit: the process is simply gone
    finally:
        kc.stop_channels()
        manager.shutdown_kernel(now=True)
    assert jw.load(path).data.set_index("id").at["c7", "text"] == text
