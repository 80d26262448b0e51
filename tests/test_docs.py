"""The reference site builds with warnings as errors, offline (issue 17).

Guides from docs/, the API reference from the numpy docstrings (mkdocstrings), the example
notebooks rendered (mkdocs-jupyter, not executed). Built into a temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mkdocs", reason="the docs extra is not installed")


def test_the_site_builds_strictly_with_guides_api_and_notebooks(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for guide in ("durable", "practice", "charts", "analytics", "protocol"):
        assert (site / guide / "index.html").exists(), guide
    for notebook in (ROOT / "examples").glob("*.ipynb"):
        assert (site / "examples" / notebook.stem / "index.html").exists(), notebook.name
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    for name in ("JourneyMap", "JourneyError", "analyze", "require"):
        assert name in reference, name
    assert 'id="journey_widget.JourneyMap"' in reference  # rendered from the docstrings
