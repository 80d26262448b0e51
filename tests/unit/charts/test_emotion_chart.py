"""The emotion chart's spec: encodings, x order, data values, measured means with their CI."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from chart_helpers import filtered, layer_by, records, spec
from journey_helpers import checkout_cards, checkout_map

import journey_widget as jw
from journey_widget.charts import emotion_chart, to_svg
from journey_widget.charts.stats import mean_ci, t_quantile
from journey_widget.charts.tables import map_columns

COLUMNS = [
    "Browse · Search",
    "Browse · Compare",
    "Cart",
    "Checkout · Address",
    "Checkout · Payment",
    "Delivery",
]


def test_x_is_the_map_columns_in_map_order_including_steps() -> None:
    s = spec(checkout_map().emotion_chart())
    line = layer_by(s, "line", y="value")
    x = line["encoding"]["x"]
    assert x["field"] == "x" and x["type"] == "nominal"
    assert x["sort"] == COLUMNS and x["scale"]["domain"] == COLUMNS
    # A point scale with half a step of padding: each column is an equal band, point centred.
    assert x["scale"]["type"] == "point" and x["scale"]["padding"] == 0.5


def test_x_order_follows_stage_and_step_moves() -> None:
    m = checkout_map()
    m.move_stage("Delivery", 0)
    m.move_step("Browse", "Compare", 0)
    domain = layer_by(spec(m.emotion_chart()), "line", y="value")["encoding"]["x"]["sort"]
    assert domain == [
        "Delivery",
        "Browse · Compare",
        "Browse · Search",
        "Cart",
        "Checkout · Address",
        "Checkout · Payment",
    ]
    assert domain == [c.label for c in map_columns(m.journey)]


def test_a_stepless_card_in_a_stage_with_steps_adds_that_column_first() -> None:
    m = checkout_map()
    m.add_card("Browse", "Emotions", "Lost", score=-2)  # no step
    domain = layer_by(spec(m.emotion_chart()), "line", y="value")["encoding"]["x"]["sort"]
    assert domain[:3] == ["Browse", "Browse · Search", "Browse · Compare"]


def test_points_carry_scores_valence_and_card_texts() -> None:
    s = spec(checkout_map().emotion_chart())
    points = layer_by(s, "circle", y="score")
    enc = points["encoding"]
    assert enc["fill"]["field"] == "valence"
    assert enc["fill"]["scale"]["domain"] == ["negative", "neutral", "positive"]
    assert {t["field"] for t in enc["tooltip"]} >= {"x", "score", "n", "cards"}
    rows = {(r["x"], r["score"], r["valence"], r["cards"], r["n"]) for r in records(s, points)}
    assert rows == {
        ("Browse · Search", 1.0, "positive", "Curious", 1),
        ("Browse · Compare", -1.0, "negative", "Overwhelmed by options", 1),
        ("Cart", -1.0, "negative", "Unsure about the size", 1),
        ("Checkout · Payment", -2.0, "negative", "Frustrated by the card decline", 1),
        ("Delivery", 2.0, "positive", "Relieved when the parcel arrives", 1),
    }


def test_y_is_the_map_scale_with_a_neutral_line() -> None:
    cards = checkout_cards()
    cards["score"] = cards["score"] + 3  # -2..2 -> 1..5
    s = spec(emotion_chart(jw.Journey(cards, scale=(1, 5))))
    y = layer_by(s, "line", y="value")["encoding"]["y"]
    assert y["scale"]["domain"] == [1, 5] and y["type"] == "quantitative"
    assert y["axis"]["values"] == [1, 2, 3, 4, 5]
    neutral = layer_by(s, "rule", y="y")
    assert records(s, neutral) == [{"y": 3.0}]
    valences = {r["score"]: r["valence"] for r in records(s, layer_by(s, "circle", y="score"))}
    assert valences == {4.0: "positive", 2.0: "negative", 1.0: "negative", 5.0: "positive"}


def test_team_curve_is_the_mean_per_column_and_one_line_per_persona() -> None:
    cards = checkout_cards()
    cards["persona"] = None
    extra = pd.DataFrame(
        {
            "stage": ["Cart", "Cart", "Cart"],
            "lane": ["Emotions"] * 3,
            "text": ["Happy", "Calm", "Fine"],
            "score": [2.0, 1.0, 0.0],
            "persona": ["Returning", "Returning", "New"],
        }
    )
    cards.loc[cards["id"] == "c10", "persona"] = "New"
    m = jw.JourneyMap(
        pd.concat([cards, extra], ignore_index=True),
        stages=["Browse", "Cart", "Checkout", "Delivery"],
        lanes=["Actions", "Touchpoints", "Emotions", "Pain points", "Opportunities"],
    )
    s = spec(m.emotion_chart())
    line = layer_by(s, "line", y="value")
    assert line["encoding"]["color"]["field"] == "series"
    assert line["encoding"]["detail"]["field"] == "series"
    cart = {(r["series"], r["value"], r["n"]) for r in filtered(s, line) if r["x"] == "Cart"}
    # New: -1 (c10) and 0 -> -0.5; Returning: 2 and 1 -> 1.5
    assert cart == {("New", -0.5, 2), ("Returning", 1.5, 2)}
    assert {r["series"] for r in records(s, line)} == {"New", "Returning", "(none)"}
    # by=False: one team curve, the mean of all cards
    one = spec(m.emotion_chart(by=False))
    line = layer_by(one, "line", y="value")
    assert {(r["series"], r["value"]) for r in records(one, line) if r["x"] == "Cart"} == {
        ("Emotions", 0.5)
    }  # (-1 + 2 + 1 + 0) / 4


def test_by_must_name_a_card_column() -> None:
    with pytest.raises(jw.JourneyError, match="by='segment' is not a column"):
        checkout_map().emotion_chart(by="segment")


# ---- measured ratings -------------------------------------------------------------------
def test_confidence_band_matches_a_hand_worked_example() -> None:
    # Five ratings on 1..5 for Cart: 3, 4, 5, 4, 4.
    # mean = 4; sd = sqrt((1 + 0 + 1 + 0 + 0) / 4) = 0.70711; se = sd / sqrt(5) = 0.31623;
    # t(0.975, 4) = 2.7764; half-width = 0.87799 -> [3.12201, 4.87799] on 1..5.
    # Rescaled to -2..2 (v -> v - 3): mean 1, band [0.12201, 1.87799].
    ratings = pd.DataFrame({"stage": ["Cart"] * 5, "value": [3, 4, 5, 4, 4]})
    s = spec(checkout_map().emotion_chart(ratings, measured_scale=(1, 5)))
    band = layer_by(s, "area", y="ci_low")
    assert band["encoding"]["y2"]["field"] == "ci_high"
    (row,) = filtered(s, band)
    assert row["x"] == "Cart" and row["n"] == 5 and row["series"] == "measured"
    assert row["value"] == pytest.approx(1.0)
    assert row["ci_low"] == pytest.approx(0.12201, abs=1e-5)
    assert row["ci_high"] == pytest.approx(1.87799, abs=1e-5)
    assert row["raw"] == pytest.approx(4.0)
    assert row["raw_low"] == pytest.approx(3.12201, abs=1e-5)


def test_t_quantiles_and_mean_ci_match_printed_tables() -> None:
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 10: 2.228, 30: 2.042, 120: 1.980}
    for df, t in table.items():
        assert t_quantile(0.975, df) == pytest.approx(t, abs=5e-4)
    assert t_quantile(0.025, 4) == pytest.approx(-2.776, abs=5e-4)
    ci = mean_ci([2.0, 4.0])  # mean 3, sd sqrt(2), se 1, t(1) 12.706
    assert (ci.low, ci.high) == (
        pytest.approx(3 - 12.7062, abs=1e-3),
        pytest.approx(3 + 12.7062, abs=1e-3),
    )
    one = mean_ci([3.0])
    assert one.mean == 3.0 and math.isnan(one.low) and math.isnan(one.high)


def test_step_ratings_go_to_their_column_and_stage_ratings_to_the_others() -> None:
    ratings = pd.DataFrame(
        {
            "stage": ["Browse", "Browse", "Browse", "Delivery"],
            "step": ["Search", "Search", None, None],
            "value": [2.0, 1.0, -2.0, 0.0],
        }
    )
    s = spec(checkout_map().emotion_chart(ratings))
    line = layer_by(s, "line", y="value")
    measured = {
        r["x"]: (r["value"], r["n"]) for r in filtered(s, line) if r["source"] == "measured"
    }
    assert measured == {
        "Browse · Search": (1.5, 2),
        "Browse · Compare": (-2.0, 1),
        "Delivery": (0.0, 1),
    }


def test_measured_is_split_by_persona_when_both_sides_have_it() -> None:
    cards = checkout_cards()
    cards["persona"] = "New"
    m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Checkout", "Delivery"])
    ratings = pd.DataFrame(
        {
            "stage": ["Cart"] * 4,
            "value": [1, 2, 5, 5],
            "persona": ["New", "New", "Returning", "Returning"],
        }
    )
    s = spec(m.emotion_chart(ratings, measured_scale=(1, 5)))
    rows = {
        (r["series"], r["value"])
        for r in filtered(s, layer_by(s, "line", y="value"))
        if r["source"] == "measured"
    }
    assert rows == {("New", -1.5), ("Returning", 2.0)}  # means 1.5 and 5 on 1..5, minus 3


def test_disagreements_beyond_the_threshold_are_marked() -> None:
    # Team: Cart -1, Delivery +2. Measured (on 1..5): Cart 5 -> +2 (off by 3); Delivery 4 -> +1.
    ratings = pd.DataFrame({"stage": ["Cart", "Cart", "Delivery"], "value": [5, 5, 4]})
    m = checkout_map()
    s = spec(m.emotion_chart(ratings, measured_scale=(1, 5)))
    rule = layer_by(s, "rule", x="x")
    marked = {r["x"]: (r["team"], r["measured"], r["label"]) for r in records(s, rule)}
    assert marked == {"Cart": (-1.0, 2.0, "Δ +3.0")}  # Delivery: off by 1, not beyond 1
    s2 = spec(m.emotion_chart(ratings, measured_scale=(1, 5), threshold=0.5))
    assert {r["x"] for r in records(s2, layer_by(s2, "rule", x="x"))} == {"Cart", "Delivery"}
    s3 = spec(m.emotion_chart(ratings, measured_scale=(1, 5), threshold=5))
    assert not [x for x in s3["layer"] if x.get("mark", {}) == {"type": "text"}]
    assert len(s3["layer"]) == len(s["layer"]) - 2


@pytest.mark.parametrize(
    ("frame", "scale", "message"),
    [
        (
            pd.DataFrame({"stage": ["Cart"], "value": [6]}),
            (1, 5),
            "column 'value' has value 6 at row 0, outside the stated scale 1..5",
        ),
        (
            pd.DataFrame({"stage": ["Cart"], "value": ["good"]}),
            (1, 5),
            "column 'value' has value 'good' at row 0; expected a number",
        ),
        (
            pd.DataFrame({"stage": ["Shipping"], "value": [3]}),
            (1, 5),
            "column 'stage' has value 'Shipping' at row 0, which is not one of the map's stages",
        ),
        (
            pd.DataFrame({"stage": ["Cart"], "step": ["Pay"], "value": [3]}),
            (1, 5),
            "column 'step' has value 'Pay' at row 0, which is not a step of stage 'Cart'",
        ),
        (pd.DataFrame({"stage": ["Cart"], "rating": [3]}), (1, 5), "missing column\\(s\\) 'value'"),
        (pd.DataFrame({"stage": ["Cart"], "value": [3]}), (5, 1), "min < max"),
    ],
)
def test_bad_ratings_are_refused_naming_column_and_value(frame, scale, message) -> None:
    with pytest.raises(jw.JourneyError, match=message):
        checkout_map().emotion_chart(frame, measured_scale=scale)


def test_missing_ratings_are_skipped() -> None:
    ratings = pd.DataFrame({"stage": ["Cart", "Cart", "Cart"], "value": [1.0, None, 2.0]})
    s = spec(checkout_map().emotion_chart(ratings))
    rows = [r for r in filtered(s, layer_by(s, "line", y="value")) if r["source"] == "measured"]
    assert [(r["value"], r["n"]) for r in rows] == [(1.5, 2)]


def test_a_map_without_emotion_lane_needs_ratings() -> None:
    m = jw.JourneyMap(pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": ["x"]}))
    with pytest.raises(jw.JourneyError, match="no emotion lane"):
        m.emotion_chart()
    s = spec(m.emotion_chart(pd.DataFrame({"stage": ["A", "A"], "value": [1, 2]})))
    assert [r["value"] for r in filtered(s, layer_by(s, "line", y="value"))] == [1.5]


# ---- size limits and rendering --------------------------------------------------------------
def test_5000_cards_and_100k_ratings_stay_under_altairs_row_limit() -> None:
    rng = np.random.default_rng(7)
    n = 5000
    stages = [f"S{i}" for i in range(10)]
    cards = pd.DataFrame(
        {
            "stage": rng.choice(stages, n),
            "lane": "Emotions",
            "text": [f"card {i}" for i in range(n)],
            "score": rng.uniform(-2, 2, n),  # all distinct: the worst case
            "persona": rng.choice(["A", "B", "C"], n),
        }
    )
    m = jw.JourneyMap(cards, stages=stages, lanes=["Emotions"])
    ratings = pd.DataFrame(
        {
            "stage": rng.choice(stages, 100_000),
            "value": rng.integers(1, 6, 100_000),
            "persona": rng.choice(["A", "B", "C"], 100_000),
        }
    )
    s = spec(m.emotion_chart(ratings, measured_scale=(1, 5)))  # MaxRowsError would raise here
    sizes = [len(v) for v in s["datasets"].values()]
    assert max(sizes) <= 5000
    assert len(filtered(s, layer_by(s, "area", y="ci_low"))) == 30  # 10 stages x 3 personas


def test_renders_to_svg_without_a_browser_and_escapes_text() -> None:
    cards = checkout_cards()
    hostile = '<script>alert(1)</script>"&'
    cards.loc[cards["stage"] == "Delivery", "stage"] = hostile
    m = jw.JourneyMap(cards, stages=["Browse", "Cart", "Checkout", hostile])
    ratings = pd.DataFrame({"stage": ["Cart", "Cart"], "value": [4, 5]})
    svg = to_svg(m.emotion_chart(ratings, measured_scale=(1, 5)))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Checkout · Payment" in svg and "Emotion" in svg
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "http://" not in svg.replace("http://www.w3.org/", "")  # nothing to fetch
    assert "https://" not in svg
