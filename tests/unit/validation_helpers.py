"""Helpers of the validation tests: build a map both ways (JourneyMap and Journey)."""

from __future__ import annotations

import pandas as pd

import journey_widget as jw

BUILDERS = {
    "JourneyMap": lambda df, **kw: jw.JourneyMap(df, **kw),
    "Journey": lambda df, **kw: jw.Journey(df, **kw),
}


def names_of(built):
    """Stage and lane names of a JourneyMap or a Journey."""
    if isinstance(built, jw.JourneyMap):
        return list(built.stages), list(built.lanes)
    return built.stage_names(), built.lane_names()


def table_of(built) -> pd.DataFrame:
    """The card table of a JourneyMap or a Journey."""
    return built.data if isinstance(built, jw.JourneyMap) else built.table
