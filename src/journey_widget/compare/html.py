"""Two maps and their changes as static HTML: the compare view's fallback without a browser.

The changed cards carry the same ``data-jw-change`` attribute and label as in the widget
(js/src/compare/), drawn by the same stylesheet (``static/compare.css``, which is the widget's
stylesheet plus the change marks).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from ..html_render import _base64_svg_urls
from ..html_render.board import render_map
from ..html_render.markup import Safe, el, join
from ..model import Journey

ICONS = {"added": "+", "removed": "\u00d7", "moved": "\u2192", "edited": "\u270e"}
TITLES = {"added": "Added", "removed": "Removed", "moved": "Moved", "edited": "Edited"}


def where(stage: Any, step: Any, lane: Any) -> str:
    """A card's place in words: ``"Pay / Card, Actions"``."""
    return f"{stage}{'' if step in (None, '') else f' / {step}'}, {lane}"


def change_label(change: Mapping[str, Any], side: str) -> str:
    """What a changed card's label says in the ``before`` or ``after`` map.

    Examples
    --------
    >>> row = {"change": "moved", "stage_before": "Cart", "step_before": None,
    ...        "lane_before": "Pain points", "stage_after": "Cart", "step_after": None,
    ...        "lane_after": "Opportunities", "fields": "text"}
    >>> change_label(row, "after")
    'Moved from Cart, Pain points; edited: text'
    """
    kind = str(change["change"])
    if kind == "moved":
        other = "before" if side == "after" else "after"
        place = where(change[f"stage_{other}"], change[f"step_{other}"], change[f"lane_{other}"])
        words = f"Moved {'from' if side == 'after' else 'to'} {place}"
        return f"{words}; edited: {change['fields']}" if change.get("fields") else words
    if kind == "edited":
        return f"Edited: {change['fields']}" if change.get("fields") else "Edited"
    return TITLES[kind]


def marks(changes: Sequence[Mapping[str, Any]], side: str) -> dict[str, tuple[str, str]]:
    """``{card id: (kind, label)}`` of the cards marked in one map (``"before"``/``"after"``)."""
    hidden = "added" if side == "before" else "removed"
    return {
        str(c["id"]): (str(c["change"]), change_label(c, side))
        for c in changes
        if c["change"] != hidden
    }


def _mark_cards(markup: str, marked: Mapping[str, tuple[str, str]]) -> Safe:
    """Add ``data-jw-change`` and a label to the marked cards of a static map's markup."""

    def mark(match: re.Match[str]) -> str:
        card_id = html.unescape(match.group(1))
        if card_id not in marked:
            return match.group(0)
        kind, label = marked[card_id]
        badge = el(
            "span",
            {"class": "jw-change-label", "data-jw-change-label": True},
            [el("span", {"class": "jw-change-icon", "aria-hidden": "true"}, ICONS[kind]), label],
        )
        # Attribute values are escaped, so the first ">" after the id closes the card's tag.
        return f'data-jw-card="{match.group(1)}" data-jw-change="{kind}"{match.group(2)}{badge}'

    return Safe(re.sub(r'data-jw-card="([^"]*)"([^>]*>)', mark, markup))


def compare_css() -> str:
    """The compare view's stylesheet and the static map's table rules.

    The compare view's stylesheet is the widget's plus the change marks.
    """
    files = resources.files("journey_widget")
    own = (files / "static" / "compare.css").read_text("utf-8")
    table = (files / "html_render" / "static.css").read_text("utf-8")
    return _base64_svg_urls(f"{own}\n{table}")


def _signed(value: Any) -> str:
    """One decimal, signed, rounded half up as the widget rounds ("+1.3", "0.0", "-2.0")."""
    if value is None:
        return "\u2013"
    rounded = math.floor(float(value) * 10 + 0.5) / 10
    return f"{rounded:+.1f}" if rounded else "0.0"


