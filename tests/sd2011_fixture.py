"""The SD2011 fixtures of tests/r/sd2011_features.R: R's data, R's synthesis, R's numbers."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent / "r"


def numbers() -> dict[str, list[str]]:
    """Each line of sd2011_features.txt: its label -> the tab-separated fields after it."""
    lines = (HERE / "sd2011_features.txt").read_text().splitlines()
    return {line.split("\t")[0]: [f.strip() for f in line.split("\t")[1:]] for line in lines}


def frame(name: str) -> pd.DataFrame:
    """A CSV written by the R script, its factors back as categoricals with R's levels."""
    data = pd.read_csv(HERE / name, keep_default_na=False, na_values=[""])
    for label, fields in numbers().items():
        if label.startswith("levels "):
            column = label.removeprefix("levels ")
            if column in data.columns:
                data[column] = pd.Categorical(data[column], categories=fields[0].split("|"))
    return data


def observed() -> pd.DataFrame:
    return frame("sd2011_subset.csv")


def synthetic() -> pd.DataFrame:
    return frame("sd2011_syn11.csv")
