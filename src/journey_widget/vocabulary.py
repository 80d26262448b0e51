"""The words the map is made of, read from ``vocabulary.json`` (shipped in the package).

The same file is bundled into the front end (``js/src/vocabulary.ts``), so the widget, the
static map, ``m.check()`` and the reports share one set of words and one rule for each
question: which lanes hold pain points or opportunities (:func:`lane_tone`), which icon a
channel gets (:func:`channel_key`), the confidence levels and their letters, which lane names
make an emotion lane (:func:`is_emotion_lane_name`), the avatar colours and the board's
geometry. Words are lowercase substrings matched case-insensitively; the first list that
matches wins. This module is the package's lowest layer: it imports nothing from it.

Examples
--------
>>> lane_tone("Problems"), lane_tone("Ideas"), lane_tone("Actions")
('pain', 'opportunity', None)
>>> channel_key("Live chat"), channel_key("Fax")
('chat', 'other')
>>> confidence_letter("reported"), is_emotion_lane_name("Feelings")
('R', True)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Literal, TypeAlias, get_args

Tone: TypeAlias = Literal["pain", "opportunity"]
Confidence: TypeAlias = Literal["observed", "reported", "inferred", "hypothesized"]


def _load() -> dict[str, Any]:
    text = (resources.files("journey_widget") / "vocabulary.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _words(entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
    words = tuple(entry["words"])
    if not words or any(not isinstance(w, str) or not w or w != w.lower() for w in words):
        raise ValueError(f"vocabulary.json: {where} words must be non-empty lowercase strings")
    return words


def _strings(values: Sequence[Any], where: str) -> tuple[str, ...]:
    if not all(isinstance(v, str) and v for v in values):
        raise ValueError(f"vocabulary.json: {where} must be non-empty strings")
    return tuple(values)


def _same(found: Sequence[str], expected: Sequence[str], where: str) -> None:
    if tuple(found) != tuple(expected):
        raise ValueError(
            f"vocabulary.json: {where} are {list(found)}; the code knows {list(expected)}"
        )


_DATA = _load()

#: The lane tones in rule order, with their words, labels and plurals.
TONE_WORDS: dict[Tone, tuple[str, ...]] = {
    t["tone"]: _words(t, f"tone {t['tone']!r}") for t in _DATA["lane_tones"]
}
_same(list(TONE_WORDS), get_args(Tone), "lane tones")
TONES: tuple[Tone, ...] = tuple(TONE_WORDS)
_TONE_LABEL: dict[str, str] = {t["tone"]: t["label"] for t in _DATA["lane_tones"]}
_TONE_PLURAL: dict[str, str] = {t["tone"]: t["plural"] for t in _DATA["lane_tones"]}

#: The confidence levels, in order, and the letter each one's badge shows.
CONFIDENCE_LEVELS: tuple[Confidence, ...] = tuple(c["level"] for c in _DATA["confidence"])
_same(CONFIDENCE_LEVELS, get_args(Confidence), "confidence levels")
CONFIDENCE_LETTER: dict[str, str] = {c["level"]: c["letter"] for c in _DATA["confidence"]}
#: Confidence levels that back a card as evidence does (observed, reported).
BACKING_CONFIDENCE: tuple[Confidence, ...] = tuple(
    c["level"] for c in _DATA["confidence"] if c["backs"] is True
)

#: Channel keys in rule order with their words; :data:`CHANNEL_OTHER` matches nothing.
CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    c["key"]: _words(c, f"channel {c['key']!r}") for c in _DATA["channels"]
}
CHANNEL_OTHER: str = _DATA["channel_other"]
CHANNEL_KEYS: tuple[str, ...] = (*CHANNEL_WORDS, CHANNEL_OTHER)

#: Words that make a lane named without a kind an emotion lane.
EMOTION_WORDS: tuple[str, ...] = _words({"words": _DATA["emotion_lane_words"]}, "emotion lane")
#: Colour tokens a persona avatar may use (the views turn them into theme colours).
AVATAR_COLORS: tuple[str, ...] = _strings(_DATA["avatar_colors"], "avatar colours")

_GEOMETRY: dict[str, Any] = _DATA["geometry"]
#: Width (CSS px) of one map column.
COLUMN_WIDTH: int = int(_GEOMETRY["column_width"])
#: Width (CSS px) of the lane-header column.
LANE_WIDTH: int = int(_GEOMETRY["lane_width"])
#: Height (CSS px) of an emotion lane's curve row.
CURVE_HEIGHT: int = int(_GEOMETRY["curve_height"])
#: Space (CSS px) above the scale's top and below its bottom inside the curve row.
CURVE_PAD: int = int(_GEOMETRY["curve_pad"])
#: How many persona curves get a style of their own (CSS ``jw-series-0`` and on); then repeat.
CURVE_SERIES: int = int(_GEOMETRY["curve_series"])
#: The CSS custom properties both views set on their root, e.g. ``{"--jw-col-width": "220px"}``.
CSS_PROPERTIES: dict[str, str] = {
    name: f"{int(_GEOMETRY[key])}px" for name, key in _GEOMETRY["css_properties"].items()
}


def _matches(name: str, words: Sequence[str]) -> bool:
    low = name.lower()
    return any(w in low for w in words)


def lane_tone(name: str) -> Tone | None:
    """The tone of a lane by its name: the one rule every view and check uses.

    Parameters
    ----------
    name : str
        The lane's name.

    Returns
    -------
    {"pain", "opportunity"} or None
        The first tone whose words the name contains (case-insensitively), else ``None``.

    Examples
    --------
    >>> [lane_tone(n) for n in ("Pain points", "Frustrations", "Where it fails", "Notes")]
    ['pain', 'pain', 'pain', None]
    """
    for tone, words in TONE_WORDS.items():
        if _matches(name, words):
            return tone
    return None


def tone_label(tone: Tone) -> str:
    """What a card of a ``tone`` lane is called, e.g. ``"Pain point"`` (its label's start).

    Parameters
    ----------
    tone : {"pain", "opportunity"}
        A lane tone.

    Returns
    -------
    str
        The singular label.
    """
    return _TONE_LABEL[tone]


def tone_plural(tone: Tone) -> str:
    """What the cards of a ``tone`` lane are called together, e.g. ``"pain points"``.

    Parameters
    ----------
    tone : {"pain", "opportunity"}
        A lane tone.

    Returns
    -------
    str
        The lowercase plural.
    """
    return _TONE_PLURAL[tone]


def channel_key(channel: str) -> str:
    """The icon and colour key of a channel.

    Parameters
    ----------
    channel : str
        The channel as the card names it, e.g. ``"Live chat"``.

    Returns
    -------
    str
        The first key whose words the channel contains (``"chat"``), else ``"other"``.
    """
    for key, words in CHANNEL_WORDS.items():
        if _matches(channel, words):
            return key
    return CHANNEL_OTHER


def is_confidence(value: object) -> bool:
    """True when ``value`` is one of :data:`CONFIDENCE_LEVELS` (exactly, case included).

    Parameters
    ----------
    value : object
        A card's ``confidence`` cell.

    Returns
    -------
    bool
        Whether it names a level.
    """
    return isinstance(value, str) and value in CONFIDENCE_LETTER


def confidence_letter(level: str) -> str | None:
    """The letter a confidence level's badge shows, e.g. ``"O"`` for ``"observed"``.

    Parameters
    ----------
    level : str
        A confidence value.

    Returns
    -------
    str or None
        The letter, or ``None`` when ``level`` is not one of :data:`CONFIDENCE_LEVELS`.
    """
    return CONFIDENCE_LETTER.get(level)


def is_emotion_lane_name(name: str) -> bool:
    """True when a lane named ``name`` (without a kind) is an emotion lane.

    Parameters
    ----------
    name : str
        The lane's name.

    Returns
    -------
    bool
        Whether the name contains one of :data:`EMOTION_WORDS` (case-insensitively).
    """
    return _matches(name, EMOTION_WORDS)


def css_properties() -> str:
    """The board's geometry as a ``style`` attribute value, as the widget sets it at mount.

    Returns
    -------
    str
        ``"--jw-col-width:220px;--jw-lane-width:148px;..."``.
    """
    return ";".join(f"{name}:{value}" for name, value in CSS_PROPERTIES.items())


__all__ = [
    "AVATAR_COLORS",
    "BACKING_CONFIDENCE",
    "CHANNEL_KEYS",
    "CHANNEL_OTHER",
    "CHANNEL_WORDS",
    "COLUMN_WIDTH",
    "CONFIDENCE_LETTER",
    "CONFIDENCE_LEVELS",
    "CSS_PROPERTIES",
    "CURVE_HEIGHT",
    "CURVE_PAD",
    "CURVE_SERIES",
    "EMOTION_WORDS",
    "LANE_WIDTH",
    "TONES",
    "TONE_WORDS",
    "Confidence",
    "Tone",
    "channel_key",
    "confidence_letter",
    "css_properties",
    "is_confidence",
    "is_emotion_lane_name",
    "lane_tone",
    "tone_label",
    "tone_plural",
]
