"""One version, written once (src/journey_widget/_version.py), agreed on by every package."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from packaging.version import Version

import journey_widget as jw

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_metadata_reads_the_version_from_the_package() -> None:
    assert Version(version("journey-widget")) == Version(jw.__version__)


def test_both_javascript_packages_carry_the_same_version() -> None:
    for package in ("js/package.json", "js/lab/package.json"):
        npm = json.loads((ROOT / package).read_text(encoding="utf-8"))["version"]
        assert Version(npm) == Version(jw.__version__), package


def test_the_command_prints_its_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journey_widget.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"journey-widget {jw.__version__}"
