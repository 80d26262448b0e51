"""The map's metadata: stages (with steps), lanes, the emotion scale and the persona."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from .errors import JourneyError

LaneKind: TypeAlias = Literal["text", "emotion", "metric"]
LANE_KINDS: tuple[LaneKind, ...] = ("text", "emotion", "metric")
MAP_STATES = ("current", "future")
_EMOTION_WORDS = ("emotion", "feeling", "mood", "sentiment")


@dataclass(frozen=True)
class Stage:
    """A column group of the map, with optional ordered steps."""

    name: str
    steps: tuple[str, ...] = ()
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "steps": list(self.steps), "description": self.description}


@dataclass(frozen=True)
class Lane:
    """A row of the map. ``kind`` is ``"text"``, ``"emotion"`` or ``"metric"``."""

    name: str
    kind: LaneKind = "text"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind}


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
        return self.min <= value <= self.max

    def describe(self) -> str:
        return f"{_num(self.min)}..{_num(self.max)}"

    def to_dict(self) -> dict[str, float]:
        return {"min": self.min, "max": self.max, "step": self.step}


@dataclass(frozen=True)
class Persona:
    """Who the map is about."""

    name: str
    goals: tuple[str, ...] = ()
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.extra, "name": self.name, "goals": list(self.goals),
                "description": self.description}


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
        return Stage(check_name(value.get("name"), "stage"), steps,
                     str(value.get("description") or ""))
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
        kind: str = "emotion" if any(w in name.lower() for w in _EMOTION_WORDS) else "text"
        return Lane(name, kind)  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        name = check_name(value.get("name"), "lane")
        kind = value.get("kind") or to_lane(name).kind
        if kind not in LANE_KINDS:
            raise JourneyError(
                f"lane {name!r} has kind {kind!r}; expected one of {', '.join(LANE_KINDS)}")
        return Lane(name, kind)
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
        goals = value.get("goals") or ()
        if isinstance(goals, str):
            goals = (goals,)
        extra = {k: v for k, v in value.items() if k not in ("name", "goals", "description")}
        return Persona(str(value.get("name") or ""), tuple(str(g) for g in goals),
                       str(value.get("description") or ""), extra)
    raise JourneyError(f"persona must be a name, a dict or a Persona, got {value!r}")


def check_state(value: str) -> str:
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
