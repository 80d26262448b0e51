"""Round trips: m.to_json() / JourneyMap.from_json, m.save / jw.load (.journey.json and .csv)."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from journey_helpers import EXTRA_COLUMNS, LANES, PERSONA, STAGES, TITLE, checkout_map

import journey_widget as jw

TRICKY_TEXTS = [
    "<script>alert(1)</script>",
    "NA",
    "null",
    "",
    "None",
    "nan",
    "N/A",
    "NaN",
    "#N/A",
    "-",
    "0",
    "True",
    "  leading and trailing  ",
    'Line one\nline two, with "quotes"',
    "Café ☕ 東京 — naïve",
    "a,b;c\td",
]


def tricky_map(cards: pd.DataFrame) -> jw.JourneyMap:
    for row, text in enumerate(TRICKY_TEXTS):
        cards.loc[row, "text"] = text
    return jw.JourneyMap(cards, stages=STAGES, lanes=LANES, title=TITLE, persona=PERSONA)


def assert_same_map(a: jw.JourneyMap, b: jw.JourneyMap) -> None:
    assert list(b.data.columns) == list(a.data.columns)
    assert dict(b.data.dtypes) == dict(a.data.dtypes)
    assert b.data.equals(a.data)
    assert b.structure == a.structure
    assert b.cards == a.cards


# ---- JSON ------------------------------------------------------------------------------------
def test_json_round_trip_is_exact(widget):
    back = jw.JourneyMap.from_json(widget.to_json())
    assert_same_map(widget, back)


def test_json_document_is_versioned_and_holds_metadata(widget):
    doc = json.loads(widget.to_json())
    assert doc["format"] == "journey-map" and doc["version"] == 1
    assert doc["title"] == TITLE and doc["persona"]["name"] == PERSONA["name"]
    assert [s["name"] for s in doc["stages"]] == STAGES
    assert doc["stages"][0]["steps"] == ["Search", "Compare"]
    assert [x["kind"] for x in doc["lanes"]] == ["text", "text", "emotion", "text", "text"]
    assert len(doc["cards"]) == 21


def test_json_round_trip_keeps_metadata():
    m = jw.JourneyMap(
        None,
        stages=[{"name": "Browse", "steps": ["Search"], "description": "d"}, "Cart"],
        lanes=["Actions", {"name": "Conversion", "kind": "metric"}],
        scale={"min": 1, "max": 7, "step": 0.5},
        title="Future checkout",
        persona=PERSONA,
        state="future",
    )
    back = jw.JourneyMap.from_json(m.to_json())
    assert back.structure == m.structure
    assert back.structure["scale"] == {"min": 1, "max": 7, "step": 0.5}
    assert back.structure["stages"][0]["description"] == "d"
    assert back.lane_kind("Conversion") == "metric"


def test_json_round_trip_keeps_analyst_columns(widget, cards):
    back = jw.JourneyMap.from_json(widget.to_json())
    for column in EXTRA_COLUMNS:
        assert back.data[column].dtype == cards[column].dtype, column
        assert list(back.data[column]) == list(cards[column])


def test_json_round_trip_after_edits(widget):
    widget.add_card("Cart", "Emotions", "Relieved by free returns", score=1.5, index=0)
    widget.edit_card("c11", "severity", 4)
    widget.edit_card("c17", "tags", ["payments", "mobile"])
    widget.edit_card("c12", "first_seen", None)
    widget.move_card("c07", stage="Checkout", step="Payment", index=0)
    widget.rename_lane("Pain points", "Frictions")
    back = jw.JourneyMap.from_json(widget.to_json())
    assert_same_map(widget, back)


@pytest.mark.parametrize("score", [0.1 + 0.2, 1234.56789012345, 1 / 3, 1e-12, 123456789.125])
def test_json_keeps_scores_to_full_precision(cards, score):
    lanes = [{"name": "Actions", "kind": "metric"}, *LANES[1:]]
    m = jw.JourneyMap(cards, stages=STAGES, lanes=lanes)
    m.edit_card("c06", "score", score)
    back = jw.JourneyMap.from_json(m.to_json())
    assert back.data["score"][5] == score


def test_json_keeps_float_analyst_columns_to_full_precision(cards):
    cards["conversion"] = cards["n_tickets"] / 7
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    back = jw.JourneyMap.from_json(m.to_json())
    assert list(back.data["conversion"]) == list(cards["conversion"])


ANALYST_DTYPES = {
    "ordered-category": lambda n: pd.Categorical(
        ["new", "vip", "new"] * (n // 3), categories=["new", "returning", "vip"], ordered=True
    ),
    "nullable-int": lambda n: pd.array([1, None, 3] * (n // 3), dtype="Int64"),
    "nullable-bool": lambda n: pd.array([True, None, False] * (n // 3), dtype="boolean"),
    "bool": lambda n: [True, False, True] * (n // 3),
    "float32": lambda n: pd.array([0.5, 1.25, 2.0] * (n // 3), dtype="float32"),
    "int32": lambda n: pd.array(range(n), dtype="int32"),
    "uint8": lambda n: pd.array(range(n), dtype="uint8"),
    "tz-datetime": lambda n: pd.date_range(
        "2024-03-01 09:00", periods=n, freq="h", tz="Europe/Paris"
    ),
    "timedelta": lambda n: pd.to_timedelta(range(n), unit="min"),
    "datetime-with-NaT": lambda n: pd.to_datetime(["2024-03-01", None, "2024-03-03"] * (n // 3)),
}


@pytest.mark.parametrize("kind", sorted(ANALYST_DTYPES))
def test_json_keeps_analyst_columns_of_any_dtype(cards, kind):
    cards["extra"] = ANALYST_DTYPES[kind](len(cards))
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    back = jw.JourneyMap.from_json(m.to_json())
    assert back.data["extra"].dtype == m.data["extra"].dtype
    assert back.data["extra"].equals(m.data["extra"])


def test_json_keeps_tricky_text_literally(cards):
    m = tricky_map(cards)
    back = jw.JourneyMap.from_json(m.to_json())
    assert list(back.data["text"][: len(TRICKY_TEXTS)]) == TRICKY_TEXTS
    assert_same_map(m, back)


def test_json_of_an_empty_map(tmp_path):
    m = jw.JourneyMap(None, stages=STAGES, lanes=LANES)
    assert_same_map(m, jw.JourneyMap.from_json(m.to_json()))
    m.save(tmp_path / "empty.journey.json")
    assert_same_map(m, jw.load(tmp_path / "empty.journey.json"))


def test_from_json_accepts_bytes(widget):
    assert_same_map(widget, jw.JourneyMap.from_json(widget.to_json().encode("utf-8")))


@pytest.mark.parametrize(
    "text, needle",
    [
        ("not json at all", "JSON"),
        ("[1, 2]", "journey-map"),
        (json.dumps({"format": "something-else", "version": 1}), "journey-map"),
        (json.dumps({"format": "journey-map", "version": 99}), "99"),
        (
            json.dumps(
                {
                    "format": "journey-map",
                    "version": 1,
                    "stages": ["Browse"],
                    "lanes": ["A"],
                    "cards": [{"stage": "Returns", "lane": "A", "text": "x"}],
                }
            ),
            "'Returns'",
        ),
    ],
)
def test_from_json_rejects_bad_documents(text, needle):
    with pytest.raises(jw.JourneyError, match=needle):
        jw.JourneyMap.from_json(text)


def test_load_names_the_file_in_errors(tmp_path):
    path = tmp_path / "broken.journey.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(jw.JourneyError, match=re.escape("broken.journey.json")):
        jw.load(path)


# ---- save / load -------------------------------------------------------------------------------
def test_save_and_load_journey_json(widget, tmp_path):
    path = tmp_path / "checkout.journey.json"
    widget.save(path)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "journey-map"
    assert_same_map(widget, jw.load(path))
    assert_same_map(widget, jw.load(str(path)))


def test_save_and_load_tricky_text_json(cards, tmp_path):
    m = tricky_map(cards)
    m.save(tmp_path / "tricky.journey.json")
    back = jw.load(tmp_path / "tricky.journey.json")
    assert list(back.data["text"][: len(TRICKY_TEXTS)]) == TRICKY_TEXTS


def csv_round_trip(m: jw.JourneyMap, tmp_path) -> jw.JourneyMap:
    path = tmp_path / "checkout.csv"
    m.save(path)
    return jw.load(path)


def test_csv_round_trip_keeps_the_cards(widget, tmp_path):
    back = csv_round_trip(widget, tmp_path)
    core = ["id", "stage", "step", "lane", "text", "score"]
    assert back.data[core].equals(widget.data[core])
    assert back.stages == widget.stages and back.lanes == widget.lanes
    assert back.journey.stage("Browse").steps == ("Search", "Compare")
    assert back.lane_kind("Emotions") == "emotion"


def test_csv_keeps_tricky_text_literally(cards, tmp_path):
    back = csv_round_trip(tricky_map(cards), tmp_path)
    assert list(back.data["text"][: len(TRICKY_TEXTS)]) == TRICKY_TEXTS


def test_csv_keeps_int_and_string_analyst_columns(widget, tmp_path):
    back = csv_round_trip(widget, tmp_path)
    for column in ("n_tickets", "source"):
        assert back.data[column].dtype == widget.data[column].dtype, column
        assert back.data[column].equals(widget.data[column]), column


def test_csv_keeps_the_datetime_analyst_column(widget, tmp_path):
    back = csv_round_trip(widget, tmp_path)
    assert back.data["first_seen"].dtype.kind == "M", back.data["first_seen"].dtype
    assert list(back.data["first_seen"]) == list(widget.data["first_seen"])


def test_csv_keeps_na_like_strings_in_analyst_columns(widget, tmp_path):
    widget.edit_card("c11", "source", "NA")  # e.g. the "North America" support queue
    widget.edit_card("c12", "source", "")
    back = csv_round_trip(widget, tmp_path)
    assert back.data["source"][10] == "NA"


def test_csv_keeps_ids_that_look_missing(cards, tmp_path):
    cards.loc[0, "id"], cards.loc[1, "id"] = "NA", "null"
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES)
    back = csv_round_trip(m, tmp_path)
    assert list(back.data["id"]) == list(m.data["id"])


def test_csv_of_a_map_on_a_wider_scale_loads_again(cards, tmp_path):
    cards.loc[9, "score"] = 3  # c10 on the Emotions lane, map scale -3..3
    m = jw.JourneyMap(cards, stages=STAGES, lanes=LANES, scale=(-3, 3))
    back = csv_round_trip(m, tmp_path)
    assert back.data["score"][9] == 3


def test_csv_with_a_missing_lane_names_the_column_and_row(cards, tmp_path):
    cards.loc[4, "lane"] = None
    cards.to_csv(tmp_path / "cards.csv", index=False)
    with pytest.raises(jw.JourneyError) as info:
        jw.load(tmp_path / "cards.csv")
    assert "'lane'" in str(info.value) and "row 4" in str(info.value)


def test_to_csv_text_has_a_header_and_one_line_per_card(widget):
    text = widget.to_csv()
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(frame.columns) == list(widget.data.columns)
    assert list(frame["id"]) == list(widget.data["id"])


def test_from_csv_with_order_and_metadata(cards, tmp_path):
    path = tmp_path / "cards.csv"
    cards.sample(frac=1, random_state=1).to_csv(path, index=False)
    m = jw.JourneyMap.from_csv(path, stages=STAGES, lanes=LANES, title=TITLE, scale=(-2, 2))
    assert m.stages == tuple(STAGES) and m.lanes == tuple(LANES)
    assert m.title == TITLE
    assert set(m.data["id"]) == set(cards["id"])


def test_csv_of_an_empty_map(tmp_path):
    m = jw.JourneyMap(None)
    back = csv_round_trip(m, tmp_path)
    assert len(back.data) == 0
    assert list(back.data.columns) == list(m.data.columns)


def test_saved_map_is_independent_of_later_edits(tmp_path):
    m = checkout_map()
    m.save(tmp_path / "v1.journey.json")
    m.edit_card("c06", "text", "changed after saving")
    assert jw.load(tmp_path / "v1.journey.json").data["text"][5] == "Adds shoes to cart"
