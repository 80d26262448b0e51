"""Two people on one notebook under real-time collaboration: who they are, how the second joins."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from .harness import Lab

IDENTITY = "() => window[Symbol.for('journey-widget.identity')] || null"


def identity(page: Page) -> dict[str, Any]:
    """The JupyterLab user this browser's Lab extension published (identity.ts)."""
    page.wait_for_function(IDENTITY, timeout=30_000)
    found = page.evaluate(IDENTITY)
    assert isinstance(found, dict) and found["name"], found
    return found


def join(lab: Lab, page: Page, name: str) -> None:
    """Open the notebook another user has open: the same document and kernel, under RTC."""
    page.goto(f"{lab.url}/lab/workspaces/{name}-b/tree/{name}.ipynb?reset&token={lab.token}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    # The shared output shows the read-only map first, then the live widget once this browser's
    # widget manager has the model from the kernel (js/src/lab/mime.ts): wait for that one.
    live = page.locator('.jw-lab-live [data-jw-root] [data-jw-card="a1"]')
    expect(live).to_be_visible(timeout=60_000)


def join_as_someone_else(
    lab: Lab, first: Page, second: Page, name: str, key: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Open notebook ``name`` in ``second`` as a person whose identity ``key`` differs from first's.

    Anonymous names are a moon's: two browsers can draw the same one. Then the second browser's
    cookies are cleared (a new anonymous user) and it joins again, up to three times.
    """
    join(lab, second, name)
    first_id, second_id = identity(first), identity(second)
    for _ in range(3):
        if first_id[key] != second_id[key]:
            break
        second.context.clear_cookies()
        join(lab, second, name)
        second_id = identity(second)
    assert first_id[key] != second_id[key]
    return first_id, second_id
