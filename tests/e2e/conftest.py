"""Fixtures for browser tests: one JupyterLab and one Chromium per session, a page per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .harness import CHROMIUM, CHROMIUM_ARGS, COLLAB_ARGS, COLLAB_PYTHON, Lab


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    server = Lab(tmp_path_factory.mktemp("jupyterlab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def notebook7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A Notebook 7 server (``jupyter notebook``), for tests that run in both front ends."""
    server = Lab(tmp_path_factory.mktemp("notebook7"), app="notebook")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def collab_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A JupyterLab with jupyter-collaboration (real-time collaboration), from ``.venv-collab``."""
    if not Path(COLLAB_PYTHON).exists():
        pytest.fail(f"{COLLAB_PYTHON} is missing: run `bash .ci/setup`, which makes it")
    server = Lab(tmp_path_factory.mktemp("collab"), python=COLLAB_PYTHON, args=COLLAB_ARGS)
    yield server
    server.stop()


@pytest.fixture
def two_users(browser: Browser) -> Iterator[tuple[Page, Page]]:
    """Two browser contexts: two people (each gets its own anonymous JupyterLab identity)."""
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900}) for _ in range(2)]
    pages = []
    for context in contexts:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda err, p=page: p.console_errors.append(str(err)))  # type: ignore[attr-defined]
        pages.append(page)
    yield pages[0], pages[1]
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))  # type: ignore[attr-defined]
    yield page
    context.close()
