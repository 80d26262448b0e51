"""Replace a journey's whole state at once (a map reloaded from its file), with an exact inverse.

:class:`ReplaceCards` swaps the card table with the stages and lanes it implies;
:class:`ReplaceJourney` swaps everything a ``.journey.json`` file holds: cards, stages, lanes,
scale, title, persona, state, metrics and participation (comments and votes). A map bound to a
file (``jw.open``) applies the file's content with it when the file changes on disk, as one
undoable step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .journey import Journey
from .operation import Applied, Change
from .participation import EMPTY, Participation
from .structure import Lane, Persona, Scale, Stage


@dataclass(frozen=True)
class JourneyState:
    """Everything that makes up a journey, captured by reference.

    Operations never change a table in place (they assign new ones, and pandas' copy on
    write protects a shallow copy), so a captured state stays what it was while the map
    goes on being edited: it can be serialised later, on another thread.
    """

    table: pd.DataFrame
    stages: tuple[Stage, ...]
    lanes: tuple[Lane, ...]
    scale: Scale
    title: str
    persona: Persona | None
    state: str
    metrics: pd.DataFrame | None
    participation: Participation = EMPTY

    @classmethod
    def capture(cls, j: Journey) -> JourneyState:
        """The current state of ``j`` (cheap: shallow copies, no serialisation)."""
        metrics = None if j.metrics is None else j.metrics.copy(deep=False)
        return cls(
            j.table.copy(deep=False),
            tuple(j.stages),
            tuple(j.lanes),
            j.scale,
            j.title,
            j.persona,
            j.state,
            metrics,
            getattr(j, "participation", EMPTY),
        )

    def restore(self, j: Journey) -> None:
        """Put this state into ``j`` (used by :class:`ReplaceJourney` only)."""
        j.table, j.stages, j.lanes = (
            self.table.copy(deep=False),
            list(self.stages),
            list(self.lanes),
        )
        j.scale, j.title, j.persona, j.state = self.scale, self.title, self.persona, self.state
        j.metrics = None if self.metrics is None else self.metrics.copy(deep=False)
        j.participation = self.participation

    def journey(self) -> Journey:
        """A detached :class:`Journey` holding this state (for serialising it)."""
        j = Journey.__new__(Journey)
        self.restore(j)
        return j


def _summary(state: JourneyState) -> dict[str, Any]:
    return {
        "cards": len(state.table),
        "stages": [s.name for s in state.stages],
        "lanes": [x.name for x in state.lanes],
        "title": state.title,
    }


@dataclass(frozen=True)
class ReplaceJourney:
    """Replace the whole journey with ``state`` (already validated, e.g. read from a file).

    The change reported to ``on_edit`` callbacks has kind ``replace`` and field ``map``, with
    a summary (card count, stage and lane names, title) of the map before and after.

    Examples
    --------
    >>> import pandas as pd
    >>> from journey_widget.model import Journey
    >>> j = Journey(pd.DataFrame({"stage": ["A"], "lane": ["L"], "text": ["x"]}), title="Old")
    >>> new = Journey(None, stages=["B"], lanes=["L"], title="New")
    >>> applied = ReplaceJourney(JourneyState.capture(new)).apply(j)
    >>> j.title, len(j.table), applied.changes[0].kind
    ('New', 0, 'replace')
    >>> _ = applied.inverse.apply(j)
    >>> j.title, len(j.table)
    ('Old', 1)
    """

    state: JourneyState

    def apply(self, j: Journey) -> Applied:
        """Put ``state`` into ``j``; the inverse puts back what ``j`` held."""
        old = JourneyState.capture(j)
        self.state.restore(j)
        return Applied(
            ReplaceJourney(old),
            [Change("replace", None, "map", _summary(old), _summary(self.state))],
        )
