"""Maximum-likelihood fits of the categorical methods' models, by Newton's method.

- :func:`fit_multinomial`: multinomial logit, P(y = j | x) = exp(x b_j) / sum_l exp(x b_l) with
  b_0 = 0 (the first category the baseline, as R's ``nnet::multinom``); two categories give
  the logistic regression (``logreg``).
- :func:`fit_ordered`: proportional-odds model, P(y <= j | x) = F(a_j - x b), F the logistic
  cdf (R's ``MASS::polr``).

Both start from closed-form values, the model without predictors (intercepts or thresholds
from the observed shares, slopes 0), and take full Newton steps with analytic gradients and
Hessians, halved only if the log-likelihood would fall (or the thresholds lose their order).
On the course's data they converge in 4 to 8 steps of a few small matrix products each, to
the fits of statsmodels' ``MNLogit``, ``Logit`` and ``OrderedModel`` (tests/test_logit.py).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from scipy import special
from scipy.linalg import LinAlgError, cho_factor, cho_solve


def newton(objective: Callable, start: np.ndarray, *, valid: Callable | None = None, max_iter: int = 100,
           tol: float = 1e-10) -> tuple[np.ndarray, bool, int]:
    """Maximise a concave function by Newton steps with step halving.

    ``objective(params) -> (value, gradient, hessian)``; ``valid(params)`` says whether a
    trial point is allowed. Returns ``(params, converged, iterations)``; converged when the
    full Newton step moves no parameter by more than ``tol`` (then the maximum is that close).
    Without a maximum (a category perfectly predicted) the steps never shrink: not converged.
    """
    params = np.asarray(start, dtype=float)
    value, gradient, hessian = objective(params)
    for iteration in range(1, max_iter + 1):
        try:
            step = cho_solve(cho_factor(-hessian), gradient)
        except (LinAlgError, ValueError):  # not negative definite: no unique maximum here
            return params, False, iteration
        length = 1.0
        while True:
            trial = params + length * step
            if valid is None or valid(trial):
                trial_value, trial_gradient, trial_hessian = objective(trial)
                if trial_value >= value - 1e-10 * (1 + abs(value)):
                    break
            length /= 2
            if length < 1e-8:
                return params, False, iteration
        params, value, gradient, hessian = trial, trial_value, trial_gradient, trial_hessian
        if np.max(np.abs(step), initial=0.0) < tol:  # the full Newton step, not a halved one
            return params, True, iteration
    return params, False, max_iter


def fit_multinomial(X: np.ndarray, y: np.ndarray, n_categories: int, **options) -> tuple[np.ndarray, bool]:
    """Multinomial logit of codes ``y`` (0 .. n_categories - 1) on ``X`` (with its intercept column).

    Returns ``(B, converged)``: B of shape (p, n_categories - 1), the coefficients of
    categories 1, 2, ... against category 0.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(size=5000)
    >>> y = (rng.random(5000) < special.expit(0.5 + 2 * x)).astype(int)
    >>> B, converged = fit_multinomial(np.column_stack([np.ones(5000), x]), y, 2)
    >>> bool(np.allclose(B[:, 0], [0.5, 2.0], atol=0.15)), converged
    (True, True)
    """
    n, p = X.shape
    k = n_categories - 1
    indicator = np.zeros((n, n_categories))
    indicator[np.arange(n), y] = 1.0
    indicator = indicator[:, 1:]

    def objective(params):
        eta = X @ params.reshape(k, p).T  # n x k
        log_norm = np.logaddexp(0.0, special.logsumexp(eta, axis=1)) if k > 1 else np.logaddexp(0.0, eta[:, 0])
        value = float(np.sum(indicator * eta) - np.sum(log_norm))
        prob = np.exp(eta - log_norm[:, None])
        gradient = ((indicator - prob).T @ X).ravel()
        hessian = np.empty((k, p, k, p))
        for j in range(k):  # block (j, l): -X' diag(p_j (1[j = l] - p_l)) X, one matrix product each
            for l in range(j, k):
                weights = prob[:, j] * (float(j == l) - prob[:, l])
                hessian[j, :, l, :] = hessian[l, :, j, :] = -(X.T @ (X * weights[:, None]))
        return value, gradient, hessian.reshape(k * p, k * p)

    shares = np.bincount(y, minlength=n_categories) / n
    start = np.zeros((k, p))
    if np.allclose(X[:, 0], 1.0):
        start[:, 0] = np.log(np.maximum(shares[1:], 0.5 / n) / max(shares[0], 0.5 / n))
    params, converged, _ = newton(objective, start.ravel(), **options)
    return params.reshape(k, p).T, converged


def multinomial_probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """P(y = j | x) for every row of ``X`` and category j (category 0 first)."""
    eta = np.column_stack([np.zeros(len(X)), X @ B])
    return special.softmax(eta, axis=1)


def fit_ordered(X: np.ndarray, y: np.ndarray, n_categories: int,
                **options) -> tuple[np.ndarray, np.ndarray, bool]:
    """Proportional-odds logit of codes ``y`` (0 .. n_categories - 1) on ``X`` (no intercept).

    Returns ``(b, a, converged)``: slopes b and increasing thresholds a_1 < ... < a_(K-1),
    P(y <= j | x) = F(a_j - x b).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(size=(5000, 1))
    >>> y = np.digitize(x[:, 0] + rng.logistic(size=5000), [-1.0, 1.0])
    >>> b, a, converged = fit_ordered(x, y, 3)
    >>> bool(abs(b[0] - 1.0) < 0.1), bool(np.allclose(a, [-1.0, 1.0], atol=0.15)), converged
    (True, True, True)
    """
    p, k = X.shape[1], n_categories - 1
    objective = ordered_objective(X, y, n_categories)
    shares = np.cumsum(np.bincount(y, minlength=n_categories))[:-1] / len(y)
    start = np.r_[np.zeros(p), special.logit(np.clip(shares, 0.5 / len(y), 1 - 0.5 / len(y)))]
    params, converged, _ = newton(objective, start, valid=lambda t: bool(np.all(np.diff(t[p:]) > 0)), **options)
    return params[:p], params[p:], converged


def ordered_objective(X: np.ndarray, y: np.ndarray, n_categories: int) -> Callable:
    """Log-likelihood, gradient and Hessian of the proportional-odds logit in (b, a).

    Record i has p_i = F(u_i) - F(l_i), u_i = a_(y_i + 1) - x_i b, l_i = a_(y_i) - x_i b
    (a_0 = -inf, a_K = inf); with f = F (1 - F), d log p / du = f(u) / p and
    d log p / dl = -f(l) / p; the chain rule through u and l gives the rest.
    """
    n, p = X.shape
    k = n_categories - 1
    rows = np.arange(n)

    def objective(params):
        b, a = params[:p], params[p:]
        cuts = np.r_[-np.inf, a, np.inf]
        xb = X @ b
        F_up, F_lo = special.expit(cuts[y + 1] - xb), special.expit(cuts[y] - xb)
        prob = np.maximum(F_up - F_lo, 1e-300)
        g_up, g_lo = F_up * (1 - F_up) / prob, -F_lo * (1 - F_lo) / prob
        h_uu = g_up * (1 - 2 * F_up) - g_up ** 2
        h_ll = g_lo * (1 - 2 * F_lo) - g_lo ** 2
        h_ul = -g_up * g_lo
        value = float(np.log(prob).sum())
        d_cut = (np.bincount(y + 1, g_up, k + 2) + np.bincount(y, g_lo, k + 2))[1:k + 1]
        gradient = np.r_[-X.T @ (g_up + g_lo), d_cut]
        G = np.zeros((n, k + 2))
        G[rows, y + 1] = h_uu + h_ul
        G[rows, y] = h_ul + h_ll
        H_ba = -(X.T @ G)[:, 1:k + 1]
        H_aa = np.diag((np.bincount(y + 1, h_uu, k + 2) + np.bincount(y, h_ll, k + 2))[1:k + 1])
        off = np.bincount(y, h_ul, k + 2)[1:k]
        H_aa += np.diag(off, 1) + np.diag(off, -1)
        H_bb = X.T @ (X * (h_uu + 2 * h_ul + h_ll)[:, None])
        return value, gradient, np.block([[H_bb, H_ba], [H_ba.T, H_aa]])

    return objective


def ordered_probabilities(X: np.ndarray, b: np.ndarray, a: np.ndarray) -> np.ndarray:
    """P(y = j | x) for every row of ``X`` and category j."""
    cumulative = special.expit(a[None, :] - (X @ b)[:, None])
    return np.diff(np.column_stack([np.zeros(len(X)), cumulative, np.ones(len(X))]), axis=1)
