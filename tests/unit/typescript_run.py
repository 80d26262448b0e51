"""Run a piece of the front end's TypeScript in node, to compare its answers with Python's.

A driver imports the modules under test by absolute path (``JS_SRC``), reads JSON from stdin
and prints JSON; esbuild bundles it for node (no browser, no build of the widget).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS_SRC = ROOT / "js" / "src"
ESBUILD = ROOT / "js" / "node_modules" / ".bin" / "esbuild"

#: Skip a test when node or the front end's npm packages are missing.
needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not ESBUILD.exists(),
    reason="needs node and js/node_modules (npm ci in js/)",
)


def run_typescript(driver: str, payload: Any, tmp_path: Path) -> Any:
    """Run TypeScript source in node and return what it printed, parsed as JSON.

    ``driver`` is bundled with esbuild for node and gets ``payload`` as JSON on stdin.
    """
    source = tmp_path / "driver.ts"
    source.write_text(driver, encoding="utf-8")
    bundle = tmp_path / "driver.mjs"
    subprocess.run(
        [
            str(ESBUILD),
            str(source),
            "--bundle",
            "--platform=node",
            "--format=esm",
            "--log-level=warning",
            f"--outfile={bundle}",
        ],
        check=True,
        timeout=120,
    )
    run = subprocess.run(
        ["node", str(bundle)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(run.stdout)
