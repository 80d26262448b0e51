"""m.channel_matrix(): stage x channel counts of cards, or of the log's events behind them."""

from __future__ import annotations

import pandas as pd
import pytest

import journey_widget as jw
from journey_widget.analytics.sample import SAMPLE_STAGES, sample_events

LANES = ["Touchpoints", "Pain points"]


def small() -> jw.JourneyMap:
    cards = pd.DataFrame(
        {
            "stage": ["Pay", "Browse", "Browse", "Pay", "Browse", "Browse"],
            "lane": [
                "Touchpoints",
                "Touchpoints",
                "Touchpoints",
                "Pain points",
                "Pain points",
                "Touchpoints",
            ],
            "text": ["card", "search", "ad", "slow", "lost", "newsletter"],
            "channel": ["App", "Web", "Social <b>", None, "Web", " Email "],
        }
    )
    return jw.JourneyMap(cards, stages=["Browse", "Cart", "Pay"], lanes=LANES, overlays=False)


def test_counts_cards_stages_in_map_order_channels_first_seen_none_last() -> None:
    got = small().channel_matrix()
    assert got.index.tolist() == ["Browse", "Cart", "Pay"]  # Cart has no card: a row of 0
    assert got.columns.tolist() == ["App", "Web", "Social <b>", "Email", "(none)"]
    assert got.index.name == "stage" and got.columns.name == "channel"
    assert got.loc["Browse"].tolist() == [0, 2, 1, 1, 0]
    assert got.loc["Cart"].tolist() == [0, 0, 0, 0, 0]
    assert got.loc["Pay"].tolist() == [1, 0, 0, 0, 1]
    assert (got.dtypes == "int64").all()
    assert int(got.to_numpy().sum()) == 6


def test_lanes_limit_the_cards_counted() -> None:
    got = small().channel_matrix(lanes=["Touchpoints"])
    assert got.columns.tolist() == ["App", "Web", "Social <b>", "Email", "(none)"]
    assert got.loc["Pay"].tolist() == [1, 0, 0, 0, 0]
    assert got.loc["Browse", "Web"] == 1


def test_a_map_without_channels_has_only_none_and_follows_edits() -> None:
    cards = pd.DataFrame({"stage": ["A", "A"], "lane": ["L", "L"], "text": ["x", "y"]})
    m = jw.JourneyMap(cards, overlays=False)
    assert m.channel_matrix().to_dict() == {"(none)": {"A": 2}}
    m.edit_card(m.data["id"][0], "channel", "Phone")
    assert m.channel_matrix().to_dict() == {"Phone": {"A": 1}, "(none)": {"A": 1}}


def test_events_sum_each_cards_activity_count_at_its_stage() -> None:
    args = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
    log = sample_events(60, seed=4)
    a = jw.analytics.analyze(log, **args, stage_of=SAMPLE_STAGES)
    m = jw.JourneyMap.from_events(a)
    touch = m.data[m.data["lane"] == "Touchpoints"]
    first = touch.iloc[0]
    m.edit_card(first["id"], "channel", "Web")
    got = m.channel_matrix(events=a)
    acts = a.activities.set_index(["stage", "activity"])["events"]
    expected = {
        stage: int(sum(acts[(stage, t)] for t in touch[touch["stage"] == stage]["text"]))
        for stage in m.stages
    }
    assert got.sum(axis=1).to_dict() == expected
    assert got.loc[first["stage"], "Web"] == acts[(first["stage"], first["text"])]
    # A card that names no activity counts no events.
    m.add_card(first["stage"], "Pain points", "Slow page", channel="Web")
    assert m.channel_matrix(events=a).equals(got)
    assert m.channel_matrix().loc[first["stage"], "Web"] == 2


def test_bad_input_is_a_journey_error_naming_it() -> None:
    m = small()
    with pytest.raises(
        jw.JourneyError, match=r"events takes the jw\.analytics\.analyze result.*got dict"
    ):
        m.channel_matrix(events={})
    with pytest.raises(jw.JourneyError, match=r"lanes has 'Emotions', not a lane of the map"):
        m.channel_matrix(lanes=["Emotions"])
    args = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
    a = jw.analytics.analyze(sample_events(20, seed=1), **args, stage_of=SAMPLE_STAGES)
    with pytest.raises(jw.JourneyError, match="no card of the map names an activity"):
        m.channel_matrix(events=a)


def test_a_segmented_analysis_counts_the_same_events() -> None:
    """``analyze(..., by=)`` has one activities row per segment: they are summed."""
    args = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
    log = sample_events(60, seed=4)
    a = jw.analytics.analyze(log, **args, stage_of=SAMPLE_STAGES)
    by_outcome = jw.analytics.analyze(log, **args, stage_of=SAMPLE_STAGES, by="outcome")
    m = jw.JourneyMap.from_events(a)
    assert m.channel_matrix(events=by_outcome).equals(m.channel_matrix(events=a))
