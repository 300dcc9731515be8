"""The synthesis methods: one small function per method, as synthpop's ``syn.norm`` etc.

Every method has the same shape::

    syn_<name>(y, x, xp, rng, **options) -> (synthetic_values, fitted_parameters)

``y`` is the observed column to synthesise (a Series: numbers, or a Categorical), ``x`` the
observed predictors and ``xp`` the synthetic predictors (DataFrames with the same columns;
categorical columns as Categoricals). The method fits a model of ``y`` given ``x`` and draws
one value for each row of ``xp``. The fitted parameters are a small dict of numbers, never
rows of the data (a tree's leaf contents are not returned, only its size).

:data:`METHODS` maps a method name to its function; :data:`METHOD_INFO` says which kinds of
variable it handles, whether it reuses observed values (then ``smoothing`` applies) and
whether it copes with missing values. Adding a method is writing a function and decorating it
with :func:`register`. Any callable with the same signature can also be passed to
:func:`synthlab.syn` directly.

All methods here are synthpop's non-"proper" variants (parameters fixed at their estimates);
``syn_norm(..., proper=True)`` also draws the parameters from their posterior first.

synthpop 1.9-3's methods and where they are in synthlab:

==============  ===============================================  ==================================
synthpop        what it does                                     synthlab
==============  ===============================================  ==================================
sample          draw observed values                             ``sample`` (here)
cart            CART tree, draw from the leaf (rpart)            ``cart`` (here, scikit-learn)
norm            linear regression + normal noise                 ``norm`` (here)
normrank        norm on normal scores of ranks                   ``normrank`` (here)
lognorm         norm on log(y)                                   ``lognorm`` (:mod:`.transformed`)
sqrtnorm        norm on sqrt(y)                                  ``sqrtnorm`` (:mod:`.transformed`)
cubertnorm      norm on the cube root of y                       ``cubertnorm`` (:mod:`.transformed`)
logreg          logistic regression                              ``logreg`` (here)
polyreg         multinomial logit                                ``polyreg`` (here)
polr            proportional-odds model                          ``polr`` (here)
rf              random forest, draw from leaf donors             ``rf`` (:mod:`.forests`)
bag             bagged trees (all predictors per split)          ``bag`` (:mod:`.forests`)
ranger          random forest by the ranger package              ``ranger`` = ``rf`` (:mod:`.forests`)
satcat          draw within predictor combinations               ``satcat`` (:mod:`.catall`)
catall          joint saturated table + prior, multinomial       ``catall`` (:mod:`.catall`), per column
passive         a function of other columns                      a formula "~ ..." in ``syn``
nested          draw within the groups of one coarser column     not ported: ``satcat`` with that
                                                                 one predictor does it, unsmoothed
ctree           conditional-inference tree (party)               not ported: no maintained Python
                                                                 port of party's tests; use cart
survctree       ctree for survival times with an event column    not ported: needs ctree and
                                                                 censoring support in syn
ipf             log-linear model by iterative proportional       not ported: large (margins, DP
                fitting over chosen margins                      noise); catall covers saturation
constant        a constant column copied                         not a method: synthpop's syn picks
                                                                 it itself; a step of syn, not here
collinear       copy through a 1:1 recode of an earlier column   likewise, a step of syn
dummy           synthpop's internal dummy coding of factors      internal, not a user method
==============  ===============================================  ==================================
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
import sklearn
from statsmodels.regression.linear_model import OLS  # not statsmodels.api: it imports all of statsmodels
from scipy import linalg, stats
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from synthlab.synthesis.design import design_matrix
from synthlab.synthesis.logit import (fit_multinomial, fit_ordered, multinomial_probabilities,
                                      ordered_probabilities)
from synthlab.synthesis.smoothing import smooth
from synthlab.synthesis.variables import KINDS, decimal_places, is_numeric


class SynthesisWarning(UserWarning):
    """A warning about a synthesis: a fallback, a formula or rule the data do not follow."""


@dataclass(frozen=True)
class MethodInfo:
    """What a method can do: the kinds of variable, smoothing, missing values."""

    kinds: frozenset[str]
    reuses_observed: bool = False
    missing_predictors: bool = False
    missing_outcome: bool = False
    fit: Callable | None = None  # fit(y, x) -> model, from observed data only; the method takes it as model=


METHODS: dict[str, Callable] = {}
METHOD_INFO: dict[str, MethodInfo] = {}


def register(name: str, kinds=KINDS, *, reuses_observed: bool = False, missing_predictors: bool = False,
             missing_outcome: bool = False, fit: Callable | None = None) -> Callable:
    """Decorator adding a method function to :data:`METHODS` under ``name``.

    ``fit``, if given, is ``fit(y, x) -> model``: the method's model from the observed data
    alone, which the method then accepts as its ``model=`` option. :func:`synthlab.syn` uses
    it to fit such models ahead, several at a time, while it draws the columns in order.

    Examples
    --------
    >>> @register("mean_only", kinds=("numeric",))
    ... def syn_mean_only(y, x, xp, rng):
    ...     return np.full(len(xp), y.mean()), {"mean": float(y.mean())}
    >>> "mean_only" in METHODS
    True
    >>> _ = METHODS.pop("mean_only"), METHOD_INFO.pop("mean_only")
    """
    def decorate(function: Callable) -> Callable:
        METHODS[name] = function
        METHOD_INFO[name] = MethodInfo(frozenset(kinds), reuses_observed, missing_predictors, missing_outcome, fit)
        return function
    return decorate


# ---------------------------------------------------------------- resampling methods

@register("sample", reuses_observed=True, missing_predictors=True, missing_outcome=True)
def syn_sample(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
               smoothing: bool | str = False) -> tuple[object, dict]:
    """Draw with replacement from the observed values of ``y``; predictors are ignored.

    Examples
    --------
    >>> y = pd.Series([1.0, 2.0, 3.0])
    >>> values, fit = syn_sample(y, y.to_frame().iloc[:, :0], pd.DataFrame(index=range(5)),
    ...                          np.random.default_rng(1))
    >>> len(values), set(values) <= {1.0, 2.0, 3.0}
    (5, True)
    """
    rows = rng.integers(0, len(y), size=len(xp))
    values = _take(y, rows)
    if smoothing and is_numeric(y):
        values = _smooth(values, y.to_numpy(dtype=float), rng, smoothing)
    return values, {}


def grow_tree(y: pd.Series, x: pd.DataFrame, *, min_leaf: int = 5) -> DecisionTreeClassifier | DecisionTreeRegressor:
    """The CART tree of ``y`` on ``x``: regression tree for numeric ``y``, classification otherwise.

    At least ``min_leaf`` observations per leaf (synthpop's ``minbucket = 5``) and at least
    ``3 * min_leaf`` to split a node (rpart's rule). Ordered categorical predictors are split
    on their order, unordered ones through one 0/1 column per category
    (:func:`~synthlab.synthesis.design.design_matrix`). As rpart's, the tree is a function of
    the data alone: a fixed ``random_state`` settles ties between equally good splits.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0)})
    >>> tree = grow_tree(pd.Series(np.where(x["a"] < 20, 0.0, 10.0)), x)
    >>> int(tree.get_n_leaves()), float(tree.tree_.threshold[0])
    (2, 19.5)
    """
    return _grow(y, _tree_design(x, x.iloc[:0])[0], min_leaf)


def _grow(y: pd.Series, X: np.ndarray, min_leaf: int) -> DecisionTreeClassifier | DecisionTreeRegressor:
    """:func:`grow_tree` on predictors already coded by :func:`_tree_design`.

    ``min_leaf`` is checked here, so scikit-learn's own check of the tree's settings, a
    quarter of the time of a fit on small data, is skipped (``skip_parameter_validation``).
    """
    if isinstance(min_leaf, bool) or not isinstance(min_leaf, (int, np.integer)) or min_leaf < 1:
        raise ValueError(f"min_leaf must be a positive integer, got {min_leaf!r}")
    numeric = is_numeric(y)
    target = y.to_numpy(dtype=float) if numeric else y.cat.codes.to_numpy()
    Tree = DecisionTreeRegressor if numeric else DecisionTreeClassifier
    tree = Tree(min_samples_leaf=int(min_leaf), min_samples_split=3 * int(min_leaf), random_state=0)
    with sklearn.config_context(skip_parameter_validation=True):
        return tree.fit(X, target, check_input=_needs_checks(X, target))


def _needs_checks(*arrays: np.ndarray) -> bool:
    """Whether scikit-learn must check tree inputs itself (``check_input``): only where a value
    is NaN or infinite, which it handles or refuses. Finite float32 arrays, as
    :func:`_tree_design` makes them, pass its checks unchanged, so skipping them saves time
    and changes no tree."""
    return not all(np.isfinite(array).all() for array in arrays)


@register("cart", reuses_observed=True, missing_predictors=True, fit=grow_tree)
def syn_cart(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
             smoothing: bool | str = False, min_leaf: int = 5,
             model: DecisionTreeClassifier | DecisionTreeRegressor | None = None) -> tuple[object, dict]:
    """CART: grow a tree of ``y`` on ``x`` (:func:`grow_tree`), then give each synthetic
    record an observed value drawn from the leaf it falls into.

    ``model`` is a tree :func:`grow_tree` already grew on the same ``y`` and ``x`` (then
    ``min_leaf`` is not used). With ``smoothing`` ("spline", "density", "rmean"; True means
    "density") the drawn values of the whole column are smoothed afterwards, as in synthpop
    (:func:`~synthlab.synthesis.smoothing.smooth`).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame({"a": rng.uniform(size=200)})
    >>> y = pd.Series(np.where(x["a"] > 0.5, 10.0, 0.0))
    >>> values, fit = syn_cart(y, x, pd.DataFrame({"a": [0.1, 0.9]}), rng)
    >>> values.tolist(), fit["leaves"] >= 2
    ([0.0, 10.0], True)
    """
    X, XP = _tree_design(x, xp)  # coded once, for the fit and both look-ups
    tree = _grow(y, X, min_leaf) if model is None else model
    leaves = [tree.apply(array, check_input=_needs_checks(array)) for array in (X, XP)]
    values = _take(y, draw_within_groups(*leaves, rng))
    if smoothing and is_numeric(y):
        values = _smooth(values, y.to_numpy(dtype=float), rng, smoothing)
    return values, {"leaves": int(tree.get_n_leaves()), "depth": int(tree.get_depth())}


def _tree_design(x: pd.DataFrame, xp: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Tree coding in float32 (scikit-learn's trees work in it); a column of zeros, i.e. one
    leaf and so sampling from the marginal, when there are no predictors."""
    X, XP, _ = design_matrix(x, xp, tree=True, dtype=np.float32)
    if X.shape[1] == 0:
        X, XP = np.zeros((len(x), 1), dtype=np.float32), np.zeros((len(xp), 1), dtype=np.float32)
    return X, XP


