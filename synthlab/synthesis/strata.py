"""synthpop's ``syn.strata``: synthesise each stratum of the data on its own.

``syn(data, strata="sex")`` (or several columns, or one label per row) splits the observed
data into strata, draws how many synthetic rows each stratum gets (a multinomial draw with
the observed shares, as synthpop's ``sample(..., prob = table(strata))``), synthesises every
stratum separately with the same arguments, and stacks the strata in their order. Models
are fitted within strata, so every relationship may differ between them. As in synthpop,
each stratum needs at least ``minstratumsize`` observed rows (default 10 + 10 x the number
of visited columns) and ``k`` must equal the number of observed rows.
"""
from __future__ import annotations

import numbers
from typing import Callable

import numpy as np
import pandas as pd

from synthlab._checks import make_rng
from synthlab.synthesis.result import SynResult

__all__ = ['stratum_labels', 'synthesise_strata']


def strata_columns(data: pd.DataFrame, strata) -> list[str] | None:
    """The strata columns when ``strata`` names columns (a name, or a list of names), else
    None (one label per row).

    Examples
    --------
    >>> data = pd.DataFrame({"sex": ["F", "M"], "smoke": ["no", "yes"]})
    >>> strata_columns(data, "sex"), strata_columns(data, ["sex", "smoke"]), strata_columns(data, ["a", "b"])
    (['sex'], ['sex', 'smoke'], None)
    """
    if isinstance(strata, str):
        if strata not in data.columns:
            raise KeyError(f"strata names column {strata!r}, which data lack")
        return [strata]
    if isinstance(strata, (list, tuple)) and strata and all(isinstance(s, str) for s in strata):
        unknown = [s for s in strata if s not in data.columns]
        if not unknown:
            return list(strata)
        if len(strata) != len(data):
            raise KeyError(f"strata names column(s) {', '.join(unknown)} that data lack")
    return None


def stratum_labels(data: pd.DataFrame, strata) -> pd.Series:
    """One label per row: the combination of the strata columns (a missing value a value of
    its own, joined by "_" as R's ``interaction``), or the labels given.

    Examples
    --------
    >>> data = pd.DataFrame({"sex": ["F", "M", "F"], "smoke": ["no", "no", "yes"]})
    >>> stratum_labels(data, ["sex", "smoke"]).tolist()
    ['F_no', 'M_no', 'F_yes']
    """
    columns = strata_columns(data, strata)
    if columns is not None:
        parts = [data[c].astype(object).where(data[c].notna(), "NA").astype(str) for c in columns]
        labels = parts[0]
        for part in parts[1:]:
            labels = labels + "_" + part
        return labels.rename("stratum")
    labels = pd.Series(np.asarray(strata, dtype=object), index=data.index, name="stratum")
    if len(labels) != len(data):
        raise ValueError(f"strata must name columns of data or give one label per row ({len(data)}), "
                         f"got {len(labels)} labels")
    if labels.isna().any():
        raise ValueError("strata labels must not be missing")
    return labels


