"""The living map: metrics in the stage headers, the journey score in the caption and report.

The widget's ``stage_metrics`` trait, the static map (html_render) and the report all read one
summary (html_render/stage_trend.py), so they say the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
from journey_helpers import STAGES, checkout_map

import journey_widget as jw
from journey_widget.html_render import map_html
from journey_widget.html_render.stage_trend import HEADER_METRICS, score_counts, stage_trends
from journey_widget.reports.notebook import build_notebook

HOSTILE = '<img src=x onerror="alert(1)">'


def month(csat: list[float], drop: list[float]) -> pd.DataFrame:
    """CSAT (%) and drop-off (%) per stage of the checkout map, each with a target."""
    return pd.concat(
        [
            pd.DataFrame({"stage": STAGES, "metric": "CSAT", "value": csat, "unit": "%"}).assign(
                target=75.0
            ),
            pd.DataFrame(
                {"stage": STAGES, "metric": "drop-off", "value": drop, "unit": "%"}
            ).assign(target=30.0),
        ],
        ignore_index=True,
    )


def two_months() -> jw.JourneyMap:
    m = checkout_map(overlays=False)
    m.metrics = month([70.0, 80.0, 90.0, 60.0], [40.0, 20.0, 10.0, 35.0]).assign(period="2026-10")
    m.update_metrics(month([73.2, 80.0, 85.0, 60.0], [35.0, 25.0, 10.0, 35.0]), period="2026-11")
    return m


def entry(m: jw.JourneyMap, stage: str, metric: str) -> dict:
    return next(e for e in m.stage_metrics["stages"][stage] if e["metric"] == metric)


def test_the_trait_has_latest_values_changes_and_series() -> None:
    m = two_months()
    assert m.stage_metrics["periods"] == ["2026-10", "2026-11"]
    csat = entry(m, "Browse", "CSAT")
    assert csat["text"] == "73.2%" and csat["series"] == [70.0, 73.2]
    assert csat["change_text"] == "▲ 3.2 pts better" and csat["good"] is True
    assert csat["label"] == "CSAT 73.2% in 2026-11, up 3.2 pts since 2026-10, better"
    # Less drop-off is better; more is worse (the journey score's rule).
    assert entry(m, "Browse", "drop-off")["change_text"] == "▼ 5 pts better"
    cart = entry(m, "Cart", "drop-off")
    assert (cart["direction"], cart["good"], cart["change_text"]) == ("up", False, "▲ 5 pts worse")
    same = entry(m, "Cart", "CSAT")
    assert same["change_text"] == "= no change" and same["good"] is None
    assert m.stage_metrics["score"]["text"] == "Journey score 50% (4 of 8 targets met)"
    assert m.stage_metrics["score"]["share"] == m.journey_score()


def test_update_metrics_from_python_reaches_the_trait() -> None:
    m = two_months()
    m.update_metrics(month([80.0, 80.0, 85.0, 60.0], [35.0, 25.0, 10.0, 35.0]), period="2026-12")
    csat = entry(m, "Browse", "CSAT")
    assert csat["series"] == [70.0, 73.2, 80.0] and csat["text"] == "80%"
    assert csat["change_text"] == "▲ 6.8 pts better"
    m.metrics = None
    assert m.stage_metrics == {}


def test_one_period_shows_values_only_and_no_targets_no_score() -> None:
    m = checkout_map(overlays=False)
    m.metrics = pd.DataFrame({"stage": ["Cart"], "metric": ["NPS"], "value": [12.0]})
    only = m.stage_metrics["stages"]["Cart"][0]
    assert only["text"] == "12" and "series" not in only and "change_text" not in only
    assert m.stage_metrics["score"] is None and m.journey_score() is None
    assert checkout_map(overlays=False).stage_metrics == {}


def test_headers_show_a_few_metrics_and_count_the_rest() -> None:
    names = [f"m{i}" for i in range(HEADER_METRICS + 2)]
    t = pd.DataFrame({"stage": "Cart", "metric": names, "value": 1.0})
    trends = stage_trends(t)
    assert [e["metric"] for e in trends["stages"]["Cart"]] == names[:HEADER_METRICS]
    assert trends["more"] == {"Cart": 2}


def test_a_metric_missing_in_the_previous_period_has_no_change() -> None:
    t = pd.DataFrame(
        {
            "stage": ["Cart", "Cart", "Cart"],
            "metric": ["CSAT", "CSAT", "NPS"],
            "value": [70.0, 71.0, 5.0],
            "period": ["2026-10", "2026-11", "2026-11"],
        }
    )
    nps = stage_trends(t)["stages"]["Cart"][1]
    assert nps["series"] == [None, 5.0] and nps["change_text"] is None
    # A metric without a value in the latest period is left out of the header.
    old = t.assign(period=["2026-10", "2026-11", "2026-10"])
    assert [e["metric"] for e in stage_trends(old)["stages"]["Cart"]] == ["CSAT"]


def test_static_map_shows_the_same_value_change_sparkline_and_score_as_text() -> None:
    m = two_months()
    m.rename_stage("Browse", HOSTILE)
    m.metrics = m.metrics.assign(metric=m.metrics["metric"].replace("CSAT", f"CSAT {HOSTILE}"))
    html = map_html(m.journey)
    assert "<img" not in html and "&lt;img" in html
    header = re.search(r'<th class="jw-stage jw-has-metrics".*?</th>', html, re.S)
    assert header is not None
    block = header.group(0)
    assert 'data-jw-stage-metrics="&lt;img' in block
    assert "73.2%" in block and "▲ 3.2 pts better" in block and "jw-sm-better" in block
    assert block.count("<polyline") == 2 and 'data-jw-sparkline="2"' in block
    assert "Journey score 50% (4 of 8 targets met)" in html
    # No metrics: the headers as before, no score.
    plain = map_html(checkout_map().journey)
    assert "data-jw-stage-metrics" not in plain and "data-jw-journey-score" not in plain
    assert '<th class="jw-stage" scope="col" data-jw-stage="Cart">Cart</th>' in plain


def test_score_counts_agree_with_journey_score() -> None:
    m = two_months()
    score = score_counts(m.metrics)
    assert score is not None and score["share"] == m.journey_score()
    assert (score["met"], score["total"]) == (4, 8)
    m.update_metrics(month([73.2, 80.0, 85.0, 60.0], [5.0, 5.0, 5.0, 5.0]), period="2026-12")
    assert score_counts(m.metrics)["met"] == 6  # all four drop-offs now meet their target
    higher = score_counts(m.metrics, lower_is_better=())
    assert higher is not None and higher["met"] == 2
    assert higher["share"] == m.journey_score(lower_is_better=())


def test_html_report_shows_the_score_and_the_header_metrics(tmp_path: Path) -> None:
    page = jw.report(two_months(), tmp_path / "r.html").read_text()
    assert page.count("Journey score 50% (4 of 8 targets met)") >= 2  # caption and section
    assert "latest value meets its target" in page
    assert "▲ 3.2 pts better" in page and "data-jw-sparkline" in page


def test_report_shows_the_score_with_its_definition() -> None:
    m = two_months()
    nb = build_notebook([m.journey])
    texts = [
        "".join(o.get("data", {}).get("text/html", "") for o in c.get("outputs", []))
        for c in nb.cells
        if c.cell_type == "code"
    ]
    shown = [t for t in texts if "data-jw-journey-score" in t and "jw-report-score" in t]
    assert len(shown) == 1
    assert "Journey score 50% (4 of 8 targets met)" in shown[0]
    assert "latest value meets its target" in shown[0]
    sources = "\n".join(c.source for c in nb.cells)
    assert "S.journey_score(m)" in sources
    nbformat.validate(nb)
    # No targets: no score cell.
    bare = checkout_map()
    bare.metrics = pd.DataFrame({"stage": ["Cart"], "metric": ["NPS"], "value": [12.0]})
    assert "S.journey_score" not in "\n".join(
        c.source for c in build_notebook([bare.journey]).cells
    )


def test_the_trait_follows_undo_and_stage_renames() -> None:
    m = two_months()
    before = m.stage_metrics
    m.edit_card(m.data["id"][0], "text", "Edited")  # a card edit leaves the summary as it is
    assert m.stage_metrics is before
    m.update_metrics(month([90.0, 80.0, 85.0, 60.0], [35.0, 25.0, 10.0, 35.0]), period="2026-12")
    assert entry(m, "Browse", "CSAT")["text"] == "90%"
    m.undo()
    assert m.stage_metrics == before
    m.rename_stage("Browse", "Discover")
    assert "Browse" not in m.stage_metrics["stages"]
    assert entry(m, "Discover", "CSAT")["text"] == "73.2%"
