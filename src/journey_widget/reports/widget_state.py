"""Saved widget state for report notebooks, with ids derived from the map so bytes are stable."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ipywidgets.embed import dependency_state

STATE_KEY = "application/vnd.jupyter.widget-state+json"
VIEW_KEY = "application/vnd.jupyter.widget-view+json"


def stable_state(widgets: list[Any], salt: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The widgets' state with every model id replaced by one derived from ``salt``.

    The state is taken with ``drop_defaults=False``, so anywidget's ``_esm`` stays; each new id
    is derived from ``salt`` and the position of the model.

    Returns the state dict for ``metadata.widgets`` and the map from old to new ids.
    """
    state = dependency_state(widgets, drop_defaults=False)
    renames = {
        old: hashlib.sha256(f"{salt}/{i}".encode()).hexdigest()[:32]
        for i, old in enumerate(sorted(state, key=lambda k: _order(state, k)))
    }
    text = json.dumps(state, sort_keys=True)
    for old, new in renames.items():
        text = text.replace(old, new)
    return {"version_major": 2, "version_minor": 0, "state": json.loads(text)}, renames


def _order(state: dict[str, Any], model_id: str) -> tuple[str, str]:
    """A deterministic order of models: by model name, then by their state without ids."""
    entry = state[model_id]
    others = json.dumps(
        {
            k: v
            for k, v in entry.get("state", {}).items()
            if not (isinstance(v, str) and v.startswith("IPY_MODEL_"))
        },
        sort_keys=True,
        default=str,
    )
    return (str(entry.get("model_name")), others)


def rename_view(data: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    """A display's data with the widget-view model id renamed."""
    if VIEW_KEY in data:
        view = dict(data[VIEW_KEY])
        view["model_id"] = renames.get(view["model_id"], view["model_id"])
        data = {**data, VIEW_KEY: view}
    return data
