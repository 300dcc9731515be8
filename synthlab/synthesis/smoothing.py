"""Smoothing of resampled values, so that real values are not copied exactly.

``cart``, ``sample`` and ``normrank`` return values that were observed. synthpop's
``syn.smooth`` changes them afterwards in one of three ways, all here in :func:`smooth`:

- ``"spline"`` (synthpop's default kind): sort the synthetic values of the column, fit R's
  ``smooth.spline`` to them against their rank 1..n (GCV, ``all.knots = FALSE``;
  :func:`synthlab.synthesis.spline.smooth_spline`), put the fitted values back in the
  original order and round them to the observed number of decimals. No random noise.
- ``"rmean"``: the same, with a running mean of window 5 over the ordered values.
- ``"density"``: Gaussian noise, one bandwidth for the whole synthetic column,

      y_smooth = y + bw * e,   e ~ N(0, 1),

  that is, a draw from a Gaussian kernel density estimate centred on the resampled value.

Which values ``"density"`` smooths (as synthpop):

- not the most frequent value, if it makes up more than 70% of the synthetic column;
- not the values equal to the observed maximum, if the column looks top-coded: its largest
  synthetic value occurs more than 11 times as often as the second largest.

Bandwidth rule: the Sheather-Jones bandwidth of the synthetic values to be smoothed, R's
``bw.SJ(x, method = "ste")`` (what synthpop's ``density(x, width = "SJ")`` uses), computed by
:func:`bandwidth_sj`. Where the Sheather-Jones equation has no solution (R stops with
"sample is too sparse"), Silverman's rule :func:`bandwidth_nrd0` stands in.

Two deliberate deviations of ``"density"`` from synthpop: values pushed beyond the observed
range of the column are reflected back into it (synthpop clips them at the observed minimum
and the maximum plus one bandwidth), so a non-negative variable stays non-negative; and the
smoothed values are not rounded to the observed number of decimals, which would turn many of
them back into observed values.
"""
from __future__ import annotations

import numpy as np

from synthlab.synthesis.spline import smooth_spline
from synthlab.synthesis.variables import decimal_places

KINDS = ("spline", "density", "rmean")
_DELTA_MAX = 1000.0  # R's bandwidth.c: terms with (distance / h)^2 >= 1000 are cut off


def smooth(synthetic: np.ndarray, observed: np.ndarray, rng: np.random.Generator,
           kind: str = "density") -> np.ndarray:
    """Smooth the synthetic values of one numeric column, as synthpop's ``syn.smooth``.

    Parameters
    ----------
    synthetic : numpy.ndarray
        Resampled (observed) values, one per synthetic record. Missing values stay missing.
    observed : numpy.ndarray
        The observed column (its range and its number of decimals are used).
    rng : numpy.random.Generator
        Used by ``"density"`` only.
    kind : {"density", "spline", "rmean"}
        See the module docstring.

    Returns
    -------
    numpy.ndarray
        The smoothed values (floats), in the order of ``synthetic``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> synthetic = np.array([3.0, 1.0, 2.0, 10.0, 4.0, 5.0])
    >>> smooth(synthetic, synthetic, rng, kind="rmean").tolist()
    [3.0, 2.0, 2.0, 6.0, 5.0, 6.0]
    """
    if kind == "density":
        return _smooth_density(synthetic, observed, rng)
    if kind in ("spline", "rmean"):
        return _smooth_ordered(synthetic, observed, kind)
    raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")


def _smooth_ordered(synthetic: np.ndarray, observed: np.ndarray, kind: str) -> np.ndarray:
    """synthpop's "spline" and "rmean": smooth the sorted values against their rank, put them
    back in the original order, round to the observed decimals. Missing values are left out;
    with fewer than 4 values (R's ``smooth.spline`` needs 4) nothing is changed."""
    synthetic = np.asarray(synthetic, dtype=float)
    present = np.flatnonzero(~np.isnan(synthetic))
    if len(present) < 4:
        return synthetic.copy()
    order = present[np.argsort(synthetic[present], kind="stable")]
    ordered = synthetic[order]
    fitted = smooth_spline(ordered).fitted if kind == "spline" else running_mean(ordered)
    smoothed = synthetic.copy()
    smoothed[order] = np.round(fitted, decimal_places(np.asarray(observed, dtype=float)))
    return smoothed


def running_mean(values: np.ndarray, window: int = 5) -> np.ndarray:
    """Mean of each value and its neighbours within ``window // 2`` places (fewer at the ends),
    as ``broman::runningmean(1:n, values, window)`` that synthpop's "rmean" calls.

    Examples
    --------
    >>> running_mean(np.array([1.0, 2.0, 3.0, 4.0, 10.0])).tolist()
    [2.0, 2.5, 4.0, 4.75, 5.666666666666667]
    """
    half = window // 2
    sums = np.r_[0.0, np.cumsum(values)]
    index = np.arange(len(values))
    low, high = np.maximum(index - half, 0), np.minimum(index + half + 1, len(values))
    return (sums[high] - sums[low]) / (high - low)


