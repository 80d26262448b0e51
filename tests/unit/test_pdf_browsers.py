"""The PDF printer's browser finder on Linux, macOS and Windows, from an injected machine.

The finder (``journey_widget.reports.browsers``) takes the platform, the environment and an
"is this a file" test as parameters, so each operating system's install paths and its
"what to install" message are checked here on any machine; nothing of the finder is mocked.
"""

from __future__ import annotations

import pytest

import journey_widget as jw
from journey_widget.reports import pdf
from journey_widget.reports.browsers import candidates, find_browser, missing_message

WINDOWS_ENV = {
    "Path": r"C:\Windows\system32;C:\Tools",
    "ProgramFiles": r"C:\Program Files",
    "ProgramFiles(x86)": r"C:\Program Files (x86)",
    "LOCALAPPDATA": r"C:\Users\ana\AppData\Local",
}
EDGE_X86 = r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
CHROME = r"C:\Program Files\Google\Chrome\Application\chrome.exe"
CHROME_USER = r"C:\Users\ana\AppData\Local\Google\Chrome\Application\chrome.exe"
MAC_CHROME = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
MAC_EDGE = "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"


def machine(*files: str):
    """An "is this a file" test for a filesystem holding just ``files``."""
    return frozenset(files).__contains__


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ({"/usr/bin/chromium"}, "/usr/bin/chromium"),
        ({"/usr/bin/google-chrome"}, "/usr/bin/google-chrome"),
        ({"/snap/bin/chromium"}, "/snap/bin/chromium"),
        ({"/opt/google/chrome/chrome"}, "/opt/google/chrome/chrome"),
        ({"/opt/microsoft/msedge/msedge"}, "/opt/microsoft/msedge/msedge"),
        ({"/home/ana/bin/chromium", "/usr/bin/chromium"}, "/home/ana/bin/chromium"),  # PATH first
    ],
)
def test_linux_finds_the_usual_install_paths_and_path_first(found, expected) -> None:
    env = {"PATH": "/home/ana/bin:/usr/local/bin"}
    assert find_browser("linux", env, machine(*found)) == expected


def test_linux_looks_beyond_path() -> None:
    paths = candidates("linux", {"PATH": ""})
    for path in ("/usr/bin/chromium", "/usr/bin/google-chrome", "/snap/bin/chromium"):
        assert path in paths


def test_macos_finds_app_bundles_in_applications_and_the_home_folder() -> None:
    env = {"PATH": "/usr/bin:/opt/homebrew/bin", "HOME": "/Users/ana"}
    assert find_browser("darwin", env, machine(MAC_EDGE)) == MAC_EDGE
    assert find_browser("darwin", env, machine(MAC_EDGE, MAC_CHROME)) == MAC_CHROME
    mine = "/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium"
    assert find_browser("darwin", env, machine(mine)) == mine
    assert "/snap/bin/chromium" not in candidates("darwin", env)  # no Linux paths on a Mac


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ({EDGE_X86}, EDGE_X86),  # every Windows 10/11 has Edge
        ({EDGE_X86, CHROME}, CHROME),  # Chrome preferred when both are there
        ({CHROME_USER}, CHROME_USER),  # a per-user install
        ({r"C:\Tools\chrome.exe", CHROME}, r"C:\Tools\chrome.exe"),  # PATH (with .exe) first
    ],
)
def test_windows_finds_program_files_and_local_app_data(found, expected) -> None:
    assert find_browser("win32", WINDOWS_ENV, machine(*found)) == expected


def test_windows_reads_its_environment_in_any_case_and_skips_unset_folders() -> None:
    paths = candidates("win32", {"PROGRAMFILES": r"D:\Apps"})
    assert paths == [
        r"D:\Apps\Google\Chrome\Application\chrome.exe",
        r"D:\Apps\Microsoft\Edge\Application\msedge.exe",
        r"D:\Apps\Chromium\Application\chrome.exe",
    ]


def test_the_override_wins_on_every_platform() -> None:
    for platform in ("linux", "darwin", "win32"):
        env = {"JOURNEY_WIDGET_CHROMIUM": "/my/browser", "PATH": "/usr/bin"}
        assert find_browser(platform, env, machine("/usr/bin/chromium")) == "/my/browser"


@pytest.mark.parametrize(
    ("platform", "says", "not_says"),
    [
        ("linux", "sudo apt-get install chromium", "winget"),
        ("darwin", "brew install --cask chromium", "apt-get"),
        ("win32", "winget install Microsoft.Edge", "apt-get"),
    ],
)
def test_nothing_found_says_what_to_install_on_that_platform(platform, says, not_says) -> None:
    assert find_browser(platform, WINDOWS_ENV | {"PATH": "/usr/bin"}, machine()) is None
    with pytest.raises(jw.JourneyError) as info:
        pdf.find_chromium(platform, {"PATH": "/usr/bin"}, exists=machine())
    message = str(info.value)
    assert message == missing_message(platform)
    assert says in message and not_says not in message
    assert "JOURNEY_WIDGET_CHROMIUM" in message and "playwright install chromium" in message


def test_html_to_pdf_without_any_browser_raises_before_writing(tmp_path) -> None:
    """No override, no Playwright Chromium, and a PATH and platform with no browser."""
    target = tmp_path / "r.pdf"
    if _playwright_chromium_installed():
        pytest.skip("Playwright's own Chromium is installed: it would print")
    with pytest.raises(jw.JourneyError, match="winget install"):
        pdf.html_to_pdf("<p>x</p>", target, platform="win32", env={"PATH": str(tmp_path)})
    assert not target.exists()


def _playwright_chromium_installed() -> bool:
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    try:  # the `pdf` extra: not part of `test`
        from playwright.sync_api import sync_playwright
    except ImportError:
        return False

    def ask() -> bool:  # in a thread: another test may run Playwright's sync API in this one
        with sync_playwright() as pw:
            return Path(pw.chromium.executable_path).is_file()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(ask).result()