def draw_within_groups(observed_group: np.ndarray, synthetic_group: np.ndarray,
                       rng: np.random.Generator) -> np.ndarray:
    """For each synthetic record, the row number of a random observed record of its group.

    Groups are non-negative integers (tree node ids). Vectorised: observed rows are sorted by
    group once; a draw is then the start of the group's run plus a uniform offset within it.

    Examples
    --------
    >>> rows = draw_within_groups(np.array([7, 3, 7, 3]), np.array([3, 3, 7]), np.random.default_rng(1))
    >>> [int(r) in (1, 3) for r in rows[:2]], int(rows[2]) in (0, 2)
    ([True, True], True)
    """
    counts = np.bincount(observed_group, minlength=int(synthetic_group.max(initial=0)) + 1)
    starts = np.cumsum(counts) - counts
    small = observed_group.astype(np.uint16) if len(counts) <= 2**16 else observed_group
    order = np.argsort(small, kind="stable")  # a linear-time radix sort for 16-bit keys
    offset = (rng.random(len(synthetic_group)) * counts[synthetic_group]).astype(np.intp)
    return order[starts[synthetic_group] + offset]


# ---------------------------------------------------------------- normal linear models

@register("norm", kinds=("numeric",))
def syn_norm(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
             proper: bool = False, round_draws: bool = True) -> tuple[np.ndarray, dict]:
    """Linear regression plus normal noise: y* = xp b + s e, e ~ N(0, 1).

    b are the OLS coefficients (statsmodels) and s the residual standard deviation
    (denominator n - p). Categorical predictors are dummy-coded. As synthpop does, the draws
    are rounded to the number of decimals the observed values have. Nothing keeps them inside
    the observed range: a normal model of weight can give negative weights.
    With ``proper=True`` (synthpop's ``proper = TRUE``), s and b are first drawn from their
    posterior: s* = sqrt(RSS / chi2(n - p)), b* ~ N(b, s*^2 (X'X)^-1).
    ``round_draws=False`` leaves the draws unrounded (for the transformed-scale methods).

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 0.0, 1.0, 1.0]})
    >>> values, fit = syn_norm(pd.Series([0.9, 1.1, 2.9, 3.1]), x, x, np.random.default_rng(1))
    >>> round(fit["coefficients"]["a"], 3), round(fit["sigma"], 3)
    (2.0, 0.141)
    """
    X, XP, names = design_matrix(x, xp)
    fit = OLS(y.to_numpy(dtype=float), X).fit()
    beta, sigma = np.asarray(fit.params), float(np.sqrt(fit.scale))
    if proper:
        sigma = float(np.sqrt(fit.ssr / rng.chisquare(fit.df_resid)))
        root = np.linalg.cholesky((fit.normalized_cov_params + fit.normalized_cov_params.T) / 2)
        beta = beta + root @ rng.standard_normal(len(beta)) * sigma
    values = XP @ beta + sigma * rng.standard_normal(len(XP))
    if round_draws:
        values = np.round(values, decimal_places(y.to_numpy()))
    return values, {
        "coefficients": dict(zip(names, beta.tolist())), "sigma": sigma}


