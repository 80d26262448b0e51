"""The examples in the docstrings of the workshop modules run and show what they claim."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "journey_widget.practice.evidence",
    "journey_widget.practice.coverage",
    "journey_widget.practice.diff",
    "journey_widget.practice.checks",
    "journey_widget.io.mermaid",
    "journey_widget.io.mermaid_read",
    "journey_widget.model.meta_ops",
    "journey_widget.templates",
    "journey_widget.widget.api_practice",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
