"""The data sets shipped with synthlab: ``boys`` (mice) and ``SD2011`` (synthpop); see
``README.md`` in this folder for provenance and licences."""
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


SD2011_VARIABLES_15 = ["sex", "age", "edu", "marital", "income", "ls", "depress", "trust", "nofriend",
                       "smoke", "nociga", "wkabint", "height", "weight", "bmi"]


def load_sd2011(columns: list[str] | None = None) -> pd.DataFrame:
    """Load ``SD2011``, the Polish survey "Social Diagnosis 2011" that R's synthpop ships and its
    vignettes use: 5,000 people, 35 variables, many missing values.

    The table is exactly as synthpop has it: missing values are missing (NaN in numeric
    columns, missing in categoricals), and numeric columns keep the survey's code -8 ("not
    applicable": ``nociga`` of a non-smoker, ``income`` of someone without one, ...) as a
    number, so a synthesis should be told about it (``syn(..., cont_na={"nociga": [-8]})``).

    Parameters
    ----------
    columns : list of str, optional
        Keep only these columns, in this order; :data:`SD2011_VARIABLES_15` are the 15
        variables of synthpop's vignettes.

    Returns
    -------
    pandas.DataFrame
        21 unordered categoricals with R's levels in R's order, 13 float64 columns, and
        ``wkabdur`` as strings (a character column in R, its numbers and codes as text).

    Examples
    --------
    >>> sd = load_sd2011()
    >>> sd.shape
    (5000, 35)
    >>> list(sd["sex"].cat.categories), int((sd["nociga"] == -8).sum())
    (['MALE', 'FEMALE'], 3737)
    """
    folder = resources.files(__package__)
    with folder.joinpath("sd2011_levels.csv").open("r", encoding="utf-8") as handle:
        levels = pd.read_csv(handle, keep_default_na=False)
    with folder.joinpath("sd2011.csv").open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, na_values=["NA"], keep_default_na=False)
    for name in frame.columns:
        rows = levels[levels["variable"] == name]
        if len(rows):
            frame[name] = pd.Categorical(frame[name], categories=rows["level"].tolist(),
                                         ordered=bool(rows["ordered"].iloc[0] == "TRUE"))
        elif name != "wkabdur":
            frame[name] = frame[name].astype("float64")
    if columns is not None:
        unknown = [c for c in columns if c not in frame.columns]
        if unknown:
            raise KeyError(f"SD2011 has no column(s) {', '.join(map(str, unknown))}")
        frame = frame[list(columns)]
    return frame
