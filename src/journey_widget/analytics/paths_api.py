"""The paths methods of :class:`~.result.Analysis` (kept here, so the result module stays small)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

    from .result import Analysis


class PathsMethods:
    """``paths`` and ``paths_chart``, mixed into :class:`~.result.Analysis`."""

    _source: Any

    def paths(
        self,
        start: str | None = None,
        end: str | None = None,
        *,
        dropped_at: str | None = None,
        steps: int = 3,
        top: int | None = 10,
        level: str = "activity",
        collapse: bool = True,
    ) -> pd.DataFrame:
        """The most frequent paths after ``start`` (or before ``end``, or after ``dropped_at``).

        Computed again from the analysis' event log, on the engine that ran the analysis.

        Parameters
        ----------
        start, end : str, optional
            A stage of the funnel or an activity (a stage wins when a name is both). Each case
            counts once: from its first ``start`` event, or up to its last ``end`` event.
        dropped_at : str, optional
            A stage other than the last: the cases that reached it but not the next stage
            (under the funnel's order and window), from the event that reached it. Exactly one
            of ``start``, ``end`` and ``dropped_at``.
        steps : int
            Steps per path. A case that ends sooner ends its path with ``"(end)"``; one that
            begins less than ``steps`` steps before ``end`` starts it with ``"(start)"``.
        top : int or None
            How many paths to list, most frequent first (None: all).
        level : {"activity", "stage"}
            Steps are activities, or funnel stages (events outside the funnel: ``"(other)"``).
        collapse : bool
            Consecutive repeats of a step are one step (and the anchor's repeats no step).

        Returns
        -------
        DataFrame
            ``path`` (a tuple in time order, without the anchor), ``step_1..step_n`` (before
            ``end``: ``step_-n..step_-1``), ``count`` (cases) and ``share`` (of the anchored
            cases, in ``attrs["cases"]``); most frequent first, ties by path.

        Raises
        ------
        JourneyError
            For an unknown stage or activity, ``steps`` or ``top`` below 1, or not exactly one
            of ``start``, ``end`` and ``dropped_at``.

        Examples
        --------
        >>> a = jw.analytics.analyze(log, case="user", activity="event", timestamp="at")
        >>> a.paths(start="view", steps=2)[["step_1", "step_2", "count", "share"]]
                step_1 step_2  count  share
        0  add_to_cart  (end)      1    0.5
        1  add_to_cart    pay      1    0.5
        """
        from .paths import paths

        return paths(
            cast("Analysis", self), start, end, dropped_at=dropped_at, steps=steps, top=top,
            level=level, collapse=collapse,
        )  # fmt: skip

    def paths_chart(
        self,
        start: str | None = None,
        end: str | None = None,
        *,
        dropped_at: str | None = None,
        steps: int = 3,
        top: int | None = 10,
        level: str = "activity",
        collapse: bool = True,
    ) -> alt.LayerChart:
        """The paths of :meth:`paths` as a flow (Sankey-like) Altair chart.

        One column per step (the anchor first, or last before ``end``), a node per label as
        tall as the cases through it, bands between columns as wide as the cases they carry.
        At most 200 paths (``top``).

        Examples
        --------
        >>> a = jw.analytics.analyze(log, case="user", activity="event", timestamp="at")
        >>> a.paths_chart(end="pay", steps=2).to_dict()["title"]["text"]
        'Paths before pay'
        """
        from .paths_chart import paths_chart

        table = self.paths(
            start, end, dropped_at=dropped_at, steps=steps, top=top, level=level,
            collapse=collapse,
        )  # fmt: skip
        return paths_chart(table)
