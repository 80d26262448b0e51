"""Reports are tested by opening the files they produce (no browser here; see tests/e2e)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest

import journey_widget as jw
from journey_widget.reports.notebook import escape_md

from .conftest import HOSTILE, make_map

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"
needs_pdf_tools = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("chromium") is None,
    reason="needs Debian's chromium and poppler-utils",
)


def map_output(nb: nbformat.NotebookNode) -> dict:
    (output,) = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if VIEW in o.get("data", {})
    ]
    return output


def test_notebook_is_valid_and_carries_widget_state_and_static_map(small_map, tmp_path):
    path = jw.report(small_map, tmp_path / "r.ipynb")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    output = map_output(nb)
    model_id = output["data"][VIEW]["model_id"]
    state = nb.metadata["widgets"][STATE]["state"]
    assert model_id in state
    saved = state[model_id]["state"]
    assert saved["_esm"] and len(saved["_esm"]) > 5_000  # the widget draws without a kernel
    assert len(saved["cards"]) == 20 and saved["structure"]["lanes"][2]["kind"] == "emotion"
    static = output["data"]["text/html"]
    assert static.count("data-jw-card=") == 20
    assert "<script" not in static.lower() and "&lt;script&gt;" in static
    image = output["data"]["image/svg+xml"]  # for viewers that show images, not HTML
    assert image.startswith("<svg") and "<script" not in image and "&lt;script&gt;" in image
    assert all(f"Card {i:03d}" in image for i in set(range(20)) - {0, 3})


def test_same_map_gives_the_same_notebook_bytes(tmp_path):
    first = jw.report(make_map(20), tmp_path / "a.ipynb").read_bytes()
    second = jw.report(make_map(20), tmp_path / "b.ipynb").read_bytes()
    assert first == second
    ids = [c["id"] for c in json.loads(first)["cells"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("jw-") for i in ids)


def test_report_sections_rank_pain_points_and_list_opportunities(small_map, tmp_path):
    nb = nbformat.read(jw.report(small_map, tmp_path / "r.ipynb"), as_version=4)
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    for expected in (
        "## Persona",
        "## The map",
        "## Top pain points",
        "## Opportunities",
        "## Stage by stage",
        "## Appendix: the cards",
    ):
        assert expected in headings
    from journey_widget.reports import sections

    pains = sections.pain_points(small_map).data
    assert list(pains["rank"]) == list(range(1, len(pains) + 1))
    assert list(pains["severity"]) == sorted(pains["severity"], reverse=True)
    opportunities = sections.opportunities(small_map).data
    assert set(opportunities["owner"]) == {"Payments team"}
    summary = sections.stage_summary(small_map).data
    assert list(summary["stage"]) == list(small_map.stages)
    assert summary["cards"].sum() == 20


class Tags(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_is_one_offline_file_where_text_stays_text(small_map, tmp_path):
    page = jw.report(small_map, tmp_path / "r.html").read_text()
    assert re.search(r"https?://", page) is None  # no CDN, no web fonts, no links out
    tags = Tags(page).tags
    names = {t for t, _ in tags}
    assert not names & {"script", "iframe", "object", "embed", "a", "link", "base", "form"}
    for tag, attrs in tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if "src" in attrs:
            assert tag == "img" and attrs["src"].startswith("data:image/"), (tag, attrs)
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv")]
    assert csp == ["default-src 'none'; img-src data:; style-src 'unsafe-inline'"]
    assert page.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") >= 3  # title, card, ...
    for i in set(range(20)) - {0, 3}:  # cards 0 and 3 hold the hostile text
        assert f"Card {i:03d}" in page


def test_html_of_a_200_card_map_stays_small(tmp_path):
    page = jw.report(make_map(200), tmp_path / "r.html")
    assert page.stat().st_size < 1_500_000


def test_markdown_escaping_keeps_every_character_literal():
    import mistune

    rendered = mistune.create_markdown(escape=True)(escape_md(HOSTILE + " *x* [a](b) & #1"))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<em>" not in rendered
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in rendered


@needs_pdf_tools
def test_pdf_is_landscape_searchable_and_holds_every_card(tmp_path):
    path = jw.report(make_map(60, hostile=False), tmp_path / "r.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert width > height  # landscape
    assert 1 <= pages <= 15
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for i in range(60):
        assert f"Card {i:03d}" in flat
    headings = [
        "Persona",
        "The map",
        "Top pain points",
        "Opportunities",
        "Stage by stage",
        "Appendix: the cards",
    ]
    for page in text.split("\f"):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        if lines:  # no heading stranded at the foot of a page
            assert lines[-1] not in headings, f"heading {lines[-1]!r} ends a page"


def test_two_maps_compare_current_and_future(tmp_path):
    current = make_map(20, hostile=False)
    future = jw.JourneyMap.from_json(current.to_json())
    future.edit_card("k004", "text", "Guest checkout shipped")
    nb = nbformat.read(jw.report([current, future], tmp_path / "c.ipynb"), as_version=4)
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    for state in ("current", "future"):
        assert any(h.startswith(f"## The map ({state} state)") for h in headings)
    assert len(nb.metadata["widgets"][STATE]["state"]) >= 2
    assert "## What changed from current to future" in headings
    page = jw.report([current, future], tmp_path / "c.html").read_text()
    assert "Guest checkout shipped" in page and "edited" in page


def test_bad_report_requests_name_the_problem(small_map, tmp_path):
    with pytest.raises(jw.JourneyError, match="report format"):
        jw.report(small_map, tmp_path / "r.docx")
    with pytest.raises(jw.JourneyError, match="one map, or two"):
        jw.report([small_map] * 3, tmp_path / "r.html")
    with pytest.raises(jw.JourneyError, match="JourneyMap"):
        jw.report("not a map", tmp_path / "r.html")


def test_command_line_writes_each_format(small_map, tmp_path):
    source = tmp_path / "checkout.journey.json"
    small_map.save(source)
    for suffix in ("html", "ipynb"):
        out = tmp_path / f"report.{suffix}"
        result = subprocess.run(
            [sys.executable, "-m", "journey_widget.cli", "report", str(source), "-o", str(out)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert out.exists() and out.stat().st_size > 10_000
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "journey_widget.cli",
            "report",
            str(tmp_path / "missing.json"),
            "-o",
            str(tmp_path / "x.html"),
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "missing.json" in bad.stderr


def test_executed_notebook_matches_the_in_process_one(small_map, tmp_path):
    built = nbformat.read(jw.report(small_map, tmp_path / "a.ipynb"), as_version=4)
    ran = nbformat.read(jw.report(small_map, tmp_path / "b.ipynb", execute=True), as_version=4)
    nbformat.validate(ran)

    def html_outputs(nb):
        return [
            o["data"].get("text/html")
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
            if "data" in o
        ]

    assert html_outputs(ran) == html_outputs(built)
    assert ran.metadata["widgets"][STATE]["state"]