def synthesise_strata(syn: Callable[..., SynResult], data: pd.DataFrame, strata, minstratumsize: int | None,
                      options: dict) -> SynResult:
    """``syn(data, strata=..., **options)``: see the module docstring.

    ``syn`` synthesises one stratum (passed in, so that :mod:`synthlab.synthesis.syn` can
    call this module); ``options`` are its other arguments.

    Examples
    --------
    >>> import synthlab
    >>> boys = synthlab.load_boys()[["age", "hgt", "wgt", "reg"]]
    >>> result = synthlab.syn(boys, strata="reg", minstratumsize=20, seed=1)
    >>> len(result.data), sorted(result.fits[0]) == sorted(boys["reg"].unique())
    (748, True)
    """
    labels = stratum_labels(data, strata)
    visit = list(options["visit_sequence"] or data.columns)
    visit += [c for c in strata_columns(data, strata) or [] if c not in visit]  # synthpop adds them
    if options["k"] not in (None, len(data)):
        raise ValueError(f"with strata, k must equal the number of observed rows ({len(data)}), as in synthpop; "
                         f"got {options['k']}")
    minimum = 10 + 10 * len(visit) if minstratumsize is None else minstratumsize
    if isinstance(minimum, bool) or not isinstance(minimum, numbers.Integral) or minimum < 1:
        raise ValueError(f"minstratumsize must be a positive whole number, got {minstratumsize!r}")
    codes, names = _stratum_codes(data, strata, labels)
    observed_counts = np.bincount(codes, minlength=len(names))
    small = [f"{name} ({count})" for name, count in zip(names, observed_counts) if count < minimum]
    if small:
        raise ValueError(f"strata with fewer than minstratumsize = {minimum} observed rows: {', '.join(small)}; "
                         "merge strata, or lower minstratumsize (synthpop's default is 10 + 10 x the number "
                         "of visited columns)")
    seed = options["seed"]
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    rng = make_rng(seed)
    m = options["m"]
    sets, fits, first = [], [], None
    for _ in range(m):
        counts = rng.multinomial(len(data), observed_counts / len(data))
        pieces, set_fits = [], {}
        for code, (name, count) in enumerate(zip(names, counts)):
            if count == 0:
                continue
            part = syn(data[codes == code].reset_index(drop=True),
                       **{**options, "visit_sequence": visit, "k": int(count), "m": 1, "seed": rng.spawn(1)[0]})
            first = first or part
            pieces.append(part.data)
            set_fits[name] = part.fits[0] if part.fits else {}
        sets.append(pd.concat(pieces, ignore_index=True))
        fits.append(set_fits)
    stored_seed = None if isinstance(seed, np.random.Generator) else seed
    return SynResult(data=sets[0] if m == 1 else sets, method=first.method, visit_sequence=first.visit_sequence,
                     predictor_matrix=first.predictor_matrix, seed=stored_seed,
                     m=m, k=len(data), n_observed=len(data), smoothing=first.smoothing, rules=first.rules,
                     fits=fits, missing=first.missing, cont_na=first.cont_na)


def _stratum_codes(data: pd.DataFrame, strata, labels: pd.Series) -> tuple[np.ndarray, list]:
    """Stratum number of each row and the strata's labels, in R's order: by the columns'
    category order (missing last), the first column varying fastest (``interaction``); given
    labels sorted."""
    columns = strata_columns(data, strata)
    if columns is None:
        codes, names = pd.factorize(labels, sort=True)
        return codes, list(names)
    keys = []
    for column in reversed(columns):
        values = pd.Categorical(data[column])
        keys.append(np.where(values.codes < 0, len(values.categories), values.codes))
    combined = np.zeros(len(data), dtype=np.int64)
    for key in keys:
        combined = combined * (key.max() + 2) + key
    present, codes = np.unique(combined, return_inverse=True)
    names = [labels.iloc[int(np.flatnonzero(codes == i)[0])] for i in range(len(present))]
    return codes, names


def syn_strata(data: pd.DataFrame, strata, *, minstratumsize: int | None = None, **options) -> SynResult:
    """synthpop's ``syn.strata``, by its name: ``syn(data, strata=strata, ...)``.

    Parameters
    ----------
    data : pandas.DataFrame
    strata : str, list of str or array of labels
        The strata columns, or one label per row.
    minstratumsize : int, optional
        Fewest observed rows a stratum may have (default 10 + 10 x the number of visited
        columns).
    **options
        Any other argument of :func:`synthlab.syn` (``method``, ``seed``, ``m``, ...).

    Returns
    -------
    SynResult
        As :func:`synthlab.syn`; ``.fits`` holds, per data set, stratum -> its fits.

    Examples
    --------
    >>> import synthlab
    >>> boys = synthlab.load_boys()[["age", "hgt", "reg"]]
    >>> result = syn_strata(boys, "reg", minstratumsize=20, seed=2)
    >>> len(result.data), result.data["reg"].cat.codes.is_monotonic_increasing
    (748, True)
    """
    from synthlab.synthesis.syn import syn  # here: syn itself calls this module

    return syn(data, strata=strata, minstratumsize=minstratumsize, **options)
