"""Workshop methods of a journey map: persona and state, copies, coverage, checks, Mermaid.

Thin methods over :mod:`journey_widget.practice`, :mod:`journey_widget.io.mermaid` and the
metadata operations; :class:`~journey_widget.api.MapAPI` inherits them.
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..io.mermaid import parse_mermaid, to_mermaid
from ..model import Persona, Scale
from ..model.meta_ops import SetPersona, SetState, check_persona, check_title
from ..model.structure import check_state
from ..practice import Finding, check, coverage
from .core import MapCore

if TYPE_CHECKING:
    from typing import Self

_KEEP: Any = object()


class PracticeAPI(MapCore):
    """Persona, state, copies, evidence coverage, map checks and Mermaid for a map."""

    # ---- persona and state -----------------------------------------------------------------
    @property
    def persona(self) -> Persona | None:
        """Who the map is about: a :class:`~journey_widget.Persona` or ``None``.

        Assign a name, a dict (``name``, ``goals``, ``frustrations``, ``quote``,
        ``description``, ``avatar``) or ``None``; validated and undoable.
        """
        return self._journey.persona

    @persona.setter
    def persona(self, value: str | Persona | Mapping[str, Any] | None) -> None:
        self._apply(SetPersona(value))

    def set_persona(
        self, persona: str | Persona | Mapping[str, Any] | None = None, /, **fields: Any
    ) -> None:
        """Set the persona, or change some of its fields.

        ``m.set_persona({"name": "Ana", "goals": [...]})`` replaces it;
        ``m.set_persona(quote="I just want it to work")`` changes only the quote of the current
        persona; ``m.set_persona(None)`` removes it. One undo step either way.

        Examples
        --------
        >>> import journey_widget as jw
        >>> m = jw.JourneyMap(None, persona="First-time buyer")
        >>> m.set_persona(goals=["Buy shoes that fit"], avatar={"initials": "FB",
        ...                                                     "color": "teal"})
        >>> m.persona.goals, m.persona.avatar.initials
        (('Buy shoes that fit',), 'FB')
        """
        if not fields:
            self._apply(SetPersona(persona))
            return
        base = persona if persona is not None else self._journey.persona
        current = check_persona(base) if base is not None else None
        self._apply(SetPersona({**(current.to_dict() if current else {}), **fields}))

    @property
    def state(self) -> str:
        """``"current"`` or ``"future"``: which state of the experience the map describes."""
        return self._journey.state

    @state.setter
    def state(self, value: str) -> None:
        self._apply(SetState(value))

    def copy(
        self,
        *,
        title: str | None = None,
        persona: Any = _KEEP,
        state: str | None = None,
        **kwargs: Any,
    ) -> Self:
        """A new, independent map with the same cards (and card ids), structure and metadata.

        Typical use: ``future = m.copy(state="future", title="Checkout, future")``, then edit
        ``future`` and compare with ``jw.diff(m, future)``. ``title``, ``persona`` and
        ``state`` replace the copied values; ``kwargs`` go to the widget (``read_only``).
        The copy starts with an empty undo history.
        """
        journey = _copy.deepcopy(self._journey)
        if title is not None:
            journey.title = check_title(title)
        if persona is not _KEEP:
            journey.persona = check_persona(persona)
        if state is not None:
            journey.state = check_state(state)
        return type(self).from_journey(journey, **kwargs)

    # ---- evidence and checks ---------------------------------------------------------------
    def coverage(self, by: str | Sequence[str] = ("stage", "lane")) -> pd.DataFrame:
        """The share of cards backed by evidence, per stage and lane (``by=()``: overall).

        See :func:`journey_widget.practice.coverage` for what counts as evidence.
        """
        return coverage(self._journey, by)

    def check(self, rules: Iterable[str] | None = None) -> list[Finding]:
        """Findings for teaching, by the map checks.

        Empty stages, stages without an emotion, pain points without evidence, opportunities
        without an owner, voted pain points without an opportunity, open comment threads,
        misuse of the scale.

        See :mod:`journey_widget.practice.checks` for the rules;
        ``pandas.DataFrame(m.check())`` gives them as a table.
        """
        return check(self._journey, rules)

    # ---- Mermaid ---------------------------------------------------------------------------
    def to_mermaid(self) -> str:
        """The map as a Mermaid ``journey`` diagram, for Markdown documentation.

        Stages become sections; action cards with their emotion scores become tasks (scores
        mapped onto Mermaid's 1..5). See :mod:`journey_widget.io.mermaid`.
        """
        return to_mermaid(self._journey)

    @classmethod
    def from_mermaid(
        cls, text: str, *, scale: Scale | tuple[float, float] | None = None, **kwargs: Any
    ) -> Self:
        """A map from a Mermaid ``journey`` diagram; errors name the line (``"line 3: ..."``).

        Examples
        --------
        >>> import journey_widget as jw
        >>> m = jw.JourneyMap.from_mermaid('''journey
        ...     title My working day
        ...     section Go to work
        ...       Make tea: 5: Me
        ...       Do work: 1: Me, Cat''')
        >>> m.stages, m.lanes
        (('Go to work',), ('Actions', 'Emotions'))
        """
        return cls.from_journey(parse_mermaid(text, scale=scale), **kwargs)
