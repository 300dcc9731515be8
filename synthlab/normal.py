"""The two synthesizers of chapter 2: one joint normal model, and a chain of conditional normals.

Both work on numeric columns only. Each has a ``fit_*`` function returning a small model that
holds parameters (means, covariances, regression coefficients, residual standard deviations),
never rows of the data, and a one-call function that fits and samples.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS
from statsmodels.tools import add_constant
from scipy import stats

from synthlab._checks import make_rng, require_complete, require_frame, require_numeric, require_rows, resolve_n


def _check_numeric_data(data: pd.DataFrame) -> pd.DataFrame:
    require_frame(data)
    require_numeric(data)
    require_complete(data)
    require_rows(data, 2)
    constant = [str(c) for c in data.columns if data[c].nunique() < 2]
    if constant:
        raise ValueError(f"data has constant column(s) {', '.join(constant)}: their covariance matrix "
                         "is singular; drop them before synthesis")
    values = data.to_numpy(dtype=float)
    if np.linalg.matrix_rank(np.cov(values, rowvar=False).reshape(data.shape[1], -1)) < data.shape[1]:
        raise ValueError("data has linearly dependent columns (a column is an exact linear function of "
                         "others), so the covariance matrix is singular")
    return data.astype(float)


@dataclass(frozen=True)
class JointNormal:
    """A multivariate normal model: a mean vector and a covariance matrix.

    Attributes
    ----------
    mean : pandas.Series
        Column means of the data it was fitted on.
    cov : pandas.DataFrame
        Sample covariance matrix (denominator n - 1, as R's ``var``).
    """

    mean: pd.Series
    cov: pd.DataFrame

    def sample(self, n: int, *, seed: int | np.random.Generator | None = None) -> pd.DataFrame:
        """Draw ``n`` synthetic rows from N(mean, cov).

        Examples
        --------
        >>> model = fit_joint_normal(pd.DataFrame({"x": [1.0, 2, 3, 5], "y": [2.0, 1, 4, 4]}))
        >>> model.sample(3, seed=1).shape
        (3, 2)
        """
        n = resolve_n(n, 0)
        draws = stats.multivariate_normal(self.mean.to_numpy(), self.cov.to_numpy()).rvs(
            size=n, random_state=make_rng(seed))
        return pd.DataFrame(np.reshape(draws, (n, len(self.mean))), columns=self.mean.index)


def fit_joint_normal(data: pd.DataFrame) -> JointNormal:
    """Fit a multivariate normal model (mean vector and covariance) to numeric data.

    Examples
    --------
    >>> model = fit_joint_normal(pd.DataFrame({"x": [1.0, 2, 3, 5], "y": [2.0, 1, 4, 4]}))
    >>> model.mean.round(2).tolist()
    [2.75, 2.75]
    """
    data = _check_numeric_data(data)
    return JointNormal(mean=data.mean(), cov=data.cov())


def joint_normal(data: pd.DataFrame, n: int | None = None, *,
                 seed: int | np.random.Generator | None = None) -> pd.DataFrame:
    """Synthesise numeric data from one multivariate normal distribution fitted to ``data``.

    Parameters
    ----------
    data : pandas.DataFrame
        Numeric columns, no missing values, at least 2 rows, no constant column.
    n : int, optional
        Number of synthetic rows; default as many as ``data`` has.
    seed : int or numpy.random.Generator, optional
        Seed of the random draws: the same seed gives the same rows.

    Returns
    -------
    pandas.DataFrame
        ``n`` synthetic rows with the column names of ``data``.

    Examples
    --------
    >>> from synthlab import load_boys
    >>> syn1 = joint_normal(load_boys()[["age", "hgt", "wgt"]], seed=123)
    >>> syn1.shape
    (748, 3)
    """
    n = resolve_n(n, len(data) if isinstance(data, pd.DataFrame) else 0)
    return fit_joint_normal(data).sample(n, seed=seed)


@dataclass(frozen=True)
class ConditionalChain:
    """A chain of conditional normal models, f(x1) f(x2 | x1) ... f(xp | x1..xp-1).

    Attributes
    ----------
    columns : list of str
        The order in which the columns are synthesised.
    first_mean, first_sd : float
        Mean and standard deviation of the first column.
    coefficients : dict of str to pandas.Series
        For each later column, the OLS intercept ("const") and slopes on all earlier columns.
    residual_sd : dict of str to float
        For each later column, the residual standard deviation of its regression
        (square root of the residual sum of squares over n - p - 1, as R's ``sigma``).
    """

    columns: list[str]
    first_mean: float
    first_sd: float
    coefficients: dict[str, pd.Series]
    residual_sd: dict[str, float]

    def sample(self, n: int, *, seed: int | np.random.Generator | None = None) -> pd.DataFrame:
        """Draw ``n`` synthetic rows, one column after the other.

        Examples
        --------
        >>> data = pd.DataFrame({"x": [1.0, 2, 3, 5], "y": [2.0, 1, 4, 4]})
        >>> fit_conditional_chain(data).sample(2, seed=1).shape
        (2, 2)
        """
        n = resolve_n(n, 0)
        rng = make_rng(seed)
        first = self.columns[0]
        synthetic = pd.DataFrame({first: rng.normal(self.first_mean, self.first_sd, size=n)})
        for column in self.columns[1:]:
            beta = self.coefficients[column]
            predicted = beta["const"] + synthetic[beta.index[1:]].to_numpy() @ beta.iloc[1:].to_numpy()
            synthetic[column] = predicted + rng.normal(0.0, self.residual_sd[column], size=n)
        return synthetic

    def implied_joint_normal(self) -> JointNormal:
        """The multivariate normal that this chain of linear-normal models defines.

        With x_j = b0 + b'x_(<j) + e_j, the mean is b0 + b'mu_(<j), the covariance with the
        earlier columns is b'Sigma_(<j) and the variance is b'Sigma_(<j)b + sd_j^2.
        """
        p = len(self.columns)
        mean = np.zeros(p)
        cov = np.zeros((p, p))
        mean[0], cov[0, 0] = self.first_mean, self.first_sd ** 2
        for j, column in enumerate(self.columns[1:], start=1):
            b = self.coefficients[column].iloc[1:].to_numpy()
            mean[j] = self.coefficients[column]["const"] + b @ mean[:j]
            cov[j, :j] = cov[:j, j] = b @ cov[:j, :j]
            cov[j, j] = b @ cov[:j, :j] @ b + self.residual_sd[column] ** 2
        index = pd.Index(self.columns)
        return JointNormal(mean=pd.Series(mean, index=index), cov=pd.DataFrame(cov, index=index, columns=index))


def fit_conditional_chain(data: pd.DataFrame) -> ConditionalChain:
    """Fit the chain of chapter 2: the first column's mean and sd, then OLS of every later
    column on all earlier columns, with the residual standard deviation.

    Examples
    --------
    >>> data = pd.DataFrame({"x": [1.0, 2, 3, 5], "y": [2.0, 1, 4, 4]})
    >>> chain = fit_conditional_chain(data)
    >>> chain.coefficients["y"].round(3).tolist()
    [0.943, 0.657]
    """
    data = _check_numeric_data(data)
    columns = [str(c) for c in data.columns]
    data = data.set_axis(columns, axis=1)
    coefficients, residual_sd = {}, {}
    for j, column in enumerate(columns[1:], start=1):
        fit = OLS(data[column], add_constant(data[columns[:j]], has_constant="add")).fit()
        coefficients[column] = fit.params
        residual_sd[column] = float(np.sqrt(fit.scale))
    first = data[columns[0]]
    return ConditionalChain(columns=columns, first_mean=float(first.mean()), first_sd=float(first.std()),
                            coefficients=coefficients, residual_sd=residual_sd)


def conditional_chain(data: pd.DataFrame, n: int | None = None, *,
                      seed: int | np.random.Generator | None = None) -> pd.DataFrame:
    """Synthesise numeric data with a chain of linear regressions plus normal noise.

    The first column is drawn from a normal distribution with its mean and sd; every later
    column is predicted from the synthetic values of all earlier columns with the OLS fit on
    the observed data, plus normal noise with that fit's residual sd (fully conditional
    specification, chapter 2).

    Parameters
    ----------
    data : pandas.DataFrame
        Numeric columns in the order of synthesis, no missing values, at least 2 rows.
    n : int, optional
        Number of synthetic rows; default as many as ``data`` has.
    seed : int or numpy.random.Generator, optional
        Seed of the random draws.

    Returns
    -------
    pandas.DataFrame
        ``n`` synthetic rows with the column names of ``data``.

    Examples
    --------
    >>> from synthlab import load_boys
    >>> syn2 = conditional_chain(load_boys()[["age", "hgt", "wgt"]], seed=123)
    >>> list(syn2.columns)
    ['age', 'hgt', 'wgt']
    """
    n = resolve_n(n, len(data) if isinstance(data, pd.DataFrame) else 0)
    return fit_conditional_chain(data).sample(n, seed=seed)
