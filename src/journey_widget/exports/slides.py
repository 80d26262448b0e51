"""The map as slides (``.pptx``), built with python-pptx (the ``pptx`` extra).

A title slide with the persona; an overview slide with the whole map as a picture; one slide
per stage with its cards as editable text boxes grouped by lane and the stage's emotion score;
a slide of the top pain points and opportunities (the vocabulary's lane tones). Each card's
evidence goes into the speaker notes. What the slides say is :mod:`.slides_content`; how they
are drawn, :mod:`.slides_deck`, imported only once python-pptx is found.
"""

from __future__ import annotations

from ..extras import require
from ..model import Journey
from .slides_content import cards_of


def to_pptx(journey: Journey) -> bytes:
    """The map as a PowerPoint deck (``.pptx`` bytes).

    Raises
    ------
    JourneyError
        python-pptx is not installed; the message names the ``pptx`` extra.
    """
    require("pptx", "pptx", "slides (.pptx)")
    from .slides_deck import build_deck

    return build_deck(journey, cards_of(journey))
