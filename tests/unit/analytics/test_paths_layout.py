"""The paths flow chart: its layout worked out by hand, and the Altair chart built from it."""

from __future__ import annotations

import itertools
import pathlib

import pandas as pd
import pytest
from test_analytics_golden import STAGE_OF, golden_log, run

import journey_widget as jw
from journey_widget import JourneyError
from journey_widget.analytics.paths_chart import MAX_PATHS, link_frame, node_frame, paths_chart
from journey_widget.analytics.paths_layout import FlowLayout, band, layout, path_rows
from journey_widget.analytics.sample import sample_events

ROWS: list[list[str | None]] = [["A", "x", "y"], ["A", "x", "(end)"], ["A", "z", None]]
COUNTS = [3, 2, 1]


def spans(flow: FlowLayout) -> dict[tuple[int, str], tuple[float, float, int]]:
    return {(n.column, n.label): (n.y0, n.y1, n.value) for n in flow.nodes}


def test_nodes_are_stacked_largest_first_and_as_tall_as_their_cases() -> None:
    flow = layout(ROWS, COUNTS, ["start: A", "step 1", "step 2"], gap=0.0)
    assert spans(flow) == {
        (0, "A"): (0.0, 6.0, 6),
        (1, "x"): (0.0, 5.0, 5),
        (1, "z"): (5.0, 6.0, 1),
        (2, "y"): (0.0, 3.0, 3),
        (2, "(end)"): (3.0, 5.0, 2),
    }
    assert flow.total == 6 and flow.extent == 6.0
    names = [n.label for n in flow.nodes]
    bands = {
        (names[k.source], names[k.target]): (k.value, k.sy0, k.sy1, k.ty0, k.ty1)
        for k in flow.links
    }
    assert bands == {
        ("A", "x"): (5, 0.0, 5.0, 0.0, 5.0),
        ("A", "z"): (1, 5.0, 6.0, 5.0, 6.0),
        ("x", "y"): (3, 0.0, 3.0, 0.0, 3.0),
        ("x", "(end)"): (2, 3.0, 5.0, 3.0, 5.0),
    }


def test_gaps_scale_with_the_cases_drawn() -> None:
    flow = layout(ROWS, COUNTS, ["a", "b", "c"], gap=0.1)  # 0.1 x 6 cases
    assert spans(flow)[(1, "z")] == pytest.approx((5.6, 6.6, 1))
    assert spans(flow)[(2, "(end)")] == pytest.approx((3.6, 5.6, 2))
    assert flow.extent == pytest.approx(6.6)


def test_bands_leave_in_target_order_and_arrive_in_source_order() -> None:
    rows: list[list[str | None]] = [["s", "b", "d"], ["s", "c", "d"], ["s", "b", "e"]]
    flow = layout(rows, [2, 1, 1], ["0", "1", "2"], gap=0.0)
    names = [n.label for n in flow.nodes]
    by_pair = {(names[k.source], names[k.target]): k for k in flow.links}
    # b (3 cases) above c (1); d (3) above e (1); into d: b's band above c's
    assert (by_pair[("s", "b")].sy0, by_pair[("s", "c")].sy0) == (0.0, 3.0)
    assert (by_pair[("b", "d")].sy0, by_pair[("b", "e")].sy0) == (0.0, 2.0)
    assert (by_pair[("b", "d")].ty0, by_pair[("c", "d")].ty0) == (0.0, 2.0)


def test_every_node_is_filled_by_its_bands_without_overlap() -> None:
    a = jw.analytics.analyze(
        sample_events(2000),
        case="customer_id",
        activity="event",
        timestamp="timestamp",
    )
    table = a.paths(start="view_product", steps=4, top=25)
    flow = layout(*path_rows(table))
    for i, node in enumerate(flow.nodes):
        incoming = sorted((k.ty0, k.ty1) for k in flow.links if k.target == i)
        outgoing = sorted((k.sy0, k.sy1) for k in flow.links if k.source == i)
        for bands in (incoming, outgoing):
            if bands:
                assert bands[0][0] == pytest.approx(node.y0)
                assert all(b[1] == pytest.approx(c[0]) for b, c in itertools.pairwise(bands))
                assert bands[-1][1] <= node.y1 + 1e-9
        if node.column:  # every case in a later column arrived from the previous one
            assert incoming[-1][1] == pytest.approx(node.y1)
    assert sum(n.value for n in flow.nodes if n.column == 0) == int(table["count"].sum())


