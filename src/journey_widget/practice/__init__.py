"""Journey-mapping practice over the pure model, for teaching.

Evidence coverage, current/future diffs, map checks and what the room voted for. Every function
takes a ``JourneyMap``, a ``Journey`` or a card DataFrame and returns plain data (DataFrames,
lists of findings).
"""

from .checks import RULES, check
from .coverage import coverage
from .diff import diff, emotion_change
from .evidence import EVIDENCE_CONFIDENCE, evidenced
from .findings import Finding
from .room import high_voted, revealed_votes

__all__ = [
    "EVIDENCE_CONFIDENCE",
    "RULES",
    "Finding",
    "check",
    "coverage",
    "diff",
    "emotion_change",
    "evidenced",
    "high_voted",
    "revealed_votes",
]
