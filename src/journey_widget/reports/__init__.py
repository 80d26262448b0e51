"""Reports for people who never run Python: a notebook, an offline HTML page or a PDF.

>>> jw.report(m, "checkout.html")
PosixPath('checkout.html')
>>> jw.report([m, m.copy(state="future")], "compare.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import nbformat

from ..extras import require
from ..model import Journey, JourneyError
from .html import notebook_html
from .notebook import build_notebook
from .pdf import html_to_pdf

Format = Literal["html", "pdf", "ipynb"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "ipynb")


def _journeys(maps: Any) -> list[Journey]:
    items = list(maps) if isinstance(maps, Sequence) and not isinstance(maps, str) else [maps]
    journeys = []
    for item in items:
        journey = item if isinstance(item, Journey) else getattr(item, "journey", None)
        if not isinstance(journey, Journey):
            raise JourneyError(f"a report takes JourneyMap objects, got {type(item).__name__}")
        journeys.append(journey)
    if not 1 <= len(journeys) <= 2:
        raise JourneyError(
            f"a report takes one map, or two (current and future state); got {len(journeys)}"
        )
    return journeys


def _format(path: Path, format: str | None) -> Format:
    chosen = (format or path.suffix.lstrip(".")).lower()
    for known in FORMATS:
        if chosen == known:
            return known
    raise JourneyError(
        f"cannot tell the report format from {path.name!r}; use a .html, .pdf "
        f"or .ipynb file name or format= one of {', '.join(FORMATS)}"
    )


def report(
    maps: Any,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    format: str | None = None,
    include_code: bool = False,
    execute: bool = False,
    trust: bool = True,
) -> Path:
    """Write a report of one map, or of two compared (current, then future state).

    Parameters
    ----------
    maps : JourneyMap or sequence of one or two JourneyMap
        The map, or the current and the future map.
    path : path-like
        Where to write; the suffix (``.html``, ``.pdf``, ``.ipynb``) picks the format.
    title : str, optional
        The report's title (default: the first map's title).
    format : {"html", "pdf", "ipynb"}, optional
        Overrides the suffix.
    include_code : bool
        Show the code cells that compute each section.
    execute : bool
        Run the notebook in a kernel (nbclient) instead of building its outputs in-process.
        In-process building needs no kernel and gives byte-identical notebooks for the same map.
    trust : bool
        For ``.ipynb``: sign the notebook as trusted on this machine, as Jupyter does for the
        notebooks you save, so JupyterLab draws the live widget from its saved state. Opened
        elsewhere (untrusted), it shows the static map, which looks the same.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> jw.report(m, "checkout.html")
    PosixPath('checkout.html')
    """
    target = Path(path)
    fmt = _format(target, format)
    nb = build_notebook(_journeys(maps), title=title, include_code=include_code)
    if execute:
        nb = _execute(nb)
    if fmt == "ipynb":
        target.write_text(nbformat.writes(nb), encoding="utf-8")
        if trust:
            _sign(nb)
        return target
    page = notebook_html(nb, include_code=include_code)
    if fmt == "html":
        target.write_text(page, encoding="utf-8")
    else:
        html_to_pdf(page, target)
    return target


def _sign(nb: nbformat.NotebookNode) -> None:
    """Record the notebook as trusted in this user's Jupyter signature store (not in the file)."""
    from nbformat.sign import NotebookNotary

    try:
        NotebookNotary().sign(nb)
    except Exception as err:  # a read-only home must not cost the user their report
        logging.getLogger("journey_widget").warning("could not mark the report trusted: %s", err)


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    feature = "report(..., execute=True)"
    require("ipykernel", "execute", feature)  # the kernel nbclient starts
    NotebookClient = require("nbclient", "execute", feature).NotebookClient

    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True).execute()
    return nb


__all__ = ["FORMATS", "build_notebook", "notebook_html", "report"]
