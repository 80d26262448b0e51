"""A tiny markup builder that escapes every text and attribute value.

User strings reach HTML and SVG only through :func:`el` and :func:`text`, so card text such as
``<script>`` is always shown literally: text is text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping


class Safe(str):
    """A string of markup built here (escaped already); plain ``str`` children are escaped."""


def text(value: object) -> Safe:
    """Escape a value for use as text content."""
    return Safe(html.escape("" if value is None else str(value), quote=False))


def _attr(name: str, value: object) -> str:
    if value is True:
        return f" {name}"
    return f' {name}="{html.escape(str(value), quote=True)}"'


def el(
    tag: str,
    attrs: Mapping[str, object] | None = None,
    children: Iterable[Safe | str | None] | Safe | str | None = None,
) -> Safe:
    """An element with escaped attributes; ``str`` children are escaped, :class:`Safe` kept.

    Attributes whose value is ``None`` or ``False`` are left out.

    Examples
    --------
    >>> el("p", {"class": "x"}, "<b>")
    '<p class="x">&lt;b&gt;</p>'
    """
    attributes = "".join(
        _attr(k, v) for k, v in (attrs or {}).items() if v is not None and v is not False
    )
    if children is None:
        kids: Iterable[Safe | str | None] = ()
    elif isinstance(children, str):
        kids = (children,)
    else:
        kids = children
    body = "".join(c if isinstance(c, Safe) else text(c) for c in kids if c is not None)
    return Safe(f"<{tag}{attributes}>{body}</{tag}>")


def num(value: float) -> str:
    """A number as the markup writes it: rounded to 3 decimals, whole numbers without a point.

    Examples
    --------
    >>> num(2.0), num(1 / 3)
    ('2', '0.333')
    """
    rounded = round(float(value), 3)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


def join(parts: Iterable[Safe | None]) -> Safe:
    """The parts joined into one :class:`Safe` string, ``None`` parts left out."""
    return Safe("".join(p for p in parts if p is not None))
