"""Errors raised by the journey model."""

from __future__ import annotations


class JourneyError(ValueError):
    """Bad input or an edit the map cannot accept.

    Raised before any state changes. The message names the column, the value
    and what was expected, so it can be shown to the user as it is.
    """
