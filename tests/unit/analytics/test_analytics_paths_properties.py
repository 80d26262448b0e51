"""Random logs: paths on every engine against a case-by-case Python reference.

The reference follows docs/analytics.md ("Paths") literally: each case's events in the
documented order, cut into runs of one label (or single events), the anchor's run, the runs
after or before it; drop-off anchors from a walk of the funnel with positions.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import analytics_reference as ref
import pandas as pd
from analytics_engines import on_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_analytics_paths import DEFAULTS
from test_analytics_properties import ACTS, logs, options

import journey_widget as jw
from journey_widget.analytics.paths import compute, make_request, to_frame

Events = list[tuple[int, str]]


def reach_positions(staged: list[tuple[int, int]], n: int, order: str, window: Any) -> list[int]:
    """The positions of the events that reached stages 0, 1, ... (the funnel's semantics)."""
    if order == "strict":
        visits = [i for i, (_, s) in enumerate(staged) if i == 0 or staged[i - 1][1] != s]
        chain = [i for i in visits if staged[i][1] == 0][:1]
        while chain and len(chain) < n:
            nxt = visits.index(chain[-1]) + 1
            if nxt >= len(visits) or staged[visits[nxt]][1] != len(chain):
                break
            if window is not None and staged[visits[nxt]][0] - staged[chain[0]][0] > window:
                break
            chain.append(visits[nxt])
        return chain
    chain = [i for i, (_, s) in enumerate(staged) if s == 0][:1]
    while chain and len(chain) < n:
        later = [
            i
            for i in range(chain[-1] + 1, len(staged))
            if staged[i][1] == len(chain)
            and (window is None or staged[i][0] - staged[chain[0]][0] <= window)
        ]
        if not later:
            break
        chain.append(later[0])
    return chain


def reference(cases: dict[Any, Events], a: jw.analytics.Analysis, **kw: Any) -> Counter[tuple]:
    stage_of = dict(zip(a.activities["activity"], a.activities["stage"], strict=True))
    level, steps, collapse = kw["level"], kw["steps"], kw["collapse"]
    out: Counter[tuple] = Counter()
    for events in cases.values():
        acts = [act for _, act in events]
        if "dropped_at" in kw:
            index = {s: k for k, s in enumerate(a.stages)}
            staged = [(t, index.get(stage_of.get(act) or "", -1)) for t, act in events]
            window = None if a.window is None else a.window // pd.Timedelta(microseconds=1)
            chain = reach_positions(staged, len(a.stages), a.order, window)
            if len(chain) != a.stages.index(kw["dropped_at"]) + 1:
                continue
            pos = chain[-1]
        else:
            name = kw.get("start", kw.get("end"))
            hits = [i for i, act in enumerate(acts) if act == name or stage_of.get(act) == name]
            if not hits:
                continue
            pos = hits[0] if "start" in kw else hits[-1]
        labels = [act if level == "activity" else (stage_of[act] or "(other)") for act in acts]
        runs: list[list[Any]] = []  # label, first, last
        for i, label in enumerate(labels):
            if collapse and runs and runs[-1][0] == label:
                runs[-1][2] = i
            else:
                runs.append([label, i, i])
        r = next(j for j, run in enumerate(runs) if run[1] <= pos <= run[2])
        if "end" in kw:
            seq = [run[0] for run in runs[max(0, r - steps) : r]]
            out[tuple(["(start)", *seq] if len(seq) < steps else seq)] += 1
        else:
            seq = [run[0] for run in runs[r + 1 : r + 1 + steps]]
            out[tuple([*seq, "(end)"] if len(seq) < steps else seq)] += 1
    return out


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    where = draw(st.sampled_from(["start", "end", "dropped_at"]))
    kw: dict[str, Any] = {
        "steps": draw(st.integers(1, 4)),
        "level": draw(st.sampled_from(["activity", "stage"])),
        "collapse": draw(st.booleans()),
    }
    kw[where] = draw(st.sampled_from([*ACTS, "S0", "S1"]))
    return kw


def check(df: pd.DataFrame, opts: dict[str, Any], kw: dict[str, Any], engine: str) -> None:
    data, chosen = on_engine(engine, df)
    a = jw.analytics.analyze(
        data, case="case", activity="act", timestamp="ts", engine=chosen, **opts
    )
    names = set(a.stages) | set(a.activities["activity"])
    name = kw.get("start", kw.get("end", kw.get("dropped_at")))
    if name not in names or ("dropped_at" in kw and name not in a.stages[:-1]):
        return  # refused: tested in test_analytics_paths.py
    table = a.paths(**kw, top=None)
    cases = ref.ordered_cases(df, "case", "act", "ts")
    expected = reference(cases, a, **kw)
    assert dict(zip(table["path"], table["count"], strict=True)) == dict(expected)
    assert table.attrs["cases"] == sum(expected.values())
    assert list(table["count"]) == sorted(table["count"], reverse=True)
    if engine != "pandas":  # inside the engine too, not only its in-memory fast path
        request = make_request(a, **{**DEFAULTS, **kw, "top": None})
        inside = to_frame(compute(a, request, fast=False), request)
        pd.testing.assert_frame_equal(inside, table)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), options(), requests())
def test_embedded_engine_matches_the_reference(df: pd.DataFrame, opts: dict, kw: dict) -> None:
    check(df, opts, kw, "pandas")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=logs(), opts=options(), kw=requests(), engine=st.sampled_from(["polars", "duckdb"]))
def test_narwhals_engines_match_the_reference(
    df: pd.DataFrame, opts: dict, kw: dict, engine: str
) -> None:
    check(df, opts, kw, engine)
