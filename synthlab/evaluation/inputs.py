"""What the measures accept as synthetic data: a DataFrame, a synthesis result (its ``.data``,
a list when ``m > 1``), or a list of either, as synthpop's functions take a ``synds`` object."""
from __future__ import annotations

import pandas as pd

from synthlab._checks import require_frame
from synthlab.synthesis.result import SynResult

__all__ = ["synthetic_sets", "pooled", "one_or_many"]


def synthetic_sets(synthetic, name: str = "synthetic") -> list[pd.DataFrame]:
    """The synthetic data sets held by ``synthetic``, as a list of DataFrames.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.0, 2.0]})
    >>> len(synthetic_sets(frame)), len(synthetic_sets([frame, frame]))
    (1, 2)
    """
    if isinstance(synthetic, SynResult):
        synthetic = synthetic.data
    items = list(synthetic) if isinstance(synthetic, (list, tuple)) else [synthetic]
    if not items:
        raise ValueError(f"{name} must be a DataFrame, a synthesis result or a non-empty list of them")
    sets = []
    for i, item in enumerate(items):
        sets.extend(synthetic_sets(item, f"{name}[{i}]") if isinstance(item, (SynResult, list, tuple)) else [item])
    for i, frame in enumerate(sets):
        require_frame(frame, name if len(sets) == 1 else f"{name}[{i}]")
    return sets


def pooled(synthetic, name: str = "synthetic") -> pd.DataFrame:
    """All synthetic data sets stacked into one frame (index reset); one set is returned as is.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.0, 2.0]})
    >>> len(pooled([frame, frame]))
    4
    """
    sets = synthetic_sets(synthetic, name)
    return sets[0] if len(sets) == 1 else pd.concat(sets, ignore_index=True)


def one_or_many(results: list):
    """The single result when there was one synthetic set, else the list of results."""
    return results[0] if len(results) == 1 else results