@register("normrank", kinds=("numeric",), reuses_observed=True)
def syn_normrank(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
                 smoothing: bool | str = False) -> tuple[np.ndarray, dict]:
    """``norm`` on the normal scores of the ranks, mapped back to observed values by rank.

    z = Phi^-1(rank(y) / (n + 1)) is regressed on x; a synthetic z* is drawn as in ``norm``
    and turned into the observed value of rank round(Phi(z*) (n + 1)) (clipped to 1..n).
    The marginal distribution of y (skew, bounds) is kept; linear relations are distorted.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> y = pd.Series(rng.exponential(size=100))
    >>> values, fit = syn_normrank(y, y.to_frame().iloc[:, :0], pd.DataFrame(index=range(50)), rng)
    >>> bool(np.isin(values, y).all())
    True
    """
    observed = y.to_numpy(dtype=float)
    n = len(observed)
    scores = pd.Series(stats.norm.ppf(stats.rankdata(observed) / (n + 1)))
    drawn, fit = syn_norm(scores, x, xp, rng)
    rank = np.clip(np.round(stats.norm.cdf(drawn) * (n + 1)).astype(np.intp), 1, n)
    values = np.sort(observed)[rank - 1]
    if smoothing:
        values = _smooth(values, observed, rng, smoothing)
    return values, fit


