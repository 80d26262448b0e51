r"""Where a Chromium-based browser (Chromium, Google Chrome, Microsoft Edge) is on this machine.

The finder is pure: it takes the platform (``sys.platform``), the environment and a test for
"this file exists", so each operating system's candidates can be checked anywhere.

>>> find_browser("linux", {"PATH": "/usr/bin"}, {"/usr/bin/chromium"}.__contains__)
'/usr/bin/chromium'
>>> find_browser("win32", {"ProgramFiles(x86)": r"C:\P86"},
...     {r"C:\P86\Microsoft\Edge\Application\msedge.exe"}.__contains__)
'C:\\P86\\Microsoft\\Edge\\Application\\msedge.exe'
"""

from __future__ import annotations

import ntpath
import os
import posixpath
from collections.abc import Callable, Mapping

OVERRIDE = "JOURNEY_WIDGET_CHROMIUM"
"""The environment variable that names the browser to print with, overriding the search."""

NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
)
"""Program names looked up on ``PATH`` (``.exe`` is added on Windows)."""

LINUX = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/snap/bin/chromium",
    "/usr/lib/chromium/chromium",
    "/usr/bin/microsoft-edge",
    "/usr/bin/microsoft-edge-stable",
    "/opt/microsoft/msedge/msedge",
)
"""Usual install paths on Linux (Debian, Ubuntu, Fedora packages, snap, Google's and
Microsoft's own packages)."""

MACOS_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
)
"""Application bundles on macOS, looked for in ``/Applications`` and ``~/Applications``."""

WINDOWS = (
    ("PROGRAMFILES", r"Google\Chrome\Application\chrome.exe"),
    ("PROGRAMFILES(X86)", r"Google\Chrome\Application\chrome.exe"),
    ("LOCALAPPDATA", r"Google\Chrome\Application\chrome.exe"),
    ("PROGRAMFILES(X86)", r"Microsoft\Edge\Application\msedge.exe"),
    ("PROGRAMFILES", r"Microsoft\Edge\Application\msedge.exe"),
    ("LOCALAPPDATA", r"Microsoft\Edge\Application\msedge.exe"),
    ("LOCALAPPDATA", r"Chromium\Application\chrome.exe"),
    ("PROGRAMFILES", r"Chromium\Application\chrome.exe"),
)
"""Install folders on Windows: (environment variable of the base folder, path under it)."""

INSTALL = {
    "linux": (
        "install Chromium or Google Chrome (Debian/Ubuntu: sudo apt-get install chromium; "
        "Fedora: sudo dnf install chromium; or sudo snap install chromium)"
    ),
    "darwin": (
        "install Google Chrome (https://www.google.com/chrome/), Microsoft Edge, or Chromium "
        "(brew install --cask chromium) into /Applications"
    ),
    "win32": (
        "install Microsoft Edge or Google Chrome (winget install Microsoft.Edge, or "
        "winget install Google.Chrome)"
    ),
}
"""What to install, by platform family."""


def family(platform: str) -> str:
    """The platform family of a ``sys.platform`` value: ``"win32"``, ``"darwin"`` or ``"linux"``.

    >>> family("cygwin"), family("darwin"), family("freebsd14")
    ('win32', 'darwin', 'linux')
    """
    if platform.startswith(("win", "cygwin", "msys")):
        return "win32"
    return "darwin" if platform == "darwin" else "linux"


def _getenv(env: Mapping[str, str], name: str, windows: bool) -> str:
    if not windows:
        return env.get(name, "")
    folded = {key.upper(): value for key, value in env.items()}  # Windows: any case
    return folded.get(name.upper(), "")


def candidates(platform: str, env: Mapping[str, str]) -> list[str]:
    """Every path where a browser is looked for, in order of preference.

    Parameters
    ----------
    platform : str
        A ``sys.platform`` value (``"linux"``, ``"darwin"``, ``"win32"``...).
    env : Mapping[str, str]
        The environment: ``PATH``, and on Windows ``PROGRAMFILES``, ``PROGRAMFILES(X86)``,
        ``LOCALAPPDATA``; on macOS ``HOME`` (for ``~/Applications``).

    Returns
    -------
    list of str
        First the names on ``PATH``, then the usual install paths of the platform.
    """
    kind = family(platform)
    windows = kind == "win32"
    path_mod = ntpath if windows else posixpath
    sep = ";" if windows else ":"
    found: list[str] = []
    for folder in _getenv(env, "PATH", windows).split(sep):
        if folder.strip():
            for name in NAMES:
                found.append(path_mod.join(folder.strip(), name + (".exe" if windows else "")))
    if kind == "linux":
        found.extend(LINUX)
    elif kind == "darwin":
        home = _getenv(env, "HOME", windows)
        roots = ["/Applications"] + ([posixpath.join(home, "Applications")] if home else [])
        found.extend(posixpath.join(root, app) for app in MACOS_APPS for root in roots)
    else:
        for var, tail in WINDOWS:
            base = _getenv(env, var, windows)
            if base:
                found.append(ntpath.join(base, tail))
    return list(dict.fromkeys(found))  # once each, first place kept


def find_browser(
    platform: str, env: Mapping[str, str], exists: Callable[[str], bool] = os.path.isfile
) -> str | None:
    """The first Chromium-based browser found, or ``None``.

    Parameters
    ----------
    platform : str
        A ``sys.platform`` value.
    env : Mapping[str, str]
        The environment; :data:`OVERRIDE` (``JOURNEY_WIDGET_CHROMIUM``) wins when set.
    exists : callable, optional
        Whether a path is a file (``os.path.isfile``); tests pass a set's ``__contains__``.

    Returns
    -------
    str or None
        The browser's path, or ``None`` when none of :func:`candidates` exists.
    """
    chosen = env.get(OVERRIDE)
    if chosen:
        return chosen
    return next((path for path in candidates(platform, env) if exists(path)), None)


def missing_message(platform: str) -> str:
    """The error for "no browser to print with": what to install on this platform.

    >>> "winget install" in missing_message("win32")
    True
    """
    return (
        f"PDF reports need a Chromium-based browser and none was found: "
        f"{INSTALL[family(platform)]}; or set {OVERRIDE} to the browser's path; or use "
        f'Playwright\'s Chromium: pip install "journey-widget[pdf]", then '
        f"playwright install chromium"
    )
