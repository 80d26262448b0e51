"""The wheel carries the JupyterLab extension prebuilt: installing it is all it takes.

The wheel is built from this working tree (the bundles built by ``npm run build`` in js/, as
.ci/setup does); tests/test_packaging.py builds one from a clean clone of the last commit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / "src/journey_widget/labextension/package.json"
SHARE = "share/jupyter/labextensions/journey-widget"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not BUILT.exists() and shutil.which("npm") is None,
        reason="needs the built extension or npm to build it",
    ),
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        timeout=900,
    )
    (built,) = out.glob("journey_widget-*.whl")
    return built


def test_the_wheel_holds_the_prebuilt_extension(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        data = next(n.split("/data/")[0] for n in names if ".data/data/" in n) + "/data/"
        meta = json.loads(zf.read(f"{data}{SHARE}/package.json"))
        install = json.loads(zf.read(f"{data}{SHARE}/install.json"))
    assert meta["name"] == "journey-widget"
    load = meta["jupyterlab"]["_build"]["load"]
    assert re.fullmatch(r"static/remoteEntry\.[0-9a-f]+\.js", load)
    assert f"{data}{SHARE}/{load}" in names
    assert meta["jupyterlab"]["_build"]["extension"] == "./extension"
    assert install == {
        "packageManager": "python",
        "packageName": "journey-widget",
        "uninstallInstructions": install["uninstallInstructions"],
    }
    # The build output is installed once, under share/, not a second time inside the package.
    assert not any(n.startswith("journey_widget/labextension/") for n in names)


def test_a_fresh_environment_lists_the_extension_with_no_build_step(
    wheel: Path, tmp_path: Path
) -> None:
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    py = env / "bin" / "python"
    # Dependencies come from the package index; JupyterLab is the host the extension runs in.
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", str(wheel), "jupyterlab"], check=True, timeout=1200
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "PYTHONPATH"))
    }
    result = subprocess.run(
        [str(py), "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean,
    )
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    line = next((x for x in listing.splitlines() if "journey-widget" in x), "")
    assert re.search(
        r"journey-widget v\d+\.\d+\.\d+ enabled OK \(python, journey-widget\)", line
    ), listing
    assert str(env) in listing  # found in the new environment's share/jupyter
