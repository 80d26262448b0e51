"""The HTML report's static map draws confidence and evidence as the live widget does.

The same stylesheet (widget.css) gives each confidence its card edge and the badges their look.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

import journey_widget as jw

from ..report.test_report_workshop import workshop_map


def test_report_cards_show_confidence_edges_and_evidence_badges(
    browser: Browser, tmp_path: Path
) -> None:
    path = jw.report(workshop_map(), tmp_path / "report.html")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1400, "height": 1000}
    )
    page = context.new_page()
    page.goto(path.as_uri())
    edges = {
        card: page.locator(f'.jw-static [data-jw-card="{card}"]').evaluate(
            "e => getComputedStyle(e).borderTopStyle"
        )
        for card in ("k0", "k1", "k2", "k3")
    }
    assert edges == {"k0": "solid", "k1": "double", "k2": "dashed", "k3": "dotted"}
    no_evidence = page.locator('.jw-static [data-jw-card="k2"] .jw-no-evidence')
    expect(no_evidence).to_be_visible()
    expect(no_evidence).to_have_text("No evidence")
    assert no_evidence.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    evidence = page.locator('.jw-static [data-jw-card="k1"] .jw-evidence')
    expect(evidence).to_have_text("2 \u00b7 Interview 4; Ticket 1832")
    # The paperclip and the confidence icons are drawn (a CSS mask before the text).
    assert evidence.evaluate("e => getComputedStyle(e, '::before').content") != "none"
    expect(page.locator(".jw-report-quote")).to_have_text(
        "Why is it <script>alert(1)</script> more?"
    )
    expect(page.locator(".jw-report-persona li", has_text="Surprise fees")).to_be_visible()
    context.close()
