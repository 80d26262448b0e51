"""Sizes that line a chart up with the map's columns, for the overlays under the widget.

The board is a CSS grid: a lane-header column of ``--jw-lane-width`` (``LANE_WIDTH``, 148 px)
then one column of ``--jw-col-width`` (``COLUMN_WIDTH``, 220 px) per map column; both come from
``vocabulary.json``, which the widget reads too.
An overlay chart is drawn with ``autosize: none``, a left padding equal to the lane-header
width (its y axis lives there) and a plot exactly ``columns * column`` wide, so band ``i``
spans the same pixels as map column ``i`` when the image sits at the board's left edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..vocabulary import COLUMN_WIDTH as COLUMN_WIDTH
from ..vocabulary import LANE_WIDTH as LANE_WIDTH


@dataclass(frozen=True)
class Geometry:
    """Pixel layout of an overlay chart: ``left`` padding, ``column`` width, plot ``height``."""

    columns: int
    height: int
    left: int = LANE_WIDTH
    column: int = COLUMN_WIDTH
    top: int = 30
    bottom: int = 8
    right: int = 12

    @property
    def plot_width(self) -> int:
        """Width of the plot area in pixels: ``columns * column`` (at least one column)."""
        return max(1, self.columns) * self.column

    def padding(self) -> dict[str, int]:
        """The chart's padding in pixels on each side."""
        return {"left": self.left, "right": self.right, "top": self.top, "bottom": self.bottom}

    def top_level(self) -> dict[str, Any]:
        """Top-level chart properties.

        No automatic sizing, fixed padding, white background, no frame around the plot.
        """
        return {
            "autosize": {"type": "none"},
            "padding": self.padding(),
            "background": "white",
            "config": {"view": {"stroke": None}},
        }
