"""disco with several targets, sdc(smooth=, label=) and compare_fit against R synthpop 1.9-3
(tests/r/sd2011_features.R: R's SD2011 subset and R's own synthesis of it, seed 11)."""
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import synthlab
from sd2011_fixture import frame, numbers, observed, synthetic


def test_disco_with_several_targets_equals_multi_disclosure():
    table = synthlab.disco(observed(), synthetic(), ["sex", "age", "edu"], ["ls", "smoke", "marital"])
    assert list(table.index) == ["ls", "smoke", "marital"]
    r = numbers()
    for target in table.index:
        dorig, i_s, dis, disco_, disdio = map(float, r[f"disclosure {target}"])
        row = table.loc[target]
        got = [row.disclosive_original, row.keys_found, row.disclosive_synthetic, row.percent, row.disclosive_both]
        np.testing.assert_allclose(got, [dorig, i_s, dis, disco_, disdio], atol=0.005)   # R prints 2 decimals
    single = synthlab.disco(observed(), synthetic(), ["sex", "age", "edu"], "smoke")
    assert single.percent == table.loc["smoke", "percent"]
    every = synthlab.disco(observed(), synthetic(), ["sex", "age", "edu"])    # as R: all other columns
    assert list(every.index) == [c for c in observed().columns if c not in ("sex", "age", "edu")]
    pd.testing.assert_frame_equal(every.loc[list(table.index)], table, check_names=False)


def test_disco_several_targets_refuses_a_key_and_takes_several_sets():
    obs, syn = observed(), synthetic()
    with pytest.raises(ValueError, match="age"):
        synthlab.disco(obs, syn, ["sex", "age"], ["ls", "age"])
    tables = synthlab.disco(obs, [syn, syn.head(1000)], ["sex", "age"], ["ls", "smoke"])
    assert isinstance(tables, list) and len(tables) == 2
    assert tables[0]["percent"].tolist() != tables[1]["percent"].tolist()


def test_sdc_smooth_equals_r_sdc_smooth_vars():
    syn = synthetic()
    out = synthlab.sdc(syn, smooth=["income", "height"], cont_na={"income": [-8]}, label="synthetic")
    r = numbers()
    assert list(out.columns) == r["sdc names"][0].split("|")
    assert set(out["flag"]) == {r["sdc flag"][0]}
    expected = frame("sd2011_sdc_smoothed.csv")
    for column in ["income", "height"]:
        np.testing.assert_array_equal(out[column].isna(), expected[column].isna())
        np.testing.assert_allclose(out[column].dropna(), expected[column].dropna(), rtol=1e-6)
    coded = syn["income"] == -8
    assert coded.sum() > 0 and (out.loc[coded, "income"] == -8).all()        # codes left alone
    ties = syn["height"].duplicated(keep=False) & syn["height"].notna()
    assert out.loc[ties].groupby(syn.loc[ties, "height"])["height"].nunique().eq(1).all()


def test_sdc_refuses_unknown_keys():
    syn = synthetic()
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.sdc(syn, keys=["nosuch"])
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.sdc(syn, observed=observed(), keys=["sex", "nosuch"], remove_replicated_uniques=True)
    with pytest.raises(TypeError, match="label"):
        synthlab.sdc(syn, label=1)


def test_compare_fit_factor_response_models_the_second_level_as_r():
    obs, syn = observed(), synthetic()
    out = synthlab.compare_fit("smoke ~ sex + age + edu", obs, syn, family=sm.families.Binomial())
    r = {k.removeprefix("fit "): v for k, v in numbers().items() if k.startswith("fit ")}
    names = ["Intercept", "sex[T.FEMALE]", "age", "edu[T.VOCATIONAL/GRAMMAR]", "edu[T.SECONDARY]",
             "edu[T.POST-SECONDARY OR HIGHER]"]
    r_names = ["(Intercept)", "sexFEMALE", "age", "eduVOCATIONAL/GRAMMAR", "eduSECONDARY",
               "eduPOST-SECONDARY OR HIGHER"]
    assert sorted(out.index) == sorted(names)
    out = out.loc[names]
    np.testing.assert_allclose(out["observed"], [float(r[n][0]) for n in r_names], rtol=1e-6)
    np.testing.assert_allclose(out["synthetic"], [float(r[n][1]) for n in r_names], rtol=1e-6)
    assert out.attrs["lack_of_fit"] == pytest.approx(float(r["lack_of_fit"][0]), rel=1e-6)


def test_compare_fit_lack_of_fit_counts_all_rows_as_r():
    out = synthlab.compare_fit("weight ~ height + sex", observed(), synthetic())
    assert out.attrs["lack_of_fit"] == pytest.approx(float(numbers()["lm lack_of_fit"][0]), rel=1e-6)


def test_compare_fit_bool_and_string_responses():
    rng = np.random.default_rng(4)
    x = rng.normal(size=300)
    flag = rng.random(300) < 1 / (1 + np.exp(-x))
    as_bool = pd.DataFrame({"x": x, "y": flag})
    as_text = pd.DataFrame({"x": x, "y": np.where(flag, "yes", "no")})   # levels no, yes: models yes
    family = sm.families.Binomial()
    a = synthlab.compare_fit("y ~ x", as_bool, as_bool, family=family)
    b = synthlab.compare_fit("y ~ x", as_text, as_text, family=family)
    assert a.loc["x", "observed"] > 0.5
    np.testing.assert_allclose(a["observed"], b["observed"])
    with pytest.raises(ValueError, match="level"):
        synthlab.compare_fit("y ~ x", as_text.assign(y="no"), as_text, family=family)
