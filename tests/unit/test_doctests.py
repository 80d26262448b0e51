"""Every docstring example in the package runs and shows what it claims (issue 17).

Examples use a few names a reader would have: ``jw``, ``pd``, a small map ``m`` (cards ``c1``
to ``c4``), its ``cards``, a ``survey`` of answers per stage and an event ``log``; they run in a
temporary folder, so an example that saves a file writes it there. ``# doctest: +SKIP`` is
left only where an example needs a browser, a kernel or data the reader brings.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import journey_widget as jw

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(jw.__path__, "journey_widget.")
    if ".labextension" not in info.name
)  # fmt: skip


def namespace() -> dict[str, Any]:
    cards = pd.DataFrame({
        "id": ["c1", "c2", "c3", "c4"],
        "stage": ["Browse", "Browse", "Cart", "Pay"],
        "lane": ["Actions", "Emotions", "Emotions", "Actions"],
        "text": ["Searches", "Curious", "Hopeful", "Pays"],
        "score": [None, 1.0, 2.0, None],
    })  # fmt: skip
    m = jw.JourneyMap(cards, title="Checkout", overlays=False)
    survey = pd.DataFrame({"stage": ["Browse", "Browse", "Cart", "Pay"], "answer": [5, 4, 3, 5]})
    log = pd.DataFrame({
        "user": ["u1", "u1", "u1", "u2", "u2"],
        "event": ["view", "add_to_cart", "pay", "view", "add_to_cart"],
        "at": pd.to_datetime(["2026-11-01 10:00", "2026-11-01 10:05", "2026-11-01 10:09",
                              "2026-11-02 09:00", "2026-11-02 09:03"]),
    })  # fmt: skip
    stages = {"view": "Browse", "add_to_cart": "Cart", "pay": "Pay"}
    return {"jw": jw, "pd": pd, "m": m, "cards": cards, "survey": survey, "log": log,
            "stages": stages}  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(module, extraglobs=namespace(), optionflags=flags, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_runner_finds_the_examples() -> None:
    """The examples above are really collected (a module list that found none would pass)."""
    finder = doctest.DocTestFinder()
    counts = {
        name: sum(len(t.examples) for t in finder.find(importlib.import_module(name)))
        for name in MODULES
    }
    assert sum(counts.values()) >= 60
    for name in ("journey_widget.practice.checks", "journey_widget.io.mermaid_read",
                 "journey_widget.durable.opening", "journey_widget.reports"):  # fmt: skip
        assert counts[name] > 0, name
