"""The slides drawn with python-pptx (imported only once :func:`.slides.to_pptx` found it).

16:9 slides built on python-pptx's default template: titles are title placeholders (the
outline and screen readers find them), cards are rounded rectangles holding their text, one
group shape per lane, so a card is edited like any text box.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from ..html_render.markup import num
from ..model import Journey
from ..vocabulary import TONES, Tone, tone_plural
from .picture import png_size, to_png
from .slides_content import Card, clean, emotion_score, notes_of, top_cards


def _rgb(hex6: str) -> RGBColor:
    """A colour from ``"RRGGBB"`` (python-pptx's constructor has no type annotations)."""
    color: RGBColor = RGBColor.from_string(hex6)  # type: ignore[no-untyped-call]
    return color


WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
FG, MUTED, BORDER = (
    _rgb("222222"),
    _rgb("666666"),
    _rgb("BBBBBB"),
)
TONE_RGB = {"pain": _rgb("D32F2F"), "opportunity": _rgb("2E7D32")}
TONE_FILL = {"pain": _rgb("FDECEA"), "opportunity": _rgb("E8F5E9")}
TITLE_ONLY, TITLE = 5, 0
#: The overview picture's width at most (px): a 200-card map stays a few megabytes.
MAX_PICTURE_PX = 5000


def build_deck(journey: Journey, cards: list[Card]) -> bytes:
    """The deck as ``.pptx`` bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, journey)
    _overview_slide(deck, journey)
    for number, stage in enumerate(journey.stage_names(), 1):
        _stage_slide(deck, journey, stage, number, [c for c in cards if c.stage == stage])
    _tones_slide(deck, cards)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _slide(deck: object, title: str, layout: int = TITLE_ONLY) -> Slide:
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[layout])  # type: ignore[attr-defined]
    head = slide.shapes.title
    assert head is not None  # both layouts used here have a title
    head.left, head.top, head.width, head.height = (
        MARGIN,
        Inches(0.3),
        Emu(WIDTH - 2 * MARGIN),
        Inches(0.9),
    )
    head.text_frame.text = clean(title)
    return slide


def _text(slide: Slide, box: tuple[int, int, int, int], lines: list[tuple[str, int, bool]]) -> None:
    """A text box of paragraphs, each ``(text, points, muted)``."""
    frame = slide.shapes.add_textbox(*(Emu(int(v)) for v in box)).text_frame
    frame.word_wrap = True
    for i, (text, size, muted) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = clean(text)
        run.font.size = Pt(size)
        run.font.color.rgb = MUTED if muted else FG


def _title_slide(deck: object, journey: Journey) -> None:
    slide = _slide(deck, journey.title or "Customer journey map", TITLE)
    slide.shapes.title.top = Inches(1.6)  # type: ignore[union-attr]
    slide.shapes.title.height = Inches(1.4)  # type: ignore[union-attr]
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(3.2), WIDTH - 2 * MARGIN, Inches(3.5)
    persona = journey.persona
    state = "Future state" if journey.state == "future" else "Current state"
    lines = [f"{state} · {len(journey.stages)} stages · {len(journey.table)} cards"]
    if persona is not None:
        lines.insert(0, f"Persona: {persona.name}")
        lines[1:1] = [persona.description] if persona.description else []
        lines += [f"“{persona.quote}”"] if persona.quote else []
        lines += [f"Goals: {'; '.join(persona.goals)}"] if persona.goals else []
        lines += (
            [f"Frustrations: {'; '.join(persona.frustrations)}"] if persona.frustrations else []
        )
    frame = sub.text_frame
    frame.text = clean(lines[0])
    for line in lines[1:]:
        frame.add_paragraph().text = clean(line)


def _overview_slide(deck: object, journey: Journey) -> None:
    from ..html_render.image import picture_alt

    slide = _slide(deck, "The whole journey")
    columns = max(1, len(journey.columns()))
    scale = min(2.0, MAX_PICTURE_PX / (180 + 220 * columns))
    png = to_png(journey, scale=scale)
    px_w, px_h = png_size(png)
    room_w, room_h = WIDTH - 2 * MARGIN, HEIGHT - Inches(1.4) - MARGIN
    fit = min(room_w / px_w, room_h / px_h)
    width, height = int(px_w * fit), int(px_h * fit)
    left = Emu(int((WIDTH - width) / 2))
    picture = slide.shapes.add_picture(io.BytesIO(png), left, Inches(1.3), Emu(width), Emu(height))
    # python-pptx has no setter for a picture's alt text: it is cNvPr's descr attribute.
    name = picture._element.find(f".//{qn('p:cNvPr')}")
    if name is not None:
        name.set("descr", clean(picture_alt(journey)))


def _stage_slide(
    deck: object, journey: Journey, stage: str, number: int, cards: list[Card]
) -> None:
    slide = _slide(deck, stage)
    score = emotion_score(journey, stage)
    scale = journey.scale
    feeling = (
        "no emotion score"
        if score is None
        else f"emotion {_signed(score)} on {_signed(scale.min)} to {_signed(scale.max)}"
    )
    steps = journey.stage(stage).steps
    detail = [
        f"Stage {number} of {len(journey.stages)} · {feeling}"
        + (f" · steps: {', '.join(steps)}" if steps else "")
    ]
    description = journey.stage(stage).description
    _text(
        slide,
        (MARGIN, Inches(1.05), WIDTH - 2 * MARGIN, Inches(0.45)),
        [(detail[0] + (f" · {description}" if description else ""), 14, True)],
    )
    lanes = [lane for lane in journey.lane_names() if any(c.lane == lane for c in cards)]
    top, room = Inches(1.6), HEIGHT - Inches(1.6) - Inches(0.3)
    row = int(min(Inches(1.7), room / max(1, len(lanes))))
    for i, lane in enumerate(lanes):
        _lane_group(
            slide, lane, [c for c in cards if c.lane == lane], top + i * row, row - Inches(0.08)
        )
    notes = [notes_of(c) for c in cards] or ["No cards in this stage."]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)  # type: ignore[union-attr]


def _signed(value: float) -> str:
    return f"+{num(value)}" if value > 0 else num(round(value, 2))


def _lane_group(slide: Slide, lane: str, cards: list[Card], top: int, height: int) -> None:
    """One lane's row: its name, then its cards as rounded boxes, all in one group shape."""
    group = slide.shapes.add_group_shape()
    group.name = clean(lane)
    tone = cards[0].tone
    label = group.shapes.add_textbox(MARGIN, Emu(top), Inches(1.8), Emu(height)).text_frame
    label.word_wrap = True
    label.text = clean(lane)
    label.paragraphs[0].runs[0].font.bold = True
    label.paragraphs[0].runs[0].font.color.rgb = TONE_RGB[tone] if tone else FG
    left, room = MARGIN + Inches(1.9), WIDTH - 2 * MARGIN - Inches(1.9)
    per_row = min(len(cards), 6)
    lines = math.ceil(len(cards) / per_row)
    gap = Inches(0.08)
    width = int((room - gap * (per_row - 1)) / per_row)
    box_h = int((height - gap * (lines - 1)) / lines)
    size = 12 if box_h >= Inches(0.75) and len(cards) <= 4 else 10 if box_h >= Inches(0.5) else 8
    for i, card in enumerate(cards):
        x = left + (i % per_row) * (width + gap)
        y = top + (i // per_row) * (box_h + gap)
        _card(group.shapes, card, (x, y, width, box_h), size)


def _card(shapes: object, card: Card, box: tuple[int, int, int, int], size: int) -> None:
    shape = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *box)  # type: ignore[attr-defined]
    shape.name = "Card"
    shape.adjustments[0] = 0.08
    shape.fill.solid()
    shape.fill.fore_color.rgb = TONE_FILL[card.tone] if card.tone else _rgb("FFFFFF")
    shape.line.color.rgb = TONE_RGB[card.tone] if card.tone else BORDER
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = Pt(5)
    run = frame.paragraphs[0].add_run()
    run.text = card.text
    run.font.size, run.font.color.rgb = Pt(size), FG
    meta = ([f"score {_signed(card.score)}"] if card.score is not None else []) + list(card.badges)
    if meta:
        small = frame.add_paragraph().add_run()
        small.text = " · ".join(meta)
        small.font.size, small.font.color.rgb = Pt(max(7, size - 3)), MUTED


def _tones_slide(deck: object, cards: list[Card]) -> None:
    slide = _slide(deck, f"Top {tone_plural('pain')} and {tone_plural('opportunity')}")
    half = (WIDTH - 2 * MARGIN - Inches(0.3)) // 2
    for i, tone in enumerate(TONES):
        _tone_column(slide, tone, top_cards(cards, tone), MARGIN + i * (half + Inches(0.3)), half)


def _tone_column(slide: Slide, tone: Tone, cards: list[Card], left: int, width: int) -> None:
    heading = tone_plural(tone).capitalize()
    lines: list[tuple[str, int, bool]] = [(heading, 20, False)]
    for card in cards:
        place = card.stage if card.step is None else f"{card.stage} / {card.step}"
        facts = [place, *card.badges]
        lines += [(f"• {card.text}", 14, False), (f"   {' · '.join(facts)}", 10, True)]
    if not cards:
        lines.append((f"No {tone_plural(tone)} on this map.", 14, True))
    _text(slide, (left, Inches(1.3), width, HEIGHT - Inches(1.7)), lines)
    frame = slide.shapes[-1].text_frame  # type: ignore[attr-defined]
    frame.paragraphs[0].runs[0].font.color.rgb = TONE_RGB[tone]
    notes = slide.notes_slide.notes_text_frame
    assert notes is not None
    notes.text = "\n".join(filter(None, [notes.text, *(notes_of(c) for c in cards)]))
