"""What the room chose: the cards ranked by their dot votes, as an Altair bar chart.

Only revealed rounds count (a round is revealed when it ends, ``m.end_voting()``): the dots of
an open round stay secret (docs/participation.md). A card's votes are the sum over the revealed
rounds (rounds usually vote on different lanes: pain points first, then opportunities), or
those of one round (``round=``); the tooltip names the rounds.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from ..model import Journey, JourneyError
from .lanes import lane_color
from .tables import TEXT_LIMIT

BAR_HEIGHT = 22
LABEL_LIMIT = 40


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def vote_data(
    journey: Journey, lanes: Sequence[str] | None = None, round: int | None = None
) -> pd.DataFrame:
    """The cards with revealed votes, most votes first (then in map order).

    Parameters
    ----------
    journey : Journey
        The map, with its comments and votes (``journey.participation``).
    lanes : sequence of str, optional
        Only the cards of these lanes; default every card with revealed votes.
    round : int, optional
        Only this revealed round; default every revealed round, summed per card.

    Returns
    -------
    pandas.DataFrame
        ``position`` (1, 2, ...), ``id``, ``stage``, ``lane``, ``text``, ``votes``, ``rounds``
        (``"1, 2"``), ``label`` (position and the card's shortened text) and ``tip`` (the
        text, longer). Cards deleted since the vote are left out.

    Raises
    ------
    JourneyError
        When the map has no revealed votes (none yet, or only an open round), ``round`` is
        not a revealed round, or an unknown lane is named.
    """
    chosen = None if lanes is None else list(lanes)
    for lane in chosen or []:
        journey.lane(lane)  # raises for unknown lanes
    participation = journey.participation
    revealed = participation.revealed_rounds()
    if round is not None and round not in revealed:
        raise JourneyError(
            f"round {round!r} is not a revealed round; the revealed rounds are "
            f"{revealed} (a round is revealed by m.end_voting())"
        )
    votes: dict[str, int] = {}
    rounds: dict[str, set[int]] = {}
    for (number, card), n in participation.revealed_totals(
        None if round is None else [round]
    ).items():
        votes[card] = votes.get(card, 0) + n
        rounds.setdefault(card, set()).add(number)
    t = journey.table
    cards = t[t["id"].isin(list(votes))]
    if chosen is not None:
        cards = cards[cards["lane"].isin(chosen)]
    if cards.empty:
        still_open = participation.open_round() is not None
        raise JourneyError(
            "the map has no revealed votes"
            + (f" on lanes {chosen}" if chosen is not None and votes else "")
            + (
                ": the open round's dots stay hidden until m.end_voting()"
                if still_open
                else ": run a round with m.start_voting(), m.vote() and m.end_voting()"
            )
        )
    ids = [str(i) for i in cards["id"]]
    frame = pd.DataFrame(
        {
            "id": ids,
            "stage": cards["stage"].astype(object).to_numpy(),
            "lane": cards["lane"].astype(object).to_numpy(),
            "text": cards["text"].astype(object).to_numpy(),
            "votes": [votes[i] for i in ids],
            "rounds": [", ".join(str(r) for r in sorted(rounds[i])) for i in ids],
        }
    )
    frame = frame.sort_values("votes", ascending=False, kind="stable").reset_index(drop=True)
    frame.insert(0, "position", range(1, len(frame) + 1))
    frame["label"] = [
        f"{p}. {_short(t, LABEL_LIMIT)}"
        for p, t in zip(frame["position"], frame["text"], strict=True)
    ]
    frame["tip"] = [_short(t, TEXT_LIMIT) for t in frame["text"]]
    return frame


def votes_chart(
    journey: Journey, lanes: Sequence[str] | None = None, round: int | None = None
) -> alt.LayerChart:
    """The cards ranked by their revealed votes: one bar each, coloured by lane.

    Pain points red, opportunities green, as on the priority matrix; each bar carries its
    number of votes. See :func:`vote_data` for the rows and the errors.
    """
    data = vote_data(journey, lanes, round)
    order = list(data["label"])
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=240))
    x = alt.X("votes:Q", title="votes", axis=alt.Axis(tickMinStep=1))
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=x,
            y=y,
            color=lane_color(data),
            tooltip=[
                alt.Tooltip("tip:N", title="card"),
                alt.Tooltip("lane:N"),
                alt.Tooltip("stage:N"),
                alt.Tooltip("votes:Q"),
                alt.Tooltip("rounds:N", title="rounds"),
            ],
        )
    )
    counts = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, fontSize=11)
        .encode(x=x, y=y, text=alt.Text("votes:Q"))
    )
    return alt.LayerChart(
        layer=[bars, counts],
        width=360,
        height=max(3, len(data)) * BAR_HEIGHT,
        title="What the room chose: "
        + (f"votes in round {round}" if round is not None else "votes of the revealed rounds"),
    )
