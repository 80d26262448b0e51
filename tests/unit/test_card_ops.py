"""Card operations of the pure model (EditCard, AddCard, DeleteCard, MoveCard).

Each does what it says, and its inverse restores the exact previous state (rows, order,
dtypes).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from journey_helpers import (
    assert_same_state,
    cell_ids,
    snapshot,
)
from op_helpers import apply_and_check_inverse, card, new_card

import journey_widget as jw
from journey_widget.model import Change
from journey_widget.model.ops import (
    AddCard,
    DeleteCard,
    EditCard,
    MoveCard,
)


# ---- EditCard ----------------------------------------------------------------------------------
def test_edit_text(journey):
    applied, after = apply_and_check_inverse(journey, EditCard("c06", "text", "Adds trail shoes"))
    assert card(journey, "c06")["text"] == "Adds trail shoes"
    assert applied.changes == [
        Change("edit", "c06", "text", "Adds shoes to cart", "Adds trail shoes")
    ]
    assert list(after.table["id"]) == [f"c{i:02d}" for i in range(1, 22)]


def test_edit_text_touches_only_that_cell(journey):
    before = journey.table.copy()
    journey.apply(EditCard("c06", "text", "Adds trail shoes"))
    diff = journey.table.ne(before) & ~(journey.table.isna() & before.isna())
    assert diff.to_numpy().sum() == 1
    assert bool(diff.at[5, "text"])


@pytest.mark.parametrize(
    "value, stored", [(-2, -2.0), (0.5, 0.5), (2, 2.0), (None, None), (float("nan"), None)]
)
def test_edit_score_on_emotion_lane(journey, value, stored):
    applied, _ = apply_and_check_inverse(journey, EditCard("c10", "score", value))
    assert card(journey, "c10")["score"] == stored
    assert applied.changes[0].old == -1.0 and applied.changes[0].new == stored


@pytest.mark.parametrize("value", [2.01, -2.5, 10])
def test_edit_score_outside_scale_is_refused(journey, value):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(EditCard("c10", "score", value))
    assert f"{value:g}" in str(info.value) and "-2..2" in str(info.value)
    assert_same_state(journey, before)


def test_edit_score_outside_scale_on_text_lane(journey):
    apply_and_check_inverse(journey, EditCard("c17", "score", 58))
    assert card(journey, "c17")["score"] == 58.0


@pytest.mark.parametrize(
    "field, value",
    [
        ("n_tickets", 40),
        ("first_seen", pd.Timestamp("2024-04-01")),
        ("source", "call centre"),
        ("first_seen", None),
        ("source", None),
    ],
)
def test_edit_analyst_column(journey, field, value):
    dtypes = dict(journey.table.dtypes)
    apply_and_check_inverse(journey, EditCard("c11", field, value))
    stored = card(journey, "c11")[field]
    assert stored == value if value is not None else stored is None
    assert dict(journey.table.dtypes) == dtypes


def test_edit_int_analyst_column_to_missing_is_undone_exactly(journey):
    # Clearing an int64 cell needs a float column; the inverse must give back int64.
    apply_and_check_inverse(journey, EditCard("c11", "n_tickets", None))


def test_edit_creates_an_optional_column_and_inverse_drops_it(journey):
    applied, after = apply_and_check_inverse(journey, EditCard("c17", "channel", "web"))
    assert "channel" in after.table.columns
    assert after.table.loc[16, "channel"] == "web"
    assert after.table["channel"].drop(index=16).isna().all()
    assert applied.changes == [Change("edit", "c17", "channel", None, "web")]


def test_a_created_optional_column_takes_its_canonical_place(journey):
    # cards.py: core columns, then optional columns in OPTIONAL_COLUMNS order, then the
    # analyst's own. A table built from the same data (e.g. loaded from JSON) has this order.
    journey.apply(EditCard("c17", "severity", 4))
    journey.apply(EditCard("c17", "channel", "web"))
    assert list(journey.table.columns) == [
        "id",
        "stage",
        "step",
        "lane",
        "text",
        "score",
        "channel",
        "severity",
        "n_tickets",
        "first_seen",
        "source",
    ]


@pytest.mark.parametrize(
    "field, value",
    [
        ("stage", "Cart"),
        ("lane", "Actions"),
        ("step", "Search"),
        ("id", "c99"),
        ("colour", "red"),
        ("text", None),
        ("text", 3),
        ("score", "high"),
        ("score", True),
        ("confidence", "certain"),
        ("severity", 0),
        ("severity", 6),
        ("n_tickets", "lots"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(journey, field, value):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(EditCard("c06", field, value))
    assert repr(field) in str(info.value) or field == "id"
    assert_same_state(journey, before)


def test_edit_of_unknown_card_is_refused(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'c99'"):
        journey.apply(EditCard("c99", "text", "x"))
    assert_same_state(journey, before)


@pytest.mark.parametrize("value", [np.int64(1), np.float32(1.5), np.float64(-1.0)])
def test_numpy_scalar_scores_are_accepted(journey, value):
    # Scores often come straight out of another DataFrame: numpy scalars are numbers too.
    journey.apply(EditCard("c10", "score", value))
    assert card(journey, "c10")["score"] == float(value)


def test_numpy_integer_severity_is_accepted(journey):
    journey.apply(EditCard("c17", "severity", np.int64(4)))
    assert card(journey, "c17")["severity"] == 4


# ---- AddCard -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "index, expected",
    [
        (0, ["n1", "c06", "c07", "c08"]),
        (1, ["c06", "n1", "c07", "c08"]),
        (2, ["c06", "c07", "n1", "c08"]),
        (3, ["c06", "c07", "c08", "n1"]),
        (None, ["c06", "c07", "c08", "n1"]),
        (50, ["c06", "c07", "c08", "n1"]),
    ],
)
def test_add_card_at_index(journey, index, expected):
    applied, after = apply_and_check_inverse(journey, AddCard(new_card(), index))
    assert cell_ids(after.table, "Cart", None, "Actions") == expected
    assert len(after.table) == 22
    assert applied.changes[0].kind == "add" and applied.changes[0].id == "n1"
    assert applied.changes[0].new["text"] == "Removes an item"


def test_add_card_keeps_other_cells_in_place(journey):
    before = list(journey.table["id"])
    journey.apply(AddCard(new_card(), 1))
    assert [i for i in journey.table["id"] if i != "n1"] == before


def test_add_card_to_empty_cell(journey):
    _, after = apply_and_check_inverse(
        journey, AddCard(new_card(stage="Delivery", lane="Opportunities"), 0)
    )
    assert cell_ids(after.table, "Delivery", None, "Opportunities") == ["n1"]


def test_add_card_to_a_step(journey):
    _, after = apply_and_check_inverse(
        journey, AddCard(new_card(stage="Checkout", step="Address", lane="Emotions", score=0), 0)
    )
    assert cell_ids(after.table, "Checkout", "Address", "Emotions") == ["n1"]
    assert card(journey, "n1")["score"] == 0


def test_add_card_with_analyst_values(journey):
    fields = {"n_tickets": 2, "first_seen": pd.Timestamp("2024-05-01"), "source": "survey"}
    _, after = apply_and_check_inverse(journey, AddCard(new_card(**fields)))
    added = card(journey, "n1")
    assert {k: added[k] for k in fields} == fields
    assert after.table["n_tickets"].dtype == np.int64


def test_add_card_with_optional_column_of_the_map(journey):
    journey.apply(EditCard("c17", "severity", 4))
    apply_and_check_inverse(journey, AddCard(new_card(severity=2)))
    assert card(journey, "n1")["severity"] == 2


@pytest.mark.parametrize(
    "fields, needle",
    [
        ({"id": "c06"}, "'c06'"),
        ({"id": ""}, "id"),
        ({"stage": "Returns"}, "'Returns'"),
        ({"lane": "Thoughts"}, "'Thoughts'"),
        ({"step": "Search"}, "'Search'"),
        ({"lane": "Emotions", "score": 3}, "-2..2"),
        ({"score": "high"}, "'high'"),
        ({"text": 7}, "7"),
        ({"colour": "red"}, "'colour'"),
    ],
)
def test_bad_add_is_refused_and_changes_nothing(journey, fields, needle):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError) as info:
        journey.apply(AddCard(new_card(**fields)))
    assert needle in str(info.value)
    assert_same_state(journey, before)


def test_add_with_bad_optional_value_is_refused(journey):
    journey.apply(EditCard("c17", "confidence", "observed"))
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'certain'"):
        journey.apply(AddCard(new_card(confidence="certain")))
    assert_same_state(journey, before)


def test_add_card_with_optional_column_the_map_lacks(journey):
    # Editing a card may create an optional column (channel, severity, ...); adding a card
    # with one should too, and its inverse should take the column away again.
    _, after = apply_and_check_inverse(journey, AddCard(new_card(severity=4, channel="web")))
    assert card(journey, "n1")["severity"] == 4 and card(journey, "n1")["channel"] == "web"
    assert {"severity", "channel"} <= set(after.table.columns)


def test_add_with_negative_index_is_refused(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(AddCard(new_card(), -1))
    assert_same_state(journey, before)


# ---- DeleteCard --------------------------------------------------------------------------------
@pytest.mark.parametrize("card_id", ["c01", "c07", "c10", "c21"])
def test_delete_card(journey, card_id):
    old = card(journey, card_id)
    applied, after = apply_and_check_inverse(journey, DeleteCard(card_id))
    assert card_id not in set(after.table["id"])
    assert len(after.table) == 20
    assert applied.changes[0].kind == "delete" and applied.changes[0].old["text"] == old["text"]


def test_delete_unknown_card(journey):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="'zz'"):
        journey.apply(DeleteCard("zz"))
    assert_same_state(journey, before)


def test_delete_last_card_and_undo(journey):
    ops = [DeleteCard(i) for i in journey.table["id"]]
    before = snapshot(journey)
    inverses = [journey.apply(op).inverse for op in ops]
    assert len(journey.table) == 0
    for inverse in reversed(inverses):
        journey.apply(inverse)
    assert_same_state(journey, before)


# ---- MoveCard ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "card_id, index, expected",
    [
        ("c06", 0, ["c06", "c07", "c08"]),
        ("c06", 1, ["c07", "c06", "c08"]),
        ("c06", 2, ["c07", "c08", "c06"]),
        ("c06", None, ["c07", "c08", "c06"]),
        ("c08", 0, ["c08", "c06", "c07"]),
        ("c08", 1, ["c06", "c08", "c07"]),
        ("c07", 0, ["c07", "c06", "c08"]),
    ],
)
def test_move_within_cell(journey, card_id, index, expected):
    _, after = apply_and_check_inverse(journey, MoveCard(card_id, "Cart", None, "Actions", index))
    assert cell_ids(after.table, "Cart", None, "Actions") == expected
    assert len(after.table) == 21


@pytest.mark.parametrize(
    "index, expected",
    [
        (0, ["c06", "c14"]),
        (1, ["c14", "c06"]),
        (None, ["c14", "c06"]),
    ],
)
def test_move_across_cells_into_a_step(journey, index, expected):
    applied, after = apply_and_check_inverse(
        journey, MoveCard("c06", "Checkout", "Payment", "Actions", index)
    )
    assert cell_ids(after.table, "Checkout", "Payment", "Actions") == expected
    assert cell_ids(after.table, "Cart", None, "Actions") == ["c07", "c08"]
    moved = card(journey, "c06")
    assert (moved["stage"], moved["step"], moved["lane"]) == ("Checkout", "Payment", "Actions")
    change = applied.changes[0]
    assert change.kind == "move" and change.id == "c06" and change.field == "position"
    assert change.old == {"stage": "Cart", "step": None, "lane": "Actions", "index": 0}
    assert change.new == {
        "stage": "Checkout",
        "step": "Payment",
        "lane": "Actions",
        "index": expected.index("c06"),
    }


def test_move_out_of_a_step(journey):
    _, after = apply_and_check_inverse(journey, MoveCard("c03", "Delivery", None, "Emotions", 0))
    assert cell_ids(after.table, "Delivery", None, "Emotions") == ["c03", "c20"]
    assert pd.isna(card(journey, "c03")["step"])


def test_move_keeps_the_cards_other_columns(journey):
    old = card(journey, "c16")
    journey.apply(MoveCard("c16", "Delivery", None, "Emotions", 0))
    new = card(journey, "c16")
    for column in ("id", "text", "score", "n_tickets", "first_seen", "source"):
        assert new[column] == old[column]


def test_move_scored_card_onto_text_lane(journey):
    apply_and_check_inverse(journey, MoveCard("c10", "Cart", None, "Pain points", 0))
    assert card(journey, "c10")["score"] == -1


def test_move_out_of_scale_score_onto_emotion_lane_is_refused(journey):
    journey.apply(EditCard("c17", "score", 58))
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError, match="58"):
        journey.apply(MoveCard("c17", "Checkout", "Payment", "Emotions"))
    assert_same_state(journey, before)


@pytest.mark.parametrize(
    "target",
    [
        ("Returns", None, "Actions", None),
        ("Cart", None, "Thoughts", None),
        ("Cart", "Search", "Actions", None),
        ("Cart", None, "Actions", -1),
        ("Browse", "Search", "Actions", -3),
    ],
    ids=["stage", "lane", "step", "index-1", "index-3"],
)
def test_bad_move_is_refused_and_changes_nothing(journey, target):
    before = snapshot(journey)
    with pytest.raises(jw.JourneyError):
        journey.apply(MoveCard("c07", *target))
    assert_same_state(journey, before)
