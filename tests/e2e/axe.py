"""axe-core, from the front end's npm packages, run inside a page: the violations that matter.

The script is injected from ``js/node_modules/axe-core/axe.min.js`` (``npm ci`` installs it;
no network at test time). Only ``serious`` and ``critical`` violations fail a test; ``minor``
and ``moderate`` ones are reported in the assertion message when something else fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "js" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

RUN = """async (selector) => {
  const found = selector ? Array.from(document.querySelectorAll(selector)) : [];
  const context = selector ? { include: found } : document;
  if (selector && context.include.length === 0) throw new Error("nothing matches " + selector);
  const result = await window.axe.run(context, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({
      target: n.target.join(" "), summary: n.failureSummary,
    })),
  }));
}"""


def axe(page: Page, selector: str | None = None) -> list[dict[str, Any]]:
    """Every axe violation in ``selector``'s elements (the whole document when ``None``)."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `cd js && npm ci` (bash .ci/setup does)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return list(page.evaluate(RUN, selector))


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical violations among ``violations``."""
    return [v for v in violations if v["impact"] in BLOCKING]


def assert_no_blocking(page: Page, selector: str | None = None, where: str = "") -> None:
    """Fail with axe's findings when a serious or critical violation is found."""
    found = axe(page, selector)
    bad = blocking(found)
    assert not bad, f"axe found serious/critical violations in {where or selector}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: {v['nodes']}" for v in bad
    )
