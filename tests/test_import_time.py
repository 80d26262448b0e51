"""``import journey_widget`` loads only what a map needs (issue 17).

Reports, charts, analytics and their heavy dependencies load on first use. Speed itself is
measured by bench/bench_import.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = [
    "nbformat",
    "nbconvert",
    "jsonschema",
    "altair",
    "vl_convert",
    "mistune",
    "polars",
    "duckdb",
    "pyspark",
    "journey_widget.reports",
    "journey_widget.analytics",
    "journey_widget.charts",
]


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_import_loads_no_report_chart_or_engine_module() -> None:
    loaded = _modules_after("import journey_widget")
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_building_and_editing_a_map_stays_light() -> None:
    loaded = _modules_after(
        "import pandas as pd, journey_widget as jw\n"
        "m = jw.JourneyMap(pd.DataFrame({'stage': ['A'], 'lane': ['Actions'], 'text': ['x']}))\n"
        "m.add_card('A', 'Actions', 'y'); m.undo(); m.to_json()"
    )
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_lazy_names_load_on_first_use() -> None:
    loaded = _modules_after(
        "import journey_widget as jw\nassert callable(jw.report)\n"
        "assert jw.analytics.analyze and jw.templates.load"
    )
    assert {"journey_widget.reports", "journey_widget.analytics", "nbformat"} <= loaded
    result = subprocess.run(
        [sys.executable, "-c", "import journey_widget as jw; jw.nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "module 'journey_widget' has no attribute 'nope'" in result.stderr


def test_every_public_name_resolves() -> None:
    code = (
        "import journey_widget as jw\n"
        "missing = [n for n in jw.__all__ if getattr(jw, n, None) is None]\n"
        "print(missing)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout.strip().replace("'", '"')) == []
