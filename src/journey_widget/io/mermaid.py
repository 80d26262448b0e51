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

from collections.abc import Iterator
from typing import Any

from ..model import Journey, Scale
from .mermaid_read import parse_mermaid as parse_mermaid
from .mermaid_syntax import MERMAID_MAX, MERMAID_MIN, escape
from .mermaid_syntax import escape_task as escape_task


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
        lines.append(f"    title {escape(journey.title, '#;%')}")
    cells = _cells(journey)
    for stage in journey.stage_names():
        lines.append(f"    section {escape(stage, '#:;%')}")
        for name, score, actors in _tasks(journey, stage, cells):
            who = ", ".join(escape(a, "#:;%,") for a in actors)
            lines.append(f"      {name}: {score}" + (f": {who}" if who else ""))
    return "\n".join(lines) + "\n"
