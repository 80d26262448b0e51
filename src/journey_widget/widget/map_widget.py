"""The ``JourneyMap`` widget: synced traits and message dispatch over the pure model."""

from __future__ import annotations

import pathlib
import threading
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import anywidget
import pandas as pd
import traitlets

from ..html_render import map_html
from ..io.json_format import MIME_TYPE, journey_to_dict
from ..model import (
    Applied,
    Change,
    History,
    Journey,
    JourneyError,
    Lane,
    Op,
    Persona,
    Scale,
    Stage,
)
from ..model.ops import AddCard
from ..model.participation_ops import PARTICIPATION_KINDS
from .api import MapAPI
from .dots import DotsPost, is_dots_message
from .events import Callbacks, Source, logger
from .messages import findings_reply, is_check_message
from .overlays import OverlayList, OverlayRefresher
from .participation import ack_extras, anonymous_voter, message_view, vote_voter
from .payloads import MetricsPayload, cards_payload, participation_payload, structure_payload
from .presence import PresenceBoard, is_presence_message
from .protocol import history_kind, message_user, op_from_message
from .record import EditRecord
from .snapshot import Snapshots

if TYPE_CHECKING:
    from typing import Self

STATIC = pathlib.Path(__file__).parent.parent / "static"


class JourneyMap(MapAPI, anywidget.AnyWidget):
    """An editable customer journey map bound to a pandas DataFrame.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        One row per card with at least ``stage``, ``lane`` and ``text``; optionally ``id``,
        ``step``, ``score``, the optional columns of DESIGN.md and any columns of your own.
    stages, lanes : sequence, optional
        Order of stages and lanes: names, dicts (``{"name", "steps"}``, ``{"name", "kind"}``)
        or :class:`Stage`/:class:`Lane`. Default: an ordered Categorical, else first appearance.
    scale : (min, max) or dict, optional
        The emotion scale, -2..2 by default.
    title, persona, state : optional
        Map metadata.
    read_only : bool
        Show the map without editing controls.
    metrics : DataFrame, optional
        Stage metrics (stage, metric, value, optional target, unit, n); see ``m.metrics``.
    overlays : bool, str, list or dict
        The charts drawn under the map, refreshed after each edit: by default those that add
        something to it (the metrics chart with metrics; the emotion chart when there are
        measured ratings, several personas or emotion lanes, or metrics: otherwise the emotion
        lane's own curve is the emotion curve). A name or list (``"emotion"``) asks for charts;
        ``{"emotion": {"measured": survey, "measured_scale": (1, 5)}}`` adds measured ratings;
        ``False`` turns them off. See ``docs/charts.md``.

    Examples
    --------
    >>> import pandas as pd, journey_widget as jw
    >>> cards = pd.DataFrame({"stage": ["Browse", "Pay"], "lane": ["Actions", "Actions"],
    ...                       "text": ["Search", "Enter card"]})
    >>> m = jw.JourneyMap(cards, title="Checkout")
    >>> m.stages
    ('Browse', 'Pay')
    """

    _esm = STATIC / "widget.js"
    _css = STATIC / "widget.css"

    structure = traitlets.Dict().tag(sync=True)
    cards: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)
    read_only = traitlets.Bool(False).tag(sync=True)
    overlays = OverlayList().tag(sync=True)  # chart images under the map (overlays.py)
    #: The bound file's status (``jw.open``): path, state, message, conflict_copy; ``{}`` when
    #: the map is not bound. Views may show a warning from it (durable/status.py).
    file_binding = traitlets.Dict().tag(sync=True)
    #: Comments, voting rounds' settings and revealed totals; never an open round's dots, which
    #: reach each view in a ``dots`` message addressed to it (dots.py, docs/protocol.md).
    participation = traitlets.Dict().tag(sync=True)
    #: What the stage headers and the caption show of the metrics (payloads.metrics_payload).
    stage_metrics = traitlets.Dict().tag(sync=True)
    #: Let each ``ack`` leave the kernel before the traits are published (see ``_let_out``);
    #: bench/bench_kernel_ack.py turns it off on one map to measure the difference.
    _yield_after_ack = True

    def __init__(
        self,
        data: pd.DataFrame | None = None,
        *,
        stages: Sequence[str | Stage | Mapping[str, Any]] | None = None,
        lanes: Sequence[str | Lane | Mapping[str, Any]] | None = None,
        scale: Scale | Mapping[str, Any] | tuple[float, float] | None = None,
        title: str = "",
        persona: str | Persona | Mapping[str, Any] | None = None,
        state: str = "current",
        read_only: bool = False,
        metrics: pd.DataFrame | None = None,
        overlays: bool | str | Sequence[str] | Mapping[str, Any] = True,
        **kwargs: Any,
    ) -> None:
        journey = Journey(
            data,
            stages=stages,
            lanes=lanes,
            scale=scale,
            title=title,
            persona=persona,
            state=state,
            metrics=metrics,
        )
        super().__init__(read_only=read_only, **kwargs)
        self._overlay_refresher = OverlayRefresher(self, overlays)
        self._snapshots = Snapshots(self)  # keeps saved notebook outputs current
        self._dots = DotsPost(lambda msg: self.send(msg))  # each view's own hidden dots
        self._metrics_payload = MetricsPayload()  # the stage_metrics trait, kept until it changes
        self._init_journey(journey)
        self._presence = PresenceBoard(lambda msg: self.send(msg))  # who edits which card
        self.on_msg(self._on_message)

    @classmethod
    def from_journey(cls, journey: Journey, **kwargs: Any) -> Self:
        """A widget over an existing :class:`~journey_widget.model.Journey`."""
        widget = cls(**kwargs)
        widget._init_journey(journey)
        return widget

    def _init_journey(self, journey: Journey) -> None:
        self._journey = journey
        self._history = History(journey)
        self._callbacks = Callbacks()
        self._record = EditRecord()
        self._publish()
        self._overlay_refresher.request()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widget view plus a static HTML map for places that cannot run widgets.

        nbconvert exports without widget state, GitHub and nbviewer show the ``text/html``.
        """
        bundle = super()._repr_mimebundle_(**kwargs)
        self._overlay_refresher.on_display()  # shown: keep its chart overlays drawn
        self._snapshots.on_display()  # and the outputs a saved notebook keeps
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if isinstance(data, dict):
            data["text/html"] = map_html(self._journey)
            # The versioned JSON: JupyterLab's extension draws it when the widget cannot be.
            data[MIME_TYPE] = journey_to_dict(self._journey)
        return bundle

    def __repr__(self) -> str:
        j = self._journey
        title = f"{j.title!r}, " if j.title else ""
        return (
            f"JourneyMap({title}{len(j.table)} cards, {len(j.stages)} stages x "
            f"{len(j.lanes)} lanes)"
        )

    # ---- the single writer --------------------------------------------------------------
    def _publish(self, changes: list[Change] | None = None) -> None:
        """Push the model's state into the traits, as new objects, in one sync message.

        Comments and dots change neither the structure nor the cards: only the participation
        trait is sent again (a dot: 0.6 ms at 5,000 cards, a card edit 18 ms; bench/RESULTS.md).
        """
        cards_too = not changes or any(c.kind not in PARTICIPATION_KINDS for c in changes)
        with self.hold_sync():
            if cards_too:
                self.structure = structure_payload(self._journey)
                self.cards = cards_payload(self._journey.table)
                self.stage_metrics = self._metrics_payload(self._journey)
            self.participation = participation_payload(self._journey)
            self.revision = self.revision + 1

    def _apply(self, op: Op, source: Source = "python") -> Applied:
        applied = self._history.apply(op)
        self._after(applied.changes, source)
        return applied

    def _after(self, changes: list[Change], source: Source, user: str | None = None) -> None:
        self._publish(changes)
        self._overlay_refresher.request()  # renders later: after the ack, bursts coalesced
        self._snapshots.request(changes)
        self._record.add(changes, source, user)
        self._callbacks.emit(changes, source, self.revision, user)
        self._dots.refresh(self._journey)  # views whose voter's dots changed

    def _walk(self, walk: str, user: str | None) -> Applied | None:
        """A browser's undo or redo: the user's own last step, or anyone's without a user."""
        h = self._history
        if user is None:
            return h.undo() if walk == "undo" else h.redo()
        return h.undo_by(user) if walk == "undo" else h.redo_by(user)

    # long: one message, one reply (ack or reject), then publishing, read in that order
    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if is_check_message(content):  # the Check button: m.check(), read only
            self.send(findings_reply(self._journey, content))
            return
        if is_presence_message(content):  # who edits which card (presence.py)
            self._presence.receive(content)
            return
        if is_dots_message(content):  # who votes from a view; its own dots back (dots.py)
            self._dots.receive(content, self._journey)
            return
        if not isinstance(content, dict) or content.get("type") != "op":
            return
        op_id = content.get("op_id")
        base = content.get("base_revision")
        applied: Any = None
        user: str | None = None
        view: str | None = None
        try:
            user, view = message_user(content), message_view(content)
            if self.read_only:
                raise JourneyError("this map is read-only; set read_only=False to edit it")
            stale = not isinstance(base, int) or base < self.revision
            walk = history_kind(content.get("op"))
            reply: dict[str, Any] = {"type": "ack", "op_id": op_id}
            if walk:  # undo / redo: Python owns the history; a named user walks their own steps
                applied = self._walk(walk, user)
                reply["changed"] = applied is not None
            else:
                op = op_from_message(content.get("op"), self._journey, stale)
                user = anonymous_voter(op, self._journey, user)
                applied = self._history.apply(op, user)
                if isinstance(op, AddCard):
                    reply["id"] = op.card["id"]
                reply.update(ack_extras(op, applied))
            # The DataFrame holds the edit now: answer at once, naming the revision the traits
            # are about to carry, so the view need not wait for the whole `cards` state; the
            # traits (the saved truth) follow right after (docs/protocol.md).
            reply["revision"] = self.revision + (1 if applied else 0)
        except JourneyError as err:
            reply = {
                "type": "reject",
                "op_id": op_id,
                "revision": self.revision,
                "reason": str(err),
            }
        except Exception as err:  # a bug must still roll the view back, visibly
            logger.exception("journey_widget failed to apply %r", content)
            reply = {
                "type": "reject",
                "op_id": op_id,
                "revision": self.revision,
                "reason": f"internal error: {type(err).__name__}: {err}",
            }
        if applied is not None:
            self._save_before_ack(applied.changes)  # a bound map: the ack means "in the file"
        self.send(reply)
        voter = vote_voter(content.get("op")) if applied is not None else None
        if voter is not None:  # the view's own dots right after its vote's ack
            self._dots.register(view, voter)
            self._dots.post(view, self._journey)
        if self._yield_after_ack:
            _let_out(self)
        if applied is not None:
            try:
                self._after(applied.changes, "browser", user)
            except Exception:
                logger.exception("journey_widget failed to publish after %r", content)


def _let_out(widget: anywidget.AnyWidget, timeout: float = 0.005) -> None:
    """Let the message ``widget`` just sent leave the kernel before heavier work starts.

    ipykernel hands messages to its IOPub thread, and zmq's own I/O thread writes them out.
    Publishing the traits right after the ``ack`` keeps the GIL and the CPU from both, which
    delayed the small ack by ~6 ms at 1,000 cards (bench/bench_kernel_ack.py). So: wait until
    the IOPub thread has handed the ack to zmq (an event it sets after it, at most ``timeout``
    seconds; the GIL is free meanwhile), then sleep 0.2 ms so zmq's thread gets the CPU.
    Outside ipykernel (no IOPub thread) it does nothing.
    """
    kernel = getattr(getattr(widget, "comm", None), "kernel", None)
    schedule = getattr(getattr(kernel, "iopub_thread", None), "schedule", None)
    if not callable(schedule):
        return
    handed = threading.Event()
    schedule(handed.set)
    handed.wait(timeout)
    time.sleep(0.0002)
