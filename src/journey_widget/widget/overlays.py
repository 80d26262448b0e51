"""The kernel side of the chart overlays drawn under the widget (the ``overlays`` trait).

After every committed edit the widget calls :meth:`OverlayRefresher.request`. It never renders
there, so the edit's ``ack`` leaves first:

- in a kernel (a running asyncio loop: ipykernel, or any asyncio program), once the widget has
  been displayed, it schedules one refresh on the loop for when edits pause for ``DEBOUNCE``
  seconds (at most ``MAX_WAIT`` after the first); edits arriving meanwhile ride along with it (a
  burst of edits costs one render, of the latest state, and renders keep out of the way of the
  acks of a quick series of edits);
- reading ``m.overlays`` (or the widget's full state, as embedding, saving and a view asking
  for the state do) settles a pending refresh at once, so scripts, tests and maps built but never
  shown (a loop making a hundred maps for a report) render only what is read.

A refresh first digests what each chart is drawn from (the columns, the scale, the scored
emotion cards, the metrics); only a chart whose digest changed is built (Altair) and rendered
to SVG (vl-convert), so an edit that changes no chart (a card's text) costs next to nothing.

The trait holds ``{name, svg, columns, width, height, left, column_width}`` per chart; the
view shows each as ``<img src="data:image/svg+xml;base64,...">`` (an image runs no script and
fetches nothing) aligned to the board's columns.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
import traitlets

from ..model import Journey

if TYPE_CHECKING:
    from ..charts.layout import Geometry

logger = logging.getLogger("journey_widget")

DEBOUNCE = 0.04  # seconds without edits before a refresh ...
MAX_WAIT = 0.25  # ... but at most this long after the first edit of a burst
EMOTION_HEIGHT = 150
METRIC_PANEL_HEIGHT = 70


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


@dataclass(frozen=True)
class OverlayChart:
    """One overlay chart: its ``key`` and how to build its spec.

    The ``key`` is a digest of everything it is drawn from; the spec is built by
    ``build() -> (spec, geometry, panels, spacing)``.
    """

    name: str
    key: str
    build: Callable[[], tuple[dict[str, Any], Geometry, int, int]]


def _digest(parts: Any, frame: pd.DataFrame) -> str:
    h = hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode())
    try:
        hashed = pd.util.hash_pandas_object(frame, index=False)
    except TypeError:  # unhashable cells (lists): hash their text
        hashed = pd.util.hash_pandas_object(frame.astype(str), index=False)
    h.update(hashed.to_numpy().tobytes())
    h.update(json.dumps([str(c) for c in frame.columns]).encode())
    return h.hexdigest()


def overlay_charts(journey: Journey) -> list[OverlayChart]:
    """The overlay charts a map has now.

    ``emotion`` when it has an emotion lane, ``metrics`` when metrics are attached. Computing
    the keys is cheap; building is not.
    """
    from ..charts.emotion import emotion_chart
    from ..charts.layout import Geometry
    from ..charts.render import spec_of
    from ..charts.stage_metrics import OVERLAY_SPACING, metrics_chart
    from ..charts.tables import resolve_by
    from ..model.metrics_ops import current_metrics

    columns = journey.columns()
    charts: list[OverlayChart] = []
    emotion = [lane.name for lane in journey.lanes if lane.kind == "emotion"]
    if emotion:
        geometry = Geometry(columns=len(columns), height=EMOTION_HEIGHT)
        by = resolve_by(journey, None)
        t = journey.table
        scored = t.loc[
            t["lane"].isin(emotion) & t["score"].notna(),
            ["stage", "step", "lane", "score", *([by] if by else [])],
        ]
        key = _digest([columns, journey.scale.to_dict(), emotion, by, geometry], scored)
        charts.append(
            OverlayChart(
                "emotion",
                key,
                lambda: (
                    spec_of(emotion_chart(journey, geometry=geometry, tooltips=False)),
                    geometry,
                    1,
                    0,
                ),
            )
        )
    metrics = current_metrics(journey)
    if metrics is not None and len(metrics):
        geometry = Geometry(columns=len(columns), height=METRIC_PANEL_HEIGHT, top=20)
        panels = int(metrics["metric"].nunique())
        key = _digest([columns, geometry], metrics)
        charts.append(
            OverlayChart(
                "metrics",
                key,
                lambda: (
                    spec_of(metrics_chart(journey, geometry=geometry, tooltips=False)),
                    geometry,
                    panels,
                    OVERLAY_SPACING,
                ),
            )
        )
    return charts


def overlay_specs(journey: Journey) -> list[tuple[str, dict[str, Any], Geometry, int, int]]:
    """``(name, spec, geometry, panels, spacing)`` of each overlay chart the map has now."""
    return [(c.name, *c.build()) for c in overlay_charts(journey)]


class OverlayRenderer:
    """Renders overlay items, reusing the image of a chart whose inputs did not change."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, dict[str, Any]]] = {}
        self.renders = 0  # SVGs rendered so far (the benchmark and tests read it)

    def items(self, journey: Journey) -> list[dict[str, Any]]:
        """The overlay items (SVG and layout) of the map's charts, redrawing only changed ones."""
        from ..charts.render import overlay_svg

        columns = [[stage, step] for stage, step in journey.columns()]
        out = []
        cache: dict[str, tuple[str, dict[str, Any]]] = {}
        for chart in overlay_charts(journey):
            hit = self._cache.get(chart.name)
            if hit is not None and hit[0] == chart.key:
                item = hit[1]
            else:
                spec, geometry, panels, spacing = chart.build()
                svg, width, height = overlay_svg(spec, geometry, panels, spacing)
                self.renders += 1
                item = {
                    "name": chart.name,
                    "svg": svg,
                    "columns": columns,
                    "width": width,
                    "height": height,
                    "left": geometry.left,
                    "column_width": geometry.column,
                }
            cache[chart.name] = (chart.key, item)
            out.append(item)
        self._cache = cache
        return out


