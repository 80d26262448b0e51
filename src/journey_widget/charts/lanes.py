"""The colours of lanes in the priority charts: pain red, opportunity green, others a palette."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..vocabulary import lane_tone


def lane_color(data: pd.DataFrame) -> alt.Color:
    """A colour encoding of ``data["lane"]``: pain red, opportunity green, others a palette."""
    lanes_shown = list(dict.fromkeys(data["lane"]))
    others = iter(["#1976d2", "#8e44ad", "#d4a017", "#5d4037"] * len(lanes_shown))
    tone_colors = {"pain": "#d32f2f", "opportunity": "#2e7d32"}
    colors = [tone_colors.get(lane_tone(n) or "") or next(others) for n in lanes_shown]
    return alt.Color(
        "lane:N",
        title=None,
        legend=alt.Legend(orient="top"),
        scale=alt.Scale(domain=lanes_shown or [""], range=colors or ["#000"]),
    )
