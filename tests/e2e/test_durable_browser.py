"""A map bound to its file with ``jw.open`` survives "Restart Kernel and Run All Cells" (issue 12).

The edit is made in the browser; after the restart the notebook's own code runs again from the
top, and the edit is in the view and in ``m.data`` because the file, not the code, holds the map.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import journey_widget as jw

from .harness import Kernel, Lab, connection_file, open_notebook, type_into_card

OLD, NEW = "Searches for running shoes", "Asks a friend which shoes to buy"
SETUP = f"""
import pandas as pd, journey_widget as jw
cards = pd.DataFrame({{"id": ["a1", "p1"], "stage": ["Browse", "Pay"],
                      "lane": ["Actions", "Pain points"], "text": [{OLD!r}, "Card declined"]}})
m = jw.open("restart.journey.json", default=cards, stages=["Browse", "Pay"],
            lanes=["Actions", "Pain points"], title="Checkout")
__ready__ = True
m
"""
TEXT = "m.data.set_index('id').at['a1', 'text']"


def test_browser_edits_survive_restart_and_run_all(lab: Lab, page: Page) -> None:
    path = lab.root / "restart.journey.json"
    path.unlink(missing_ok=True)
    with open_notebook(lab, page, "restart", [SETUP]) as kernel:
        text = page.locator('[data-jw-card="a1"] [data-jw-card-text]').first
        expect(text).to_have_text(OLD, timeout=60_000)
        type_into_card(page, "a1", NEW)
        assert kernel.wait_for(TEXT, NEW) == NEW
        assert kernel.wait_for("m.file_status.state", "saved") == "saved"
        assert jw.load(path).data.set_index("id").at["a1", "text"] == NEW

        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
        page.locator(
            ".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel and Run All Cells")
        ).click()
        page.locator(".jp-Dialog .jp-mod-accept").click()
        page.get_by_text("| Restarting").first.wait_for(timeout=30_000)
        page.get_by_text("| Idle").first.wait_for(timeout=60_000)
        # The restarted kernel ran the cell again: a new map, read from the file. A fresh
        # client, since the old one's sockets belonged to the process that is gone.
        fresh = Kernel(connection_file(lab, "restart.ipynb"))
        try:
            assert fresh.wait_for("'__ready__' in globals()", True, timeout=60) is True
            assert fresh.wait_for(TEXT, NEW) == NEW
            assert fresh.json("str(m.path.name)") == "restart.journey.json"
        finally:
            fresh.close()
        expect(page.locator('[data-jw-card="a1"] [data-jw-card-text]').first).to_have_text(
            NEW, timeout=30_000
        )
        expect(page.locator("[data-jw-root]").get_by_text(OLD)).to_have_count(0)


FULL_DISK = """
import errno
def disk_full(_tmp):
    raise OSError(errno.ENOSPC, "No space left on device")
m._binding.before_replace = disk_full
"""


def test_a_failed_write_warns_in_the_view_and_the_retry_saves(lab: Lab, page: Page) -> None:
    path = lab.root / "restart.journey.json"
    path.unlink(missing_ok=True)
    with open_notebook(lab, page, "fullDisk", [SETUP]) as kernel:
        status = page.locator("[data-jw-file-status]").first
        expect(status).to_have_attribute("data-jw-file-state", "saved", timeout=60_000)
        expect(status).to_contain_text("restart.journey.json")
        kernel.run(FULL_DISK)  # the disk fills up: every write from now on fails
        type_into_card(page, "a1", NEW)
        assert kernel.wait_for(TEXT, NEW) == NEW  # the edit is in the map all the same
        expect(status).to_have_attribute("data-jw-file-state", "error")
        expect(status).to_have_attribute("role", "alert")
        expect(status).to_contain_text("No space left on device")
        assert jw.load(path).data.set_index("id").at["a1", "text"] == OLD
        kernel.run("m._binding.before_replace = None")  # space again: the retry writes it
        expect(status).to_have_attribute("data-jw-file-state", "saved", timeout=15_000)
        assert jw.load(path).data.set_index("id").at["a1", "text"] == NEW
