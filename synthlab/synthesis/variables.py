"""What kind of variable a column is, and the way back to the column's own dtype.

synthpop distinguishes four kinds, and so do we:

========== =====================================================================
numeric    int or float columns
binary     any categorical-like column with exactly 2 categories (bool included)
unordered  unordered categorical, object or string column with more categories
ordered    ordered categorical with more than 2 categories
========== =====================================================================

Inside :func:`synthlab.syn` every categorical-like column (bool, object, string) is held as a
pandas ``Categorical``, so the synthesis methods see only numbers or Categoricals.
:func:`restore_dtype` turns a synthetic column back into the dtype of the observed one.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.evaluation.columns import is_number as is_numeric  # int and float; bool is categorical

KINDS = ("numeric", "binary", "unordered", "ordered")


def as_categorical(series: pd.Series) -> pd.Series:
    """The internal form of a column: numeric columns unchanged, the rest as a Categorical.

    bool columns get the categories [False, True]; object and string columns their sorted
    distinct values; categorical columns keep their categories and order.

    Examples
    --------
    >>> as_categorical(pd.Series(["b", "a", "b"])).cat.categories.tolist()
    ['a', 'b']
    """
    if is_numeric(series) or isinstance(series.dtype, pd.CategoricalDtype):
        return series
    if pd.api.types.is_bool_dtype(series):
        return pd.Series(pd.Categorical(series, categories=[False, True]), index=series.index, name=series.name)
    return series.astype("category")


def kind_of(series: pd.Series) -> str:
    """The kind of a column: ``"numeric"``, ``"binary"``, ``"unordered"`` or ``"ordered"``.

    Examples
    --------
    >>> kind_of(pd.Series(pd.Categorical(["G1", "G2", "G3"], ordered=True)))
    'ordered'
    >>> kind_of(pd.Series([True, False]))
    'binary'
    """
    if is_numeric(series):
        return "numeric"
    dtype = as_categorical(series).dtype
    if len(dtype.categories) == 2:
        return "binary"
    return "ordered" if dtype.ordered else "unordered"


def describe_kind(kind: str) -> str:
    """Words for a kind, used in error messages ('an ordered categorical')."""
    return {"numeric": "a numeric variable", "binary": "a binary variable",
            "unordered": "an unordered categorical", "ordered": "an ordered categorical"}[kind]


def decimal_places(values: np.ndarray, most: int = 10) -> int:
    """The number of decimal places the observed values are recorded with (at most ``most``).

    synthpop rounds what ``norm`` draws to this many places, so 12.345 is never made from
    data recorded to one decimal.

    Examples
    --------
    >>> decimal_places(np.array([1.5, 2.25, 3.0]))
    2
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    for places in range(most):
        if np.all(np.abs(np.round(values, places) - values) <= 1e-9 * np.maximum(1.0, np.abs(values))):
            return places
    return most


def restore_dtype(values: object, like: pd.Series, name: str) -> pd.Series:
    """Make synthetic ``values`` a column with the dtype of the observed column ``like``.

    Numeric values are cast back (rounded first for integer columns); categorical values must
    be categories of ``like`` and keep their categories and order.

    Raises
    ------
    ValueError
        If a categorical value is not one of the observed column's categories.
    """
    if is_numeric(like):
        numbers = np.array(values, dtype=float)  # a copy: never a view of the observed values
        if pd.api.types.is_integer_dtype(like):
            numbers = np.round(numbers)
        column = pd.Series(numbers, name=name)
        return column if column.dtype == like.dtype else column.astype(like.dtype)
    internal = as_categorical(like)
    codes = _codes_for(values, internal.dtype, name)
    column = pd.Series(pd.Categorical.from_codes(codes, dtype=internal.dtype), name=name)
    if isinstance(like.dtype, pd.CategoricalDtype):
        return column
    return column.astype(like.dtype)


def same_dtype(column: pd.Series, original: pd.Series) -> pd.Series:
    """``column`` with exactly the dtype of ``original``: for categoricals, the same categories
    with the same index dtype (``str`` stays ``str``, not ``object``) and the same order.

    pandas calls two categorical dtypes equal when their categories' values are, whatever the
    dtype that holds them; this makes them identical, so that the synthetic and the observed
    column can be stacked or compared.

    Examples
    --------
    >>> original = pd.Series(pd.Categorical(["a", "b"], categories=pd.Index(["a", "b"], dtype="string")))
    >>> column = pd.Series(pd.Categorical(["b", "a"], categories=pd.Index(["a", "b"], dtype=object)))
    >>> same_dtype(column, original).cat.categories.dtype == original.cat.categories.dtype
    True
    """
    if not isinstance(original.dtype, pd.CategoricalDtype):
        return column if column.dtype == original.dtype else column.astype(original.dtype)
    if (isinstance(column.dtype, pd.CategoricalDtype) and column.dtype.categories.dtype == original.dtype.categories.dtype
            and column.dtype.ordered == original.dtype.ordered):
        return column
    column = column.astype("category") if not isinstance(column.dtype, pd.CategoricalDtype) else column
    position = original.cat.categories.get_indexer(column.cat.categories.astype(object))
    codes = np.append(position, -1)[column.cat.codes.to_numpy()]  # code -1 (missing) stays -1
    return pd.Series(pd.Categorical.from_codes(codes, dtype=original.dtype), index=column.index, name=column.name)


def _codes_for(values: object, dtype: pd.CategoricalDtype, name: str) -> np.ndarray:
    if isinstance(values, (pd.Categorical, pd.Series)) and isinstance(values.dtype, pd.CategoricalDtype):
        if values.dtype is dtype:  # drawn from the observed column itself
            return values.codes if isinstance(values, pd.Categorical) else values.cat.codes.to_numpy()
        values = pd.Categorical(values)
        if values.dtype == dtype:
            return values.codes
        values = np.asarray(values, dtype=object)
    values = np.asarray(values, dtype=object)
    codes = dtype.categories.get_indexer(values)
    unknown = (codes == -1) & ~pd.isna(values)
    if unknown.any():
        raise ValueError(f"synthetic values for column {name!r} include {values[unknown][0]!r}, "
                         f"which is not one of its categories {list(dtype.categories)}")
    return codes
