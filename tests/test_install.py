"""The wheel installs and works on the oldest and newest supported Python and pandas (issue 17).

One wheel is built from this tree (its front-end bundle already built by ``.ci/setup``), then
installed with its ``test`` extra into a fresh virtualenv per pair: Python 3.10 with pandas
2.2 (the oldest) and Python 3.13 with the newest pandas. In each, ``tests/install/smoke.py``
runs (build, edit, save, load, HTML report, a small event log; ``import journey_widget``
loads no nbformat) and then the unit tests, so CI covers both ends of the supported range.
pip's cache makes a second run fast; PyPI is the only network used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PYENV = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
PAIRS = [("3.10", "pandas==2.2.*"), ("3.13", "pandas")]  # oldest, newest


def _interpreter(version: str) -> str | None:
    candidates = sorted(PYENV.glob(f"{version}.*/bin/python"))  # pyenv's, without its shims
    if candidates:
        return str(candidates[-1])
    found = shutil.which(f"python{version}")
    return found if found and "shims" not in found else None


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{cmd}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "src/journey_widget/static/widget.js").exists():
        pytest.skip("the front end is not built (bash .ci/setup)")
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    _run([*pip, "-w", str(out), str(ROOT)], timeout=600)
    (built,) = out.glob("journey_widget-*.whl")
    return built


@pytest.mark.parametrize(("version", "pandas"), PAIRS, ids=[v for v, _ in PAIRS])
def test_the_wheel_works_on_the_ends_of_the_supported_range(
    wheel: Path, tmp_path: Path, version: str, pandas: str
) -> None:
    python = _interpreter(version)
    if python is None:
        pytest.skip(f"no Python {version} here")
    venv = tmp_path / "venv"
    _run([python, "-m", "venv", str(venv)], timeout=120)
    py = str(venv / "bin" / "python")
    _run([py, "-m", "pip", "install", "-q", f"{wheel}[test]", pandas], timeout=600)
    smoke = _run([py, str(ROOT / "tests/install/smoke.py")], cwd=tmp_path, timeout=300)
    assert smoke.stdout.startswith(f"ok {version}.")
    if pandas.startswith("pandas=="):
        assert f" {pandas.split('==')[1].rstrip('*')}" in smoke.stdout  # the oldest pandas
    # The unit tests against the installed wheel (not src/: the tests import the package).
    unit = [py, "-m", "pytest", "tests/unit", "-m", "not browser and not slow", "-x", "-q"]
    _run([*unit, "-n", "2", "-p", "no:cacheprovider"], cwd=ROOT, timeout=900)