class OverlayRefresher:
    """Keeps a widget's ``overlays`` trait in step with its map (see the module docstring)."""

    def __init__(self, widget: Any, enabled: bool = True) -> None:
        self.widget = widget
        self.enabled = enabled
        self.renderer = OverlayRenderer()
        self.stale = enabled
        self.refreshes = 0
        self._busy = False
        self._handle: asyncio.TimerHandle | None = None
        self._first = self._last = 0.0
        self.displayed = False

    def on_display(self) -> None:
        """The widget was displayed: from now on refresh in the background after edits."""
        self.displayed = True
        self.request()

    def request(self) -> None:
        """Note that the map changed; refresh later on the loop, or when the trait is read."""
        if not self.enabled:
            return
        self.stale = True
        loop = _running_loop()
        if loop is None or not self.displayed:  # a map nobody sees renders only when read
            return
        self._last = loop.time()
        if self._handle is None:
            self._first = self._last
            self._handle = loop.call_later(DEBOUNCE, self._scheduled, loop)

    def _scheduled(self, loop: asyncio.AbstractEventLoop) -> None:
        # Wait for DEBOUNCE seconds without edits (a drag sends many), but no longer than
        # MAX_WAIT after the first one, so a long burst still redraws while it goes on.
        now = loop.time()
        quiet_at = self._last + DEBOUNCE
        if now < quiet_at and now - self._first < MAX_WAIT:
            self._handle = loop.call_later(
                min(quiet_at, self._first + MAX_WAIT) - now, self._scheduled, loop
            )
            return
        self._handle = None
        self.settle()

    def settle(self) -> None:
        """Render now if the map changed since the last refresh (safe to call any time)."""
        if not self.stale or self._busy or not self.enabled:
            return
        self._busy = True
        self.stale = False
        try:
            items = self.renderer.items(self.widget.journey)
            if items != self.widget._trait_values.get("overlays"):
                self.widget.overlays = items
            self.refreshes += 1
        except Exception:  # a chart must never break editing; say what happened
            logger.exception("journey_widget could not refresh the chart overlays")
        finally:
            self._busy = False


class OverlayList(traitlets.List):  # type: ignore[type-arg]
    """The ``overlays`` trait: reading it settles a pending refresh first."""

    def get(self, obj: Any, cls: Any = None) -> Any:
        """The trait's value, once a pending refresh is settled."""
        refresher = obj.__dict__.get("_overlay_refresher")
        if refresher is not None and refresher.stale:
            refresher.settle()
        return super().get(obj, cls)
