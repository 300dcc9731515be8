"""Utility of tables: how far the synthetic counts of each one- or two-way table are from the
observed ones (synthpop's ``utility.tab`` and ``utility.tables``).

Every variable becomes a categorical one: numeric columns are cut into ``ngroups`` groups at
quantiles of the observed and synthetic values together (R's ``classIntervals(style =
"quantile")`` and ``cut(right = FALSE, include.lowest = TRUE)``; equal-width groups when the
quantiles give fewer than 3), each missing-value code of ``cont_na`` is a group of its own and
missing values are a group. For the table of each pair of variables, with ``o`` and ``s`` the
observed and synthetic counts of the non-empty cells, ``c = sum(s) / N``,
``VW = sum((s - o c / (1 - c))^2 / ((o + s) c))``, df = number of non-empty cells - 1,
``S_pMSE = VW / df`` (about 1 when the synthetic table differs from the observed one by chance
alone) and ``pMSE = VW c (1 - c)^2 / N``: the pMSE of a logistic model saturated in the cells.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from synthlab._checks import require_frame
from synthlab.evaluation.columns import category_levels, is_number
from synthlab.evaluation.inputs import synthetic_sets

__all__ = ["utility_tab", "utility_tables", "UtilityTables"]


@dataclass(frozen=True, eq=False)
class UtilityTables:
    """Result of :func:`utility_tables`.

    Attributes
    ----------
    tabs : pandas.DataFrame
        One row per table (index "var1:var2", or "var" for one-way tables), columns ``pMSE``,
        ``S_pMSE`` and ``df`` (each the mean over the synthetic sets).
    matrix : pandas.DataFrame
        Two-way tables: S_pMSE of every pair, symmetric, variables in their order (diagonal
        missing); one-way: a single row.
    var_scores : pandas.Series
        Each variable's mean S_pMSE over the tables it is in, worst first.
    worst : pandas.Series
        The ``nworst`` tables with the largest S_pMSE.
    figure : matplotlib Figure or None
        The heat map of ``matrix`` (``plot=True``).
    """

    tabs: pd.DataFrame
    matrix: pd.DataFrame
    var_scores: pd.Series
    worst: pd.Series
    figure: object = None

    def __repr__(self) -> str:
        return f"UtilityTables({len(self.tabs)} tables; worst:\n{self.worst.round(3).to_string()})"


def _grouped(observed: pd.Series, synthetic: list[pd.Series], codes: list, ngroups: int) -> list[np.ndarray]:
    """Integer groups of one variable in the observed set (first) and every synthetic set."""
    series = [observed] + synthetic
    if not is_number(observed):
        levels = category_levels(observed, *synthetic)
        out = []
        for values in series:
            group = pd.Categorical(values.astype(object), categories=levels).codes.astype(np.int64)
            group[values.isna().to_numpy()] = len(levels)
            out.append(group)
        return out
    arrays = [s.to_numpy(dtype=float) for s in series]
    special = [np.isnan(a) | np.isin(a, codes) for a in arrays]
    pool = np.concatenate([arrays[0][~special[0]]] + [a[~m] for a, m in zip(arrays[1:], special[1:])])
    if len(pool) == 0:
        raise ValueError(f"column {observed.name!r} has only missing values or codes: it cannot be grouped")
    breaks = np.unique(np.quantile(pool, np.linspace(0, 1, ngroups + 1)))
    if len(breaks) - 1 + len(codes) < 3:                  # R: fewer than 3 groups -> equal widths
        breaks = np.unique(np.linspace(pool.min(), pool.max(), ngroups + 1))
    n_bins = max(len(breaks) - 1, 1)
    out = []
    for a, m in zip(arrays, special):
        group = np.empty(len(a), dtype=np.int64)
        group[~m] = _cut(a[~m], breaks)
        for j, code in enumerate(codes):
            group[a == code] = n_bins + j
        group[np.isnan(a)] = n_bins + len(codes)
        out.append(group)
    return out


def _cut(values: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """R's cut(right = FALSE, include.lowest = TRUE): [b0, b1), ..., [b_k-1, b_k]."""
    if len(breaks) < 2:
        return np.zeros(len(values), dtype=np.int64)
    return np.clip(np.searchsorted(breaks, values, side="right") - 1, 0, len(breaks) - 2)


