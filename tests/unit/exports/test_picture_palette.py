"""The picture's colours are the widget's: checked against static/widget.css."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from journey_widget.html_render import picture_style as style

CSS = (resources.files("journey_widget") / "static" / "widget.css").read_text("utf-8")


def _long(color: str) -> str:
    c = color.lower().lstrip("#")
    return "#" + ("".join(ch * 2 for ch in c) if len(c) == 3 else c)


@pytest.mark.parametrize("cls, color", sorted(style.BADGE_COLOR.items()))
def test_badge_colours_are_the_stylesheets(cls, color):
    found = re.findall(
        rf"\.{re.escape(cls)}(?:,[^{{]*)?\{{[^}}]*--jw-badge:\s*(#[0-9a-fA-F]+)", CSS
    )
    assert found and _long(found[-1]) == color


@pytest.mark.parametrize(
    "name, color",
    [
        ("fg", style.FG),
        ("muted", style.MUTED),
        ("accent", style.ACCENT),
        ("pos", style.POS),
        ("neg", style.NEG),
        ("border", style.BORDER),
        ("border-strong", style.BORDER_STRONG),
        ("bg-head", style.BG_HEAD),
    ],
)
def test_theme_fallbacks_are_the_stylesheets(name, color):
    found = re.search(rf"--jw-{re.escape(name)}:\s*var\([^,]+,\s*(#[0-9a-fA-F]+)\)", CSS)
    assert found and _long(found.group(1)) == color
