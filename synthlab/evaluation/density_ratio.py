"""Global utility by density-ratio estimation: uLSIF (Kanamori, Hido & Sugiyama 2009).

The density ratio r(x) = f_obs(x) / f_syn(x) is estimated directly, without estimating either
density, as a weighted sum of Gaussian kernels; the Pearson divergence between the two data
sets follows from the fitted ratio. Defaults follow R's ``densityratio::ulsif()`` (Volker), so
that numbers are comparable with the R course:

- numeric columns standardised with the numerator's means and (n - 1) standard deviations;
- categorical columns coded as R's ``model.matrix(~ . - 1)`` codes them for distances:
  every level of the first categorical column gets its own 0/1 column; each later unordered
  column drops its first level (treatment contrasts); each later *ordered* column keeps all
  levels as 0/1 columns. R uses orthonormal polynomial contrasts for those, whose rows lie
  at squared distance 2 from one another, exactly as one-hot rows do; only distances enter
  the kernel, so the fit is the same;
- ``n_centers = 200`` kernel centres sampled without replacement from the stacked numerator
  and denominator rows, plus a constant basis function (R's ``intercept = TRUE``);
- Gaussian kernel exp(-D / (2 sigma^2)) with D the squared Euclidean distance;
- sigma candidates sqrt(q / 2), q the 5%, 15%, ..., 95% quantiles of the positive
  numerator-to-centre squared distances; lambda candidates 10^seq(3, -3, length 20);
- sigma and lambda chosen by the closed-form leave-one-out score of uLSIF;
- alpha solves (H + lambda I) alpha = h, H = Phi_de' Phi_de / n_de, h = colMeans(Phi_nu),
  without clipping negative values;
- Pearson divergence PE = mean(r(x_nu)) / 2 - mean(r(x_de)) + 1/2 (Sugiyama et al. 2011).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.linalg import eigh, solve
from scipy.spatial.distance import cdist
from threadpoolctl import threadpool_limits

from synthlab._checks import make_rng, require_complete, require_frame, require_rows
from synthlab.evaluation.columns import category_levels, is_number

__all__ = ["ulsif", "DensityRatioFit", "RatioEncoder"]

SIGMA_QUANTILES = np.linspace(0.05, 0.95, 10)
LAMBDAS = 10.0 ** np.linspace(3, -3, 20)


@dataclass(frozen=True, eq=False)
class RatioEncoder:
    """Turns a DataFrame into the numeric matrix the kernels work on (see module docstring).

    Attributes
    ----------
    numeric : dict
        Column name -> (mean, sd) of the numerator, used to standardise.
    categorical : dict
        Column name -> (levels, drop_first); levels in the order of the data's categories.
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
            if is_number(nu) and is_number(de):
                sd = float(nu.std(ddof=1))
                if not np.isfinite(sd) or sd == 0:
                    raise ValueError(f"column {col!r} is constant in the numerator data; "
                                     "drop it before estimating the density ratio")
                numeric[col] = (float(nu.mean()), sd)
            elif is_number(nu) != is_number(de):
                raise TypeError(f"column {col!r} is numeric in one data set and categorical in the other")
            else:
                levels = category_levels(nu, de)
                ordered = isinstance(nu.dtype, pd.CategoricalDtype) and nu.cat.ordered
                categorical[col] = (levels, not first_factor and not ordered)
                first_factor = False
        return cls(numeric, categorical, list(numerator.columns))

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        """The encoded matrix of ``frame`` (same columns as the data the encoder was built on)."""
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise ValueError(f"frame lacks column(s) {', '.join(map(str, missing))}")
        blocks = []
        for col in self.columns:
            if col in self.numeric:
                mean, sd = self.numeric[col]
                blocks.append(((frame[col].to_numpy(dtype=float) - mean) / sd)[:, None])
            else:
                levels, drop_first = self.categorical[col]
                codes = pd.Categorical(frame[col].astype(object), categories=levels).codes
                if (codes < 0).any():
                    raise ValueError(f"column {col!r} holds values outside its levels {levels}")
                onehot = np.eye(len(levels))[codes]
                blocks.append(onehot[:, 1:] if drop_first else onehot)
        return np.hstack(blocks)


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


