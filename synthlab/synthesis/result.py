"""The result of :func:`synthlab.syn`: synthetic data and how they were made.

It holds the synthetic data set(s), the method, visit sequence and predictor matrix used, the
seed, and the fitted parameters per variable (numbers such as coefficients, never rows of the
observed data: a CART fit is summarised by its number of leaves and depth only). Its ``repr``
reads like synthpop's summary of a synthesis.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True, repr=False)
class SynResult:
    """Synthetic data and the recipe that made them.

    Attributes
    ----------
    data : pandas.DataFrame or list of pandas.DataFrame
        The synthetic data set; a list of ``m`` data sets when ``m > 1``.
    method : dict
        Column -> method used ("sample", "cart", "norm", ..., "~ formula" for passive columns,
        the function's name for a custom method).
    visit_sequence : list of str
        The order in which the columns were synthesised.
    predictor_matrix : pandas.DataFrame
        0/1 matrix: row = column synthesised, column = predictor used for it.
    seed : int or None
        The seed; when ``syn`` was called without one, the seed it drew (so the run can be
        repeated). None when a Generator was passed.
    m, k : int
        Number of synthetic data sets and of rows in each.
    n_observed : int
        Number of rows of the observed data (a count: the rows themselves are not kept).
    smoothing : dict
        Column -> smoothing kind ("spline", "density" or "rmean") for the columns that were smoothed.
    rules : dict
        Column -> list of (condition, value) restrictions.
    fits : list of dict
        For each data set, column -> fitted parameters of its model (whatever a custom method
        returned as its second item).
    missing : dict
        Numeric column with missing values or codes -> the method that synthesised its
        missing-value indicator (see :mod:`synthlab.synthesis.missing`).
    cont_na : dict
        Numeric column -> the codes that stood for missing values (``syn(cont_na=...)``); the
        utility measures read them from here.
    """

    data: pd.DataFrame | list[pd.DataFrame]
    method: dict[str, str]
    visit_sequence: list[str]
    predictor_matrix: pd.DataFrame
    seed: int | None
    m: int
    k: int
    n_observed: int
    smoothing: dict[str, str] = field(default_factory=dict)
    rules: dict[str, list[tuple[str, object]]] = field(default_factory=dict)
    fits: list[dict[str, object]] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    cont_na: dict[str, list[float]] = field(default_factory=dict)

    def __repr__(self) -> str:
        visit = self.visit_sequence
        lines = [f"Synthetic data from syn(): seed {self.seed}",
                 "",
                 f"Number of synthesised data sets: {self.m}",
                 f"Rows per data set: {self.k} (observed: {self.n_observed})",
                 "",
                 "Synthesis methods:",
                 _table({c: self.method[c] for c in visit}),
                 "",
                 "Order of synthesis (visit_sequence):",
                 _table({c: str(i) for i, c in enumerate(visit, start=1)}),
                 "",
                 "Matrix of predictors used (predictor_matrix):",
                 self.predictor_matrix.loc[visit, visit].to_string()]
        if self.smoothing:
            lines += ["", "Smoothing:", _table(self.smoothing)]
        if self.missing:
            lines += ["", "Missing values, synthesised first (method of the indicator):", _table(self.missing)]
        if self.rules:
            lines += ["", "Rules (condition -> value):"]
            lines += [f"  {column}: {condition} -> {value!r}" for column, pairs in self.rules.items()
                      for condition, value in pairs]
        return "\n".join(lines)


def _table(entries: dict[str, str]) -> str:
    """Two-row table, names above values, right-aligned like R's print of a named vector."""
    widths = [max(len(str(k)), len(str(v))) for k, v in entries.items()]
    top = " ".join(str(k).rjust(w) for k, w in zip(entries, widths))
    bottom = " ".join(str(v).rjust(w) for v, w in zip(entries.values(), widths))
    return f"{top}\n{bottom}"
