"""What a new user does first, run in a fresh virtualenv by tests/test_install.py.

Builds a map, edits it, saves and loads it, writes an HTML report and analyzes a small log,
then prints ``ok`` with the Python and pandas versions.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import journey_widget as jw

assert "nbformat" not in sys.modules, "import journey_widget loaded nbformat"

import pandas as pd  # noqa: E402

cards = pd.DataFrame(
    {
        "stage": ["Browse", "Cart", "Checkout", "Checkout"],
        "lane": ["Actions", "Emotions", "Emotions", "Pain points"],
        "text": ["Compares two pairs", "Hopeful", "Card declined", "3-D Secure fails"],
        "score": [None, 1, -2, None],
    }
)
m = jw.JourneyMap(cards, title="Checkout")
m.add_card("Cart", "Actions", "Adds a discount code")
m.rename_stage("Cart", "Basket")
m.undo()
assert len(m.data) == 5 and list(m.data["stage"].unique()) == ["Browse", "Cart", "Checkout"]
assert m.data["step"].isna().all()

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "checkout.journey.json"
    m.save(path)
    back = jw.load(path)
    assert back.data.equals(m.data), (back.data, m.data)
    html = jw.report(back, Path(tmp) / "checkout.html")
    assert "Card declined" in Path(html).read_text(encoding="utf-8")

log = pd.DataFrame(
    {
        "user": ["u1", "u1", "u1", "u2", "u2"],
        "event": ["view", "cart", "pay", "view", "cart"],
        "at": pd.to_datetime(
            [
                "2024-03-01 10:00",
                "2024-03-01 10:05",
                "2024-03-01 10:09",
                "2024-03-02 09:00",
                "2024-03-03 09:00",
            ]
        ),
    }
)
analysis = jw.analytics.analyze(log, case="user", activity="event", timestamp="at")
assert analysis is not None
print("ok", sys.version.split()[0], pd.__version__, jw.__version__)
