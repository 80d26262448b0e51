"""Two maps side by side with every change marked: the live view and its static HTML."""

from .view import CompareView, compare

__all__ = ["CompareView", "compare"]