def _table_stats(observed: list[np.ndarray], synthetic: list[np.ndarray]) -> tuple[float, float, int]:
    """pMSE, S_pMSE and df of the table of the given grouped variables."""
    sizes = [int(max(o.max(initial=0), s.max(initial=0))) + 1 for o, s in zip(observed, synthetic)]
    cell_o = np.ravel_multi_index(observed, sizes) if len(observed) > 1 else observed[0]
    cell_s = np.ravel_multi_index(synthetic, sizes) if len(synthetic) > 1 else synthetic[0]
    total = int(np.prod(sizes))
    o = np.bincount(cell_o, minlength=total).astype(float)
    s = np.bincount(cell_s, minlength=total).astype(float)
    keep = (o + s) > 0
    o, s = o[keep], s[keep]
    n = o.sum() + s.sum()
    c = s.sum() / n
    vw = float(np.sum((s - o * c / (1 - c)) ** 2 / ((o + s) * c)))
    df = int(keep.sum()) - 1
    return vw * c * (1 - c) ** 2 / n, (vw / df if df > 0 else np.nan), df


def utility_tables(observed: pd.DataFrame, synthetic, *, vars: list | None = None, tables: str = "twoway",
                   cont_na: dict | None = None, ngroups: int = 5, nworst: int = 5,
                   plot: bool = True) -> UtilityTables:
    """S_pMSE of the table of every pair of variables (or of every variable): which
    relationships did the synthesis keep, and which did it lose? As synthpop's
    ``utility.tables``, whose heat map its utility vignette is built on.

    Parameters
    ----------
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult or list of them
        With several synthetic sets each statistic is their mean, as in R.
    vars : list of str, optional
        The variables (default: all columns of ``observed``), taken in the data's order.
    tables : {"twoway", "oneway"}, default "twoway"
    cont_na : dict, optional
        Numeric column -> missing-value codes, each a group of its own (read from a
        synthesis result when not given).
    ngroups : int, default 5
        Quantile groups per numeric variable.
    nworst : int, default 5
    plot : bool, default True
        Draw the heat map of S_pMSE.

    Returns
    -------
    UtilityTables

    Examples
    --------
    >>> obs = pd.DataFrame({"a": list("xxyy") * 25, "b": list("uvuv") * 25, "c": list("pq") * 50})
    >>> syn = obs.assign(b=list("uuvv") * 25)        # b's relation to a lost
    >>> out = utility_tables(obs, syn, plot=False)
    >>> out.tabs["S_pMSE"].round(2).to_dict()
    {'a:b': 44.44, 'a:c': 0.0, 'b:c': 44.44}
    """
    from synthlab.evaluation.utility import measure_cont_na
    require_frame(observed, "observed")
    if tables not in ("twoway", "oneway"):
        raise ValueError(f"tables must be 'twoway' or 'oneway', got {tables!r}")
    if isinstance(ngroups, bool) or not isinstance(ngroups, (int, np.integer)) or ngroups < 2:
        raise ValueError(f"ngroups must be an integer >= 2, got {ngroups!r}")
    variables = list(observed.columns) if vars is None else [v for v in observed.columns if v in set(vars)]
    unknown = [str(v) for v in (vars or []) if v not in observed.columns]
    if unknown:
        raise KeyError(f"vars names column(s) not in observed: {', '.join(unknown)}")
    if len(variables) < (2 if tables == "twoway" else 1):
        raise ValueError(f"{tables} tables need at least {2 if tables == 'twoway' else 1} variable(s) in vars")
    codes = measure_cont_na(observed, synthetic, cont_na)
    sets = synthetic_sets(synthetic)
    for i, frame in enumerate(sets):
        missing = [str(v) for v in variables if v not in frame.columns]
        if missing:
            raise KeyError(f"synthetic{'' if len(sets) == 1 else f'[{i}]'} lacks column(s) {', '.join(missing)}")
    grouped = {v: _grouped(observed[v], [f[v] for f in sets], codes.get(v, []), ngroups) for v in variables}
    groups = list(combinations(variables, 2)) if tables == "twoway" else [(v,) for v in variables]
    rows = []
    for group in groups:
        stats = [_table_stats([grouped[v][0] for v in group], [grouped[v][i + 1] for v in group])
                 for i in range(len(sets))]
        rows.append(np.mean(np.array(stats, dtype=float), axis=0))
    tabs = pd.DataFrame(rows, columns=["pMSE", "S_pMSE", "df"], index=[":".join(map(str, g)) for g in groups])
    if tables == "twoway":
        matrix = pd.DataFrame(np.nan, index=variables, columns=variables)
        for (a, b), value in zip(groups, tabs["S_pMSE"]):
            matrix.loc[a, b] = matrix.loc[b, a] = value
        var_scores = matrix.mean(axis=1)
    else:
        matrix = pd.DataFrame([tabs["S_pMSE"].to_numpy()], index=["S_pMSE"], columns=variables)
        var_scores = tabs["S_pMSE"].set_axis(variables)
    var_scores = var_scores.sort_values(ascending=False, kind="stable")
    worst = tabs["S_pMSE"].sort_values(ascending=False, kind="stable").head(nworst)
    figure = _heat_map(matrix, tables) if plot else None
    return UtilityTables(tabs, matrix, var_scores, worst, figure)


