"""journey_widget: editable customer journey maps in Jupyter, bound to a pandas DataFrame.

``import journey_widget`` loads only what a map needs; reports, analytics, charts, templates and
the rest load on first use (PEP 562), so a notebook that only draws a map starts fast.

>>> import journey_widget as jw
>>> m = jw.JourneyMap(cards, title="Checkout")
>>> m.stages
('Browse', 'Cart', 'Pay')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .compare import CompareView, compare  # eager: the package and the function share a name
from .model import Journey, JourneyError, Lane, Persona, Scale, Stage
from .widget import EditEvent, JourneyMap, load
from .widget.exporting import plug

if TYPE_CHECKING:
    from . import analytics, metrics, templates
    from .durable import FileStatus, JourneyNotice, open
    from .magic import load_ipython_extension
    from .practice import Finding, diff, emotion_change
    from .reports import report

#: Names loaded on first use: the attribute and the module that defines it.
_LAZY = {
    "analytics": ".analytics",
    "metrics": ".metrics",
    "templates": ".templates",
    "FileStatus": ".durable",
    "JourneyNotice": ".durable",
    "open": ".durable",
    "load_ipython_extension": ".magic",
    "Finding": ".practice",
    "diff": ".practice",
    "emotion_change": ".practice",
    "report": ".reports",
}


def _exporter(name: str) -> Any:
    """An exporter of :mod:`.exports`, imported when a map first saves or draws a picture."""

    def export(*args: Any, **kwargs: Any) -> Any:
        from . import exports

        return getattr(exports, name)(*args, **kwargs)

    return export


for _name in ("save", "to_svg", "to_png"):  # m.save, m.to_svg, m.to_png (widget/exporting.py)
    plug(_name, _exporter(_name))


def __getattr__(name: str) -> Any:
    """Import a lazily loaded name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'journey_widget' has no attribute {name!r}")
    loaded = importlib.import_module(module, __name__)
    value = loaded if module == f".{name}" else getattr(loaded, name)  # a module, or a name in it
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CompareView",
    "EditEvent",
    "FileStatus",
    "Finding",
    "Journey",
    "JourneyError",
    "JourneyMap",
    "JourneyNotice",
    "Lane",
    "Persona",
    "Scale",
    "Stage",
    "__version__",
    "analytics",
    "compare",
    "diff",
    "emotion_change",
    "load",
    "load_ipython_extension",
    "metrics",
    "open",
    "report",
    "templates",
]
