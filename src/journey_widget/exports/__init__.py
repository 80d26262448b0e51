"""The map in the files people share: ``m.save(path)`` picks the format by the suffix.

``.journey.json`` / ``.json`` (the map), ``.csv`` (its cards), ``.mmd`` (Mermaid), ``.html`` /
``.pdf`` / ``.ipynb`` (its report), ``.svg`` / ``.png`` (a picture of it) and ``.pptx`` (slides).
Each format lives in its own module and loads on first use, so ``import journey_widget`` stays
light: :mod:`.picture` (SVG, PNG), :mod:`.slides` (PowerPoint), :mod:`.dispatch` (the suffixes).

This package sits on a layer of its own above the reports, which it writes. The widget layer
reaches it through one import that the layers contract in pyproject.toml names and explains
(``MapAPI.save``).
"""

from __future__ import annotations

from .dispatch import SUFFIXES, save, suffix_of
from .picture import to_png, to_svg

__all__ = ["SUFFIXES", "save", "suffix_of", "to_png", "to_svg"]
