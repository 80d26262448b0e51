"""The metrics chart (small multiples on the stage axis) and the priority matrix."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_helpers import layer_by, records, spec
from journey_helpers import checkout_cards, checkout_map

import journey_widget as jw
from journey_widget.charts import to_svg
from journey_widget.charts.layout import Geometry
from journey_widget.charts.stage_metrics import format_value, metrics_chart

STAGES = ["Browse", "Cart", "Checkout", "Delivery"]


def tidy() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Checkout", "Cart", "Cart", "Delivery"],
            "metric": ["CSAT", "CSAT", "Drop-off", "CSAT"],
            "value": [41.0, 72.5, 30.0, 90.0],
            "target": [80, 80, 20, None],
            "unit": ["%", "%", "%", "%"],
            "n": [80, 120, None, 60],
        }
    )


def test_one_panel_per_metric_sharing_the_stage_axis_in_map_order() -> None:
    s = spec(checkout_map().metrics_chart(tidy()))
    assert s["facet"]["row"]["field"] == "metric"
    assert s["facet"]["row"]["sort"] == ["CSAT", "Drop-off"]  # order of first appearance
    assert s["resolve"]["scale"]["y"] == "independent"
    bar = layer_by(s, "bar", y="value")
    x = bar["encoding"]["x"]
    assert x["field"] == "stage" and x["sort"] == STAGES and x["scale"]["domain"] == STAGES
    rows = {(r["stage"], r["metric"], r["label"]) for r in records(s, bar)}
    assert rows == {
        ("Checkout", "CSAT", "41%"),
        ("Cart", "CSAT", "72.5%"),
        ("Cart", "Drop-off", "30%"),
        ("Delivery", "CSAT", "90%"),
    }
    text = layer_by(s, "text", y="value")
    assert text["encoding"]["text"]["field"] == "label"
    tick = layer_by(s, "tick", y="target")
    assert tick["transform"] == [{"filter": "isValid(datum.target)"}]
    targets = {
        (r["stage"], r["metric"], r["target"]) for r in records(s, tick) if r["target"] is not None
    }
    assert targets == {
        ("Checkout", "CSAT", 80.0),
        ("Cart", "CSAT", 80.0),
        ("Cart", "Drop-off", 20.0),
    }


def test_defaults_to_the_attached_metrics_and_says_when_there_are_none() -> None:
    m = checkout_map()
    with pytest.raises(jw.JourneyError, match="the map has no metrics"):
        m.metrics_chart()
    m.metrics = tidy()
    s = spec(m.metrics_chart())
    assert {r["metric"] for r in records(s, layer_by(s, "bar", y="value"))} == {"CSAT", "Drop-off"}
    with pytest.raises(jw.JourneyError, match="'Shipping'"):
        m.metrics_chart(tidy().assign(stage="Shipping"))


def test_overlay_layout_spans_each_stage_over_its_columns() -> None:
    m = checkout_map()  # columns: Browse x2 steps, Cart, Checkout x2 steps, Delivery
    s = spec(
        metrics_chart(m.journey, tidy(), geometry=Geometry(columns=6, height=70), tooltips=False)
    )
    bar = layer_by(s, "bar", x="start")
    assert bar["encoding"]["x2"]["field"] == "end"
    assert bar["encoding"]["x"]["scale"]["domain"] == [0, 6]
    spans = {r["stage"]: (r["start"], r["end"], r["mid"]) for r in records(s, bar)}
    assert spans["Cart"] == pytest.approx((2.18, 2.82, 2.5))
    assert spans["Checkout"] == pytest.approx((3.18, 4.82, 4.0))
    assert spans["Delivery"] == pytest.approx((5.18, 5.82, 5.5))
    assert s["autosize"] == {"type": "none"} and s["padding"]["left"] == 148


@pytest.mark.parametrize(
    ("value", "unit", "label"),
    [
        (81.25, "%", "81.2%"),
        (-12.0, None, "-12"),
        (4.256, "on 1-7", "4.26 on 1-7"),
        (1234.5, None, "1234"),
        (0.0, "%", "0%"),
        (-0.001, None, "0"),
    ],
)
def test_value_labels(value, unit, label) -> None:
    assert format_value(value, unit) == label


def test_metrics_chart_renders_to_svg() -> None:
    svg = to_svg(checkout_map().metrics_chart(tidy()))
    assert svg.startswith("<svg") and "72.5%" in svg and "Drop-off" in svg


# ---- priority -----------------------------------------------------------------------------
def scored_map() -> jw.JourneyMap:
    cards = checkout_cards()
    cards["impact"] = None
    cards["effort"] = None
    cards = cards.astype({"impact": object, "effort": object})
    values = {
        "c11": (5, 2),
        "c17": (5, 4),
        "c21": (2, 2),
        "c12": ("high", "low"),
        "c18": (4, 4),
        "c01": (5, 1),
    }  # c01 is an action: not on the matrix
    for cid, (impact, effort) in values.items():
        cards.loc[cards["id"] == cid, ["impact", "effort"]] = [impact, effort]
    return jw.JourneyMap(cards, stages=STAGES)


def test_priority_chart_puts_pain_points_and_opportunities_on_impact_vs_effort() -> None:
    s = spec(scored_map().priority_chart())
    points = layer_by(s, "circle", x="px")
    enc = points["encoding"]
    assert enc["x"]["title"] == "effort" and enc["y"]["title"] == "impact"
    assert enc["color"]["field"] == "lane" and enc["size"]["field"] == "n"
    rows = {(r["lane"], r["x"], r["y"], r["n"]) for r in records(s, points)}
    assert rows == {
        ("Pain points", 2.0, 5.0, 1),
        ("Pain points", 4.0, 5.0, 1),
        ("Pain points", 2.0, 2.0, 1),
        ("Opportunities", 2.0, 4.0, 1),
        ("Opportunities", 4.0, 4.0, 1),
    }
    labels = {r["label"] for r in records(s, layer_by(s, "text", x="px"))}
    assert "Shipping cost shown only at…" in labels
    names = {
        r["name"]
        for layer in s["layer"]
        if layer["mark"].get("type") == "text" and layer["encoding"]["text"]["field"] == "name"
        for r in records(s, layer)
    }
    assert names == {"Quick wins", "Big bets", "Fill-ins", "Money pits"}


def test_cards_sharing_a_spot_merge_with_a_count() -> None:
    m = scored_map()
    m.add_card("Cart", "Pain points", "Coupon field hidden", impact=5, effort=2)
    s = spec(m.priority_chart())
    (row,) = [
        r
        for r in records(s, layer_by(s, "circle", x="px"))
        if (r["x"], r["y"], r["lane"]) == (2.0, 5.0, "Pain points")
    ]
    assert row["n"] == 2 and row["label"].endswith("(+1)")
    assert row["cards"] == "Shipping cost shown only at the end | Coupon field hidden"


def test_severity_and_frequency_when_there_is_no_impact_or_effort() -> None:
    cards = checkout_cards()
    cards["severity"] = [None] * len(cards)
    cards["frequency"] = [None] * len(cards)
    cards.loc[cards["id"] == "c17", ["severity", "frequency"]] = [5, 40]
    m = jw.JourneyMap(cards, stages=STAGES)
    s = spec(m.priority_chart())
    enc = layer_by(s, "circle", x="px")["encoding"]
    assert (enc["x"]["title"], enc["y"]["title"]) == ("frequency", "severity")
    assert enc["x"]["scale"]["domain"][1] > 40  # the axis grows past 1..5 to hold 40


def test_priority_chart_errors() -> None:
    with pytest.raises(jw.JourneyError, match="needs card columns 'impact' and 'effort'"):
        checkout_map().priority_chart()
    m = scored_map()
    with pytest.raises(jw.JourneyError, match="'cost' is not a column"):
        m.priority_chart(x="cost", y="impact")
    with pytest.raises(jw.JourneyError, match="there is no lane 'Ideas'"):
        m.priority_chart(lanes=["Ideas"])
    m.edit_card("c11", "impact", "huge")
    with pytest.raises(jw.JourneyError, match="column 'impact' has value 'huge'"):
        m.priority_chart()


def test_priority_chart_renders_to_svg() -> None:
    svg = to_svg(scored_map().priority_chart())
    assert svg.startswith("<svg") and "Quick wins" in svg
