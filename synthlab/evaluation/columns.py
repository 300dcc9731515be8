"""What kind of column is this, and which levels does it take: shared by the utility measures,
the density ratio and the plots."""
from __future__ import annotations

import numpy as np
import pandas as pd


def is_number(series: pd.Series) -> bool:
    """True for int and float columns; bool columns count as categorical.

    Examples
    --------
    >>> is_number(pd.Series([1.5, 2.0])), is_number(pd.Series([True, False]))
    (True, False)
    """
    return is_number_dtype(series.dtype)


def is_number_dtype(dtype) -> bool:
    """:func:`is_number` for a column's dtype."""
    if isinstance(dtype, np.dtype):  # the common case, decided without pandas' slower checks
        return dtype.kind in "iufc"
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def category_levels(first: pd.Series, *others: pd.Series) -> list:
    """The levels of a categorical column: ``first``'s category order (or its sorted values),
    then values that only the ``others`` take, sorted. Missing values are not levels.

    Examples
    --------
    >>> observed = pd.Series(pd.Categorical(["b", "a"], categories=["b", "a"]))
    >>> category_levels(observed, pd.Series(["a", "z", "c"]))
    ['b', 'a', 'c', 'z']
    """
    if isinstance(first.dtype, pd.CategoricalDtype):
        found = list(first.cat.categories)
    else:
        found = sorted(pd.unique(first.dropna().astype(object)), key=str)
    seen = set(found)
    extra = {v for other in others for v in pd.unique(other.dropna().astype(object)) if v not in seen}
    return found + sorted(extra, key=str)
