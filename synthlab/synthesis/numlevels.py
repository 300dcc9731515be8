"""synthpop's ``minnumlevels``: numeric columns with few values synthesised as categories.

A numeric column with at most ``minnumlevels`` distinct observed values (missing values not
counted) is turned into a categorical column for the synthesis and back into numbers at the
end, so its synthetic values are always observed ones. A method that needs numbers ("norm",
"normrank", ...) named for such a column becomes the default method for two categories
(``default_method[1]``, "logreg") or more (``default_method[2]``, "polyreg"), as synthpop
does. synthpop's default, 1, turns only single-valued columns into categories.
"""
from __future__ import annotations

import numbers
from typing import Sequence

import numpy as np
import pandas as pd

from synthlab.synthesis.methods import METHOD_INFO
from synthlab.synthesis.variables import is_numeric

__all__ = ['check_minnumlevels', 'few_valued', 'as_categories', 'factor_methods']


def check_minnumlevels(minnumlevels: int) -> int:
    """Check ``minnumlevels`` (a whole number, at least 0).

    Examples
    --------
    >>> check_minnumlevels(3)
    3
    """
    if isinstance(minnumlevels, bool) or not isinstance(minnumlevels, numbers.Integral) or minnumlevels < 0:
        raise ValueError(f"minnumlevels must be a whole number >= 0 (synthpop's default is 1), got {minnumlevels!r}")
    return int(minnumlevels)


def few_valued(data: pd.DataFrame, columns: Sequence[str], minnumlevels: int) -> dict[str, int]:
    """The numeric ``columns`` with at most ``minnumlevels`` distinct values -> their number.

    Examples
    --------
    >>> data = pd.DataFrame({"cyl": [4.0, 6.0, 8.0, 4.0], "mpg": [21.0, 22.8, 18.7, 30.4]})
    >>> few_valued(data, ["cyl", "mpg"], 3)
    {'cyl': 3}
    """
    minnumlevels = check_minnumlevels(minnumlevels)
    found = {}
    for column in columns:
        series = data[column]
        if not is_numeric(series):
            continue
        values = series.to_numpy(dtype=float)
        if any(_distinct(values[:rows]) > minnumlevels for rows in (50, 1000)):
            continue  # more values than that in the first rows already: no need to count them all
        count = int(pd.Series(values).nunique(dropna=True))
        if count <= minnumlevels:
            found[column] = count
    return found


def _distinct(values: np.ndarray) -> int:
    return len(np.unique(values[~np.isnan(values)]))


def as_categories(data: pd.DataFrame, columns: dict[str, int]) -> pd.DataFrame:
    """``data`` with the listed numeric columns as unordered categoricals of their sorted values.

    Examples
    --------
    >>> as_categories(pd.DataFrame({"cyl": [6, 4, 8]}), {"cyl": 3})["cyl"].cat.categories.tolist()
    [4, 6, 8]
    """
    if not columns:
        return data
    return data.assign(**{c: pd.Categorical(data[c]) for c in columns})


def factor_methods(method, visit: list[str], columns: dict[str, int], default_method: Sequence[str]):
    """``method`` with the numbers-only methods of the listed columns replaced by the default
    method for two or more categories (a dict when anything changes).

    Examples
    --------
    >>> factor_methods("normrank", ["mpg", "cyl", "am"], {"cyl": 3, "am": 2},
    ...                ("normrank", "logreg", "polyreg", "polr"))
    {'mpg': 'sample', 'cyl': 'polyreg', 'am': 'logreg'}
    """
    def numbers_only(name) -> bool:
        return isinstance(name, str) and name in METHOD_INFO and "binary" not in METHOD_INFO[name].kinds \
            and "unordered" not in METHOD_INFO[name].kinds

    if not columns:
        return method
    chosen = dict(method) if isinstance(method, dict) else {
        c: "sample" if i == 0 else method for i, c in enumerate(visit)}
    changed = [c for c in columns if numbers_only(chosen.get(c))]
    for column in changed:
        chosen[column] = default_method[1] if columns[column] <= 2 else default_method[2]
    return chosen if changed else method
