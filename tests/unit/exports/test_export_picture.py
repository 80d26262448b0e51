"""The map as a picture: SVG that XML parsers read, PNG that is twice as big at scale 2."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import HOSTILE

import journey_widget as jw
from journey_widget.exports.picture import PNG_MAGIC, png_size, png_texts

SVG = "{http://www.w3.org/2000/svg}"


def _texts(root: ET.Element) -> str:
    """All the text a viewer draws: each <text> element's content, lines joined by spaces."""
    return " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def _attributes(root: ET.Element) -> list[tuple[str, str]]:
    return [(k, v) for node in root.iter() for k, v in node.attrib.items()]


def test_svg_has_every_card_badge_and_the_caption_as_text(rich):
    root = ET.fromstring(rich.to_svg())
    drawn = " ".join(_texts(root).split())
    for text in rich.data["text"]:
        assert " ".join(text.split()) in drawn or all(w in drawn for w in text.split())
    for badge in ("O observed", "Severity 4", "No evidence", "Web", "I inferred", "Payments"):
        assert badge in drawn
    assert "2 · Interview 4" in drawn  # the paperclip badge: count and evidence
    assert "Checkout" in drawn and "First-time buyer" in drawn and "Current state" in drawn
    assert root.find(f".//{SVG}polyline") is not None  # the emotion curve
    cards = [g for g in root.iter(f"{SVG}g") if g.get("data-jw-card")]
    assert len(cards) == len(rich.data)


def test_svg_marks_confidence_evidence_and_lane_tones(rich):
    root = ET.fromstring(rich.to_svg())
    marks = {g.get("data-jw-confidence") for g in root.iter(f"{SVG}g") if g.get("data-jw-card")}
    assert {"observed", "reported", "inferred", "hypothesized"} <= marks
    fills = {v for k, v in _attributes(root) if k == "fill"}
    assert {"#d32f2f", "#2e7d32"} <= fills  # pain and opportunity lanes, as in the widget


def test_svg_refers_to_nothing_outside_itself(rich):
    svg = rich.to_svg()
    root = ET.fromstring(svg)
    assert not [kv for kv in _attributes(root) if "href" in kv[0]]
    assert "url(" not in svg and "<script" not in svg and "<style" not in svg
    assert {node.tag for node in root.iter()} <= {
        f"{SVG}{tag}"
        for tag in (
            "svg",
            "title",
            "desc",
            "rect",
            "text",
            "tspan",
            "g",
            "line",
            "path",
            "circle",
            "polyline",
        )
    }


def test_hostile_text_is_literal_text_in_the_svg(hostile):
    svg = hostile.to_svg()
    root = ET.fromstring(svg)  # still well-formed XML
    assert {node.tag for node in root.iter()}.isdisjoint({f"{SVG}script", f"{SVG}img", "script"})
    drawn = _texts(root)
    assert HOSTILE[0] in drawn and HOSTILE[1] in drawn
    assert root.get("aria-label") == f"Journey map: {HOSTILE[0]}"
    assert root.find(f"{SVG}title").text == f"Journey map: {HOSTILE[0]}"
    assert HOSTILE[1] in root.find(f"{SVG}desc").text
    assert "<script>" not in svg and "<img" not in svg


def test_control_characters_keep_the_svg_well_formed():
    m = jw.JourneyMap(
        __import__("pandas").DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["a\x01b"]})
    )
    ET.fromstring(m.to_svg())


def test_png_is_a_png_twice_the_svg_at_scale_2(rich):
    root = ET.fromstring(rich.to_svg())
    width, height = int(root.get("width")), int(root.get("height"))
    one, two = rich.to_png(scale=1), rich.to_png()
    assert one.startswith(PNG_MAGIC) and two.startswith(PNG_MAGIC)
    assert png_size(one) == (width, height)
    assert png_size(two) == (2 * width, 2 * height)


def test_png_alt_text_is_the_svg_text_alternative_literally(hostile):
    texts = png_texts(hostile.to_png(scale=1))
    assert texts["Title"] == f"Journey map: {HOSTILE[0]}"
    assert HOSTILE[0] in texts["Description"] and HOSTILE[1] in texts["Description"]


@pytest.mark.parametrize("scale", [0, -1, float("nan"), 100, "2", True])
def test_png_scale_must_be_a_sensible_number(rich, scale):
    with pytest.raises(jw.JourneyError, match="scale"):
        rich.to_png(scale=scale)


def test_report_notebooks_carry_the_same_picture(rich):
    from journey_widget.html_render.image import map_svg

    assert map_svg(rich.journey) == rich.to_svg()
    assert re.match(r"<svg xmlns=", rich.to_svg())
