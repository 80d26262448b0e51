"""The compare view: two maps, current and future, with what changed between them highlighted.

``jw.compare(before, after)`` returns a read-only :class:`CompareView` widget. Its traits hold
both maps (as the map widget's own ``structure`` and ``cards``), the card changes of
:func:`journey_widget.diff` and the emotion change of :func:`journey_widget.emotion_change`;
the front end (``js/src/compare.ts``) draws both maps and marks each changed card.
"""

from __future__ import annotations

import asyncio
import copy
import math
import pathlib
from collections.abc import Sequence
from typing import Any

import anywidget
import traitlets

from ..model import Journey, JourneyError
from ..model.cards import is_missing, plain
from ..model.journey import as_journey
from ..practice.diff import CHANGE_KINDS, diff, emotion_change
from ..widget.events import logger
from ..widget.loop import running_loop
from ..widget.payloads import cards_payload, participation_payload, structure_payload
from .html import change_label, compare_html

STATIC = pathlib.Path(__file__).parent.parent / "static"
#: Seconds an edit to either map waits before the view recomputes the diff (edits in between
#: are drawn once). The diff costs tens of milliseconds on a 1,000-card map: doing it later, on
#: the kernel's loop, keeps it out of the edited map's own round trip.
DEBOUNCE = 0.05


