"""Text columns that behave alike on pandas 2.2 and pandas 3.

pandas 3 stores text as its ``"str"`` dtype, with ``NaN`` for a missing value. pandas 2.2
has no such default (``astype("str")`` there turns a missing value into the text ``"nan"``
or ``"None"``), so on pandas 2 the map's text columns are ``object`` columns holding ``str``
values and ``NaN``: the same values, compared, sorted and saved the same way. Files always
name the dtype ``"str"`` (:data:`TEXT_DTYPE_NAME`), whichever pandas wrote them.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

PANDAS_3 = int(pd.__version__.split(".", 1)[0]) >= 3
"""True on pandas 3 or newer, whose default text dtype is ``"str"``."""

TEXT_DTYPE_NAME = "str"
"""The dtype a ``.journey.json`` file records for a text column, on any pandas."""


def as_text(values: pd.Series) -> pd.Series:
    """``values`` as text: each present value through ``str``, each missing one ``NaN``.

    Parameters
    ----------
    values : pandas.Series
        Any values.

    Returns
    -------
    pandas.Series
        pandas 3's ``"str"`` dtype, or on pandas 2 an ``object`` column of ``str`` and ``NaN``.

    Examples
    --------
    >>> list(as_text(pd.Series(["a", None, 3])).isna())
    [False, True, False]
    """
    if PANDAS_3:
        return values.astype("str")
    objects = values.astype(object)
    present = objects.notna()
    return objects.where(~present, objects.map(str)).where(present, np.nan)


def set_cell(table: pd.DataFrame, row: Any, column: str, value: Any) -> None:
    """Set one cell of ``table`` as pandas 3 does, on any pandas; ``table`` is a fresh copy.

    pandas 3 refuses a value the column's dtype cannot hold (``TypeError``) and, with
    copy-on-write, never writes through into the frame ``table`` was copied from. On pandas 2
    the column is copied first (a shallow copy shares its values), a list is stored as one
    value, and a value that would silently change the column's dtype is refused the same way.

    Raises
    ------
    TypeError
        The column's dtype cannot hold ``value``.
    ValueError
        pandas refused the value.
    """
    if PANDAS_3:
        table.loc[row, column] = value
        return
    table[column] = table[column].copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)  # pandas 2's "incompatible dtype" notice
        try:
            if isinstance(value, list | tuple | dict):
                cell: Any = value  # one value that happens to be a list
                table.at[row, column] = cell
            else:
                table.loc[row, column] = value
        except FutureWarning as warning:
            raise TypeError(str(warning)) from None


def dtype_name(values: pd.Series, text: bool = False) -> str:
    """The name a file records for the dtype of ``values``; ``"str"`` for text columns.

    ``text`` marks the map's own text columns (:data:`~journey_widget.model.cards.STRING_COLUMNS`),
    named ``"str"`` on any pandas. Other columns keep their dtype's name: on pandas 2 an
    analyst's text column is ``"object"``, which pandas 3 reads back as ``object``. The name
    never depends on the values, so a file's header changes only when a dtype does.

    Examples
    --------
    >>> dtype_name(as_text(pd.Series(["a", None])), text=True)
    'str'
    >>> dtype_name(pd.Series([1.5]))
    'float64'
    """
    return TEXT_DTYPE_NAME if text else str(values.dtype)


def as_dtype(values: pd.Series, name: str) -> pd.Series:
    """``values`` converted to the dtype a file names; ``"str"`` through :func:`as_text`.

    Raises
    ------
    TypeError, ValueError, OverflowError
        The values do not fit that dtype.
    """
    dtype: Any = name
    return as_text(values) if name == TEXT_DTYPE_NAME else values.astype(dtype)
