"""A missing optional dependency raises JourneyError naming the extra that installs it."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import journey_widget as jw
from journey_widget.extras import EXTRAS, require


def _missing(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for name in modules:  # None in sys.modules: "import name" raises ImportError
        monkeypatch.setitem(sys.modules, name, None)


def test_require_returns_the_module() -> None:
    assert require("json", "execute", "x").__name__ == "json"


def test_require_names_the_extra_and_the_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    _missing(monkeypatch, "nbclient")
    with pytest.raises(jw.JourneyError) as info:
        require("nbclient", "execute", "report(..., execute=True)")
    assert str(info.value) == (
        "report(..., execute=True) needs nbclient, which is not installed: "
        'pip install "journey-widget[execute]"'
    )


def test_an_unknown_extra_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown extra 'nope'"):
        require("json", "nope", "x")


def test_every_extra_is_declared_in_pyproject() -> None:
    from pathlib import Path

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not pyproject.exists():
        pytest.skip("no source tree")
    declared = tomllib.loads(pyproject.read_text())["project"]["optional-dependencies"]
    assert set(EXTRAS) <= set(declared)


def test_report_execute_without_nbclient_names_the_execute_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    _missing(monkeypatch, "nbclient")
    m = jw.JourneyMap(pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["x"]}))
    with pytest.raises(jw.JourneyError, match=r'pip install "journey-widget\[execute\]"'):
        jw.report(m, tmp_path / "r.ipynb", execute=True)
    assert not (tmp_path / "r.ipynb").exists()


def test_pdf_without_chromium_or_playwright_names_the_pdf_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from journey_widget.reports import pdf

    monkeypatch.delenv("JOURNEY_WIDGET_CHROMIUM", raising=False)
    _missing(monkeypatch, "playwright")
    with pytest.raises(jw.JourneyError) as info:  # no browser anywhere (an empty filesystem)
        pdf.find_chromium("linux", {"PATH": "/usr/bin"}, exists=lambda path: False)
    message = str(info.value)
    assert "apt-get install chromium" in message and "JOURNEY_WIDGET_CHROMIUM" in message
    assert 'pip install "journey-widget[pdf]"' in message
