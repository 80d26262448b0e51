"""Operations on the map's metadata: its title, persona and state (current or future).

Each one validates before changing anything and returns its exact inverse, like the card and
structure operations, so metadata edits are undone and redone with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from .errors import JourneyError
from .journey import Journey
from .operation import Applied, Change
from .structure import Persona, check_state, to_persona

MetaField: TypeAlias = Literal["title", "persona", "state"]
META_FIELDS: tuple[MetaField, ...] = ("title", "persona", "state")


def check_title(value: Any) -> str:
    """Return ``value`` if it is a usable map title (any string, empty allowed), else raise."""
    if not isinstance(value, str):
        raise JourneyError(f"title must be a string, got {value!r}")
    return value


def check_persona(value: Any) -> Persona | None:
    """Validate a persona given as a name, a dict, a :class:`Persona` or ``None`` (no persona).

    A persona set by editing needs a non-empty name.
    """
    persona = to_persona(value)
    if persona is not None and not persona.name.strip():
        raise JourneyError(f"a persona needs a non-empty name, got {persona.name!r}")
    return persona


def _plain(field: MetaField, value: Any) -> Any:
    return value.to_dict() if isinstance(value, Persona) else value


@dataclass(frozen=True)
class SetMeta:
    """Set the map's ``title``, ``persona`` or ``state``.

    The change reported to ``on_edit`` callbacks has kind ``set_title``, ``set_persona`` or
    ``set_state``, with the old and new values (a persona as its dict, or ``None``).

    Examples
    --------
    >>> from journey_widget.model import Journey
    >>> j = Journey(None, title="Checkout")
    >>> applied = SetMeta("title", "Checkout v2").apply(j)
    >>> j.title, applied.inverse
    ('Checkout v2', SetMeta(field='title', value='Checkout'))
    """

    field: MetaField
    value: Any

    def apply(self, j: Journey) -> Applied:
        """Set the field on ``j``; return the inverse (the old value back) and the change."""
        if self.field == "title":
            new: Any = check_title(self.value)
        elif self.field == "persona":
            new = check_persona(self.value)
        elif self.field == "state":
            new = check_state(self.value)
        else:
            raise JourneyError(
                f"cannot set {self.field!r}; the map's settable fields are {', '.join(META_FIELDS)}"
            )
        old = getattr(j, self.field)
        setattr(j, self.field, new)
        return Applied(
            SetMeta(self.field, old),
            [
                Change(
                    f"set_{self.field}",
                    None,
                    self.field,
                    _plain(self.field, old),
                    _plain(self.field, new),
                )
            ],
        )


def SetTitle(title: str) -> SetMeta:
    """Set the map's title (a :class:`SetMeta`; named like the other operations)."""
    return SetMeta("title", title)


def SetPersona(persona: Any) -> SetMeta:
    """Set the map's persona, or clear it with ``None`` (a :class:`SetMeta`)."""
    return SetMeta("persona", persona)


def SetState(state: str) -> SetMeta:
    """Mark the map ``"current"`` or ``"future"`` state (a :class:`SetMeta`)."""
    return SetMeta("state", state)
