"""Chapter 2's slider: a spline model for testicular volume (``tv``) given ``age``, from a
straight line to a curve through every point, with a utility and a disclosure figure.

The model for one setting ``df`` (degrees of freedom besides the constant):

    tv = N(age) beta + noise * sigma * e,   e ~ N(0, 1),

with ``N`` the natural cubic spline basis on ``df + 1`` quantile knots
(:mod:`synthlab.tradeoff.splines`), ``beta`` the minimum-norm least-squares fit (so ``df`` may exceed
the number of points) and ``sigma`` the root mean squared residual. ``df = 1`` is the linear
model; from ``df = n - 1`` on the curve passes through every point, ``sigma`` is 0 and the
synthetic volumes are the real ones.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from synthlab._checks import make_rng, require_complete, require_frame, require_numeric, require_rows
from synthlab.tradeoff.splines import natural_spline_basis, quantile_knots
from synthlab.tradeoff.path import TradeoffLabels, TradeoffPoint

#: Ages (years) that split the boys into the three phases of the chapter: before the growth
#: spurt (< 10), during it (10 to 16) and after it (>= 16).
PHASE_CUTS = (10.0, 16.0)

#: Labels for drawing this slider.
TV_LABELS = TradeoffLabels(x="age (years)", y="testicular volume tv (ml)", utility="utility",
                           disclosure="disclosure", setting="spline df",
                           title="Synthesis model for tv given age, 25 boys")


def tv_subset(boys: pd.DataFrame, n: int = 25) -> pd.DataFrame:
    """The ``n`` boys of the chapter's figure: rows evenly spaced by index over the age-sorted data.

    Row positions are ``np.linspace(0, len(boys) - 1, n).round()`` after a stable sort by age,
    so with the 748 boys and ``n = 25`` they are 0, 31, 62, ..., 747.

    Returns
    -------
    pandas.DataFrame
        Columns ``age`` and ``tv``, a fresh index; ``boys`` is not modified.

    Examples
    --------
    >>> from synthlab import load_boys
    >>> small = tv_subset(load_boys())
    >>> small.shape
    (25, 2)
    """
    require_frame(boys, "boys")
    missing = [c for c in ("age", "tv") if c not in boys.columns]
    if missing:
        raise ValueError(f"boys lacks column(s) {', '.join(missing)}")
    require_rows(boys, n, "boys")
    ordered = boys[["age", "tv"]].sort_values("age", kind="stable")
    rows = np.linspace(0, len(ordered) - 1, n).round().astype(int)
    return ordered.iloc[rows].reset_index(drop=True)


def phases(age: np.ndarray, cuts: Sequence[float] = PHASE_CUTS) -> np.ndarray:
    """Phase number of every age: 0 before ``cuts[0]``, 1 up to ``cuts[1]``, and so on."""
    return np.searchsorted(np.asarray(cuts, dtype=float), np.asarray(age, dtype=float), side="right")


def distribution_gap(real: np.ndarray, synthetic: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Average distance between sorted real and sorted synthetic values within each group.

    Within a group, the smallest real value is paired with the smallest synthetic one, the
    second smallest with the second smallest, and so on; the gap is the mean absolute
    difference over all pairs of all groups (per group, the 1-Wasserstein distance between
    the two samples, weighted by group size). 0 means identical distributions in every group.

    Parameters
    ----------
    real : array of float, shape (n,)
    synthetic : array of float, shape (n,) or (draws, n)
        One value per real record (same group), or several synthetic data sets.
    groups : array of int, shape (n,)

    Returns
    -------
    float or numpy.ndarray
        The gap: a float for one synthetic data set, an array of one per data set otherwise.

    Examples
    --------
    >>> round(distribution_gap(np.array([1.0, 2.0, 9.0]), np.array([2.0, 1.0, 7.0]), np.array([0, 0, 1])), 4)
    0.6667
    """
    real, synthetic, groups = np.asarray(real, float), np.asarray(synthetic, float), np.asarray(groups)
    if synthetic.shape[-1] != real.shape[0] or groups.shape != real.shape:
        raise ValueError("real, groups and the last axis of synthetic must have the same length")
    total = np.zeros(synthetic.shape[:-1])
    for g in np.unique(groups):
        members = groups == g
        total = total + np.abs(np.sort(synthetic[..., members], axis=-1) - np.sort(real[members])).sum(axis=-1)
    gap = total / real.shape[0]
    return float(gap) if gap.ndim == 0 else gap


