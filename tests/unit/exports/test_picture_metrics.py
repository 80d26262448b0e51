"""The living map's numbers in the picture: each stage's latest metrics, their change, the score."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
from conftest import HOSTILE

import journey_widget as jw
from journey_widget.exports.picture import png_size

SVG = "{http://www.w3.org/2000/svg}"


def _drawn(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text")).replace("\u00a0", " ")


def _map(metric: str = "conversion") -> jw.JourneyMap:
    m = jw.JourneyMap(
        pd.DataFrame({"stage": ["Browse", "Pay"], "lane": ["Actions"] * 2, "text": ["a", "b"]})
    )
    m.metrics = pd.DataFrame(
        {
            "stage": ["Browse", "Pay", "Browse", "Pay"],
            "metric": [metric, "drop-off", metric, "drop-off"],
            "value": [70.0, 30.0, 73.2, 35.0],
            "target": [72.0, 25.0, 72.0, 25.0],
            "unit": ["%", "%", "%", "%"],
            "period": ["2026-10", "2026-10", "2026-11", "2026-11"],
        }
    )
    return m


def test_picture_shows_latest_values_changes_and_the_score() -> None:
    m = _map()
    drawn = " ".join(_drawn(m.to_svg()).split())
    assert "conversion 73.2%" in drawn and "▲ 3.2 pts better" in drawn
    assert "drop-off 35%" in drawn and "▲ 5 pts worse" in drawn  # lower is better
    assert "Journey score 50% (1 of 2 targets met)" in drawn


def test_picture_grows_by_the_header_lines_and_unchanged_without_metrics() -> None:
    plain = jw.JourneyMap(
        pd.DataFrame({"stage": ["Browse", "Pay"], "lane": ["Actions"] * 2, "text": ["a", "b"]})
    )
    before = plain.to_svg()
    assert "Journey score" not in before
    plain.metrics = _map().metrics
    after = plain.to_svg()
    assert (
        png_size(plain.to_png(scale=1))[1] > png_size(jw.JourneyMap(plain.data).to_png(scale=1))[1]
    )
    assert after != before
    plain.metrics = None
    assert plain.to_svg() == before


def test_hostile_metric_names_are_text_in_the_picture() -> None:
    for name in HOSTILE:
        svg = _map(metric=name).to_svg()
        ET.fromstring(svg)  # still well-formed XML
        assert "<script" not in svg and "<img" not in svg
        assert name[:12] in _drawn(svg)  # drawn literally, as text (long names are clipped)
