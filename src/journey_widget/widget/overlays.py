"""The kernel side of the chart overlays drawn under the widget (the ``overlays`` trait).

After every committed edit the widget calls :meth:`OverlayRefresher.request`. It never renders
there, so the edit's ``ack`` leaves first:

- in a kernel (a running asyncio loop: ipykernel, or any asyncio program), once the widget has
  been displayed (``_repr_mimebundle_``, or a first message from a view in front ends that never
  call it), it schedules one refresh on the loop for when edits pause for ``DEBOUNCE``
  seconds (at most ``MAX_WAIT`` after the first); edits arriving meanwhile ride along with it (a
  burst of edits costs one render, of the latest state, and renders keep out of the way of the
  acks of a quick series of edits);
- reading ``m.overlays`` (or the widget's full state, as embedding, saving and a view asking
  for the state do) settles a pending refresh at once, so scripts, tests and maps built but never
  shown (a loop making a hundred maps for a report) render only what is read.

A refresh first digests what each chart is drawn from (the columns, the scale, the scored
emotion cards, the metrics); only a chart whose digest changed is built (Altair) and rendered
to SVG (vl-convert), so an edit that changes no chart (a card's text) costs next to nothing.

The trait holds ``{name, svg, columns, width, height, left, column_width, tables}`` per chart;
the view shows each as ``<img src="data:image/svg+xml;base64,...">`` (an image runs no script and
fetches nothing) aligned to the board's columns, with ``tables`` (the chart's data,
:func:`~journey_widget.charts.datatable.spec_tables`) under a ``<details>`` as its text
alternative.

No chart repeats the map (issue 19): the emotion lane already draws the team's curve, so the
emotion chart is drawn under it only when it adds something the lane does not show (measured
ratings with their bands, several series: personas or emotion lanes, stage metrics to read it
against) or when the widget's ``overlays=`` asks for it by name (:class:`OverlayOptions`).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
import traitlets

from ..model import Journey
from ..model.errors import JourneyError
from .loop import running_loop

if TYPE_CHECKING:
    from ..charts.layout import Geometry

logger = logging.getLogger("journey_widget")

DEBOUNCE = 0.04  # seconds without edits before a refresh ...
MAX_WAIT = 0.25  # ... but at most this long after the first edit of a burst
EMOTION_HEIGHT = 150
METRIC_PANEL_HEIGHT = 70


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


CHART_NAMES = ("emotion", "metrics")
EMOTION_OPTIONS = ("measured", "measured_scale", "threshold", "by")


@dataclass(frozen=True)
class OverlayOptions:
    """What the widget's ``overlays=`` asks for.

    ``True`` (the default) or ``"auto"``: the charts that add something to the map (the
    emotion chart with measured ratings, several series or metrics; the metrics chart with
    metrics). ``False`` or ``None``: none. A chart name or a list of names (``"emotion"``,
    ``["emotion", "metrics"]``): those charts whenever the map can draw them. A dict of name to
    options: those charts, the emotion chart with ``emotion_chart``'s ``measured``,
    ``measured_scale``, ``threshold`` and ``by`` (a DataFrame alone means ``measured``).

    Examples
    --------
    >>> OverlayOptions.parse({"emotion": {"measured_scale": (1, 5)}}).names
    ('emotion',)
    """

    enabled: bool = True
    names: tuple[str, ...] | None = None  # None: the automatic rule
    emotion: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, value: Any) -> OverlayOptions:
        """The options of an ``overlays=`` value; a ``JourneyError`` names what is wrong."""
        if isinstance(value, OverlayOptions):
            return value
        if value is None or value is False:
            return cls(enabled=False)
        if value is True or value == "auto":
            return cls()
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Mapping):
            return cls._from_mapping(value)
        if isinstance(value, (list, tuple)):
            return cls(names=tuple(_chart_name(v) for v in value))
        raise JourneyError(
            f"overlays={value!r}: expected True, False, 'auto', a chart name "
            f"({', '.join(CHART_NAMES)}), a list of names or a dict of name to options"
        )

    @classmethod
    def _from_mapping(cls, value: Mapping[str, Any]) -> OverlayOptions:
        names = []
        emotion: dict[str, Any] = {}
        for key, opts in value.items():
            name = _chart_name(key)
            if opts is False or opts is None:
                continue
            names.append(name)
            if isinstance(opts, pd.DataFrame):
                opts = {"measured": opts}
            measured = opts.get("measured") if isinstance(opts, Mapping) else None
            if measured is not None and not isinstance(measured, pd.DataFrame):
                raise JourneyError(
                    f"overlays['{name}']['measured']: expected a DataFrame of ratings "
                    f"(stage, optional step, value), got {type(measured).__name__}"
                )
            if name == "emotion" and isinstance(opts, Mapping):
                unknown = sorted(set(opts) - set(EMOTION_OPTIONS))
                if unknown:
                    raise JourneyError(
                        f"overlays['emotion']: unknown option {unknown[0]!r}; expected one of "
                        f"{', '.join(EMOTION_OPTIONS)}"
                    )
                emotion = dict(opts)
        return cls(names=tuple(names), emotion=emotion)

    def wants(self, name: str, adds: bool) -> bool:
        """True when chart ``name`` is drawn; ``adds``: it shows what the map does not."""
        if not self.enabled:
            return False
        return adds if self.names is None else name in self.names


def _chart_name(value: Any) -> str:
    if value not in CHART_NAMES:
        raise JourneyError(
            f"overlays: unknown chart {value!r}; expected one of {', '.join(CHART_NAMES)}"
        )
    return str(value)


def _several_series(scored: pd.DataFrame, by: str | None) -> bool:
    """True when the scored emotion cards make more than one curve (lanes or ``by`` values)."""
    keys = ["lane", *([by] if by else [])]
    return len(scored[keys].drop_duplicates()) > 1


def _emotion_overlay(
    journey: Journey, options: OverlayOptions, has_metrics: bool
) -> OverlayChart | None:
    """The emotion chart when the map has an emotion lane and it is wanted, else None."""
    from ..charts.emotion import emotion_chart
    from ..charts.layout import Geometry
    from ..charts.render import spec_of
    from ..charts.tables import resolve_by

    emotion = [lane.name for lane in journey.lanes if lane.kind == "emotion"]
    if not emotion or not options.enabled:
        return None
    geometry = Geometry(columns=len(journey.columns()), height=EMOTION_HEIGHT)
    opts = options.emotion
    by = resolve_by(journey, opts.get("by"))
    t = journey.table
    scored = t.loc[
        t["lane"].isin(emotion) & t["score"].notna(),
        ["stage", "step", "lane", "score", *([by] if by else [])],
    ]
    measured = opts.get("measured")
    adds = measured is not None or has_metrics or _several_series(scored, by)
    if not options.wants("emotion", adds):
        return None
    extra = {k: v for k, v in opts.items() if k != "measured"}
    parts = [journey.columns(), journey.scale.to_dict(), emotion, by, geometry, repr(extra)]
    key = _digest(parts, scored)
    if measured is not None:
        key = _digest([key], measured)

    def build() -> tuple[dict[str, Any], Geometry, int, int]:
        chart = emotion_chart(journey, geometry=geometry, tooltips=False, **opts)
        return spec_of(chart), geometry, 1, 0

    return OverlayChart("emotion", key, build)


def overlay_charts(journey: Journey, options: OverlayOptions | None = None) -> list[OverlayChart]:
    """The overlay charts a map has now.

    ``emotion`` when it has an emotion lane and the chart adds something to the lane's own
    curve (measured ratings, several series, metrics) or ``options`` name it; ``metrics`` when
    metrics are attached. Computing the keys is cheap; building is not.
    """
    from ..charts.layout import Geometry
    from ..charts.render import spec_of
    from ..charts.stage_metrics import OVERLAY_SPACING, metrics_chart
    from ..model.metrics_ops import current_metrics

    options = options or OverlayOptions()
    columns = journey.columns()
    metrics = current_metrics(journey)
    has_metrics = metrics is not None and len(metrics) > 0
    emotion = _emotion_overlay(journey, options, has_metrics)
    charts: list[OverlayChart] = [emotion] if emotion else []
    if not options.wants("metrics", True):
        return charts
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


def overlay_specs(
    journey: Journey, options: OverlayOptions | None = None
) -> list[tuple[str, dict[str, Any], Geometry, int, int]]:
    """``(name, spec, geometry, panels, spacing)`` of each overlay chart the map has now."""
    return [(c.name, *c.build()) for c in overlay_charts(journey, options)]


class OverlayRenderer:
    """Renders overlay items, reusing the image of a chart whose inputs did not change."""

    def __init__(self, options: OverlayOptions | None = None) -> None:
        self.options = options or OverlayOptions()
        self._cache: dict[str, tuple[str, dict[str, Any]]] = {}
        self.renders = 0  # SVGs rendered so far (the benchmark and tests read it)

    def items(self, journey: Journey) -> list[dict[str, Any]]:
        """The overlay items (SVG and layout) of the map's charts, redrawing only changed ones."""
        from ..charts.datatable import spec_tables
        from ..charts.render import overlay_svg

        columns = [[stage, step] for stage, step in journey.columns()]
        out = []
        cache: dict[str, tuple[str, dict[str, Any]]] = {}
        for chart in overlay_charts(journey, self.options):
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
                    "tables": spec_tables(spec),  # the text alternative: the chart's data
                }
            cache[chart.name] = (chart.key, item)
            out.append(item)
        self._cache = cache
        return out


