"""Disclosure measures on tables small enough to check on paper."""
import numpy as np
import pandas as pd
import pytest

import synthlab


def hand_tables():
    """Keys sex and age; numeric target income whose synthetic values include 250 and 1450,
    which no original record has (the case synthpop 1.9-3 can miscount). Values chosen so that
    sorting them as text ("1000" < "200") and as numbers disagree."""
    observed = pd.DataFrame({
        "sex": ["F", "F", "F", "M", "M", "M"],
        "age": [30.0, 30.0, 40.0, 30.0, 50.0, 60.0],
        "income": [90.0, 90.0, 200.0, 1000.0, 400.0, 500.0],
    })
    synthetic = pd.DataFrame({
        "sex": ["F", "F", "M", "M", "M", "M", "M"],
        "age": [30.0, 40.0, 30.0, 30.0, 50.0, 50.0, 70.0],
        "income": [90.0, 250.0, 1000.0, 1000.0, 400.0, 1450.0, 600.0],
    })
    return observed, synthetic


def test_replicated_uniques_on_paper():
    # original key counts: F30 2, F40 1, M30 1, M50 1, M60 1
    # synthetic key counts: F30 1, F40 1, M30 2, M50 2, M70 1  -> unique in both: F40 only
    observed, synthetic = hand_tables()
    ru = synthlab.replicated_uniques(observed, synthetic, ["sex", "age"])
    assert ru.count == 1
    assert ru.percent == pytest.approx(100 / 6)            # denominator: original records
    assert ru.percent_synthetic == pytest.approx(100 / 7)
    assert (ru.unique_original, ru.unique_synthetic) == (4, 3)    # F30, F40, M70 in the synthetic
    assert "count=1" in repr(ru) and "percent=16.67" in repr(ru)


def test_disco_on_paper():
    # record: keys in syn? one synthetic value? equals own?
    # 1 F30 90   yes, {90}        yes -> DiSCO
    # 2 F30 90   yes, {90}        yes -> DiSCO
    # 3 F40 200  yes, {250}       no  (250 never occurs in the original)
    # 4 M30 1000 yes, {1000,1000} yes -> DiSCO
    # 5 M50 400  yes, {400,1450}  not disclosive
    # 6 M60 500  no
    observed, synthetic = hand_tables()
    d = synthlab.disco(observed, synthetic, ["sex", "age"], "income")
    assert d.percent == pytest.approx(100 * 3 / 6)
    assert d.keys_found == pytest.approx(100 * 5 / 6)
    assert d.disclosive_synthetic == pytest.approx(100 * 4 / 6)
    assert d.disclosive_original == pytest.approx(100.0)    # every original key group has one income
    assert d.disclosive_both == pytest.approx(100 * 3 / 6)
    assert isinstance(d.percent, float) and 0 <= d.percent <= 100


def test_disco_of_the_original_itself_is_the_share_whose_keys_determine_the_target():
    observed, _ = hand_tables()
    extra = pd.DataFrame({"sex": ["M"], "age": [50.0], "income": [410.0]})
    observed = pd.concat([observed, extra], ignore_index=True)   # M50 now has 400 and 410
    d = synthlab.disco(observed, observed.copy(), ["sex", "age"], "income")
    # records 1, 2, 3, 4, 6 have keys that fix the income; the two M50 records do not
    assert d.percent == pytest.approx(100 * 5 / 7)
    assert d.percent == pytest.approx(d.disclosive_original)


def test_numeric_keys_match_exactly():
    observed = pd.DataFrame({"hgt": [150.0, 160.0], "wgt": [40.0, 50.0]})
    synthetic = pd.DataFrame({"hgt": [150.0000001, 160.0], "wgt": [40.0, 50.0]})
    d = synthlab.disco(observed, synthetic, ["hgt"], "wgt")
    assert d.keys_found == pytest.approx(50.0)
    assert d.percent == pytest.approx(50.0)
    assert synthlab.replicated_uniques(observed, synthetic, ["hgt"]).count == 1


def test_missing_values_are_a_value_of_their_own():
    observed = pd.DataFrame({"k": ["a", None, None], "t": [1, 2, 2]})
    synthetic = pd.DataFrame({"k": [None, "b"], "t": [2, 3]})
    d = synthlab.disco(observed, synthetic, ["k"], "t")
    assert d.percent == pytest.approx(100 * 2 / 3)


def test_sdc_removes_replicated_uniques_only_when_asked():
    observed, synthetic = hand_tables()
    before = synthetic.copy()
    assert synthlab.replicated_uniques(observed, synthetic, ["sex", "age"]).count == 1
    kept = synthlab.sdc(synthetic, observed=observed, keys=["sex", "age"])
    pd.testing.assert_frame_equal(kept, synthetic)            # synthpop's default: nothing removed
    out = synthlab.sdc(synthetic, observed=observed, keys=["sex", "age"], remove_replicated_uniques=True)
    assert synthlab.replicated_uniques(observed, out, ["sex", "age"]).count == 0
    assert len(out) == 6 and out.attrs["sdc"]["removed_replicated_uniques"] == 1
    # default keys: all observed columns; the full row M 50 400 is unique in both
    full = synthlab.sdc(synthetic, observed=observed, remove_replicated_uniques=True)
    assert full.attrs["sdc"]["removed_replicated_uniques"] == 1
    assert not ((full["sex"] == "M") & (full["age"] == 50.0) & (full["income"] == 400.0)).any()
    pd.testing.assert_frame_equal(synthetic, before)         # caller's frame untouched