def ulsif(numerator: pd.DataFrame, denominator: pd.DataFrame, *, seed: int | np.random.Generator | None = None,
          n_centers: int = 200, sigma: float | list | None = None, lambda_: float | list | None = None,
          intercept: bool = True) -> DensityRatioFit:
    """Estimate the density ratio numerator / denominator by uLSIF with cross-validation.

    In the course the numerator is the observed data and the denominator a synthetic set.
    Defaults match R's ``densityratio::ulsif()`` (see the module docstring for each one).

    Parameters
    ----------
    numerator, denominator : pandas.DataFrame
        Same columns, no missing values; numeric and categorical columns allowed.
    seed : int, Generator or None
        Controls the sampling of the kernel centres.
    n_centers : int, default 200
        Number of kernel centres drawn from the stacked rows (all rows if fewer).
    sigma, lambda_ : float, sequence or None
        Candidate bandwidths / penalties; None uses the data-driven grids described above.
    intercept : bool, default True
        Add a constant basis function, as R does.

    Returns
    -------
    DensityRatioFit
        With ``pearson_divergence`` and ``predict(frame)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> nu = pd.DataFrame({"x": rng.normal(size=500)})
    >>> de = pd.DataFrame({"x": rng.normal(size=500)})
    >>> fit = ulsif(nu, de, seed=0)
    >>> round(fit.pearson_divergence, 3)  # near 0: same distribution
    0.023
    """
    for frame, name in [(numerator, "numerator"), (denominator, "denominator")]:
        require_frame(frame, name)
        require_complete(frame, name)
        require_rows(frame, 2, name)
    if list(numerator.columns) != list(denominator.columns):
        raise ValueError("numerator and denominator must have the same columns in the same order")
    rng = make_rng(seed)
    encoder = RatioEncoder.from_frames(numerator, denominator)
    x_nu, x_de = encoder.transform(numerator), encoder.transform(denominator)
    stacked = np.vstack([x_nu, x_de])
    if n_centers >= len(stacked):
        centers = stacked
    else:
        centers = stacked[rng.choice(len(stacked), size=n_centers, replace=False)]
    d_nu = cdist(x_nu, centers, "sqeuclidean")
    d_de = cdist(x_de, centers, "sqeuclidean")

    sigmas = _sigma_grid(d_nu) if sigma is None else np.atleast_1d(np.asarray(sigma, dtype=float))
    lambdas = LAMBDAS if lambda_ is None else np.atleast_1d(np.asarray(lambda_, dtype=float))
    if (sigmas <= 0).any() or (lambdas <= 0).any():
        raise ValueError("sigma and lambda_ must be positive")
    # Matrices of a few hundred columns: BLAS threads cost more than they save, so run one
    # single-threaded worker per core over the sigma candidates instead.
    def score(s: float) -> np.ndarray:
        return _loocv_scores(_kernel(d_nu, s, intercept), _kernel(d_de, s, intercept), lambdas)

    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=2) as pool:
        scores = np.array(list(pool.map(score, sigmas)))
    i, j = np.unravel_index(np.argmin(scores), scores.shape)
    best_sigma, best_lambda = float(sigmas[i]), float(lambdas[j])

    phi_nu, phi_de = _kernel(d_nu, best_sigma, intercept), _kernel(d_de, best_sigma, intercept)
    big_h = phi_de.T @ phi_de / len(phi_de)
    small_h = phi_nu.mean(axis=0)
    alpha = solve(big_h + best_lambda * np.eye(len(big_h)), small_h, assume_a="pos")
    r_nu, r_de = phi_nu @ alpha, phi_de @ alpha
    pe = r_nu.mean() / 2 - r_de.mean() + 0.5
    cv = pd.DataFrame(scores, index=pd.Index(sigmas, name="sigma"), columns=pd.Index(lambdas, name="lambda"))
    return DensityRatioFit(float(pe), best_sigma, best_lambda, alpha, centers, intercept, encoder, cv, r_nu, r_de)


def _sigma_grid(d_nu: np.ndarray) -> np.ndarray:
    """sigma = sqrt(q / 2) for q the 5%, 15%, ..., 95% quantiles of the positive distances."""
    positive = d_nu[d_nu > 0]
    return np.unique(np.sqrt(np.quantile(positive, SIGMA_QUANTILES) / 2))


def _kernel(dist: np.ndarray, sigma: float, intercept: bool) -> np.ndarray:
    """Gaussian kernel exp(-D / (2 sigma^2)); a column of ones first when ``intercept``."""
    phi = np.exp(-dist / (2 * sigma**2))
    return np.hstack([np.ones((len(phi), 1)), phi]) if intercept else phi


def _loocv_scores(phi_nu: np.ndarray, phi_de: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """Closed-form leave-one-out scores of uLSIF for every lambda at one sigma.

    Kanamori, Hido & Sugiyama (2009, section 3.4): with B = H + lambda (n_de - 1) / n_de I and
    the first n_min rows of each kernel matrix, the ratio fitted without pair i is
    max(0, B^-1 [n_nu h + K_de,i a_i - K_nu,i - K_de,i c_i] (n_de - 1) / (n_de (n_nu - 1))),
    and the score is sum_i r_de(i)^2 / (2 n_min) - mean_i r_nu(i). One eigendecomposition of H
    serves every lambda. (R's densityratio divides c_i by n_min - s_i instead of n_de - s_i;
    the two agree when both data sets have the same size.)
    """
    n_nu, n_de = len(phi_nu), len(phi_de)
    n_min = min(n_nu, n_de)
    big_h = phi_de.T @ phi_de / n_de
    small_h = phi_nu.mean(axis=0)
    eigval, eigvec = eigh(big_h)
    k_nu, k_de = phi_nu[:n_min], phi_de[:n_min]
    knu_u, kde_u, u_h = k_nu @ eigvec, k_de @ eigvec, eigvec.T @ small_h
    w_all = 1.0 / (eigval[:, None] + lambdas[None, :] * (n_de - 1) / n_de)   # one column per lambda
    s_all = (kde_u**2) @ w_all                                # K_de,i B^-1 K_de,i'
    a_all = (kde_u @ (w_all * u_h[:, None])) / (n_de - s_all)
    c_all = ((knu_u * kde_u) @ w_all) / (n_de - s_all)
    base = n_nu * u_h[:, None] - knu_u.T
    kde_u_t, k_de_t, k_nu_t = (np.ascontiguousarray(a.T) for a in (kde_u, k_de, k_nu))
    scale = (n_de - 1) / (n_de * (n_nu - 1))
    scores = np.empty(len(lambdas))
    for idx in range(len(lambdas)):
        m = kde_u_t * (n_nu * a_all[:, idx] - c_all[:, idx])    # U' M, one column per i
        m += base
        m *= (w_all[:, idx] * scale)[:, None]
        b2 = eigvec @ m
        np.maximum(b2, 0.0, out=b2)
        r_de = np.einsum("ij,ij->j", b2, k_de_t)
        r_nu = np.einsum("ij,ij->j", b2, k_nu_t)
        scores[idx] = r_de @ r_de / (2 * n_min) - r_nu.mean()
    return scores


