"""The map as slides: python-pptx opens them, every card is there, evidence in the notes."""

from __future__ import annotations

import sys

import pytest
from conftest import HOSTILE

import journey_widget as jw

pptx = pytest.importorskip("pptx")


def _deck(m, tmp_path):
    return pptx.Presentation(str(m.save(tmp_path / "map.pptx")))


def _shape_texts(shapes) -> list[str]:
    out = []
    for shape in shapes:
        if shape.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.GROUP:
            out += _shape_texts(shape.shapes)
        elif shape.has_text_frame:
            out.append(shape.text_frame.text)
    return out


def _all_text(deck) -> str:
    return "\n".join(t for slide in deck.slides for t in _shape_texts(slide.shapes))


def _notes(deck) -> str:
    return "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)


def test_slides_title_overview_stages_and_tones(rich, tmp_path):
    deck = _deck(rich, tmp_path)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == [
        "Checkout",
        "The whole journey",
        "Browse",
        "Cart",
        "Checkout",
        "Top pain points and opportunities",
    ]
    assert "Persona: First-time buyer" in deck.slides[0].placeholders[1].text_frame.text
    pictures = [s for s in deck.slides[1].shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"


def test_every_card_is_an_editable_box_grouped_by_lane(rich, tmp_path):
    deck = _deck(rich, tmp_path)
    text = _all_text(deck)
    assert all(card in text for card in rich.data["text"])
    checkout = deck.slides[4]
    groups = {g.name: g for g in checkout.shapes if g.shape_type == 6}  # GROUP
    assert set(groups) == {"Emotions", "Pain points", "Opportunities"}
    cards = [
        s.text_frame.paragraphs[0].text for s in groups["Pain points"].shapes if s.name == "Card"
    ]
    assert cards == ["3-D Secure fails on mobile"]
    assert "emotion -2" in " ".join(_shape_texts(checkout.shapes))


def test_evidence_goes_into_the_speaker_notes(rich, tmp_path):
    notes = _notes(_deck(rich, tmp_path))
    assert "Evidence: Interview 4; Ticket 1832" in notes
    assert "3-D Secure fails on mobile" in notes and "Evidence: none (an assumption)" in notes


def test_top_pain_points_rank_by_severity(rich, tmp_path):
    tones = _shape_texts(_deck(rich, tmp_path).slides[-1].shapes)
    pain = next(t for t in tones if t.startswith("Pain points"))
    assert pain.index("3-D Secure") < pain.index("Shipping cost")
    assert any(t.startswith("Opportunities") and "Offer PayPal" in t for t in tones)


def test_hostile_text_is_literal_in_the_slides(hostile, tmp_path):
    deck = _deck(hostile, tmp_path)
    text = _all_text(deck)
    assert HOSTILE[0] in text and HOSTILE[1] in text
    assert HOSTILE[1] in _notes(deck)
    picture = next(s for s in deck.slides[1].shapes if s.shape_type == 13)
    alt = picture._element.nvPicPr.cNvPr.get("descr")
    assert HOSTILE[0] in alt and HOSTILE[1] in alt


def test_without_python_pptx_the_error_names_the_extra(rich, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pptx", None)  # as if it were not installed
    with pytest.raises(jw.JourneyError, match=r"journey-widget\[pptx\]"):
        rich.save(tmp_path / "map.pptx")
    assert list(tmp_path.iterdir()) == []