def utility_tab(observed: pd.DataFrame, synthetic, vars: list, *, cont_na: dict | None = None,
                ngroups: int = 5) -> pd.Series:
    """pMSE, S_pMSE and df of the table of ``vars`` (one or more variables), as synthpop's
    ``utility.tab``; the mean over several synthetic sets.

    Examples
    --------
    >>> obs = pd.DataFrame({"a": list("xy") * 50})
    >>> utility_tab(obs, obs.copy(), ["a"])["S_pMSE"]
    np.float64(0.0)
    """
    from synthlab.evaluation.utility import measure_cont_na
    require_frame(observed, "observed")
    unknown = [str(v) for v in vars if v not in observed.columns]
    if unknown or not vars:
        raise KeyError(f"vars must name columns of observed; unknown: {', '.join(unknown) or '(none given)'}")
    codes = measure_cont_na(observed, synthetic, cont_na)
    sets = synthetic_sets(synthetic)
    grouped = {v: _grouped(observed[v], [f[v] for f in sets], codes.get(v, []), ngroups) for v in vars}
    stats = [_table_stats([grouped[v][0] for v in vars], [grouped[v][i + 1] for v in vars]) for i in range(len(sets))]
    return pd.Series(np.mean(np.array(stats, dtype=float), axis=0), index=["pMSE", "S_pMSE", "df"])


def _heat_map(matrix: pd.DataFrame, tables: str):
    import matplotlib.pyplot as plt
    size = max(4.0, 0.45 * matrix.shape[1] + 2)
    figure, axis = plt.subplots(figsize=(size, size * (0.85 if tables == "twoway" else 0.35)))
    image = axis.imshow(matrix.to_numpy(dtype=float), cmap="Reds", vmin=0)
    axis.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=90)
    axis.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    title = "pairs of variables" if tables == "twoway" else "each variable"
    axis.set_title(f"{'Two' if tables == 'twoway' else 'One'}-way utility: S_pMSE for {title}")
    figure.colorbar(image, ax=axis, label="S_pMSE")
    figure.tight_layout()
    plt.close(figure)
    return figure
