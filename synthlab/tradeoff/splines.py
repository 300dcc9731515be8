"""Natural cubic splines with numpy: the basis behind R's ``ns()`` and patsy's ``cr()``.

A natural cubic spline is cubic between its knots and linear beyond the outer (boundary)
knots. With ``K`` knots it has ``K`` free parameters, the constant included. We use the
truncated-power form of Hastie, Tibshirani & Friedman (2009), *The Elements of Statistical
Learning*, eq. 5.4-5.5:

    N_1(x) = 1,  N_2(x) = x,  N_{k+2}(x) = d_k(x) - d_{K-1}(x),  k = 1, ..., K - 2,
    d_k(x) = ((x - xi_k)^3_+ - (x - xi_K)^3_+) / (xi_K - xi_k).
"""
from __future__ import annotations

import numpy as np


def quantile_knots(x: np.ndarray, df: int) -> np.ndarray:
    """Knots of a natural spline with ``df`` degrees of freedom besides the constant.

    As R's ``ns(x, df)`` and patsy's ``cr(x, df)``: the boundary knots are ``min(x)`` and
    ``max(x)``, the ``df - 1`` interior knots sit at equally spaced quantiles of ``x``.

    Parameters
    ----------
    x : array of float
        The predictor values.
    df : int
        Degrees of freedom without the constant, at least 1 (``df = 1`` is a straight line).

    Returns
    -------
    numpy.ndarray
        ``df + 1`` knots, sorted.

    Examples
    --------
    >>> quantile_knots(np.arange(5.0), 2)
    array([0., 2., 4.])
    """
    if isinstance(df, bool) or not isinstance(df, (int, np.integer)) or df < 1:
        raise ValueError(f"df must be a positive integer, got {df!r}")
    return np.quantile(np.asarray(x, dtype=float), np.linspace(0.0, 1.0, int(df) + 1))


def natural_spline_basis(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """The natural cubic spline basis at ``x`` for the given knots, constant included.

    Parameters
    ----------
    x : array of float
        Where to evaluate the basis.
    knots : array of float
        At least 2 distinct knots; the first and last are the boundary knots.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(x), len(knots))``. Column 0 is the constant, column 1 is linear in ``x``;
        ``x`` is rescaled to the boundary knots (0 to 1) so that the columns stay comparable.

    Examples
    --------
    >>> natural_spline_basis(np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0]))
    array([[1. , 0. ],
           [1. , 0.5],
           [1. , 1. ]])
    """
    knots = np.sort(np.asarray(knots, dtype=float))
    if knots.ndim != 1 or len(knots) < 2 or knots[0] == knots[-1]:
        raise ValueError("knots must hold at least 2 distinct values")
    low, high = knots[0], knots[-1]
    u = (np.asarray(x, dtype=float) - low) / (high - low)
    xi = (knots - low) / (high - low)

    def d(k: int) -> np.ndarray:  # d_k of ESL eq. 5.5 (0-based k)
        return (np.clip(u - xi[k], 0, None) ** 3 - np.clip(u - xi[-1], 0, None) ** 3) / (xi[-1] - xi[k])

    last = d(len(xi) - 2)
    columns = [np.ones_like(u), u] + [d(k) - last for k in range(len(xi) - 2)]
    return np.column_stack(columns)
