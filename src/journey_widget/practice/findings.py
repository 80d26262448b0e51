"""What a map check reports, and the helpers its rules share (:mod:`.checks`, :mod:`.room`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal, TypeAlias

import pandas as pd

from ..model import Journey
from ..vocabulary import Tone, lane_tone

Severity: TypeAlias = Literal["warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One thing a map check found.

    Attributes
    ----------
    rule : str
        The rule's name, e.g. ``"pain-without-evidence"`` (see :data:`RULES`).
    message : str
        A sentence for people, naming the stage or the card and what to do.
    severity : {"warning", "info"}
        ``warning`` for gaps in the content, ``info`` for hints on using the scale.
    stage, lane, card : str or None
        What the finding concerns: a stage (with ``lane`` for a lane-wide finding) or a card
        id (with its stage and lane).

    ``pandas.DataFrame(m.check())`` gives a table of findings.
    """

    rule: str
    message: str
    severity: Severity = "warning"
    stage: str | None = None
    lane: str | None = None
    card: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as a dict of its fields."""
        return asdict(self)


Rule: TypeAlias = Callable[[Journey], Iterator[Finding]]


def short(text: Any, limit: int = 40) -> str:
    """A text for a message: on one line, quoted, shortened to ``limit`` characters."""
    text = " ".join(str(text).split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def lanes_of(journey: Journey, kind: str | None = None, tone: Tone | None = None) -> list[str]:
    """The names of the lanes of ``kind`` and ``tone`` (either ``None``: any), in map order."""
    return [
        x.name
        for x in journey.lanes
        if (kind is None or x.kind == kind) and (tone is None or lane_tone(x.name) == tone)
    ]


def cards_in(journey: Journey, lanes: list[str]) -> pd.DataFrame:
    """The cards of ``lanes``, in map order."""
    t = journey.table
    return t[t["lane"].isin(lanes)]


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The cards of ``frame`` as dicts (much faster to walk than ``iterrows``)."""
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def card_finding(
    rule: str, message: str, card: dict[str, Any], severity: Severity = "warning"
) -> Finding:
    """A finding about one card (with its stage and lane)."""
    return Finding(rule, message, severity, str(card["stage"]), str(card["lane"]), str(card["id"]))


def num(value: float) -> str:
    """A number as a message writes it (``0.5``, ``2``)."""
    return f"{value:g}"
