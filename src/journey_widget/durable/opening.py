"""``jw.open``: a map bound to its ``.journey.json`` file."""

from __future__ import annotations

import atexit
import contextlib
import os
import pathlib
import threading
import warnings
from typing import Any

import pandas as pd

from ..io.atomic import atomic_write, remove_stale_temps
from ..io.json_format import document_text, journey_from_dict, journey_from_json, journey_to_dict
from ..model import Journey, JourneyError
from ..widget import JourneyMap
from .binding import FileBinding
from .watch import read_bytes

#: Keyword arguments that set up the widget rather than describe the map.
WIDGET_OPTIONS = ("read_only", "overlays")
_MAP_OPTIONS = ("stages", "lanes", "scale", "title", "persona", "state", "metrics")
_bound: dict[pathlib.Path, FileBinding] = {}
_bound_lock = threading.Lock()


class JourneyNotice(UserWarning):
    """Something worth knowing that is not an error: e.g. the file won over ``default``."""


def open(path: str | os.PathLike[str], default: Any = None, **map_kwargs: Any) -> JourneyMap:
    """Open the map kept in ``path``, creating the file from ``default`` if it does not exist.

    The map returned is bound to the file: every accepted edit (browser or Python, undo and
    redo too) is written to it atomically within ~100 ms of the edits pausing, and changes
    made to the file elsewhere are loaded into the map as one undoable step. Re-running the
    cell restores every edit. See ``docs/durable.md``.

    Parameters
    ----------
    path : str or path-like
        A ``.journey.json`` file; its folder must exist.
    default : DataFrame, Journey, JourneyMap, str or None
        What a new file starts from: a card DataFrame, a map, the name of a template
        (:func:`journey_widget.templates.names`) or ``None`` (an empty map). Ignored when
        the file exists: the file wins, and a :class:`JourneyNotice` warning says so when
        ``default`` (with ``map_kwargs``) describes a different map.
    **map_kwargs
        For a new file: ``stages``, ``lanes``, ``scale``, ``title``, ``persona``, ``state``,
        ``metrics`` (as for :class:`JourneyMap`). Always: ``read_only``, ``overlays``.

    Returns
    -------
    JourneyMap
        Bound to the file: ``m.path``, ``m.file_status``, ``m.flush()``, ``m.close_file()``.

    Raises
    ------
    JourneyError
        The path is not a ``.json`` file in an existing folder, ``default`` is not usable,
        or the file is not a valid map (naming the file, the JSON path and what was
        expected).

    Examples
    --------
    >>> m = jw.open("checkout.journey.json", default=cards, title="Checkout")
    >>> m.file_status.state
    'saved'
    """
    target = _checked_path(path)
    widget_kwargs = {k: map_kwargs.pop(k) for k in WIDGET_OPTIONS if k in map_kwargs}
    unknown = [k for k in map_kwargs if k not in _MAP_OPTIONS]
    if unknown:
        raise JourneyError(
            f"jw.open got unknown option(s) {', '.join(map(repr, unknown))}; "
            f"expected {', '.join(_MAP_OPTIONS + WIDGET_OPTIONS)}"
        )
    release(target)
    remove_stale_temps(target)
    try:
        disk, _ = read_bytes(target)
    except OSError as err:
        raise JourneyError(f"{target}: cannot be read: {err.strerror or err}") from None
    if disk is None:
        journey = _default_journey(default, map_kwargs)
        text = document_text(journey_to_dict(journey)).encode()
        try:
            created = atomic_write(target, text, create_only=True)
        except OSError as err:
            raise JourneyError(f"{target}: cannot be created: {err.strerror or err}") from None
        if not created:  # another process created it meanwhile: the file wins
            disk = target.read_bytes()
    if disk is not None:
        journey = journey_from_json(disk, source=target)
        text = disk
        if default is not None or map_kwargs:
            _notice_if_different(target, journey, _default_journey(default, map_kwargs))
    widget = JourneyMap.from_journey(journey, **widget_kwargs)
    binding = FileBinding(widget, target, text, journey_to_dict(journey))
    widget._binding = binding  # read by m.path, m.file_status, m.flush(), m.close_file()
    widget._show_file_status(binding.status)  # the views show the file from the start
    binding.on_close = _forget
    with _bound_lock:
        _bound[target] = binding
    return widget


def _checked_path(path: str | os.PathLike[str]) -> pathlib.Path:
    if not isinstance(path, str | os.PathLike):
        raise JourneyError(f"path must be a file name, got {type(path).__name__}")
    target = pathlib.Path(path).expanduser().absolute()
    if not target.name.endswith(".json"):
        raise JourneyError(f"jw.open keeps a map in a .journey.json file, got {target.name!r}")
    if target.is_dir():
        raise JourneyError(f"{target} is a folder; expected a .journey.json file")
    if not target.parent.is_dir():
        raise JourneyError(f"the folder {target.parent} does not exist; create it first")
    return target


def _default_journey(default: Any, map_kwargs: dict[str, Any]) -> Journey:
    """The journey ``default`` and ``map_kwargs`` describe (no widget made)."""
    if default is None or isinstance(default, pd.DataFrame):
        return Journey(default, **map_kwargs)
    if isinstance(default, str):
        from .. import templates

        extra = [k for k in map_kwargs if k not in ("title", "persona", "state", "scale")]
        if extra:
            raise JourneyError(
                f"a template sets its own stages, lanes and metrics; jw.open "
                f"got {', '.join(extra)} with template {default!r}"
            )
        with contextlib.closing(templates.load(default, **map_kwargs)) as made:
            return made.journey
    if isinstance(default, JourneyMap | Journey):
        if map_kwargs:
            raise JourneyError(
                f"jw.open takes {', '.join(map_kwargs)} with a DataFrame or a "
                "template name, not with a map: set them on the map instead"
            )
        journey = default.journey if isinstance(default, JourneyMap) else default
        return journey_from_dict(journey_to_dict(journey))  # a copy, sharing nothing
    raise JourneyError(
        f"default must be a DataFrame of cards, a Journey or JourneyMap, a "
        f"template name or None, got {type(default).__name__}"
    )


def _comparable(journey: Journey) -> dict[str, Any]:
    doc = journey_to_dict(journey)
    doc["cards"] = [{k: v for k, v in card.items() if k != "id"} for card in doc["cards"]]
    return doc


def _notice_if_different(path: pathlib.Path, found: Journey, default: Journey) -> None:
    ours, theirs = _comparable(found), _comparable(default)
    differs = [k for k in dict.fromkeys([*ours, *theirs]) if ours.get(k) != theirs.get(k)]
    if not differs:
        return
    warnings.warn(
        JourneyNotice(
            f"{path.name} exists, so the map comes from the file ({len(found.table)} cards); the "
            f"default given ({len(default.table)} cards) differs in {', '.join(differs)} and was "
            f"not used. To start over from it, delete the file or assign m.data."
        ),
        stacklevel=3,
    )


def release(path: pathlib.Path) -> None:
    """Flush and unbind the map this process bound to ``path`` earlier (a re-run cell)."""
    with _bound_lock:
        binding = _bound.get(path)
    if binding is not None:
        binding.close()


def _forget(binding: FileBinding) -> None:
    """A closed binding (``m.close_file()``) is no longer this process's binding of its file."""
    with _bound_lock:
        if _bound.get(binding.path) is binding:
            del _bound[binding.path]


@atexit.register
def _flush_all() -> None:
    """At interpreter exit, write what is pending (best effort)."""
    with _bound_lock:
        bindings = list(_bound.values())
    for binding in bindings:
        with contextlib.suppress(Exception):
            binding.flush()
