"""Custom methods: (values, parameters) with any parameters; wrong output explained."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synthlab import load_boys, syn

BOYS = load_boys()[["age", "hgt", "wgt"]]


@pytest.mark.parametrize("parameters", [
    {"mean": 1.0}, pd.Series({"mean": 1.0}), np.array([1.0, 2.0]), ("a", "tuple"), None, 3.5,
])
def test_any_parameters_are_kept(parameters):
    def shifted(y, x, xp, rng):
        return rng.choice(y.to_numpy(), size=len(xp)) + 1.0, parameters

    result = syn(BOYS, method={"wgt": shifted}, seed=1)
    kept = result.fits[0]["wgt"]
    assert kept is parameters
    assert result.data["wgt"].isin(BOYS["wgt"] + 1.0).all()


def test_values_only_as_list_or_series():
    result = syn(BOYS, method={"wgt": lambda y, x, xp, rng: list(y.iloc[:len(xp)])}, k=10, seed=1)
    assert result.data["wgt"].tolist() == BOYS["wgt"].iloc[:10].tolist()
    result = syn(BOYS, method={"wgt": lambda y, x, xp, rng: pd.Series(np.ones(len(xp)), index=xp.index + 5)},
                 k=10, seed=1)
    assert (result.data["wgt"] == 1.0).all()


@pytest.mark.parametrize("output, got", [
    (3.0, "a float"), ({"values": 1}, "1 values"), ((np.zeros(5), {}, {}), "3 values"),
    ("abc", "3 values"), (np.zeros(7), "7 values"),
])
def test_wrong_output_says_what_a_method_must_return(output, got):
    with pytest.raises(ValueError, match=rf"method 'bad' for 'wgt' returned {got} for 748 synthetic rows: a method "
                                         r"must return 748 values .*optionally with its fitted parameters as a "
                                         r"second item: \(values, parameters\)"):
        def bad(y, x, xp, rng):
            return output
        syn(BOYS, method={"wgt": bad}, seed=1)


def test_m_sets_call_a_custom_method_once_per_set():
    calls = []

    def counted(y, x, xp, rng):
        calls.append(len(xp))
        return rng.choice(y.to_numpy(), size=len(xp)), {"call": len(calls)}

    result = syn(BOYS, method={"wgt": counted}, m=3, k=50, seed=1)
    assert calls == [50, 50, 50]
    assert [fit["wgt"]["call"] for fit in result.fits] == [1, 2, 3]
