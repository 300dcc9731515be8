"""The shipped boys data: shape, types, provenance files, and the rows the R tutorial prints."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import synthlab
from synthlab.data import COLUMNS

DATA_DIR = Path(synthlab.data.__file__).parent


def test_completed_data_has_the_documented_shape_and_types():
    boys = synthlab.load_boys()
    assert boys.shape == (748, 9)
    assert list(boys.columns) == COLUMNS
    assert not boys.isna().any().any()
    for column in ["age", "hgt", "wgt", "bmi", "hc", "tv"]:
        assert boys[column].dtype == np.float64, column
    assert list(boys["gen"].cat.categories) == ["G1", "G2", "G3", "G4", "G5"] and boys["gen"].cat.ordered
    assert list(boys["phb"].cat.categories) == [f"P{i}" for i in range(1, 7)] and boys["phb"].cat.ordered
    assert list(boys["reg"].cat.categories) == ["north", "east", "west", "south", "city"]
    assert not boys["reg"].cat.ordered
    assert boys["age"].is_monotonic_increasing


def test_first_rows_equal_those_printed_in_the_r_tutorial():
    expected = pd.DataFrame({
        "age": [0.035, 0.038, 0.057], "hgt": [50.1, 53.5, 50.0], "wgt": [3.65, 3.37, 3.14],
        "bmi": [14.54, 11.77, 12.56], "hc": [33.7, 35.0, 35.2],
        "gen": ["G3", "G2", "G2"], "phb": ["P4", "P3", "P3"], "tv": [3.0, 2.0, 2.0],
        "reg": ["south", "south", "south"]})
    head = synthlab.load_boys().head(3)
    for column in ["age", "hgt", "wgt", "hc", "tv"]:
        np.testing.assert_allclose(head[column], expected[column], err_msg=column)
    np.testing.assert_allclose(head["bmi"], expected["bmi"], atol=0.005)
    for column in ["gen", "phb", "reg"]:
        assert head[column].astype(str).tolist() == expected[column].tolist(), column


def test_bmi_is_passive_in_the_completed_data_within_rounding():
    boys = synthlab.load_boys()
    np.testing.assert_allclose(boys["bmi"], boys["wgt"] / (boys["hgt"] / 100) ** 2, atol=0.01)


def test_raw_data_keeps_its_missing_values_and_agrees_where_observed():
    raw, completed = synthlab.load_boys(raw=True), synthlab.load_boys()
    assert raw.shape == (748, 9)
    assert raw["tv"].isna().sum() == 522 and raw["gen"].isna().sum() == 503
    observed = raw["hgt"].notna()
    np.testing.assert_array_equal(raw.loc[observed, "hgt"], completed.loc[observed, "hgt"])


def test_each_call_returns_a_fresh_frame():
    first = synthlab.load_boys()
    first.loc[0, "age"] = -1.0
    assert synthlab.load_boys().loc[0, "age"] == pytest.approx(0.035)


def test_provenance_licence_and_the_script_ship_beside_the_data():
    readme = (DATA_DIR / "README.md").read_text()
    assert "GPL-2 | GPL-3" in readme and "mice" in readme
    assert "seed = 123" in (DATA_DIR / "make_boys.R").read_text()
