"""What the stage metrics charts share: a panel's height and a value's label."""

from __future__ import annotations

from ..model.metric_format import format_value

PANEL_HEIGHT = 90
__all__ = ["PANEL_HEIGHT", "format_value"]
