"""The narwhals engine, part 2: every statistic as expressions run by the input's own engine.

Only aggregates are collected: the activity dictionary, the transition table, one row per
variant, one funnel row and the per-stage aggregates. Semantics match the embedded engine
exactly (see :mod:`.funnel`, :mod:`.transitions`, :mod:`.variants`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import narwhals as nw

from .lazy import ACT, CASE, TIE, TS, Prepared, score_name
from .mixing import P, mix
from .params import Params
from .raw import RawFunnel, RawTransitions, RawVariants
from .stage_metrics import metric_name

Frame = nw.LazyFrame[Any]


def _rows(frame: Frame) -> list[dict[str, Any]]:
    return frame.collect().rows(named=True)


def activity_counts(prep: Prepared) -> tuple[list[str], list[int]]:
    """Activities sorted by name, with their event counts."""
    rows = _rows(prep.frame.group_by(ACT).agg(nw.len().alias("n")))
    counts = {str(r[ACT]): int(r["n"]) for r in rows}
    names = sorted(counts)
    return names, [counts[a] for a in names]


def ordered(prep: Prepared) -> Frame:
    """The log with each event's 0-based position in its case and its activity code."""
    names = prep.frame.group_by(ACT).agg(nw.len().alias("n")).select(ACT)  # a hash aggregate
    codes = names.with_columns((nw.col(ACT).rank("dense").cast(nw.Int64) - 1).alias("code"))
    # cum_sum of ones, not cum_count: narwhals' pandas backend ignores order_by in cum_count
    position = nw.col("one").cum_sum().over(CASE, order_by=prep.order_by).cast(nw.Int64) - 1
    return (prep.frame.join(codes, on=ACT).with_columns(nw.lit(1).cast(nw.Int64).alias("one"))
            .with_columns(position.alias("pos")).drop("one"))


def mean_positions(frame: Frame) -> dict[str, float]:
    rows = _rows(frame.group_by(ACT).agg(nw.col("pos").mean().alias("m")))
    return {str(r[ACT]): float(r["m"]) for r in rows}


def transitions(prep: Prepared) -> RawTransitions:
    nxt = [nw.col(c).shift(-1).over(CASE, order_by=prep.order_by).alias(f"next_{c}")
           for c in (ACT, TS)]
    pairs = (prep.frame.with_columns(*nxt).filter(~nw.col(f"next_{ACT}").is_null())
             .with_columns((nw.col(f"next_{TS}") - nw.col(TS)).alias("d")))
    rows = _rows(pairs.group_by(ACT, f"next_{ACT}").agg(
        nw.len().alias("n"), nw.col("d").median().alias("median"),
        nw.col("d").quantile(0.9, "linear").alias("p90")))
    return RawTransitions(source=[str(r[ACT]) for r in rows],
                          target=[str(r[f"next_{ACT}"]) for r in rows],
                          count=[int(r["n"]) for r in rows],
                          median_us=[float(r["median"]) for r in rows],
                          p90_us=[float(r["p90"]) for r in rows])


def variants(frame: Frame, top: int | None, prep: Prepared) -> RawVariants:
    """Variants keyed by length and three 31-bit sums (see :mod:`.mixing`)."""
    keyed = frame.with_columns(*[mix(nw.col("code"), nw.col("pos"), s).alias(f"x{s}")
                                 for s in range(3)])
    per_case = keyed.group_by(CASE).agg(nw.len().alias("length"),
                                        *[nw.col(f"x{s}").sum().alias(f"k{s}") for s in range(3)])
    per_case = per_case.with_columns(nw.col("length").cast(nw.Int64),
                                     *[(nw.col(f"k{s}") % P).alias(f"k{s}") for s in range(3)])
    columns = per_case.group_by("length", "k0", "k1", "k2").agg(
        nw.len().alias("n"), nw.col(CASE).min().alias("rep")).collect().to_dict(as_series=False)
    n, length, k0, k1 = (columns[c] for c in ("n", "length", "k0", "k1"))
    order = sorted(range(len(n)), key=lambda i: (-n[i], length[i], k0[i], k1[i]))
    kept = [{"n": n[i], "rep": columns["rep"][i]} for i in (order if top is None else order[:top])]
    reps = [r["rep"] for r in kept]
    # the representatives' events, few: ordered here, by the engine's rule (missing ties last)
    events = _rows(prep.frame.filter(nw.col(CASE).is_in(reps)).select(CASE, *prep.order_by))
    by_case: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for e in events:
        by_case[e[CASE]].append(tuple((e[c] is None, e[c]) if c == TIE else e[c]
                                      for c in prep.order_by))
    act = prep.order_by.index(ACT)
    listed = sorted(((tuple(str(e[act]) for e in sorted(by_case[r["rep"]])), int(r["n"]))
                     for r in kept), key=lambda sc: (-sc[1], sc[0]))
    return RawVariants(sequences=[s for s, _ in listed], counts=[c for _, c in listed],
                       n_variants=len(n), n_cases=int(sum(n)))