def test_sdc_codes_before_it_removes_replicated_uniques():
    # Top coding income at 200 turns the synthetic F 40 250 into F 40 200, the original F40
    # record: a replicated unique on all three columns only after coding (synthpop's order:
    # coding first, then removal). Every other coded synthetic row now shares its keys.
    observed, synthetic = hand_tables()
    out = synthlab.sdc(synthetic, observed=observed, remove_replicated_uniques=True,
                       bottom_top_coding={"income": (None, 200.0)}, keys=["sex", "age", "income"])
    assert out.attrs["sdc"]["top_coded"] == {"income": 6}
    assert out.attrs["sdc"]["removed_replicated_uniques"] == 1
    assert not ((out["sex"] == "F") & (out["age"] == 40.0)).any()


def test_sdc_on_boys_sized_data():
    boys = synthlab.load_boys()
    syn = boys.sample(frac=1, replace=True, random_state=3).reset_index(drop=True)
    keys = ["gen", "phb", "reg"]
    assert synthlab.replicated_uniques(boys, syn, keys).count > 0
    out = synthlab.sdc(syn, observed=boys, keys=keys, remove_replicated_uniques=True)
    assert synthlab.replicated_uniques(boys, out, keys).count == 0


def test_sdc_smooths_by_spline_without_noise():
    from synthlab.synthesis.spline import smooth_spline
    observed, synthetic = hand_tables()
    out = synthlab.sdc(synthetic, observed=observed, bottom_top_coding={"income": (100.0, 1000.0)})
    assert out["income"].min() == 100.0 and out["income"].max() == 1000.0
    assert out.attrs["sdc"]["bottom_coded"] == {"income": 1}
    assert out.attrs["sdc"]["top_coded"] == {"income": 1}
    assert out["income"].dtype == synthetic["income"].dtype
    boys = synthlab.load_boys()
    syn = boys.sample(n=40, random_state=1, ignore_index=True)
    out = synthlab.sdc(syn, observed=boys, smooth=["hgt"])
    hgt = syn["hgt"].to_numpy()
    fitted = smooth_spline(np.sort(hgt)).fitted              # against ranks 1..n, not rounded
    ordered = np.sort(hgt)
    first, last = np.searchsorted(ordered, hgt, "left"), np.searchsorted(ordered, hgt, "right") - 1
    expected = fitted[np.floor((first + last) / 2).astype(int)]   # R: y[rank(y)], ties at their mean rank
    assert len(np.unique(hgt)) == len(hgt) - 1              # one tie: both values get one smoothed value
    tied = np.flatnonzero(first != last)
    assert len(tied) == 2 and out["hgt"][tied[0]] == out["hgt"][tied[1]]
    np.testing.assert_array_equal(out["hgt"], expected)
    assert not np.array_equal(out["hgt"], syn["hgt"]) and out.attrs["sdc"]["smoothed"] == ["hgt"]
    again = synthlab.sdc(syn, observed=boys, smooth=["hgt"])
    np.testing.assert_array_equal(out["hgt"], again["hgt"])   # no random noise


def test_sdc_leaves_missing_values_and_takes_several_sets():
    synthetic = pd.DataFrame({"x": [1.0, np.nan, 50.0, 3.0, 4.0, 7.0], "n": [1, 2, 3, 4, 5, 9]})
    out = synthlab.sdc([synthetic, synthetic.head(5)], bottom_top_coding={"x": (2.0, 10.0)}, smooth=["n"])
    assert isinstance(out, list) and len(out) == 2
    assert out[0]["x"].isna().tolist() == [False, True, False, False, False, False]
    assert out[0]["x"].tolist()[2:] == [10.0, 3.0, 4.0, 7.0] and out[0]["x"][0] == 2.0
    assert out[0]["n"].dtype == np.float64                  # smoothed, unrounded (as R's sdc)
    assert out[0]["n"].tolist() != synthetic["n"].tolist()


def test_disclosure_measures_take_a_synthesis_result():
    boys = synthlab.load_boys()[["age", "hgt", "reg"]]
    result = synthlab.syn(boys, m=2, seed=2)
    per_set = synthlab.replicated_uniques(boys, result, ["age", "reg"])
    assert [r.count for r in per_set] == [synthlab.replicated_uniques(boys, d, ["age", "reg"]).count
                                          for d in result.data]
    one = synthlab.syn(boys, seed=2)
    assert synthlab.disco(boys, one, ["age", "reg"], "hgt") == synthlab.disco(boys, one.data, ["age", "reg"], "hgt")


def test_bad_input():
    observed, synthetic = hand_tables()
    with pytest.raises(KeyError, match="key"):
        synthlab.replicated_uniques(observed, synthetic, ["sex", "height"])
    with pytest.raises(KeyError, match="target"):
        synthlab.disco(observed, synthetic, ["sex"], "weight")
    with pytest.raises(ValueError, match="observed"):
        synthlab.sdc(synthetic, remove_replicated_uniques=True)
    with pytest.raises(KeyError, match="income2"):
        synthlab.sdc(synthetic, smooth=["income2"])
    with pytest.raises(TypeError, match="numeric"):
        synthlab.sdc(synthetic, smooth=["sex"])
    with pytest.raises(TypeError, match="observed"):
        synthlab.disco(observed.to_dict(), synthetic, ["sex"], "income")
