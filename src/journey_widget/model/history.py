"""Undo and redo over a journey, built on the operations' inverses."""

from __future__ import annotations

from .journey import Journey
from .ops import Applied, Op


class History:
    """Applies operations to a journey and keeps their inverses for undo and redo."""

    def __init__(self, journey: Journey, limit: int = 500) -> None:
        self.journey = journey
        self.limit = limit
        self._undo: list[Op] = []
        self._redo: list[Op] = []

    def apply(self, op: Op) -> Applied:
        """Apply ``op``, keep its inverse for undo (the last ``limit`` ones) and clear redo."""
        applied = op.apply(self.journey)
        self._undo.append(applied.inverse)
        del self._undo[: -self.limit]
        self._redo.clear()
        return applied

    @property
    def can_undo(self) -> bool:
        """True when there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an edit to redo."""
        return bool(self._redo)

    def undo(self) -> Applied | None:
        """Revert the last operation; ``None`` when there is nothing to undo."""
        if not self._undo:
            return None
        applied = self._undo[-1].apply(self.journey)
        self._undo.pop()
        self._redo.append(applied.inverse)
        return applied

    def redo(self) -> Applied | None:
        """Re-apply the last undone operation; ``None`` when there is nothing to redo."""
        if not self._redo:
            return None
        applied = self._redo[-1].apply(self.journey)
        self._redo.pop()
        self._undo.append(applied.inverse)
        return applied
