"""Interchange with other journey formats (Mermaid's ``journey`` diagram)."""

from .mermaid import parse_mermaid, to_mermaid

__all__ = ["parse_mermaid", "to_mermaid"]
