"""The JupyterLab document binding applies operations exactly as Python does.

The same operation messages go to a real ``JourneyMap`` (``_on_message``, replies captured from
its transport) and to the front end's ``DocumentMapModel`` (js/src/model/document.ts, bundled
with esbuild and run by node). Both must answer the same (ack or the same rejection reason)
and leave the same file: ``JourneyMap.to_json()`` byte for byte equals the document's text.
The sequences are drawn by the Hypothesis strategies of the widget property test
(``protocol_strategies.py``); the hand-written cases below pin down known edge cases.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from journey_helpers import checkout_cards
from protocol_strategies import SETTINGS, browser_op

import journey_widget as jw
from journey_widget.widget import protocol

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "js" / "node_modules" / ".bin" / "esbuild"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not ESBUILD.exists(),
    reason="needs node and js/node_modules (npm ci in js/)",
)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
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


@SETTINGS
@given(data=st.data(), count=st.integers(1, 12))
def test_generated_message_sequences_apply_alike(driver: Path, data: st.DataObject, count: int):
    """Generated message sequences apply alike to the kernel's map and to the document.

    Messages are drawn against the kernel's map as it evolves (its ids, stages, steps), then
    replayed on the document: every reply and every file text must match.
    """
    counter = iter(range(1, 1000))
    text = rich_map().to_json()
    m = jw.JourneyMap.from_json(text)
    sent: list[Any] = []
    m.send = sent.append  # the transport, not the part under test
    messages, py = [], []
    saved_new_id = protocol.new_id
    protocol.new_id = lambda: f"c-new{next(counter):03d}"
    try:
        for i in range(count):
            msg = {
                "op": data.draw(browser_op(m), label="op"),
                "stale": data.draw(st.booleans(), label="stale"),
            }
            base = m.revision - (1 if msg["stale"] else 0)
            m._on_message(
                m, {"type": "op", "op_id": f"p-{i}", "base_revision": base, "op": msg["op"]}, []
            )
            messages.append(msg)
            py.append({"reply": sent.pop(), "text": m.to_json()})
    finally:
        protocol.new_id = saved_new_id
    js = run_js(driver, text, messages)
    for i, (p, j) in enumerate(zip(py, js, strict=True)):
        shown = f"message {i}: {messages[i]}"
        assert {k: j["reply"].get(k) for k in ("type", "reason", "id", "changed")} == {
            k: p["reply"].get(k) for k in ("type", "reason", "id", "changed")
        }, shown
        assert j["text"] == p["text"], shown


def edit(card: str, field: str, value: Any, old: Any = None) -> dict[str, Any]:
    return {"op": {"kind": "edit", "id": card, "field": field, "value": value, "old": old}}


def test_the_file_text_is_python_s_before_any_edit(driver: Path, monkeypatch):
    text = rich_map().to_json()
    assert run_js(driver, text, []) == []
    (out,) = run_js(driver, text, [{"op": {"kind": "undo"}}])
    assert out["reply"]["changed"] is False
    assert out["text"] == text


def test_card_edits_apply_alike(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            edit("c01", "text", "Searches for trail shoes"),
            edit("c03", "score", 2),
            edit("c03", "score", 0.5),
            edit("c03", "score", None),
            edit("c06", "owner", "Ben"),
            edit("c06", "severity", 3),
            edit("c11", "severity", None),
            edit("c06", "channel", "web"),  # creates the optional column
            edit("c07", "confidence", "observed"),  # creates another, at its canonical place
            edit("c02", "note", "multi\nline"),
            edit("c02", "weight", 7.25),
            {
                "op": {
                    "kind": "batch",
                    "ops": [
                        edit("c08", "text", "Picks a size")["op"],
                        edit("c08", "owner", "Cy")["op"],
                    ],
                }
            },
        ],
        monkeypatch,
    )
    assert all(p["reply"]["type"] == "ack" for p in py)


def test_adds_moves_and_deletes_apply_alike(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            {
                "op": {
                    "kind": "add",
                    "stage": "Cart",
                    "step": None,
                    "lane": "Actions",
                    "text": "Reads reviews",
                    "index": 1,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Browse",
                    "step": "Compare",
                    "lane": "Emotions",
                    "text": "Hopeful",
                    "index": None,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Delivery",
                    "step": None,
                    "lane": "Conversion",
                    "text": "",
                    "index": 0,
                }
            },
            {
                "op": {
                    "kind": "move",
                    "id": "c06",
                    "stage": "Checkout",
                    "step": "Payment",
                    "lane": "Actions",
                    "index": 0,
                }
            },
            {
                "op": {
                    "kind": "move",
                    "id": "c07",
                    "stage": "Cart",
                    "step": None,
                    "lane": "Actions",
                    "index": 5,
                }
            },
            {"op": {"kind": "delete", "id": "c09"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
            {"op": {"kind": "delete", "id": "c10"}},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )
    assert [p["reply"].get("id") for p in py[:3]] == ["c-new001", "c-new002", "c-new003"]


def test_structure_operations_apply_alike(driver: Path, monkeypatch):
    compare(
        driver,
        [
            {"op": {"kind": "add_stage", "name": "Return", "index": None}},
            {"op": {"kind": "add_stage", "name": "Search", "index": 0}},
            {"op": {"kind": "add_lane", "name": "Feelings", "lane_kind": None, "index": 2}},
            {"op": {"kind": "add_lane", "name": "Backstage", "lane_kind": "text", "index": None}},
            {"op": {"kind": "rename_stage", "old": "Cart", "new": "Basket"}},
            {"op": {"kind": "rename_lane", "old": "Actions", "new": "Doing"}},
            {"op": {"kind": "move_stage", "name": "Delivery", "index": 0}},
            {"op": {"kind": "move_lane", "name": "Emotions", "index": 0}},
            {"op": {"kind": "add_step", "stage": "Basket", "name": "Review", "index": None}},
            {"op": {"kind": "rename_step", "stage": "Browse", "old": "Compare", "new": "Weigh"}},
            {"op": {"kind": "move_step", "stage": "Checkout", "name": "Payment", "index": 0}},
            {
                "op": {
                    "kind": "remove_step",
                    "stage": "Checkout",
                    "name": "Address",
                    "drop_cards": True,
                }
            },
            {"op": {"kind": "remove_lane", "name": "Opportunities", "drop_cards": True}},
            {"op": {"kind": "remove_stage", "name": "Return", "drop_cards": False}},
            {"op": {"kind": "remove_stage", "name": "Basket", "drop_cards": True}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )


def test_refusals_give_the_kernel_s_reasons(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            edit("c03", "score", 7),
            edit("c03", "score", "high"),
            edit("nope", "text", "x"),
            edit("c01", "stage", "Cart"),
            edit("c01", "id", "c99"),
            edit("c01", "mood", "x"),
            edit("c01", "text", 5),
            edit("c01", "confidence", "sure"),
            edit("c01", "severity", 9),
            edit("c01", "n_tickets", "many"),
            {
                "op": {
                    "kind": "edit",
                    "id": "c01",
                    "field": "text",
                    "value": "late",
                    "old": "Something else",
                },
                "stale": True,
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Nowhere",
                    "step": None,
                    "lane": "Actions",
                    "text": "x",
                    "index": None,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Browse",
                    "step": "Pay",
                    "lane": "Actions",
                    "text": "x",
                    "index": None,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Cart",
                    "step": None,
                    "lane": "Nope",
                    "text": "x",
                    "index": None,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Cart",
                    "step": None,
                    "lane": "Actions",
                    "text": "x",
                    "index": -1,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "",
                    "step": None,
                    "lane": "Actions",
                    "text": "x",
                    "index": None,
                }
            },
            {
                "op": {
                    "kind": "move",
                    "id": "c16",
                    "stage": "Cart",
                    "step": None,
                    "lane": "Actions",
                    "index": True,
                }
            },
            {"op": {"kind": "delete", "id": "ghost"}},
            {"op": {"kind": "batch", "ops": []}},
            {
                "op": {
                    "kind": "batch",
                    "ops": [edit("c01", "text", "ok")["op"], edit("c03", "score", 9)["op"]],
                }
            },
            {"op": {"kind": "add_stage", "name": "Cart", "index": None}},
            {"op": {"kind": "add_stage", "name": "New", "index": 9}},
            {"op": {"kind": "add_lane", "name": " ", "lane_kind": None, "index": None}},
            {"op": {"kind": "add_lane", "name": "Odd", "lane_kind": "odd", "index": None}},
            {"op": {"kind": "rename_stage", "old": "Cart", "new": "Browse"}},
            {"op": {"kind": "rename_lane", "old": "Ghost", "new": "X"}},
            {"op": {"kind": "move_stage", "name": "Cart", "index": 4}},
            {"op": {"kind": "remove_stage", "name": "Cart", "drop_cards": False}},
            {"op": {"kind": "remove_lane", "name": "Actions", "drop_cards": "yes"}},
            {"op": {"kind": "add_step", "stage": "Browse", "name": "Search", "index": None}},
            {"op": {"kind": "rename_step", "stage": "Browse", "old": "Nope", "new": "X"}},
            {
                "op": {
                    "kind": "remove_step",
                    "stage": "Browse",
                    "name": "Search",
                    "drop_cards": False,
                }
            },
            {"op": {"kind": "teleport"}},
            {"op": "edit"},
            {"op": {"kind": "redo"}},
        ],
        monkeypatch,
    )
    assert [p["reply"]["type"] for p in py[:-1]] == ["reject"] * (len(py) - 1)
    assert py[-1]["reply"] == {
        "type": "ack",
        "op_id": f"p-{len(py) - 1}",
        "revision": py[-1]["reply"]["revision"],
        "changed": False,
    }


def test_a_file_from_the_launcher_template_edits_alike(driver: Path, monkeypatch):
    text = (ROOT / "src/journey_widget/templates/b2c.journey.json").read_text(encoding="utf-8")
    written = run_js(driver, text, [{"op": {"kind": "undo"}}])[0]["text"]
    assert written == jw.JourneyMap.from_json(text).to_json()
    compare(
        driver,
        [
            {
                "op": {
                    "kind": "add",
                    "stage": "Awareness",
                    "step": None,
                    "lane": "Actions",
                    "text": "Sees an ad",
                    "index": None,
                }
            },
            {
                "op": {
                    "kind": "add",
                    "stage": "Awareness",
                    "step": None,
                    "lane": "Emotions",
                    "text": "Curious",
                    "index": None,
                }
            },
            edit("c-new002", "score", 1),
        ],
        monkeypatch,
        text=text,
    )


def test_title_persona_and_state_apply_alike(driver: Path, monkeypatch):
    persona = {
        "name": "Ana",
        "goals": ["Pay fast", "Right size"],
        "frustrations": ["Fees"],
        "quote": 'Why "so" hard?',
        "description": "Buys twice a month",
        "avatar": {"initials": "AN", "color": "teal"},
        "segment": "returning",
    }
    py = compare(
        driver,
        [
            {"op": {"kind": "set_title", "title": "Checkout <b>v2</b>"}},
            {"op": {"kind": "set_title", "title": ""}},
            {"op": {"kind": "set_state", "state": "future"}},
            {"op": {"kind": "set_persona", "persona": persona}},
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {
                        "name": "Bo",
                        "goals": "One goal",
                        "frustrations": [],
                        "quote": "",
                        "avatar": "B",
                        "description": None,
                    },
                }
            },
            {"op": {"kind": "undo"}},
            {"op": {"kind": "set_persona", "persona": None}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "undo"}},
            {"op": {"kind": "redo"}},
            {"op": {"kind": "set_state", "state": "current"}},
        ],
        monkeypatch,
    )
    assert all(p["reply"]["type"] == "ack" for p in py)


def test_title_persona_and_state_refusals_give_the_kernel_s_reasons(driver: Path, monkeypatch):
    py = compare(
        driver,
        [
            {"op": {"kind": "set_title", "title": 5}},
            {"op": {"kind": "set_title"}},
            {"op": {"kind": "set_state", "state": "past"}},
            {"op": {"kind": "set_state", "state": True}},
            {"op": {"kind": "set_persona"}},
            {"op": {"kind": "set_persona", "persona": "Ana"}},
            {"op": {"kind": "set_persona", "persona": ["Ana"]}},
            {"op": {"kind": "set_persona", "persona": {"name": " "}}},
            {"op": {"kind": "set_persona", "persona": {"goals": ["x"]}}},
            {"op": {"kind": "set_persona", "persona": {"name": 3}}},
            {"op": {"kind": "set_persona", "persona": {"name": "", "goals": [1, "x"]}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "frustrations": {"a": 1}}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "quote": ["q"]}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "description": False}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "avatar": 7}}},
            {"op": {"kind": "set_persona", "persona": {"name": "A", "avatar": "ABCD"}}},
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {"name": "A", "avatar": {"initials": "A B"}},
                }
            },
            {"op": {"kind": "set_persona", "persona": {"name": "A", "avatar": {"color": "red"}}}},
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {"name": "A", "avatar": {"initials": "A", "color": "#f00"}},
                }
            },
            {
                "op": {
                    "kind": "set_persona",
                    "persona": {"name": "A", "avatar": {"initials": "A", "color": [1]}},
                }
            },
        ],
        monkeypatch,
    )
    assert [p["reply"]["type"] for p in py] == ["reject"] * len(py)
