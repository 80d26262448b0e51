"""Journey-mapping practice over the pure model, for teaching.

Evidence coverage, current/future diffs and map checks. Every function takes a ``JourneyMap``,
a ``Journey`` or a card DataFrame and returns plain data (DataFrames, lists of findings).
"""

from .checks import RULES, Finding, check
from .coverage import coverage
from .diff import diff, emotion_change
from .evidence import EVIDENCE_CONFIDENCE, evidenced

__all__ = [
    "EVIDENCE_CONFIDENCE",
    "RULES",
    "Finding",
    "check",
    "coverage",
    "diff",
    "emotion_change",
    "evidenced",
]
