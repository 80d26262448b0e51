"""Open a saved map file as a widget."""

from __future__ import annotations

import os
import pathlib

from ..io.json_format import read_journey_file
from .map_widget import JourneyMap


def load(path: str | os.PathLike[str]) -> JourneyMap:
    """Open a map saved with :meth:`JourneyMap.save` (JSON, or CSV by suffix).

    Parameters
    ----------
    path : str or path-like
        A ``.journey.json`` file, or a ``.csv`` of cards.

    Returns
    -------
    JourneyMap
        A new map, not bound to the file (see :func:`journey_widget.open` for that).

    Raises
    ------
    JourneyError
        When the file is not a valid map: a :class:`~journey_widget.io.JourneyFormatError`
        naming the file, the JSON path and what was expected.
    """
    path = pathlib.Path(path)
    if path.suffix.lower() == ".csv":
        return JourneyMap.from_csv(path)
    return JourneyMap.from_journey(read_journey_file(path))
