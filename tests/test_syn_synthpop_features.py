"""synthpop features of syn: collinear columns, minnumlevels, numtocat/catgroups, rules with
rvalues, strata; known answers and R synthpop 1.9-3's (tests/r/sd2011_features.R)."""
import numpy as np
import pandas as pd
import pytest

import synthlab
from sd2011_fixture import HERE, numbers, observed
from synthlab.synthesis.numtocat import group, group_breaks


def r_methods(label: str) -> dict:
    return dict(pair.split("=") for pair in numbers()[label][0].split("|"))


# ---------------------------------------------------------------- collinear columns

def test_collinear_columns_are_derived_as_in_r():
    data = observed()[["sex", "age", "height", "weight"]]
    data = data.assign(height_m=data["height"] / 100, weight_g=data["weight"] * 1000)
    result = synthlab.syn(data, seed=5)
    assert result.method == r_methods("collinear method")
    assert result.predictor_matrix.loc["height_m"][lambda row: row == 1].index.tolist() == \
        numbers()["collinear predictors height_m"][0].split("|")
    assert result.predictor_matrix["height_m"].sum() == 0          # it predicts nothing
    synthetic = result.data
    np.testing.assert_allclose(synthetic["height_m"], synthetic["height"] / 100)   # NaN where height is NaN
    np.testing.assert_allclose(synthetic["weight_g"], synthetic["weight"] * 1000)


def test_collinear_needs_r_at_least_0_99999_and_uses_the_line_for_new_values():
    rng = np.random.default_rng(1)
    x = rng.normal(50, 10, 400)
    data = pd.DataFrame({"a": rng.normal(size=400), "x": x, "y": 3 - 2 * x, "near": x + rng.normal(0, 0.5, 400)})
    result = synthlab.syn(data, method={"x": "norm", "near": "norm"}, seed=2)   # norm draws new values
    assert result.method["y"] == "collinear" and result.method["near"] == "norm"
    np.testing.assert_allclose(result.data["y"], 3 - 2 * result.data["x"])
    assert not result.data["x"].isin(x).all()


def test_a_collinear_value_is_that_of_the_first_observed_row_with_the_same_source():
    rng = np.random.default_rng(6)
    x = rng.integers(0, 2000, 3000).astype(float)
    y = 2 * x + rng.normal(0, 0.01, 3000)                   # |r| > 0.99999, not an exact function
    data = pd.DataFrame({"x": x, "y": y})
    result = synthlab.syn(data, seed=4)
    assert result.method == {"x": "sample", "y": "collinear"}
    first = data.drop_duplicates("x").set_index("x")["y"]   # R: y[match(xp, x)]
    np.testing.assert_array_equal(result.data["y"], first.loc[result.data["x"]].to_numpy())
    strata = synthlab.synthesis.syn_strata(data.assign(g=np.where(x < 1000, "lo", "hi")), "g", seed=1)
    assert strata.method["y"] == "collinear"


# ---------------------------------------------------------------- minnumlevels

def test_minnumlevels_turns_few_valued_columns_into_categories_as_r():
    mtcars = pd.read_csv(HERE / "mtcars_subset.csv")
    result = synthlab.syn(mtcars, method={"mpg": "sample", "cyl": "normrank", "am": "normrank", "gear": "cart",
                                          "hp": "normrank"}, minnumlevels=3, seed=3)
    assert result.method == r_methods("minnumlevels method")
    assert result.data.dtypes.equals(mtcars.dtypes)                    # numbers again
    assert sorted(result.data["cyl"].unique()) == [float(v) for v in numbers()["minnumlevels values cyl"][0].split("|")]
    default = synthlab.syn(mtcars, method="norm", seed=3)               # synthpop's default minnumlevels=1
    assert default.method["cyl"] == "norm" and not default.data["cyl"].isin([4, 6, 8]).all()
    as_levels = synthlab.syn(mtcars, method="norm", minnumlevels=3, seed=3)
    assert as_levels.method["cyl"] == "polyreg" and as_levels.data["cyl"].isin([4, 6, 8]).all()
    with pytest.raises(ValueError, match="minnumlevels"):
        synthlab.syn(mtcars, minnumlevels=-1)


