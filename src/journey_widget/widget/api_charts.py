"""Charts and stage metrics of a map: the part of :class:`JourneyMap`'s API built on Altair."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..model import JourneyError
from ..model.metrics_ops import SetMetrics, current_metrics
from ..model.metrics_periods import LOWER_IS_BETTER, journey_score, with_period
from ..model.metrics_table import PERIOD, metrics_table, period_label
from .core import MapCore

if TYPE_CHECKING:
    import altair as alt


class ChartsAPI(MapCore):
    """``m.metrics``, ``m.update_metrics()``, ``m.journey_score()`` and the charts."""

    @property
    def metrics(self) -> pd.DataFrame | None:
        """Stage metrics attached to the map: a copy of the tidy table, or ``None``.

        Columns ``stage, metric, value, target, unit, n`` and, for metrics over time,
        ``period`` (see :meth:`update_metrics`). Assigning a DataFrame validates it
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

    def update_metrics(
        self, analysis_or_frame: Any, period: Any, *, previous: Any = None
    ) -> pd.DataFrame:
        """Add or replace one period of the stage metrics, keeping the other periods and the cards.

        Parameters
        ----------
        analysis_or_frame : DataFrame or Analysis
            A metrics table without ``period`` (``stage, metric, value``, optional ``target,
            unit, n``), or a :func:`jw.analytics.analyze` result, whose funnel and score metrics
            are taken as :meth:`from_events` takes them (its stages must be the map's).
        period : str or date
            ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or any label; a period already there is replaced.
        previous : str or date, optional
            The period of the metrics already on the map when they have none (a map from
            :meth:`from_events`, say); required then, so they are kept.

        Returns
        -------
        DataFrame
            The map's metrics afterwards (as :attr:`metrics`).

        Raises
        ------
        JourneyError
            Before anything changes: a stage not on the map, a bad metric row or period.

        Examples
        --------
        >>> columns = dict(case="user", activity="event", timestamp="at", stage_of=stages)
        >>> m = jw.JourneyMap.from_events(log, **columns)   # October's log, say
        >>> november = jw.analytics.analyze(log, **columns)
        >>> after = m.update_metrics(november, period="2026-11", previous="2026-10")
        >>> after["period"].unique().tolist()
        ['2026-10', '2026-11']
        """
        stages = self._journey.stage_names()
        when = period_label(period, "update_metrics: period")
        before = None if previous is None else period_label(previous, "update_metrics: previous")
        fresh = metrics_table(_metrics_frame(analysis_or_frame, stages), stages)
        table = with_period(current_metrics(self._journey), fresh, when, before)
        self._apply(SetMetrics(metrics_table(table, stages)))
        return self.metrics  # type: ignore[return-value]

    def journey_score(self, lower_is_better: Iterable[str] = LOWER_IS_BETTER) -> float | None:
        """The share (0 to 1) of (stage, metric) pairs whose latest value meets its target.

        Pairs without a target do not count; ``None`` when no metric has a target. A value
        meets its target at or above it, or at or below it for the metrics named in
        ``lower_is_better`` (default ``drop-off`` and ``time to next``). The latest value is
        the one of the last period (docs/charts.md, "Metrics over time").
        """
        return journey_score(current_metrics(self._journey), lower_is_better)

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


def _metrics_frame(source: Any, stages: list[str]) -> Any:
    """The metrics table of one period: a frame as it is, or an analysis' stage metrics."""
    if isinstance(source, pd.DataFrame):
        if PERIOD in source.columns:
            raise JourneyError(
                "update_metrics: the frame has a 'period' column; expected one period's "
                "metrics without it, the period given as period="
            )
        return source
    from ..analytics.result import Analysis
    from ..analytics.skeleton import map_metrics

    if isinstance(source, Analysis):
        if sorted(source.stages) != sorted(stages):
            raise JourneyError(
                f"update_metrics: the analysis has stages {list(source.stages)}, the map "
                f"{stages}; expected the map's stages"
            )
        return map_metrics(source)
    raise JourneyError(
        "update_metrics takes a metrics DataFrame (stage, metric, value, optional target, "
        f"unit, n) or a jw.analytics.analyze result, got {type(source).__name__}"
    )
