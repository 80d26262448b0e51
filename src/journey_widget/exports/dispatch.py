"""``save(journey, path)``: the file format by the path's suffix, like Altair's ``chart.save``.

The suffix is checked before anything is written or loaded, so a wrong name costs nothing.
Formats this package writes itself go to disk atomically (:func:`~journey_widget.io.atomic
.atomic_write`: readers see the old file or the new one, never half of it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..io import journey_to_csv, journey_to_json, to_mermaid
from ..io.atomic import atomic_write
from ..model import Journey, JourneyError

#: Every suffix ``save`` knows, longest first where one ends another.
SUFFIXES: tuple[str, ...] = (
    ".journey.json",
    ".json",
    ".csv",
    ".mmd",
    ".html",
    ".pdf",
    ".ipynb",
    ".svg",
    ".png",
    ".pptx",
)


def suffix_of(path: str | os.PathLike[str]) -> str:
    """The known suffix ``path`` ends with (case-insensitively).

    Raises
    ------
    JourneyError
        When it ends with none of :data:`SUFFIXES`; the message lists them.

    Examples
    --------
    >>> suffix_of("checkout.Journey.JSON"), suffix_of("map.png")
    ('.journey.json', '.png')
    """
    name = Path(path).name.lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    raise JourneyError(
        f"cannot tell what to write from the file name {Path(path).name!r}: "
        f"use one of the suffixes {', '.join(SUFFIXES)}"
    )


def _json(journey: Journey, path: Path, scale: float) -> None:
    atomic_write(path, journey_to_json(journey, 1).encode("utf-8"))


def _csv(journey: Journey, path: Path, scale: float) -> None:
    journey_to_csv(journey, path)


def _mermaid(journey: Journey, path: Path, scale: float) -> None:
    atomic_write(path, to_mermaid(journey).encode("utf-8"))


def _report(journey: Journey, path: Path, scale: float) -> None:
    from ..reports import report

    report(journey, path)


def _svg(journey: Journey, path: Path, scale: float) -> None:
    from .picture import to_svg

    atomic_write(path, to_svg(journey).encode("utf-8"))


def _png(journey: Journey, path: Path, scale: float) -> None:
    from .picture import to_png

    atomic_write(path, to_png(journey, scale=scale))


def _pptx(journey: Journey, path: Path, scale: float) -> None:
    from .slides import to_pptx

    atomic_write(path, to_pptx(journey))


Writer = Callable[[Journey, Path, float], None]
WRITERS: dict[str, Writer] = {
    ".journey.json": _json,
    ".json": _json,
    ".csv": _csv,
    ".mmd": _mermaid,
    ".html": _report,
    ".pdf": _report,
    ".ipynb": _report,
    ".svg": _svg,
    ".png": _png,
    ".pptx": _pptx,
}


def save(journey: Journey, path: str | os.PathLike[str], *, scale: float = 2) -> Path:
    """Write ``journey`` to ``path`` in the format its suffix names.

    Parameters
    ----------
    journey : Journey
        The map.
    path : path-like
        The file; its suffix is one of :data:`SUFFIXES`.
    scale : float
        For ``.png``: pixels per CSS pixel of the picture (2 keeps it crisp on slides and
        high-density screens).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    JourneyError
        An unknown suffix (nothing is written), or what the format's writer refuses.
    """
    target = Path(path)
    WRITERS[suffix_of(target)](journey, target, scale)
    return target
