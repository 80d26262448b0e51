"""The static map's caption shows the persona as the widget does.

The caption of reports, exports and the widget's text/html: avatar, name, and details
expandable without script; all of it escaped text.
"""

from __future__ import annotations

import re

import journey_widget as jw
from journey_widget.html_render import map_html
from journey_widget.html_render.caption import initials_of, render_head


def test_the_persona_shows_avatar_name_goals_frustrations_and_quote_as_text():
    m = jw.JourneyMap(
        None,
        stages=["Browse"],
        lanes=["Actions"],
        title="Checkout <i>v1</i>",
        persona={
            "name": "Ana <script>x</script>",
            "goals": ["Pay <b>fast</b>"],
            "frustrations": ["Hidden fees"],
            "quote": "Is it my size?",
            "description": "Buys twice a month",
            "avatar": {"initials": "AN", "color": "teal"},
        },
    )
    head = render_head(m._journey)
    assert "<script>" not in head and "<b>" not in head and "<i>" not in head
    assert "Ana &lt;script&gt;x&lt;/script&gt;" in head
    assert re.search(r'<span class="jw-avatar jw-avatar-teal"[^>]*>AN</span>', head)
    assert re.search(r"<ul data-jw-persona-goals><li>Pay &lt;b&gt;fast&lt;/b&gt;</li></ul>", head)
    assert "<ul data-jw-persona-frustrations><li>Hidden fees</li></ul>" in head
    assert re.search(r"<blockquote [^>]*>Is it my size\?</blockquote>", head)
    assert "<details " in head and "<summary " in head and "<details open" not in head
    assert "Checkout &lt;i&gt;v1&lt;/i&gt;" in head
    assert head in map_html(m._journey)


def test_initials_come_from_the_name_without_an_avatar_and_no_persona_shows_nothing():
    assert initials_of("First-time buyer") == "FB"
    assert initials_of("ana") == "A"
    assert initials_of("  ") == "?"
    m = jw.JourneyMap(
        None, stages=["Browse"], lanes=["Actions"], persona="First-time buyer", state="future"
    )
    head = render_head(m._journey)
    assert re.search(r'<span class="jw-avatar jw-avatar-gray"[^>]*>FB</span>', head)
    assert "data-jw-persona-goals" not in head and "Future state" in head
    m.persona = None
    assert "jw-persona" not in render_head(m._journey)
