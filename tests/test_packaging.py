"""A wheel built from a clean clone carries the front-end bundle and gives a working widget."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    shutil.which("npm") is None or shutil.which("git") is None, reason="needs git and npm"
)
def check_release_metadata(wheel: Path, sizes: dict[str, int]) -> None:
    """Licence, typing marker, classifiers and the server extension's switch are in the wheel."""
    assert "journey_widget/py.typed" in sizes  # the code is typed (PEP 561)
    (meta_name,) = [n for n in sizes if n.endswith(".dist-info/METADATA")]
    with zipfile.ZipFile(wheel) as zf:
        meta = zf.read(meta_name).decode()
    assert "License-Expression: BSD-3-Clause" in meta
    assert "Classifier: Framework :: Jupyter :: JupyterLab :: Extensions :: Prebuilt" in meta
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in sizes)
    # The server extension is switched on where the wheel is installed (saved notebooks).
    assert any(
        n.endswith("data/etc/jupyter/jupyter_server_config.d/journey_widget.json") for n in sizes
    )


def test_wheel_from_a_clean_clone_contains_the_bundle(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    assert not (clone / "src/journey_widget/static/widget.js").exists()  # never committed
    out = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(clone)],
        check=True,
        timeout=900,
    )
    (wheel,) = out.glob("journey_widget-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        sizes = {i.filename: i.file_size for i in zf.infolist()}
    assert sizes.get("journey_widget/static/widget.js", 0) > 5_000
    assert sizes.get("journey_widget/static/widget.css", 0) > 500
    assert sizes.get("journey_widget/static/compare.js", 0) > 5_000  # jw.compare's own bundle
    assert sizes.get("journey_widget/static/compare.css", 0) > 500
    # The words both languages read (vocabulary.py at run time; the bundle has them built in).
    assert sizes.get("journey_widget/vocabulary.json", 0) > 500
    check_release_metadata(wheel, sizes)

    # Installed on its own, the wheel's widget loads its bundle from the wheel.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    code = (
        "import journey_widget as jw, pathlib; m = jw.JourneyMap(); "
        "print(pathlib.Path(jw.__file__).parent); print(len(m._esm))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    package_dir, esm_size = result.stdout.split()
    assert Path(package_dir).is_relative_to(target)
    assert int(esm_size) > 5_000
