"""Global utility by density-ratio estimation: uLSIF (Kanamori, Hido & Sugiyama 2009).

The density ratio r(x) = f_obs(x) / f_syn(x) is estimated directly, without estimating either
density, as a weighted sum of Gaussian kernels; the Pearson divergence between the two data
sets follows from the fitted ratio. Defaults follow R's ``densityratio::ulsif()`` (Volker),
version 0.2.3, the current release:

- numeric columns standardised with the numerator's means and (n - 1) standard deviations;
- categorical columns coded as R's ``model.matrix(~ . - 1)`` codes them for distances:
  every level of the first categorical column gets its own 0/1 column; each later unordered
  column drops its first level (treatment contrasts); each later *ordered* column keeps all
  levels as 0/1 columns. R uses orthonormal polynomial contrasts for those, whose rows lie
  at squared distance 2 from one another, exactly as one-hot rows do; only distances enter
  the kernel, so the fit is the same;
- ``n_centers = 200`` kernel centres sampled without replacement from the stacked numerator
  and denominator rows; no constant basis function (``intercept = FALSE``); with one, its
  weight is not penalised;
- Gaussian kernel exp(-D / (2 sigma^2)) with D the squared Euclidean distance;
- sigma candidates sqrt(q / 2), q the 5%, 15%, ..., 95% quantiles of the positive
  numerator-to-centre squared distances; lambda candidates 10^seq(3, -3, length 20);
- sigma and lambda chosen by the closed-form leave-one-out score of uLSIF, negative terms
  kept (the weights are not constrained);
- alpha solves (H + lambda D) alpha = h, H = Phi_de' Phi_de / n_de, h = colMeans(Phi_nu),
  D the identity (its intercept element 0), without clipping negative values;
- Pearson divergence PE = mean(r(x_nu)) / 2 - mean(r(x_de)) + 1/2 (Sugiyama et al. 2011).

densityratio 0.2.2, which the LMU R tutorial pins, differs in three ways: its leave-one-out
score sets negative terms to 0 (on a poor synthesis it then picks a 20-40 times larger lambda
and a Pearson divergence about half as large), ``intercept = TRUE`` by default, and lambda is
added to the intercept's diagonal element too.

Missing values, which densityratio refuses, are coded as :func:`synthlab.pmse` codes them: a
numeric column with missing values gets a 0/1 missing indicator column and its missing
values become 0 after standardising (the numerator's mean); in a categorical column a
missing value is a level of its own.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.linalg import cholesky, eigh, solve, solve_triangular
from scipy.spatial.distance import cdist

from synthlab._blas import one_blas_thread
from synthlab._checks import make_rng, require_frame, require_rows
from synthlab.evaluation.columns import category_levels, is_number
from synthlab.evaluation.inputs import one_or_many, synthetic_sets

__all__ = ["ulsif", "DensityRatioFit", "RatioEncoder"]

SIGMA_QUANTILES = np.linspace(0.05, 0.95, 10)
LAMBDAS = 10.0 ** np.linspace(3, -3, 20)


@dataclass(frozen=True, eq=False)
class RatioEncoder:
    """Turns a DataFrame into the numeric matrix the kernels work on (see module docstring).

    Attributes
    ----------
    numeric : dict
        Column name -> (mean, sd, has_missing): the numerator's mean and sd, used to
        standardise, and whether a missing indicator column follows.
    categorical : dict
        Column name -> (levels, drop_first); levels in the order of the data's categories,
        None last when the column has missing values.
    columns : list of str
        The column order of the input frames.
    """

    numeric: dict
    categorical: dict
    columns: list

    @classmethod
    def from_frames(cls, numerator: pd.DataFrame, denominator: pd.DataFrame) -> "RatioEncoder":
        numeric, categorical = {}, {}
        first_factor = True
        for col in numerator.columns:
            nu, de = numerator[col], denominator[col]
            has_missing = bool(nu.isna().any() or de.isna().any())
            if is_number(nu) and is_number(de):
                sd = float(nu.std(ddof=1))
                if not np.isfinite(sd) or sd == 0:
                    raise ValueError(f"column {col!r} is constant in the numerator data; "
                                     "drop it before estimating the density ratio")
                numeric[col] = (float(nu.mean()), sd, has_missing)
            elif is_number(nu) != is_number(de):
                raise TypeError(f"column {col!r} is numeric in one data set and categorical in the other")
            else:
                levels = category_levels(nu, de) + ([None] if has_missing else [])
                ordered = isinstance(nu.dtype, pd.CategoricalDtype) and nu.cat.ordered
                categorical[col] = (levels, not first_factor and not ordered)
                first_factor = False
        return cls(numeric, categorical, list(numerator.columns))

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        """The encoded matrix of ``frame`` (same columns as the data the encoder was built on)."""
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise KeyError(f"frame lacks column(s) {', '.join(map(str, missing))}")
        return np.hstack([self._numeric(frame[col]) if col in self.numeric else self._categorical(frame[col])
                          for col in self.columns])

    def _numeric(self, values: pd.Series) -> np.ndarray:
        mean, sd, has_missing = self.numeric[values.name]
        scaled = (values.to_numpy(dtype=float) - mean) / sd
        is_missing = np.isnan(scaled)
        if is_missing.any() and not has_missing:
            raise ValueError(f"column {values.name!r} has missing values, which the fitted data did not have")
        columns = [np.where(is_missing, 0.0, scaled)] + ([is_missing.astype(float)] if has_missing else [])
        return np.column_stack(columns)

    def _categorical(self, values: pd.Series) -> np.ndarray:
        levels, drop_first = self.categorical[values.name]
        known = [level for level in levels if level is not None]
        codes = pd.Categorical(values.astype(object), categories=known).codes.copy()
        is_missing = values.isna().to_numpy()
        if is_missing.any() and levels[-1] is not None:
            raise ValueError(f"column {values.name!r} has missing values, which the fitted data did not have")
        codes[is_missing] = len(known)
        if (codes < 0).any():
            raise ValueError(f"column {values.name!r} holds values outside its levels {known}")
        onehot = np.eye(len(levels))[codes]
        return onehot[:, 1:] if drop_first else onehot


@dataclass(frozen=True, eq=False)
class DensityRatioFit:
    """A fitted uLSIF density ratio r(x) = f_numerator(x) / f_denominator(x).

    It holds kernel centres sampled from both data sets, i.e. real records: an analysis
    object for the data holder, not something to publish.

    Attributes
    ----------
    pearson_divergence : float
        PE = mean(r(x_nu)) / 2 - mean(r(x_de)) + 1/2; 0 when the two distributions agree.
    sigma, lambda_ : float
        The kernel bandwidth and ridge penalty chosen by leave-one-out cross-validation.
    alpha : numpy.ndarray
        Kernel weights (first the constant term when ``intercept``, then one per centre).
    cv_scores : pandas.DataFrame
        Leave-one-out scores, sigma candidates in rows and lambda candidates in columns.
    ratio_numerator, ratio_denominator : numpy.ndarray
        Estimated ratios at the numerator and denominator rows.
    """

    pearson_divergence: float
    sigma: float
    lambda_: float
    alpha: np.ndarray = field(repr=False)
    centers: np.ndarray = field(repr=False)
    intercept: bool
    encoder: RatioEncoder = field(repr=False)
    cv_scores: pd.DataFrame = field(repr=False)
    ratio_numerator: np.ndarray = field(repr=False)
    ratio_denominator: np.ndarray = field(repr=False)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """Estimated density ratio r(x) at every row of ``frame`` (not clipped at 0).

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(1)
        >>> nu = pd.DataFrame({"x": rng.normal(size=200)})
        >>> de = pd.DataFrame({"x": rng.normal(1, 1, size=200)})
        >>> fit = ulsif(nu, de, seed=1)
        >>> bool(fit.predict(pd.DataFrame({"x": [-1.0]}))[0] > fit.predict(pd.DataFrame({"x": [2.0]}))[0])
        True
        """
        require_frame(frame, "frame")
        return _kernel(cdist(self.encoder.transform(frame), self.centers, "sqeuclidean"),
                       self.sigma, self.intercept) @ self.alpha

    def __repr__(self) -> str:
        return (f"DensityRatioFit(pearson_divergence={self.pearson_divergence:.4f}, "
                f"sigma={self.sigma:.4g}, lambda_={self.lambda_:.4g}, "
                f"centers={len(self.centers)}, intercept={self.intercept})")


@one_blas_thread
def ulsif(numerator: pd.DataFrame, denominator, *, seed: int | np.random.Generator | None = None,
          n_centers: int = 200, sigma: float | list | None = None, lambda_: float | list | None = None,
          intercept: bool = False):
    """Estimate the density ratio numerator / denominator by uLSIF with cross-validation.

    In the course the numerator is the observed data and the denominator a synthetic set.
    Defaults follow R's ``densityratio::ulsif()`` 0.2.3; the module docstring lists each one,
    how missing values are coded, and where densityratio 0.2.2 (the R tutorial's) differs.

    Parameters
    ----------
    numerator : pandas.DataFrame
        Numeric and categorical columns allowed; missing values too.
    denominator : DataFrame, SynResult or list of them
        The same columns (in any order). With several synthetic sets (``m > 1`` or a list)
        each gets its own fit, with centres drawn from one generator, and a list is returned.
    seed : int, Generator or None
        Controls the sampling of the kernel centres.
    n_centers : int, default 200
        Number of kernel centres drawn from the stacked rows (all rows if fewer).
    sigma, lambda_ : float, sequence or None
        Candidate bandwidths / penalties; None uses the data-driven grids described above.
    intercept : bool, default False
        Add a constant basis function (not penalised).

    Returns
    -------
    DensityRatioFit, or a list of them for several synthetic sets
        With ``pearson_divergence`` and ``predict(frame)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> nu = pd.DataFrame({"x": rng.normal(size=500)})
    >>> de = pd.DataFrame({"x": rng.normal(size=500)})
    >>> fit = ulsif(nu, de, seed=0)
    >>> bool(abs(fit.pearson_divergence) < 0.05)  # near 0: same distribution
    True
    """
    require_frame(numerator, "numerator")
    require_rows(numerator, 2, "numerator")
    if isinstance(n_centers, bool) or not isinstance(n_centers, (int, np.integer)) or n_centers < 1:
        raise ValueError(f"n_centers must be a positive integer, got {n_centers!r}")
    rng = make_rng(seed)
    sets = synthetic_sets(denominator, "denominator")
    fits = []
    for i, frame in enumerate(sets):
        name = "denominator" if len(sets) == 1 else f"denominator[{i}]"
        fits.append(_fit(numerator, _same_columns(numerator, frame, name), rng, n_centers, sigma, lambda_, intercept))
    return one_or_many(fits)


def _same_columns(numerator: pd.DataFrame, denominator: pd.DataFrame, name: str) -> pd.DataFrame:
    """``denominator`` with the numerator's columns in its order; a KeyError names any difference."""
    require_rows(denominator, 2, name)
    lacking = [str(c) for c in numerator.columns if c not in denominator.columns]
    if lacking:
        raise KeyError(f"{name} lacks column(s) {', '.join(lacking)} of the numerator")
    extra = [str(c) for c in denominator.columns if c not in numerator.columns]
    if extra:
        raise KeyError(f"{name} has column(s) {', '.join(extra)} that the numerator lacks")
    return denominator[list(numerator.columns)]


def _fit(numerator: pd.DataFrame, denominator: pd.DataFrame, rng: np.random.Generator, n_centers: int,
         sigma, lambda_, intercept: bool) -> DensityRatioFit:
    encoder = RatioEncoder.from_frames(numerator, denominator)
    x_nu, x_de = encoder.transform(numerator), encoder.transform(denominator)
    stacked = np.vstack([x_nu, x_de])
    if n_centers >= len(stacked):
        centers = stacked
    else:
        centers = stacked[rng.choice(len(stacked), size=n_centers, replace=False)]
    d_nu = cdist(x_nu, centers, "sqeuclidean")
    d_de = cdist(x_de, centers, "sqeuclidean")
    sigmas = _sigma_grid(d_nu) if sigma is None else _positive(sigma, "sigma")
    lambdas = LAMBDAS if lambda_ is None else _positive(lambda_, "lambda_")

    # Matrices of a few hundred columns: BLAS threads cost more than they save, so (under
    # ulsif's one BLAS thread) run one worker per core over the sigma candidates instead.
    def score(s: float) -> np.ndarray:
        return _loocv_scores(_kernel(d_nu, s, intercept), _kernel(d_de, s, intercept), lambdas, intercept)

    with ThreadPoolExecutor(max_workers=2) as pool:
        scores = np.array(list(pool.map(score, sigmas)))
    i, j = np.unravel_index(np.argmin(scores), scores.shape)
    best_sigma, best_lambda = float(sigmas[i]), float(lambdas[j])

    phi_nu, phi_de = _kernel(d_nu, best_sigma, intercept), _kernel(d_de, best_sigma, intercept)
    big_h = phi_de.T @ phi_de / len(phi_de)
    alpha = solve(big_h + best_lambda * _penalty(len(big_h), intercept), phi_nu.mean(axis=0), assume_a="sym")
    r_nu, r_de = phi_nu @ alpha, phi_de @ alpha
    pe = r_nu.mean() / 2 - r_de.mean() + 0.5
    cv = pd.DataFrame(scores, index=pd.Index(sigmas, name="sigma"), columns=pd.Index(lambdas, name="lambda"))
    return DensityRatioFit(float(pe), best_sigma, best_lambda, alpha, centers, intercept, encoder, cv, r_nu, r_de)


def _positive(values, name: str) -> np.ndarray:
    out = np.atleast_1d(np.asarray(values, dtype=float))
    if out.ndim != 1 or len(out) == 0 or not (out > 0).all():
        raise ValueError(f"{name} must be a positive number or a list of them, got {values!r}")
    return out


def _sigma_grid(d_nu: np.ndarray) -> np.ndarray:
    """sigma = sqrt(q / 2) for q the 5%, 15%, ..., 95% quantiles of the positive distances."""
    positive = d_nu[d_nu > 0]
    return np.unique(np.sqrt(np.quantile(positive, SIGMA_QUANTILES) / 2))


def _kernel(dist: np.ndarray, sigma: float, intercept: bool) -> np.ndarray:
    """Gaussian kernel exp(-D / (2 sigma^2)); a column of ones first when ``intercept``."""
    phi = np.exp(-dist / (2 * sigma**2))
    return np.hstack([np.ones((len(phi), 1)), phi]) if intercept else phi


def _penalty(size: int, intercept: bool) -> np.ndarray:
    """The ridge penalty's matrix: the identity, with 0 for the intercept's weight."""
    diagonal = np.ones(size)
    if intercept:
        diagonal[0] = 0.0
    return np.diag(diagonal)


def _loocv_scores(phi_nu: np.ndarray, phi_de: np.ndarray, lambdas: np.ndarray, intercept: bool) -> np.ndarray:
    """Closed-form leave-one-out scores of uLSIF for every lambda at one sigma.

    Kanamori, Hido & Sugiyama (2009, section 3.4), as densityratio 0.2.3 computes it. With
    B = H + lambda (n_de - 1) / n_de D and the first n_min rows of each kernel matrix, write
    g_x = W K_x,i' and g_h = W h with W'W = B^-1. Removing pair i changes B^-1 by a rank-one
    update (Sherman-Morrison), so the weights fitted without pair i, evaluated at the two
    left-out rows, need only the inner products s = g_de'g_de, t = g_de'g_nu, u = g_nu'g_nu:
    a = g_de'g_h / (n_de - s), c = t / (n_de - s),
    r_de(i) = q (n_nu (g_de'g_h + s a) - (t + s c)), r_nu(i) = q (n_nu (g_nu'g_h + t a) - (u + t c)),
    q = (n_de - 1) / (n_de (n_nu - 1)), negative values kept. Score:
    sum_i r_de(i)^2 / (2 n_min) - mean_i r_nu(i).

    The inner products for all lambdas come from :func:`_inner_products`.
    """
    n_nu, n_de = len(phi_nu), len(phi_de)
    n_min = min(n_nu, n_de)
    big_h = phi_de.T @ phi_de / n_de
    s, t, u, de_h, nu_h = _inner_products(big_h, phi_de[:n_min].T, phi_nu[:n_min].T, phi_nu.mean(axis=0),
                                          lambdas * (n_de - 1) / n_de, intercept)
    q = (n_de - 1) / (n_de * (n_nu - 1))
    a, c = de_h / (n_de - s), t / (n_de - s)
    r_de = q * (n_nu * (de_h + s * a) - (t + s * c))
    r_nu = q * (n_nu * (nu_h + t * a) - (u + t * c))
    return (r_de * r_de).sum(axis=1) / (2 * n_min) - r_nu.mean(axis=1)


def _inner_products(big_h: np.ndarray, k_de: np.ndarray, k_nu: np.ndarray, h: np.ndarray, penalties: np.ndarray,
                    intercept: bool) -> tuple[np.ndarray, ...]:
    """For each penalty (rows) and left-out pair i (columns), with B = H + penalty D:
    s = k_de,i' B^-1 k_de,i, t = k_de,i' B^-1 k_nu,i, u = k_nu,i' B^-1 k_nu,i,
    and h' B^-1 k_de,i, h' B^-1 k_nu,i.

    Without an intercept D = I, and one eigendecomposition H = V E V' serves every penalty:
    with P = V'K, each product is sum over k of P_k,i P'_k,i / (E_k + penalty), so all
    penalties at once are one matrix product with the weights 1 / (E + penalty). With an
    intercept D has a 0 and each penalty gets a Cholesky factor L of H + penalty D.
    """
    if not intercept:
        eigval, eigvec = eigh(big_h)
        p_de, p_nu, p_h = eigvec.T @ k_de, eigvec.T @ k_nu, eigvec.T @ h
        weights = 1.0 / (eigval[None, :] + penalties[:, None])
        return (weights @ (p_de * p_de), weights @ (p_de * p_nu), weights @ (p_nu * p_nu),
                weights @ (p_h[:, None] * p_de), weights @ (p_h[:, None] * p_nu))
    n_min, out = k_de.shape[1], [np.empty((len(penalties), k_de.shape[1])) for _ in range(5)]
    stacked = np.hstack([k_de, k_nu, h[:, None]])
    for row, penalty in enumerate(penalties):
        chol = cholesky(big_h + penalty * _penalty(len(big_h), intercept), lower=True)
        whitened = solve_triangular(chol, stacked, lower=True, check_finite=False)
        g_de, g_nu, g_h = whitened[:, :n_min], whitened[:, n_min:2 * n_min], whitened[:, -1]
        for target, value in zip(out, ((g_de * g_de).sum(axis=0), (g_de * g_nu).sum(axis=0),
                                       (g_nu * g_nu).sum(axis=0), g_h @ g_de, g_h @ g_nu)):
            target[row] = value
    return tuple(out)
