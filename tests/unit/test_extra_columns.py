"""The analyst's own columns (int, datetime, string) are carried through every edit untouched.

DESIGN.md 1: "anything else | as given".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from journey_helpers import EXTRA_COLUMNS, LANES, STAGES

import journey_widget as jw


def extras(m: jw.JourneyMap, ids: list[str] | None = None) -> pd.DataFrame:
    data = m.data.set_index("id")[EXTRA_COLUMNS]
    return data if ids is None else data.loc[ids]


def assert_extras_untouched(m: jw.JourneyMap, before: pd.DataFrame, ids=None) -> None:
    now = extras(m, ids if ids is not None else list(before.index))
    assert dict(now.dtypes) == dict(before.dtypes)
    assert now.equals(before)


def test_extras_keep_their_dtypes_and_order(widget, cards):
    data = widget.data
    assert list(data.columns[6:]) == EXTRA_COLUMNS
    for column in EXTRA_COLUMNS:
        assert data[column].dtype == cards[column].dtype, column
        assert list(data[column]) == list(cards[column])


def test_text_and_score_edits_leave_extras_untouched(widget):
    before = extras(widget)
    widget.edit_card("c06", "text", "Adds trail shoes")
    widget.edit_card("c10", "score", -2)
    widget.edit_card("c10", "score", None)
    assert_extras_untouched(widget, before)


def test_editing_an_extra_column_changes_that_cell_only(widget):
    before = extras(widget)
    widget.edit_card("c11", "n_tickets", 40)
    widget.edit_card("c11", "first_seen", pd.Timestamp("2024-02-28"))
    widget.edit_card("c11", "source", "call centre")
    now = extras(widget)
    assert now.loc["c11"].tolist() == [40, pd.Timestamp("2024-02-28"), "call centre"]
    assert dict(now.dtypes) == dict(before.dtypes)
    assert now.drop(index="c11").equals(before.drop(index="c11"))


def test_extra_column_edit_with_wrong_type_is_refused_naming_column_and_value(widget):
    before = widget.data
    with pytest.raises(jw.JourneyError) as info:
        widget.edit_card("c11", "n_tickets", "dozens")
    assert "'n_tickets'" in str(info.value) and "'dozens'" in str(info.value)
    assert widget.data.equals(before)


def test_add_then_undo_leaves_extras_exactly(widget):
    before = widget.data
    widget.add_card("Cart", "Actions", "Removes an item", index=1)
    widget.undo()
    assert widget.data.equals(before)
    assert dict(widget.data.dtypes) == dict(before.dtypes)


def test_adding_a_card_keeps_the_other_cards_int_values_ints(widget):
    # The new card has no n_tickets; the 21 existing cards' counts must stay integers
    # (pandas' nullable Int64 would hold the gap; a float64 upcast changes every value).
    widget.add_card("Cart", "Actions", "Removes an item")
    column = widget.data["n_tickets"]
    assert pd.api.types.is_integer_dtype(column.dtype), column.dtype
    assert column.isna().sum() == 1
    assert list(column.dropna()) == [
        3,
        5,
        0,
        2,
        4,
        1,
        12,
        6,
        0,
        7,
        31,
        0,
        2,
        9,
        4,
        44,
        58,
        0,
        3,
        1,
        17,
    ]


@pytest.mark.parametrize(
    "values, check",
    [
        (np.array([True, False, True] * 7), pd.api.types.is_bool_dtype),
        (np.arange(21, dtype="uint8"), pd.api.types.is_unsigned_integer_dtype),
        (np.arange(21, dtype="int32"), pd.api.types.is_integer_dtype),
    ],
    ids=["bool", "uint8", "int32"],
)
def test_adding_a_card_keeps_other_narrow_columns_values(cards, values, check):
    cards["extra"] = values
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    m.add_card("Cart", "Actions", "Removes an item")
    column = m.data["extra"]
    assert check(column.dtype), column.dtype
    assert column.isna().sum() == 1
    assert list(column.dropna()) == list(values)


def test_adding_a_card_with_extra_values_keeps_dtypes(widget):
    before = extras(widget)
    card = widget.add_card(
        "Cart",
        "Actions",
        "Removes an item",
        n_tickets=2,
        first_seen=pd.Timestamp("2024-05-01"),
        source="survey",
    )
    assert_extras_untouched(widget, before)
    assert extras(widget).loc[card].tolist() == [2, pd.Timestamp("2024-05-01"), "survey"]


def test_moving_a_card_carries_its_extras(widget):
    before = extras(widget)
    widget.move_card("c16", stage="Delivery", step=None, index=0)
    widget.move_card("c07", index=0)
    widget.move_card("c03", stage="Checkout", step="Payment", lane="Emotions")
    assert_extras_untouched(widget, before)


def test_delete_then_undo_restores_extras(widget):
    before = widget.data
    widget.delete_card("c11")
    assert "c11" not in set(widget.data["id"])
    widget.undo()
    assert widget.data.equals(before) and dict(widget.data.dtypes) == dict(before.dtypes)


def test_structure_edits_leave_extras_untouched(widget):
    before = extras(widget)
    widget.rename_stage("Cart", "Basket")
    widget.rename_lane("Pain points", "Frictions")
    widget.rename_step("Checkout", "Payment", "Pay")
    widget.move_stage("Delivery", 0)
    widget.add_lane("Thoughts", index=1)
    assert_extras_untouched(widget, before)


def test_remove_stage_with_cards_then_undo_restores_extras(widget):
    before = widget.data
    widget.remove_stage("Cart", drop_cards=True)
    widget.undo()
    assert widget.data.equals(before) and dict(widget.data.dtypes) == dict(before.dtypes)


def test_data_assignment_keeps_new_extras(widget, cards):
    cards["nps"] = np.arange(len(cards), dtype="int32")
    widget.data = cards
    assert widget.data["nps"].dtype == np.int32
    assert list(widget.data.columns[6:]) == [*EXTRA_COLUMNS, "nps"]


def test_optional_columns_come_before_extras_and_keep_values(cards):
    cards["severity"] = [3] * len(cards)
    cards["channel"] = "web"
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    assert list(m.data.columns) == [
        "id",
        "stage",
        "step",
        "lane",
        "text",
        "score",
        "channel",
        "severity",
        *EXTRA_COLUMNS,
    ]
