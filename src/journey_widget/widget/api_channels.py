"""Channels of a journey map: which channels the touchpoints of each stage use.

:meth:`ChannelsAPI.channel_matrix` counts cards (or, given the :class:`Analysis` the map was
built from, the log's events behind them) per stage and channel; the widget's "By channel"
toggle groups each cell's cards in the same channel order (js/src/view/channels.ts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..model import Journey, JourneyError
from ..model.cards import is_missing
from .core import MapCore

#: The column of cards without a channel.
NO_CHANNEL = "(none)"


def channel_of(value: Any) -> str:
    """A card's channel as the matrix and the widget group it: text, or ``"(none)"``.

    Examples
    --------
    >>> channel_of(" Email "), channel_of(None), channel_of("")
    ('Email', '(none)', '(none)')
    """
    if is_missing(value):
        return NO_CHANNEL
    text = str(value).strip()
    return text or NO_CHANNEL


def channel_order(table: pd.DataFrame) -> list[str]:
    """The channels of a card table in the order they first appear (row order), no "(none)"."""
    if "channel" not in table.columns:
        return []
    seen = dict.fromkeys(channel_of(v) for v in table["channel"])
    return [c for c in seen if c != NO_CHANNEL]


def _lane_filter(journey: Journey, lanes: Sequence[str] | None) -> pd.Series:
    """Which cards count: those of ``lanes`` (every lane by default)."""
    table = journey.table
    if lanes is None:
        return pd.Series(True, index=table.index)
    if isinstance(lanes, str):
        lanes = [lanes]
    names = [lane.name for lane in journey.lanes]
    for lane in lanes:
        if lane not in names:
            raise JourneyError(
                f"channel_matrix: lanes has {lane!r}, not a lane of the map; expected some of "
                f"{names}"
            )
    return table["lane"].isin(list(lanes))


def _event_weights(journey: Journey, analysis: Any) -> pd.Series:
    """Each card's events in the log: its activity's count at its stage (0 when none)."""
    from ..analytics.result import Analysis

    if not isinstance(analysis, Analysis):
        raise JourneyError(
            "channel_matrix: events takes the jw.analytics.analyze result the map was built "
            f"from (JourneyMap.from_events), got {type(analysis).__name__}"
        )
    acts = analysis.activities[analysis.activities["stage"].notna()]
    # Summed per stage and activity: a segmented analysis (``by=``) has a row per segment.
    summed = acts.groupby([acts["stage"].astype(str), acts["activity"].astype(str)])["events"]
    counts = {key: int(n) for key, n in summed.sum().items()}
    table = journey.table
    keys = zip(table["stage"].astype(str), table["text"].astype(str), strict=True)
    weights = pd.Series([counts.get(k, 0) for k in keys], index=table.index, dtype="int64")
    if len(table) and not (weights > 0).any():
        raise JourneyError(
            "channel_matrix: no card of the map names an activity of the analysis at its stage; "
            "expected the analysis the map was built from (its touchpoint cards carry the "
            "activity as their text)"
        )
    return weights


def channel_matrix(
    journey: Journey, events: Any = None, lanes: Sequence[str] | None = None
) -> pd.DataFrame:
    """Stage x channel counts of cards, or of events with ``events`` (see the method)."""
    table = journey.table
    keep = _lane_filter(journey, lanes)
    weights = (
        pd.Series(1, index=table.index, dtype="int64")
        if events is None
        else _event_weights(journey, events)
    )
    channels = (
        table["channel"].map(channel_of)
        if "channel" in table.columns
        else pd.Series(NO_CHANNEL, index=table.index)
    )
    order = [*channel_order(table[keep]), NO_CHANNEL]
    stages = journey.stage_names()
    frame = pd.DataFrame(
        {"stage": table["stage"][keep], "channel": channels[keep], "n": weights[keep]}
    )
    counts = frame.groupby(["stage", "channel"], sort=False)["n"].sum()
    matrix = counts.unstack("channel") if len(counts) else pd.DataFrame()
    matrix = matrix.reindex(index=stages, columns=order).fillna(0).astype("int64")
    matrix.index.name = "stage"
    matrix.columns.name = "channel"
    return matrix


class ChannelsAPI(MapCore):
    """``m.channel_matrix()``."""

    def channel_matrix(
        self, events: Any = None, *, lanes: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """The map's channels by stage: how many cards (or log events) each stage has per channel.

        Parameters
        ----------
        events : Analysis, optional
            The :func:`jw.analytics.analyze` result the map was built from
            (:meth:`from_events`): each card then counts the events of its activity at its stage
            (a touchpoint card's text is its activity; other cards count 0).
        lanes : list of str, optional
            Count only the cards of these lanes (say ``["Touchpoints"]``); default every lane.

        Returns
        -------
        DataFrame
            One row per stage in map order (index ``stage``), one column per channel in the
            order the channels first appear among the cards (row order), then ``"(none)"`` for
            cards without a channel; whole numbers, 0 where a stage has none.

        Raises
        ------
        JourneyError
            ``events`` is not an analysis or matches no card; a lane is not the map's.

        Examples
        --------
        >>> m.data = m.data.assign(channel=["Web", None, "App", "Web"])
        >>> m.channel_matrix()
        channel  Web  App  (none)
        stage
        Browse     1    0       1
        Cart       0    1       0
        Pay        1    0       0
        """
        return channel_matrix(self._journey, events, lanes)
