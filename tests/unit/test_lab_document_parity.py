"""The JupyterLab document binding applies operations exactly as Python does.

The same operation messages go to a real ``JourneyMap`` (``_on_message``, replies captured from
its transport) and to the front end's ``DocumentMapModel`` (js/src/model/document.ts, bundled
with esbuild and run by node). Both must answer the same (ack or the same rejection reason)
and leave the same file: ``JourneyMap.to_json()`` byte for byte equals the document's text.
The sequences are drawn by the Hypothesis strategies of the widget property test
(``protocol_strategies.py``); the hand-written cases of ``test_lab_document_parity_cases.py``
pin down known edge cases. Both sides are driven by ``parity_helpers.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parity_helpers import ROOT, add, bundle_driver, compare, edit, needs_node, rich_map, run_js
from protocol_strategies import SETTINGS, browser_op

import journey_widget as jw
from journey_widget.widget import protocol

pytestmark = needs_node


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle_driver(tmp_path_factory)


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


def test_the_file_text_is_python_s_before_any_edit(driver: Path, monkeypatch):
    text = rich_map().to_json()
    assert run_js(driver, text, []) == []
    (out,) = run_js(driver, text, [{"op": {"kind": "undo"}}])
    assert out["reply"]["changed"] is False
    assert out["text"] == text


def test_a_file_from_the_launcher_template_edits_alike(driver: Path, monkeypatch):
    text = (ROOT / "src/journey_widget/templates/b2c.journey.json").read_text(encoding="utf-8")
    written = run_js(driver, text, [{"op": {"kind": "undo"}}])[0]["text"]
    assert written == jw.JourneyMap.from_json(text).to_json()
    compare(
        driver,
        [
            add("Awareness", None, "Actions", "Sees an ad", None),
            add("Awareness", None, "Emotions", "Curious", None),
            edit("c-new002", "score", 1),
        ],
        monkeypatch,
        text=text,
    )
