"""The narwhals engine, part 3: every statistic as expressions run by the input's own engine.

Each statistic reads the shared ordered step table (:mod:`.steps`) with group-bys and unordered
per-case minima only; no statistic orders the log again. Only aggregates are collected: the
transition table, one row per variant, one funnel row and the per-stage aggregates. Semantics
match the embedded engine exactly (see :mod:`.funnel`, :mod:`.transitions`, :mod:`.variants`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import narwhals as nw

from .lazy import ACT, CASE, TIE, TS, Prepared, score_name
from .mixing import P, mix
from .native import persist
from .params import Params
from .raw import RawFunnel, RawTransitions, RawVariants
from .stage_metrics import metric_name
from .steps import CODE, NEXT, NEXT_TS, POS, PREV, Steps

Frame = nw.LazyFrame[Any]


def _rows(frame: Frame) -> list[dict[str, Any]]:
    return frame.collect().rows(named=True)


def mean_positions(steps: Steps) -> dict[str, float]:
    """Each activity's mean 0-based position inside its cases."""
    rows = _rows(steps.frame.group_by(CODE).agg(nw.col(POS).mean().alias("m")))
    return {steps.act_of_code[int(r[CODE])]: float(r["m"]) for r in rows}


def transitions(steps: Steps) -> RawTransitions:
    """Directly-follows pairs: count, and median and 90th percentile of the time between (us)."""
    pairs = steps.frame.filter(~nw.col(NEXT).is_null()).with_columns(
        (nw.col(NEXT_TS) - nw.col(TS)).alias("d")
    )
    rows = _rows(
        pairs.group_by(CODE, NEXT).agg(
            nw.len().alias("n"),
            nw.col("d").median().alias("median"),
            nw.col("d").quantile(0.9, "linear").alias("p90"),
        )
    )
    name = steps.act_of_code
    return RawTransitions(
        source=[name[int(r[CODE])] for r in rows],
        target=[name[int(r[NEXT])] for r in rows],
        count=[int(r["n"]) for r in rows],
        median_us=[float(r["median"]) for r in rows],
        p90_us=[float(r["p90"]) for r in rows],
    )


def variants(frame: Frame, top: int | None, prep: Prepared) -> RawVariants:
    """Variants keyed by length and three 31-bit sums (see :mod:`.mixing`)."""
    keyed = frame.with_columns(
        *[mix(nw.col(CODE), nw.col(POS), s).alias(f"x{s}") for s in range(3)]
    )
    per_case = keyed.group_by(CASE).agg(
        nw.len().alias("length"), *[nw.col(f"x{s}").sum().alias(f"k{s}") for s in range(3)]
    )
    per_case = per_case.with_columns(
        nw.col("length").cast(nw.Int64), *[(nw.col(f"k{s}") % P).alias(f"k{s}") for s in range(3)]
    )
    groups, release = persist(
        per_case.group_by("length", "k0", "k1", "k2").agg(
            nw.len().alias("n"), nw.col(CASE).min().alias("rep")
        )
    )
    try:  # the top variants are chosen by the engine: a large log has millions of variants
        totals = _rows(groups.select(nw.len().alias("v"), nw.col("n").sum().alias("c")))[0]
        ordered = groups.sort("n", "length", "k0", "k1", descending=[True, False, False, False])
        columns = (ordered if top is None else ordered.head(top)).collect().to_dict(as_series=False)
    finally:
        release()
    kept = [{"n": n, "rep": r} for n, r in zip(columns["n"], columns["rep"], strict=True)]
    reps = [r["rep"] for r in kept]
    # the representatives' events, few: ordered here, by the engine's rule (missing ties last)
    events = _rows(prep.frame.filter(nw.col(CASE).is_in(reps)).select(CASE, *prep.order_by))
    by_case: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for e in events:
        by_case[e[CASE]].append(
            tuple((e[c] is None, e[c]) if c == TIE else e[c] for c in prep.order_by)
        )
    act = prep.order_by.index(ACT)
    listed = sorted(
        ((tuple(str(e[act]) for e in sorted(by_case[r["rep"]])), int(r["n"])) for r in kept),
        key=lambda sc: (-sc[1], sc[0]),
    )
    return RawVariants(
        sequences=[s for s, _ in listed],
        counts=[c for _, c in listed],
        n_variants=int(totals["v"] or 0),
        n_cases=int(totals["c"] or 0),
    )


