"""Input checks shared by the public functions: clear errors that name the argument or column."""
from __future__ import annotations

import numpy as np
import pandas as pd


def require_frame(data: object, name: str = "data") -> pd.DataFrame:
    """Check that ``data`` is a DataFrame every synthlab function can read, and return it.

    Raises ``TypeError`` unless ``data`` is a pandas DataFrame, and ``ValueError`` if it has
    no columns, a column name used twice, or an infinite value in a numeric column (each
    error names the argument and the columns).

    Examples
    --------
    >>> require_frame(pd.DataFrame({"x": [1.0, np.inf]}), "observed")
    Traceback (most recent call last):
    ...
    ValueError: observed has infinite values in column(s) x (row 1); replace them (e.g. by NaN) first
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(data).__name__}")
    if data.shape[1] == 0:
        raise ValueError(f"{name} has no columns")
    require_unique_columns(data, name)
    require_finite(data, name)
    return data


def require_unique_columns(data: pd.DataFrame, name: str = "data") -> None:
    """Raise ``ValueError`` naming the column names that ``data`` uses more than once."""
    repeated = data.columns[data.columns.duplicated()].unique()
    if len(repeated):
        raise ValueError(f"{name} has more than one column named {', '.join(map(repr, repeated))}; "
                         "column names must be unique (rename or drop the copies)")


def require_finite(data: pd.DataFrame, name: str = "data") -> None:
    """Raise ``ValueError`` naming the numeric columns of ``data`` that hold inf or -inf."""
    bad = {}
    for column, dtype in data.dtypes.items():
        if pd.api.types.is_float_dtype(dtype):
            values = data[column]
            infinite = np.isinf(values.to_numpy() if isinstance(dtype, np.dtype) else
                                values.to_numpy(dtype=float, na_value=np.nan))
            if infinite.any():
                bad[column] = int(np.flatnonzero(infinite)[0])
    if bad:
        where = ", ".join(f"{column} (row {row})" for column, row in bad.items())
        raise ValueError(f"{name} has infinite values in column(s) {where}; replace them (e.g. by NaN) first")


def require_numeric(data: pd.DataFrame, name: str = "data") -> None:
    """Raise ``TypeError`` naming every column of ``data`` that is not numeric."""
    bad = [str(c) for c in data.columns if not pd.api.types.is_numeric_dtype(data[c]) or pd.api.types.is_bool_dtype(data[c])]
    if bad:
        raise TypeError(f"{name} must have numeric columns only; not numeric: {', '.join(bad)}")


def require_complete(data: pd.DataFrame, name: str = "data") -> None:
    """Raise ``ValueError`` naming the columns of ``data`` that hold missing values."""
    missing = data.columns[data.isna().any()].tolist()
    if missing:
        raise ValueError(f"{name} has missing values in column(s) {', '.join(map(str, missing))}; "
                         "complete or drop them first")


def require_rows(data: pd.DataFrame, minimum: int, name: str = "data") -> None:
    """Raise ``ValueError`` if ``data`` has fewer than ``minimum`` rows."""
    if len(data) < minimum:
        raise ValueError(f"{name} needs at least {minimum} rows, got {len(data)}")


def resolve_n(n: int | None, default: int, name: str = "n") -> int:
    """Return ``n`` (or ``default`` when None) after checking it is a positive integer."""
    if n is None:
        return default
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name} must be a positive integer, got {n!r}")
    if n < 1:
        raise ValueError(f"{name} must be at least 1, got {n}")
    return int(n)


def make_rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    """The one way synthlab turns a ``seed`` argument into a ``numpy.random.Generator``."""
    return np.random.default_rng(seed)
