"""Bad inputs get a clear error naming the column or argument, and dtypes survive syn exactly."""
import numpy as np
import pandas as pd
import pytest

import synthlab


def test_syn_keeps_category_dtypes_exactly_missing_values_included():
    raw = synthlab.load_boys(raw=True)
    assert raw["gen"].isna().any()
    synthetic = synthlab.syn(raw, seed=1).data
    for column in raw.columns:
        assert synthetic[column].dtype == raw[column].dtype, column
        if isinstance(raw[column].dtype, pd.CategoricalDtype):
            assert synthetic[column].cat.categories.dtype == raw[column].cat.categories.dtype, column
            assert list(synthetic[column].cat.categories) == list(raw[column].cat.categories)
            assert synthetic[column].cat.ordered == raw[column].cat.ordered
    assert synthetic["hgt"].dtype == np.float64
    result = synthlab.pmse(raw, synthetic)                      # failed before: "dtype of categories"
    assert 0 < result.pmse < 0.25
    stacked = pd.concat([raw, synthetic], ignore_index=True)
    assert stacked["gen"].dtype == raw["gen"].dtype


def test_string_object_and_ordered_columns_come_back_as_they_went_in():
    rng = np.random.default_rng(2)
    n = 200
    data = pd.DataFrame({"x": rng.normal(size=n),
                         "s": pd.array(rng.choice(["a", "b", None], n), dtype="string"),
                         "o": rng.choice(["u", "v", "w"], n).astype(object),
                         "q": pd.Categorical(rng.choice(["lo", "mid", "hi", None], n), categories=["lo", "mid", "hi"],
                                             ordered=True)})
    synthetic = synthlab.syn(data, seed=3).data
    assert synthetic.dtypes.equals(data.dtypes)
    assert synthetic["q"].cat.ordered and list(synthetic["q"].cat.categories) == ["lo", "mid", "hi"]
    assert synthetic["q"].isna().any() and synthetic["s"].isna().any()


def test_a_duplicated_column_name_is_refused_by_name():
    boys = synthlab.load_boys()
    doubled = pd.concat([boys, boys[["hgt"]]], axis=1)
    with pytest.raises(ValueError, match="more than one column named 'hgt'"):
        synthlab.syn(doubled)
    with pytest.raises(ValueError, match="observed has more than one column named 'hgt'"):
        synthlab.pmse(doubled, boys)
    with pytest.raises(ValueError, match="synthetic has more than one column named 'hgt'"):
        synthlab.replicated_uniques(boys, doubled, ["age"])


def test_an_infinite_value_is_refused_naming_the_column():
    boys = synthlab.load_boys()
    broken = boys.assign(wgt=boys["wgt"].where(boys.index != 5, np.inf))
    with pytest.raises(ValueError, match=r"infinite values in column\(s\) wgt \(row 5\)"):
        synthlab.syn(broken)
    with pytest.raises(ValueError, match="synthetic has infinite values in column.*wgt"):
        synthlab.pmse(boys, broken)
    with pytest.raises(ValueError, match="wgt"):
        synthlab.compare_fit("hc ~ wgt", boys, broken)


def test_sdc_refuses_an_unknown_key():
    boys = synthlab.load_boys()
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.sdc(boys, keys=["nosuch"])
