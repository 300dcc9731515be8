"""Saturated models of categorical data: synthpop's ``satcat`` and ``catall``.

``satcat`` (synthpop's ``syn.satcat``): each synthetic record gets the y of an observed record
drawn at random from those with exactly its combination of predictor values, i.e. y is drawn
from its observed distribution within the full cross-classification of the predictors. A
synthetic combination that no observed record has is an error, as in synthpop.

``catall`` (synthpop's ``syn.catall``) draws a group of categorical variables jointly from
their full cross-table with ``priorn / cells`` added to every cell (cells: all combinations
of the categories, also unobserved ones), so that combinations absent from the observed data
can appear. synthpop runs it once for the leading variables of the visit sequence. Here it is
a method per column: y is drawn from its conditional distribution given the predictors in the
table of y and the predictors, with ``priorn / cells`` of *that* table added to each cell:

    P(y = j | x) = (n(x, j) + priorn / cells) / (n(x) + L_y priorn / cells),

L_y the number of categories of y. Given ``catall`` for each of the leading categorical
columns, each predicted by all the columns before it (synthlab's default predictor matrix),
the product of these conditionals is exactly synthpop's smoothed joint table, because summing
its cells over the later variables gives the same ``priorn / cells`` share per cell. Not
ported: synthpop's differential-privacy noise (``epsilon``, ``noisetype``), structural zeros
(``structzero``) and ``rand = FALSE``; synthpop draws one multinomial of k over the cells and
shuffles the rows, which is the same distribution as k independent draws.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.synthesis.methods import _from_codes, _take, draw_categories, draw_within_groups, register


@register("satcat")
def syn_satcat(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator) -> tuple[object, dict]:
    """Draw y from the observed records with the same combination of predictor values.

    Raises
    ------
    ValueError
        If a synthetic combination of predictor values has no observed record.

    Examples
    --------
    >>> x = pd.DataFrame({"g": pd.Categorical(["a", "a", "b", "b"])})
    >>> y = pd.Series([1.0, 2.0, 10.0, 20.0], name="y")
    >>> values, fit = syn_satcat(y, x, x.iloc[[2, 0]], np.random.default_rng(1))
    >>> bool(values[0] in (10.0, 20.0) and values[1] in (1.0, 2.0)), fit
    (True, {'groups': 2})
    """
    observed_group, synthetic_group = _combinations(x, xp)
    unseen = ~np.isin(synthetic_group, observed_group)
    if unseen.any():
        examples = xp[unseen].drop_duplicates().head(3).to_dict("records")
        raise ValueError(f"method 'satcat' for {y.name!r}: {int(unseen.sum())} synthetic record(s) have a "
                         f"combination of predictor values no observed record has, e.g. {examples}")
    rows = draw_within_groups(observed_group, synthetic_group, rng)
    return _take(y, rows), {"groups": int(len(np.unique(observed_group)))}


@register("catall", kinds=("binary", "unordered", "ordered"))
def syn_catall(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
               priorn: float = 1.0, max_table: float = 1e8) -> tuple[pd.Categorical, dict]:
    """Draw y from its saturated conditional table given categorical predictors, with
    ``priorn / cells`` added to every cell (see the module docstring).

    Examples
    --------
    >>> x = pd.DataFrame({"g": pd.Categorical(["a"] * 4 + ["b"] * 4)})
    >>> y = pd.Series(pd.Categorical(["u", "u", "u", "v", "v", "v", "v", "v"]), name="y")
    >>> values, fit = syn_catall(y, x, x, np.random.default_rng(1))
    >>> fit  # 2 x 2 cells, prior 1/4 per cell: P(u | a) = 3.25 / 4.5
    {'cells': 4, 'prior': 0.25}
    """
    not_categorical = [c for c in x.columns if not isinstance(x[c].dtype, pd.CategoricalDtype)]
    if not_categorical:
        raise ValueError(f"method 'catall' for {y.name!r} needs categorical predictors; "
                         f"{not_categorical} are not")
    levels = len(y.cat.categories)
    cells = levels * int(np.prod([len(x[c].cat.categories) for c in x.columns]))
    if cells > max_table:
        raise ValueError(f"method 'catall' for {y.name!r}: the table has {cells} cells, more than "
                         f"max_table = {max_table:g}; use fewer or coarser predictors")
    observed_group, synthetic_group = _combinations(x, xp)
    groups = int(max(observed_group.max(initial=0), synthetic_group.max(initial=0))) + 1
    counts = np.zeros((groups, levels))
    np.add.at(counts, (observed_group, y.cat.codes.to_numpy()), 1)
    table = counts[synthetic_group] + priorn / cells
    codes = draw_categories(table / table.sum(axis=1, keepdims=True), rng)
    return _from_codes(y, codes), {"cells": cells, "prior": priorn / cells}


def _combinations(x: pd.DataFrame, xp: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """One integer per distinct combination of predictor values, for observed and synthetic rows."""
    if x.shape[1] == 0:
        return np.zeros(len(x), dtype=np.intp), np.zeros(len(xp), dtype=np.intp)
    both = pd.concat([x, xp], ignore_index=True)
    group = both.groupby(list(both.columns), observed=True, dropna=False, sort=False).ngroup().to_numpy()
    return group[:len(x)].astype(np.intp), group[len(x):].astype(np.intp)
