"""Rewrite a notebook's map outputs from the latest map snapshots, just before it is saved.

Pure functions over the notebook as a dict (the contents model's ``content``): an output that
shows a map widget (``application/vnd.jupyter.widget-view+json`` with a ``model_id``) and
carries the map's JSON (``application/vnd.journey-map+json``) gets the snapshot's JSON and a
static map drawn from it (``text/html``). Anything else is left as it is, and so is an output
whose snapshot is missing or unreadable: a save never fails because of a map.
"""

from __future__ import annotations

import json
import logging
import pathlib
from collections.abc import Iterator, Mapping
from typing import Any

from ..html_render import map_html
from ..io.json_format import MIME_TYPE, journey_from_dict
from ..model import JourneyError
from ..widget.snapshot import snapshot_path

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
logger = logging.getLogger("journey_widget")


def map_outputs(notebook: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each map output of a notebook: its widget model id and its ``data`` dict."""
    for cell in notebook.get("cells") or []:
        if not isinstance(cell, Mapping) or cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs") or []:
            data = output.get("data") if isinstance(output, Mapping) else None
            if not isinstance(data, dict) or MIME_TYPE not in data:
                continue
            view = data.get(WIDGET_MIME)
            model_id = view.get("model_id") if isinstance(view, Mapping) else None
            if isinstance(model_id, str) and model_id:
                yield model_id, data


def read_snapshot(path: pathlib.Path) -> dict[str, Any] | None:
    """The map document in a snapshot file, checked by the format's own reader, or ``None``."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        journey_from_dict(document)  # the same validation as loading a file
    except FileNotFoundError:
        return None
    except (OSError, ValueError, JourneyError) as err:
        logger.warning("journey_widget: ignoring the unreadable map snapshot %s: %s", path, err)
        return None
    return document if isinstance(document, dict) else None


def refresh_map_outputs(notebook: Mapping[str, Any], folder: pathlib.Path | None = None) -> int:
    """Bring the map outputs of ``notebook`` up to date in place; return how many changed.

    Parameters
    ----------
    notebook : dict
        An nbformat 4 notebook as a dict (a contents model's ``content``).
    folder : pathlib.Path, optional
        Where the snapshots are (default :func:`journey_widget.widget.snapshot.snapshot_dir`).

    Returns
    -------
    int
        The number of outputs rewritten.
    """
    changed = 0
    documents: dict[str, dict[str, Any] | None] = {}
    for model_id, data in map_outputs(notebook):
        if model_id not in documents:
            documents[model_id] = read_snapshot(snapshot_path(model_id, folder))
        document = documents[model_id]
        if document is None or document == data.get(MIME_TYPE):
            continue
        data[MIME_TYPE] = document
        data["text/html"] = map_html(journey_from_dict(document))
        changed += 1
    return changed