def stage_expr(column: str, stage_of: dict[Any, int]) -> nw.Expr:
    """The stage index of each event's activity (name or code) in ``column``.

    Activities outside the funnel get -1.
    """
    by_stage: dict[int, list[Any]] = defaultdict(list)
    for act, k in stage_of.items():
        if k >= 0:
            by_stage[k].append(act)
    expr: Any = None
    for k in sorted(by_stage):
        cond = nw.col(column).is_in(by_stage[k])
        expr = nw.when(cond).then(nw.lit(k)) if expr is None else expr.when(cond).then(nw.lit(k))
    if expr is None:
        return nw.lit(-1).cast(nw.Int64)
    return expr.otherwise(nw.lit(-1)).cast(nw.Int64)  # type: ignore[no-any-return]


def _first(cond: nw.Expr, value: str) -> nw.Expr:
    return nw.when(cond).then(nw.col(value)).min().over(CASE)


def _funnel_loose(frame: Frame, n: int, window: int | None) -> RawFunnel:
    """Stage by stage: the cases that reached each stage, joined to the next stage's events.

    The cases that reached stage k, each with the position and time of the event that reached
    it, are joined to the later events of stage k+1.

    Each level is a per-case table (at most one row per case), kept by the engine for the next
    level; the first event of a case after a given position is also its earliest (the step table
    is ordered by time first).
    """
    f = frame.filter(nw.col("stage") >= 0).select(CASE, POS, TS, "stage")
    level = (
        f.filter(nw.col("stage") == 0)
        .group_by(CASE)
        .agg(nw.col(POS).min().alias("p"), nw.col(TS).min().alias("t"))
        .with_columns(nw.col("t").alias("tp"), nw.col("t").alias("t0"))
    )
    reached: list[int] = []
    median: list[float] = []
    mean: list[float] = []
    releases = []
    try:
        for k in range(n):
            if k:
                before = level.select(CASE, nw.col("p").alias("pp"), nw.col("t").alias("tp"), "t0")
                later = (
                    f.filter(nw.col("stage") == k)
                    .join(before, on=CASE)
                    .filter(nw.col(POS) > nw.col("pp"))
                )
                if window is not None:
                    later = later.filter(nw.col(TS) - nw.col("t0") <= window)
                level = later.group_by(CASE).agg(
                    nw.col(POS).min().alias("p"),
                    nw.col(TS).min().alias("t"),
                    nw.col("tp").min(),
                    nw.col("t0").min(),
                )
            level, release = persist(level)
            releases.append(release)
            delta = nw.col("t") - nw.col("tp")
            row = _rows(
                level.select(
                    nw.len().alias("n"), delta.median().alias("med"), delta.mean().alias("mean")
                )
            )[0]
            reached.append(int(row["n"] or 0))
            if k:
                median.append(_number(row["med"]))
                mean.append(_number(row["mean"]))
    finally:
        for release in releases:
            release()
    nan = float("nan")
    return RawFunnel(reached=reached, median_next_us=[*median, nan], mean_next_us=[*mean, nan])


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _funnel_strict(frame: Frame, n: int, window: int | None) -> Frame:
    """Per case, the time each stage was reached in one unbroken chain of visits.

    A visit starts where the stage differs from the previous event's (``pstage``). The chain
    starts at the first visit of stage 0 (``a``) and runs while each next visit's stage is the
    previous visit's plus one (and within the window): it breaks at the first visit after ``a``
    that is not, so inside the chain the visit of stage k is its k-th.
    """
    v = frame.filter(nw.col(PREV).is_null() | (nw.col("stage") != nw.col("pstage")))
    v = v.with_columns(
        _first(nw.col("stage") == 0, POS).alias("a"), _first(nw.col("stage") == 0, TS).alias("t0")
    ).filter(~nw.col("a").is_null())
    broken = nw.col("stage") != nw.col("pstage") + 1
    if window is not None:
        broken = broken | (nw.col(TS) - nw.col("t0") > window)
    v = v.with_columns(_first((nw.col(POS) > nw.col("a")) & broken, POS).alias("brk"))
    chain = (nw.col(POS) >= nw.col("a")) & (nw.col("brk").is_null() | (nw.col(POS) < nw.col("brk")))
    # conditional columns first, then plain aggregations (pandas' group_by needs them simple)
    v = v.with_columns(
        *[nw.when(chain & (nw.col("stage") == k)).then(nw.col(TS)).alias(f"t{k}") for k in range(n)]
    )
    return v.group_by(CASE).agg(*[nw.col(f"t{k}").min() for k in range(n)])