def _emotion_table(rows: Sequence[Mapping[str, Any]], labels: tuple[str, str]) -> Safe | None:
    """The emotion change per stage (rows of ``CompareView.emotion``), arrows beside colour."""
    if not rows:
        return None
    persona = any("persona" in r for r in rows)
    head = el(
        "tr",
        None,
        [
            el("th", {"scope": "col"}, "Stage"),
            el("th", {"scope": "col"}, "Persona") if persona else None,
            el("th", {"scope": "col"}, labels[0]),
            el("th", {"scope": "col"}, labels[1]),
            el("th", {"scope": "col"}, "Change"),
        ],
    )
    body = []
    for r in rows:
        change = r.get("change")
        way = "same" if not change else "up" if change > 0 else "down"
        arrow = {"up": "\u25b2 ", "down": "\u25bc ", "same": ""}[way]
        body.append(
            el(
                "tr",
                {"data-jw-emotion-stage": r["stage"]},
                [
                    el("th", {"scope": "row"}, str(r["stage"])),
                    el("td", None, "(none)" if r.get("persona") is None else str(r["persona"]))
                    if persona
                    else None,
                    el("td", None, _signed(r.get("before"))),
                    el("td", None, _signed(r.get("after"))),
                    el("td", {"class": f"jw-emotion-{way}"}, f"{arrow}{_signed(change)}"),
                ],
            )
        )
    return el(
        "table",
        {"class": "jw-emotion-change"},
        [
            el("caption", None, "Emotion per stage (mean score)"),
            el("thead", None, [head]),
            el("tbody", None, body),
        ],
    )


def compare_html(
    before: Journey,
    after: Journey,
    changes: Sequence[Mapping[str, Any]],
    labels: tuple[str, str] = ("Current", "Future"),
    emotion: Sequence[Mapping[str, Any]] = (),
) -> str:
    """Both maps with their changed cards marked, under a summary of the changes.

    Parameters
    ----------
    before, after : Journey
        The two maps.
    changes : sequence of mappings
        The rows of :func:`journey_widget.diff` (``CompareView.changes``).
    labels : (str, str)
        The maps' names.
    emotion : sequence of mappings
        The rows of :func:`journey_widget.emotion_change` (``CompareView.emotion``).
    """
    items = [
        el(
            "li",
            {"data-jw-change": c["change"]},
            [
                el(
                    "span",
                    {"class": "jw-change-icon", "aria-hidden": "true"},
                    ICONS[str(c["change"])],
                ),
                f"{TITLES[str(c['change'])]}: ",
                str(c["text_after"] if c["change"] != "removed" else c["text_before"]),
                f" ({change_label(c, 'after' if c['change'] != 'removed' else 'before')})"
                if c["change"] in ("moved", "edited")
                else None,
            ],
        )
        for c in changes
    ]
    counts = {k: sum(c["change"] == k for c in changes) for k in TITLES}
    title = (
        f"{len(changes)} {'change' if len(changes) == 1 else 'changes'} from {labels[0]} "
        f"to {labels[1]}: " + ", ".join(f"{n} {k}" for k, n in counts.items())
        if changes
        else f"No changes from {labels[0]} to {labels[1]}"
    )
    summary = el(
        "div",
        {"class": "jw-compare-summary"},
        [
            el("div", {"class": "jw-compare-title"}, title),
            el("ul", {"class": "jw-change-list"}, items) if items else None,
            _emotion_table(emotion, labels),
        ],
    )
    maps = []
    for side, journey, label in (("before", before, labels[0]), ("after", after, labels[1])):
        maps.append(
            el(
                "section",
                {"class": "jw-compare-side", "data-jw-compare-side": side},
                [
                    el("h3", {"class": "jw-compare-label"}, label),
                    _mark_cards(render_map(journey), marks(changes, side)),
                ],
            )
        )
    body = el(
        "div", {"class": "jw-root jw-compare", "data-jw-compare": True}, join([summary, *maps])
    )
    return f"<style>{compare_css()}</style>{body}"
