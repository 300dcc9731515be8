"""Kernel smoothing of resampled values, so that real values are not copied exactly.

``cart``, ``sample`` and ``normrank`` return values that were observed. With smoothing
(synthpop's ``smoothing = "density"``) each such value gets Gaussian noise added:

    y_smooth = y + bw * e,   e ~ N(0, 1),

that is, a draw from a Gaussian kernel density estimate centred on the resampled value.

Bandwidth rule: Silverman's rule of thumb, R's ``bw.nrd0``, computed on the observed values of
the group the value came from (the CART leaf; the whole column for ``sample`` and ``normrank``):

    bw = 0.9 * min(sd, IQR / 1.34) * n ** (-1/5)

with ``sd`` used alone when the IQR is 0. (synthpop uses the Sheather-Jones bandwidth of the
leaf's synthetic values; nrd0 is the simpler, closed-form rule and gives similar widths.)
A group whose observed values are all equal is left unsmoothed, as in synthpop.
Values pushed beyond the observed range of the column are reflected back into it (so a
non-negative variable stays non-negative).
"""
from __future__ import annotations

import numpy as np


def bandwidth_nrd0(values: np.ndarray) -> float:
    """Silverman's rule-of-thumb bandwidth, as R's ``bw.nrd0`` (0 for constant values).

    Examples
    --------
    >>> round(bandwidth_nrd0(np.arange(1.0, 101.0)), 3)
    10.395
    """
    bw = _group_bandwidths(np.sort(np.asarray(values, dtype=float)), np.array([0]), np.array([len(values)]))
    return float(bw[0])


def smooth(synthetic: np.ndarray, observed: np.ndarray, rng: np.random.Generator,
           synthetic_groups: np.ndarray | None = None,
           observed_groups: np.ndarray | None = None) -> np.ndarray:
    """Add Gaussian kernel noise to resampled values, bandwidth per group by ``bw.nrd0``.

    Parameters
    ----------
    synthetic : numpy.ndarray
        Resampled (observed) values, one per synthetic record.
    observed : numpy.ndarray
        The observed values they were drawn from.
    rng : numpy.random.Generator
    synthetic_groups, observed_groups : numpy.ndarray of int, optional
        Group labels (CART leaves): each synthetic value is smoothed with the bandwidth of the
        observed values of its own group. Default: one group.

    Returns
    -------
    numpy.ndarray
        The smoothed values, within the observed range of ``observed``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> observed = np.arange(1.0, 101.0)
    >>> smoothed = smooth(rng.choice(observed, 50), observed, rng)
    >>> bool(np.isin(smoothed, observed).any())
    False
    """
    synthetic = np.asarray(synthetic, dtype=float)
    observed = np.asarray(observed, dtype=float)
    if synthetic_groups is None or observed_groups is None:
        synthetic_groups = np.zeros(len(synthetic), dtype=np.intp)
        observed_groups = np.zeros(len(observed), dtype=np.intp)
    order = np.lexsort((observed, observed_groups))
    groups, starts, counts = np.unique(observed_groups[order], return_index=True, return_counts=True)
    bandwidths = _group_bandwidths(observed[order], starts, counts)
    bw = bandwidths[np.searchsorted(groups, synthetic_groups)]
    smoothed = synthetic + bw * rng.standard_normal(len(synthetic))
    low, high = np.nanmin(observed), np.nanmax(observed)
    smoothed = np.where(smoothed < low, 2 * low - smoothed, smoothed)
    smoothed = np.where(smoothed > high, 2 * high - smoothed, smoothed)
    return np.clip(smoothed, low, high)


def _group_bandwidths(sorted_values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """bw.nrd0 of each group of a sorted array (groups are consecutive runs)."""
    sums = np.add.reduceat(sorted_values, starts)
    means = sums / counts
    squares = np.add.reduceat((sorted_values - np.repeat(means, counts)) ** 2, starts)
    sd = np.sqrt(squares / np.maximum(counts - 1, 1))
    iqr = _quantile(sorted_values, starts, counts, 0.75) - _quantile(sorted_values, starts, counts, 0.25)
    spread = np.where(iqr > 0, np.minimum(sd, iqr / 1.34), sd)
    return np.where(counts > 1, 0.9 * spread * counts ** (-0.2), 0.0)


def _quantile(sorted_values: np.ndarray, starts: np.ndarray, counts: np.ndarray, q: float) -> np.ndarray:
    """Quantile of each group by linear interpolation (R's default, type 7)."""
    position = (counts - 1) * q
    below = np.floor(position).astype(np.intp)
    above = np.minimum(below + 1, counts - 1)
    fraction = position - below
    return (1 - fraction) * sorted_values[starts + below] + fraction * sorted_values[starts + above]