# ---------------------------------------------------------------- numtocat and catgroups

def test_numtocat_groups_as_r():
    data = observed()
    r = numbers()
    for column, codes in [("age", []), ("income", [-8.0])]:
        breaks = group_breaks(data[column].to_numpy(dtype=float), 5, codes)
        np.testing.assert_allclose(breaks, [float(b) for b in r[f"numtocat breaks {column}"][0].split("|")])
        counts = group(data[column], breaks, codes).value_counts(dropna=False)
        expected = dict(pair.split("=") for pair in r[f"numtocat counts {column}"][0].split("|"))
        got = {("NA" if pd.isna(k) else k): int(v) for k, v in counts.items()}
        assert got == {k: int(v) for k, v in expected.items()}


def test_numtocat_synthesis_draws_observed_values_within_groups():
    data = observed()[["sex", "age", "income", "edu"]]
    result = synthlab.syn(data, numtocat=["age", "income"], cont_na={"income": [-8]}, seed=7)
    assert result.method == r_methods("numtocat method")
    synthetic = result.data
    assert synthetic.dtypes.equals(data.dtypes)
    assert synthetic["age"].isin(data["age"]).all() and synthetic["income"].dropna().isin(data["income"]).all()
    assert numbers()["numtocat observed values"] == ["TRUE", "TRUE"]
    assert abs((synthetic["income"] == -8).mean() - (data["income"] == -8).mean()) < 0.03   # a group of its own
    assert abs(synthetic["income"].isna().mean() - data["income"].isna().mean()) < 0.03
    again = synthlab.syn(data, numtocat=["age", "income"], cont_na={"income": [-8]}, seed=7)
    pd.testing.assert_frame_equal(synthetic, again.data)
    groups = synthlab.syn(data, numtocat="age", catgroups=2, seed=7, m=2)
    assert len(groups.data) == 2 and groups.data[0]["age"].isin(data["age"]).all()


def test_numtocat_bad_arguments_name_what_is_wrong():
    data = observed()[["sex", "age", "income"]]
    with pytest.raises(TypeError, match="sex"):
        synthlab.syn(data, numtocat=["sex"])
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.syn(data, numtocat=["nosuch"])
    with pytest.raises(ValueError, match="catgroups"):
        synthlab.syn(data, numtocat=["age"], catgroups=1)
    with pytest.raises(ValueError, match="catgroups"):
        synthlab.syn(data, numtocat=["age", "income"], catgroups=[3])


# ---------------------------------------------------------------- rules with rvalues

def test_rules_with_rvalues_as_r():
    data = observed()[["sex", "age", "smoke", "nociga"]]
    with pytest.warns(synthlab.SynthesisWarning, match="nociga"):
        result = synthlab.syn(data, rules={"nociga": "smoke == 'NO'"}, rvalues={"nociga": -8},
                              cont_na={"nociga": [-8]}, seed=9)
    assert result.method == r_methods("rvalues method")
    synthetic = result.data
    non_smokers = synthetic["smoke"] == "NO"
    assert (synthetic.loc[non_smokers, "nociga"] == -8).all()             # R: TRUE
    assert numbers()["rvalues rule holds"] == ["TRUE"]
    # -8 is a code too: it appears among smokers about as often as observed (R: 24, observed 16)
    r_synthetic, r_observed = map(int, numbers()["rvalues minus8 among smokers"])
    ours = int((synthetic.loc[~non_smokers, "nociga"] == -8).sum())
    assert (data.loc[data["smoke"] == "YES", "nociga"] == -8).sum() == r_observed
    assert 0 < ours < 3 * r_synthetic
    assert result.rules == {"nociga": [("smoke == 'NO'", -8)]}


