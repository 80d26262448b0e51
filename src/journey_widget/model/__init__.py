"""The pure journey model: data, validation and invertible edit operations (no widgets)."""

from .cards import CONFIDENCE_VALUES, CORE_COLUMNS, OPTIONAL_COLUMNS
from .errors import JourneyError
from .history import History
from .journey import Journey
from .ops import Applied, Change, Op
from .structure import Lane, Persona, Scale, Stage

__all__ = [
    "CONFIDENCE_VALUES",
    "CORE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "Applied",
    "Change",
    "History",
    "Journey",
    "JourneyError",
    "Lane",
    "Op",
    "Persona",
    "Scale",
    "Stage",
]
