"""Mermaid's ``journey`` diagram in and out, so maps move in and out of Markdown docs.

Mermaid's syntax::

    journey
        title Online checkout
        section Browse
          Searches for shoes: 4: Buyer
          Compares two pairs: 2: Buyer, Friend

**Reading** (:func:`parse_mermaid`): each ``section`` becomes a stage; each task becomes an
action step of that stage (the step is named after the task, `` (2)`` added to a repeated
name) holding a card on the ``Actions`` lane (the task's text) and a card on the ``Emotions``
lane (its score, text empty). The actors go to an ``actors`` column ("Me, Cat") on both cards;
the column exists only when some task names actors. Card ids derive from the task names
(``mm-make-tea-a`` and ``mm-make-tea-e``), so reading the same diagram twice gives the same ids
and :func:`journey_widget.diff` can compare two versions of a diagram.

**Scores**: Mermaid's 1..5 maps linearly onto the map's scale (default -2..2: 1 is -2, 3 is 0,
5 is 2) and back. On -2..2 and 1..5 whole points map to whole points; on other scales a score
is written with up to two decimals.

**Writing** (:func:`to_mermaid`): stages become sections, in order. Within each column of a
stage (its cards without a step, then each step), the n-th card of the action lane (the
first text lane whose name contains "action" or "doing", else the first text lane) pairs with
the n-th card of the first emotion lane to make one task: its name is the action's text (the
emotion card's text when there is no action), its score the emotion's score; an action left
without a partner takes the mean emotion score of its column, or the neutral 3 when the
column has none (Mermaid needs a score on every task). Actors come from an ``actors``
column, else from the ``persona`` column. Other lanes have no place in Mermaid's diagram and
are left out. Text is escaped with Mermaid's entity codes (``#58;`` for ``:``, ``#35;`` for
``#``, ``#59;`` for ``;``, ``#37;`` for ``%``, ``#44;`` for a comma in an actor's name,
``#10;`` for a line break), and task names that start with a Mermaid keyword get their first
letter escaped, so no text breaks the diagram; reading decodes them. Surrounding whitespace
is not kept; an empty task name is written as ``(no text)``.

Accessibility lines (``accTitle``, ``accDescr``), ``%%`` comments and directives are read and
ignored; a YAML front matter ``title`` is used as the title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..model import Journey, JourneyError, Lane, Scale
from ..model.structure import to_scale

MERMAID_MIN, MERMAID_MAX = 1, 5
ACTION_PROMPT = "What is the customer doing?"
EMOTION_PROMPT = "How do they feel? 1 (awful) to 5 (great) in Mermaid."
_KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")
_ENTITY = re.compile(r"#([A-Za-z0-9_]+);")  # as Mermaid's encodeEntities (JS's \w)
_UNTITLED = "(no text)"


# ---- escaping --------------------------------------------------------------------------------
def _escape(text: str, specials: str) -> str:
    return "".join(f"#{ord(c)};" if c in specials or c in "\n\r" else c for c in text.strip())


def escape_task(text: str) -> str:
    """A task name Mermaid reads back as ``text`` (see the module docstring)."""
    out = _escape(text, "#:;%")
    if not out:
        return _UNTITLED
    if out.lower().startswith(_KEYWORDS):
        out = f"#{ord(out[0])};{out[1:]}"
    return out


def _unescape(text: str) -> str:
    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.isdigit():
            code = int(name)
            return chr(code) if 0 < code < 0x110000 else match.group(0)
        decoded = html.unescape(f"&{name};")
        return match.group(0) if decoded == f"&{name};" else decoded

    return _ENTITY.sub(entity, text)


# ---- writing ---------------------------------------------------------------------------------
def _to_mermaid_score(score: float, scale: Scale) -> str:
    value = MERMAID_MIN + (score - scale.min) * (MERMAID_MAX - MERMAID_MIN) / (
        scale.max - scale.min
    )
    return f"{round(value, 2):g}"


def _action_lane(journey: Journey) -> str | None:
    text = [x.name for x in journey.lanes if x.kind == "text"]
    named = [n for n in text if "action" in n.lower() or "doing" in n.lower()]
    return next(iter(named or text), None)


def _actors(card: dict[str, Any] | None) -> list[str]:
    if card is None:
        return []
    for column in ("actors", "persona"):
        value = card.get(column)
        if value is not None and str(value).strip():
            return [a.strip() for a in str(value).split(",") if a.strip()]
    return []


Cell = tuple[list[dict[str, Any]], list[dict[str, Any]]]  # action cards, emotion cards


def _cells(journey: Journey) -> dict[tuple[str, str | None], Cell]:
    """The action and emotion cards of each (stage, step) column, in card order (one pass)."""
    t = journey.table
    action = _action_lane(journey)
    emotion = next((x.name for x in journey.lanes if x.kind == "emotion"), None)
    part = t.loc[
        t["lane"].isin([x for x in (action, emotion) if x is not None]),
        [
            c
            for c in ("stage", "step", "lane", "text", "score", "actors", "persona")
            if c in t.columns
        ],
    ]
    cells: dict[tuple[str, str | None], Cell] = {}
    for card in part.astype(object).where(part.notna(), None).to_dict("records"):
        cell = cells.setdefault((str(card["stage"]), card["step"]), ([], []))
        cell[0 if card["lane"] == action else 1].append({str(k): v for k, v in card.items()})
    return cells


def _columns(
    journey: Journey, stage: str, cells: dict[tuple[str, str | None], Cell]
) -> list[str | None]:
    steps: list[str | None] = list(journey.stage(stage).steps)
    return [None, *steps] if not steps or (stage, None) in cells else steps


def _tasks(
    journey: Journey, stage: str, cells: dict[tuple[str, str | None], Cell]
) -> Iterator[tuple[str, str, list[str]]]:
    neutral = str((MERMAID_MIN + MERMAID_MAX) // 2)
    for step in _columns(journey, stage, cells):
        actions, emotions = cells.get((stage, step), ([], []))
        scores = [float(e["score"]) for e in emotions if e["score"] is not None]
        shared = _to_mermaid_score(sum(scores) / len(scores), journey.scale) if scores else neutral
        for k in range(max(len(actions), len(emotions))):
            a = actions[k] if k < len(actions) else None
            e = emotions[k] if k < len(emotions) else None
            first = a if a is not None else e
            name = "" if first is None else str(first["text"])
            score = (
                shared
                if e is None or e["score"] is None
                else _to_mermaid_score(float(e["score"]), journey.scale)
            )
            yield escape_task(name), score, _actors(a) or _actors(e)


def to_mermaid(source: Any) -> str:
    """The map as a Mermaid ``journey`` diagram (see the module docstring for the mapping).

    Examples
    --------
    >>> import pandas as pd
    >>> cards = pd.DataFrame({"stage": ["Pay", "Pay"], "lane": ["Actions", "Emotions"],
    ...                       "text": ["Enters card: Visa", ""], "score": [None, -2]})
    >>> print(to_mermaid(Journey(cards, title="Checkout")), end="")
    journey
        title Checkout
        section Pay
          Enters card#58; Visa: 1
    """
    from ..model.journey import as_journey

    journey = as_journey(source)
    lines = ["journey"]
    if journey.title.strip():
        lines.append(f"    title {_escape(journey.title, '#;%')}")
    cells = _cells(journey)
    for stage in journey.stage_names():
        lines.append(f"    section {_escape(stage, '#:;%')}")
        for name, score, actors in _tasks(journey, stage, cells):
            who = ", ".join(_escape(a, "#:;%,") for a in actors)
            lines.append(f"      {name}: {score}" + (f": {who}" if who else ""))
    return "\n".join(lines) + "\n"


# ---- reading ---------------------------------------------------------------------------------
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
    actors = [_unescape(a.strip()) for a in pieces[1].split(",")] if len(pieces) == 2 else []
    return _unescape(name), score, [a for a in actors if a]


def _parse(text: str) -> tuple[str, list[_Section]]:
    if not isinstance(text, str):
        raise JourneyError(f"a Mermaid journey must be text, got {type(text).__name__}")
    title = _front_title(text)
    sections: list[_Section] = []
    seen_header = False
    for number, statement in _lines(text):
        if ";" in _ENTITY.sub("", statement):
            raise _error(
                number,
                f"';' cannot appear in a journey statement; write #59; "
                f"for a semicolon: {statement!r}",
            )
        keyword = statement.split(None, 1)[0].lower()
        if not seen_header:
            if statement.lower() != "journey":
                raise _error(number, f"a Mermaid journey starts with 'journey', got {statement!r}")
            seen_header = True
            continue
        if statement.lower() == "journey":
            raise _error(number, "'journey' appears twice")
        if keyword == "title" or statement.lower() == "title":
            title = _unescape(statement[5:].strip())
            if not title:
                raise _error(number, "'title' needs the diagram's title after it")
        elif re.match(r"(?i)acc(title|descr)\s*:", statement):
            continue
        elif keyword == "section":
            name = statement[7:].strip()
            if not name:
                raise _error(number, "'section' needs a name after it")
            if ":" in name:
                raise _error(
                    number, f"a section name cannot contain ':' (write #58;), got {name!r}"
                )
            name = _unescape(name)
            twice = next((s for s in sections if s.name == name), None)
            if twice:
                raise _error(
                    number,
                    f"section {name!r} appears twice (first at line "
                    f"{twice.line}); stage names must be unique",
                )
            sections.append(_Section(name, number))
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
            step = name.strip() or _UNTITLED
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
