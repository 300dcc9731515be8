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


def test_sdc_removes_replicated_uniques_and_reports():
    observed, synthetic = hand_tables()
    before = synthetic.copy()
    assert synthlab.replicated_uniques(observed, synthetic, ["sex", "age"]).count == 1
    out = synthlab.sdc(synthetic, observed=observed, keys=["sex", "age"])
    assert synthlab.replicated_uniques(observed, out, ["sex", "age"]).count == 0
    assert len(out) == 6 and out.attrs["sdc"]["removed_replicated_uniques"] == 1
    assert isinstance(out, pd.DataFrame)
    pd.testing.assert_frame_equal(synthetic, before)         # caller's frame untouched


def test_sdc_removes_replicated_uniques_on_boys_sized_data():
    boys = synthlab.load_boys()
    rng = np.random.default_rng(0)
    syn = boys.sample(frac=1, replace=True, random_state=3).reset_index(drop=True)
    keys = ["gen", "phb", "reg"]
    assert synthlab.replicated_uniques(boys, syn, keys).count > 0
    out = synthlab.sdc(syn, observed=boys, keys=keys, seed=rng)
    assert synthlab.replicated_uniques(boys, out, keys).count == 0


def test_sdc_bottom_top_coding_and_smoothing():
    observed, synthetic = hand_tables()
    out = synthlab.sdc(synthetic, observed=observed, remove_replicated_uniques=False,
                       bottom_top_coding={"income": (100.0, 1000.0)}, smooth=["age"], seed=1)
    assert out["income"].min() == 100.0 and out["income"].max() == 1000.0
    assert out.attrs["sdc"]["bottom_coded"] == {"income": 1}
    assert out.attrs["sdc"]["top_coded"] == {"income": 1}
    assert not np.array_equal(out["age"], synthetic["age"])
    assert out["age"].between(observed["age"].min(), observed["age"].max()).all()
    again = synthlab.sdc(synthetic, observed=observed, remove_replicated_uniques=False, smooth=["age"], seed=1)
    np.testing.assert_array_equal(out["age"], again["age"])
    assert out["income"].dtype == synthetic["income"].dtype


def test_bad_input():
    observed, synthetic = hand_tables()
    with pytest.raises(ValueError, match="key"):
        synthlab.replicated_uniques(observed, synthetic, ["sex", "height"])
    with pytest.raises(ValueError, match="target"):
        synthlab.disco(observed, synthetic, ["sex"], "weight")
    with pytest.raises(ValueError, match="observed and keys"):
        synthlab.sdc(synthetic)
    with pytest.raises(TypeError, match="observed"):
        synthlab.disco(observed.to_dict(), synthetic, ["sex"], "income")
