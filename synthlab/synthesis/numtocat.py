"""synthpop's ``numtocat``: numeric columns synthesised as groups, then values within groups.

``syn(data, numtocat=["age", "income"], catgroups=5)`` cuts each listed numeric column into
``catgroups`` groups at the quantiles of its observed values (R's ``numtocat.syn``:
``quantile`` type 7, intervals closed on the left, the last closed on both sides; when that
gives fewer than three groups, equal-width groups instead). The codes of ``cont_na`` and
missing values are groups of their own. The grouped columns are synthesised as categorical
columns (by their method, "cart" by default; they predict the later columns as groups), and
then each synthetic row draws its value at random from the observed values of its group
(synthpop's method "nested"), so every synthetic value is an observed one.
"""
from __future__ import annotations

import numbers
from dataclasses import replace
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from synthlab._checks import make_rng
from synthlab.synthesis.result import SynResult
from synthlab.synthesis.variables import is_numeric

__all__ = ['group_breaks', 'group', 'check_numtocat', 'synthesise_grouped']


def group_breaks(values: np.ndarray, groups: int = 5, codes: Sequence[float] = ()) -> np.ndarray:
    """The group boundaries of a numeric column, as R's ``numtocat.syn`` finds them.

    Quantiles (R's type 7) at 0, 1/groups, ..., 1 of the values that are neither missing nor
    a code, duplicates dropped; if that leaves fewer than three groups, ``groups`` groups of
    equal width.

    Examples
    --------
    >>> group_breaks(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, -8]), groups=3, codes=[-8])
    array([1.        , 3.66666667, 6.33333333, 9.        ])
    """
    values = np.asarray(values, dtype=float)
    kept = values[~np.isnan(values) & ~np.isin(values, np.asarray(list(codes), dtype=float))]
    if len(kept) == 0:
        raise ValueError("numtocat: a column has no values to group (all missing or codes)")
    breaks = np.unique(np.quantile(kept, np.linspace(0, 1, groups + 1)))
    if len(breaks) <= 3:
        breaks = np.unique(np.linspace(kept.min(), kept.max(), groups + 1))
    return breaks


def group(values: pd.Series, breaks: np.ndarray, codes: Sequence[float] = ()) -> pd.Series:
    """The group of each value: "[a,b)" intervals (the last "[a,b]"), a code as its own group
    (its number as text), a missing value missing.

    Examples
    --------
    >>> group(pd.Series([1.0, 5.0, 9.0, -8.0, None]), np.array([1.0, 5.0, 9.0]), codes=[-8]).tolist()
    ['[1,5)', '[5,9]', '[5,9]', '-8', nan]
    """
    numbers_ = values.to_numpy(dtype=float)
    labels = [f"[{_fmt(a)},{_fmt(b)}{']' if i == len(breaks) - 2 else ')'}"
              for i, (a, b) in enumerate(zip(breaks[:-1], breaks[1:]))]
    code_labels = [_fmt(c) for c in codes if (numbers_ == c).any()]
    position = np.clip(np.searchsorted(breaks, numbers_, side="right") - 1, 0, len(labels) - 1)
    text = np.array(labels, dtype=object)[position]
    for code, label in zip([c for c in codes if (numbers_ == c).any()], code_labels):
        text[numbers_ == code] = label
    text[np.isnan(numbers_)] = np.nan
    return pd.Series(pd.Categorical(text, categories=labels + code_labels), index=values.index, name=values.name)


