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
from scipy.stats import rankdata

from synthlab._checks import require_frame
from synthlab.evaluation.inputs import one_or_many, synthetic_sets
from synthlab.synthesis.spline import smooth_spline

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


def disco(observed: pd.DataFrame, synthetic, keys: list, target: str | list | None = None):
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
    target : str, list of str or None
        The sensitive variable; numeric values count as equal only when exactly equal.
        A list of targets scores each against the same keys, as synthpop's
        ``multi.disclosure`` (none of them may be a key); None (the default), as there,
        every column of the observed data that is not a key.

    Returns
    -------
    DiscoResult, or a list of them for several synthetic sets
        ``percent`` (DiSCO) and the related shares. For a list of targets: a DataFrame with
        one row per target (in the order given) and the columns ``percent``, ``keys_found``,
        ``disclosive_synthetic``, ``disclosive_original`` and ``disclosive_both``
        (synthpop's DiSCO, iS, DiS, Dorig and DiSDiO), or a list of such tables.

    Examples
    --------
    >>> obs = pd.DataFrame({"k": ["a", "a", "b", "c"], "t": [1, 1, 2, 3], "u": ["x", "y", "z", "z"]})
    >>> syn = pd.DataFrame({"k": ["a", "b", "b"], "t": [1, 2, 5], "u": ["x", "z", "z"]})
    >>> disco(obs, syn, ["k"], "t").percent
    50.0
    >>> disco(obs, syn, ["k"], ["t", "u"])["percent"].tolist()
    [50.0, 50.0]
    >>> disco(obs, syn, ["k"]).index.tolist()
    ['t', 'u']
    """
    if target is None:
        require_frame(observed, "observed")
        named = [keys] if isinstance(keys, str) else list(keys)
        target = [c for c in observed.columns if c not in named]
    if isinstance(target, (list, tuple, pd.Index)):
        targets = _targets(target, keys)
        return one_or_many([_disco_table(observed, frame, keys, targets) for frame in synthetic_sets(synthetic)])
    if not isinstance(target, str) and not np.isscalar(target):
        raise TypeError(f"target must be a column name or a list of them, got {type(target).__name__}")
    return one_or_many([_disco(observed, frame, keys, target) for frame in synthetic_sets(synthetic)])


def _targets(target, keys) -> list:
    targets = list(target)
    if not targets:
        raise ValueError("target is an empty list: name at least one column")
    repeated = sorted({str(t) for t in targets if targets.count(t) > 1})
    if repeated:
        raise ValueError(f"target names column(s) {', '.join(repeated)} more than once")
    in_keys = [str(t) for t in targets if t in ([keys] if isinstance(keys, str) else list(keys))]
    if in_keys:
        raise ValueError(f"target(s) {', '.join(in_keys)} must not be among the keys")
    return targets


def _disco_table(observed: pd.DataFrame, synthetic: pd.DataFrame, keys: list, targets: list) -> pd.DataFrame:
    """One row per target: the fields of :class:`DiscoResult` (as synthpop's multi.disclosure)."""
    results = [_disco(observed, synthetic, keys, t) for t in targets]
    fields = ["percent", "keys_found", "disclosive_synthetic", "disclosive_original", "disclosive_both"]
    table = pd.DataFrame({f: [getattr(r, f) for r in results] for f in fields},
                         index=pd.Index(targets, name="target"))
    table.attrs["keys"] = list(results[0].keys)
    return table


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
        smooth: list | None = None, cont_na: dict | None = None, label: str | None = None):
    """Post-process a synthetic set before release, as synthpop's ``sdc()`` does.

    Steps, in synthpop's order:

    1. bottom/top coding: ``{"wgt": (5, 100)}`` sets values below 5 to 5 and above 100 to 100
       (``None`` for a side leaves it alone);
    2. only when ``remove_replicated_uniques=True``: remove the synthetic records that are
       replicated uniques on ``keys`` (default: all columns of ``observed``);
    3. smoothing of the listed numeric columns, as R's ``sdc(smooth.vars=)``: R's
       ``smooth.spline`` of the sorted values against their rank 1..n, each value replaced
       by the fitted value at its rank (tied values share one: the fitted value at the
       average of their ranks, rounded down, as R indexes). Nothing is rounded and there is
       no random noise; smoothed integer columns become float. Missing values and the codes
       of ``cont_na`` are left alone and not used in the fit;
    4. ``label``: a first column ``flag`` holding the label (e.g. "synthetic"), as R's
       ``sdc(label=)``.

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
        Key variables for the replicated uniques (default: all columns of ``observed``). Each
        must be a column of the synthetic data (and of ``observed`` when given), whether or
        not records are removed.
    remove_replicated_uniques : bool, default False
    bottom_top_coding : dict, optional
    smooth : list of str, optional
        Numeric columns to smooth (R's ``smooth.vars``).
    cont_na : dict, optional
        Column -> codes that mean "missing" (e.g. ``{"income": [-8]}``), left out of the
        smoothing as R's ``sdc`` leaves out the synthesis's ``cont.na`` (default: the
        ``cont_na`` of a synthesis result, if it records one).
    label : str, optional
        Adds a first column ``flag`` with this value in every row (R's ``label``).

    Returns
    -------
    pandas.DataFrame, or a list of them for several synthetic sets
        A new frame (index reset); ``.attrs["sdc"]`` reports what changed per step.

    Examples
    --------
    >>> obs = pd.DataFrame({"a": [1, 2, 2], "b": [0.5, 1.5, 2.5]})
    >>> syn = pd.DataFrame({"a": [1, 2, 3], "b": [0.1, 1.0, 9.0]})
    >>> out = sdc(syn, observed=obs, keys=["a"], remove_replicated_uniques=True,
    ...           bottom_top_coding={"b": (None, 5.0)}, label="synthetic")
    >>> out["b"].tolist(), out.attrs["sdc"]["removed_replicated_uniques"]
    ([1.0, 5.0], 1)
    >>> list(out.columns), out["flag"].tolist()
    (['flag', 'a', 'b'], ['synthetic', 'synthetic'])
    """
    if remove_replicated_uniques and observed is None:
        raise ValueError("remove_replicated_uniques=True needs the observed data (observed=)")
    if observed is not None:
        require_frame(observed, "observed")
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a string such as 'synthetic', got {label!r}")
    if isinstance(smooth, str):
        smooth = [smooth]
    codes = _cont_na(cont_na if cont_na is not None else getattr(synthetic, "cont_na", None))
    sets = synthetic_sets(synthetic)
    for frame in sets:
        if keys is not None:
            _check(observed if observed is not None else frame, frame, keys)
        for col in smooth or []:
            _numeric_column(frame, col)
        for col in codes:
            if col not in frame.columns:
                raise KeyError(f"cont_na names {col!r}, which is not a column of synthetic")
    results = [_sdc_one(frame, observed, keys, remove_replicated_uniques, bottom_top_coding or {}, smooth or [],
                        codes, label) for frame in sets]
    return one_or_many(results)


def _cont_na(cont_na) -> dict:
    if cont_na is None:
        return {}
    if not isinstance(cont_na, dict):
        raise TypeError(f"cont_na must be a dict from column to missing-value codes, got {cont_na!r}")
    return {col: list(codes) if isinstance(codes, (list, tuple, set, np.ndarray)) else [codes]
            for col, codes in cont_na.items()}


def _sdc_one(synthetic: pd.DataFrame, observed, keys, remove: bool, coding: dict, smooth: list,
             codes: dict, label) -> pd.DataFrame:
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
        out[col] = _smooth_ties(out[col].to_numpy(dtype=float), codes.get(col, ()))
        report["smoothed"].append(col)
    if label is not None:
        out.insert(0, "flag", label, allow_duplicates=True)
    out.attrs["sdc"] = report
    return out


def _smooth_ties(values: np.ndarray, codes=()) -> np.ndarray:
    """R's ``sdc`` smoothing of one numeric column (``smooth.vars``), unrounded.

    The values that are neither missing nor a code of ``codes`` are sorted and smoothed by
    R's ``smooth.spline`` against their rank 1..n; each gets the fitted value at its own
    rank, tied values the one at their average rank rounded down (R's ``y[rank(y)]``).

    Examples
    --------
    >>> out = _smooth_ties(np.array([3.0, 1.0, 2.0, 2.0, np.nan, 5.0, 4.0, -8.0]), codes=[-8])
    >>> bool(out[2] == out[3]), bool(np.isnan(out[4])), float(out[7])
    (True, True, -8.0)
    """
    values = np.asarray(values, dtype=float).copy()
    used = ~np.isnan(values) & ~np.isin(values, np.asarray(list(codes), dtype=float))
    chosen = values[used]
    if len(chosen) < 4 or len(np.unique(chosen)) < 4:
        raise ValueError(f"smoothing needs at least 4 distinct values, got {len(np.unique(chosen))}")
    fitted = smooth_spline(np.sort(chosen, kind="stable")).fitted
    position = np.floor(rankdata(chosen, method="average")).astype(int) - 1
    values[used] = fitted[position]
    return values


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

