"""The two sides of the JupyterLab document parity tests, and the messages they exchange.

``run_python`` applies operation messages to a real ``JourneyMap``; ``run_js`` to the front
end's ``DocumentMapModel`` (js/src/model/document.ts, bundled with esbuild by
``bundle_driver`` and run by node); ``compare`` holds both to the same replies and file text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from journey_helpers import checkout_cards

import journey_widget as jw
from journey_widget.widget import protocol

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "js" / "node_modules" / ".bin" / "esbuild"

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not ESBUILD.exists(),
    reason="needs node and js/node_modules (npm ci in js/)",
)


def bundle_driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The front end's parity driver (js/tests/parity/cli.ts) bundled into one node script."""
    out = tmp_path_factory.mktemp("parity") / "cli.mjs"
    subprocess.run(
        [
            str(ESBUILD),
            str(ROOT / "js/tests/parity/cli.ts"),
            "--bundle",
            "--platform=node",
            "--format=esm",
            "--log-level=warning",
            f"--outfile={out}",
        ],
        check=True,
        timeout=120,
    )
    return out


def rich_map() -> jw.JourneyMap:
    """Steps, emotion and metric lanes, optional and analyst columns of many dtypes, metrics."""
    cards = checkout_cards()
    cards["owner"] = ["Ana" if i % 3 == 0 else None for i in range(len(cards))]
    cards["severity"] = pd.array([None] * 10 + [4] + [None] * 5 + [5] + [None] * 4, dtype="Int64")
    cards["weight"] = [0.5 * i for i in range(len(cards))]
    cards["flag"] = [i % 2 == 0 for i in range(len(cards))]
    cards["team"] = pd.Categorical(
        ["web" if i % 2 else "ops" for i in range(len(cards))], categories=["web", "ops", "data"]
    )
    cards["note"] = ['é "quoted" \\ tab\t' if i == 0 else None for i in range(len(cards))]
    metrics = pd.DataFrame(
        {
            "stage": ["Cart", "Checkout"],
            "metric": ["CSAT", "Drop-off"],
            "value": [81.0, 0.25],
            "target": [85.0, None],
            "unit": ["%", None],
            "n": [120, 3400],
        }
    )
    return jw.JourneyMap(
        cards,
        stages=[
            {"name": "Browse", "steps": ["Search", "Compare"]},
            "Cart",
            {"name": "Checkout", "steps": ["Address", "Payment"]},
            "Delivery",
        ],
        lanes=[
            "Actions",
            "Touchpoints",
            "Emotions",
            "Pain points",
            "Opportunities",
            {"name": "Conversion", "kind": "metric"},
        ],
        title="Online checkout",
        metrics=metrics,
        persona={"name": "First-time buyer", "goals": ["Get shoes"], "quote": "Is it my size?"},
    )


def run_python(
    text: str, messages: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, Any]]:
    counter = iter(range(1, 1000))
    monkeypatch.setattr(protocol, "new_id", lambda: f"c-new{next(counter):03d}")
    m = jw.JourneyMap.from_json(text)
    sent: list[Any] = []
    m.send = sent.append  # the transport, not the part under test
    out = []
    for i, msg in enumerate(messages):
        base = m.revision - (1 if msg.get("stale") else 0)
        m._on_message(
            m, {"type": "op", "op_id": f"p-{i}", "base_revision": base, "op": msg["op"]}, []
        )
        out.append({"reply": sent.pop(), "text": m.to_json()})
    return out


def run_js(driver: Path, text: str, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    result = subprocess.run(
        ["node", str(driver)],
        input=json.dumps({"doc": text, "messages": messages}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def compare(
    driver: Path,
    messages: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    text: str | None = None,
) -> list[dict[str, Any]]:
    text = text or rich_map().to_json()
    py, js = run_python(text, messages, monkeypatch), run_js(driver, text, messages)
    assert len(py) == len(js) == len(messages)
    for i, (p, j) in enumerate(zip(py, js, strict=True)):
        pr, jr = p["reply"], j["reply"]
        shown = f"message {i}: {messages[i]}"
        assert jr["type"] == pr["type"], f"{shown}\npython: {pr}\njs: {jr}"
        assert jr.get("reason") == pr.get("reason"), shown
        assert jr.get("id") == pr.get("id") and jr.get("changed") == pr.get("changed"), shown
        assert j["text"] == p["text"], shown
    return py


def edit(card: str, field: str, value: Any, old: Any = None) -> dict[str, Any]:
    return {"op": {"kind": "edit", "id": card, "field": field, "value": value, "old": old}}


def add(stage: str, step: str | None, lane: str, text: str, index: Any) -> dict[str, Any]:
    return {
        "op": {
            "kind": "add",
            "stage": stage,
            "step": step,
            "lane": lane,
            "text": text,
            "index": index,
        }
    }


def move(card: str, stage: str, step: str | None, lane: str, index: Any) -> dict[str, Any]:
    return {
        "op": {
            "kind": "move",
            "id": card,
            "stage": stage,
            "step": step,
            "lane": lane,
            "index": index,
        }
    }
