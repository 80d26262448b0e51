"""The map's caption as static HTML: title, persona and state, as the widget's head draws them.

The markup mirrors the front end's (js/src/view/head.ts, persona.ts), so the widget's
stylesheet draws both alike.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Journey, Persona
from .living import render_score
from .markup import Safe, el


def initials_of(name: str) -> str:
    """Up to two initials from a name, as the widget derives them: "First-time buyer" -> "FB"."""
    words = [w for w in re.split(r"[\s\-_]+", name.strip()) if w]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def _persona(persona: Persona) -> Safe:
    """The persona as the widget's caption shows it (js/src/view/persona.ts).

    Expandable without script: a ``<details>`` whose summary is the avatar and the name.
    """
    attrs = {"class": "jw-persona jw-persona-static", "data-jw-persona": persona.name}
    return el("details", attrs, [_persona_summary(persona), _persona_details(persona)])


def _persona_summary(persona: Persona) -> Safe:
    """The always visible part: the avatar (colour and initials) and the name."""
    avatar = persona.avatar
    color = avatar.color if avatar is not None and avatar.color else "gray"
    initials = avatar.initials if avatar is not None else initials_of(persona.name)
    return el(
        "summary",
        {"class": "jw-persona-toggle"},
        [
            el(
                "span",
                {
                    "class": f"jw-avatar jw-avatar-{color}",
                    "data-jw-avatar": True,
                    "aria-hidden": "true",
                },
                initials,
            ),
            el("span", {"class": "jw-persona-word"}, "Persona: "),
            el("span", {"data-jw-persona-name": True}, persona.name),
        ],
    )


def _persona_details(persona: Persona) -> Safe:
    """The expanded part: description, goals, frustrations and quote, each when given."""
    description = (
        el(
            "p",
            {"class": "jw-persona-description", "data-jw-persona-description": True},
            persona.description,
        )
        if persona.description
        else None
    )
    quote = (
        el(
            "blockquote",
            {"class": "jw-persona-quote", "data-jw-persona-quote": True},
            persona.quote,
        )
        if persona.quote
        else None
    )
    return el(
        "div",
        {"class": "jw-persona-details", "data-jw-persona-details": True},
        [
            description,
            _persona_section("Goals", "data-jw-persona-goals", persona.goals),
            _persona_section("Frustrations", "data-jw-persona-frustrations", persona.frustrations),
            quote,
        ],
    )


def _persona_section(label: str, hook: str, items: tuple[str, ...]) -> Safe | None:
    """A labelled list (goals, frustrations), or nothing when it is empty."""
    if not items:
        return None
    return el(
        "div",
        {"class": "jw-persona-section"},
        [
            el("div", {"class": "jw-persona-label"}, label),
            el("ul", {hook: True}, [el("li", None, item) for item in items]),
        ],
    )


def render_head(journey: Journey, score: dict[str, Any] | None = None) -> Safe:
    """Title, persona, state and the journey ``score`` (if any), as the widget's caption."""
    persona = journey.persona
    future = journey.state == "future"
    state = "Future state" if future else "Current state"
    return el(
        "div",
        {"class": "jw-head"},
        [
            el(
                "div",
                {"class": "jw-title-row"},
                [
                    el(
                        "div",
                        {"class": "jw-title", "data-jw-title": True},
                        journey.title or "Customer journey map",
                    )
                ],
            ),
            el(
                "div",
                {"class": "jw-meta"},
                [
                    _persona(persona) if persona else None,
                    el(
                        "span",
                        {
                            "class": "jw-state jw-state-future" if future else "jw-state",
                            "data-jw-state-label": True,
                        },
                        state,
                    ),
                    render_score(score),
                ],
            ),
        ],
    )