def funnel(frame: Frame, params: Params, n: int) -> RawFunnel:
    """Reached counts and times to the next stage, per the semantics in :mod:`.funnel`.

    ``frame``: the step table with ``stage`` and ``pstage`` (the previous event's stage).
    """
    if n == 0:
        return RawFunnel([], [], [])
    if params.order != "strict":
        return _funnel_loose(frame, n, params.window_us)
    per_case = _funnel_strict(frame, n, params.window_us)
    aggs = [nw.col(f"t{k}").count().alias(f"r{k}") for k in range(n)]
    for k in range(n - 1):
        delta = nw.col(f"t{k + 1}") - nw.col(f"t{k}")
        aggs += [delta.median().alias(f"med{k}"), delta.mean().alias(f"mean{k}")]
    row = _rows(per_case.select(*aggs))[0]
    nan = float("nan")
    return RawFunnel(
        reached=[int(row[f"r{k}"] or 0) for k in range(n)],
        median_next_us=[
            nan if row.get(f"med{k}") is None else float(row[f"med{k}"]) for k in range(n - 1)
        ]
        + [nan],
        mean_next_us=[
            nan if row.get(f"mean{k}") is None else float(row[f"mean{k}"]) for k in range(n - 1)
        ]
        + [nan],
    )


_AGG = {
    "mean": lambda e: e.mean(),
    "median": lambda e: e.median(),
    "sum": lambda e: e.sum(),
    "min": lambda e: e.min(),
    "max": lambda e: e.max(),
    "count": lambda e: e.count(),
}


def stage_metrics(
    frame: Frame, params: Params, n: int
) -> tuple[list[int], list[tuple[int, str, float, int]]]:
    """Events per stage and the score aggregates (rows: stage index, metric, value, n)."""
    exprs = [nw.len().alias("events")]
    for i, (_, aggs) in enumerate(params.scores):
        col = nw.col(score_name(i))
        exprs.append(col.count().alias(f"n{i}"))
        exprs += [_AGG[agg](col).alias(f"{agg}{i}") for agg in aggs]
    grouped = _rows(frame.filter(nw.col("stage") >= 0).group_by("stage").agg(*exprs))
    by_stage = {int(r["stage"]): r for r in grouped}
    events = [int(by_stage[k]["events"]) if k in by_stage else 0 for k in range(n)]
    rows: list[tuple[int, str, float, int]] = []
    for k in range(n):
        r = by_stage.get(k)
        for i, (column, aggs) in enumerate(params.scores):
            if r is None or not r[f"n{i}"]:
                continue
            rows += [
                (k, metric_name(column, agg), float(r[f"{agg}{i}"]), int(r[f"n{i}"]))
                for agg in aggs
            ]
    return events, rows
