"""Columns copied rather than modelled: constants and 1:1 recodes of an earlier column (synthpop).

synthpop does not fit a model to a column that holds one value only (it is reproduced as it
is) or to a column that is an exact 1:1 recode of a column synthesised before it, such as a
region's name next to its code (the synthetic column is the earlier one's synthetic values
put through the observed mapping). A missing value counts as a value of its own. Columns
with more distinct values than half the rows (continuous ones) are never taken for recodes:
two columns of distinct values always map 1:1.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


class Constant:
    """A column with one observed value: every synthetic row gets it."""

    label = "constant"

    def __init__(self, observed: pd.Series):
        self.value = observed.iloc[0]

    def compute(self, frame: pd.DataFrame) -> np.ndarray:
        return np.full(len(frame), self.value, dtype=object)


class Recode:
    """A column that is a 1:1 recode of ``source``: synthetic values through the observed mapping."""

    def __init__(self, source: str, observed_source: pd.Series, observed: pd.Series):
        pairs = pd.DataFrame({"from": observed_source.astype(object), "to": observed.astype(object)})
        pairs = pairs.drop_duplicates("from")
        self.source, self.keys, self.values = source, pd.Index(pairs["from"]), pairs["to"].to_numpy()
        self.label = f"recode of {source}"

    def compute(self, frame: pd.DataFrame) -> np.ndarray:
        position = self.keys.get_indexer(frame[self.source].astype(object))
        if (position < 0).any():
            raise ValueError(f"the synthetic {self.source!r} holds values never observed, so it cannot be "
                             "recoded; synthesise it with a method that reuses observed values")
        return self.values[position]


def is_recode(a: pd.Series, b: pd.Series) -> bool:
    """True if ``a`` and ``b`` determine each other (a 1:1 recode; missing is a value).

    Examples
    --------
    >>> is_recode(pd.Series([1, 2, 1, None]), pd.Series(["x", "y", "x", "z"]))
    True
    >>> is_recode(pd.Series([1, 2, 3]), pd.Series(["x", "y", "x"]))
    False
    """
    codes_a, codes_b = _value_codes(a), _value_codes(b)
    distinct_a = int(np.count_nonzero(np.bincount(codes_a)))
    if distinct_a != int(np.count_nonzero(np.bincount(codes_b))):
        return False
    pairs = codes_a * (int(codes_b.max(initial=0)) + 1) + codes_b
    return int(np.count_nonzero(np.bincount(pairs))) == distinct_a


def _value_codes(column: pd.Series) -> np.ndarray:
    """A whole number >= 0 per row, the same for the same value (missing is a value of its own)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.array.codes.astype(np.int64) + 1  # missing (-1) becomes 0
    return pd.factorize(column, use_na_sentinel=False)[0].astype(np.int64)


def distinct_values(column: pd.Series) -> int:
    """The number of distinct values of ``column``, missing counted as one (``nunique(dropna=False)``).

    Examples
    --------
    >>> distinct_values(pd.Series([1.0, None, 1.0, 2.0])), distinct_values(pd.Series(pd.Categorical(["a", None])))
    (3, 2)
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return int(np.count_nonzero(np.bincount(column.array.codes + 1)))
    return len(pd.unique(column.to_numpy()))


def find_copies(observed: pd.DataFrame, visit: list[str], candidates: list[str],
                sources: set[str]) -> dict[str, Constant | Recode]:
    """The ``candidates`` to copy: constants, and recodes of an earlier column of ``sources``.

    Examples
    --------
    >>> data = pd.DataFrame({"code": [1, 2, 1, 2], "name": ["a", "b", "a", "b"], "one": [5, 5, 5, 5]})
    >>> {c: copy.label for c, copy in find_copies(data, list(data), list(data), {"code"}).items()}
    {'name': 'recode of code', 'one': 'constant'}
    """
    distinct = {c: distinct_values(observed[c]) for c in visit}
    copies: dict[str, Constant | Recode] = {}
    for i, column in enumerate(visit):
        if column not in candidates:
            continue
        if distinct[column] == 1:
            copies[column] = Constant(observed[column])
            continue
        for source in visit[:i]:
            if (source in sources and source not in copies and distinct[source] == distinct[column]
                    and 2 * distinct[column] <= len(observed)  # all-distinct columns pair up trivially
                    and is_recode(observed[source], observed[column])):
                copies[column] = Recode(source, observed[source], observed[column])
                break
    return copies
