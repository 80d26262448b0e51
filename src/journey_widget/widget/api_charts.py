"""Charts and stage metrics of a map: the part of :class:`JourneyMap`'s API built on Altair."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..model.metrics_ops import SetMetrics, current_metrics
from ..model.metrics_table import metrics_table
from .core import MapCore

if TYPE_CHECKING:
    import altair as alt


class ChartsAPI(MapCore):
    """``m.metrics``, ``m.emotion_chart()``, ``m.metrics_chart()``, ``m.priority_chart()``."""

    @property
    def metrics(self) -> pd.DataFrame | None:
        """Stage metrics attached to the map: a copy of the tidy table, or ``None``.

        Columns ``stage, metric, value, target, unit, n``. Assigning a DataFrame validates it
        (every stage must be one of the map's, ``value`` a number, one row per stage and
        metric), saves it with the map (``.journey.json``) and shows it under the widget;
        assigning ``None`` removes it. Undoable like any edit; renaming a stage renames it
        here too. Build one from raw answers with :func:`journey_widget.metrics.by_stage`.

        Examples
        --------
        >>> m.metrics = jw.metrics.by_stage(survey, value="answer", kind="csat")
        >>> list(m.metrics["stage"])
        ['Browse', 'Cart', 'Pay']
        """
        table = current_metrics(self._journey)
        return None if table is None else table.copy()

    @metrics.setter
    def metrics(self, frame: pd.DataFrame | None) -> None:
        table = None if frame is None else metrics_table(frame, self._journey.stage_names())
        self._apply(SetMetrics(table))

    def emotion_chart(
        self,
        measured: pd.DataFrame | None = None,
        by: str | bool | None = None,
        *,
        measured_scale: tuple[float, float] | None = None,
        threshold: float | None = None,
    ) -> alt.LayerChart:
        """The emotion curve as an Altair chart, optionally against measured ratings.

        x is the map's columns (stages, and steps where present) in map order, y the score on
        the map's scale with a neutral line; points coloured by valence with the card texts in
        tooltips; one line per persona when the cards carry ``persona`` (or per ``by``;
        ``by=False``: one line).
        ``measured`` (``stage``, optional ``step``, ``value`` on ``measured_scale``) adds the
        measured mean per column with its 95% confidence band and ``n``, rescaled to the map's
        scale, and marks columns where the two curves differ by more than ``threshold``.
        See :func:`journey_widget.charts.emotion_chart` and docs/charts.md.

        Examples
        --------
        >>> ratings = survey.rename(columns={"answer": "value"})
        >>> m.emotion_chart(ratings, measured_scale=(1, 5)).save("emotions.svg")
        """
        from ..charts import emotion_chart

        return emotion_chart(
            self._journey, measured, by, measured_scale=measured_scale, threshold=threshold
        )

    def metrics_chart(self, metrics: pd.DataFrame | None = None) -> alt.FacetChart:
        """Stage metrics as one small panel per metric sharing the stage axis (map order).

        Targets are drawn as ticks, values labelled. Default: the metrics attached with
        ``m.metrics``.
        """
        from ..charts import metrics_chart

        return metrics_chart(self._journey, metrics)

    def priority_chart(
        self,
        x: str | None = None,
        y: str | None = None,
        lanes: Sequence[str] | None = None,
        *,
        by: str = "cards",
        round: int | None = None,
    ) -> alt.LayerChart:
        """Pain points and opportunities on a matrix, or ranked by votes, to pick what comes first.

        The matrix is impact versus effort (or severity versus frequency, or any two card columns
        ``x``/``y``). ``by="votes"`` ranks the cards by the dots of revealed voting rounds
        (``m.start_voting()`` ... ``m.end_voting()``) instead: one bar per card, most votes on
        top, summed over the revealed rounds (``round=``: one of them); it raises when no round
        has been revealed. See
        :func:`journey_widget.charts.priority_chart`.

        Examples
        --------
        >>> m.start_voting(budget=2)
        1
        >>> m.vote("c4", voter="Ana"); m.vote("c4", voter="Bo"); m.vote("c1", voter="Bo")
        >>> m.end_voting()["votes"].tolist()
        [2, 1]
        >>> m.priority_chart(by="votes").save("chosen.svg")
        """
        from ..charts import priority_chart

        return priority_chart(self._journey, x, y, lanes, by=by, round=round)
