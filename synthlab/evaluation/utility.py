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
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from synthlab._checks import make_rng, require_complete, require_frame
from synthlab.evaluation.columns import category_levels, is_number

__all__ = ["compare", "check_constraints", "pmse", "PMSEResult", "propensity_design"]

QUANTILES = {"min": 0.0, "q25": 0.25, "median": 0.5, "q75": 0.75, "max": 1.0}


# ---------------------------------------------------------------- fit for purpose


def compare(observed: pd.DataFrame, synthetic: pd.DataFrame, *, plot: bool = False) -> pd.DataFrame:
    """Summary statistics of every variable, observed next to synthetic, in one tidy table.

    Numeric columns get mean, sd, min, q25, median, q75 and max; categorical columns get the
    share of each level (in %). With ``plot=True`` the marginal distributions are also drawn
    side by side (:func:`synthlab.evaluation.plots.plot_marginals`).

    Parameters
    ----------
    observed, synthetic : pandas.DataFrame
        The statistics are computed for the columns of ``observed``.
    plot : bool, default False
        Also draw the marginal distributions.

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
    require_frame(synthetic, "synthetic")
    _require_columns(synthetic, observed.columns, "synthetic")
    rows = []
    for col in observed.columns:
        obs, syn = observed[col], synthetic[col]
        if is_number(obs):
            for name, (o, s) in _numeric_summary(obs, syn).items():
                rows.append((col, name, o, s))
        else:
            levels = category_levels(obs, syn)
            o_share = obs.astype(object).value_counts(normalize=True)
            s_share = syn.astype(object).value_counts(normalize=True)
            for level in levels:
                rows.append((col, f"% {level}", 100 * o_share.get(level, 0.0), 100 * s_share.get(level, 0.0)))
    table = pd.DataFrame(rows, columns=["variable", "statistic", "observed", "synthetic"])
    table["difference"] = table["synthetic"] - table["observed"]
    if plot:
        from synthlab.evaluation.plots import plot_marginals
        plot_marginals(observed, synthetic)
    return table


def check_constraints(synthetic: pd.DataFrame, *, observed: pd.DataFrame | None = None,
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

    Parameters
    ----------
    synthetic : pandas.DataFrame
        The data to check.
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
    require_frame(synthetic, "synthetic")
    if observed is not None:
        require_frame(observed, "observed")
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
                add("level", col, "observed levels", ~synthetic[col].astype(object).isin(allowed).to_numpy())
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
        The null expectation: (k - 1)(1 - c)^2 c / N for the logistic model, the mean pMSE of
        label permutations for CART.
    c : float
        n_syn / (n_obs + n_syn).
    k : int or None
        Number of parameters of the logistic model (None for CART).
    p_value : float
        Logit: chi-square test of pMSE N / ((1 - c)^2 c) on k - 1 degrees of freedom;
        CART: share of permutations with a pMSE at least as large.
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


def pmse(observed: pd.DataFrame, synthetic: pd.DataFrame, method: str = "logit", *,
         n_permutations: int = 50, seed: int | np.random.Generator | None = None) -> PMSEResult:
    """Global utility: how well can a classifier tell synthetic from observed rows?

    Stack the two sets with an indicator (1 = synthetic), fit a classifier and take
    pMSE = mean((p_i - c)^2), c = n_syn / N (Snoke, Raab, Nowok, Dibben & Slavkovic 2018).
    pMSE = 0 when no row can be told apart; c(1 - c) when every row is classified perfectly.

    Parameters
    ----------
    observed, synthetic : pandas.DataFrame
        Same columns, no missing values.
    method : {"logit", "cart"}
        The propensity model, named ``method`` as in synthpop's ``utility.gen(method=)``,
        so that a synthpop user finds it.
        "logit": logistic regression on all main effects (categorical columns dummy coded);
        S_pMSE = pMSE / [(k - 1)(1 - c)^2 c / N], k = number of parameters.
        "cart": a classification tree (scikit-learn, at least 5 rows per leaf, cost-complexity
        pruning 1e-3, standing in for synthpop's rpart); S_pMSE divides by the mean pMSE over
        ``n_permutations`` random relabellings of the rows.
    n_permutations : int, default 50
        Only for CART.
    seed : int, Generator or None
        Only for CART (the permutations).

    Returns
    -------
    PMSEResult

    Examples
    --------
    >>> df = pd.DataFrame({"x": np.arange(10.0), "y": np.arange(10.0) % 3})
    >>> round(pmse(df, df.copy()).pmse, 10)
    0.0
    """
    for frame, name in [(observed, "observed"), (synthetic, "synthetic")]:
        require_frame(frame, name)
        require_complete(frame, name)
    _require_columns(synthetic, observed.columns, "synthetic")
    synthetic = synthetic[list(observed.columns)]
    x = propensity_design(pd.concat([observed, synthetic], ignore_index=True))
    y = np.r_[np.zeros(len(observed)), np.ones(len(synthetic))]
    n = len(y)
    c = len(synthetic) / n
    if method == "logit":
        x = np.hstack([np.ones((n, 1)), x])
        p = _logistic_fit(x, y)
        value = float(np.mean((p - c) ** 2))
        k = int(np.linalg.matrix_rank(x))
        expected = (k - 1) * (1 - c) ** 2 * c / n            # Snoke et al. (2018), null expectation
        p_value = float(stats.chi2.sf(value * n / ((1 - c) ** 2 * c), k - 1)) if k > 1 else 1.0
        return PMSEResult(value, value / expected if expected > 0 else np.nan, expected, c, method, k, p_value, p)
    if method == "cart":
        rng = make_rng(seed)
        p = _tree_propensities(x, y)
        value = float(np.mean((p - c) ** 2))
        null = np.array([np.mean((_tree_propensities(x, rng.permutation(y)) - c) ** 2)
                         for _ in range(n_permutations)])
        expected = float(null.mean())
        p_value = float(np.mean(null >= value))
        return PMSEResult(value, value / expected if expected > 0 else np.nan, expected, c, method, None, p_value, p)
    raise ValueError(f"method must be 'logit' or 'cart', got {method!r}")


def propensity_design(frame: pd.DataFrame) -> np.ndarray:
    """The stacked rows as the propensity model sees them: numeric columns as they are,
    categorical columns as 0/1 dummies without the first level (no intercept column).

    Not :func:`synthlab.synthesis.design_matrix`, which codes a synthesis model's predictors.

    Examples
    --------
    >>> propensity_design(pd.DataFrame({"x": [1.5, 2.0], "g": ["a", "b"]})).tolist()
    [[1.5, 0.0], [2.0, 1.0]]
    """
    blocks = []
    for col in frame.columns:
        values = frame[col]
        if is_number(values):
            blocks.append(values.to_numpy(dtype=float)[:, None])
        else:
            levels = category_levels(values, values)
            codes = pd.Categorical(values.astype(object), categories=levels).codes
            blocks.append(np.eye(len(levels))[codes][:, 1:])
    return np.hstack(blocks) if blocks else np.empty((len(frame), 0))


def _logistic_fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Fitted probabilities of an unpenalised logistic regression (scikit-learn).

    Columns are standardised first (the fitted probabilities do not change, the solver
    converges faster); collinear or separating designs still give fitted probabilities.
    """
    sd = x.std(axis=0)
    keep = sd > 0
    scaled = (x[:, keep] - x[:, keep].mean(axis=0)) / sd[keep]
    if scaled.shape[1] == 0:
        return np.full(len(y), y.mean())
    model = LogisticRegression(C=np.inf, solver="newton-cholesky", max_iter=200, tol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)   # separable data: no finite optimum
        return model.fit(scaled, y).predict_proba(scaled)[:, 1]


def _tree_propensities(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    tree = DecisionTreeClassifier(min_samples_leaf=5, ccp_alpha=1e-3, random_state=0)
    return tree.fit(x, y).predict_proba(x)[:, 1]


# ---------------------------------------------------------------- helpers


def _numeric_summary(obs: pd.Series, syn: pd.Series) -> dict:
    out = {"mean": (obs.mean(), syn.mean()), "sd": (obs.std(), syn.std())}
    for name, q in QUANTILES.items():
        out[name] = (obs.quantile(q), syn.quantile(q))
    return {name: (float(o), float(s)) for name, (o, s) in out.items()}




def _require_columns(frame: pd.DataFrame, columns, name: str) -> None:
    missing = [str(c) for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {', '.join(missing)}")