def _smooth_density(synthetic: np.ndarray, observed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Add Gaussian kernel noise to resampled values, one Sheather-Jones bandwidth per column.

    Parameters
    ----------
    synthetic : numpy.ndarray
        Resampled (observed) values, one per synthetic record. Missing values stay missing.
    observed : numpy.ndarray
        The observed values they were drawn from.
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        The smoothed values, within the observed range of ``observed``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> observed = np.arange(1.0, 101.0)
    >>> smoothed = _smooth_density(rng.choice(observed, 50), observed, rng)
    >>> bool(np.isin(smoothed, observed).any())
    False
    """
    synthetic = np.asarray(synthetic, dtype=float)
    observed = np.asarray(observed, dtype=float)
    chosen = _to_smooth(synthetic, np.nanmax(observed))
    bw = bandwidth_sj(synthetic[chosen])
    if bw == 0:
        return synthetic.copy()
    smoothed = synthetic.copy()
    noisy = synthetic[chosen] + bw * rng.standard_normal(int(chosen.sum()))
    low, high = np.nanmin(observed), np.nanmax(observed)
    noisy = np.where(noisy < low, 2 * low - noisy, noisy)
    noisy = np.where(noisy > high, 2 * high - noisy, noisy)
    smoothed[chosen] = np.clip(noisy, low, high)
    return smoothed


def _to_smooth(synthetic: np.ndarray, observed_max: float) -> np.ndarray:
    """Mask of the values synthpop smooths: not a value with more than 70% of the column,
    not the observed maximum when the column looks top-coded."""
    chosen = ~np.isnan(synthetic)
    values, counts = np.unique(synthetic[chosen], return_counts=True)
    if len(values) == 0:
        return chosen
    if counts.max() > 0.7 * counts.sum():
        chosen &= synthetic != values[np.argmax(counts)]
    if len(values) > 1 and 10 * counts[-2] < counts[-1] - counts[-2]:
        chosen &= synthetic != observed_max
    return chosen


def bandwidth_sj(values: np.ndarray, nb: int = 1000) -> float:
    """Sheather-Jones bandwidth by "solve-the-equation", as R's ``bw.SJ(x, nb, method = "ste")``.

    As in R, the pairwise distances are binned into ``nb`` bins of width
    ``d = 1.01 (max - min) / nb``, and the bandwidth h solves (Sheather & Jones 1991)

        h = [1 / (2 sqrt(pi) n SD(alpha2 h^(5/7)))]^(1/5),
        alpha2 = 1.357 [SD(a) / -TD(b)]^(1/7),

    where SD and TD are the binned kernel estimates of the integrated squared second and
    third density derivatives (R's ``bw_phi4``, ``bw_phi6``), a = 1.24 s n^(-1/7),
    b = 1.23 s n^(-1/9) and s = min(sd, IQR / 1.349). The root is searched in
    [0.1 hmax, hmax], hmax = 1.144 s n^(-1/5), widened as R does, by R's own root finder, so
    the result equals R's to rounding error.

    Returns 0 for fewer than two distinct values (nothing to smooth). Where R stops with an
    error (s = 0, "sample is too sparse", no root), returns :func:`bandwidth_nrd0` instead.

    Examples
    --------
    >>> round(bandwidth_sj(np.arange(1.0, 301.0) ** 3 / 1e4), 4)  # R: 47.8468
    47.8468
    """
    x = np.asarray(values, dtype=float)
    n = len(x)
    if n < 2 or x.min() == x.max():
        return 0.0
    q75, q25 = np.quantile(x, [0.75, 0.25])
    scale = min(float(np.std(x, ddof=1)), (q75 - q25) / 1.349)
    if scale <= 0:
        return bandwidth_nrd0(x)
    d, cnt = _pair_counts(x, nb)
    a, b = 1.24 * scale * n ** (-1 / 7), 1.23 * scale * n ** (-1 / 9)
    c1 = 1 / (2 * np.sqrt(np.pi) * n)
    td = -_phi(6, n, d, cnt, b)
    if not np.isfinite(td) or td <= 0:
        return bandwidth_nrd0(x)
    sd_a = _phi(4, n, d, cnt, a)
    if not sd_a > 0:
        return bandwidth_nrd0(x)
    alpha2 = 1.357 * (sd_a / td) ** (1 / 7)

    def equation(h):
        sd = _phi(4, n, d, cnt, alpha2 * h ** (5 / 7))
        return (c1 / sd) ** (1 / 5) - h if sd > 0 else np.nan  # R: NaN, then an error

    hmax = 1.144 * scale * n ** (-1 / 5)
    lower, upper = 0.1 * hmax, hmax
    f_lower, f_upper = equation(lower), equation(upper)
    for attempt in range(1, 101):
        if f_lower * f_upper <= 0:
            return float(_zeroin(equation, lower, upper, f_lower, f_upper, tol=0.1 * lower))
        if attempt == 100:
            break
        if attempt % 2:
            upper *= 1.2
            f_upper = equation(upper)
        else:
            lower /= 1.2
            f_lower = equation(lower)
    return bandwidth_nrd0(x)


def _pair_counts(x: np.ndarray, nb: int) -> tuple[float, np.ndarray]:
    """Bin width d and cnt[k], the number of pairs i < j whose bins are k apart.

    Bins as R's ``bw_pair_cnts``: bin = trunc(x / d); for n > nb / 2 R tabulates only the
    first ``nb`` bins (in practice all of them). From the bin counts c,
    cnt[0] = sum c (c - 1) / 2 and cnt[k] = sum over b of c_b c_(b+k).
    """
    d = (x.max() - x.min()) * 1.01 / nb
    bins = np.trunc(x / d).astype(np.int64)
    bins -= bins.min()
    if len(x) > nb / 2:
        bins = bins[bins < nb]
    c = np.bincount(bins)
    cnt = np.zeros(max(nb, len(c)))
    cnt[:len(c)] = np.correlate(c, c, "full")[len(c) - 1:]
    cnt[0] = np.sum(c * (c - 1)) / 2
    return d, cnt


def _phi(order: int, n: int, d: float, cnt: np.ndarray, h: float) -> float:
    """Binned estimate of the integrated squared density derivative, R's ``bw_phi4``/``bw_phi6``.

    With delta_k = (k d / h)^2 and the pair counts cnt_k (terms with delta >= 1000 dropped):
    order 4: [2 sum cnt_k e^(-delta/2) (delta^2 - 6 delta + 3) + 3 n] / (n (n - 1) h^5 sqrt(2 pi));
    order 6: [2 sum cnt_k e^(-delta/2) (delta^3 - 15 delta^2 + 45 delta - 15) - 15 n]
    / (n (n - 1) h^7 sqrt(2 pi)).
    """
    delta = (np.arange(len(cnt)) * d / h) ** 2
    beyond = np.flatnonzero(delta >= _DELTA_MAX)
    keep = beyond[0] if len(beyond) else len(delta)
    delta, weight = delta[:keep], cnt[:keep]
    if order == 4:
        total = 2 * np.sum(np.exp(-delta / 2) * (delta ** 2 - 6 * delta + 3) * weight) + 3 * n
        return float(total / (n * (n - 1.0) * h ** 5) / np.sqrt(2 * np.pi))
    total = 2 * np.sum(np.exp(-delta / 2) * (delta ** 3 - 15 * delta ** 2 + 45 * delta - 15) * weight) - 15 * n
    return float(total / (n * (n - 1.0) * h ** 7) / np.sqrt(2 * np.pi))


def _zeroin(f, a: float, b: float, fa: float, fb: float, tol: float, maxit: int = 1000) -> float:
    """Root of ``f`` in [a, b] by Brent's method, step for step as R's ``uniroot`` (``R_zeroin2``).

    ``bw.SJ`` stops at R's loose tolerance (0.1 lower); scipy's ``brentq`` is another variant
    of Brent's method and stops at a different point within it (up to 2% away for the boys'
    ``tv``), so R's iteration is reproduced here.
    """
    eps = np.finfo(float).eps
    if fa == 0:
        return a
    if fb == 0:
        return b
    c, fc = a, fa
    for _ in range(maxit + 1):
        previous_step = b - a
        if abs(fc) < abs(fb):  # b is the best approximation, c on the other side of the root
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol_act = 2 * eps * abs(b) + tol / 2
        new_step = (c - b) / 2
        if abs(new_step) <= tol_act or fb == 0:
            return b
        if abs(previous_step) >= tol_act and abs(fa) > abs(fb):  # try interpolation
            cb = c - b
            if a == c:  # linear
                t1 = fb / fa
                p, q = cb * t1, 1.0 - t1
            else:  # inverse quadratic
                q, t1, t2 = fa / fc, fb / fc, fb / fa
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0))
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0)
            if p > 0:
                q = -q
            else:
                p = -p
            if p < 0.75 * cb * q - abs(tol_act * q) / 2 and p < abs(previous_step * q / 2):
                new_step = p / q
        if abs(new_step) < tol_act:
            new_step = tol_act if new_step > 0 else -tol_act
        a, fa = b, fb
        b += new_step
        fb = f(b)
        if (fb > 0 and fc > 0) or (fb < 0 and fc < 0):
            c, fc = a, fa
    return b


def bandwidth_nrd0(values: np.ndarray) -> float:
    """Silverman's rule-of-thumb bandwidth, as R's ``bw.nrd0`` (0 for constant values):
    0.9 min(sd, IQR / 1.34) n^(-1/5), with sd alone when the IQR is 0.

    Examples
    --------
    >>> round(bandwidth_nrd0(np.arange(1.0, 101.0)), 3)
    10.395
    """
    x = np.asarray(values, dtype=float)
    if len(x) < 2 or x.min() == x.max():
        return 0.0
    sd = float(np.std(x, ddof=1))
    q75, q25 = np.quantile(x, [0.75, 0.25])
    spread = min(sd, (q75 - q25) / 1.34) if q75 > q25 else sd
    return float(0.9 * spread * len(x) ** (-1 / 5))
