"""What every part of the map's API shares: the model it edits and one typed constructor hook.

The API mixins (:mod:`.api`, :mod:`.api_charts`, :mod:`.api_practice`,
:mod:`.api_participation`) inherit :class:`MapCore`;
:class:`~journey_widget.widget.map_widget.JourneyMap` implements its three hooks. Constructors
written in a mixin (``from_json``, ``from_csv``, ``copy``...) call :meth:`MapCore.from_journey`
and so return the class they were called on, typed as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import Self

    from ..model import Applied, Change, History, Journey, Op
    from .events import Callbacks, Source
    from .record import EditRecord


class MapCore:
    """The state behind a map and the hooks its API is written against."""

    _journey: Journey
    _history: History
    _callbacks: Callbacks
    _record: EditRecord

    @classmethod
    def from_journey(cls, journey: Journey, **kwargs: Any) -> Self:
        """A map over an existing :class:`~journey_widget.model.Journey`."""
        raise NotImplementedError

    def _apply(self, op: Op, source: Source = "python") -> Applied:
        """Apply one operation through the history, then publish it (see :meth:`_after`)."""
        raise NotImplementedError

    def _after(self, changes: list[Change], source: Source, user: str | None = None) -> None:
        """Show applied changes in every view, record them and tell the edit callbacks."""
        raise NotImplementedError
