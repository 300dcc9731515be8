"""synthpop's smoothing kinds: R's smooth.spline, running mean, and the smooth() dispatcher."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synthlab.synthesis.smoothing import running_mean, smooth
from synthlab.synthesis.spline import n_knots, smooth_spline

R_DIR = Path(__file__).parent / "r"
BOYS = pd.read_csv(Path(__file__).parents[1] / "synthlab" / "data" / "boys.csv")
CASES = {  # the vectors tests/r/smooth_spline_reference.R fits
    "hgt": np.sort(BOYS["hgt"].to_numpy(float)),
    "wgt": np.sort(BOYS["wgt"].to_numpy(float)),
    "tv": np.sort(BOYS["tv"].to_numpy(float)),
    "bmi30": np.sort(BOYS["bmi"].to_numpy(float)[:30]),
    "ties": np.array([1, 1, 1, 2, 2, 3, 3, 3, 3, 5, 8, 8, 9, 12, 12, 12, 20], dtype=float),
    "small": np.array([1, 2, 2.5, 4, 5.5, 5, 7, 8]),
    "hgt5": np.sort(np.repeat(BOYS["hgt"].to_numpy(float), 5)),
}
# Tolerances are set from what differs between processors (tools/cross_dispatch.py reruns this
# test with other SIMD and BLAS kernels). n >= 50: a well-posed GCV search; spar and df differ
# between kernels by ~1e-10 relative, fitted values by less, so R's numbers hold to 1e-9.
# n < 50: GCV is 0/0 near interpolation (see spline.py): the search ends in interpolation on
# every machine and the fitted values equal the data, and R's, to 1e-6; spar is not compared.
# "small" ends where the spline is a straight line to ~1e-7: GCV is flat there in its last
# bits, so spar differs between kernels by ~1e-2 but the fitted values by < 1e-6 relative.
TOLERANCE = {"hgt": 1e-9, "wgt": 1e-9, "tv": 1e-9, "hgt5": 1e-9, "small": 1e-6, "ties": 5e-6, "bmi30": 1e-6}


@pytest.fixture(scope="module")
def reference():
    return (pd.read_csv(R_DIR / "smooth_spline_reference.csv"),
            pd.read_csv(R_DIR / "smooth_spline_reference_fits.csv").set_index("case"))


@pytest.mark.parametrize("case", list(CASES))
def test_smooth_spline_matches_r(reference, case):
    fitted, fits = reference
    rows = fitted[fitted["case"] == case]
    fit = smooth_spline(CASES[case])
    np.testing.assert_allclose(fit.fitted[rows["index"].to_numpy() - 1], rows["fitted"], rtol=TOLERANCE[case])
    if TOLERANCE[case] <= 1e-9:
        expected = fits.loc[case]
        assert fit.spar == pytest.approx(expected["spar"], rel=1e-8)
        assert fit.lambda_ == pytest.approx(expected["lambda"], rel=1e-8)
        assert fit.df == pytest.approx(expected["df"], rel=1e-8)


def test_n_knots_matches_r_examples():
    # R: sapply(c(20, 50, 200, 800, 3200, 10000), stats:::.nknots.smspl)
    assert [n_knots(n) for n in (20, 50, 200, 800, 3200, 10000)] == [20, 49, 99, 140, 200, 205]


def test_spline_smoothing_restores_order_and_rounds():
    rng = np.random.default_rng(3)
    observed = BOYS["hgt"].to_numpy(float)
    synthetic = rng.choice(observed, 300)
    smoothed = smooth(synthetic, observed, rng, kind="spline")
    order = np.argsort(synthetic, kind="stable")
    expected = np.round(smooth_spline(synthetic[order]).fitted, 1)
    np.testing.assert_array_equal(smoothed[order], expected)
    assert np.median(np.abs(smoothed - synthetic)) < 1.0
    assert not np.array_equal(smoothed, synthetic)


def test_spline_smoothing_keeps_missing_and_needs_no_rng():
    synthetic = np.array([1.0, np.nan, 3.0, 2.0, 8.0, 5.0])
    smoothed = smooth(synthetic, synthetic, None, kind="spline")
    assert np.isnan(smoothed[1]) and np.isfinite(np.delete(smoothed, 1)).all()
    assert smooth(np.array([1.0, 2.0, 3.0]), np.array([1.0]), None, kind="spline").tolist() == [1.0, 2.0, 3.0]


def test_running_mean_window_five():
    values = np.array([0.0, 10.0, 20.0, 30.0, 40.0, 100.0])
    assert running_mean(values).tolist() == [10.0, 15.0, 20.0, 40.0, 47.5, 170 / 3]


def test_rmean_kind_rounds_to_observed_decimals():
    synthetic = np.array([4.0, 1.0, 2.0, 3.0, 10.0])
    assert smooth(synthetic, np.array([1.0, 2.0]), None, kind="rmean").tolist() == [5.0, 2.0, 2.0, 4.0, 6.0]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        smooth(np.ones(5), np.ones(5), np.random.default_rng(1), kind="loess")


# ---------------------------------------------------------------- syn(smoothing=...)

def _with_integer_column():
    from synthlab import load_boys
    boys = load_boys()
    return boys.assign(visits=np.round(boys["age"] * 3).astype("int64"))


def test_syn_smooths_integer_columns_and_keeps_their_dtype():
    from synthlab import syn
    data = _with_integer_column()
    for kind in ("spline", "rmean", "density"):
        result = syn(data, smoothing=kind, seed=2)
        assert result.smoothing["visits"] == kind
        assert result.data["visits"].dtype == np.int64
    plain = syn(data, seed=2).data["visits"]
    smoothed = syn(data, smoothing="spline", seed=2).data["visits"]
    assert not np.array_equal(plain, smoothed)  # same draws, then smoothed and rounded


def test_syn_spline_equals_smoothing_the_unsmoothed_draws():
    from synthlab import syn
    from synthlab.data import load_boys
    boys = load_boys()
    plain = syn(boys, visit_sequence=["age", "hgt"], seed=8).data["hgt"].to_numpy()
    smoothed = syn(boys, visit_sequence=["age", "hgt"], smoothing={"hgt": "spline"}, seed=8).data["hgt"]
    expected = smooth(plain, boys["hgt"].to_numpy(), None, kind="spline")
    np.testing.assert_allclose(smoothed, expected)


def test_syn_smoothing_dict_mixes_kinds_and_refuses_categorical():
    from synthlab import syn
    data = _with_integer_column()
    result = syn(data, smoothing={"hgt": "spline", "visits": "rmean", "wgt": "density"}, seed=1)
    assert result.smoothing == {"hgt": "spline", "wgt": "density", "visits": "rmean"}
    with pytest.raises(ValueError, match="'reg' is category synthesised by 'cart'"):
        syn(data, smoothing={"reg": "spline"})
    with pytest.raises(ValueError, match="smoothing for 'hgt' must be one of"):
        syn(data, smoothing={"hgt": "kernel"})


def test_spline_smoothing_equals_synthpops_syn_smooth(reference):
    # R: ysyn[order(ysyn)] <- round(smooth.spline(sort(ysyn))$y, 1) on boys$hc in data order
    fitted, _ = reference
    expected = fitted.loc[fitted["case"] == "hc_syn_smooth", "fitted"].to_numpy()
    hc = BOYS["hc"].to_numpy(float)
    np.testing.assert_array_equal(smooth(hc, hc, None, kind="spline"), expected)


def test_knot_positions_match_r():
    from synthlab.synthesis.spline import _knots
    table = pd.read_csv(R_DIR / "smooth_spline_knots.csv")
    for n, nknots, position_sum in table.itertuples(index=False):
        x = np.arange(n, dtype=float)  # x = position - 1, so the inner knots sum to position_sum - nknots
        inner = _knots(x)[3:-3]
        assert (n_knots(n), inner.sum() + nknots) == (nknots, position_sum), n


def test_inverse_band_equals_the_band_of_the_full_inverse():
    from scipy.linalg import cholesky_banded

    from synthlab.synthesis.spline import _inverse_band, _upper_band
    rng = np.random.default_rng(4)
    a = np.diag(rng.uniform(5, 6, 12))
    for d in range(1, 4):
        off = rng.uniform(-1, 1, 12 - d)
        a += np.diag(off, d) + np.diag(off, -d)
    inverse = np.linalg.inv(a)
    band = _inverse_band(cholesky_banded(_upper_band(a)))
    for d in range(4):
        np.testing.assert_allclose(band[d], np.diagonal(inverse, d), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("case", ["bmi30", "ties"])
def test_spline_search_does_not_hang_on_rounding_noise(case):
    # Where the spline interpolates, GCV is 0/0 and its computed value is rounding noise that
    # differs between processors. Changing the data in their last bits changes that noise as
    # another BLAS kernel would; the search must still end at the same spar (before the fix:
    # seven different spars out of eight), with the data fitted to rounding error.
    y = CASES[case]
    fits = [smooth_spline(y * (1 + k * 2.0**-52)) for k in range(8)]
    assert len({fit.spar for fit in fits}) == 1
    for fit in fits:
        np.testing.assert_allclose(fit.fitted, y, rtol=1e-6)
