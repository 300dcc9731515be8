"""The synthetic data of fixed calls, pinned by a digest: a refactor or speed-up of ``syn``
must give exactly the same data (same seed, same rows, same values, same dtypes).

A change that is *meant* to change what is drawn (a different tree, another model) updates the
digest here, and its commit says why. The digest is the SHA-256 of the data written as CSV
(floats at 12 significant digits), with the dtypes.
"""
from __future__ import annotations

import hashlib
import warnings

import pandas as pd
import pytest

from synthlab import load_boys, syn

VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]
BMI = "~ wgt / (hgt / 100) ** 2"


def digest(data: pd.DataFrame | list[pd.DataFrame]) -> str:
    frames = data if isinstance(data, list) else [data]
    # floats at 12 significant digits: density smoothing's unrounded noise differs in its last
    # bits between processors (numpy's SIMD sums), and this test pins the data, not the machine
    text = "".join(str(dict(frame.dtypes.astype(str))) + frame.to_csv(index=False, float_format="%.12g")
                   for frame in frames)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def parametric_passive(data: pd.DataFrame, **options):
    """The chapter's parametric synthesis: sample age, default methods, passive bmi last."""
    method = {column: "parametric" for column in VISIT} | {"age": "sample", "bmi": BMI}
    return syn(data, method=method, visit_sequence=VISIT, **options)


CALLS = {
    "cart": lambda boys: syn(boys, seed=1),
    "cart_m2": lambda boys: syn(boys, m=2, seed=7),
    "cart_density": lambda boys: syn(boys, smoothing="density", seed=3),
    "parametric": lambda boys: syn(boys, method="parametric", seed=2),
    "parametric_passive": lambda boys: parametric_passive(boys, seed=1),
    "parametric_passive_m2": lambda boys: parametric_passive(boys, m=2, seed=5),
    "cart_passive": lambda boys: syn(boys, method={"bmi": BMI}, visit_sequence=VISIT, seed=4),
}

EXPECTED = {
    ("cart", False): "d1894ef377d5f01e",
    ("cart_m2", False): "295a7d5fb105e988",
    ("cart_density", False): "d3895f5191362e85",
    ("parametric", False): "315d0a39d3564220",
    ("parametric_passive", False): "e4515a10ed4dea7c",
    ("parametric_passive_m2", False): "404f8bb13565f05a",
    ("cart_passive", False): "ec689794d2685c60",
    ("cart", True): "76dc2c86d0c57e10",
    ("cart_m2", True): "e9637eb83017af5d",
    ("parametric", True): "8c308f2409d67504",
    ("parametric_passive", True): "29308860661f45b8",
    ("cart_passive", True): "a5b4168bd8734880",
}


@pytest.mark.parametrize("call, raw", sorted(EXPECTED))
def test_syn_data_unchanged(call, raw):
    boys = load_boys(raw=raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the bmi formula and fallbacks warn, as they should
        result = CALLS[call](boys)
    assert digest(result.data) == EXPECTED[call, raw], f"syn data changed for {call} (raw boys: {raw})"
