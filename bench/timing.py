"""The one timer the benchmark scripts share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], repeats: int = 5, warmup: bool = True) -> float:
    """Median milliseconds of ``fn`` over ``repeats`` runs, after one untimed run if ``warmup``."""
    if warmup:
        fn()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)
