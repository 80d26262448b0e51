"""The living map in a real JupyterLab: stage header metrics, the journey score, channels.

Issue 15, items 1 and 4. A map with two periods of metrics is built and shown from Python;
the stage header shows the latest value and its change, the caption the journey score; a third
period sent from Python with ``m.update_metrics`` updates them. Then the "By channel" toggle
groups each cell's cards under the channels the kernel's DataFrame holds, and a channel edited
from Python moves its card to another group.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page, expect

from .axe import assert_no_blocking
from .harness import Lab, open_notebook, type_into_card

SETUP = """
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({
    "id": ["t1", "t2", "t3", "t4", "p1"],
    "stage": ["Browse", "Browse", "Browse", "Pay", "Pay"],
    "lane": ["Touchpoints"] * 4 + ["Pain points"],
    "text": ["Search", "Newsletter", "Ad", "Card form", "Slow <b>page</b>"],
    "channel": ["Web", "Email", "Web", "App", None],
})
def month(csat, drop):
    return pd.DataFrame({"stage": ["Browse", "Browse", "Pay"],
                         "metric": ["CSAT", "drop-off", "CSAT"], "value": [csat, drop, 70.0],
                         "target": [75.0, 36.0, 80.0], "unit": ["%", "%", "%"]})
m = jw.JourneyMap(cards, stages=["Browse", "Pay"], lanes=["Touchpoints", "Pain points"],
                  title="Checkout", overlays=False,
                  metrics=month(70.0, 40.0).assign(period="2026-10"))
m.update_metrics(month(73.2, 35.0), period="2026-11")
__ready__ = True
m
"""


def metric(v: Locator, stage: str, name: str) -> Locator:
    return v.locator(f'[data-jw-stage="{stage}"] [data-jw-metric="{name}"]')


def groups(cell: Locator) -> list[list[Any]]:
    """The cell's channel headings with the card ids under each, in DOM order."""
    return cell.evaluate(
        """list => {
          const out = [];
          for (const el of list.children) {
            const group = el.getAttribute("data-jw-channel-group");
            const card = el.getAttribute("data-jw-card");
            if (group != null) out.push([group, []]);
            else if (card != null) out[out.length - 1][1].push(card);
          }
          return out;
        }"""
    )


# long: one browser story; split, each part would pay JupyterLab's start-up again
def test_stage_headers_score_and_channel_grouping_follow_python(lab: Lab, page: Page) -> None:
    with open_notebook(lab, page, "living", [SETUP]) as kernel:
        v = page.locator("[data-jw-root]").first
        csat = metric(v, "Browse", "CSAT")
        expect(csat.locator("[data-jw-metric-value]")).to_have_text("73.2%", timeout=60_000)
        change = csat.locator("[data-jw-metric-change]")
        expect(change).to_have_text("▲ 3.2 pts better")
        expect(change).to_have_attribute("data-jw-metric-good", "better")
        expect(csat.locator("svg[data-jw-sparkline] polyline")).to_have_count(1)
        expect(csat.locator(".jw-sr-only")).to_have_text(
            "CSAT 73.2% in 2026-11, up 3.2 pts since 2026-10, better"
        )
        drop = metric(v, "Browse", "drop-off").locator("[data-jw-metric-change]")
        expect(drop).to_have_text("▼ 5 pts better")
        expect(metric(v, "Pay", "CSAT").locator("[data-jw-metric-change]")).to_have_text(
            "= no change"
        )
        score = v.locator(".jw-meta [data-jw-journey-score]")
        expect(score).to_have_text("Journey score 33% (1 of 3 targets met)")
        assert kernel.json("round(m.journey_score(), 4)") == round(1 / 3, 4)
        assert_no_blocking(page, "[data-jw-root]", "stage header metrics and the score")

        # A third period from Python: every view follows.
        kernel.run('m.update_metrics(month(78.0, 45.0), period="2026-12")')
        expect(csat.locator("[data-jw-metric-value]")).to_have_text("78%")
        expect(change).to_have_text("▲ 4.8 pts better")
        expect(drop).to_have_text("▲ 10 pts worse")
        expect(drop).to_have_attribute("data-jw-metric-good", "worse")
        expect(csat.locator("svg[data-jw-sparkline]")).to_have_attribute("data-jw-sparkline", "3")
        expect(score).to_have_text("Journey score 33% (1 of 3 targets met)")
        kernel.run('m.metrics = m.metrics[m.metrics["metric"] != "CSAT"]')
        expect(score).to_have_text("Journey score 0% (0 of 1 targets met)")
        expect(v.locator('[data-jw-stage="Pay"] [data-jw-stage-metrics]')).to_have_count(0)

        # Channels: the toggle groups each cell's cards as the kernel's DataFrame says.
        toggle = v.locator("button[data-jw-group-channels]")
        expect(toggle).to_have_attribute("aria-pressed", "false")
        toggle.focus()
        page.keyboard.press("Enter")  # keyboard reachable
        expect(toggle).to_have_attribute("aria-pressed", "true")
        browse = v.locator('[data-jw-cell][data-stage="Browse"][data-lane="Touchpoints"] .jw-cards')
        expect(browse.locator("[data-jw-channel-group]")).to_have_text(["Web", "Email"])
        pairs = kernel.json(
            "[[c, i] for c, i in zip(m.data[m.data.stage == 'Browse'].channel, "
            "m.data[m.data.stage == 'Browse'].id)]"
        )
        expected: dict[str, list[str]] = {}
        for channel, card in pairs:
            expected.setdefault(channel, []).append(card)
        assert groups(browse) == [[c, ids] for c, ids in expected.items()]
        assert_no_blocking(page, "[data-jw-root]", "cards grouped by channel")
        pain = v.locator('[data-jw-cell][data-stage="Pay"][data-lane="Pain points"] .jw-cards')
        expect(pain.locator("[data-jw-channel-group]")).to_have_text(["No channel"])

        # A channel edited from Python moves the card to its group.
        kernel.run('m.edit_card("t3", "channel", "Email")')
        page.wait_for_function(
            """() => {
              const el = document.querySelector('[data-jw-card="t3"]');
              let h = el && el.previousElementSibling;
              while (h && !h.hasAttribute("data-jw-channel-group")) h = h.previousElementSibling;
              return h && h.getAttribute("data-jw-channel-group") === "Email";
            }"""
        )
        assert groups(browse) == [["Web", ["t1"]], ["Email", ["t2", "t3"]]]
        # Editing still works while grouped: the text of a grouped card, from the browser.
        type_into_card(page, "t2", "Weekly newsletter")
        assert kernel.wait_for("m.data.set_index('id').loc['t2', 'text']", "Weekly newsletter")
        # Off again: the cards in their data order, no headings; nothing was saved in the map.
        toggle.click()
        expect(browse.locator("[data-jw-channel-group]")).to_have_count(0)
        assert "group" not in kernel.json("sorted(m.data.columns)")
