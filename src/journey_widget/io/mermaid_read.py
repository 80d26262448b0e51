"""Reading a Mermaid ``journey`` diagram into a map (the mapping: :mod:`journey_widget.io.mermaid`).

Each ``section`` becomes a stage, each task an action step with an ``Actions`` card and an
``Emotions`` card; errors name the line at fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..model import Journey, JourneyError, Lane, Scale
from ..model.structure import to_scale
from .mermaid_syntax import (
    ACTION_PROMPT,
    EMOTION_PROMPT,
    ENTITY,
    MERMAID_MAX,
    MERMAID_MIN,
    UNTITLED,
    unescape,
)


@dataclass
class _Section:
    name: str
    line: int
    tasks: list[tuple[str, float, list[str]]] = field(default_factory=list)


def _error(number: int, message: str) -> JourneyError:
    return JourneyError(f"line {number}: {message}")


def _strip_comments(line: str) -> str:
    """Drop ``%%`` and ``#`` comments the way Mermaid's lexer does, keeping entity codes."""
    return re.sub(r"#(?![A-Za-z0-9_]+;).*", "", re.sub(r"%%.*", "", line)).strip()


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered statements (1-based line numbers), front matter and comments removed."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    if raw and raw[0].strip() == "---":
        end = next((i for i in range(1, len(raw)) if raw[i].strip() == "---"), None)
        if end is None:
            raise _error(1, "front matter opened with '---' is never closed")
        start = end + 1
    in_descr = False
    for number, line in enumerate(raw[start:], start=start + 1):
        if in_descr:
            in_descr = "}" not in line
            continue
        stripped = line.strip()
        if stripped.startswith("%%"):
            continue
        if re.match(r"(?i)accdescr\s*\{", stripped):
            in_descr = "}" not in stripped
            continue
        statement = _strip_comments(line)
        if statement:
            yield number, statement


def _front_title(text: str) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return ""
    for line in lines[1:]:
        if line.strip() == "---":
            break
        match = re.match(r"\s*title\s*:\s*(.*)$", line)
        if match:
            return match.group(1).strip().strip("'\"")
    return ""


def _task(number: int, statement: str) -> tuple[str, float, list[str]]:
    name, _, data = statement.partition(":")
    name = name.strip()
    if not name:
        raise _error(number, f"a task needs a name before ':', got {statement!r}")
    pieces = data.split(":")
    if len(pieces) > 2:
        raise _error(
            number,
            f"task {name!r} has more than two ':'; write a ':' inside a name or an actor as #58;",
        )
    raw = pieces[0].strip()
    try:
        score = float(raw)
    except ValueError:
        raise _error(
            number,
            f"task {name!r} has score {raw!r}; expected a number from "
            f"{MERMAID_MIN} to {MERMAID_MAX}",
        ) from None
    if not MERMAID_MIN <= score <= MERMAID_MAX:
        raise _error(
            number, f"task {name!r} has score {raw}, outside Mermaid's {MERMAID_MIN}..{MERMAID_MAX}"
        )
    actors = [unescape(a.strip()) for a in pieces[1].split(",")] if len(pieces) == 2 else []
    return unescape(name), score, [a for a in actors if a]


def _check_no_semicolon(number: int, statement: str) -> None:
    """Mermaid ends a statement at ``;``: one inside a statement must be written ``#59;``."""
    if ";" in ENTITY.sub("", statement):
        raise _error(
            number,
            f"';' cannot appear in a journey statement; write #59; for a semicolon: {statement!r}",
        )


def _title(number: int, statement: str) -> str:
    """The diagram's title from a ``title TEXT`` statement."""
    title = unescape(statement[5:].strip())
    if not title:
        raise _error(number, "'title' needs the diagram's title after it")
    return title


def _section(number: int, statement: str, sections: list[_Section]) -> _Section:
    """A new section from a ``section NAME`` statement; its name unique among ``sections``."""
    name = statement[7:].strip()
    if not name:
        raise _error(number, "'section' needs a name after it")
    if ":" in name:
        raise _error(number, f"a section name cannot contain ':' (write #58;), got {name!r}")
    name = unescape(name)
    twice = next((s for s in sections if s.name == name), None)
    if twice:
        raise _error(
            number,
            f"section {name!r} appears twice (first at line "
            f"{twice.line}); stage names must be unique",
        )
    return _Section(name, number)


