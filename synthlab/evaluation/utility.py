"""Utility of synthetic data: fit-for-purpose checks and the propensity-score measure pMSE.

Three kinds of utility (Drechsler & Haensch 2024): fit-for-purpose (plausible values; here
:func:`compare` and :func:`check_constraints`), global (the distributions as a whole; here
:func:`pmse`, and :func:`synthlab.ulsif` in ``density_ratio``) and outcome-specific (one
analysis; :func:`synthlab.compare_fit` in ``fit_comparison``). Every measure is called as
``measure(observed, synthetic, ...)``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from scipy.linalg import LinAlgWarning, qr
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from synthlab._blas import one_blas_thread
from synthlab._checks import make_rng, require_frame
from synthlab.evaluation.columns import category_levels, is_number
from synthlab.evaluation.inputs import one_or_many, pooled, synthetic_sets
from synthlab.evaluation.propensity_tree import grow_propensity_trees, prepare_tree_design

__all__ = ["compare", "check_constraints", "pmse", "PMSEResult", "propensity_design", "propensity_columns"]

QUANTILES = {"min": 0.0, "q25": 0.25, "median": 0.5, "q75": 0.75, "max": 1.0}


# ---------------------------------------------------------------- fit for purpose


def compare(observed: pd.DataFrame, synthetic, *, plot: bool = False, stat: str = "percents") -> pd.DataFrame:
    """Summary statistics of every variable, observed next to synthetic, in one tidy table.

    Numeric columns get mean, sd, min, q25, median, q75 and max of the values that are there;
    categorical columns get the share of each level (in %). A column with missing values in
    either data set also gets a ``% missing`` row (share of all rows). With ``plot=True`` the
    marginal distributions are also drawn side by side
    (:func:`synthlab.evaluation.plots.plot_marginals`).

    Parameters
    ----------
    observed : pandas.DataFrame
        The statistics are computed for its columns.
    synthetic : DataFrame, SynResult or list of them
        A synthesis result stands for its ``.data``; several synthetic sets (``m > 1`` or a
        list) are pooled into one column of statistics, as synthpop's ``compare`` does.
    plot : bool, default False
        Also draw the marginal distributions.
    stat : {"percents", "counts"}, default "percents"
        How categorical columns and missing values are summarised, as synthpop's
        ``compare(stat=)``: shares in % (rows ``% level``, ``% missing``) or counts (rows
        ``n level``, ``n missing``). With several synthetic sets the synthetic count is the
        mean count per set, as in R (comparable with the observed count).

    Returns
    -------
    pandas.DataFrame
        Columns ``variable``, ``statistic``, ``observed``, ``synthetic``, ``difference``
        (synthetic - observed), one row per statistic.

    Examples
    --------
    >>> obs = pd.DataFrame({"x": [1.0, 2.0, 3.0], "g": pd.Categorical(["a", "b", "b"])})
    >>> syn = pd.DataFrame({"x": [1.0, 2.0, 6.0], "g": pd.Categorical(["a", "a", "b"])})
    >>> compare(obs, syn).set_index(["variable", "statistic"]).loc[("x", "max"), "synthetic"]
    np.float64(6.0)
    """
    require_frame(observed, "observed")
    if stat not in ("percents", "counts"):
        raise ValueError(f"stat must be 'percents' or 'counts', got {stat!r}")
    n_sets = len(synthetic_sets(synthetic))
    synthetic = pooled(synthetic)
    _require_columns(synthetic, observed.columns, "synthetic")
    counts = stat == "counts"
    prefix = "n" if counts else "%"

    def summary(values: pd.Series, sets: int) -> pd.Series:
        found = values.astype(object).value_counts(dropna=False)
        return found / sets if counts else 100 * found / len(values)

    rows = []
    for col in observed.columns:
        obs, syn = observed[col], synthetic[col]
        if is_number(obs):
            for name, (o, s) in _numeric_summary(obs, syn).items():
                rows.append((col, name, o, s))
        else:
            o_share, s_share = summary(obs, 1), summary(syn, n_sets)
            for level in category_levels(obs, syn):
                rows.append((col, f"{prefix} {level}", float(o_share.get(level, 0.0)), float(s_share.get(level, 0.0))))
        if obs.isna().any() or syn.isna().any():
            if counts:
                rows.append((col, "n missing", float(obs.isna().sum()), float(syn.isna().sum()) / n_sets))
            else:
                rows.append((col, "% missing", 100 * obs.isna().mean(), 100 * syn.isna().mean()))
    table = pd.DataFrame(rows, columns=["variable", "statistic", "observed", "synthetic"])
    table["difference"] = table["synthetic"] - table["observed"]
    if plot:
        from synthlab.evaluation.plots import plot_marginals
        plot_marginals(observed, synthetic)
    return table


def check_constraints(synthetic, *, observed: pd.DataFrame | None = None,
                      non_negative: list | None = None, passive: dict | None = None,
                      ranges: dict | None = None, tolerance: float = 0.01) -> pd.DataFrame:
    """Count the synthetic values that break a constraint of the real data.

    Checks, one row each in the result:

    - ``negative``: values below 0 in a column that must not be negative (default: the numeric
      columns whose observed minimum is at least 0);
    - ``passive``: rows where a declared relation such as ``{"bmi": "wgt / (hgt / 100) ** 2"}``
      is off by more than ``tolerance`` (absolute; boys' bmi is stored rounded to 2 decimals,
      so exact equality is too strict for the observed data itself);
    - ``level``: values of a categorical column that are not levels of the observed column;
    - ``range``: values outside ``ranges[col] = (low, high)`` (default: the observed minimum
      and maximum of every numeric column).

    A missing value breaks no rule: it is not counted by any check.

    Parameters
    ----------
    synthetic : DataFrame, SynResult or list of them
        The data to check. Several synthetic sets (``m > 1`` or a list) are checked together:
        counts and percentages are over all their rows.
    observed : pandas.DataFrame, optional, keyword only
        The real data (keyword only, so that the two frames cannot be swapped). Supplies the default non-negative columns, levels and ranges.
    non_negative : list of str, optional
    passive : dict, optional
        Column -> formula, read as :func:`synthlab.syn` reads passive formulas (R's ``^`` and
        ``&``/``|`` precedence accepted).
    ranges : dict, optional
        Column -> (low, high).
    tolerance : float, default 0.01

    Returns
    -------
    pandas.DataFrame
        Columns ``check``, ``variable``, ``rule``, ``violations`` (count) and ``percent``.

    Examples
    --------
    >>> syn = pd.DataFrame({"hgt": [50.0, 180.0], "wgt": [-1.0, 70.0], "bmi": [10.0, 21.6]})
    >>> out = check_constraints(syn, non_negative=["wgt"], passive={"bmi": "wgt / (hgt / 100) ** 2"})
    >>> out["violations"].tolist()
    [1, 1]
    """
    synthetic = pooled(synthetic)
    if observed is not None:
        require_frame(observed, "observed")
    if not (isinstance(tolerance, (int, float)) and tolerance >= 0):
        raise ValueError(f"tolerance must be a number >= 0, got {tolerance!r}")
    rows = []
    n = len(synthetic)

    def add(check: str, col: str, rule: str, bad: np.ndarray) -> None:
        count = int(np.sum(bad))
        rows.append((check, col, rule, count, 100 * count / n if n else 0.0))

    if non_negative is None:
        non_negative = [] if observed is None else [
            c for c in observed.columns if is_number(observed[c]) and observed[c].min() >= 0]
    _require_columns(synthetic, non_negative, "synthetic")
    for col in non_negative:
        add("negative", col, ">= 0", synthetic[col].to_numpy(dtype=float) < 0)
    for col, expression in (passive or {}).items():
        _require_columns(synthetic, [col], "synthetic")
        from synthlab.synthesis.passive import evaluate, parse  # syn's parser: R's operators and precedence
        expected = evaluate(parse(expression, what="passive formula"), synthetic).astype(float)
        add("passive", col, f"= {expression}", np.abs(synthetic[col].to_numpy(dtype=float) - expected) > tolerance)
    if observed is not None:
        for col in observed.columns:
            if col in synthetic.columns and not is_number(observed[col]):
                allowed = set(category_levels(observed[col], observed[col]))
                values = synthetic[col].astype(object)
                add("level", col, "observed levels", (values.notna() & ~values.isin(allowed)).to_numpy())
        if ranges is None:
            ranges = {c: (float(observed[c].min()), float(observed[c].max()))
                      for c in observed.columns if c in synthetic.columns and is_number(observed[c])}
    for col, (low, high) in (ranges or {}).items():
        _require_columns(synthetic, [col], "synthetic")
        values = synthetic[col].to_numpy(dtype=float)
        add("range", col, f"in [{low:g}, {high:g}]", (values < low) | (values > high))
    return pd.DataFrame(rows, columns=["check", "variable", "rule", "violations", "percent"])


# ---------------------------------------------------------------- global utility: pMSE


@dataclass(frozen=True, eq=False)
class PMSEResult:
    """Propensity-score mean squared error of one synthetic set (Snoke et al. 2018).

    Attributes
    ----------
    pmse : float
        mean((p_i - c)^2) over the stacked observed and synthetic rows.
    s_pmse : float
        pmse / expected: about 1 when the classifier cannot tell the sets apart.
    expected : float
        The null value S_pMSE divides by. Logit: (k - 1)(1 - c)^2 c / N. CART: half the mean
        pMSE of the label permutations, as synthpop does, so that both S_pMSE are on one scale.
    c : float
        n_syn / (n_obs + n_syn).
    method : str
        "cart" or "logit".
    k : int or None
        Number of parameters of the logistic model (None for CART).
    p_value : float
        Logit: chi-square test of pMSE N / ((1 - c)^2 c) on k - 1 degrees of freedom;
        CART: share of permutations whose pMSE is at least as large (not halved).
    propensities : numpy.ndarray
        The fitted p_i, observed rows first.
    """

    pmse: float
    s_pmse: float
    expected: float
    c: float
    method: str
    k: int | None
    p_value: float
    propensities: np.ndarray = field(repr=False)

    def __repr__(self) -> str:
        return (f"PMSEResult(method={self.method!r}, pmse={self.pmse:.5f}, s_pmse={self.s_pmse:.3f}, "
                f"expected={self.expected:.5f}, p_value={self.p_value:.4f})")


def pmse(observed: pd.DataFrame, synthetic, method: str = "cart", *, maxorder: int = 1,
         n_permutations: int = 50, seed: int | np.random.Generator | None = None,
         cont_na: dict | None = None, cp: float = 1e-3, minbucket: int = 5):
    """Global utility: how well can a classifier tell synthetic from observed rows?

    Stack the two sets with an indicator (1 = synthetic), fit a classifier and take
    pMSE = mean((p_i - c)^2), c = n_syn / N (Snoke, Raab, Nowok, Dibben & Slavkovic 2018).
    pMSE = 0 when no row can be told apart; c(1 - c) when every row is classified perfectly.
    Defaults follow synthpop's ``utility.gen``.

    Missing values, as synthpop's utility code treats them: in a numeric column a missing
    value becomes 0 plus a 0/1 "missing" indicator column; in a categorical column it is a
    level of its own. A missing-value code of a numeric column (``cont_na``, e.g. -8 for
    "not applicable") is treated alike: it becomes 0 plus a 0/1 indicator of its own.

    Parameters
    ----------
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult or list of them
        Same columns as ``observed``, at least one row. A synthesis result stands for its
        ``.data``; with several synthetic sets (``m > 1`` or a list) each is scored on its own
        and a list of results is returned, one per set (synthpop reports each and their mean).
    method : {"cart", "logit"}, default "cart"
        The propensity model, named as in ``utility.gen(method=)``.
        "cart": rpart's classification tree as ``utility.gen`` grows it
        (:mod:`~synthlab.evaluation.propensity_tree`: Gini splits, unordered categories split
        by subsets of levels, at least ``minbucket`` rows per leaf, complexity ``cp`` relative
        to the root's risk); S_pMSE divides pMSE by half the mean pMSE of ``n_permutations``
        random relabellings, as synthpop does.
        The tree is greedy: if every variable has exactly the same distribution in both sets
        (a relation broken by shuffling one column), no first split separates them and it
        stays a single leaf: pMSE 0, in R too. Use the logit, or
        :func:`~synthlab.evaluation.utility_tables.utility_tables`.
        "logit": logistic regression on the main effects and, with ``maxorder=1``, all
        two-way interactions (R's ``t ~ .^2``); S_pMSE = pMSE / [(k - 1)(1 - c)^2 c / N],
        k the number of identifiable parameters.
    maxorder : {0, 1}, default 1
        Only for the logit: 0 = main effects only, 1 = also all two-way interactions.
    n_permutations : int, default 50
        Only for CART.
    seed : int, Generator or None
        Only for CART (the permutations).
    cont_na : dict, optional
        Column -> list of codes that stand for a missing or special value (synthpop's
        ``cont.na``), e.g. ``{"income": [-8]}``. When ``synthetic`` is a synthesis result,
        the ``cont_na`` it was made with is used unless this is given.
    cp, minbucket : float, int
        Only for CART: rpart's complexity parameter (relative to the root's risk) and the
        smallest leaf, ``utility.gen``'s defaults.

    Returns
    -------
    PMSEResult, or a list of them for several synthetic sets

    Examples
    --------
    >>> df = pd.DataFrame({"x": np.arange(10.0), "y": np.arange(10.0) % 3})
    >>> round(pmse(df, df.copy(), method="logit").pmse, 10)
    0.0
    """
    require_frame(observed, "observed")
    if method not in ("cart", "logit"):
        raise ValueError(f"method must be 'cart' or 'logit', got {method!r}")
    if maxorder not in (0, 1):
        raise ValueError(f"maxorder must be 0 (main effects) or 1 (two-way interactions), got {maxorder!r}")
    if isinstance(n_permutations, bool) or not isinstance(n_permutations, (int, np.integer)) or n_permutations < 1:
        raise ValueError(f"n_permutations must be a positive integer, got {n_permutations!r}")
    if not (isinstance(cp, (int, float)) and not isinstance(cp, bool) and cp >= 0):
        raise ValueError(f"cp must be a number >= 0, got {cp!r}")
    if isinstance(minbucket, bool) or not isinstance(minbucket, (int, np.integer)) or minbucket < 1:
        raise ValueError(f"minbucket must be a positive integer, got {minbucket!r}")
    cont_na = measure_cont_na(observed, synthetic, cont_na)
    rng = make_rng(seed)
    results = []
    for i, frame in enumerate(sets := synthetic_sets(synthetic)):
        name = "synthetic" if len(sets) == 1 else f"synthetic[{i}]"
        _require_columns(frame, observed.columns, name)
        if len(frame) == 0:
            raise ValueError(f"{name} has no rows: pMSE needs synthetic rows to compare with")
        stacked = pd.concat([observed, frame[list(observed.columns)]], ignore_index=True)
        y = np.r_[np.zeros(len(observed)), np.ones(len(frame))]
        if method == "logit":
            results.append(_pmse_logit(propensity_design(stacked, maxorder, cont_na), y))
        else:
            columns, unordered, _ = propensity_columns(stacked, cont_na)
            results.append(_pmse_cart(columns, unordered, y.astype(np.int64), n_permutations, rng, cp, minbucket))
    return one_or_many(results)


def measure_cont_na(observed: pd.DataFrame, synthetic, cont_na: dict | None) -> dict:
    """The missing-value codes a measure uses: ``cont_na`` if given, else those the synthesis
    result ``synthetic`` was made with (none for plain frames). Every column must be a
    numeric column of ``observed`` and every code must occur in it, as synthpop requires.

    Examples
    --------
    >>> measure_cont_na(pd.DataFrame({"x": [-8.0, 1.0]}), None, {"x": -8})
    {'x': [-8.0]}
    """
    if cont_na is None:
        cont_na = dict(getattr(synthetic, "cont_na", None) or {})
    if not isinstance(cont_na, dict):
        raise TypeError(f"cont_na must be a dict of column -> list of codes, got {type(cont_na).__name__}")
    checked = {}
    for col, codes in cont_na.items():
        if col not in observed.columns:
            raise KeyError(f"cont_na names {col!r}, which is not a column of observed")
        if not is_number(observed[col]):
            raise ValueError(f"cont_na: column {col!r} is not numeric; codes are for numeric columns "
                             f"(a categorical column's codes are levels already)")
        codes = [codes] if np.isscalar(codes) else list(codes)
        values = []
        for code in codes:
            if not isinstance(code, (int, float, np.integer, np.floating)) or isinstance(code, bool):
                raise ValueError(f"cont_na[{col!r}] must hold numbers, got {code!r}")
            if not (observed[col] == code).any():
                raise ValueError(f"cont_na[{col!r}]: the code {code!r} does not occur in observed[{col!r}]")
            if float(code) not in values:
                values.append(float(code))
        checked[col] = values
    return checked


def _pmse_logit(x: np.ndarray, y: np.ndarray) -> PMSEResult:
    n, c = len(y), y.mean()
    p, k = _logistic_fit(x, y)
    value = float(np.mean((p - c) ** 2))
    expected = (k - 1) * (1 - c) ** 2 * c / n            # Snoke et al. (2018), null expectation
    p_value = float(stats.chi2.sf(value * n / ((1 - c) ** 2 * c), k - 1)) if k > 1 else 1.0
    return PMSEResult(value, value / expected if expected > 0 else np.nan, expected, c, "logit", k, p_value, p)


def _pmse_cart(columns: list[np.ndarray], unordered: list[bool], y: np.ndarray, n_permutations: int,
               rng: np.random.Generator, cp: float, minbucket: int) -> PMSEResult:
    c = y.mean()
    design = prepare_tree_design(columns, unordered)      # shared by the tree and the null's trees
    # the permutations drawn one after another from the generator; all the trees grown at once
    labels = [y] + [rng.permutation(y) for _ in range(n_permutations)]
    trees = grow_propensity_trees(design, labels, cp=cp, minbucket=minbucket)
    p = trees[0].probabilities
    value = float(np.mean((p - c) ** 2))
    null = np.array([float(np.mean((tree.probabilities - c) ** 2)) for tree in trees[1:]])
    expected = float(null.mean()) / 2                     # synthpop halves its permutation null
    p_value = float(np.mean(null >= value))
    return PMSEResult(value, value / expected if expected > 0 else np.nan, expected, c, "cart", None, p_value, p)


def propensity_columns(frame: pd.DataFrame,
                       cont_na: dict | None = None) -> tuple[list[np.ndarray], list[bool], list[str]]:
    """The stacked rows as synthpop's ``utility.gen`` hands them to rpart: one array per
    variable, no missing values.

    A numeric column keeps its values; if it has missing values they become 0 and a 0/1
    column ``<name>_NA`` is added, and each code ``v`` listed in ``cont_na[name]`` becomes 0
    with a 0/1 column ``<name>_cna_<j>`` (R's names and order: all added columns come after
    the original ones, column by column). An ordered categorical column is numbered by its
    levels (rpart splits it on their order); an unordered one gives level codes, with missing
    values a level of their own (R's ``addNA``).

    Returns
    -------
    (columns, unordered, names)

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.0, None, -8.0], "g": ["a", "b", None]})
    >>> columns, unordered, names = propensity_columns(frame, {"x": [-8]})
    >>> names, unordered
    (['x', 'g', 'x_NA', 'x_cna_1'], [False, True, False, False])
    >>> [c.tolist() for c in columns]
    [[1.0, 0.0, 0.0], [0, 1, 2], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    cont_na = cont_na or {}
    columns, unordered, names, extra = [], [], [], []
    for col in frame.columns:
        values = frame[col]
        missing = values.isna().to_numpy()
        if is_number(values):
            filled = np.where(missing, 0.0, values.to_numpy(dtype=float))
            if missing.any():
                extra.append((f"{col}_NA", missing.astype(float)))
            for j, code in enumerate(cont_na.get(col, []), start=1):
                coded = (filled == float(code)) & ~missing
                extra.append((f"{col}_cna_{j}", coded.astype(float)))
                filled = np.where(coded, 0.0, filled)
            columns.append(filled)
            unordered.append(False)
        else:
            levels = category_levels(values, values)
            codes = pd.Categorical(values.astype(object), categories=levels).codes.astype(np.int64)
            codes[missing] = len(levels)                  # missing: a level of its own
            ordered = isinstance(values.dtype, pd.CategoricalDtype) and values.cat.ordered
            columns.append(codes.astype(float) if ordered else codes)
            unordered.append(not ordered)
        names.append(str(col))
    for name, column in extra:
        columns.append(column)
        unordered.append(False)
        names.append(name)
    return columns, unordered, names


def propensity_design(frame: pd.DataFrame, maxorder: int = 0, cont_na: dict | None = None) -> np.ndarray:
    """The stacked rows as the propensity model sees them (no intercept column).

    Each variable gives a block: a numeric column as it is (with missing values, the value
    with 0 for missing, and a 0/1 missing indicator as a variable of its own; likewise a 0/1
    indicator for each code in ``cont_na[column]``, the code becoming 0); a categorical
    column as 0/1 dummies without the first level (missing a level of its own). With
    ``maxorder=1`` the products of every pair of blocks follow (R's ``.^2``).

    Not :func:`synthlab.synthesis.design_matrix`, which codes a synthesis model's predictors.

    Examples
    --------
    >>> propensity_design(pd.DataFrame({"x": [1.5, 2.0], "g": ["a", "b"]})).tolist()
    [[1.5, 0.0], [2.0, 1.0]]
    >>> propensity_design(pd.DataFrame({"x": [1.5, None], "g": ["a", "b"]}), maxorder=1).shape
    (2, 6)
    """
    blocks = [block for col in frame.columns for block in _variable_blocks(frame[col], (cont_na or {}).get(col, []))]
    if maxorder == 1:
        blocks += [(a[:, :, None] * b[:, None, :]).reshape(len(frame), -1)
                   for i, a in enumerate(blocks) for b in blocks[i + 1:]]
    return np.hstack(blocks) if blocks else np.empty((len(frame), 0))


def _variable_blocks(values: pd.Series, codes: list = ()) -> list[np.ndarray]:
    """One block per variable the propensity model sees: a numeric column's value, then its
    missing indicator (if any value is missing) and an indicator per missing-value code."""
    missing = values.isna().to_numpy()
    if is_number(values):
        filled = np.where(missing, 0.0, values.to_numpy(dtype=float))
        indicators = [missing[:, None].astype(float)] if missing.any() else []
        for code in codes:
            coded = (filled == float(code)) & ~missing
            indicators.append(coded[:, None].astype(float))
            filled = np.where(coded, 0.0, filled)
        return [filled[:, None]] + indicators
    levels = category_levels(values, values)
    codes = pd.Categorical(values.astype(object), categories=levels).codes.copy()
    codes[missing] = len(levels)                          # missing: a level of its own
    n_levels = len(levels) + int(missing.any())
    return [np.eye(n_levels)[codes][:, 1:]]


@one_blas_thread  # a few hundred columns: one thread is several times faster on 2 cores
def _logistic_fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int]:
    """Fitted probabilities of an unpenalised logistic regression (scikit-learn) and k, the
    number of identifiable parameters (intercept included).

    Columns are standardised, and columns that depend linearly on earlier ones are dropped
    (pivoted QR), as R's ``glm`` sets aliased coefficients to NA; the fitted probabilities do
    not change. Separating designs still give fitted probabilities (towards 0 and 1).
    """
    sd = x.std(axis=0)
    keep = sd > 1e-12 * (np.abs(x).max(axis=0) + 1)
    scaled = (x[:, keep] - x[:, keep].mean(axis=0)) / sd[keep]
    if scaled.shape[1] == 0:
        return np.full(len(y), y.mean()), 1
    _, r, pivot = qr(scaled, mode="economic", pivoting=True)
    rank = int(np.sum(np.abs(np.diag(r)) > 1e-9 * abs(r[0, 0])))
    independent = scaled[:, np.sort(pivot[:rank])]
    model = LogisticRegression(C=np.inf, solver="newton-cholesky", max_iter=200, tol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)   # separable data: no finite optimum
        warnings.simplefilter("ignore", LinAlgWarning)        # ... and a near-singular Hessian
        return model.fit(independent, y).predict_proba(independent)[:, 1], rank + 1


# ---------------------------------------------------------------- helpers


def _numeric_summary(obs: pd.Series, syn: pd.Series) -> dict:
    obs, syn = obs.dropna(), syn.dropna()
    out = {"mean": (obs.mean(), syn.mean()), "sd": (obs.std(), syn.std())}
    for name, q in QUANTILES.items():
        out[name] = (obs.quantile(q), syn.quantile(q))
    return {name: (float(o), float(s)) for name, (o, s) in out.items()}




def _require_columns(frame: pd.DataFrame, columns, name: str) -> None:
    missing = [str(c) for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{name} lacks column(s) {', '.join(missing)}")
