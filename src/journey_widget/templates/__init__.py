"""Ready-made maps to start a workshop from: ``jw.templates.names()``, ``jw.templates.load()``.

Each template is a ``.journey.json`` document in this package: stages with a description and
lanes that carry a guiding ``prompt`` ("What is the customer doing?") which views show in
empty cells. Templates hold no cards; the room fills them in.

=================== ===================================================================
name                what
=================== ===================================================================
b2c                 B2C, five stages: awareness, consideration, decision, retention,
                    advocacy
b2b                 B2B buying journey, seven phases from need recognized to results and
                    loyalty, with a buying-roles lane
service_blueprint   physical evidence, customer actions, frontstage, backstage, support
                    processes (and pain points), over before / request / delivery /
                    follow-up
onboarding          sign up to habit, with a metrics lane
=================== ===================================================================
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..io.json_format import journey_from_dict
from ..model import JourneyError
from ..model.structure import to_persona, to_scale

if TYPE_CHECKING:
    from ..widget import JourneyMap

SUFFIX = ".journey.json"
_FIRST = ("b2c", "b2b", "service_blueprint", "onboarding")


def names() -> list[str]:
    """The names of the templates, e.g. ``["b2c", "b2b", "service_blueprint", "onboarding"]``."""
    found = [
        f.name[: -len(SUFFIX)]
        for f in resources.files(__package__).iterdir()
        if f.name.endswith(SUFFIX)
    ]
    return [n for n in _FIRST if n in found] + sorted(n for n in found if n not in _FIRST)


def document(name: str) -> dict[str, Any]:
    """The template's ``.journey.json`` document as a dict (a fresh copy)."""
    if name not in names():
        raise JourneyError(f"there is no template {name!r}; the templates are {names()}")
    text = resources.files(__package__).joinpath(name + SUFFIX).read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)
    return doc


def load(
    name: str,
    *,
    title: str | None = None,
    persona: Any = None,
    state: str | None = None,
    scale: Any = None,
    **kwargs: Any,
) -> JourneyMap:
    """A new, empty map from a template, ready to fill in.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    title, persona, state, scale : optional
        Replace the template's title, persona (a name, a dict or a ``Persona``), state
        (``"current"`` or ``"future"``) or emotion scale (``(min, max)``).
    **kwargs
        Passed to the widget (e.g. ``read_only=True``).

    Examples
    --------
    >>> import journey_widget as jw
    >>> m = jw.templates.load("b2c", title="Running shoes", persona="First-time buyer")
    >>> m.stages
    ('Awareness', 'Consideration', 'Decision', 'Retention', 'Advocacy')
    >>> m.journey.lane("Actions").prompt
    'What is the customer doing? One action per card.'
    """
    from ..widget import JourneyMap

    doc = document(name)
    # The document holds JSON values: personas and scales given as objects or tuples go in as
    # their JSON form (the model validates them as it builds them).
    if persona is not None:
        doc["persona"] = to_persona(persona).to_dict()  # type: ignore[union-attr]
    if scale is not None:
        doc["scale"] = to_scale(scale).to_dict()
    for key, value in (("title", title), ("state", state)):
        if value is not None:
            doc[key] = value
    return JourneyMap.from_journey(journey_from_dict(doc), **kwargs)


def describe() -> pd.DataFrame:
    """One row per template: ``name``, ``title``, ``stages`` and ``lanes`` (names joined)."""
    rows = []
    for name in names():
        doc = document(name)
        rows.append(
            {
                "name": name,
                "title": doc.get("title", ""),
                "stages": " > ".join(s["name"] for s in doc["stages"]),
                "lanes": ", ".join(x["name"] for x in doc["lanes"]),
            }
        )
    return pd.DataFrame(rows, columns=["name", "title", "stages", "lanes"])