def _parse(text: str) -> tuple[str, list[_Section]]:
    if not isinstance(text, str):
        raise JourneyError(f"a Mermaid journey must be text, got {type(text).__name__}")
    title = _front_title(text)
    sections: list[_Section] = []
    seen_header = False
    for number, statement in _lines(text):
        _check_no_semicolon(number, statement)
        keyword = statement.split(None, 1)[0].lower()
        if not seen_header:
            if statement.lower() != "journey":
                raise _error(number, f"a Mermaid journey starts with 'journey', got {statement!r}")
            seen_header = True
            continue
        if statement.lower() == "journey":
            raise _error(number, "'journey' appears twice")
        if keyword == "title" or statement.lower() == "title":
            title = _title(number, statement)
        elif re.match(r"(?i)acc(title|descr)\s*:", statement):
            continue
        elif keyword == "section":
            sections.append(_section(number, statement, sections))
        elif ":" in statement:
            if not sections:
                raise _error(
                    number,
                    f"task {statement!r} comes before any section; add a "
                    "'section NAME' line above it",
                )
            sections[-1].tasks.append(_task(number, statement))
        else:
            raise _error(
                number,
                f"expected 'title TEXT', 'section NAME' or 'TASK: SCORE: "
                f"ACTORS', got {statement!r}",
            )
    if not seen_header:
        raise JourneyError("line 1: the text is empty; a Mermaid journey starts with 'journey'")
    return title, sections


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def parse_mermaid(text: str, *, scale: Scale | tuple[float, float] | None = None) -> Journey:
    r"""Read a Mermaid ``journey`` diagram into a :class:`Journey`.

    Parameters
    ----------
    text : str
        The diagram, starting with ``journey``.
    scale : (min, max) or Scale, optional
        The map's emotion scale (default -2..2); Mermaid's 1..5 scores map onto it.

    Raises
    ------
    JourneyError
        With a message starting ``"line N: "`` that names the line at fault.

    Examples
    --------
    >>> j = parse_mermaid("journey\n  title Day\n  section Work\n    Make tea: 5: Me\n")
    >>> j.title, j.stage_names(), j.table[["lane", "text", "score", "actors"]].values.tolist()
    ('Day', ['Work'], [['Actions', 'Make tea', nan, 'Me'], ['Emotions', '', 2.0, 'Me']])
    """
    the_scale = to_scale(scale)
    title, sections = _parse(text)
    rows: list[dict[str, Any]] = []
    stages = []
    ids: set[str] = set()
    for section in sections:
        steps: list[str] = []
        for name, score, actors in section.tasks:
            step = name.strip() or UNTITLED
            n = 2
            while step in steps:
                step, n = f"{name.strip()} ({n})", n + 1
            steps.append(step)
            base, n = "mm-" + (_slug(name) or "task"), 2
            while f"{base}-a" in ids:
                base, n = f"mm-{_slug(name) or 'task'}-{n}", n + 1
            ids.add(f"{base}-a")
            value = the_scale.min + (score - MERMAID_MIN) * (the_scale.max - the_scale.min) / (
                MERMAID_MAX - MERMAID_MIN
            )
            who = ", ".join(actors) if actors else None
            common = {"stage": section.name, "step": step, "actors": who}
            rows.append(
                {"id": f"{base}-a", "lane": "Actions", "text": name, "score": None, **common}
            )
            rows.append(
                {"id": f"{base}-e", "lane": "Emotions", "text": "", "score": value, **common}
            )
        stages.append({"name": section.name, "steps": steps})
    frame = pd.DataFrame(rows, columns=["id", "stage", "step", "lane", "text", "score", "actors"])
    if frame["actors"].isna().all():
        frame = frame.drop(columns="actors")
    lanes = [Lane("Actions", "text", ACTION_PROMPT), Lane("Emotions", "emotion", EMOTION_PROMPT)]
    return Journey(frame, stages=stages, lanes=lanes, scale=the_scale, title=title)
