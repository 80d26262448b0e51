"""Current versus future: card changes matched by id, and the emotion change per stage."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.practice.diff import DIFF_COLUMNS

STAGES = ["Browse", "Cart", "Pay"]
LANES = ["Actions", "Emotions", "Pain points", "Opportunities"]
STEPS = [{"name": "Browse"}, {"name": "Cart"}, {"name": "Pay", "steps": ["Card", "Confirm"]}]


def current() -> jw.JourneyMap:
    cards = pd.DataFrame(
        [
            # id,   stage,    step,     lane,            text,                   score, owner, src
            ("same", "Browse", None, "Actions", "Searches for shoes", None, None, "int-1"),
            ("reord", "Browse", None, "Actions", "Filters by size", None, None, "int-1"),
            ("gone", "Browse", None, "Pain points", "Filters reset", None, None, "int-2"),
            ("lane", "Cart", None, "Pain points", "Wants a size guide", None, None, "int-3"),
            ("step", "Pay", "Card", "Actions", "Confirms the order", None, None, "int-3"),
            ("both", "Pay", "Card", "Pain points", "Card declined", None, None, "tickets"),
            ("text", "Cart", None, "Actions", "Adds to cart", None, None, "analytics"),
            ("score", "Cart", None, "Emotions", "Unsure", -1.0, None, "survey"),
            ("mine", "Pay", "Card", "Emotions", "Frustrated", -2.0, None, "survey"),
        ],
        columns=["id", "stage", "step", "lane", "text", "score", "owner", "source"],
    )
    return jw.JourneyMap(cards, stages=STEPS, lanes=LANES, title="Checkout")


def future_of(m: jw.JourneyMap) -> jw.JourneyMap:
    f = m.copy(state="future")
    f.move_card("reord", index=0)  # reorder in a cell: no change
    f.delete_card("gone")  # removed
    f.move_card("lane", lane="Opportunities")  # moved: other lane
    f.move_card("step", step="Confirm")  # moved: other step
    f.move_card("both", stage="Cart", step=None)  # moved and edited
    f.edit_card("both", "text", "Card declines explained")
    f.edit_card("text", "text", "Adds to cart in one tap")  # edited: text
    f.edit_card("score", "score", 1)  # edited: score
    f.edit_card("mine", "source", "interview 4")  # edited: analyst's column
    f.add_card("Pay", "Opportunities", "Offer a wallet", step="Card", owner="Payments")  # added
    return f


def test_every_change_kind_on_a_hand_made_pair():
    before = current()
    after = future_of(before)
    table = jw.diff(before, after)
    assert list(table.columns) == list(DIFF_COLUMNS)
    rows = {r["id"]: r for r in table.to_dict("records")}
    added = next(i for i in rows if i not in {c for c in before.data["id"]})
    assert {i: r["change"] for i, r in rows.items()} == {
        "lane": "moved",
        "step": "moved",
        "both": "moved",
        "text": "edited",
        "score": "edited",
        "mine": "edited",
        added: "added",
        "gone": "removed",
    }
    assert rows["lane"]["lane_before"] == "Pain points"
    assert rows["lane"]["lane_after"] == "Opportunities"
    assert (rows["step"]["step_before"], rows["step"]["step_after"]) == ("Card", "Confirm")
    both = rows["both"]
    assert (both["stage_before"], both["step_before"], both["stage_after"], both["step_after"]) == (
        "Pay",
        "Card",
        "Cart",
        None,
    )
    assert (both["text_before"], both["text_after"]) == ("Card declined", "Card declines explained")
    assert both["fields"] == "text"
    assert rows["text"]["fields"] == "text" and rows["score"]["fields"] == "score"
    assert rows["mine"]["fields"] == "source"
    assert rows["mine"]["text_before"] == rows["mine"]["text_after"] == "Frustrated"
    new = rows[added]
    assert new["stage_before"] is None and new["text_before"] is None
    assert (new["stage_after"], new["step_after"], new["lane_after"], new["text_after"]) == (
        "Pay",
        "Card",
        "Opportunities",
        "Offer a wallet",
    )
    gone = rows["gone"]
    assert (gone["stage_before"], gone["lane_before"], gone["text_before"]) == (
        "Browse",
        "Pain points",
        "Filters reset",
    )
    assert gone["stage_after"] is None and gone["fields"] == ""
    assert table["id"].iloc[-1] == "gone"  # removed cards come last


def test_a_column_only_one_map_has_counts_as_an_edit_where_it_holds_a_value():
    before = current()
    after = before.copy()
    after.edit_card("same", "confidence", "observed")  # creates the column in ``after`` only
    table = jw.diff(before, after)
    assert table[["id", "change", "fields"]].values.tolist() == [["same", "edited", "confidence"]]
    assert jw.diff(after, before)["fields"].tolist() == ["confidence"]


def test_identical_maps_have_no_changes():
    m = checkout_map()
    table = jw.diff(m, m.copy(state="future", title="Other"))
    assert table.empty and list(table.columns) == list(DIFF_COLUMNS)


def test_diff_takes_maps_journeys_and_frames():
    before, after = current(), future_of(current())
    a = jw.diff(before, after)
    b = jw.diff(before.journey, after.data)
    assert a["change"].tolist() == b["change"].tolist()
    with pytest.raises(jw.JourneyError, match="after must be a JourneyMap"):
        jw.diff(before, "future.json")


# ---- emotion change per stage -------------------------------------------------------------------
def test_emotion_change_per_stage():
    before = current()
    after = future_of(before)
    table = jw.emotion_change(before, after)
    assert list(table.columns) == ["stage", "before", "after", "change"]
    assert table["stage"].tolist() == STAGES
    rows = table.set_index("stage")
    assert rows.loc["Cart"].tolist() == [-1.0, 1.0, 2.0]
    assert rows.loc["Pay"].tolist() == [-2.0, -2.0, 0.0]
    assert rows.loc["Browse"].isna().all()


def test_emotion_change_maps_another_scale_onto_the_first_and_lists_new_stages():
    before = jw.JourneyMap(
        pd.DataFrame({"stage": ["Cart"], "lane": ["Emotions"], "text": ["Unsure"], "score": [-1]})
    )
    after = jw.JourneyMap(
        pd.DataFrame(
            {
                "stage": ["Cart", "Return"],
                "lane": ["Emotions", "Emotions"],
                "text": ["Fine", "Easy"],
                "score": [4, 5],
            }
        ),
        scale=(1, 5),
    )
    table = jw.emotion_change(before, after).set_index("stage")
    assert table.index.tolist() == ["Cart", "Return"]
    assert table.loc["Cart"].tolist() == [-1.0, 1.0, 2.0]  # 4 on 1..5 is 1 on -2..2
    assert math.isnan(table.loc["Return", "before"]) and table.loc["Return", "after"] == 2.0


def test_emotion_change_per_persona():
    cards = pd.DataFrame(
        {
            "stage": ["Cart", "Cart", "Pay", "Pay"],
            "lane": ["Emotions"] * 4,
            "text": ["a", "b", "c", "d"],
            "score": [-1, 1, -2, 0],
            "persona": ["Ana", "Ben", "Ana", None],
        }
    )
    before = jw.JourneyMap(cards)
    after = before.copy()
    after.data = cards.assign(score=[0, 1, 2, 0])
    table = jw.emotion_change(before, after)
    assert list(table.columns) == ["stage", "persona", "before", "after", "change"]
    assert table[["stage", "persona", "change"]].values.tolist() == [
        ["Cart", "Ana", 1.0],
        ["Cart", "Ben", 0.0],
        ["Pay", "Ana", 4.0],
        ["Pay", None, 0.0],
    ]
