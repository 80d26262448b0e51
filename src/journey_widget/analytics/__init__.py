"""Journey analytics from event logs: funnels, transitions, variants and stage metrics.

>>> import journey_widget as jw
>>> a = jw.analytics.analyze(log, case="user", activity="event", timestamp="at")
>>> list(a.funnel.columns[:2]), len(a.transitions) > 0
(['stage', 'reached'], True)

Runs on pandas and PyArrow with an embedded NumPy engine, and on Polars, DuckDB, PySpark (and
whatever else narwhals supports) inside that engine. Semantics: docs/analytics.md.
"""

from .analyze import analyze
from .result import Analysis

__all__ = ["Analysis", "analyze"]