def _plain(value: Any) -> Any:
    """A JSON-ready value: missing values (None, NaN) as ``None``."""
    value = plain(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return None if is_missing(value) else value


def _labels(labels: Any) -> tuple[str, str]:
    if (
        isinstance(labels, str)
        or not isinstance(labels, Sequence)
        or len(labels) != 2
        or not all(isinstance(x, str) for x in labels)
    ):
        raise JourneyError(f"labels must be two strings (before, after), got {labels!r}")
    return str(labels[0]), str(labels[1])


def compare_payload(
    before: Journey, after: Journey, labels: tuple[str, str] = ("Current", "Future")
) -> dict[str, Any]:
    """What the compare view draws, as JSON-ready values (the widget's traits).

    Parameters
    ----------
    before, after : Journey
        The two maps, matched card by card on ``id``.
    labels : (str, str)
        What the view calls each map.

    Returns
    -------
    dict
        ``before`` and ``after`` (each ``{"label", "structure", "cards", "participation"}``, as
        the map widget's traits: comments and revealed vote totals, never an open round's
        dots), ``changes`` (the rows of :func:`journey_widget.diff`, missing values
        ``None``, plus ``label_before``/``label_after``: what each map's card label says),
        ``counts`` (changes per kind, every kind present) and ``emotion`` (the rows of
        :func:`journey_widget.emotion_change`, NaN as ``None``).

    Examples
    --------
    >>> import pandas as pd, journey_widget as jw
    >>> now = jw.Journey(pd.DataFrame({"id": ["a"], "stage": ["Pay"], "lane": ["Actions"],
    ...                                "text": ["Types card number"]}))
    >>> later = jw.Journey(now.table.assign(text=["Pays with a wallet"]))
    >>> p = compare_payload(now, later)
    >>> p["changes"][0]["change"], p["counts"]
    ('edited', {'added': 0, 'removed': 0, 'moved': 0, 'edited': 1})
    """
    changes = [
        {str(k): _plain(v) for k, v in row.items()}
        for row in diff(before, after).to_dict("records")
    ]
    counts = dict.fromkeys(CHANGE_KINDS, 0)
    for row in changes:
        counts[row["change"]] += 1
        # The words each map shows on the card, worded once here for widget and static HTML.
        row["label_before"] = change_label(row, "before")
        row["label_after"] = change_label(row, "after")
    emotion = [
        {str(k): _plain(v) for k, v in row.items()}
        for row in emotion_change(before, after).to_dict("records")
    ]
    sides = {}
    for side, journey, label in (("before", before, labels[0]), ("after", after, labels[1])):
        sides[side] = {
            "label": label,
            "structure": structure_payload(journey),
            "cards": cards_payload(journey.table),
            # Comments and revealed vote totals, as the map widget's trait: never open dots.
            "participation": participation_payload(journey),
        }
    return {**sides, "changes": changes, "counts": counts, "emotion": emotion}


class CompareView(anywidget.AnyWidget):
    """Two journey maps, read-only, with the changes between them highlighted.

    Build it with :func:`compare`. Removed cards are marked in the ``before`` map, added cards
    in the ``after`` map, moved and edited cards in both; a summary above the maps counts the
    changes per kind, lists them (a click shows the card) and shows the emotion change per
    stage. When ``before`` and ``after`` are :class:`~journey_widget.JourneyMap` widgets the
    view follows them: edits to either map (from Python or from its own widget) update it.
    """

    _esm = STATIC / "compare.js"
    _css = STATIC / "compare.css"

    before = traitlets.Dict().tag(sync=True)
    after = traitlets.Dict().tag(sync=True)
    changes: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    counts = traitlets.Dict().tag(sync=True)
    emotion: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)

    def __init__(
        self,
        before: Any,
        after: Any,
        *,
        labels: Sequence[str] = ("Current", "Future"),
        **kwargs: Any,
    ) -> None:
        self._followed: list[Any] = []  # set first: a widget that failed to build is closed too
        self._handle: asyncio.TimerHandle | None = None
        self._labels = _labels(labels)
        self._sources = (before, after)
        # A Journey is copied: the view shows it as it was (only widgets are followed).
        self._snapshot = tuple(
            copy.deepcopy(s) if isinstance(s, Journey) else as_journey(s, w)
            for s, w in ((before, "before"), (after, "after"))
        )
        super().__init__(**kwargs)
        self._followed = [s for s in self._sources if _is_map(s)]
        for source in self._followed:
            source.observe(self._on_map_change, names="revision")
        self._publish()

    @property
    def labels(self) -> tuple[str, str]:
        """What the view calls the two maps."""
        return self._labels

    def _journeys(self) -> tuple[Journey, Journey]:
        """The maps as they are now (a widget's live model, else the snapshot taken)."""
        b, a = (getattr(s, "journey", None) for s in self._sources)
        return (
            b if isinstance(b, Journey) else self._snapshot[0],
            a if isinstance(a, Journey) else self._snapshot[1],
        )

    def _publish(self) -> None:
        payload = compare_payload(*self._journeys(), self._labels)
        with self.hold_sync():
            for name in ("before", "after", "changes", "counts", "emotion"):
                setattr(self, name, payload[name])
            self.revision = self.revision + 1

    def _on_map_change(self, _change: Any) -> None:
        """A followed map changed: recompute soon on the kernel's loop, or now without one."""
        loop = running_loop()
        if loop is None:
            self._refresh()
        elif self._handle is None:
            self._handle = loop.call_later(DEBOUNCE, self._refresh)

    def _refresh(self) -> None:
        self._handle = None
        try:
            self._publish()
        except Exception:  # an observer's error would be swallowed: log it instead
            logger.exception("journey_widget: the compare view failed to update")

    def close(self) -> None:
        """Stop following the maps and close the widget."""
        for source in self._followed:
            source.unobserve(self._on_map_change, names="revision")
        self._followed = []
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        super().close()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widget view plus text and static HTML for places that cannot run widgets."""
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if isinstance(data, dict):
            data["text/plain"] = repr(self)
            data["text/html"] = compare_html(
                *self._journeys(), self.changes, self._labels, self.emotion
            )
        return bundle

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts.items() if n) or "no changes"
        return f"CompareView({self._labels[0]!r} vs {self._labels[1]!r}: {counts})"


def _is_map(source: Any) -> bool:
    from ..widget import JourneyMap

    return isinstance(source, JourneyMap)


def compare(
    before: Any, after: Any, *, labels: Sequence[str] = ("Current", "Future")
) -> CompareView:
    """Show two maps together, with the changes from ``before`` to ``after`` highlighted.

    Cards are matched by ``id`` as in :func:`journey_widget.diff`: removed cards are marked in
    the ``before`` map, added ones in the ``after`` map, moved and edited ones in both, each
    with a label that says what happened ("Moved from Cart, Pain points"), not with colour
    alone. A summary counts the changes per kind, lists them (click one to show its card) and
    gives the emotion change per stage (:func:`journey_widget.emotion_change`).

    Parameters
    ----------
    before, after : JourneyMap, Journey or pandas.DataFrame
        Usually a current-state map and its future-state copy (``m.copy(state="future")``
        keeps the card ids). The view follows ``JourneyMap`` widgets as they are edited;
        a ``Journey`` or a DataFrame is shown as it was when the view was made.
    labels : (str, str)
        What to call the two maps in the view.

    Returns
    -------
    CompareView
        A read-only widget.

    Raises
    ------
    JourneyError
        When ``labels`` is not two strings, or a map is not a map.

    Examples
    --------
    >>> import pandas as pd, journey_widget as jw
    >>> m = jw.JourneyMap(pd.DataFrame({"id": ["a", "b"], "stage": ["Cart", "Pay"],
    ...                                 "lane": ["Actions", "Actions"],
    ...                                 "text": ["Adds to cart", "Types card number"]}))
    >>> future = m.copy(state="future")
    >>> future.move_card("a", stage="Pay")
    >>> jw.compare(m, future, labels=("Today", "Next year"))
    CompareView('Today' vs 'Next year': 1 moved)
    """
    return CompareView(before, after, labels=labels)