# ---------------------------------------------------------------- categorical models

@register("logreg", kinds=("binary",))
def syn_logreg(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator) -> tuple[object, dict]:
    """Logistic regression for a binary ``y``; each synthetic value drawn with its predicted
    probability (scikit-learn, see :func:`syn_polyreg` for the fit).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame({"a": rng.normal(size=500)})
    >>> y = pd.Series(pd.Categorical(np.where(x["a"] + rng.logistic(size=500) > 0, "yes", "no")))
    >>> values, fit = syn_logreg(y, x, x, rng)
    >>> round(fit["coefficients"]["a"]["yes"], 1)
    1.0
    """
    return syn_polyreg(y, x, xp, rng)


@register("polyreg", kinds=("binary", "unordered", "ordered"))
def syn_polyreg(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator) -> tuple[object, dict]:
    """Multinomial logistic regression: P(y = j | x) proportional to exp(x b_j).

    The maximum-likelihood fit, as R's ``nnet::multinom`` (which synthpop uses), by Newton's
    method on standardised predictors (:func:`~synthlab.synthesis.logit.fit_multinomial`).
    When a category is perfectly predicted the likelihood has no maximum (the coefficients
    grow without end); then a very lightly penalised fit (ridge, scikit-learn's
    ``LogisticRegression`` with C = 100) keeps them finite. Coefficients are reported on
    the original scale of the predictors; for two categories they are those of the usual
    logistic regression, for more they are relative to the mean over categories.
    """
    codes = y.cat.codes.to_numpy()
    present, index = np.unique(codes, return_inverse=True)
    if len(present) == 1:
        return _from_codes(y, np.full(len(xp), present[0])), {}
    X, XP, names, _, scale = _standardised_design(x, xp)
    keep = _independent(X)
    B, converged = fit_multinomial(np.column_stack([np.ones(len(X)), X[:, keep]]), index, len(present))
    if converged:
        probabilities = multinomial_probabilities(np.column_stack([np.ones(len(XP)), XP[:, keep]]), B)
        slopes = np.zeros((X.shape[1], len(present)))  # predictors x categories; aliased ones 0
        slopes[keep, 1:] = B[1:]
        slopes = slopes.T
        slopes = slopes if len(present) == 2 else slopes - slopes.mean(axis=0)
    else:
        probabilities, slopes = _ridge_multinomial(X, XP, codes, y.name)
    drawn = present[draw_categories(probabilities, rng)]
    labels = [str(y.cat.categories[c]) for c in present]
    coefficients = slopes / scale
    if len(present) == 2:
        coefficients = {name: {labels[1]: float(c)} for name, c in zip(names, coefficients[-1])}
    else:
        coefficients = {name: dict(zip(labels, coefficients[:, i].tolist())) for i, name in enumerate(names)}
    return _from_codes(y, drawn), {"coefficients": coefficients}


