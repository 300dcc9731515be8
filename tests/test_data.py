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


# ---------------------------------------------------------------- SD2011 (synthpop)

def test_sd2011_has_synthpops_shape_types_and_level_order():
    sd = synthlab.load_sd2011()
    assert sd.shape == (5000, 35)
    categorical = [c for c in sd.columns if isinstance(sd[c].dtype, pd.CategoricalDtype)]
    numeric = [c for c in sd.columns if sd[c].dtype == np.float64]
    assert len(categorical) == 21 and len(numeric) == 13
    assert not any(sd[c].cat.ordered for c in categorical)
    assert list(sd["sex"].cat.categories) == ["MALE", "FEMALE"]
    assert list(sd["edu"].cat.categories) == ["PRIMARY/NO EDUCATION", "VOCATIONAL/GRAMMAR", "SECONDARY",
                                              "POST-SECONDARY OR HIGHER"]
    assert list(sd["ls"].cat.categories)[:2] == ["DELIGHTED", "PLEASED"] and len(sd["ls"].cat.categories) == 7
    assert len(sd["eduspec"].cat.categories) == 27 and len(sd["region"].cat.categories) == 16
    assert sd["wkabdur"].map(type).eq(str).all()


def test_sd2011_keeps_rs_missing_values_and_minus_8_codes():
    sd = synthlab.load_sd2011()
    # counts printed by R: sapply(SD2011, function(x) sum(is.na(x))) and sum(x == -8)
    assert sd.isna().sum()[["income", "edu", "wkabintdur", "emcc", "bmi"]].tolist() == [683, 7, 4697, 4714, 59]
    assert int(sd.isna().sum().sum()) == 22344
    assert int((sd["nociga"] == -8).sum()) == 3737 and int((sd["income"] == -8).sum()) == 603
    assert int((sd["unempdur"] == -8).sum()) == 1556
    assert sd.loc[0, ["age", "income", "height", "weight"]].tolist() == [57.0, 800.0, 170.0, 89.0]
    assert sd.loc[0, "bmi"] == 89 / 1.7 ** 2          # R's double, read back exactly
    assert sd.loc[0, "sex"] == "FEMALE" and sd.loc[1, "ls"] == "MOSTLY SATISFIED"


def test_sd2011_columns_selects_and_orders_and_names_unknown_ones():
    sd = synthlab.load_sd2011(columns=synthlab.data.SD2011_VARIABLES_15)
    assert list(sd.columns) == ["sex", "age", "edu", "marital", "income", "ls", "depress", "trust", "nofriend",
                                "smoke", "nociga", "wkabint", "height", "weight", "bmi"]
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.load_sd2011(columns=["sex", "nosuch"])


def test_sd2011_provenance_licence_and_script_ship_beside_the_data():
    readme = (DATA_DIR / "README.md").read_text()
    assert "SD2011" in readme and "synthpop" in readme and readme.count("GPL-2 | GPL-3") == 2
    assert "sd2011_levels.csv" in (DATA_DIR / "make_sd2011.R").read_text()
