"""Mermaid's ``journey`` syntax shared by the reader and the writer: scores and entity codes.

Text is escaped with Mermaid's entity codes (``#58;`` for ``:``, ``#35;`` for ``#``...); see
:mod:`journey_widget.io.mermaid` for the whole mapping between a map and a diagram.
"""

from __future__ import annotations

import html
import re

MERMAID_MIN, MERMAID_MAX = 1, 5
ACTION_PROMPT = "What is the customer doing?"
EMOTION_PROMPT = "How do they feel? 1 (awful) to 5 (great) in Mermaid."
KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")
ENTITY = re.compile(r"#([A-Za-z0-9_]+);")  # as Mermaid's encodeEntities (JS's \w)
UNTITLED = "(no text)"


def escape(text: str, specials: str) -> str:
    """``text`` stripped, with ``specials`` and line breaks written as entity codes."""
    return "".join(f"#{ord(c)};" if c in specials or c in "\n\r" else c for c in text.strip())


def escape_task(text: str) -> str:
    """A task name Mermaid reads back as ``text`` (see :mod:`journey_widget.io.mermaid`)."""
    out = escape(text, "#:;%")
    if not out:
        return UNTITLED
    if out.lower().startswith(KEYWORDS):
        out = f"#{ord(out[0])};{out[1:]}"
    return out


def unescape(text: str) -> str:
    """``text`` with Mermaid's entity codes (``#58;``, ``#amp;``) decoded."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.isdigit():
            code = int(name)
            return chr(code) if 0 < code < 0x110000 else match.group(0)
        decoded = html.unescape(f"&{name};")
        return match.group(0) if decoded == f"&{name};" else decoded

    return ENTITY.sub(entity, text)