def ignore_groups_gap(real: np.ndarray, groups: np.ndarray) -> float:
    """The gap of a model that ignores the groups: each group gets the overall distribution.

    A group of ``m`` records is given the ``m`` evenly spread quantiles of all real values,
    at probabilities ``(i + 0.5) / m``; its gap is then taken as in :func:`distribution_gap`.
    """
    real, groups = np.asarray(real, float), np.asarray(groups)
    reference = np.empty_like(real)
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        reference[members] = np.quantile(real, (np.arange(len(members)) + 0.5) / len(members))
    return distribution_gap(real, reference, groups)


def reproduced_share(real_key: np.ndarray, real_value: np.ndarray, syn_key: np.ndarray,
                     syn_value: np.ndarray, tolerance: float = 1.0, key_tolerance: float = 0.0) -> np.ndarray:
    """Share of real records whose value a synthetic record with the same key reproduces.

    A real record counts as disclosed when some synthetic record has a key within
    ``key_tolerance`` of its key (0: the same age) and a value within ``tolerance`` of its
    value: whoever knows a boy's age then reads his ``tv`` off the synthetic data.

    Parameters
    ----------
    real_key, real_value : array of float, shape (n,)
    syn_key : array of float, shape (k,)
    syn_value : array of float, shape (k,) or (draws, k)
    tolerance, key_tolerance : float
        Largest absolute differences that still count as "reproduced".

    Returns
    -------
    float or numpy.ndarray
        The share (0 to 1): a float for one synthetic data set, an array of one per data set otherwise.

    Examples
    --------
    >>> reproduced_share(np.array([5.0, 9.0]), np.array([2.0, 15.0]),
    ...                  np.array([5.0, 9.0]), np.array([2.8, 12.0]))
    0.5
    """
    if tolerance < 0 or key_tolerance < 0:
        raise ValueError("tolerance and key_tolerance must be >= 0")
    same_key = np.abs(np.asarray(real_key, float)[:, None] - np.asarray(syn_key, float)[None, :]) <= key_tolerance
    close = np.abs(np.asarray(real_value, float)[:, None] - np.asarray(syn_value, float)[..., None, :]) <= tolerance
    share = (same_key & close).any(axis=-1).mean(axis=-1)
    return float(share) if share.ndim == 0 else share


