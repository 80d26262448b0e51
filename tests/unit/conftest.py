from __future__ import annotations

import pandas as pd
import pytest
from journey_helpers import Recorder, checkout_cards, checkout_journey, checkout_map

import journey_widget as jw


@pytest.fixture
def cards() -> pd.DataFrame:
    """The analyst's online-checkout card DataFrame (fresh for every test)."""
    return checkout_cards()


@pytest.fixture
def journey() -> jw.Journey:
    return checkout_journey()


@pytest.fixture
def widget() -> jw.JourneyMap:
    return checkout_map()


@pytest.fixture
def wire(widget: jw.JourneyMap) -> Recorder:
    """Replace the widget's transport with a recorder of what it sends to the browser."""
    recorder = Recorder(widget)
    widget.send = recorder
    return recorder


@pytest.fixture
def events(widget: jw.JourneyMap) -> list:
    """The edit events the widget emits (``m.on_edit``), in order."""
    received: list = []
    widget.on_edit(received.append)
    return received
