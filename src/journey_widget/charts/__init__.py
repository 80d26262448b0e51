"""Altair charts of a journey map: emotion curve, stage metrics, priority matrix.

They take a :class:`~journey_widget.model.Journey` (``m.journey``) and return ordinary Altair
charts a user can restyle, layer and save (``chart.save("x.svg")`` uses vl-convert, offline).
``JourneyMap.emotion_chart()``, ``.metrics_chart()`` and ``.priority_chart()`` call these.
"""

from .emotion import emotion_chart
from .priority import priority_chart
from .render import to_svg
from .stage_metrics import metrics_chart

__all__ = ["emotion_chart", "metrics_chart", "priority_chart", "to_svg"]
