"""Optional dependencies: what each extra brings, and the error that names a missing one.

``pip install "journey-widget[EXTRA]"`` adds what a feature needs beyond the map itself:

========== ======================================= =========================================
extra      brings                                  for
========== ======================================= =========================================
execute    nbclient, ipykernel                     ``jw.report(..., execute=True)``
pdf        playwright                              PDF reports where no system Chromium is
pptx       python-pptx                             PowerPoint slides built from maps
collab     jupyter-collaboration                   several people editing one notebook live
engines    polars, duckdb, pyarrow, pyspark        analytics on those engines' frames
========== ======================================= =========================================
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .model.errors import JourneyError

EXTRAS = {
    "execute": ("nbclient", "ipykernel"),
    "pdf": ("playwright",),
    "pptx": ("pptx",),
    "collab": ("jupyter_collaboration",),
    "engines": ("polars", "duckdb", "pyarrow", "pyspark"),
}
"""The modules each extra installs, by import name."""


def require(module: str, extra: str, feature: str) -> ModuleType:
    """The module ``module``, or a :class:`JourneyError` naming the extra that installs it.

    Parameters
    ----------
    module : str
        The import name, e.g. ``"nbclient"``.
    extra : str
        The extra of journey-widget that installs it, one of :data:`EXTRAS`.
    feature : str
        What needs it, in words, e.g. ``"report(..., execute=True)"``.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    JourneyError
        The module is not installed; the message says ``pip install "journey-widget[extra]"``.

    Examples
    --------
    >>> require("json", "execute", "reading JSON").__name__
    'json'
    >>> require("no_such_module", "pptx", "slides")
    Traceback (most recent call last):
    ...
    journey_widget.model.errors.JourneyError: slides needs no_such_module, which is not installed: pip install "journey-widget[pptx]"
    """  # noqa: E501
    if extra not in EXTRAS:
        raise ValueError(f"unknown extra {extra!r}; expected one of {sorted(EXTRAS)}")
    try:
        return importlib.import_module(module)
    except ImportError as err:  # a module set to None in sys.modules raises ImportError too
        top = module.split(".", 1)[0]
        if err.name is not None and err.name.split(".", 1)[0] != top:
            raise  # the module is there but one of its own imports is broken: show that
        raise JourneyError(
            f'{feature} needs {top}, which is not installed: pip install "journey-widget[{extra}]"'
        ) from None
