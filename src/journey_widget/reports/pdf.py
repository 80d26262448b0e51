"""Print a report page to PDF with the system's Chromium (headless, no network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..extras import require
from ..model import JourneyError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def find_chromium() -> str:
    """The Chromium to print with: ``$JOURNEY_WIDGET_CHROMIUM``, else the first on ``PATH``."""
    chosen = os.environ.get("JOURNEY_WIDGET_CHROMIUM")
    if chosen:
        return chosen
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return _playwright_chromium()


def _playwright_chromium() -> str:
    """The Chromium of Playwright (the ``pdf`` extra), after ``playwright install chromium``."""
    need = (
        "PDF reports need Chromium: install it (Debian: apt-get install chromium), "
        "set JOURNEY_WIDGET_CHROMIUM to its path, or"
    )
    try:
        require("playwright", "pdf", "a PDF report without a system Chromium")
    except JourneyError as err:
        raise JourneyError(f"{need} use Playwright's: {err}") from None
    code = (
        "from playwright.sync_api import sync_playwright as s\n"
        "with s() as p: print(p.chromium.executable_path)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    path = run.stdout.strip()
    if run.returncode != 0 or not path or not Path(path).exists():
        raise JourneyError(f"{need} run `playwright install chromium` (the pdf extra is installed)")
    return path


def html_to_pdf(page: str, path: Path, timeout: float = 120) -> None:
    """Write ``page`` (a self-contained HTML document) to ``path`` as PDF."""
    with tempfile.TemporaryDirectory(prefix="journey-widget-") as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(page, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        cmd = [
            find_chromium(),
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0 or not target.exists():
            raise JourneyError(
                f"Chromium could not print the report (exit {result.returncode}): "
                f"{result.stderr.strip()[-500:]}"
            )
        shutil.move(str(target), path)
