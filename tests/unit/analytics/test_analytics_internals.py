"""The embedded engine's fallbacks (wide sort keys, hash collisions), progress and the sample."""

from __future__ import annotations

import analytics_reference as ref
import numpy as np
import pandas as pd
import pytest

import journey_widget as jw
from journey_widget.analytics import variants as variants_module
from journey_widget.analytics.progress import Progress, progress_for
from journey_widget.analytics.result import durations
from journey_widget.analytics.sample import SAMPLE_STAGES, sample_events
from journey_widget.analytics.transitions import group_quantile


def wide_log() -> pd.DataFrame:
    """Ten years at microsecond resolution and 300 activities: no packed key fits 63 bits."""
    rng = np.random.default_rng(5)
    n = 3000
    ts = pd.Timestamp("2015-01-01") + pd.to_timedelta(
        np.sort(rng.integers(0, 10 * 365 * 86400 * 10**6, n)), unit="us"
    )
    df = pd.DataFrame(
        {
            "case": rng.integers(0, 80, n).astype(str),
            "act": [f"a{i:03d}" for i in rng.integers(0, 300, n)],
            "ts": ts,
        }
    )
    long = pd.DataFrame(
        {
            "case": ["long", "long"],
            "act": ["a000", "a299"],  # a 10-year gap
            "ts": pd.to_datetime(["2015-01-01 00:00:00.000001", "2024-12-30 00:00:00.000000"]),
        }
    )
    return pd.concat([df, long], ignore_index=True)


def test_wide_keys_fall_back_to_lexicographic_sorts(monkeypatch: pytest.MonkeyPatch) -> None:
    df = wide_log()
    calls: list[int] = []
    lexsort = np.lexsort
    monkeypatch.setattr(np, "lexsort", lambda keys: calls.append(len(keys)) or lexsort(keys))
    a = jw.analytics.analyze(df, case="case", activity="act", timestamp="ts", top_variants=None)
    assert calls[:2] == [3, 2]  # the event sort (act, ts, case) and the transitions' sort
    monkeypatch.undo()
    cases = ref.ordered_cases(df, "case", "act", "ts")
    want = ref.transitions(cases)
    got = {
        (s, t): (c, m, p)
        for s, t, c, m, p in a.transitions[
            ["source", "target", "count", "median_duration", "p90_duration"]
        ].itertuples(index=False)
    }
    assert got == {k: (c, *durations([m, p])) for k, (c, m, p) in want.items()}
    assert dict(zip(a.variants["variant"], a.variants["count"], strict=True)) == ref.variants(cases)


def test_a_hash_collision_still_groups_variants_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    log = sample_events(300, seed=4)
    args = {"case": "customer_id", "activity": "event", "timestamp": "timestamp"}
    honest = jw.analytics.analyze(log, top_variants=None, **args)
    # every case gets the same key: only the event-by-event check can tell them apart
    monkeypatch.setattr(
        variants_module, "_fast_keys", lambda lg, pos: np.zeros(lg.n_cases, dtype=np.uint64)
    )
    collided = jw.analytics.analyze(log, top_variants=None, **args)
    pd.testing.assert_frame_equal(honest.variants, collided.variants)


def test_group_quantile_is_numpys_linear_percentile() -> None:
    rng = np.random.default_rng(1)
    groups = [np.sort(rng.integers(0, 1000, size)) for size in (1, 2, 3, 10, 57)]
    values = np.concatenate(groups)
    counts = np.array([len(g) for g in groups])
    starts = np.cumsum(counts) - counts
    for q in (0.5, 0.9):
        assert group_quantile(values, starts, counts, q, 7) == pytest.approx(
            [np.percentile(g * 7, 100 * q) for g in groups]
        )


def test_progress_is_quiet_outside_a_kernel() -> None:
    bar = progress_for(True, 10**8, 3)
    assert not bar.shown
    later = progress_for(None, None, 3)  # size unknown (a lazy engine): decided once counted
    assert later.auto
    later.sized(10**8)
    assert not later.shown and not later.auto
    bar.step("sorting")
    assert bar.labels == ["sorting"] and bar.done == 1


def test_progress_bar_moves_and_closes() -> None:
    bar = Progress(2, True)
    assert bar.shown
    widget = bar._bar
    bar.step("reading")
    bar.step("sorting")
    assert widget.value == 1 and widget.max == 2 and bar._label.value == "sorting…"
    bar.close()
    assert not bar.shown


def test_analyze_reports_its_steps() -> None:
    log = sample_events(50, seed=2)
    bar = Progress(6, False)
    from journey_widget.analytics.analyze import run_numpy
    from journey_widget.analytics.params import make_params

    run_numpy(log, make_params(case="customer_id", activity="event", timestamp="timestamp"), bar)
    assert bar.labels == [
        "reading columns",
        "sorting",
        "stage metrics",
        "transitions",
        "variants",
        "funnel",
    ]


def test_sample_log_is_realistic_and_reproducible() -> None:
    a, b = sample_events(200, seed=9), sample_events(200, seed=9)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["customer_id", "event", "timestamp", "channel", "csat"]
    assert set(a["event"]) <= set(SAMPLE_STAGES)
    assert a["timestamp"].is_monotonic_increasing  # an export ordered by time
    per_case = a.sort_values(["customer_id", "timestamp"]).groupby("customer_id")["timestamp"]
    assert (per_case.diff().dropna() > pd.Timedelta(0)).all()  # no ties inside a case
    rated = a.dropna(subset=["csat"])
    assert set(rated["event"]) <= {"contact_support", "order_confirmation"}
    assert rated["csat"].between(1, 5).all()
    shuffled = sample_events(200, seed=9, shuffle=True)
    assert not shuffled["timestamp"].is_monotonic_increasing
