"""The ``boys`` data shipped with synthlab (see ``README.md`` in this folder for provenance)."""
from __future__ import annotations

from importlib import resources

import pandas as pd

GEN_LEVELS = ["G1", "G2", "G3", "G4", "G5"]
PHB_LEVELS = ["P1", "P2", "P3", "P4", "P5", "P6"]
REG_LEVELS = ["north", "east", "west", "south", "city"]
COLUMNS = ["age", "hgt", "wgt", "bmi", "hc", "gen", "phb", "tv", "reg"]


def load_boys(raw: bool = False) -> pd.DataFrame:
    """Load the ``boys`` growth data of R's mice package, 748 Dutch boys on 9 variables.

    Parameters
    ----------
    raw : bool, default False
        False gives the completed table the course uses (no missing values, imputed once with
        mice, seed 123, bmi passive). True gives the original table with its missing values.

    Returns
    -------
    pandas.DataFrame
        Columns age, hgt, wgt, bmi, hc, tv (float64), gen and phb (ordered categoricals
        G1 < ... < G5 and P1 < ... < P6) and reg (unordered categorical), sorted by age.

    Examples
    --------
    >>> boys = load_boys()
    >>> boys.shape
    (748, 9)
    >>> list(boys["gen"].cat.categories)
    ['G1', 'G2', 'G3', 'G4', 'G5']
    """
    name = "boys_raw.csv" if raw else "boys.csv"
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype={c: "float64" for c in ["age", "hgt", "wgt", "bmi", "hc", "tv"]},
                            na_values=["NA"], keep_default_na=False)
    frame["gen"] = pd.Categorical(frame["gen"], categories=GEN_LEVELS, ordered=True)
    frame["phb"] = pd.Categorical(frame["phb"], categories=PHB_LEVELS, ordered=True)
    frame["reg"] = pd.Categorical(frame["reg"], categories=REG_LEVELS, ordered=False)
    return frame[COLUMNS]
