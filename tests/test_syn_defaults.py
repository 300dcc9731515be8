"""synthpop's defaults: normrank for parametric numbers, sample without predictors, copies."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from synthlab import load_boys, syn

BOYS = load_boys()


def test_parametric_maps_numbers_to_normrank():
    result = syn(BOYS, method="parametric", seed=1)
    assert result.method == {"age": "sample", "hgt": "normrank", "wgt": "normrank", "bmi": "normrank",
                             "hc": "normrank", "gen": "polr", "phb": "polr", "tv": "normrank", "reg": "polyreg"}
    for column in ["hgt", "wgt", "tv"]:  # normrank reuses observed values: no negative weights
        assert result.data[column].isin(BOYS[column]).all()


def test_a_variable_without_predictors_is_sampled():
    result = syn(BOYS, method={"age": "norm"}, seed=1)
    assert result.method["age"] == "sample" and (result.data["age"] >= 0).all()
    assert result.data["age"].isin(BOYS["age"]).all()
    empty = pd.DataFrame(0, index=BOYS.columns, columns=BOYS.columns)
    empty.loc["wgt", "age"] = 1
    result = syn(BOYS, method="parametric", predictor_matrix=empty, seed=1)
    assert result.method["hgt"] == "sample" and result.method["wgt"] == "normrank"
    assert result.data["hgt"].isin(BOYS["hgt"]).all()


def test_constants_and_recodes_are_copied():
    rng = np.random.default_rng(3)
    n = 400
    code = rng.integers(1, 5, n)
    data = pd.DataFrame({"x": rng.normal(size=n), "code": code, "one": 7.0,
                         "name": pd.Categorical(np.array(["", "north", "south", "east", "west"])[code]),
                         "label": np.array(["", "N", "S", "E", "W"], dtype=object)[code]})
    result = syn(data, method="parametric", seed=2)
    assert result.method["one"] == "constant" and result.method["name"] == "recode of code"
    assert result.method["label"] == "recode of code"
    synthetic = result.data
    assert (synthetic["one"] == 7.0).all()
    mapping = dict(zip(data["code"], data["name"].astype(str)))
    assert (synthetic["name"].astype(str) == synthetic["code"].map(mapping)).all()
    assert synthetic.dtypes.equals(data.dtypes)
    assert result.predictor_matrix.loc["label"].sum() == 0 and result.predictor_matrix["one"].sum() == 0
    assert "constant" in repr(result) and "recode of code" in repr(result)


def test_a_recode_of_a_smoothed_or_normal_column_is_modelled():
    rng = np.random.default_rng(4)
    x = rng.integers(0, 10, 300).astype(float)
    data = pd.DataFrame({"a": rng.normal(size=300), "x": x, "y": -x})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = syn(data.assign(y=x ** 2), method={"x": "norm", "y": "norm"}, seed=1)
    assert result.method["y"] == "norm"       # a 1:1 recode of new values cannot be looked up
    assert syn(data.assign(y=x ** 2), seed=1).method["y"] == "recode of x"
    # a linear function is collinear (synthpop's collinear.out), whatever the methods
    assert syn(data, method={"x": "norm", "y": "norm"}, seed=1).method["y"] == "collinear"


def test_continuous_columns_are_not_recodes(tmp_path):
    rng = np.random.default_rng(5)
    data = pd.DataFrame({"x": rng.normal(size=300), "y": rng.normal(size=300)})
    assert syn(data, seed=1).method["y"] == "cart"