def _ridge_multinomial(X: np.ndarray, XP: np.ndarray, codes: np.ndarray, name) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities for ``XP`` and slopes of the lightly penalised fit (C = 100)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # reported below, in our words
        model = LogisticRegression(C=100.0, solver="newton-cholesky", max_iter=100).fit(X, codes)
    if np.max(model.n_iter_) >= 100:
        warnings.warn(f"the logistic regression for {name!r} did not converge in 100 iterations",
                      SynthesisWarning, stacklevel=4)
    return model.predict_proba(XP), model.coef_


@register("polr", kinds=("ordered",))
def syn_polr(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator) -> tuple[object, dict]:
    """Proportional-odds (ordered logistic) regression, R's ``MASS::polr``:
    P(y <= j | x) = F(a_j - x b), F the logistic cdf.

    Fitted by maximum likelihood (Newton's method from the thresholds of the observed shares,
    :func:`~synthlab.synthesis.logit.fit_ordered`) on standardised predictors; coefficients
    and thresholds are reported on the original scale. Without predictors the categories
    are drawn with their observed shares.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame({"a": rng.normal(size=2000)})
    >>> latent = x["a"] + rng.logistic(size=2000)
    >>> y = pd.Series(pd.Categorical.from_codes(np.digitize(latent, [-1, 1]), ["lo", "mid", "hi"], ordered=True))
    >>> values, fit = syn_polr(y, x, x, rng)
    >>> round(fit["coefficients"]["a"], 1), [round(t, 1) for t in fit["thresholds"]]
    (1.0, [-1.0, 1.0])
    """
    codes = y.cat.codes.to_numpy()
    present, endog = np.unique(codes, return_inverse=True)
    X, XP, names, center, scale = _standardised_design(x, xp)
    if len(present) == 1 or not names:
        shares = np.bincount(endog, minlength=len(present)) / len(endog)
        return _from_codes(y, present[draw_categories(np.tile(shares, (len(xp), 1)), rng)]), {}
    keep = _independent(X)
    kept_beta, thresholds, converged = fit_ordered(X[:, keep], endog, len(present), max_iter=200)
    beta = np.zeros(X.shape[1])  # a predictor aliased with the others (and the thresholds) gets 0
    beta[keep] = kept_beta
    if not converged:
        warnings.warn(f"the ordered logistic regression for {y.name!r} did not converge", SynthesisWarning,
                      stacklevel=2)
    drawn = present[draw_categories(ordered_probabilities(XP, beta, thresholds), rng)]
    return _from_codes(y, drawn), {
        "coefficients": dict(zip(names, (beta / scale).tolist())),
        "thresholds": (thresholds + np.sum(beta * center / scale)).tolist()}


