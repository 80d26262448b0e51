"""A metric value as a short label, the same in charts, stage headers and reports."""

from __future__ import annotations

__all__ = ["format_value"]


def format_value(value: float, unit: object = None) -> str:
    """A short label: ``81.3%``, ``4.25 on 1-7``... (2 decimals below 10, 1 below 1000, else 0).

    Examples
    --------
    >>> format_value(81.25, "%"), format_value(-12.0, "NPS"), format_value(4.25)
    ('81.2%', '-12 NPS', '4.25')
    """
    digits = 2 if abs(value) < 10 else 1 if abs(value) < 1000 else 0
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if not isinstance(unit, str) or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
