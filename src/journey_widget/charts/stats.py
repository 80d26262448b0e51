"""Small statistics the charts need: Student's t quantile and a mean's confidence interval.

No SciPy: the t quantile comes from the regularized incomplete beta function (continued
fraction, as in Numerical Recipes) inverted by bisection; it matches printed t tables to
their last digit.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple


def _beta_cf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b) for 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_cf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_cf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=512)
def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom.

    Examples
    --------
    >>> round(t_quantile(0.975, 4), 3)
    2.776
    """
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError(f"t_quantile needs 0 < p < 1 and df > 0, got p={p}, df={df}")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


class MeanCI(NamedTuple):
    """A mean with its confidence interval ``low..high``, ``n`` and standard deviation ``sd``."""

    mean: float
    low: float
    high: float
    n: int
    sd: float


def mean_ci(values: list[float], level: float = 0.95) -> MeanCI:
    """The mean of ``values`` with its ``level`` confidence interval (Student's t).

    ``mean +- t(1 - (1 - level) / 2, n - 1) * sd / sqrt(n)`` with the sample standard
    deviation (``n - 1`` in the denominator). With fewer than two values the interval is
    undefined and ``low``/``high`` are NaN.

    Examples
    --------
    >>> ci = mean_ci([3, 4, 5, 4, 4])
    >>> round(ci.mean, 3), round(ci.low, 3), round(ci.high, 3)
    (4.0, 3.122, 4.878)
    """
    n = len(values)
    if n == 0:
        return MeanCI(math.nan, math.nan, math.nan, 0, math.nan)
    mean = math.fsum(values) / n
    if n < 2:
        return MeanCI(mean, math.nan, math.nan, n, math.nan)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(1.0 - (1.0 - level) / 2.0, n - 1) * sd / math.sqrt(n)
    return MeanCI(mean, mean - half, mean + half, n, sd)