def test_a_rule_value_is_a_code_of_the_missing_indicator():
    rng = np.random.default_rng(0)
    g = rng.choice(["a", "b", "c"], 600)
    x = np.where(g == "a", 0.0, rng.normal(10, 2, 600))
    x[rng.random(600) < 0.3] = np.nan                        # NaN in rule rows and elsewhere
    data = pd.DataFrame({"g": g, "x": x})
    with pytest.warns(synthlab.SynthesisWarning):
        result = synthlab.syn(data, rules={"x": "g == 'a'"}, rvalues={"x": 0.0}, seed=1)
    synthetic = result.data
    ruled = synthetic["g"] == "a"
    assert (synthetic.loc[ruled, "x"] == 0).all()                     # never NaN where the rule holds
    assert synthetic.loc[~ruled, "x"].isna().any()
    assert (synthetic.loc[~ruled, "x"] != 0).all()


def test_rvalues_bad_arguments():
    data = observed()[["sex", "smoke", "nociga"]]
    with pytest.raises(ValueError, match="same columns"):
        synthlab.syn(data, rules={"nociga": "smoke == 'NO'"}, rvalues={"sex": "MALE"})
    with pytest.raises(ValueError, match="2 condition"):
        synthlab.syn(data, rules={"nociga": ["smoke == 'NO'", "sex == 'MALE'"]}, rvalues={"nociga": -8})
    with pytest.raises(ValueError, match="needs rules"):
        synthlab.syn(data, rvalues={"nociga": -8})


# ---------------------------------------------------------------- strata

def test_strata_synthesise_each_stratum_on_its_own():
    data = observed()[["sex", "age", "edu", "income"]]
    result = synthlab.syn(data, strata="sex", cont_na={"income": [-8]}, seed=13)
    synthetic = result.data
    r_rows, r_counts = numbers()["strata rows"]
    assert len(synthetic) == int(r_rows) == len(data)
    assert synthetic["sex"].cat.codes.is_monotonic_increasing           # stacked in R's stratum order
    share = (data["sex"] == "MALE").mean()
    r_male = int(dict(p.split("=") for p in r_counts.split("|"))["MALE"])
    sd = np.sqrt(len(data) * share * (1 - share))
    for count in [int((synthetic["sex"] == "MALE").sum()), r_male]:   # both multinomial draws
        assert abs(count - len(data) * share) < 4 * sd
    assert set(result.fits[0]) == {"MALE", "FEMALE"}
    assert synthlab.syn(data, strata="sex", cont_na={"income": [-8]}, seed=13).data.equals(synthetic)
    labels = np.where(data["age"] < 40, "young", "old")
    by_label = synthlab.syn(data, strata=labels, seed=1, m=2)
    assert len(by_label.data) == 2 and all(len(d) == len(data) for d in by_label.data)


def test_strata_refuse_small_strata_as_r():
    small = observed()[["sex", "age", "edu"]].head(60)
    assert "fewer than the recommended" in numbers()["strata small"][0]
    with pytest.raises(ValueError, match="minstratumsize = 40"):
        synthlab.syn(small, strata="sex")
    assert len(synthlab.syn(small, strata="sex", minstratumsize=20, seed=1).data) == 60
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.syn(small, strata="nosuch")
    with pytest.raises(ValueError, match="k must equal"):
        synthlab.syn(small, strata="sex", minstratumsize=20, k=30)


def test_a_missing_rvalue_makes_the_rows_missing_categorical_or_numeric():
    raw = synthlab.load_boys(raw=True)
    with pytest.warns(synthlab.SynthesisWarning):
        result = synthlab.syn(raw, rules={"gen": "age < 8", "hgt": "age < 1"}, rvalues={"gen": None, "hgt": np.nan},
                              seed=1)
    synthetic = result.data
    young = synthetic["age"] < 8
    assert synthetic.loc[young, "gen"].isna().all() and synthetic.loc[~young, "gen"].notna().any()
    assert synthetic.loc[synthetic["age"] < 1, "hgt"].isna().all()
    assert synthetic["gen"].dtype == raw["gen"].dtype
    complete = synthlab.load_boys()                        # no missing gen observed: still missing in rule rows
    with pytest.warns(synthlab.SynthesisWarning):
        synthetic = synthlab.syn(complete, rules={"gen": "age < 8"}, rvalues={"gen": None}, seed=1).data
    assert synthetic.loc[synthetic["age"] < 8, "gen"].isna().all()
    assert synthetic.loc[synthetic["age"] >= 8, "gen"].notna().all()
