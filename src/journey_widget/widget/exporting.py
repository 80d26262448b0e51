"""Where the exporters plug in: ``m.save``, ``m.to_svg`` and ``m.to_png`` call them.

The exporters (:mod:`journey_widget.exports`) write reports, pictures and slides: a layer above
the widget, which therefore never imports them. The package's root plugs them in when
``journey_widget`` is imported (they load on first use), so the layers stay acyclic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import JourneyError

_EXPORTERS: dict[str, Callable[..., Any]] = {}


def plug(name: str, exporter: Callable[..., Any]) -> None:
    """Make ``exporter`` the one the map's ``name`` method calls (``save``, ``to_svg``...)."""
    _EXPORTERS[name] = exporter


def exporter(name: str) -> Callable[..., Any]:
    """The exporter plugged in under ``name``.

    Raises
    ------
    JourneyError
        When none is (only possible if the package root was bypassed).
    """
    found = _EXPORTERS.get(name)
    if found is None:
        raise JourneyError(f"no exporter for {name!r}: import journey_widget to plug them in")
    return found
