"""Print a report page to PDF, headless and offline, with a Chromium-based browser.

The browser, in order: the one ``$JOURNEY_WIDGET_CHROMIUM`` names; Playwright's own Chromium
when Playwright (the ``pdf`` extra) and its browser (``playwright install chromium``) are
installed; else the system's Chromium, Google Chrome or Microsoft Edge, found on ``PATH`` and
in the usual install folders of Linux, macOS and Windows (:mod:`.browsers`). When none is
found, the error says what to install on this operating system.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..model import JourneyError
from .browsers import OVERRIDE, find_browser, missing_message

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
"""Command-line switches of a system browser printing a page: headless, quiet, no network."""


def find_chromium(
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    exists: Callable[[str], bool] = os.path.isfile,
) -> str:
    """The system browser to print with (see :func:`.browsers.find_browser`).

    Raises
    ------
    JourneyError
        No browser was found; the message says what to install on ``platform``.
    """
    found = find_browser(platform, os.environ if env is None else env, exists)
    if found is None:
        raise JourneyError(missing_message(platform))
    return found


def print_with_browser(browser: str, source: Path, target: Path, timeout: float = 120) -> None:
    """Print the HTML file ``source`` to ``target`` with ``browser``'s ``--print-to-pdf``."""
    cmd = [
        browser,
        *FLAGS,
        f"--user-data-dir={target.parent / 'profile'}",
        f"--print-to-pdf={target}",
        source.as_uri(),
    ]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except OSError as err:
        raise JourneyError(f"could not start the browser {browser!r} to print: {err}") from None
    if result.returncode != 0 or not target.exists():
        raise JourneyError(
            f"{browser} could not print the report (exit {result.returncode}): "
            f"{result.stderr.strip()[-500:]}"
        )


def print_with_playwright(
    source: Path, target: Path, timeout: float = 120, executable: str | None = None
) -> bool:
    """Print ``source`` to ``target`` with Playwright's Chromium; ``False`` if it is missing.

    Runs in a worker thread, because Playwright's synchronous API refuses to run inside an
    event loop (a Jupyter kernel has one).

    Parameters
    ----------
    source, target : Path
        The HTML file to print and the PDF to write.
    timeout : float
        Seconds for starting the browser, loading the page and printing it, each.
    executable : str, optional
        A Chromium for Playwright to drive instead of its own build.

    Returns
    -------
    bool
        ``True`` when printed; ``False`` when Playwright, or its Chromium, is not installed.
    """
    if importlib.util.find_spec("playwright") is None:
        return False
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="journey-pdf") as pool:
        return pool.submit(_playwright_print, source, target, timeout, executable).result()


def _playwright_print(source: Path, target: Path, timeout: float, executable: str | None) -> bool:
    from playwright.sync_api import Error, Route, sync_playwright

    def offline(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as pw:
        if not Path(executable or pw.chromium.executable_path).is_file():
            return False
        try:
            browser = pw.chromium.launch(
                executable_path=executable, args=list(FLAGS[1:-1]), timeout=timeout * 1000
            )
            try:
                page = browser.new_page()
                page.route("**/*", offline)
                page.goto(source.as_uri(), wait_until="load", timeout=timeout * 1000)
                page.pdf(path=str(target), prefer_css_page_size=True)
            finally:
                browser.close()
        except Error as err:
            raise JourneyError(f"Playwright's Chromium could not print the report: {err}") from None
    return True


def html_to_pdf(
    page: str,
    path: Path,
    timeout: float = 120,
    *,
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
) -> None:
    """Write ``page`` (a self-contained HTML document) to ``path`` as PDF.

    Parameters
    ----------
    page : str
        The HTML document.
    path : Path
        The PDF to write.
    timeout : float
        Seconds the browser may take.
    platform, env : optional
        ``sys.platform`` and the environment, for finding the browser (tests pass others).

    Raises
    ------
    JourneyError
        No browser was found (the message says what to install), or it failed to print.
    """
    env = os.environ if env is None else env
    with tempfile.TemporaryDirectory(prefix="journey-widget-") as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(page, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        if env.get(OVERRIDE) or not print_with_playwright(source, target, timeout):
            print_with_browser(find_chromium(platform, env), source, target, timeout)
        shutil.move(str(target), path)
