"""The report's "What the room chose" section: the top-voted cards of each revealed round.

Each revealed (ended) round gets a table of its most voted cards with their comment threads;
comments on other cards follow in one more table. The dots of an open round are never shown.
Every string is escaped text (:func:`~journey_widget.html_render.el`), never HTML.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..html_render import Safe, el
from ..model import Journey
from ..model.participation import Comment, Participation, Round
from .sections import Html, Table

#: How many places each round's table shows (cards tied with the last place are kept).
TOP_CARDS = 5


def _journey(m: Any) -> Journey:
    return m if isinstance(m, Journey) else m.journey


def has_room(journey: Journey) -> bool:
    """True when the map has comments or a revealed round: the section has something to say."""
    p = journey.participation
    return bool(p.comments) or any(r.ended is not None for r in p.rounds)


def _threads(p: Participation, card: str) -> str:
    """A card's comment threads as plain text: one line per comment, replies indented."""
    lines = []
    for root in (c for c in p.comments if c.card == card and c.parent is None):
        lines.append(_line(root) + (" (resolved)" if root.resolved else ""))
        lines.extend("  " + _line(r) for r in p.comments if r.parent == root.id)
    return "\n".join(lines)


def _line(c: Comment) -> str:
    return f"{c.author}: {' '.join(c.text.split())}"


def _round_caption(r: Round, voters: int) -> str:
    lanes = ", ".join(r.lanes) if r.lanes else "every lane"
    who = "anonymous" if r.anonymous else "named"
    return (
        f"Round {r.number}: {lanes}; {r.budget} dot{'s' if r.budget != 1 else ''} each, "
        f"{voters} voter{'s' if voters != 1 else ''} ({who})"
    )


def round_table(journey: Journey, r: Round, top: int = TOP_CARDS) -> Table:
    """The most voted cards of a revealed round, with their comments.

    Columns ``rank``, ``votes``, ``card``, ``stage``, ``lane``, ``comments``; cards tied with
    the ``top``-th place are kept; cards deleted since the vote are left out.
    """
    p = journey.participation
    votes: dict[str, int] = {}
    voters: set[str] = set()
    for v in p.votes:
        if v.round == r.number and v.count > 0:
            votes[v.card] = votes.get(v.card, 0) + int(v.count)
            voters.add(v.voter)
    t = journey.table
    cards = t[t["id"].isin(list(votes))]
    frame = pd.DataFrame(
        {
            "votes": [votes[str(i)] for i in cards["id"]],
            "card": cards["text"].astype(object).to_numpy(),
            "stage": cards["stage"].astype(object).to_numpy(),
            "lane": cards["lane"].astype(object).to_numpy(),
            "comments": [_threads(p, str(i)) for i in cards["id"]],
        }
    )
    frame = frame.sort_values("votes", ascending=False, kind="stable").reset_index(drop=True)
    frame.insert(0, "rank", frame["votes"].rank(method="min", ascending=False).astype("int64"))
    frame = frame[frame["rank"] <= top].reset_index(drop=True)
    return Table(frame, _round_caption(r, len(voters)), "No card got a vote in this round.")


def _shown(journey: Journey, top: int) -> set[str]:
    """The ids of the cards the round tables show."""
    out: set[str] = set()
    p = journey.participation
    for r in p.rounds:
        if r.ended is None:
            continue
        votes: dict[str, int] = {}
        for v in p.votes:
            if v.round == r.number and v.count > 0:
                votes[v.card] = votes.get(v.card, 0) + int(v.count)
        ranked = sorted(votes.values(), reverse=True)
        if ranked:
            floor = ranked[min(top, len(ranked)) - 1]
            out.update(c for c, n in votes.items() if n >= floor)
    return out


def other_comments(journey: Journey, skip: set[str]) -> Table:
    """The comment threads of the cards not in ``skip``, in map order."""
    p = journey.participation
    commented = {c.card for c in p.comments} - skip
    t = journey.table
    cards = t[t["id"].isin(list(commented))]
    frame = pd.DataFrame(
        {
            "card": cards["text"].astype(object).to_numpy(),
            "stage": cards["stage"].astype(object).to_numpy(),
            "lane": cards["lane"].astype(object).to_numpy(),
            "comments": [_threads(p, str(i)) for i in cards["id"]],
        }
    )
    return Table(frame, "Comments on other cards", "No other card has comments.")


def what_the_room_chose(m: Any, top: int = TOP_CARDS) -> Html:
    """The section: one table per revealed round, then the comments on other cards.

    A round still open is named, never its dots.

    Examples
    --------
    >>> import journey_widget as jw
    >>> print(repr(what_the_room_chose(jw.Journey())))
    No votes or comments on this map.
    """
    j = _journey(m)
    p = j.participation
    parts: list[Safe | None] = []
    plain: list[str] = []
    for r in p.rounds:
        if r.ended is not None:
            table = round_table(j, r, top)
            parts.append(Safe(table._repr_html_()))
            plain.append(repr(table))
    others = other_comments(j, _shown(j, top))
    if not others.data.empty:
        parts.append(Safe(others._repr_html_()))
        plain.append(repr(others))
    still_open = p.open_round()
    if still_open is not None:
        note = f"Round {still_open.number} is still open: its votes show once it ends."
        parts.append(el("p", {"class": "jw-report-empty"}, note))
        plain.append(note)
    if not parts:
        note = "No votes or comments on this map."
        return Html(el("p", {"class": "jw-report-empty"}, note), note)
    return Html(el("div", {"class": "jw-report-room"}, parts), "\n\n".join(plain))
