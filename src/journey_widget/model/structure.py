"""The map's metadata: stages (with steps), lanes, the emotion scale and the persona."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from ..vocabulary import AVATAR_COLORS as AVATAR_COLORS  # vocabulary.json; io/ imports it here
from ..vocabulary import is_emotion_lane_name
from .errors import JourneyError

LaneKind: TypeAlias = Literal["text", "emotion", "metric"]
LANE_KINDS: tuple[LaneKind, ...] = ("text", "emotion", "metric")
MAP_STATES = ("current", "future")


@dataclass(frozen=True)
class Stage:
    """A column group of the map, with optional ordered steps."""

    name: str
    steps: tuple[str, ...] = ()
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The stage as a dict of its ``name``, ``steps`` and ``description``."""
        return {"name": self.name, "steps": list(self.steps), "description": self.description}


@dataclass(frozen=True)
class Lane:
    """A row of the map. ``kind`` is ``"text"``, ``"emotion"`` or ``"metric"``.

    ``prompt`` is an optional guiding question ("What is the customer doing?") that views
    show in the lane's empty cells; it is written out only when set.
    """

    name: str
    kind: LaneKind = "text"
    prompt: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The lane as a dict of its ``name`` and ``kind``, and ``prompt`` when set."""
        out: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.prompt:
            out["prompt"] = self.prompt
        return out


@dataclass(frozen=True)
class Scale:
    """The emotion scale of a map: scores of emotion-lane cards lie in ``[min, max]``."""

    min: float = -2
    max: float = 2
    step: float = 1

    def __post_init__(self) -> None:
        for name in ("min", "max", "step"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
                raise JourneyError(f"scale {name} must be a number, got {value!r}")
        if not self.min < self.max:
            raise JourneyError(f"scale min must be below max, got {self.min}..{self.max}")
        if self.step <= 0:
            raise JourneyError(f"scale step must be positive, got {self.step}")

    def contains(self, value: float) -> bool:
        """True when ``value`` lies in ``[min, max]``."""
        return self.min <= value <= self.max

    def describe(self) -> str:
        """The scale as text: ``min..max``, e.g. ``-2..2``."""
        return f"{_num(self.min)}..{_num(self.max)}"

    def to_dict(self) -> dict[str, float]:
        """The scale as a dict of ``min``, ``max`` and ``step``."""
        return {"min": self.min, "max": self.max, "step": self.step}


@dataclass(frozen=True)
class Avatar:
    """A picture-free avatar: up to three initials on a colour from :data:`AVATAR_COLORS`."""

    initials: str
    color: str = ""

    def to_dict(self) -> dict[str, str]:
        """The avatar as a dict of ``initials`` and ``color``."""
        return {"initials": self.initials, "color": self.color}


@dataclass(frozen=True)
class Persona:
    """Who the map is about.

    ``frustrations``, ``quote`` and ``avatar`` are written out only when set, so maps
    without them keep their JSON; other keys given in a dict are kept in ``extra``.
    """

    name: str
    goals: tuple[str, ...] = ()
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    frustrations: tuple[str, ...] = ()
    quote: str = ""
    avatar: Avatar | None = None

    def to_dict(self) -> dict[str, Any]:
        """The persona as a dict: ``extra`` keys, then its fields (optional ones only when set)."""
        out = {
            **self.extra,
            "name": self.name,
            "goals": list(self.goals),
            "description": self.description,
        }
        if self.frustrations:
            out["frustrations"] = list(self.frustrations)
        if self.quote:
            out["quote"] = self.quote
        if self.avatar is not None:
            out["avatar"] = self.avatar.to_dict()
        return out


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def check_name(value: object, what: str) -> str:
    """Return ``value`` if it is a usable stage, step or lane name, else raise."""
    if not isinstance(value, str) or not value.strip():
        raise JourneyError(f"{what} name must be a non-empty string, got {value!r}")
    return value


def to_stage(value: str | Stage | Mapping[str, Any]) -> Stage:
    """Build a :class:`Stage` from a name, a mapping or a Stage."""
    if isinstance(value, Stage):
        return value
    if isinstance(value, str):
        return Stage(check_name(value, "stage"))
    if isinstance(value, Mapping):
        steps = tuple(check_name(s, "step") for s in value.get("steps") or ())
        _unique(steps, f"steps of stage {value.get('name')!r}")
        return Stage(
            check_name(value.get("name"), "stage"), steps, str(value.get("description") or "")
        )
    raise JourneyError(f"a stage must be a name, a dict or a Stage, got {value!r}")


def to_lane(value: str | Lane | Mapping[str, Any]) -> Lane:
    """Build a :class:`Lane` from a name, a mapping or a Lane.

    A lane given by name alone is an emotion lane when its name speaks of
    emotions or feelings, else a text lane.
    """
    if isinstance(value, Lane):
        return to_lane(value.to_dict())
    if isinstance(value, str):
        name = check_name(value, "lane")
        kind: str = "emotion" if is_emotion_lane_name(name) else "text"
        return Lane(name, kind)  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        name = check_name(value.get("name"), "lane")
        kind = value.get("kind") or to_lane(name).kind
        if kind not in LANE_KINDS:
            raise JourneyError(
                f"lane {name!r} has kind {kind!r}; expected one of {', '.join(LANE_KINDS)}"
            )
        prompt = value.get("prompt") or ""
        if not isinstance(prompt, str):
            raise JourneyError(f"lane {name!r} has prompt {prompt!r}; expected a string")
        return Lane(name, kind, prompt)
    raise JourneyError(f"a lane must be a name, a dict or a Lane, got {value!r}")


def to_scale(value: Scale | Mapping[str, Any] | tuple[float, float] | None) -> Scale:
    """Build a :class:`Scale` from ``(min, max)``, a mapping, a Scale or ``None`` (-2..2)."""
    if value is None:
        return Scale()
    if isinstance(value, Scale):
        return value
    if isinstance(value, Mapping):
        return Scale(value.get("min", -2), value.get("max", 2), value.get("step", 1))
    if isinstance(value, tuple | list) and len(value) in (2, 3):
        return Scale(*value)
    raise JourneyError(f"scale must be (min, max), a dict or a Scale, got {value!r}")


def to_persona(value: str | Persona | Mapping[str, Any] | None) -> Persona | None:
    """Build a :class:`Persona` from a name, a mapping, a Persona or ``None``."""
    if value is None or isinstance(value, Persona):
        return value
    if isinstance(value, str):
        return Persona(value)
    if isinstance(value, Mapping):
        extra = {k: v for k, v in value.items() if k not in _PERSONA_KEYS}
        return Persona(
            _persona_text(value, "name"),
            _persona_list(value, "goals"),
            _persona_text(value, "description"),
            extra,
            _persona_list(value, "frustrations"),
            _persona_text(value, "quote"),
            to_avatar(value.get("avatar")),
        )
    raise JourneyError(f"persona must be a name, a dict or a Persona, got {value!r}")


_PERSONA_KEYS = ("name", "goals", "description", "frustrations", "quote", "avatar")


def _persona_text(value: Mapping[str, Any], key: str) -> str:
    text = value.get(key)
    if text is None:
        return ""
    if not isinstance(text, str):
        raise JourneyError(f"persona {key} must be a string, got {text!r}")
    return text


def _persona_list(value: Mapping[str, Any], key: str) -> tuple[str, ...]:
    items = value.get(key)
    if items is None:
        return ()
    if isinstance(items, str):
        return (items,) if items else ()
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise JourneyError(f"persona {key} must be a string or a list of strings, got {items!r}")
    return tuple(items)


def to_avatar(value: str | Avatar | Mapping[str, Any] | None) -> Avatar | None:
    """Build an :class:`Avatar` from initials, ``{"initials", "color"}``, an Avatar or ``None``.

    Initials are 1 to 3 characters without spaces; ``color`` is empty or one of
    :data:`AVATAR_COLORS` (theme tokens the views map to colours, never raw CSS).
    """
    if value is None or isinstance(value, Avatar):
        return value
    raw = {"initials": value} if isinstance(value, str) else value
    if not isinstance(raw, Mapping):
        raise JourneyError(f"persona avatar must be initials or a dict, got {value!r}")
    initials, color = raw.get("initials"), raw.get("color") or ""
    if (
        not isinstance(initials, str)
        or not 1 <= len(initials) <= 3
        or any(c.isspace() for c in initials)
    ):
        raise JourneyError(
            f"avatar initials must be 1 to 3 characters without spaces, got {initials!r}"
        )
    if color not in ("", *AVATAR_COLORS):
        raise JourneyError(f"avatar color must be one of {', '.join(AVATAR_COLORS)}, got {color!r}")
    return Avatar(initials, color)


def check_state(value: str) -> str:
    """``value``, checked to be a map state (``current`` or ``future``)."""
    if value not in MAP_STATES:
        raise JourneyError(f"state must be one of {', '.join(MAP_STATES)}, got {value!r}")
    return value


def _unique(names: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise JourneyError(f"{what} must be unique; {name!r} appears twice")
        seen.add(name)


def unique_names(names: Iterable[str], what: str) -> None:
    """Raise when a name appears twice in ``names``."""
    _unique(names, what)
