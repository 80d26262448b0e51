"""What a static card shows besides its text, by the widget's own rules.

The front end draws the same badges (js/src/view/badges.ts, evidence.ts): channel, confidence,
severity, owner, persona, evidence or "No evidence", with the same classes, texts and labels,
and the same ``data-jw-confidence`` / ``data-jw-evidence`` marks on the card, so ``widget.css``
draws a static card exactly as the live one. The words (channel keys, confidence levels and
letters, lane tones) come from :mod:`journey_widget.vocabulary`, which both languages read;
tests/unit/test_static_badges.py runs the TypeScript on the same cards and compares.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..model.cards import plain
from ..vocabulary import BACKING_CONFIDENCE, CONFIDENCE_LETTER, channel_key, is_confidence


@dataclass(frozen=True)
class Badge:
    """One badge: its classes (after ``jw-badge``), its text, and its full label.

    The full label is the tooltip and what screen readers read.
    """

    cls: str
    text: str
    label: str


def _js_string(value: Any) -> str:
    """``String(value)`` as the browser writes a JSON value (lists joined with ",")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, list | tuple):
        return ",".join(_js_string(v) for v in value)
    return str(value)


def _text(value: Any) -> str | None:
    """A card field as badge text, or ``None`` when it is blank (badges.ts ``text``)."""
    value = plain(value)
    if value is None:
        return None
    s = ", ".join(_js_string(v) for v in value) if isinstance(value, list) else _js_string(value)
    return s if s.strip() else None


def confidence_of(card: dict[str, Any]) -> str | None:
    """The card's confidence when it is one of the four levels, else ``None``."""
    c = card.get("confidence")
    return c if isinstance(c, str) and is_confidence(c) else None


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, list | dict):
        return not value
    return not _js_string(value).strip()


def evidence_count(value: Any) -> int:
    """How many pieces of evidence a value names.

    A list its items, a text its parts between ``;`` or new lines, anything else 1.

    Examples
    --------
    >>> evidence_count("Interview 4; Ticket 1832"), evidence_count(["a"]), evidence_count(" ")
    (2, 1, 0)
    """
    value = plain(value)
    if _blank(value):
        return 0
    if isinstance(value, list):
        return len(value)
    if isinstance(value, str):
        return max(1, len([p for p in re.split(r"[;\n]", value) if p.strip()]))
    return 1


def unbacked(card: dict[str, Any]) -> bool:
    """True when the card shows "No evidence".

    Its map tracks evidence (it has an ``evidence`` or ``confidence`` column) and the card names
    none and was neither observed nor reported (what ``m.coverage()`` counts as an assumption).
    """
    if "evidence" not in card and "confidence" not in card:
        return False
    backed = evidence_count(card.get("evidence")) > 0 or confidence_of(card) in BACKING_CONFIDENCE
    return not backed


def card_marks(card: dict[str, Any]) -> dict[str, str | None]:
    """The card's ``data-jw-confidence`` and ``data-jw-evidence`` attributes (``None``: absent).

    Examples
    --------
    >>> card_marks({"confidence": "inferred", "evidence": None})
    {'data-jw-confidence': 'inferred', 'data-jw-evidence': 'none'}
    """
    evidence = (
        "yes" if evidence_count(card.get("evidence")) > 0 else "none" if unbacked(card) else None
    )
    return {"data-jw-confidence": confidence_of(card), "data-jw-evidence": evidence}


def _severity_key(severity: str) -> int:
    """``Math.round(Number(severity)) || 0``."""
    try:
        number = float(severity)
    except ValueError:
        return 0
    return math.floor(number + 0.5) if math.isfinite(number) else 0


def badges_of(card: dict[str, Any]) -> list[Badge]:
    """The badges of a card in display order; empty when it has no attributes.

    Examples
    --------
    >>> [b.text for b in badges_of({"confidence": "reported", "evidence": "Interview 4; T-18"})]
    ['R reported', '2 · Interview 4; T-18']
    """
    out: list[Badge] = []
    channel = _text(card.get("channel"))
    if channel:
        out.append(
            Badge(f"jw-channel jw-ch-{channel_key(channel)}", channel, f"Channel: {channel}")
        )
    conf = _text(card.get("confidence"))
    if conf:
        level = confidence_of(card)
        out.append(
            Badge(
                f"jw-conf jw-conf-{level or 'other'}",
                f"{CONFIDENCE_LETTER[level]} {conf}" if level else conf,
                f"Confidence: {conf}",
            )
        )
    sev = _text(card.get("severity"))
    if sev:
        out.append(
            Badge(f"jw-sev jw-sev-{_severity_key(sev)}", f"Severity {sev}", f"Severity {sev} of 5")
        )
    owner = _text(card.get("owner"))
    if owner:
        out.append(Badge("jw-owner", owner, f"Owner: {owner}"))
    persona = _text(card.get("persona"))
    if persona:
        out.append(Badge("jw-persona-badge", persona, f"Persona: {persona}"))
    evidence = _text(card.get("evidence"))
    n = evidence_count(card.get("evidence"))
    if evidence and n:
        out.append(Badge("jw-evidence", f"{n} \u00b7 {evidence}", f"Evidence ({n}): {evidence}"))
    elif unbacked(card):
        out.append(Badge("jw-no-evidence", "No evidence", "No evidence: an assumption"))
    return out
