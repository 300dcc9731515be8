"""``norm`` on a transformed scale: synthpop's ``lognorm``, ``sqrtnorm`` and ``cubertnorm``.

Each transforms the observed y, fits and draws as :func:`~synthlab.synthesis.methods.syn_norm`
(linear regression plus normal noise, optionally ``proper``), and transforms the draws back:

=============  ===========================  ==============================
method         transform                    back-transform
=============  ===========================  ==============================
``lognorm``    log(y + c)                   exp(z) - c, negatives set to 0
``sqrtnorm``   sqrt(y)                      z^2
``cubertnorm`` sign(y) abs(y)^(1/3)         z^3
=============  ===========================  ==============================

c is 0 when y has no zeros, else half the smallest non-zero y (as synthpop). ``lognorm`` and
``sqrtnorm`` refuse negative values. The draws are rounded to the observed number of decimals.

Two differences from synthpop 1.9-3, whose code does something else than it intends: its
``lognorm`` with zeros subtracts c on the log scale and sets values <= 0 to 0 *before*
``exp``, which gives draws of at least 1; here c is subtracted after ``exp``. And synthpop
rounds to the decimals of the *transformed* y (in practice: not at all); here the draws are
rounded to the decimals of the observed y, as ``norm`` does.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from synthlab.synthesis.methods import register, syn_norm
from synthlab.synthesis.variables import decimal_places


@register("lognorm", kinds=("numeric",))
def syn_lognorm(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
                proper: bool = False) -> tuple[np.ndarray, dict]:
    """``norm`` on log(y + c), back-transformed by exp(z) - c (c: see the module docstring).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame({"a": rng.normal(size=2000)})
    >>> y = pd.Series(np.exp(1 + 0.5 * x["a"] + 0.1 * rng.normal(size=2000)))
    >>> values, fit = syn_lognorm(y, x, x, rng)
    >>> round(fit["coefficients"]["a"], 2), bool((values > 0).all())
    (0.5, True)
    """
    observed = _non_negative(y, "lognorm")
    shift = 0.5 * observed[observed > 0].min() if (observed == 0).any() else 0.0
    values, fit = _transformed_norm(y, x, xp, rng, proper, np.log(observed + shift),
                                    lambda z: np.maximum(np.exp(z) - shift, 0.0))
    return values, {**fit, "shift": float(shift)}


@register("sqrtnorm", kinds=("numeric",))
def syn_sqrtnorm(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
                 proper: bool = False) -> tuple[np.ndarray, dict]:
    """``norm`` on sqrt(y), back-transformed by squaring.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> x = pd.DataFrame({"a": rng.uniform(size=2000)})
    >>> y = pd.Series((2 + 3 * x["a"] + 0.1 * rng.normal(size=2000)) ** 2)
    >>> values, fit = syn_sqrtnorm(y, x, x, rng)
    >>> round(fit["coefficients"]["a"], 1), round(fit["sigma"], 2)
    (3.0, 0.1)
    """
    observed = _non_negative(y, "sqrtnorm")
    return _transformed_norm(y, x, xp, rng, proper, np.sqrt(observed), np.square)


@register("cubertnorm", kinds=("numeric",))
def syn_cubertnorm(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
                   proper: bool = False) -> tuple[np.ndarray, dict]:
    """``norm`` on the signed cube root of y, back-transformed by cubing (negatives allowed).

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> x = pd.DataFrame({"a": rng.normal(size=2000)})
    >>> y = pd.Series((-1 + 2 * x["a"] + 0.1 * rng.normal(size=2000)) ** 3)
    >>> values, fit = syn_cubertnorm(y, x, x, rng)
    >>> round(fit["coefficients"]["const"], 1), round(fit["coefficients"]["a"], 1)
    (-1.0, 2.0)
    """
    observed = y.to_numpy(dtype=float)
    return _transformed_norm(y, x, xp, rng, proper, np.cbrt(observed), lambda z: z ** 3)


def _transformed_norm(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, proper: bool,
                      transformed: np.ndarray, back: Callable) -> tuple[np.ndarray, dict]:
    """Fit and draw ``norm`` on the transformed values (unrounded), transform back, round."""
    drawn, fit = syn_norm(pd.Series(transformed, name=y.name), x, xp, rng, proper=proper, round_draws=False)
    return np.round(back(drawn), decimal_places(y.to_numpy(dtype=float))), fit


def _non_negative(y: pd.Series, method: str) -> np.ndarray:
    observed = y.to_numpy(dtype=float)
    if (observed < 0).any():
        raise ValueError(f"method {method!r} needs non-negative values; {y.name!r} has "
                         f"{int((observed < 0).sum())} negative value(s)")
    return observed
