"""Charts drawn as images carry their data as tables: reports and the widget's overlays."""

from __future__ import annotations

import re

from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.charts.datatable import LAYOUT, spec_tables, tables_html


def test_overlay_items_carry_the_data_of_their_chart() -> None:
    m = checkout_map(overlays="emotion")
    (item,) = m.overlays
    tables = item["tables"]
    assert tables and all(set(t["columns"]).isdisjoint(LAYOUT) for t in tables)
    scored = m.data[m.data["score"].notna()]
    texts = {cell for t in tables for row in t["rows"] for cell in row}
    for stage in scored["stage"]:  # every scored stage is in the table (with its step, if any)
        assert any(cell.startswith(stage) for cell in texts), stage


def test_report_charts_are_followed_by_their_data_under_details(tmp_path) -> None:
    m = checkout_map()
    m.add_card("Cart", "Emotions", "<b>Worried</b>", score=-1)
    page = jw.report(m, tmp_path / "r.html").read_text(encoding="utf-8")
    images = re.findall(r'<img class="jw-chart" alt="([^"]*)"[^>]*>(<details[^>]*>)?', page)
    assert images and all(details for _, details in images)
    assert all("table that follows" in alt for alt, _ in images)
    assert "<b>Worried</b>" not in page  # user text stays text in the tables too


def test_tables_escape_every_cell_and_say_what_was_left_out() -> None:
    rows = [{"x": f"<i>{i}</i>", "value": i} for i in range(505)]
    (table,) = spec_tables({"data": {"values": rows}})
    assert table["omitted"] == 5 and len(table["rows"]) == 500
    markup = tables_html([table], "Data & more")
    assert "<i>" not in markup and "&lt;i&gt;0&lt;/i&gt;" in markup
    assert "<summary>Data &amp; more</summary>" in markup and "5 more rows" in markup
