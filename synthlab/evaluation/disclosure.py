"""Disclosure risk of synthetic data, and post-processing that lowers it.

Definitions as synthpop computes them (percentages of the number of original records);
key and target values are matched exactly, numeric ones included, missing values are a value
of their own:

- identity disclosure, replicated uniques (repU): original records whose combination of key
  values is unique in the original data and unique in the synthetic data;
- attribute disclosure, DiSCO (Raab, Nowok & Dibben 2024): original records whose keys occur
  in the synthetic data (iS), where every synthetic record with those keys has the same
  target value (DiS, Disclosive in Synthetic) and that value is the record's real one (DiSCO,
  Correct in Original).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synthlab._checks import require_frame
from synthlab.evaluation.inputs import one_or_many, synthetic_sets
from synthlab.synthesis.smoothing import smooth as smooth_values

__all__ = ["replicated_uniques", "disco", "sdc", "ReplicatedUniques", "DiscoResult"]


@dataclass(frozen=True)
class ReplicatedUniques:
    """Replicated uniques for one set of keys.

    Attributes
    ----------
    count : int
        Key combinations unique in the original and unique in the synthetic data (each stands
        for one original and one synthetic record).
    percent : float
        100 * count / number of original records (synthpop's ``disclosure()`` repU).
    percent_synthetic : float
        100 * count / number of synthetic records (the older ``replicated.uniques()``).
    unique_original, unique_synthetic : int
        Records unique on the keys in each data set.
    """

    count: int
    percent: float
    percent_synthetic: float
    unique_original: int
    unique_synthetic: int
    keys: tuple

    def __repr__(self) -> str:
        return (f"ReplicatedUniques(keys={list(self.keys)}, count={self.count}, percent={self.percent:.2f}, "
                f"unique_original={self.unique_original}, unique_synthetic={self.unique_synthetic})")


@dataclass(frozen=True)
class DiscoResult:
    """DiSCO and the shares around it, all in % of the original records.

    Attributes
    ----------
    percent : float
        DiSCO: keys found in the synthetic data, disclosive there and correct in the original.
    keys_found : float
        iS: the record's keys occur in the synthetic data.
    disclosive_synthetic : float
        DiS: keys found and all synthetic records with them share one target value.
    disclosive_original : float
        DiO: all original records with the record's keys share one target value.
    disclosive_both : float
        DiSDiO: DiSCO records whose keys also determine the target in the original data.
    """

    percent: float
    keys_found: float
    disclosive_synthetic: float
    disclosive_original: float
    disclosive_both: float
    keys: tuple
    target: str

    def __repr__(self) -> str:
        return (f"DiscoResult(keys={list(self.keys)}, target={self.target!r}, percent={self.percent:.2f}, "
                f"keys_found={self.keys_found:.2f}, disclosive_synthetic={self.disclosive_synthetic:.2f}, "
                f"disclosive_original={self.disclosive_original:.2f})")


def replicated_uniques(observed: pd.DataFrame, synthetic, keys: list):
    """Count synthetic records that single out a real person on the key variables.

    Keys are matched exactly; a missing value is a value of its own.

    Parameters
    ----------
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult or list of them
        With several synthetic sets (``m > 1`` or a list) each is counted on its own and a
        list of results is returned, one per set (synthpop reports each set).
    keys : list of str
        Variables an intruder could know (e.g. ``["age", "hgt", "reg"]``).

    Returns
    -------
    ReplicatedUniques, or a list of them for several synthetic sets
        ``count``, ``percent`` (of original records) and related counts.

    Examples
    --------
    >>> obs = pd.DataFrame({"a": [1, 1, 2, 3], "b": ["x", "x", "y", "z"]})
    >>> syn = pd.DataFrame({"a": [1, 2, 3, 3], "b": ["x", "y", "z", "z"]})
    >>> replicated_uniques(obs, syn, ["a", "b"]).count
    1
    """
    return one_or_many([_replicated_uniques(observed, frame, keys) for frame in synthetic_sets(synthetic)])


def _replicated_uniques(observed: pd.DataFrame, synthetic: pd.DataFrame, keys: list) -> ReplicatedUniques:
    keys = _check(observed, synthetic, keys)
    k_obs, k_syn, n_groups = _key_ids(observed, synthetic, keys)
    n_obs = np.bincount(k_obs, minlength=n_groups)
    n_syn = np.bincount(k_syn, minlength=n_groups)
    count = int(np.sum((n_obs == 1) & (n_syn == 1)))
    return ReplicatedUniques(count, 100 * count / len(observed), 100 * count / len(synthetic),
                             int(np.sum(n_obs == 1)), int(np.sum(n_syn == 1)), tuple(keys))


def disco(observed: pd.DataFrame, synthetic, keys: list, target: str):
    """DiSCO attribute disclosure of ``target`` given ``keys`` (Raab, Nowok & Dibben 2024).

    For each original record: are its keys in the synthetic data (iS)? Do all synthetic
    records with those keys share one target value (DiS)? Is that value the record's own
    (DiSCO)? Reported as % of the original records.

    Keys and target are matched exactly; a missing value is a value of its own.

    Parameters
    ----------
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult or list of them
        With several synthetic sets (``m > 1`` or a list) each is scored on its own and a
        list of results is returned, one per set.
    keys : list of str
    target : str
        The sensitive variable; numeric values count as equal only when exactly equal.

    Returns
    -------
    DiscoResult, or a list of them for several synthetic sets
        ``percent`` (DiSCO) and the related shares.

    Examples
    --------
    >>> obs = pd.DataFrame({"k": ["a", "a", "b", "c"], "t": [1, 1, 2, 3]})
    >>> syn = pd.DataFrame({"k": ["a", "b", "b"], "t": [1, 2, 5]})
    >>> disco(obs, syn, ["k"], "t").percent
    50.0
    """
    return one_or_many([_disco(observed, frame, keys, target) for frame in synthetic_sets(synthetic)])


def _disco(observed: pd.DataFrame, synthetic: pd.DataFrame, keys: list, target: str) -> DiscoResult:
    keys = _check(observed, synthetic, keys)
    if target not in observed.columns or target not in synthetic.columns:
        raise KeyError(f"target {target!r} must be a column of both observed and synthetic")
    if target in keys:
        raise ValueError(f"target {target!r} must not be one of the keys")
    k_obs, k_syn, n_groups = _key_ids(observed, synthetic, keys)
    t_obs, t_syn = _value_ids(observed[target], synthetic[target])
    syn_count, syn_distinct, syn_value = _group_targets(k_syn, t_syn, n_groups)
    _, obs_distinct, _ = _group_targets(k_obs, t_obs, n_groups)
    found = syn_count[k_obs] > 0
    dis = found & (syn_distinct[k_obs] == 1)
    disco_ = dis & (syn_value[k_obs] == t_obs)
    dio = obs_distinct[k_obs] == 1
    n = len(observed)
    share = lambda flags: float(100 * flags.sum() / n)  # noqa: E731
    return DiscoResult(share(disco_), share(found), share(dis), share(dio), share(disco_ & dio), tuple(keys), target)


def sdc(synthetic, *, observed: pd.DataFrame | None = None, keys: list | None = None,
        remove_replicated_uniques: bool = False, bottom_top_coding: dict | None = None,
        smooth: list | None = None):
    """Post-process a synthetic set before release, as synthpop's ``sdc()`` does.

    Steps, in synthpop's order:

    1. bottom/top coding: ``{"wgt": (5, 100)}`` sets values below 5 to 5 and above 100 to 100
       (``None`` for a side leaves it alone);
    2. only when ``remove_replicated_uniques=True``: remove the synthetic records that are
       replicated uniques on ``keys`` (default: all columns of ``observed``);
    3. smoothing of the listed numeric columns by synthpop's spline smoothing
       (:func:`synthlab.synthesis.smoothing.smooth` with ``kind="spline"``: R's
       ``smooth.spline`` of the sorted values against their rank, rounded to the observed
       number of decimals, or the column's own without ``observed``). No random noise.

    Missing values stay missing: coding and smoothing leave them alone, and as keys they are
    a value of their own.

    Parameters
    ----------
    synthetic : DataFrame, SynResult or list of them
        The data to release. It comes first, as in synthpop's ``sdc(object, data)``. With
        several synthetic sets (``m > 1`` or a list) each is processed and a list returned.
    observed : pandas.DataFrame, optional, keyword only
        The real data; needed to find replicated uniques. Keyword only, so that the two frames
        cannot be swapped by mistake.
    keys : list of str, optional
        Key variables for the replicated uniques (default: all columns of ``observed``).
    remove_replicated_uniques : bool, default False
    bottom_top_coding : dict, optional
    smooth : list of str, optional

    Returns
    -------
    pandas.DataFrame, or a list of them for several synthetic sets
        A new frame (index reset); ``.attrs["sdc"]`` reports what changed per step.

    Examples
    --------
    >>> obs = pd.DataFrame({"a": [1, 2, 2], "b": [0.5, 1.5, 2.5]})
    >>> syn = pd.DataFrame({"a": [1, 2, 3], "b": [0.1, 1.0, 9.0]})
    >>> out = sdc(syn, observed=obs, keys=["a"], remove_replicated_uniques=True,
    ...           bottom_top_coding={"b": (None, 5.0)})
    >>> out["b"].tolist(), out.attrs["sdc"]["removed_replicated_uniques"]
    ([1.0, 5.0], 1)
    """
    if remove_replicated_uniques and observed is None:
        raise ValueError("remove_replicated_uniques=True needs the observed data (observed=)")
    if observed is not None:
        require_frame(observed, "observed")
    results = [_sdc_one(frame, observed, keys, remove_replicated_uniques, bottom_top_coding or {}, smooth or [])
               for frame in synthetic_sets(synthetic)]
    return one_or_many(results)


def _sdc_one(synthetic: pd.DataFrame, observed, keys, remove: bool, coding: dict, smooth: list) -> pd.DataFrame:
    report: dict = {"bottom_coded": {}, "top_coded": {}, "removed_replicated_uniques": 0, "smoothed": []}
    out = synthetic.copy()
    for col, (low, high) in coding.items():
        _numeric_column(out, col)
        values = out[col]
        if low is not None:
            report["bottom_coded"][col] = int((values < low).sum())
            values = values.mask(values < low, low)
        if high is not None:
            report["top_coded"][col] = int((values > high).sum())
            values = values.mask(values > high, high)
        out[col] = values.astype(synthetic[col].dtype)
    if remove:
        keys = _check(observed, out, list(observed.columns) if keys is None else keys)
        replicated = _replicated_rows(observed, out, keys)
        out = out.loc[~replicated]
        report["removed_replicated_uniques"] = int(replicated.sum())
    out = out.reset_index(drop=True)
    for col in smooth:
        _numeric_column(out, col)
        values = out[col].to_numpy(dtype=float)
        reference = values if observed is None else observed[col].to_numpy(dtype=float)
        smoothed = pd.Series(smooth_values(values, reference, None, kind="spline"), index=out.index)
        out[col] = smoothed.astype(out[col].dtype) if pd.api.types.is_integer_dtype(out[col]) else smoothed
        report["smoothed"].append(col)
    out.attrs["sdc"] = report
    return out


def _replicated_rows(observed: pd.DataFrame, synthetic: pd.DataFrame, keys: list) -> np.ndarray:
    """True for the synthetic rows whose keys are unique in both data sets."""
    k_obs, k_syn, n_groups = _key_ids(observed, synthetic, keys)
    n_obs = np.bincount(k_obs, minlength=n_groups)
    n_syn = np.bincount(k_syn, minlength=n_groups)
    return (n_obs[k_syn] == 1) & (n_syn[k_syn] == 1)


def _check(observed: pd.DataFrame, synthetic: pd.DataFrame, keys) -> list:
    require_frame(observed, "observed")
    require_frame(synthetic, "synthetic")
    if isinstance(keys, str):
        keys = [keys]
    keys = list(keys)
    if not keys:
        raise ValueError("keys must name at least one column")
    for name, frame in [("observed", observed), ("synthetic", synthetic)]:
        missing = [str(k) for k in keys if k not in frame.columns]
        if missing:
            raise KeyError(f"{name} lacks key column(s) {', '.join(missing)}")
    return keys


def _key_ids(observed: pd.DataFrame, synthetic: pd.DataFrame, keys: list) -> tuple:
    """One integer per distinct key combination, shared by both frames (exact matching,
    missing values a value of their own)."""
    stacked = pd.concat([observed[keys].astype(object), synthetic[keys].astype(object)], ignore_index=True)
    ids = stacked.groupby(keys, dropna=False, sort=False).ngroup().to_numpy()
    return ids[:len(observed)], ids[len(observed):], int(ids.max()) + 1 if len(ids) else 0


def _value_ids(obs: pd.Series, syn: pd.Series) -> tuple:
    """Integer codes of the values of two columns, equal values sharing a code (NaN included)."""
    codes, _ = pd.factorize(pd.concat([obs, syn], ignore_index=True), use_na_sentinel=False)
    return codes[:len(obs)], codes[len(obs):]


def _group_targets(key_ids: np.ndarray, target_ids: np.ndarray, n_groups: int) -> tuple:
    """Per key group: number of records, number of distinct targets, and one target value."""
    count = np.bincount(key_ids, minlength=n_groups)
    pair_ids = key_ids.astype(np.int64) * (int(target_ids.max()) + 1) + target_ids
    _, first = np.unique(pair_ids, return_index=True)         # one row per distinct (key, target)
    distinct = np.bincount(key_ids[first], minlength=n_groups)
    value = np.full(n_groups, -1)
    value[key_ids[first]] = target_ids[first]
    return count, distinct, value


def _numeric_column(frame: pd.DataFrame, col: str) -> None:
    if col not in frame.columns:
        raise KeyError(f"synthetic lacks column {col!r}")
    if not pd.api.types.is_numeric_dtype(frame[col]) or pd.api.types.is_bool_dtype(frame[col]):
        raise TypeError(f"column {col!r} must be numeric for bottom/top coding or smoothing")

