"""Each view's own dots of the open round, in messages addressed to that view (docs/protocol.md).

Hidden votes are in no trait. A view says who votes from it::

    {"type": "dots", "view": "vab12cd", "voter": "Ana" | null}

(``null``: nobody votes from it any more, the view goes away), and every ``vote`` operation's
message carries the view's id too. The kernel keeps one voter per view and sends to each view,
when it asks and whenever that voter's dots change (a vote, an undo, ``m.vote`` from Python, a
round starting or ending)::

    {"type": "dots", "view": "vab12cd", "voter": "Ana", "round": 2 | null,
     "cards": {"c03": 2}, "used": 2}

Every view receives every custom message of the widget (the comm has no per-view channel), so a
view keeps only the ``dots`` addressed to its own id and drops the rest unread: another person's
dots never reach its state or its DOM. They do pass through the browser, so a participant with
the browser's developer tools could read them: hidden for a workshop, not a secret ballot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import Journey, JourneyError
from ..model.participation import voter_token
from .events import logger
from .participation import MAX_NAME, message_view

#: The most views the kernel keeps a voter for (a bound on memory, far above a workshop).
MAX_VIEWS = 200


def is_dots_message(content: Any) -> bool:
    """True for a ``{"type": "dots"}`` message."""
    return isinstance(content, Mapping) and content.get("type") == "dots"


def own_dots(journey: Journey, voter: str | None) -> dict[str, Any]:
    """The open round's dots of ``voter``: ``{"round", "cards", "used"}``.

    ``round`` is ``None`` (and there are no dots) when no round is open or no voter is known.
    """
    p = journey.participation
    open_round = p.open_round()
    if open_round is None or voter is None:
        return {"round": None, "cards": {}, "used": 0}
    number = open_round.number
    stored = voter_token(number, voter) if open_round.anonymous else voter
    cards: dict[str, int] = {}
    for v in p.votes:
        if v.round == number and v.voter == stored and v.count > 0:
            cards[v.card] = cards.get(v.card, 0) + int(v.count)
    return {"round": number, "cards": cards, "used": sum(cards.values())}


class DotsPost:
    """The voter of each view and the last dots sent to it; sends only what changed."""

    def __init__(self, send: Callable[[dict[str, Any]], None]) -> None:
        self._send = send
        self._voters: dict[str, str] = {}
        self._sent: dict[str, dict[str, Any]] = {}

    def receive(self, content: Mapping[str, Any], journey: Journey) -> None:
        """Take a view's ``dots`` message: remember (or forget) its voter, send its dots."""
        try:
            view = message_view(content)
            voter = content.get("voter")
            if view is None:
                raise JourneyError("malformed dots message: 'view' is missing")
            if voter is not None and (
                not isinstance(voter, str) or not voter.strip() or len(voter) > MAX_NAME
            ):
                raise JourneyError(f"malformed dots message: 'voter' is {voter!r}")
        except JourneyError as err:
            logger.warning("journey_widget ignored a dots message: %s", err)
            return
        if voter is None:
            self._voters.pop(view, None)
            self._sent.pop(view, None)
            return
        self.register(view, voter)
        self.post(view, journey, force=True)

    def register(self, view: str | None, voter: str) -> None:
        """Remember who votes from ``view`` (a ``vote`` operation names its voter)."""
        if view is None:
            return
        if view not in self._voters and len(self._voters) >= MAX_VIEWS:
            oldest = next(iter(self._voters))
            self._voters.pop(oldest)
            self._sent.pop(oldest, None)
        if self._voters.get(view) != voter:
            self._sent.pop(view, None)
        self._voters[view] = voter

    def refresh(self, journey: Journey) -> None:
        """Send each known view its dots when they differ from what it has."""
        for view in list(self._voters):
            self.post(view, journey)

    def messages_for(self, journey: Journey) -> dict[str, dict[str, Any]]:
        """The message each known view would get now (for tests and for reading)."""
        return {view: self._message(view, journey) for view in self._voters}

    def _message(self, view: str, journey: Journey) -> dict[str, Any]:
        voter = self._voters[view]
        return {"type": "dots", "view": view, "voter": voter, **own_dots(journey, voter)}

    def post(self, view: str | None, journey: Journey, force: bool = False) -> None:
        """Send ``view`` its dots (only when they changed, unless ``force``)."""
        if view is None or view not in self._voters:
            return
        message = self._message(view, journey)
        if not force and self._sent.get(view) == message:
            return
        self._sent[view] = message
        self._send(message)
