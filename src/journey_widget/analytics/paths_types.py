"""The data a paths request passes between its API (:mod:`.paths`) and its engines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .params import Params

END, START, OTHER = "(end)", "(start)", "(other)"
Direction = Literal["after", "before"]


@dataclass(frozen=True)
class Source:
    """Where an analysis came from: the events object, the request and the engine that ran it."""

    events: Any
    params: Params
    engine: str


@dataclass(frozen=True)
class PathRequest:
    """A validated paths request; ``label_of`` maps every activity to its step label."""

    direction: Direction
    anchor: str  # the stage or activity named (or the stage dropped at)
    anchor_acts: frozenset[str]  # activities whose events anchor a case
    dropped_at: int | None  # stage index for paths after a drop-off
    steps: int
    top: int | None
    level: str
    collapse: bool
    label_of: dict[str, str]

    def label(self, activity: str) -> str:
        """The step label of an activity (an activity unknown to the analysis: itself)."""
        default = activity if self.level == "activity" else OTHER
        return self.label_of.get(activity, default)


@dataclass
class RawPaths:
    """What an engine counts: cases per sequence of labels, and the cases anchored.

    Sequences list the nearest step first, None past the case's end (or beginning).
    """

    counts: dict[tuple[str | None, ...], int]
    anchored: int


__all__ = ["END", "OTHER", "START", "Direction", "PathRequest", "RawPaths", "Source"]
