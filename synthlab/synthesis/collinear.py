"""Collinear columns, derived from the first of their set as synthpop's ``collinear.out``.

Two columns are collinear when their correlation is at least 0.99999 in absolute value
(computed as synthpop does, ``cor(data.matrix(x), use = "pairwise.complete.obs")``: a
categorical column enters as its category codes, a missing category as a code of its own).
Height in metres beside height in centimetres is the usual case. Of each set of collinear
columns, the first in the visit sequence is synthesised; every other one gets the method
"collinear": no model is fitted, its synthetic value is the observed value of the first
observed row whose first column has the same value (R's ``syn.collinear``), and it predicts
no other column.

synthpop leaves a value missing when the first column's synthetic value was never observed
(after smoothing, say); synthlab then uses the straight line through the observed pairs.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.synthesis.copies import Recode
from synthlab.synthesis.variables import is_numeric

__all__ = ['Collinear', 'collinear_sets', 'find_collinear', 'pairwise_correlation', 'THRESHOLD']

THRESHOLD = 0.99999  # synthpop's collinear.out


class Collinear(Recode):
    """A column derived from ``source``, with which it is collinear (method "collinear")."""

    def __init__(self, source: str, observed_source: pd.Series, observed: pd.Series):
        super().__init__(source, observed_source, observed)
        self.label = "collinear"
        x, y = observed_source.to_numpy(dtype=float), observed.to_numpy(dtype=float)
        both = ~np.isnan(x) & ~np.isnan(y)
        self.slope, self.intercept = np.polyfit(x[both], y[both], 1) if both.sum() > 1 else (0.0, np.nan)

    def compute(self, frame: pd.DataFrame) -> np.ndarray:
        x = frame[self.source]
        position = self.keys.get_indexer(x.astype(object))
        values = np.where(position >= 0, self.values[np.maximum(position, 0)], np.nan).astype(float)
        unseen = (position < 0) & x.notna().to_numpy()
        values[unseen] = self.intercept + self.slope * x.to_numpy(dtype=float)[unseen]
        return values


def collinear_sets(observed: pd.DataFrame, columns: list[str], threshold: float = THRESHOLD) -> list[list[str]]:
    """The sets of collinear columns among ``columns`` (each in the order of ``columns``).

    Examples
    --------
    >>> data = pd.DataFrame({"cm": [150.0, 160.0, 172.0], "m": [1.5, 1.6, 1.72], "w": [50.0, 70.0, 60.0]})
    >>> collinear_sets(data, ["cm", "w", "m"])
    [['cm', 'm']]
    """
    z = pairwise_correlation([_as_number(observed[c]) for c in columns])
    hit = np.abs(z) >= threshold
    sets, seen = [], set()
    for row in hit:
        key = row.tobytes()
        if row.sum() > 1 and key not in seen:
            seen.add(key)
            sets.append([c for c, h in zip(columns, row) if h])
    return sets


def find_collinear(observed: pd.DataFrame, visit: list[str], candidates: list[str]) -> dict[str, Collinear]:
    """The ``candidates`` collinear with a column visited before them: column -> :class:`Collinear`.

    Examples
    --------
    >>> data = pd.DataFrame({"cm": [150.0, 160.0, 172.0, 181.0], "m": [1.5, 1.6, 1.72, 1.81]})
    >>> found = find_collinear(data, ["cm", "m"], ["m"])
    >>> found["m"].source, found["m"].label
    ('cm', 'collinear')
    """
    derived = {}
    for members in collinear_sets(observed, visit):
        first = min(members, key=visit.index)
        for column in members:
            if column != first and column in candidates and column not in derived and is_numeric(observed[column]):
                derived[column] = Collinear(first, observed[first], observed[column])
    return derived


def pairwise_correlation(columns: list[np.ndarray], chunk: int = 65_536) -> np.ndarray:
    """Pearson correlations of the columns, each pair on the rows where both are present
    (R's ``use = "pairwise.complete.obs"``); 0 where undefined (a constant column).

    Computed from sums over blocks of rows (values shifted by their means first), so that
    no copy of the whole data is made.

    Examples
    --------
    >>> x = np.array([1.0, 2.0, 3.0, np.nan])
    >>> pairwise_correlation([x, 2 * x, np.array([1.0, 0.0, 1.0, 5.0])]).round(6).tolist()
    [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    p = len(columns)
    first = np.array([np.asarray(c[:chunk], dtype=float) for c in columns]) if p else np.empty((0, 0))  # a row each
    known = ~np.isnan(first)  # the mean of each column's known values: a shift, for precision
    centre = np.where(known, first, 0.0).sum(axis=1) / np.maximum(known.sum(axis=1), 1)
    n = np.zeros((p, p))
    s_x = np.zeros((p, p))    # s_x[i, j]: sum of column i over rows where j is present too
    s_xx = np.zeros((p, p))
    s_xy = np.zeros((p, p))
    for start in range(0, len(columns[0]) if columns else 0, chunk):
        block = np.column_stack([np.asarray(c[start:start + chunk], dtype=float) - m for c, m in zip(columns, centre)])
        present = ~np.isnan(block)
        if present.all():  # the usual case: sums per column suffice
            n += len(block)
            s_x += block.sum(axis=0)[:, None]
            s_xx += (block * block).sum(axis=0)[:, None]
            s_xy += block.T @ block
            continue
        values = np.where(present, block, 0.0)
        weights = present.astype(float)
        n += weights.T @ weights
        s_x += values.T @ weights
        s_xx += (values * values).T @ weights
        s_xy += values.T @ values
    with np.errstate(invalid="ignore", divide="ignore"):
        covariance = n * s_xy - s_x * s_x.T
        spread = (n * s_xx - s_x ** 2) * (n * s_xx - s_x ** 2).T
        z = covariance / np.sqrt(spread)
    z[~np.isfinite(z) | (n < 2)] = 0.0
    np.fill_diagonal(z, 1.0)
    return z


def _as_number(column: pd.Series) -> np.ndarray:
    """A column as R's ``data.matrix`` sees it: numbers as they are, categories as codes
    (a missing value as NaN; R counts from 1, which no correlation sees); converted to float
    block by block."""
    if is_numeric(column):
        return column.to_numpy()
    codes = column.array.codes if isinstance(column.dtype, pd.CategoricalDtype) else pd.Categorical(column).codes
    return np.where(codes < 0, np.nan, codes) if (codes < 0).any() else codes
