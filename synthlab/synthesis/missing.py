"""Missing values, synthesised as synthpop does.

- In a categorical column a missing value is a category of its own (:data:`MISSING`, shown as
  "NA", last in the order), synthesised like any other and turned back into NaN at the end.
- A numeric column with missing values, or with codes such as -9 listed in ``cont_na``, gets
  an *indicator*: a categorical column ("present", "NA", the codes) synthesised just before
  it, with the same predictors. The column itself is then modelled on the observed rows where
  it is present and drawn only where the synthetic indicator says "present"; elsewhere it takes
  NaN or the code.
- As a predictor, such a column enters a model as its indicator plus its value with 0 where
  it is missing or coded (so every method can use it).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synthlab.synthesis.variables import is_numeric


class _Missing:
    """The category that stands for a missing value inside ``syn`` (printed as NA)."""

    def __repr__(self) -> str:
        return "NA"

    def __reduce__(self):
        return "MISSING"


MISSING = _Missing()
PRESENT = "present"


def with_missing_level(series: pd.Series) -> pd.Series:
    """A categorical column with NA made a category of its own (numbers are left as they are).

    Examples
    --------
    >>> column = with_missing_level(pd.Series(pd.Categorical(["a", None, "b"])))
    >>> list(column.cat.categories), column.cat.codes.tolist()
    (['a', 'b', NA], [0, 2, 1])
    """
    if is_numeric(series) or not series.isna().any():
        return series
    return series.cat.add_categories([MISSING]).fillna(MISSING)


def without_missing_level(series: pd.Series) -> pd.Series:
    """Back from :func:`with_missing_level`: the NA category becomes NaN again."""
    if isinstance(series.dtype, pd.CategoricalDtype) and MISSING in series.dtype.categories:
        return series.cat.remove_categories([MISSING])
    return series


@dataclass(frozen=True)
class Indicator:
    """The missing-value indicator of the numeric column ``column``, held in column ``name``."""

    column: str
    name: str
    categories: tuple  # PRESENT, then MISSING if there are NaNs, then the codes seen

    def observe(self, values: pd.Series) -> pd.Series:
        """The indicator of observed values: "present", NA or the code."""
        numbers = values.to_numpy(dtype=float)
        status = np.where(np.isnan(numbers), 1, 0)
        for position, code in enumerate(self.categories):
            if not isinstance(code, (str, _Missing)):
                status[numbers == code] = position
        return pd.Series(pd.Categorical.from_codes(status, categories=list(self.categories)), name=self.name)

    def values(self, status: pd.Series) -> np.ndarray:
        """The value each row takes where the indicator is not "present": NaN or its code."""
        return np.array([np.nan if s is MISSING or s == PRESENT else s for s in self.categories])[
            status.cat.codes.to_numpy()]


def find_indicators(observed: pd.DataFrame, columns: list[str], cont_na: dict[str, list]) -> dict[str, Indicator]:
    """An :class:`Indicator` for each of ``columns`` that has NaNs or a code of ``cont_na``.

    Examples
    --------
    >>> data = pd.DataFrame({"x": [1.0, None, -9.0, 2.0], "y": [1.0, 2.0, 3.0, 4.0]})
    >>> found = find_indicators(data, ["x", "y"], {"x": [-9]})
    >>> list(found), found["x"].name, found["x"].categories
    (['x'], 'x.NA', ('present', NA, -9.0))
    >>> found["x"].observe(data["x"]).tolist()
    ['present', NA, -9.0, 'present']
    """
    found = {}
    for column in columns:
        values = observed[column].to_numpy(dtype=float)
        codes = [float(c) for c in cont_na.get(column, []) if (values == c).any()]
        if not codes and not np.isnan(values).any():
            continue
        name = f"{column}.NA"
        while name in observed.columns:
            name += "_"
        found[column] = Indicator(column, name, (PRESENT, *([MISSING] if np.isnan(values).any() else []), *codes))
    return found


def check_cont_na(cont_na: dict | None, data: pd.DataFrame) -> dict[str, list[float]]:
    """Check ``cont_na`` (numeric column -> list of codes that mean "missing").

    Examples
    --------
    >>> check_cont_na({"x": -9}, pd.DataFrame({"x": [1.0, -9.0]}))
    {'x': [-9.0]}
    """
    if cont_na is None:
        return {}
    if not isinstance(cont_na, dict):
        raise TypeError(f"cont_na must be a dict from numeric column to missing-value codes, got {cont_na!r}")
    checked = {}
    for column, codes in cont_na.items():
        if column not in data.columns:
            raise KeyError(f"cont_na names {column!r}, which is not a column of data")
        if not is_numeric(data[column]):
            raise ValueError(f"cont_na is for numeric columns; {column!r} is {data[column].dtype}")
        codes = list(codes) if isinstance(codes, (list, tuple, set, np.ndarray)) else [codes]
        if not all(isinstance(c, (int, float, np.number)) and not isinstance(c, bool) for c in codes):
            raise TypeError(f"cont_na[{column!r}] must be numbers (codes such as -9), got {codes!r}")
        checked[column] = [float(c) for c in codes]
    return checked


def model_inputs(observed: pd.DataFrame, synthetic: pd.DataFrame, predictors: list[str],
                 indicators: dict[str, Indicator]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observed and synthetic predictors as a model sees them: no NaN, no codes.

    A numeric predictor with an indicator enters as its value with 0 where it is not present
    (its indicator is a predictor too); one with NaN otherwise (a passive column computed from
    missing inputs) enters with 0 for NaN plus a True/False column saying where. The columns
    of ``x`` depend on the observed data alone: NaN in a synthetic column that has none in
    the observed data (a formula undefined only there) enters as 0, which the model never saw
    as missing.

    Examples
    --------
    >>> observed = pd.DataFrame({"a": [1.0, None, 3.0]})
    >>> x, xp = model_inputs(observed, observed.iloc[:2], ["a"], {})
    >>> x.columns.tolist(), x["a"].tolist(), xp["a.NA"].tolist()
    (['a', 'a.NA'], [1.0, 0.0, 3.0], [False, True])
    """
    return (ModelInputs(observed, observed, indicators)(predictors),
            ModelInputs(synthetic, observed, indicators)(predictors))


