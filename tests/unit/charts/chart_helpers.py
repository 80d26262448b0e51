"""Helpers to read Altair chart specs in tests: layers by mark, their data as records."""

from __future__ import annotations

from typing import Any

import altair as alt


def spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The validated Vega-Lite spec (validation on, as a user's ``chart.to_dict()`` does)."""
    return dict(chart.to_dict())


def layers(s: dict[str, Any]) -> list[dict[str, Any]]:
    inner = s.get("spec", s)
    return list(inner.get("layer", [inner]))


def mark_of(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def layer_by(s: dict[str, Any], mark: str, **encoding_fields: str) -> dict[str, Any]:
    """The single layer with ``mark`` whose channels use the given fields."""
    hits = [
        layer
        for layer in layers(s)
        if mark_of(layer) == mark
        and all(
            layer.get("encoding", {}).get(ch, {}).get("field") == f
            for ch, f in encoding_fields.items()
        )
    ]
    assert len(hits) == 1, f"{len(hits)} {mark} layers with {encoding_fields}"
    return hits[0]


def records(s: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a layer draws (its own data, else the top-level data), before transforms."""
    data = layer.get("data") or s.get("data")
    assert data is not None, "layer has no data"
    if "values" in data:
        return list(data["values"])
    return list(s["datasets"][data["name"]])


def filtered(s: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows after the layer's ``source == ...`` filter.

    It is the only filter the charts use on field values.
    """
    rows = records(s, layer)
    for t in layer.get("transform", []):
        f = t.get("filter")
        if isinstance(f, dict) and f.get("field") == "source":
            rows = [r for r in rows if r["source"] == f["equal"]]
        elif isinstance(f, str) and "isValid(datum.ci_low)" in f:
            rows = [r for r in rows if r.get("ci_low") is not None]
    return rows
