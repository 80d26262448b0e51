"""The map rendered without a browser: HTML sharing the widget's markup and stylesheet."""

from __future__ import annotations

import base64
import re
import urllib.parse
from importlib import resources

from ..model import Journey
from .board import render_map
from .markup import Safe, el, text


def widget_css() -> str:
    """The widget's stylesheet (``static/widget.css``) and the static map's table rules.

    The one look of the map in the notebook, in exports and in reports.
    """
    widget = (resources.files("journey_widget") / "static" / "widget.css").read_text("utf-8")
    table = (resources.files("journey_widget.html_render") / "static.css").read_text("utf-8")
    return _base64_svg_urls(f"{widget}\n{table}")


def _base64_svg_urls(css: str) -> str:
    """Inline SVG icons as base64 ``data:`` URLs, so a report holds no ``http`` text at all.

    An SVG's namespace is spelled ``http://www.w3.org/2000/svg``.
    """

    def encode(match: re.Match[str]) -> str:
        svg = urllib.parse.unquote(match.group(1))
        return f'url("data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}")'

    return re.sub(r'url\("data:image/svg\+xml,([^"]*)"\)', encode, css)


def map_html(journey: Journey, *, with_style: bool = True) -> str:
    """The map as a self-contained HTML fragment (with the widget's CSS in a ``<style>``).

    Parameters
    ----------
    journey : Journey
        The map to draw.
    with_style : bool
        Include the stylesheet; leave it out when the page already has it.
    """
    body = render_map(journey)
    if not with_style:
        return str(body)
    return f"<style>{widget_css()}</style>{body}"


__all__ = ["Safe", "el", "map_html", "render_map", "text", "widget_css"]
