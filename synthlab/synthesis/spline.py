"""R's ``smooth.spline`` for equally spaced x, the fit behind synthpop's ``smoothing = "spline"``.

A penalised cubic regression spline, fitted as R's Fortran code ``sbart`` fits it:

1. x is scaled to [0, 1]; the inner knots are the x values at positions
   ``trunc(seq(1, n, length.out = nknots))`` with ``nknots`` = :func:`n_knots` (R's
   ``.nknots.smspl``); the boundary knots are repeated three more times (cubic B-splines,
   ``nknots + 2`` coefficients).
2. For a smoothing parameter lambda the coefficients c solve

       (X'X + lambda * Sigma) c = X'y,

   X the B-spline basis at the data, Sigma the integrals of products of second derivatives
   of the basis functions (R's ``sgram``; it integrates with 0.333 where 1/3 is exact, kept
   here so that the numbers agree).
3. lambda = r * 256^(3 spar - 1), with r = tr(X'X) / tr(Sigma) over the inner coefficients
   3..nk-3 (R's ``ratio``).
4. spar in [-1.5, 1.5] minimises the generalised cross-validation criterion

       GCV = (RSS / n) / (1 - df / n)^2,   df = trace of the hat matrix,

   found by the golden-section/parabolic search of ``sbart`` (Brent's ``fmin``), tolerance
   1e-4. As in R, the fitted values returned are those of the *last* spar evaluated, which
   is within the tolerance of the reported minimum, not necessarily equal to it.

Agreement with R (``tests/r/smooth_spline_reference.R``): on the sorted boys columns hgt,
wgt, tv (n = 748) and hgt repeated 5 times (n = 3740) spar, lambda, df and the fitted values
equal R's to about 1e-11 relative. For n < 50 (a knot at every value) the spline can
interpolate the data and GCV becomes 0/0 at small spar: its computed values there are
rounding noise, in R, and they differ between processors. Here GCV counts as 0 wherever
n - df < 1e-6 n (the spline interpolates to rounding error), so the search ends in
interpolation, the same spar on every machine; R's noisy search ended there too in the three
such cases tested, and the fitted values agree with R's to better than 1e-6 relative (the
spar does not: any spar in the interpolating range fits the data to rounding error).

Only what synthpop needs is ported: x distinct and equally spaced (the ranks 1..n), unit
weights, GCV, no ``df``/``lambda``/``cv`` options.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.interpolate import BSpline
from scipy.linalg import cho_solve_banded, cholesky_banded

_GOLD = (3 - np.sqrt(5)) / 2
# Where n - df < _INTERPOLATES * n the spline interpolates the data to rounding error (n < ~55,
# small spar): RSS and 1 - df/n both vanish and their computed ratio is rounding noise that
# differs between processors (BLAS kernels, SIMD sums). There GCV counts as 0, so the search
# ends in interpolation on every machine, as R's noisy search did in the cases tested. df's
# rounding error where this test is decided is about 1e-10, far below the 1e-6 n it is compared with.
_INTERPOLATES = 1e-6
_SPAR_LOW, _SPAR_HIGH, _TOL, _EPS, _MAXIT = -1.5, 1.5, 1e-4, 2e-8, 500


@dataclass(frozen=True)
class SplineFit:
    """Result of :func:`smooth_spline`: fitted values and the chosen smoothing parameter."""

    fitted: np.ndarray
    spar: float
    lambda_: float
    df: float
    crit: float


def n_knots(n: int) -> int:
    """Number of inner knots R's ``smooth.spline`` uses for n distinct x (``.nknots.smspl``).

    A log-scale interpolation through 50 knots at n = 50, 100 at 200, 140 at 800 and 200 at
    3200, truncated; as in R, rounding error makes n = 50 and n = 200 give 49 and 99.

    Examples
    --------
    >>> [n_knots(n) for n in (20, 50, 200, 800, 3200, 10000)]
    [20, 49, 99, 140, 200, 205]
    """
    if n < 50:
        return n
    a1, a2, a3, a4 = np.log2([50, 100, 140, 200])
    if n < 200:
        value = 2 ** (a1 + (a2 - a1) * (n - 50) / 150)
    elif n < 800:
        value = 2 ** (a2 + (a3 - a2) * (n - 200) / 600)
    elif n < 3200:
        value = 2 ** (a3 + (a4 - a3) * (n - 800) / 2400)
    else:
        value = 200 + (n - 3200) ** 0.2
    return int(value)


def smooth_spline(y: np.ndarray) -> SplineFit:
    """Fit R's ``smooth.spline(y)`` (x = 1..n, GCV, ``all.knots = FALSE``).

    Examples
    --------
    >>> fit = smooth_spline(np.array([1.0, 2.0, 2.5, 4.0, 5.5, 5.0, 7.0, 8.0]))
    >>> fit.fitted.round(3).tolist()  # R: 0.917 1.905 2.893 3.881 4.869 5.857 6.845 7.833
    [0.917, 1.905, 2.893, 3.881, 4.869, 5.857, 6.845, 7.833]
    """
    y = np.asarray(y, dtype=float)
    n = len(y)
    if n < 4:
        raise ValueError(f"smooth.spline needs at least 4 values, got {n}")
    x = np.arange(n) / (n - 1.0)
    knots = _knots(x)
    basis = BSpline.design_matrix(x, knots, 3)
    xtx = (basis.T @ basis).toarray()
    sigma = _penalty(knots)
    inner = slice(2, len(sigma) - 3)
    ratio = np.trace(xtx[inner, inner]) / np.trace(sigma[inner, inner])
    problem = (basis, xtx, basis.T @ y, sigma, y)
    spar, last = _minimise_gcv(lambda s: _fit(problem, ratio * 256.0 ** (3 * s - 1)))
    return SplineFit(last["fitted"], spar, last["lambda"], last["df"], last["crit"])


def _knots(x: np.ndarray) -> np.ndarray:
    """R's knot sequence: inner knots at x[trunc(seq(1, n, length.out = nknots))], the ends
    repeated three more times."""
    n = len(x)
    positions = np.linspace(1, n, n_knots(n)).astype(int) - 1
    return np.r_[[x[0]] * 3, x[positions], [x[-1]] * 3]


def _penalty(knots: np.ndarray) -> np.ndarray:
    """Sigma[i, j] = integral of B_i'' B_j'' over [0, 1], as R's ``sgram`` computes it.

    B'' is linear between knots: on an interval of width w with values a at its left end and
    a + b at its right end, the integral of a product is w (a a' + (a b' + b a') / 2 + b b' / 3),
    where R uses 0.333 for 1/3.
    """
    nk = len(knots) - 4
    breaks = np.unique(knots)
    second = BSpline(knots, np.eye(nk), 3).derivative(2)
    left = second(breaks[:-1])
    right = np.vstack([second(breaks[1:-1]), second(breaks[-1:], extrapolate=True)])
    slope = right - left
    width = np.diff(breaks)[:, None]
    def cross(a, b):  # a' b by einsum: small products, where threaded BLAS only costs time
        return np.einsum("ki,kj->ij", a * width, b)
    return cross(left, left) + (cross(slope, left) + cross(left, slope)) / 2 + 0.333 * cross(slope, slope)


def _fit(problem: tuple, lam: float) -> dict:
    """Coefficients, fitted values, degrees of freedom and GCV for one lambda (R's ``sslvrg``).

    df is the trace of the hat matrix X A^-1 X', A = X'X + lambda Sigma, computed as
    tr(A^-1 X'X), which needs only the band of A^-1 that X'X occupies (R sums the leverages,
    the same number).
    """
    basis, xtx, xty, sigma, y = problem
    upper = cholesky_banded(_upper_band(xtx + lam * sigma))
    fitted = basis @ cho_solve_banded((upper, False), xty)
    inverse = _inverse_band(upper)
    df = float(sum((1 if d == 0 else 2) * inverse[d] @ np.diagonal(xtx, d)[: len(inverse[d])]
                   for d in range(4)))
    n = len(y)
    if n - df < _INTERPOLATES * n:  # GCV is 0/0 here: its computed value is rounding noise
        return {"fitted": fitted, "lambda": lam, "df": df, "crit": 0.0}
    with np.errstate(divide="ignore", invalid="ignore"):
        crit = float(np.sum((y - fitted) ** 2) / n / (1 - df / n) ** 2)
    return {"fitted": fitted, "lambda": lam, "df": df, "crit": crit}


def _inverse_band(upper: np.ndarray) -> list[np.ndarray]:
    """Diagonals 0..3 of A^-1 from the banded Cholesky factor U of A = U'U (R's ``sinerp``).

    Backwards from the last row (Hutchinson and de Hoog): with w_k = U[i, k] / U[i, i],
    S[i, j] = -sum_k w_k S[k, j] for j > i and S[i, i] = 1 / U[i, i]^2 - sum_k w_k S[k, i],
    k = i+1..i+3; every S[k, j] needed lies within the band.
    """
    nk = upper.shape[1]
    band = [[0.0] * (nk - d) for d in range(4)]  # band[d][i] = S[i, i + d]
    u = upper.tolist()
    for i in range(nk - 1, -1, -1):
        others = range(i + 1, min(i + 4, nk))
        w = [u[3 - (k - i)][k] / u[3][i] for k in others]
        for j in others:
            band[j - i][i] = -sum(wk * band[abs(k - j)][min(k, j)] for wk, k in zip(w, others))
        band[0][i] = 1 / u[3][i] ** 2 - sum(wk * band[k - i][i] for wk, k in zip(w, others))
    return [np.array(diagonal) for diagonal in band]


def _upper_band(matrix: np.ndarray) -> np.ndarray:
    """The 3 upper diagonals and the diagonal of a symmetric matrix, in LAPACK's banded layout."""
    nk = len(matrix)
    band = np.zeros((4, nk))
    for offset in range(4):
        band[3 - offset, offset:] = np.diagonal(matrix, offset)
    return band


def _minimise_gcv(evaluate) -> tuple[float, dict]:
    """Golden-section search with parabolic steps over spar, step for step as R's ``sbart``.

    Returns the best spar and the result of the last evaluation (what R returns as the fit).
    """
    a, b = _SPAR_LOW, _SPAR_HIGH
    x = w = v = a + _GOLD * (b - a)
    last = evaluate(x)
    fx = fw = fv = last["crit"]
    d = e = 0.0
    for _ in range(_MAXIT):
        xm = (a + b) / 2
        tol1 = _EPS * abs(x) + _TOL / 3
        tol2 = 2 * tol1
        if abs(x - xm) <= tol2 - (b - a) / 2:
            break
        d, e = _next_step(a, b, x, w, v, fx, fw, fv, d, e, tol1, tol2)
        u = x + (d if abs(d) >= tol1 else np.copysign(tol1, d))
        last = evaluate(u)
        fu = last["crit"] if np.isfinite(last["crit"]) else 2e100
        if fu <= fx:
            a, b = (x, b) if u >= x else (a, x)
            v, fv, w, fw, x, fx = w, fw, x, fx, u, fu
        else:
            a, b = (u, b) if u < x else (a, u)
            if fu <= fw or w == x:
                v, fv, w, fw = w, fw, u, fu
            elif fu <= fv or v == x or v == w:
                v, fv = u, fu
    return x, last


def _next_step(a, b, x, w, v, fx, fw, fv, d, e, tol1, tol2) -> tuple[float, float]:
    """The step d from x (and the new memory e): parabolic if acceptable, else golden section."""
    if abs(e) > tol1 and max(fx, fv, fw) < 1e100:
        r = (x - w) * (fx - fv)
        q = (x - v) * (fx - fw)
        p = (x - v) * q - (x - w) * r
        q = 2 * (q - r)
        p = -p if q > 0 else p
        q = abs(q)
        r, e = e, d
        if not (abs(p) >= abs(0.5 * q * r) or q == 0 or p <= q * (a - x) or p >= q * (b - x)):
            d = p / q
            u = x + d
            if u - a < tol2 or b - u < tol2:
                d = np.copysign(tol1, (a + b) / 2 - x)
            return d, e
    e = (a - x) if x >= (a + b) / 2 else (b - x)
    return _GOLD * e, e