def draw_categories(probabilities: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draw one column index per row of a matrix of category probabilities (rows sum to 1).

    Examples
    --------
    >>> draw_categories(np.array([[0.0, 1.0], [1.0, 0.0]]), np.random.default_rng(1)).tolist()
    [1, 0]
    """
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative[:, -1] = 1.0
    u = rng.random(len(probabilities))
    return (u[:, None] >= cumulative).sum(axis=1)


# ---------------------------------------------------------------- helpers

def _standardised_design(x: pd.DataFrame, xp: pd.DataFrame):
    """Design without intercept, centred and scaled by the observed means and sds.

    Returns ``X, XP, names, center, scale``. Without predictors a single column of zeros
    stands in, so that the fits reduce to the observed shares.
    """
    X, XP, names = design_matrix(x, xp, intercept=False)
    if X.shape[1] == 0:
        return np.zeros((len(x), 1)), np.zeros((len(xp), 1)), names, np.zeros(1), np.ones(1)
    center, scale = X.mean(axis=0), X.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    return (X - center) / scale, (XP - center) / scale, names, center, scale


def _independent(X: np.ndarray) -> np.ndarray:
    """Columns of the centred ``X`` that are linearly independent (pivoted QR), so also of the
    constant, as R's model fits drop aliased ones: e.g. the dummies of every category but one
    when a rule has removed that one's rows."""
    if X.shape[1] == 0:
        return np.ones(0, dtype=bool)
    _, r, pivot = linalg.qr(X, mode="economic", pivoting=True)
    rank = int(np.sum(np.abs(np.diag(r)) > 1e-9 * max(abs(r[0, 0]), 1e-300)))
    keep = np.zeros(X.shape[1], dtype=bool)
    keep[pivot[:rank]] = True
    return keep


def _smooth(values, observed: np.ndarray, rng: np.random.Generator, smoothing: bool | str) -> np.ndarray:
    """:func:`~synthlab.synthesis.smoothing.smooth` of drawn values; ``smoothing=True`` is "density"."""
    return smooth(values, observed, rng, kind="density" if smoothing is True else smoothing)


def _take(y: pd.Series, rows: np.ndarray):
    """Observed values of ``y`` at ``rows``: a float array or a Categorical of y's dtype."""
    if is_numeric(y):
        return y.to_numpy(dtype=float)[rows]
    return y.array.take(rows)


def _from_codes(y: pd.Series, codes: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, dtype=y.dtype)