class ModelInputs:
    """:func:`model_inputs` for one frame, the observed data or the synthetic data, coding
    each predictor once and keeping it: a column of either never changes once it is there,
    while it is a predictor of many columns after it.

    Examples
    --------
    >>> observed = pd.DataFrame({"a": [1.0, None, 3.0], "b": [1.0, 2.0, 3.0]})
    >>> inputs = ModelInputs(observed, observed, {})
    >>> inputs(["a", "b"]).columns.tolist()
    ['a', 'a.NA', 'b']
    """

    def __init__(self, frame: pd.DataFrame, observed: pd.DataFrame, indicators: dict[str, Indicator]):
        self.frame, self.observed, self.indicators = frame, observed, indicators
        self.coded: dict[str, dict[str, object]] = {}  # predictor -> its input columns

    def __call__(self, predictors: list[str]) -> pd.DataFrame:
        """The inputs of ``predictors``, one DataFrame with the frame's index."""
        for name in predictors:
            if name not in self.coded:
                self.coded[name] = self._code(name)
        return _frame({key: values for name in predictors for key, values in self.coded[name].items()},
                      self.frame.index)

    def _code(self, name: str) -> dict[str, object]:
        """The input columns of one predictor (see :func:`model_inputs`)."""
        frame, observed = self.frame, self.observed[name]
        if name in self.indicators:
            return {name: _zero_where(frame[name], frame[self.indicators[name].name] != PRESENT)}
        if not is_numeric(observed):
            return {name: frame[name].array}
        if _has_missing(observed):
            absent = frame[name].isna()
            return {name: _zero_where(frame[name], absent),
                    f"{name}.NA": pd.Categorical(absent.to_numpy(), categories=[False, True])}
        if frame is not self.observed:
            return {name: _zero_nan(frame[name])}
        return {name: observed.to_numpy() if isinstance(observed.dtype, np.dtype) else observed.array}


def _has_missing(values: pd.Series) -> bool:
    """Whether a numeric column has a missing value (quick for numpy's float and int columns)."""
    if isinstance(values.dtype, np.dtype):
        return values.dtype.kind == "f" and bool(np.isnan(values.to_numpy()).any())
    return bool(values.isna().any())


def _frame(columns: dict[str, np.ndarray | pd.Categorical], index: pd.Index) -> pd.DataFrame:
    """A DataFrame of ready columns (each as long as ``index``).

    Made by pandas' own internal constructor: ``pd.DataFrame(columns)`` would check and copy
    every column again, which takes a third as long as fitting a small model. A method may
    write to its inputs: pandas copies a float column before writing to it, but writes into a
    Categorical in place, so those are copied here (they are kept for the columns after).
    """
    arrays = [values.copy() if isinstance(values, pd.Categorical) else values for values in columns.values()]
    return pd.DataFrame._from_arrays(arrays, columns=list(columns), index=index, verify_integrity=False)


def _zero_where(values: pd.Series, absent: pd.Series) -> np.ndarray:
    return np.where(absent.to_numpy(dtype=bool), 0.0, values.to_numpy(dtype=float))


def _zero_nan(values: pd.Series) -> np.ndarray:
    """The numbers, with 0 for NaN."""
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isnan(numbers), 0.0, numbers)
