"""Both ways of printing a report to PDF really print one on this machine.

- **Playwright path** (:func:`journey_widget.reports.pdf.print_with_playwright`): Playwright
  drives a Chromium over its protocol and prints with ``page.pdf``. Playwright's own Chromium
  build is not installed here (``playwright install`` needs the network), so the test passes
  ``executable=`` Debian's ``/usr/bin/chromium``: it exercises all of the Playwright code
  except Playwright locating its own build. When that build *is* installed (``~/.cache/
  ms-playwright``), a second test prints with it through ``html_to_pdf``'s normal order.
- **System-browser path** (:func:`journey_widget.reports.pdf.print_with_browser`, reached by
  ``html_to_pdf`` when no Playwright Chromium exists): the browser the finder picks on this
  Linux machine, started with ``--headless --print-to-pdf``.

Each PDF is read back with poppler's ``pdfinfo``/``pdftotext``: landscape, and every card there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import journey_widget as jw
from journey_widget.reports import pdf
from journey_widget.reports.browsers import find_browser

from .conftest import make_map

SYSTEM = find_browser(sys.platform, {"PATH": "/usr/bin:/bin"})
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or SYSTEM is None,
    reason="needs a system Chromium and poppler-utils (bash .ci/setup installs both)",
)


def report_page(tmp_path: Path) -> Path:
    page = tmp_path / "r.html"
    jw.report(make_map(30, hostile=True), page)
    return page


def assert_is_the_report(path: Path) -> None:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height  # the report's @page rule (A4 landscape) was honoured
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    for i in set(range(30)) - {0, 3}:  # cards 0 and 3 hold hostile text instead
        assert f"Card {i:03d}" in text


def playwright_chromium() -> str | None:
    """Playwright's own Chromium, if installed.

    Asked in a thread: the browser tests' session may run Playwright's synchronous API in this
    one.
    """

    def ask() -> str:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            return pw.chromium.executable_path

    with ThreadPoolExecutor(max_workers=1) as pool:
        path = pool.submit(ask).result()
    return path if Path(path).is_file() else None


def test_playwright_path_prints_driving_the_system_chromium(tmp_path: Path) -> None:
    page = report_page(tmp_path)
    target = tmp_path / "playwright.pdf"
    assert pdf.print_with_playwright(page, target, executable=SYSTEM) is True
    assert_is_the_report(target)


def test_playwright_path_with_its_own_chromium_when_installed(tmp_path: Path) -> None:
    if playwright_chromium() is None:
        pytest.skip("Playwright's own Chromium is not installed (needs the network)")
    target = tmp_path / "own.pdf"
    assert pdf.print_with_playwright(report_page(tmp_path), target) is True
    assert_is_the_report(target)


def test_without_playwright_chromium_html_to_pdf_uses_the_system_browser(tmp_path: Path) -> None:
    if playwright_chromium() is not None:
        pytest.skip("Playwright's own Chromium is installed: html_to_pdf prints with it")
    source = report_page(tmp_path)
    assert pdf.print_with_playwright(source, tmp_path / "none.pdf") is False
    target = tmp_path / "system.pdf"
    pdf.html_to_pdf(source.read_text(encoding="utf-8"), target, env={"PATH": "/usr/bin:/bin"})
    assert_is_the_report(target)


def test_system_browser_path_prints_directly(tmp_path: Path) -> None:
    source = report_page(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    pdf.print_with_browser(SYSTEM, source, out / "direct.pdf")
    assert_is_the_report(out / "direct.pdf")


def test_a_browser_that_cannot_start_is_a_journey_error(tmp_path: Path) -> None:
    with pytest.raises(jw.JourneyError, match="could not start the browser"):
        pdf.print_with_browser(
            str(tmp_path / "no-browser"), tmp_path / "a.html", tmp_path / "a.pdf"
        )
