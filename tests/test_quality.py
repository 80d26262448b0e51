"""Lint, type checks and the front end's own tests, run as part of the test suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "js"


def run(cmd: list[str], cwd: Path = ROOT) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"


def test_ruff_lint() -> None:
    run([sys.executable, "-m", "ruff", "check", "src", "tests", "bench"])


def test_ruff_format() -> None:
    run([sys.executable, "-m", "ruff", "format", "--check", "src", "tests", "bench"])


def test_mypy_strict() -> None:
    run([sys.executable, "-m", "mypy"])


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_typescript_typecheck() -> None:
    run(["npm", "run", "--silent", "typecheck"], cwd=JS)


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_frontend_unit_tests() -> None:
    run(["npm", "test", "--silent"], cwd=JS)
