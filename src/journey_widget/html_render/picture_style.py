"""The colours, type and text wrapping of the map as a picture (:mod:`.image`).

A picture has no stylesheet, so the widget's light-theme colours (``static/widget.css``, the
fallbacks of its ``--jw-*`` properties and the badges' ``--jw-badge``) are written here as
plain values; tests/unit/exports/test_picture_palette.py checks them against the stylesheet so
the two cannot drift apart.
"""

from __future__ import annotations

import textwrap

#: The widget's theme fallbacks (``.jw-root`` in widget.css).
FG, MUTED, BG, BG_HEAD, CARD_BG = "#222222", "#666666", "#ffffff", "#f3f4f6", "#ffffff"
BORDER, BORDER_STRONG, ACCENT, POS, NEG = "#dddddd", "#bbbbbb", "#1976d2", "#2e7d32", "#d32f2f"
#: Pain and opportunity lanes: the cells' tint and the cards' left edge (``.jw-tone-*``).
TONE_COLOR = {"pain": NEG, "opportunity": POS}
TONE_TINT_OPACITY = 0.07
#: The left edge of a badge (``--jw-badge``) by its first class after ``jw-badge``.
BADGE_COLOR = {
    "jw-ch-email": "#1565c0",
    "jw-ch-phone": "#6a1b9a",
    "jw-ch-chat": "#00838f",
    "jw-ch-app": "#2e7d32",
    "jw-ch-social": "#ad1457",
    "jw-ch-store": "#ef6c00",
    "jw-ch-search": "#5d4037",
    "jw-ch-web": "#283593",
    "jw-conf-observed": "#2e7d32",
    "jw-conf-reported": "#1565c0",
    "jw-conf-inferred": "#ef6c00",
    "jw-conf-hypothesized": "#9e9e9e",
    "jw-sev": "#c62828",
    "jw-sev-1": "#f9a825",
    "jw-sev-2": "#f9a825",
    "jw-evidence": "#2e7d32",
    "jw-no-evidence": "#9e9e9e",
}
#: Persona curves after the first (``.jw-series-N``): colour and dash pattern.
SERIES = [(ACCENT, None), ("#8e44ad", "8 3"), ("#e67e22", "2 3"), ("#16a085", "10 3 2 3")]
#: Avatar colours by the vocabulary's colour tokens (``.jw-avatar-*`` fallbacks).
AVATAR = {
    "gray": "#757575",
    "red": "#d32f2f",
    "orange": "#e65100",
    "yellow": "#f9a825",
    "green": "#2e7d32",
    "teal": "#00796b",
    "blue": "#1565c0",
    "purple": "#6a1b9a",
    "pink": "#ad1457",
}
#: Faces tried in order; Liberation and DejaVu are what a bare Linux rasteriser finds.
FONT_FAMILY = "system-ui, 'Segoe UI', Roboto, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
#: The paperclip of the evidence badges (widget.css ``.jw-evidence``), in a 24 by 24 box.
PAPERCLIP = "M16 6v10a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10a1 1 0 0 1-2 0V7"

FONT_SIZE = 13
LINE = 17
BADGE_FONT = 10.5
#: Average advance of a character, in ems, used to wrap and clip text without font metrics.
EM_ADVANCE = 0.56


def fits(width: float, size: float = FONT_SIZE) -> int:
    """How many characters of text ``size`` px fit in ``width`` px (at least one)."""
    return max(1, int(width / (size * EM_ADVANCE)))


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """``text`` broken into lines that fit ``width`` px, keeping its own line breaks.

    Examples
    --------
    >>> wrap("Compares two pairs of running shoes", 120)
    ['Compares two', 'pairs of running', 'shoes']
    """
    chars = fits(width, size)
    out: list[str] = []
    for part in str(text).splitlines() or [""]:
        out.extend(textwrap.wrap(part, chars) or [""])
    return out


def clip(text: str, width: float, size: float = FONT_SIZE) -> str:
    """``text`` on one line, cut with an ellipsis when it is wider than ``width`` px.

    Examples
    --------
    >>> clip("Severity 4", 200), clip("A long evidence list", 60)
    ('Severity 4', 'A long…')
    """
    one = " ".join(str(text).split())
    chars = fits(width, size)
    return one if len(one) <= chars else one[: max(1, chars - 1)].rstrip() + "\u2026"
