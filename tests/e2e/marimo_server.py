"""A real ``marimo edit`` server on a free loopback port, started for a test and stopped by pid."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from .harness import free_port, stop_server, wait_serving


class Marimo:
    """``marimo edit NOTEBOOK --headless --no-token`` in its own config home, stopped by pid.

    ``--no-token``: the server listens on 127.0.0.1 only, for this test's browser; marimo
    needs the flag to serve the page without a session token.
    """

    def __init__(self, notebook: Path, base: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = base / "config"
        (config / "marimo").mkdir(parents=True, exist_ok=True)
        # Run every cell when the notebook opens (marimo's default now waits for "Run all").
        (config / "marimo" / "marimo.toml").write_text("[runtime]\nauto_instantiate = true\n")
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(config),  # this marimo.toml, not the user's
            "XDG_STATE_HOME": str(base / "state"),
            "XDG_CACHE_HOME": str(base / "cache"),
        }
        self.log = (base / "marimo.log").open("w")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("marimo")),
                "edit",
                str(notebook),
                "--headless",
                "--no-token",
                "--host=127.0.0.1",
                f"--port={self.port}",
                "--skip-update-check",
                "--no-sandbox",
            ],
            env=env,
            cwd=notebook.parent,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        def healthy() -> None:
            with urllib.request.urlopen(f"{self.url}/health", timeout=5) as r:
                if r.status != 200:
                    raise OSError(f"marimo answered {r.status}")

        wait_serving("marimo", self.process, self.log, healthy, timeout)

    def stop(self) -> None:
        stop_server(self.process, self.log)
