"""Charts to SVG with vl-convert (Altair's own exporter): no browser, no network."""

from __future__ import annotations

import functools
from typing import Any

import altair as alt

from .layout import Geometry


@functools.cache
def vl_version() -> str:
    """The Vega-Lite version Altair writes, as vl-convert names it (e.g. ``v6_4``)."""
    from altair.utils._importers import vl_version_for_vl_convert

    return str(vl_version_for_vl_convert())


def vegalite_mimetype() -> str:
    """The MIME type of the specs Altair writes, from Altair's own Vega-Lite version.

    Examples
    --------
    >>> vegalite_mimetype()  # with Altair 6
    'application/vnd.vegalite.v6+json'
    """
    major = str(alt.SCHEMA_VERSION).split(".", 1)[0]  # "v6.4.1" -> "v6"
    return f"application/vnd.vegalite.{major}+json"


def _vlc() -> Any:
    import vl_convert

    return vl_convert


def spec_of(chart: alt.TopLevelMixin, validate: bool = False) -> dict[str, Any]:
    """The chart's Vega-Lite spec (not validated by default: the builders make valid ones)."""
    return dict(chart.to_dict(validate=validate))


def to_svg(chart: alt.TopLevelMixin | dict[str, Any]) -> str:
    """Render an Altair chart (or a Vega-Lite spec dict) to SVG text.

    Examples
    --------
    >>> svg = to_svg(m.emotion_chart())
    """
    spec = chart if isinstance(chart, dict) else spec_of(chart)
    return str(_vlc().vegalite_to_svg(spec, vl_version=vl_version()))


def overlay_svg(
    spec: dict[str, Any], geometry: Geometry, panels: int = 1, spacing: int = 0
) -> tuple[str, int, int]:
    """Render an overlay spec at an exact pixel size; returns ``(svg, width, height)``.

    Faceted specs have no top-level size in Vega-Lite, so the spec is compiled to Vega and
    given the plot size (``panels`` rows of ``geometry.height`` with ``spacing``) there.
    """
    vlc = _vlc()
    vega = dict(vlc.vegalite_to_vega(spec, vl_version=vl_version()))
    height = panels * geometry.height + max(0, panels - 1) * spacing
    vega["width"], vega["height"] = geometry.plot_width, height
    svg = str(vlc.vega_to_svg(vega))
    return (
        svg,
        geometry.left + geometry.plot_width + geometry.right,
        geometry.top + height + geometry.bottom,
    )