class SplineTradeoff:
    """Compute function of chapter 2's slider: ``SplineTradeoff(small)(df, noise)`` -> figures.

    Everything that does not depend on the knobs is computed once here: for every ``df`` the
    fitted values, the residual scale ``sigma`` and the fitted curve on a grid. One call then
    costs a draw of noise and the two measures.

    Parameters
    ----------
    data : pandas.DataFrame
        Numeric, complete columns ``x`` and ``y`` (e.g. :func:`tv_subset`); not modified.
    x, y : str
        Predictor and synthesised variable.
    max_df : int, optional
        Largest setting; defaults to the number of rows.
    tolerance : float
        Disclosure tolerance in units of ``y`` (default 1 ml).
    draws : int
        Synthetic data sets per setting; the figures are their averages, the plot shows the first.
    seed : int
        Seed of the noise; setting ``df`` draws from ``make_rng([seed, df])``, so a setting
        always gives the same synthetic values and ``noise`` only rescales them.
    cuts : sequence of float
        Values of ``x`` that split the records into groups for the utility.

    Attributes
    ----------
    settings : list of int
        ``1, ..., max_df``.
    labels : TradeoffLabels
        Labels for the drawings (:data:`TV_LABELS` for ``age`` and ``tv``).

    Notes
    -----
    utility = 1 - gap / gap ignoring the groups (:func:`distribution_gap`,
    :func:`ignore_groups_gap`): 1 when the synthetic ``y`` has the real distribution in every
    group, 0 when it is no better than a model that ignores ``x``.
    disclosure = :func:`reproduced_share` with the same ``x`` and ``tolerance``.

    Examples
    --------
    >>> from synthlab import load_boys
    >>> compute = SplineTradeoff(tv_subset(load_boys()))
    >>> point = compute(25)
    >>> point.disclosure
    1.0
    """

    def __init__(self, data: pd.DataFrame, x: str = "age", y: str = "tv", *, max_df: int | None = None,
                 tolerance: float = 1.0, draws: int = 20, seed: int = 2025,
                 cuts: Sequence[float] = PHASE_CUTS, grid_size: int = 200) -> None:
        require_frame(data, "data")
        missing = [c for c in (x, y) if c not in data.columns]
        if missing:
            raise ValueError(f"data lacks column(s) {', '.join(missing)}")
        require_numeric(data[[x, y]], "data")
        require_complete(data[[x, y]], "data")
        require_rows(data, 3, "data")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise TypeError(f"seed must be an integer, got {seed!r}")
        self.x = data[x].to_numpy(dtype=float, copy=True)
        self.y = data[y].to_numpy(dtype=float, copy=True)
        n = len(self.y)
        self.settings = list(range(1, (n if max_df is None else int(max_df)) + 1))
        if not self.settings:
            raise ValueError(f"max_df must be at least 1, got {max_df}")
        self.tolerance, self.draws, self.seed = float(tolerance), int(draws), int(seed)
        self.labels = TV_LABELS if (x, y) == ("age", "tv") else TradeoffLabels(x=x, y=y, setting="spline df")
        self.groups = phases(self.x, cuts)
        self.null_gap = ignore_groups_gap(self.y, self.groups)
        self.grid = np.linspace(self.x.min(), self.x.max(), grid_size)
        self.fitted, self.sigma, self.curve = {}, {}, {}
        for df in self.settings:
            knots = quantile_knots(self.x, df)
            beta = np.linalg.pinv(natural_spline_basis(self.x, knots)) @ self.y  # minimum-norm fit
            self.fitted[df] = natural_spline_basis(self.x, knots) @ beta
            self.sigma[df] = float(np.sqrt(np.mean((self.y - self.fitted[df]) ** 2)))
            self.curve[df] = natural_spline_basis(self.grid, knots) @ beta

    def synthesize(self, df: int, noise: float = 1.0) -> np.ndarray:
        """Synthetic ``y`` at the real ``x``, shape ``(draws, n)``: fit + noise * sigma * e."""
        if df not in self.fitted:
            raise ValueError(f"df must be one of {self.settings[0]}..{self.settings[-1]}, got {df!r}")
        if noise < 0:
            raise ValueError(f"noise must be >= 0, got {noise}")
        e = make_rng([self.seed, int(df)]).standard_normal((self.draws, len(self.y)))
        return self.fitted[df] + noise * self.sigma[df] * e

    def __call__(self, df: int, noise: float = 1.0) -> TradeoffPoint:
        synthetic = self.synthesize(df, noise)
        utility = 1.0 - distribution_gap(self.y, synthetic, self.groups).mean() / self.null_gap
        disclosure = np.mean(reproduced_share(self.x, self.y, self.x, synthetic, self.tolerance))
        return TradeoffPoint(df, utility, disclosure, x=self.x, y=synthetic[0],
                             curve_x=self.grid, curve_y=self.curve[df], label=f"spline with {df} df")