def stage_expr(names: list[str], stage_of_act: dict[str, int]) -> nw.Expr:
    """The stage index of each event's activity (-1 outside the funnel)."""
    by_stage: dict[int, list[str]] = defaultdict(list)
    for act, k in stage_of_act.items():
        if k >= 0:
            by_stage[k].append(act)
    expr: Any = None
    for k in sorted(by_stage):
        cond = nw.col(ACT).is_in(by_stage[k])
        expr = nw.when(cond).then(nw.lit(k)) if expr is None else expr.when(cond).then(nw.lit(k))
    if expr is None:
        return nw.lit(-1).cast(nw.Int64)
    return expr.otherwise(nw.lit(-1)).cast(nw.Int64)  # type: ignore[no-any-return]


def _first(cond: nw.Expr, value: str) -> nw.Expr:
    return nw.when(cond).then(nw.col(value)).min().over(CASE)


def _funnel_loose(frame: Frame, n: int, window: int | None) -> Frame:
    """Per case, the time each stage was reached: one pipeline of window minima over the case,
    one per stage (joins per level would recompute the ordered log on lazy engines)."""
    f = frame.filter(nw.col("stage") >= 0)
    first = [_first(nw.col("stage") == 0, "pos").alias("p0")]
    if window is not None:
        first.append(_first(nw.col("stage") == 0, TS).alias("t0"))
    f = f.with_columns(*first).filter(~nw.col("p0").is_null())
    for k in range(1, n):
        cond = (nw.col("stage") == k) & (nw.col("pos") > nw.col(f"p{k - 1}"))
        if window is not None:
            cond = cond & (nw.col(TS) - nw.col("t0") <= window)
        f = f.with_columns(_first(cond, "pos").alias(f"p{k}"))
    # the reaching events' times: elementwise first, then plain minima (pandas needs them simple)
    f = f.with_columns(*[nw.when(nw.col("pos") == nw.col(f"p{k}")).then(nw.col(TS))
                         .alias(f"t{k}") for k in range(n)])
    return f.group_by(CASE).agg(*[nw.col(f"t{k}").min() for k in range(n)])


def _funnel_strict(frame: Frame, n: int, window: int | None, order_by: list[str]) -> Frame:
    g = frame.with_columns(nw.col("stage").shift(1).over(CASE, order_by=order_by).alias("prev"))
    g = g.with_columns((nw.col("prev").is_null() | (nw.col("stage") != nw.col("prev")))
                       .cast(nw.Int64).alias("flag"))
    g = g.with_columns(nw.col("flag").cum_sum().over(CASE, order_by=order_by).alias("vpos"))
    v = g.filter(nw.col("flag") == 1)
    v = v.with_columns(_first(nw.col("stage") == 0, "vpos").alias("a"),
                       _first(nw.col("stage") == 0, TS).alias("t0")).filter(~nw.col("a").is_null())
    rel = nw.col("vpos") - nw.col("a")
    broken = nw.col("stage") != rel
    if window is not None:
        broken = broken | (nw.col(TS) - nw.col("t0") > window)
    v = v.with_columns(_first((nw.col("vpos") >= nw.col("a")) & broken, "vpos").alias("brk"))
    chain = (nw.col("vpos") >= nw.col("a")) & (nw.col("brk").is_null()
                                               | (nw.col("vpos") < nw.col("brk")))
    # conditional columns first, then plain aggregations (pandas' group_by needs them simple)
    v = v.with_columns(*[nw.when(chain & (rel == k)).then(nw.col(TS)).alias(f"t{k}")
                         for k in range(n)])
    return v.group_by(CASE).agg(*[nw.col(f"t{k}").min() for k in range(n)])


def funnel(frame: Frame, params: Params, n: int, order_by: list[str]) -> RawFunnel:
    """Reached counts and times to the next stage, per the semantics in :mod:`.funnel`."""
    if n == 0:
        return RawFunnel([], [], [])
    if params.order == "strict":
        per_case = _funnel_strict(frame, n, params.window_us, order_by)
    else:
        per_case = _funnel_loose(frame, n, params.window_us)
    aggs = [nw.col(f"t{k}").count().alias(f"r{k}") for k in range(n)]
    for k in range(n - 1):
        delta = nw.col(f"t{k + 1}") - nw.col(f"t{k}")
        aggs += [delta.median().alias(f"med{k}"), delta.mean().alias(f"mean{k}")]
    row = _rows(per_case.select(*aggs))[0]
    nan = float("nan")
    return RawFunnel(
        reached=[int(row[f"r{k}"] or 0) for k in range(n)],
        median_next_us=[nan if row.get(f"med{k}") is None else float(row[f"med{k}"])
                        for k in range(n - 1)] + [nan],
        mean_next_us=[nan if row.get(f"mean{k}") is None else float(row[f"mean{k}"])
                      for k in range(n - 1)] + [nan])


_AGG = {"mean": lambda e: e.mean(), "median": lambda e: e.median(), "sum": lambda e: e.sum(),
        "min": lambda e: e.min(), "max": lambda e: e.max(), "count": lambda e: e.count()}


def stage_metrics(frame: Frame, params: Params,
                  n: int) -> tuple[list[int], list[tuple[int, str, float, int]]]:
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
            rows += [(k, metric_name(column, agg), float(r[f"{agg}{i}"]), int(r[f"n{i}"]))
                     for agg in aggs]
    return events, rows