def check_numtocat(numtocat, catgroups, data: pd.DataFrame, visit: list[str]) -> dict[str, int]:
    """Check ``numtocat`` and ``catgroups``: column -> number of groups.

    Examples
    --------
    >>> data = pd.DataFrame({"age": [20.0, 30.0], "income": [800.0, -8.0]})
    >>> check_numtocat(["age", "income"], [4, 3], data, ["age", "income"])
    {'age': 4, 'income': 3}
    """
    columns = [numtocat] if isinstance(numtocat, str) else list(numtocat)
    if not columns:
        raise ValueError("numtocat is empty: name the numeric columns to group")
    for column in columns:
        if column not in data.columns:
            raise KeyError(f"numtocat names {column!r}, which is not a column of data")
        if column not in visit:
            raise ValueError(f"numtocat names {column!r}, which is not in the visit sequence")
        if not is_numeric(data[column]):
            raise TypeError(f"numtocat is for numeric columns; {column!r} is {data[column].dtype}")
    counts = list(catgroups) if isinstance(catgroups, (list, tuple, np.ndarray)) else [catgroups] * len(columns)
    if len(counts) != len(columns):
        raise ValueError(f"catgroups must be one number or one per numtocat column ({len(columns)}), got {catgroups!r}")
    for count in counts:
        if isinstance(count, bool) or not isinstance(count, numbers.Integral) or count < 2:
            raise ValueError(f"catgroups must be whole numbers of at least 2, got {count!r}")
    return dict(zip(columns, map(int, counts)))


def synthesise_grouped(syn: Callable[..., SynResult], data: pd.DataFrame, numtocat, catgroups,
                       options: dict) -> SynResult:
    """``syn(data, numtocat=..., catgroups=..., **options)``: see the module docstring.

    ``syn`` is the function that synthesises the grouped data (passed in, not imported, so
    that :mod:`synthlab.synthesis.syn` can call this module); ``options`` are its other
    arguments.

    Examples
    --------
    >>> import synthlab
    >>> boys = synthlab.load_boys()
    >>> result = synthlab.syn(boys[["age", "hgt", "reg"]], numtocat=["hgt"], catgroups=4, seed=1)
    >>> bool(result.data["hgt"].isin(boys["hgt"]).all())
    True
    """
    visit = list(options["visit_sequence"] or data.columns)
    groups = check_numtocat(numtocat, catgroups, data, visit)
    cont_na = dict(options["cont_na"] or {})
    for option in ("rules", "smoothing"):
        named = options[option] if isinstance(options[option], dict) else {}
        clash = sorted(str(c) for c in named if c in groups)
        if clash:
            raise ValueError(f"numtocat columns cannot also have {option}: {', '.join(clash)}")
    grouped = data.copy()
    for column, count in groups.items():
        codes = cont_na.pop(column, [])
        codes = [float(c) for c in (codes if isinstance(codes, (list, tuple, set, np.ndarray)) else [codes])]
        grouped[column] = group(data[column], group_breaks(data[column].to_numpy(dtype=float), count, codes), codes)
    seed = options["seed"]
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    result = syn(grouped, **{**options, "cont_na": cont_na or None, "seed": seed})
    rng = seed.spawn(1)[0] if isinstance(seed, np.random.Generator) else make_rng(seed).spawn(2)[1]
    sets = [result.data] if result.m == 1 else result.data
    nested = [frame.assign(**{c: _draw_within(frame[c], grouped[c], data[c], rng) for c in groups})
              for frame in sets]
    return replace(result, data=nested[0] if result.m == 1 else nested)


def _draw_within(synthetic_groups: pd.Series, observed_groups: pd.Series, observed: pd.Series,
                 rng: np.random.Generator) -> pd.Series:
    """For each synthetic group, observed values of that group drawn with replacement ("nested")."""
    categories = observed_groups.cat.categories
    observed_codes = observed_groups.cat.codes.to_numpy()
    synthetic_codes = pd.Categorical(synthetic_groups.astype(object), categories=categories).codes
    values = np.full(len(synthetic_groups), np.nan)
    pool = observed.to_numpy(dtype=float)
    for code in np.unique(synthetic_codes):
        rows = np.flatnonzero(synthetic_codes == code)
        members = pool[observed_codes == code]
        values[rows] = members[rng.integers(0, len(members), len(rows))]
    column = pd.Series(values, index=synthetic_groups.index, name=observed.name)
    return column.astype(observed.dtype) if not column.isna().any() or pd.api.types.is_float_dtype(observed) \
        else column


def _fmt(value: float) -> str:
    """A boundary as R's ``cut(dig.lab = 8)`` prints it (8 significant digits)."""
    return f"{value:.8g}"
