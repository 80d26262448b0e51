"""Saved notebooks show each map as it is at save time (issue 12).

The kernel keeps a snapshot of every displayed map, and the server's pre-save hook rewrites the
map outputs from it.
The save goes through a real jupyter_server contents manager with the extension's hook
registered, as JupyterLab's File > Save does; the browser version is in
tests/e2e/test_saved_notebook_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from journey_helpers import without_loop
from jupyter_server.services.contents.filemanager import FileContentsManager

import journey_widget as jw
from journey_widget.io.json_format import MIME_TYPE
from journey_widget.server import pre_save_hook
from journey_widget.server.outputs import WIDGET_MIME, refresh_map_outputs
from journey_widget.widget.snapshot import snapshot_path

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "snapshots"
    monkeypatch.setenv("JOURNEY_WIDGET_SNAPSHOTS", str(folder))
    return folder


def shown_map() -> tuple[jw.JourneyMap, dict[str, Any]]:
    """A map and the output its display put into the notebook."""
    m = jw.JourneyMap(
        None,
        stages=["Browse", "Pay"],
        lanes=["Actions", "Pain points"],
        title="Checkout",
        overlays=False,
    )
    m.add_card("Browse", "Actions", "Searches for shoes", id="a1")
    bundle = m._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data[WIDGET_MIME]["model_id"] == m.model_id
    return m, {"output_type": "display_data", "data": data, "metadata": {}}


def notebook_with(*outputs: dict[str, Any]) -> dict[str, Any]:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("m", id="c1"), nbformat.v4.new_markdown_cell("x")]
    nb.cells[0].outputs = [nbformat.from_dict(o) for o in outputs]
    return json.loads(nbformat.writes(nb))


@without_loop  # a snapshot is written at once only outside an event loop
def test_edits_after_display_reach_the_output_at_save(snapshots: Path) -> None:
    m, output = shown_map()
    nb = notebook_with(output)
    m.edit_card("a1", "text", "Searches for trail shoes")
    assert snapshot_path(m.model_id, snapshots).exists()  # written at once outside a kernel

    assert refresh_map_outputs(nb, snapshots) == 1
    data = nb["cells"][0]["outputs"][0]["data"]
    assert "Searches for trail shoes" in data["text/html"]
    assert "Searches for shoes" not in data["text/html"]
    assert data[MIME_TYPE] == json.loads(m.to_json())
    assert data[WIDGET_MIME]["model_id"] == m.model_id  # the live widget stays
    assert refresh_map_outputs(nb, snapshots) == 0  # already current


@without_loop  # a snapshot is written at once only outside an event loop
def test_user_text_stays_text_in_the_rewritten_output(snapshots: Path) -> None:
    m, output = shown_map()
    nb = notebook_with(output)
    m.edit_card("a1", "text", HOSTILE)
    refresh_map_outputs(nb, snapshots)
    html = nb["cells"][0]["outputs"][0]["data"]["text/html"]
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


@without_loop  # a snapshot is written at once only outside an event loop
def test_maps_never_displayed_write_nothing_and_other_outputs_are_untouched(
    snapshots: Path,
) -> None:
    hidden = jw.JourneyMap(None, stages=["A"], lanes=["Actions"], overlays=False)
    hidden.add_card("A", "Actions", "x")
    assert not snapshots.exists()
    _m, output = shown_map()
    text_output = {"output_type": "stream", "name": "stdout", "text": "hello"}
    other = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": "<b>a table</b>", "text/plain": "table"},
    }
    nb = notebook_with(output, text_output, other)
    before = json.dumps(nb)
    assert refresh_map_outputs(nb, snapshots) == 0  # nothing edited since display
    assert json.dumps(nb) == before


@without_loop  # a snapshot is written at once only outside an event loop
def test_a_missing_or_corrupt_snapshot_keeps_the_output_as_it_was(snapshots: Path) -> None:
    m, output = shown_map()
    nb = notebook_with(output)
    m.edit_card("a1", "text", "Edited")
    path = snapshot_path(m.model_id, snapshots)
    path.write_text('{"format": "journey-map", "version": 1, "cards": [', encoding="utf-8")
    before = json.dumps(nb)
    assert refresh_map_outputs(nb, snapshots) == 0
    path.unlink()
    assert refresh_map_outputs(nb, snapshots) == 0
    assert json.dumps(nb) == before


@without_loop  # a snapshot is written at once only outside an event loop
def test_the_contents_manager_saves_the_current_map(tmp_path: Path, snapshots: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    manager = FileContentsManager(root_dir=str(root))
    manager.register_pre_save_hook(pre_save_hook)
    m, output = shown_map()
    model = {"type": "notebook", "format": "json", "content": notebook_with(output)}
    m.edit_card("a1", "text", "Compares running shoes")
    m.add_card("Pay", "Pain points", "Card declined")

    manager.save(model, "map.ipynb")
    saved = nbformat.read(root / "map.ipynb", as_version=4)
    data = saved.cells[0].outputs[0].data
    assert "Compares running shoes" in data["text/html"] and "Card declined" in data["text/html"]
    assert [c["text"] for c in data[MIME_TYPE]["cards"]] == [
        "Compares running shoes",
        "Card declined",
    ]
    nbformat.validate(saved)
    manager.save({"type": "file", "format": "text", "content": "plain"}, "notes.txt")
    assert (root / "notes.txt").read_text() == "plain"  # other files pass untouched


def test_the_hook_follows_a_contents_manager_replaced_by_another_extension(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from journey_widget.server import _hook_into

    first = FileContentsManager(root_dir=str(tmp_path))
    app = SimpleNamespace(contents_manager=first, web_app=SimpleNamespace(settings={}))
    _hook_into(app)
    replaced = FileContentsManager(root_dir=str(tmp_path))  # as jupytext does after loading
    app.contents_manager = replaced
    app.web_app.settings["contents_manager"] = replaced
    _hook_into(app)
    _hook_into(app)  # once each, however often it runs
    assert first._pre_save_hooks == [pre_save_hook]
    assert replaced._pre_save_hooks == [pre_save_hook]
