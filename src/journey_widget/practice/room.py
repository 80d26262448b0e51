"""Map checks on what the room said: open comment threads and the pain points it voted for.

Comments and votes live on the map (``journey.participation``, docs/participation.md). Only
revealed rounds count: the dots of an open round are nobody's business until it ends.

============================== ========  ===================================================
rule                           severity  fires when
============================== ========  ===================================================
voted-pain-without-opportunity warning   a pain point is high-voted in a revealed round
                                         (see :func:`high_voted`) and its stage has no
                                         card on an opportunity lane
open-comment                   warning   a card has a comment thread nobody resolved
============================== ========  ===================================================
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..model import Journey
from .findings import Finding, card_finding, cards_in, lanes_of, rows, short

#: A card is high-voted when at most this many cards of its round got more votes than it.
TOP = 3


def revealed_votes(journey: Journey) -> pd.DataFrame:
    """The votes of the map's revealed (ended) rounds, per round and card.

    Returns
    -------
    pandas.DataFrame
        Columns ``round``, ``card``, ``votes`` (the sum of every voter's dots), one row per
        card that got at least one dot, by round, then most votes first, then card id. Cards
        deleted since keep their rows (their votes are kept on the map).

    Examples
    --------
    >>> import journey_widget as jw
    >>> revealed_votes(jw.Journey()).empty
    True
    """
    totals = journey.participation.revealed_totals()
    frame = pd.DataFrame(
        [(r, c, n) for (r, c), n in totals.items()], columns=["round", "card", "votes"]
    ).astype({"round": "int64", "card": object, "votes": "int64"})
    frame = frame.sort_values(["round", "votes", "card"], ascending=[True, False, True])
    return frame.reset_index(drop=True)


def high_voted(journey: Journey) -> pd.DataFrame:
    """The cards among the top :data:`TOP` of a revealed round, ties with the third included.

    A card is high-voted in a round when it got at least one dot there and at most two cards of
    that round got more (votes 5, 4, 3, 3, 1: the first four).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`revealed_votes` that are high-voted, with ``rank`` (1 for the most
        voted; tied cards share a rank).
    """
    frame = revealed_votes(journey)
    frame["rank"] = (
        frame.groupby("round")["votes"].rank(method="min", ascending=False).astype("int64")
    )
    return frame[frame["rank"] <= TOP].reset_index(drop=True)


def voted_pain_without_opportunity(journey: Journey) -> Iterator[Finding]:
    """A finding for each high-voted pain point whose stage has no opportunity."""
    pains = cards_in(journey, lanes_of(journey, tone="pain"))
    top = high_voted(journey)
    if pains.empty or top.empty:
        return
    chances = cards_in(journey, lanes_of(journey, tone="opportunity"))
    covered = set(chances["stage"])
    best = top.sort_values(["votes", "round"], ascending=[False, True]).drop_duplicates("card")
    chosen = {str(r["card"]): r for r in best.to_dict("records")}
    for card in rows(pains[pains["id"].isin(list(chosen))]):
        if card["stage"] in covered:
            continue
        hit = chosen[str(card["id"])]
        yield card_finding(
            "voted-pain-without-opportunity",
            f"pain point {short(card['text'])} ({card['id']}) is among the room's top "
            f"{TOP} with {hit['votes']} vote{'s' if hit['votes'] != 1 else ''} in round "
            f"{hit['round']}, but stage {card['stage']!r} has no opportunity: "
            "what could take this pain away?",
            card,
        )


def open_comment(journey: Journey) -> Iterator[Finding]:
    """A finding for each card with an unresolved comment thread (quoting the first one)."""
    threads: dict[str, list[tuple[str, str]]] = {}
    for comment in journey.participation.comments:
        if comment.parent is None and not comment.resolved:
            threads.setdefault(str(comment.card), []).append(
                (str(comment.author), str(comment.text))
            )
    if not threads:
        return
    t = journey.table
    for card in rows(t[t["id"].isin(list(threads))]):
        open_ = threads[str(card["id"])]
        author, text = open_[0]
        what = (
            "an open comment thread"
            if len(open_) == 1
            else f"{len(open_)} open comment threads, the first"
        )
        yield card_finding(
            "open-comment",
            f"card {short(card['text'])} ({card['id']}) has {what} from {author}: "
            f"{short(text)}; answer it on the map, then resolve it",
            card,
        )
