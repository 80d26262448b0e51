"""What the slides say (:mod:`.slides`): the cards in order, emotion scores, top cards, notes.

Pure Python, no python-pptx: :mod:`.slides_deck` draws these. Text goes onto slides as text
(python-pptx escapes it as XML); characters XML refuses are replaced first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..html_render.badges import badges_of, evidence_count, unbacked
from ..model import Journey
from ..model.cards import is_missing, plain
from ..vocabulary import Tone, lane_tone

#: Characters XML 1.0 does not allow (a slide is XML); a card's text could hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: How many cards the pain points and opportunities slide lists per tone.
TOP = 8


def clean(value: Any) -> str:
    """A value as slide text: ``""`` for a missing one, characters XML refuses replaced."""
    value = plain(value)
    return "" if value is None else _NOT_XML.sub("\ufffd", str(value))


@dataclass(frozen=True)
class Card:
    """A card as a slide shows it: where it is, its text, its badges and its evidence."""

    stage: str
    step: str | None
    lane: str
    tone: Tone | None
    text: str
    score: float | None
    badges: tuple[str, ...]
    evidence: str
    evidence_n: int
    unbacked: bool
    severity: float


def _severity(value: Any) -> float:
    try:
        number = float(plain(value))
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def cards_of(journey: Journey) -> list[Card]:
    """Every card in map order: by stage column (step), then lane, then its place in the cell."""
    table = journey.table
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    column = {key: i for i, key in enumerate(journey.columns())}
    lanes = {name: i for i, name in enumerate(journey.lane_names())}
    out = []
    for record in records:
        card = {str(k): v for k, v in record.items()}
        score = None if is_missing(card.get("score")) else float(card["score"])
        out.append(
            Card(
                stage=card["stage"],
                step=card["step"],
                lane=card["lane"],
                tone=lane_tone(card["lane"]),
                text=clean(card["text"]),
                score=score,
                badges=tuple(clean(b.text) for b in badges_of(card)),
                evidence=clean(card.get("evidence"))
                if evidence_count(card.get("evidence"))
                else "",
                evidence_n=evidence_count(card.get("evidence")),
                unbacked=unbacked(card),
                severity=_severity(card.get("severity")),
            )
        )
    return sorted(out, key=lambda c: (column[(c.stage, c.step)], lanes[c.lane]))  # stable


def emotion_score(journey: Journey, stage: str) -> float | None:
    """The mean score of the stage's cards in emotion lanes, or ``None`` when none is scored."""
    emotion = {lane.name for lane in journey.lanes if lane.kind == "emotion"}
    scores = [c.score for c in cards_of(journey) if c.stage == stage and c.lane in emotion]
    found = [s for s in scores if s is not None]
    return sum(found) / len(found) if found else None


def top_cards(cards: list[Card], tone: Tone) -> list[Card]:
    """The ``tone`` lanes' cards ranked: severity, then pieces of evidence, then map order."""
    ranked = [c for c in cards if c.tone == tone]
    ranked.sort(key=lambda c: (-c.severity, -c.evidence_n))
    return ranked[:TOP]


def notes_of(card: Card) -> str:
    """A card's speaker notes: where it is, its text, and its evidence (or that it has none)."""
    place = card.stage if card.step is None else f"{card.stage} / {card.step}"
    if card.evidence:
        evidence = f"Evidence: {card.evidence}"
    elif card.unbacked:
        evidence = "Evidence: none (an assumption)"
    else:
        evidence = "Evidence: not recorded"
    return f"{card.lane} ({place}): {card.text}\n    {evidence}"
