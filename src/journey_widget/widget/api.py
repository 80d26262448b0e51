"""The public editing API of a journey map, written over the pure model's operations."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import pandas as pd

from ..io import journey_from_csv, journey_from_json, journey_to_csv, journey_to_json
from ..model import Journey, Lane, Stage
from ..model.cards import card_table, new_id
from ..model.meta_ops import SetTitle
from ..model.ops import (
    AddCard,
    AddItem,
    AddStep,
    DeleteCard,
    EditCard,
    MoveCard,
    MoveItem,
    MoveStep,
    RemoveItem,
    RemoveStep,
    RenameItem,
    RenameStep,
    ReplaceCards,
)
from ..model.structure import LaneKind, to_lane
from .api_channels import ChannelsAPI
from .api_charts import ChartsAPI
from .api_file import FileAPI
from .api_participation import ParticipationAPI
from .api_practice import PracticeAPI
from .events import EditCallback
from .exporting import exporter

if TYPE_CHECKING:
    from typing import Self


_KEEP = object()


class MapAPI(PracticeAPI, ChartsAPI, ChannelsAPI, FileAPI, ParticipationAPI):
    """Methods of :class:`JourneyMap` that read and edit the map (all validated, all undoable)."""

    # ---- data ---------------------------------------------------------------------------
    @property
    def data(self) -> pd.DataFrame:
        """A copy of the card table with every edit so far.

        Assigning a DataFrame validates it against the map's stages and lanes and shows it
        in every open view; it can be undone like any edit.
        """
        return self._journey.table.copy()

    @data.setter
    def data(self, frame: pd.DataFrame) -> None:
        j = self._journey
        table, stages, lanes = card_table(frame, j.stages, j.lanes, j.scale)
        self._apply(ReplaceCards(table, tuple(stages), tuple(lanes)))

    @property
    def stages(self) -> tuple[str, ...]:
        """Stage names in map order."""
        return tuple(self._journey.stage_names())

    @property
    def lanes(self) -> tuple[str, ...]:
        """Lane names in map order."""
        return tuple(self._journey.lane_names())

    def steps(self, stage: str) -> tuple[str, ...]:
        """The steps of ``stage`` in order."""
        return self._journey.stage(stage).steps

    def lane_kind(self, lane: str) -> LaneKind:
        """``"text"``, ``"emotion"`` or ``"metric"``."""
        return self._journey.lane(lane).kind

    @property
    def title(self) -> str:
        """The map's title; assigning one is validated and undoable."""
        return self._journey.title

    @title.setter
    def title(self, value: str) -> None:
        self._apply(SetTitle(value))

    @property
    def journey(self) -> Journey:
        """The pure model behind the widget (read it; edit through the methods)."""
        return self._journey

    def on_edit(self, callback: EditCallback, remove: bool = False) -> EditCallback:
        """Call ``callback(event)`` after every edit, from the browser or from Python.

        ``event`` is an :class:`~journey_widget.events.EditEvent` (``kind, id, field, old, new,
        source, revision, user``). Returns the callback, so this works as a decorator.
        """
        self._callbacks.register(callback, remove)
        return callback

    @property
    def history(self) -> pd.DataFrame:
        """Every edit so far, one row per change: who changed what, when and from where.

        Columns: ``time`` (when the kernel applied it, a tz-aware UTC timestamp), ``user``
        (the JupyterLab user's ``name`` for edits made in a browser that knows its user, as
        under real-time collaboration; ``None`` from Python), ``source`` (``"browser"`` or
        ``"python"``), ``kind``, ``card``, ``field``, ``old``, ``new`` (as in
        :class:`~journey_widget.events.EditEvent`). Undo and redo add rows too: the changes they
        made, with the kind of the change (undoing a text edit is an ``edit`` from the new text
        back to the old). An empty DataFrame with these columns before the first edit. The
        record lives in the kernel's memory: it starts again with the kernel.

        Examples
        --------
        >>> m = jw.JourneyMap(cards, overlays=False)
        >>> m.edit_card("c1", "text", "Searches for shoes")
        >>> m.move_card("c4", stage="Cart")
        >>> m.undo()
        True
        >>> m.history[["user", "source", "kind", "card", "field"]]
           user  source  kind card     field
        0  None  python  edit   c1      text
        1  None  python  move   c4  position
        2  None  python  move   c4  position
        >>> m.history["new"][0], str(m.history["time"].dt.tz)
        ('Searches for shoes', 'UTC')

        After a workshop on a shared notebook, who changed how many cards (each browser's
        user; see docs/collaboration.md):

        >>> who = m.history.fillna({"user": "(Python)"})
        >>> who.groupby(["user", "kind"])["card"].nunique()
        user      kind
        (Python)  edit    1
                  move    1
        Name: card, dtype: int64
        """
        return self._record.frame()

    # ---- cards --------------------------------------------------------------------------
    def add_card(
        self,
        stage: str,
        lane: str,
        text: str = "",
        *,
        step: str | None = None,
        score: float | None = None,
        index: int | None = None,
        **columns: Any,
    ) -> str:
        """Add a card and return its id. ``index`` is its place in the cell (default last)."""
        card_id = str(columns.pop("id", None) or new_id())
        card = {
            "id": card_id,
            "stage": stage,
            "step": step,
            "lane": lane,
            "text": text,
            "score": score,
            **columns,
        }
        self._apply(AddCard(card, index))
        return card_id

    def edit_card(self, card_id: str, field: str, value: Any) -> None:
        """Set one column of a card, e.g. ``m.edit_card(id, "text", "Pays by card")``."""
        self._apply(EditCard(card_id, field, value))

    def delete_card(self, card_id: str) -> None:
        """Delete a card."""
        self._apply(DeleteCard(card_id))

    def move_card(
        self,
        card_id: str,
        *,
        stage: str | None = None,
        lane: str | None = None,
        step: Any = _KEEP,
        index: int | None = None,
    ) -> None:
        """Move a card to another cell and/or to position ``index`` inside it (default last)."""
        here = self._journey.position(card_id)
        self._apply(
            MoveCard(
                card_id,
                stage or here["stage"],
                here["step"] if step is _KEEP else step,
                lane or here["lane"],
                index,
            )
        )

    # ---- stages, steps, lanes ------------------------------------------------------------
    def add_stage(
        self,
        name: str,
        *,
        index: int | None = None,
        steps: Sequence[str] = (),
        description: str = "",
    ) -> None:
        """Add a stage at ``index`` (default last)."""
        self._apply(AddItem("stage", Stage(name, tuple(steps), description), index))

    def rename_stage(self, old: str, new: str) -> None:
        """Rename a stage, on the map, on its cards and in the attached metrics."""
        self._apply(RenameItem("stage", old, new))

    def move_stage(self, name: str, index: int) -> None:
        """Move a stage to position ``index``."""
        self._apply(MoveItem("stage", name, index))

    def remove_stage(self, name: str, *, drop_cards: bool = False) -> None:
        """Remove a stage; one holding cards needs ``drop_cards=True`` (undo restores them)."""
        self._apply(RemoveItem("stage", name, drop_cards))

    def add_step(self, stage: str, step: str, *, index: int | None = None) -> None:
        """Add a step to ``stage`` at ``index`` (default last)."""
        self._apply(AddStep(stage, step, index))

    def rename_step(self, stage: str, old: str, new: str) -> None:
        """Rename a step of ``stage``, on the map and on its cards."""
        self._apply(RenameStep(stage, old, new))

    def move_step(self, stage: str, step: str, index: int) -> None:
        """Move a step of ``stage`` to position ``index``."""
        self._apply(MoveStep(stage, step, index))

    def remove_step(self, stage: str, step: str, *, drop_cards: bool = False) -> None:
        """Remove a step; one holding cards needs ``drop_cards=True`` (undo restores them)."""
        self._apply(RemoveStep(stage, step, drop_cards))

    def add_lane(
        self,
        name: str | Lane | Mapping[str, Any],
        *,
        kind: LaneKind | None = None,
        index: int | None = None,
        prompt: str = "",
    ) -> None:
        """Add a lane at ``index`` (default last).

        ``kind`` is ``text``, ``emotion`` or ``metric`` (guessed from the name); ``prompt`` is a
        guiding question shown in its empty cells.
        """
        lane = to_lane(
            {"name": name, "kind": kind, "prompt": prompt} if isinstance(name, str) else name
        )
        self._apply(AddItem("lane", lane, index))

    def rename_lane(self, old: str, new: str) -> None:
        """Rename a lane, on the map and on its cards."""
        self._apply(RenameItem("lane", old, new))

    def move_lane(self, name: str, index: int) -> None:
        """Move a lane to position ``index``."""
        self._apply(MoveItem("lane", name, index))

    def remove_lane(self, name: str, *, drop_cards: bool = False) -> None:
        """Remove a lane; one holding cards needs ``drop_cards=True`` (undo restores them)."""
        self._apply(RemoveItem("lane", name, drop_cards))

    # ---- undo ----------------------------------------------------------------------------
    def undo(self) -> bool:
        """Undo the last edit, whoever made it; False when there is nothing to undo.

        This walks the kernel's whole history, latest first: browser edits of every user
        included (their undo buttons walk back only their own edits; see docs/collaboration.md).
        """
        applied = self._history.undo()
        if applied:
            self._after(applied.changes, "python")
        return applied is not None

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is nothing to redo."""
        applied = self._history.redo()
        if applied:
            self._after(applied.changes, "python")
        return applied is not None

    # ---- files ---------------------------------------------------------------------------
    def to_json(self, indent: int | None = 1) -> str:
        """The map as versioned JSON text (the ``.journey.json`` format)."""
        return journey_to_json(self._journey, indent)

    @classmethod
    def from_json(cls, text: str | bytes, **kwargs: Any) -> Self:
        """A map from the JSON text written by :meth:`to_json`."""
        return cls.from_journey(journey_from_json(text), **kwargs)

    def save(self, path: str | os.PathLike[str], *, scale: float = 2) -> pathlib.Path:
        """Write the map in the format its file name's suffix names, like Altair's ``save``.

        ``.journey.json`` / ``.json``: the map (written atomically: a temporary file renamed
        over ``path``); ``.csv``: its cards; ``.mmd``: Mermaid (:meth:`to_mermaid`); ``.html``,
        ``.pdf``, ``.ipynb``: its report (:func:`journey_widget.report`); ``.svg``, ``.png``: a
        picture of it (``scale`` pixels per CSS pixel for PNG); ``.pptx``: slides (the ``pptx``
        extra). An unknown suffix raises :class:`JourneyError` listing the known ones, before
        anything is written. Returns the path written.
        """
        saved: pathlib.Path = exporter("save")(self._journey, path, scale=scale)
        return saved

    def to_svg(self) -> str:
        """The map as an SVG picture: stages, lanes, cards with their badges, the emotion curve."""
        svg: str = exporter("to_svg")(self._journey)
        return svg

    def to_png(self, scale: float = 2) -> bytes:
        """The map as PNG bytes (``scale`` 2 doubles the SVG's size: crisp on slides)."""
        png: bytes = exporter("to_png")(self._journey, scale=scale)
        return png

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """The card table as CSV text, or written to ``path``."""
        return journey_to_csv(self._journey, path)

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        stages: Sequence[str | Mapping[str, Any]] | None = None,
        lanes: Sequence[str | Mapping[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Self:
        """A map from a CSV of cards; ``kwargs`` go to the map (title, persona, scale...)."""
        journey = journey_from_csv(path, stages=stages, lanes=lanes, **kwargs)
        return cls.from_journey(journey)

    @overload
    @classmethod
    def from_events(cls, events: Any, *, segment: None = None, **kwargs: Any) -> Self: ...
    @overload
    @classmethod
    def from_events(cls, events: Any, *, segment: str, **kwargs: Any) -> dict[str, Self]: ...
    @classmethod
    def from_events(
        cls, events: Any, *, segment: str | None = None, **kwargs: Any
    ) -> Self | dict[str, Self]:
        """A map skeleton from an event log, or from a :func:`jw.analytics.analyze` result.

        Stages come from the funnel, the most frequent activities of each stage become
        Touchpoints cards, and the funnel and score metrics are attached as ``m.metrics``;
        Emotions, Pain points and Opportunities are left to annotate. ``kwargs``: the
        arguments of :func:`~journey_widget.analytics.analyze` (``case``, ``activity``,
        ``timestamp``, ``stage_of``...) and ``touchpoints`` (cards per stage, default 3),
        ``title``, ``persona``, ``state``. ``segment`` (a column or ``"outcome"``, as
        ``analyze``'s ``by``; for an analysis, the ``by`` it was computed with): one map per
        segment, ``{segment: JourneyMap}`` in segment order, each from its segment's numbers.

        >>> m = jw.JourneyMap.from_events(log, case="user", activity="event",
        ...                               timestamp="at", stage_of=stages)
        >>> m.stages
        ('Browse', 'Cart', 'Pay')
        """
        from ..analytics.skeleton import from_events

        made = from_events(events, segment=segment, **kwargs)
        if isinstance(made, dict):
            return {name: cls.from_journey(journey) for name, journey in made.items()}
        return cls.from_journey(made)
