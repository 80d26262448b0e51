"""Undo and redo over a journey, built on the operations' inverses.

One history per map, a list of steps in the order they were applied, each remembering its user
(``None`` for Python and for views that know no user). Two ways walk it:

- :meth:`History.undo` / :meth:`History.redo` walk the whole history, latest first, whoever
  made the step (Python's ``m.undo()``, views without a user). They are exact: each step's
  inverse restores the state before it.
- :meth:`History.undo_by` / :meth:`History.redo_by` walk one person's steps only (a browser's
  Ctrl+Z under real-time collaboration), and the steps nobody owns (``None``: Python's, whose
  code belongs to everyone in the notebook), never another person's. Undoing a step that other
  steps followed applies its inverse to the current map (see :mod:`.rebase`), refused with a
  reason when someone else changed the same thing since. The undo is itself a new step of the
  history (by that person), so ``m.undo()`` can walk it back exactly like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import JourneyError
from .journey import Journey
from .operation import Applied, Change, Op
from .rebase import clash, rebased

StepKind = Literal["do", "undo", "redo"]


@dataclass(eq=False)
class Step:
    """One applied step: ``op`` walks it back (on the undo list) or forward again (redo list).

    ``kind`` says whether the step was an edit (``"do"``) or a person's undo or redo of their own
    step ``target``; ``changes`` are what the step changed.
    """

    op: Op
    user: str | None
    changes: list[Change]
    kind: StepKind = "do"
    target: Step | None = None


class History:
    """Applies operations to a journey and keeps their inverses for undo and redo."""

    def __init__(self, journey: Journey, limit: int = 500) -> None:
        self.journey = journey
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def apply(self, op: Op, user: str | None = None) -> Applied:
        """Apply ``op`` for ``user``, keep its inverse for undo (the last ``limit``), clear redo."""
        applied = op.apply(self.journey)
        self._push(Step(applied.inverse, user, applied.changes))
        return applied

    def _push(self, step: Step) -> None:
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        """True when there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an edit to redo."""
        return bool(self._redo)

    def undo(self) -> Applied | None:
        """Revert the last step, whoever made it; ``None`` when there is nothing to undo."""
        return self._walk(self._undo, self._redo)

    def redo(self) -> Applied | None:
        """Re-apply the last undone step; ``None`` when there is nothing to redo."""
        return self._walk(self._redo, self._undo)

    def _walk(self, source: list[Step], target: list[Step]) -> Applied | None:
        if not source:
            return None
        step = source[-1]
        applied = step.op.apply(self.journey)
        source.pop()
        step.op, step.changes = applied.inverse, applied.changes
        target.append(step)
        return applied

    # ---- one person's steps ----------------------------------------------------------------
    def undo_by(self, user: str) -> Applied | None:
        """Undo ``user``'s (or Python's) last step still in effect; ``None`` when there is none.

        Raises
        ------
        JourneyError
            When someone else changed what the step changed since (naming them), or the step's
            inverse no longer applies (its card was deleted, ...). Nothing changes then.
        """
        walked = {id(s.target) for s in self._undo if s.kind == "undo"}
        step = next(
            (
                s
                for s in reversed(self._undo)
                if s.user in (user, None) and s.kind != "undo" and id(s) not in walked
            ),
            None,
        )
        return None if step is None else self._by(step, user, "undo")

    def redo_by(self, user: str) -> Applied | None:
        """Redo ``user``'s last undo, unless they (or Python) edited since; ``None`` if none.

        Raises
        ------
        JourneyError
            As :meth:`undo_by`.
        """
        walked = {id(s.target) for s in self._undo if s.kind == "redo"}
        for s in reversed(self._undo):
            if s.kind == "do" and s.user in (user, None):  # a new edit ends what they can redo
                return None
            if s.kind == "undo" and s.user == user and id(s) not in walked:
                return self._by(s, user, "redo")
        return None

    def _by(self, step: Step, user: str, kind: Literal["undo", "redo"]) -> Applied:
        """Apply ``step``'s inverse to the map as it is now and record that as a new step."""
        j = self.journey
        op = step.op
        if self._undo[-1] is not step:  # other steps followed: undo it on today's map
            found = clash(step.changes, j)
            if found is not None:
                who = self._who_changed(step, user, found.card, found.field)
                raise JourneyError(f"Not {kind}ne: {who} {found.describe()} since")
            op = rebased(op, step.changes, j)
        try:
            applied = op.apply(j)
        except JourneyError as err:
            raise JourneyError(f"Not {kind}ne: {err}") from err
        self._push(Step(applied.inverse, user, applied.changes, kind, step))
        return applied

    def _who_changed(self, step: Step, user: str, card: str | None, field: str | None) -> str:
        """The name of whoever last changed ``card``'s ``field`` after ``step`` (not ``user``)."""
        later = self._undo[self._undo.index(step) + 1 :]
        for s in reversed(later):
            if s.user == user:
                continue
            for c in s.changes:
                if _touches(c, card, field):
                    return s.user or "someone else"
        return "someone else"


def _touches(change: Change, card: str | None, field: str | None) -> bool:
    """Whether ``change`` changed ``card``'s ``field`` (any field when ``field`` is ``None``)."""
    if card is None:
        return change.id is None and change.field == field
    if change.id != card:
        return False
    if field is None or change.kind in ("add", "delete"):
        return True
    return change.field == field or (field == "position" and change.kind == "move")