def test_a_band_runs_smoothly_from_source_to_target() -> None:
    flow = layout(ROWS, COUNTS, ["a", "b", "c"], gap=0.1)
    link = next(k for k in flow.links if k.sy0 != k.ty0)  # A -> z moves down by the gap
    samples = band(link, 0.0, 1.0, points=9)
    assert samples[0] == (0.0, link.sy0, link.sy1)
    assert samples[-1] == pytest.approx((1.0, link.ty0, link.ty1))
    tops = [s[1] for s in samples]
    assert tops == sorted(tops) and samples[4][1] == pytest.approx((link.sy0 + link.ty0) / 2)


def test_rows_of_a_paths_table_put_the_anchor_first_or_last() -> None:
    a = run("pandas", stage_of=STAGE_OF)
    rows, counts, titles = path_rows(a.paths(end="pay", steps=2))
    assert titles == ["step -2", "step -1", "end: pay"]
    assert rows[0] == ["(start)", "help", "pay"] and counts[0] == 2
    rows, _, titles = path_rows(a.paths(dropped_at="Discover", steps=2))
    assert titles[0] == "left at Discover" and rows[0] == ["Discover", "(end)", None]
    with pytest.raises(JourneyError, match=r"takes the table a\.paths"):
        path_rows(pd.DataFrame({"step_1": ["x"], "count": [1]}))


def test_the_chart_compiles_with_its_data_and_description() -> None:
    a = run("pandas", stage_of=STAGE_OF)
    chart = a.paths_chart(start="visit", steps=2)
    spec = chart.to_dict()
    assert spec["title"]["text"] == "Paths after visit"
    assert spec["description"].startswith("Paths after visit: flow of the 4 most frequent paths")
    datasets = list(spec["datasets"].values())
    nodes = next(d for d in datasets if d and "label" in d[0])
    assert {(r["step"], r["label"], r["cases"]) for r in nodes} == {
        ("start: visit", "visit", 4),
        ("step 1", "view", 2),
        ("step 1", "search", 1),
        ("step 1", "cart", 1),
        ("step 2", "cart", 1),
        ("step 2", "visit", 1),
        ("step 2", "view", 1),
        ("step 2", "(end)", 1),
    }
    links = next(d for d in datasets if d and "link" in d[0])
    assert {r["link"] for r in links} == set(range(7))  # 3 from visit, 4 from step 1


def test_the_chart_renders_labels_as_text(tmp_path: pathlib.Path) -> None:
    df = golden_log().replace({"activity": {"help": "<b>help</b>"}})
    a = jw.analytics.analyze(df, case="case_id", activity="activity", timestamp="ts")
    nodes = node_frame(layout(*path_rows(a.paths(end="pay"))))
    assert "<b>help</b>" in set(nodes["label"])
    pytest.importorskip("vl_convert")
    path = tmp_path / "paths.svg"
    a.paths_chart(end="pay").save(str(path))
    svg = path.read_text(encoding="utf-8")
    assert "&lt;b&gt;help&lt;/b&gt; (2)" in svg and "<b>" not in svg


def test_the_chart_refuses_too_many_paths() -> None:
    table = run("pandas", stage_of=STAGE_OF).paths(start="visit")
    big = pd.concat([table] * (MAX_PATHS // len(table) + 1), ignore_index=True)
    big.attrs = table.attrs
    with pytest.raises(JourneyError, match=f"at most {MAX_PATHS} paths"):
        paths_chart(big)
    assert len(link_frame(layout(*path_rows(table)))) > 0
