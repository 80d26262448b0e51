"""The front end's linter, run as part of the test suite.

ESLint with typescript-eslint (js/eslint.config.mjs), beside the type check and vitest that
tests/test_quality.py runs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent.parent / "js"


@pytest.mark.skipif(
    shutil.which("npm") is None or not (JS / "node_modules" / ".bin" / "eslint").exists(),
    reason="needs npm and js/node_modules (npm ci in js/)",
)
def test_typescript_lint() -> None:
    result = subprocess.run(
        ["npm", "run", "--silent", "lint"], cwd=JS, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"npm run lint failed:\n{result.stdout}\n{result.stderr}"
