"""The ``%%journey`` cell magic: sketch a map in Mermaid's ``journey`` syntax, get it editable.

::

    %load_ext journey_widget

    %%journey checkout
    title Online checkout
    section Browse
      Compare two pairs: 4: Buyer
    section Pay
      Card declined: 1: Buyer, Bank

shows the editable map and binds it to ``checkout``. Errors name the line of the cell.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from .model import JourneyError

USAGE = "usage: %%journey [NAME] [--scale MIN,MAX]"


def parse_line(line: str) -> tuple[str | None, tuple[float, float] | None]:
    """The magic line's options: a variable name to bind, and the map's emotion scale."""
    try:
        words = shlex.split(line)
    except ValueError as err:
        raise JourneyError(f"{USAGE} ({err})") from None
    name: str | None = None
    scale: tuple[float, float] | None = None
    while words:
        word = words.pop(0)
        if word.startswith("--scale"):
            value = word.partition("=")[2] or (words.pop(0) if words else "")
            try:
                low, high = (float(v) for v in value.split(","))
            except ValueError:
                raise JourneyError(f"--scale takes MIN,MAX such as -2,2; got {value!r}") from None
            scale = (low, high)
        elif name is None and word.isidentifier():
            name = word
        else:
            raise JourneyError(f"{USAGE}; {word!r} is not a Python name")
    return name, scale


def cell_error(err: JourneyError) -> str:
    """Restate a diagram error with the cell's own line numbers (the magic line is line 1)."""
    match = re.match(r"line (\d+): (.*)", str(err), re.S)
    if not match:
        return f"%%journey: {err}"
    number = int(match.group(1))
    return (
        f"%%journey: line {number + 1} of the cell (line {number} of the diagram): {match.group(2)}"
    )


def journey(line: str, cell: str, namespace: dict[str, Any] | None = None) -> Any:
    """Build the map from the cell body; bind it to the name given; return it for display."""
    from .widget import JourneyMap

    name, scale = parse_line(line)
    body = cell if cell.lstrip().startswith("journey") else f"journey\n{cell}"
    offset = 0 if cell.lstrip().startswith("journey") else 1
    try:
        m = JourneyMap.from_mermaid(body, scale=scale)
    except JourneyError as err:
        match = re.match(r"line (\d+): (.*)", str(err), re.S)
        if match and offset:  # count lines of the cell body, not of the added header
            err = JourneyError(f"line {int(match.group(1)) - offset}: {match.group(2)}")
        raise JourneyError(cell_error(err)) from None
    if name and namespace is not None:
        namespace[name] = m
    return m


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%journey`` (called by ``%load_ext journey_widget``)."""
    from IPython.core.error import UsageError

    def journey_magic(line: str, cell: str) -> Any:
        try:
            return journey(line, cell, ipython.user_ns)
        except JourneyError as err:
            raise UsageError(str(err)) from None

    journey_magic.__doc__ = __doc__
    ipython.register_magic_function(journey_magic, magic_kind="cell", magic_name="journey")
