"""The map as a picture: SVG text (:func:`to_svg`) and PNG bytes (:func:`to_png`).

The SVG is the static map's picture (:func:`journey_widget.html_render.image.map_svg`). The PNG
is that SVG rasterised without a browser by vl-convert (resvg, the converter Altair uses),
with the system's fonts; it carries the picture's text alternative in its ``Title`` and
``Description`` text chunks (PNG iTXt), the alt text a slide or a page can use.
"""

from __future__ import annotations

import math
import struct
import zlib

from ..html_render.image import map_svg, picture_alt
from ..model import Journey, JourneyError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def to_svg(journey: Journey) -> str:
    """The map as a standalone SVG document."""
    return map_svg(journey)


def _check_scale(scale: float) -> float:
    if isinstance(scale, bool) or not isinstance(scale, int | float):
        raise JourneyError(f"scale must be a number such as 2, got {scale!r}")
    if not math.isfinite(scale) or not 0 < scale <= 8:
        raise JourneyError(f"scale must be more than 0 and at most 8, got {scale!r}")
    return float(scale)


def to_png(journey: Journey, scale: float = 2) -> bytes:
    """The map as PNG bytes, ``scale`` pixels per CSS pixel of the SVG.

    Parameters
    ----------
    journey : Journey
        The map.
    scale : float
        2 (the default) doubles width and height: crisp on slides and high-density screens.

    Returns
    -------
    bytes
        The PNG, with the picture's title and text alternative in iTXt chunks.

    Raises
    ------
    JourneyError
        When ``scale`` is not a number in (0, 8].
    """
    import vl_convert

    factor = _check_scale(scale)
    png = vl_convert.svg_to_png(map_svg(journey), scale=factor)
    title = f"Journey map: {journey.title or 'Customer journey map'}"
    return with_text(png, {"Title": title, "Description": picture_alt(journey)})


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_text(png: bytes, texts: dict[str, str]) -> bytes:
    """``png`` with UTF-8 text chunks (iTXt) after its header, one per keyword.

    Parameters
    ----------
    png : bytes
        A PNG image.
    texts : dict of str to str
        Keywords (Latin-1, 1 to 79 characters, e.g. ``"Title"``) and their texts.

    Returns
    -------
    bytes
        The same image with the texts.
    """
    if not png.startswith(PNG_MAGIC):
        raise JourneyError("not a PNG image: its first bytes are not the PNG signature")
    header_end = len(PNG_MAGIC) + 8 + 13 + 4  # signature, IHDR length and type, data, CRC
    chunks = b"".join(
        _chunk(
            b"iTXt",
            key.encode("latin-1") + b"\0\0\0\0\0" + value.replace("\0", "\ufffd").encode("utf-8"),
        )
        for key, value in texts.items()
    )
    return png[:header_end] + chunks + png[header_end:]


def png_texts(png: bytes) -> dict[str, str]:
    """The iTXt texts of a PNG by keyword (what :func:`with_text` wrote)."""
    out: dict[str, str] = {}
    at = len(PNG_MAGIC)
    while at + 8 <= len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind == b"iTXt":
            key, _, rest = data.partition(b"\0")
            # compression flag, method, language tag \0, translated keyword \0, text
            text = rest[2:].split(b"\0", 2)[-1]
            out[key.decode("latin-1")] = text.decode("utf-8")
        at += 12 + length
    return out


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG in pixels, read from its IHDR chunk."""
    if not png.startswith(PNG_MAGIC) or png[12:16] != b"IHDR":
        raise JourneyError("not a PNG image: no IHDR header after the PNG signature")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)
