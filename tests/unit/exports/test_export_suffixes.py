"""``m.save(path)`` by suffix: each file is the right kind, read back by its own reader."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile

import nbformat
import pytest

import journey_widget as jw
from journey_widget.exports import SUFFIXES
from journey_widget.exports.picture import PNG_MAGIC


def test_json_is_the_map_written_as_before(rich, tmp_path):
    for name in ("copy.journey.json", "copy.json"):
        path = rich.save(tmp_path / name)
        assert path.read_bytes() == rich.to_json().encode("utf-8")
        assert jw.load(path).data.equals(rich.data)


def test_csv_loads_back(rich, tmp_path):
    loaded = jw.load(rich.save(tmp_path / "cards.csv"))
    assert list(loaded.data["text"]) == list(rich.data["text"])


def test_mermaid_parses_back(rich, tmp_path):
    path = rich.save(tmp_path / "map.mmd")
    back = jw.JourneyMap.from_mermaid(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == rich.to_mermaid()
    assert back.title == "Checkout" and back.stages == rich.stages


def test_html_report_has_no_script_and_every_card(rich, tmp_path):
    page = rich.save(tmp_path / "map.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert all(text in page for text in rich.data["text"])


def test_notebook_report_is_valid(rich, tmp_path):
    nb = nbformat.read(rich.save(tmp_path / "map.ipynb"), as_version=4)
    nbformat.validate(nb)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="PDF reports print with Chromium")
def test_pdf_report_is_a_pdf(rich, tmp_path):
    assert rich.save(tmp_path / "map.pdf").read_bytes().startswith(b"%PDF-")


def test_pictures_and_slides_are_what_their_suffix_says(rich, tmp_path):
    svg = rich.save(tmp_path / "map.svg")
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert rich.save(tmp_path / "map.png").read_bytes().startswith(PNG_MAGIC)
    with zipfile.ZipFile(rich.save(tmp_path / "map.pptx")) as deck:
        assert "ppt/presentation.xml" in deck.namelist()


def test_suffix_is_case_insensitive(rich, tmp_path):
    assert rich.save(tmp_path / "MAP.SVG").read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("name", ["map.txt", "map.docx", "map", "map.journey"])
def test_unknown_suffix_names_the_known_ones_and_writes_nothing(rich, tmp_path, name):
    with pytest.raises(jw.JourneyError) as caught:
        rich.save(tmp_path / name)
    assert all(suffix in str(caught.value) for suffix in SUFFIXES)
    assert name in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_every_known_suffix_has_a_writer():
    from journey_widget.exports.dispatch import WRITERS

    assert set(WRITERS) == set(SUFFIXES)
    assert json.loads(json.dumps(SUFFIXES))[0] == ".journey.json"  # tried before ".json"
