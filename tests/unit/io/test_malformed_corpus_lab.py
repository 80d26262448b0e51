"""The JupyterLab document refuses every malformed document as Python does, and reads valid ones.

Every document of ``tests/fixtures/malformed/corpus.json`` is loaded, in one node process, into
the front end's ``DocumentMapModel`` (js/src/model/document.ts, bundled by esbuild) that already
holds a map: the load must fail with the message Python's ``journey_from_json`` gives (which
names the entry's JSON path and words) and leave that map, its text and its cards untouched.
Valid maps (the templates, the example, a file from before ``$schema`` was written) must load
and write back byte for byte what ``jw.load(path).to_json()`` writes.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from malformed_case import drop_key
from malformed_participation_cases import GOOD_V2, v2
from typescript_run import JS_SRC, needs_node, run_typescript

import journey_widget as jw
from journey_widget.io import JourneyFormatError
from journey_widget.io.json_format import journey_from_json
from journey_widget.model.dtypes import PANDAS_3

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "fixtures" / "malformed" / "corpus.json"
EXAMPLE = ROOT / "examples" / "checkout.journey.json"
TEMPLATES = sorted((ROOT / "src" / "journey_widget" / "templates").glob("*.journey.json"))

pytestmark = needs_node

DRIVER = f"""
import {{ readFileSync }} from "node:fs";
import {{ DocumentMapModel }} from "{JS_SRC.as_posix()}/model/document";

const input = JSON.parse(readFileSync(0, "utf8"));
const fresh = () => new DocumentMapModel({{ newId: () => "c-new", defer: (fn) => fn() }});
const refused = input.corpus.map((entry) => {{
  const model = fresh();
  if (!model.load(input.loaded)) throw new Error(model.error);
  const [text, cards, structure] = [model.text(), model.getCards(), model.getStructure()];
  const source = entry.text ?? new Uint8Array(Buffer.from(entry.base64, "base64"));
  const ok = model.load(source);
  const untouched = model.text() === text && model.getCards() === cards &&
    model.getStructure() === structure && model.isReadOnly();
  return {{ ok, error: model.error, untouched }};
}});
const valid = input.valid.map((text) => {{
  const model = fresh();
  return model.load(text) ? {{ text: model.text() }} : {{ error: model.error }};
}});
process.stdout.write(JSON.stringify({{ refused, valid }}));
"""


def corpus() -> list[dict[str, Any]]:
    return list(json.loads(CORPUS.read_text(encoding="utf-8")))


def data_of(entry: dict[str, Any]) -> bytes:
    if "text" in entry:
        return str(entry["text"]).encode("utf-8")
    return base64.b64decode(entry["base64"])


def python_refusal(data: bytes) -> str:
    with pytest.raises(JourneyFormatError) as info:
        journey_from_json(data)
    return str(info.value)


def valid_texts() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in [EXAMPLE, *TEMPLATES]}
    schema_line = '\n "$schema": "urn:journey-widget:schema:journey-map:1",'
    assert schema_line in texts[EXAMPLE.name]
    texts["before $schema"] = texts[EXAMPLE.name].replace(schema_line, "", 1)
    doc = json.loads(texts[EXAMPLE.name])
    del doc["stages"], doc["lanes"]  # a map's stages and lanes are then its cards'
    texts["no stages or lanes"] = json.dumps(doc)
    texts["version 2"] = GOOD_V2.decode("utf-8")  # written back with Python's key order
    texts["version 2, empty"] = v2(drop_key(["comments"]), drop_key(["voting"])).decode("utf-8")
    texts["version 2, no votes"] = v2(drop_key(["voting", "votes"])).decode("utf-8")
    texts["metrics over time"] = json.dumps(_with_periods(json.loads(texts[EXAMPLE.name])))
    return texts


def _with_periods(doc: dict[str, Any]) -> dict[str, Any]:
    """The example with CSAT per stage in two periods (November's 5 points higher, no target)."""
    rows = [
        {"stage": s["name"], "metric": "CSAT", "value": 70.0 + i, "target": 75.0, "unit": "%"}
        for i, s in enumerate(doc["stages"])
    ]
    october = [{**row, "n": 40, "period": "2026-10"} for row in rows]
    november = [
        {**row, "value": row["value"] + 5, "target": None, "period": "2026-11"} for row in rows
    ]
    return {**doc, "metrics": october + november}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    payload = {
        "loaded": EXAMPLE.read_text(encoding="utf-8"),
        "corpus": corpus(),
        "valid": list(valid_texts().values()),
    }
    return dict(run_typescript(DRIVER, payload, tmp_path_factory.mktemp("corpus-lab")))


def test_the_document_refuses_every_corpus_document_as_python_does(lab: dict[str, Any]) -> None:
    entries = corpus()
    assert len(entries) >= 40 and len(lab["refused"]) == len(entries)
    wrong = []
    for entry, got in zip(entries, lab["refused"], strict=True):
        error = got["error"] or ""
        named = entry["expect"] in error and (
            error.startswith(f"{entry['path']}: ") if entry["path"] else True
        )
        python = python_refusal(data_of(entry))
        if got["ok"] or not named or error != python or not got["untouched"]:
            wrong.append(f"{entry['name']}: {got}\n  python: {python}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.skipif(not PANDAS_3, reason="pandas 2 writes an analyst's text column as object")
def test_valid_maps_load_and_write_python_s_bytes(lab: dict[str, Any]) -> None:
    for (name, text), got in zip(valid_texts().items(), lab["valid"], strict=True):
        expected = jw.JourneyMap.from_json(text).to_json()
        assert got == {"text": expected}, name
    assert lab["valid"][0]["text"] == EXAMPLE.read_text(encoding="utf-8")  # the file as it is
