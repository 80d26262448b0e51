"""The Jupyter server extension: saved notebooks show each map as it is when they are saved.

It registers a pre-save hook on the server's contents manager, so JupyterLab, Notebook 7 and
real-time collaboration (which saves on the server) all write current map outputs; see
:mod:`.outputs` and docs/durable.md. Enabled by the ``jupyter_server_config.d`` file the
package installs; ``jupyter server extension list`` shows it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from tornado.ioloop import IOLoop

from ..widget.snapshot import snapshot_dir
from .outputs import refresh_map_outputs

#: Snapshots older than this are removed when the server starts (seconds).
KEEP_SNAPSHOTS = 14 * 24 * 3600
logger = logging.getLogger("journey_widget")


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "journey_widget.server"}]


def pre_save_hook(model: dict[str, Any], **_kwargs: Any) -> None:
    """Rewrite the map outputs of a notebook about to be saved (other files pass untouched)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    try:
        refresh_map_outputs(model["content"])
    except Exception:  # a save must never fail because of a map
        logger.exception("journey_widget could not refresh the map outputs before saving")


def _forget_old_snapshots() -> None:
    folder = snapshot_dir()
    cutoff = time.time() - KEEP_SNAPSHOTS
    for path in folder.glob("*.json") if folder.is_dir() else []:
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


def _hook_into(serverapp: Any) -> None:
    """Register the hook on the contents manager(s) the server saves with, once each."""
    managers = [serverapp.contents_manager]
    web_app = getattr(serverapp, "web_app", None)
    if web_app is not None and web_app.settings.get("contents_manager") is not None:
        managers.append(web_app.settings["contents_manager"])
    for manager in {id(m): m for m in managers}.values():
        if pre_save_hook not in getattr(manager, "_pre_save_hooks", []):
            manager.register_pre_save_hook(pre_save_hook)


def _load_jupyter_server_extension(serverapp: Any) -> None:
    _hook_into(serverapp)
    # Another extension may replace the contents manager after this one loads (jupytext
    # does): hook into the final one too, once every extension has loaded.
    IOLoop.current().add_callback(_hook_into, serverapp)
    _forget_old_snapshots()
    serverapp.log.info("journey_widget: saved notebooks keep their maps current")