class OverlayRefresher:
    """Keeps a widget's ``overlays`` trait in step with its map (see the module docstring)."""

    def __init__(self, widget: Any, overlays: Any = True) -> None:
        options = OverlayOptions.parse(overlays)
        self.widget = widget
        self.enabled = options.enabled
        self.renderer = OverlayRenderer(options)
        self.stale = self.enabled
        self.refreshes = 0
        self._busy = False
        self._handle: asyncio.TimerHandle | None = None
        self._first = self._last = 0.0
        self.displayed = False
        on_msg = getattr(widget, "on_msg", None)
        if on_msg is not None:  # a view's first message shows it is displayed
            on_msg(self._on_view_message)

    def on_display(self) -> None:
        """The widget was displayed: from now on refresh in the background after edits."""
        self.displayed = True
        self.request()

    def _on_view_message(self, _widget: Any, _content: Any, _buffers: Any) -> None:
        # Front ends that never call `_repr_mimebundle_` (older marimo releases, other anywidget
        # hosts) show the widget all the same: any message from a view proves one exists.
        if not self.displayed:
            self.on_display()

    def request(self) -> None:
        """Note that the map changed; refresh later on the loop, or when the trait is read."""
        if not self.enabled:
            return
        self.stale = True
        loop = running_loop()
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
