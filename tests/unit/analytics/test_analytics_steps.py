"""The narwhals engine's shared step table, built both ways.

Both ways of building it (Polars: one sort and shifts; DuckDB, pandas: one shared window) give
each event its documented position and neighbours.
"""

from __future__ import annotations

from typing import Any

import analytics_reference as ref
import numpy as np
import pandas as pd
import pytest
from analytics_engines import on_engine

from journey_widget.analytics.frames import as_narwhals
from journey_widget.analytics.lazy import prepare
from journey_widget.analytics.params import make_params
from journey_widget.analytics.steps import COLUMNS, build_steps

T0 = pd.Timestamp("2024-01-01")


def tied_log() -> pd.DataFrame:
    """Many equal timestamps, a tie-break column with gaps, shuffled rows."""
    rng = np.random.default_rng(11)
    n = 400
    df = pd.DataFrame(
        {
            "case": [f"c{i}" for i in rng.integers(0, 30, n)],
            "act": rng.choice(["view", "cart", "pay", "help", "apply"], n),
            "ts": T0 + pd.to_timedelta(rng.integers(0, 12, n), unit="min"),
            "seq": [np.nan if x < 3 else float(x) for x in rng.integers(0, 10, n)],
        }
    )
    return df.sample(frac=1.0, random_state=2).reset_index(drop=True)


def expected(df: pd.DataFrame, tie_break: str | None) -> dict[tuple[Any, int], tuple]:
    """(case, position) -> (activity, us, previous activity, next activity, next us)."""
    out = {}
    for case, events in ref.ordered_cases(df, "case", "act", "ts", tie_break).items():
        for i, (t, a) in enumerate(events):
            prev = events[i - 1][1] if i else None
            nxt = events[i + 1] if i + 1 < len(events) else (None, None)
            out[(case, i)] = (a, t, prev, nxt[1], nxt[0])
    return out


@pytest.mark.parametrize("engine", ["polars-lazy", "duckdb", "pandas-narwhals"])
@pytest.mark.parametrize("tie_break", [None, "seq"])
def test_step_table_orders_each_case_once(engine: str, tie_break: str | None) -> None:
    df = tied_log()
    data, _ = on_engine(engine, df)
    params = make_params(case="case", activity="act", timestamp="ts", tie_break=tie_break)
    prep = prepare(as_narwhals(data), params)
    steps = build_steps(prep)
    try:
        rows = steps.frame.collect().rows(named=True)
    finally:
        steps.release()
        prep.release()
    assert steps.names == sorted(df["act"].unique())
    assert steps.counts == [int((df["act"] == a).sum()) for a in steps.names]

    def act(code: Any) -> str | None:  # pandas holds a missing code as NaN
        return None if code is None or code != code else steps.act_of_code[int(code)]

    got = {
        (r["case"], int(r["pos"])): (
            act(r["code"]),
            int(r["ts"]),
            act(r["prev"]),
            act(r["next"]),
            None if act(r["next"]) is None else int(r["next_ts"]),
        )
        for r in rows
    }
    assert len(rows) == len(df)
    assert set(rows[0]) == set(COLUMNS)
    assert got == expected(df, tie_break)
