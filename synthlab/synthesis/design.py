"""Predictor matrices for the model fits: categorical predictors dummy-coded.

Every built-in method fits on the observed predictors ``x`` and predicts for the synthetic
predictors ``xp``; both are DataFrames with the same columns. :func:`design_matrix` turns them
into two arrays coded the same way, so a model fitted on one applies to the other.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.evaluation.columns import is_number_dtype
from synthlab.synthesis.variables import as_categorical


def design_matrix(x: pd.DataFrame, xp: pd.DataFrame, *, intercept: bool = True, tree: bool = False,
                  dtype: type = np.float64) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Code observed and synthetic predictors as arrays with the same columns.

    Parameters
    ----------
    x, xp : pandas.DataFrame
        Observed and synthetic predictors (same columns).
    intercept : bool, default True
        Put a column of ones first (regression methods). Ignored when ``tree`` is True.
    tree : bool, default False
        Coding for trees: numeric columns as they are, ordered categoricals as their codes
        0, 1, 2, ... (splits respect the order, as R's rpart does), unordered ones as one
        0/1 column per category. Otherwise every categorical becomes dummies for all but its
        first category (treatment coding, as R's ``lm``), and columns that are constant in the
        observed data are dropped (the intercept already covers them).
    dtype : numpy dtype, default float64
        Element type (scikit-learn's trees work in float32).

    Returns
    -------
    X, XP : numpy.ndarray
        Arrays of shape (len(x), p) and (len(xp), p). Missing values are NaN.
    names : list of str
        The name of each of the p columns, e.g. ``"gen[G2]"`` for a dummy.

    Examples
    --------
    >>> x = pd.DataFrame({"age": [1.0, 2.0, 3.0], "reg": pd.Categorical(["a", "b", "a"])})
    >>> X, XP, names = design_matrix(x, x.iloc[:2])
    >>> names
    ['const', 'age', 'reg[b]']
    >>> X.shape, XP.shape
    ((3, 3), (2, 3))
    """
    plan = _plan(x, tree)
    names = [name for *_, block in plan for name in block]
    X, XP = _code(x, plan, len(names), dtype), _code(xp, plan, len(names), dtype)
    if not tree:
        varies = np.ptp(X, axis=0) > 0 if len(X) else np.zeros(X.shape[1], dtype=bool)
        if not varies.all():
            X, XP, names = X[:, varies], XP[:, varies], [n for n, keep in zip(names, varies) if keep]
        if intercept:
            X = np.column_stack([np.ones(len(X), dtype=dtype), X])
            XP = np.column_stack([np.ones(len(XP), dtype=dtype), XP])
            names = ["const", *names]
    return X, XP, names


def _plan(reference: pd.DataFrame, tree: bool) -> list[tuple]:
    """How each column is coded, from ``reference`` (observed): (column, levels, names), with
    levels None for a number, "codes" for an ordered categorical in a tree, else the
    category positions that get a 0/1 column."""
    plan = []
    for column, dtype in reference.dtypes.items():
        if is_number_dtype(dtype):
            plan.append((column, None, [str(column)]))
            continue
        if not isinstance(dtype, pd.CategoricalDtype):
            dtype = as_categorical(reference[column]).dtype
        if tree and dtype.ordered:
            plan.append((column, "codes", [str(column)]))
        else:
            categories = dtype.categories
            levels = np.arange(0 if tree else 1, len(categories))
            plan.append((column, levels, [f"{column}[{categories[level]}]" for level in levels]))
    return plan


def _code(frame: pd.DataFrame, plan: list[tuple], width: int, dtype) -> np.ndarray:
    """Fill one array column by column, as ``plan`` says."""
    out = np.empty((len(frame), width), dtype=dtype)
    at = 0
    for column, levels, block in plan:
        if levels is None:
            out[:, at] = frame[column].to_numpy(dtype=float)
        else:
            codes = as_categorical(frame[column]).array.codes
            if isinstance(levels, str):
                out[:, at] = codes
            else:
                out[:, at:at + len(block)] = codes[:, None] == levels[None, :]
            if codes.min(initial=0) < 0:
                out[codes < 0, at:at + len(block)] = np.nan
        at += len(block)
    return out
