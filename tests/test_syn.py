"""Known-answer tests of synthlab.syn: each method reproduces what it should, and no more."""
from __future__ import annotations

import pickle
import warnings
from unittest import mock

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import special
from sklearn.tree import DecisionTreeRegressor

from synthlab import load_boys, syn
from synthlab.synthesis import SynthesisWarning
from synthlab.synthesis.methods import draw_within_groups, grow_tree, syn_cart

BOYS = load_boys()
VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]
BMI = "~ wgt / (hgt / 100) ** 2"


@pytest.fixture(scope="module")
def bivariate():
    """y = 2 + 3 x + e, x ~ N(0, 1), e ~ N(0, 1.5^2): slope 3, residual sd 1.5."""
    rng = np.random.default_rng(10)
    x = rng.normal(size=20_000)
    return pd.DataFrame({"x": x, "y": 2 + 3 * x + rng.normal(scale=1.5, size=x.size)})


def slope_and_sd(frame: pd.DataFrame) -> tuple[float, float]:
    fit = sm.OLS(frame["y"], sm.add_constant(frame["x"])).fit()
    return float(fit.params["x"]), float(np.sqrt(fit.scale))


def test_norm_reproduces_slope_and_residual_sd(bivariate):
    result = syn(bivariate, method={"y": "norm"}, seed=1)
    slope, sd = slope_and_sd(result.data)
    # sampling error of the slope ~ 1.5 / sqrt(20000) ~ 0.011 (twice: fit and refit)
    assert slope == pytest.approx(3.0, abs=0.05)
    assert sd == pytest.approx(1.5, abs=0.03)
    assert result.method == {"x": "sample", "y": "norm"}
    assert result.fits[0]["y"]["coefficients"]["x"] == pytest.approx(3.0, abs=0.03)


def test_cart_reproduces_nonlinear_relation_norm_misses():
    rng = np.random.default_rng(2)
    x = rng.uniform(-2, 2, size=3000)
    data = pd.DataFrame({"x": x, "y": x ** 2 + rng.normal(scale=0.1, size=x.size)})
    cart = syn(data, method="cart", seed=3).data
    norm = syn(data, method="norm", seed=3).data
    # corr(y, x^2) is 0.99 in the data; a linear model of y on x has no slope to speak of
    assert np.corrcoef(cart["y"], cart["x"] ** 2)[0, 1] > 0.95
    assert abs(np.corrcoef(norm["y"], norm["x"] ** 2)[0, 1]) < 0.1


def test_logreg_reproduces_share_and_dependence():
    rng = np.random.default_rng(4)
    x = rng.normal(size=20_000)
    y = np.where(rng.random(x.size) < special.expit(0.5 + 2 * x), "yes", "no")
    data = pd.DataFrame({"x": x, "y": pd.Categorical(y, categories=["no", "yes"])})
    synthetic = syn(data, method={"y": "logreg"}, seed=5).data
    assert (synthetic["y"] == "yes").mean() == pytest.approx((data["y"] == "yes").mean(), abs=0.015)
    refit = sm.Logit((synthetic["y"] == "yes").astype(float), sm.add_constant(synthetic["x"])).fit(disp=False)
    assert refit.params["x"] == pytest.approx(2.0, abs=0.15)
    assert refit.params["const"] == pytest.approx(0.5, abs=0.1)


def test_polyreg_reproduces_shares_and_dependence():
    rng = np.random.default_rng(6)
    x = rng.normal(size=20_000)
    scores = np.column_stack([np.zeros_like(x), 1.5 * x, -1.5 * x + 0.5])
    y = (rng.random(x.size)[:, None] > np.cumsum(special.softmax(scores, axis=1), axis=1)).sum(axis=1)
    data = pd.DataFrame({"x": x, "y": pd.Categorical.from_codes(y, ["b", "a", "c"])})
    synthetic = syn(data, method={"y": "polyreg"}, seed=7).data
    for part in (data["x"] < 0, data["x"] >= 0):
        observed = data.loc[part, "y"].value_counts(normalize=True)
        made = synthetic.loc[synthetic["x"].to_numpy() < 0 if part.iloc[0] == (data["x"].iloc[0] < 0)
                             else synthetic["x"].to_numpy() >= 0, "y"].value_counts(normalize=True)
        assert made.sort_index().to_numpy() == pytest.approx(observed.sort_index().to_numpy(), abs=0.03)
    assert list(synthetic["y"].cat.categories) == ["b", "a", "c"]


def test_polr_reproduces_shares_and_dependence():
    rng = np.random.default_rng(8)
    x = rng.normal(size=20_000)
    codes = np.digitize(1.2 * x + rng.logistic(size=x.size), [-1.0, 0.5, 2.0])
    data = pd.DataFrame({"x": x, "y": pd.Categorical.from_codes(codes, ["L1", "L2", "L3", "L4"], ordered=True)})
    result = syn(data, method={"y": "polr"}, seed=9)
    synthetic = result.data
    shares = synthetic["y"].value_counts(normalize=True).sort_index()
    assert shares.to_numpy() == pytest.approx(data["y"].value_counts(normalize=True).sort_index(), abs=0.015)
    fit = result.fits[0]["y"]
    assert fit["coefficients"]["x"] == pytest.approx(1.2, abs=0.06)
    assert fit["thresholds"] == pytest.approx([-1.0, 0.5, 2.0], abs=0.08)
    # the dependence survives: mean level rises with x by the same amount as in the data
    def rise(frame):
        high = frame["y"].cat.codes[frame["x"] > 0].mean()
        return high - frame["y"].cat.codes[frame["x"] <= 0].mean()
    assert rise(synthetic) == pytest.approx(rise(data), abs=0.05)


def test_polr_score_and_hessian_match_numerical_derivatives():
    from statsmodels.tools.numdiff import approx_fprime, approx_hess
    from synthlab.synthesis.logit import ordered_objective
    rng = np.random.default_rng(1)
    X = rng.normal(size=(400, 2))
    y = np.digitize(X @ [1.0, -0.5] + rng.logistic(size=400), [-1, 0, 1.5])
    objective = ordered_objective(X, y, 4)
    params = np.array([0.3, -0.2, -0.8, -0.1, 1.1])
    loglike = lambda p: objective(p)[0]  # noqa: E731
    _, score, hessian = objective(params)
    assert score == pytest.approx(approx_fprime(params, loglike, centered=True), abs=1e-5)
    assert hessian == pytest.approx(approx_hess(params, loglike), rel=1e-4, abs=1e-3)


def test_normrank_keeps_marginal_values():
    rng = np.random.default_rng(3)
    data = pd.DataFrame({"x": rng.normal(size=500)})
    data["y"] = np.exp(data["x"] + rng.normal(scale=0.3, size=500))
    synthetic = syn(data, method={"y": "normrank"}, seed=1).data
    assert np.isin(synthetic["y"], data["y"]).all()
    assert synthetic["y"].min() > 0
    assert np.corrcoef(synthetic["x"], np.log(synthetic["y"]))[0, 1] > 0.9


def test_norm_rounds_to_observed_decimals_and_can_go_negative():
    result = syn(BOYS, method="parametric", default_method=("norm", "logreg", "polyreg", "polr"), seed=123)
    wgt = result.data["wgt"]
    assert (wgt < 0).any()  # the teaching point of chapter 3: a normal model ignores bounds
    assert np.allclose(result.data["hgt"], result.data["hgt"].round(1))


def test_passive_column_is_exact_and_warns_about_rounding():
    method = {c: "parametric" for c in VISIT} | {"age": "sample", "bmi": BMI}
    with pytest.warns(SynthesisWarning, match=r"bmi.*723 of 748 rows"):
        result = syn(BOYS, method=method, visit_sequence=VISIT, seed=123)
    data = result.data
    assert (data["bmi"].to_numpy() == (data["wgt"] / (data["hgt"] / 100) ** 2).to_numpy()).all()
    assert result.method["bmi"] == BMI
    assert list(data.columns) == list(BOYS.columns)  # output keeps the input's column order


def test_passive_accepts_r_syntax():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SynthesisWarning)
        data = syn(BOYS, method={"bmi": "~I(wgt/(hgt/100)^2)"}, visit_sequence=VISIT, seed=1).data
    assert np.array_equal(data["bmi"], data["wgt"] / (data["hgt"] / 100) ** 2)


def test_passive_using_a_later_variable_raises():
    with pytest.raises(ValueError, match=r"formula .* for 'bmi' uses 'hgt', which is synthesised after it"):
        syn(BOYS, method={"bmi": BMI}, visit_sequence=["age", "bmi", "hgt", "wgt"], seed=1)
    with pytest.raises(ValueError, match=r"uses 'wgt', which is not a synthesised column"):
        syn(BOYS, method={"bmi": BMI}, visit_sequence=["age", "hgt", "bmi"], seed=1)


def test_rules_hold_in_every_row():
    with pytest.warns(SynthesisWarning, match=r"'phb'.*46 of 748"):
        result = syn(BOYS, rules={"phb": ("gen == 'G1'", "P1")}, seed=2, m=3)
    for data in result.data:
        assert (data.loc[data["gen"] == "G1", "phb"] == "P1").all()
        assert (data["gen"] == "G1").sum() > 100
    assert result.rules == {"phb": [("gen == 'G1'", "P1")]}


def test_numeric_rule_and_several_conditions():
    rng = np.random.default_rng(1)
    data = pd.DataFrame({"a": rng.normal(size=300), "b": rng.normal(size=300)})
    rules = {"b": [("a < -1", 0.0), ("a > 1", 5.0)]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SynthesisWarning)
        synthetic = syn(data, method="norm", rules=rules, seed=3).data
    assert (synthetic.loc[synthetic["a"] < -1, "b"] == 0.0).all()
    assert (synthetic.loc[synthetic["a"] > 1, "b"] == 5.0).all()
    middle = synthetic.loc[synthetic["a"].between(-1, 1), "b"]
    assert not middle.isin([0.0, 5.0]).any()


def test_k_rows_and_m_sets():
    result = syn(BOYS, k=1234, m=2, seed=1)
    assert [len(d) for d in result.data] == [1234, 1234]
    assert result.k == 1234 and result.m == 2
    small = syn(BOYS, k=10, seed=1).data
    assert small.shape == (10, 9) and small.index.equals(pd.RangeIndex(10))


def test_seed_reproduces_and_differs():
    first, again = syn(BOYS, seed=42).data, syn(BOYS, seed=42).data
    pd.testing.assert_frame_equal(first, again)
    other = syn(BOYS, seed=43).data
    assert not first.equals(other)
    both, again = syn(BOYS, seed=42, m=2).data, syn(BOYS, seed=42, m=2).data
    pd.testing.assert_frame_equal(both[1], again[1])
    assert not both[0].equals(both[1])


def test_seed_is_drawn_and_stored_when_missing():
    result = syn(BOYS[["age", "hgt"]], k=20)
    assert isinstance(result.seed, int)
    pd.testing.assert_frame_equal(syn(BOYS[["age", "hgt"]], k=20, seed=result.seed).data, result.data)


def test_smoothing_leaves_no_observed_value():
    result = syn(BOYS, smoothing="density", seed=4)
    data = result.data
    for column in ["age", "hgt", "wgt", "bmi", "hc", "tv"]:
        assert np.isin(data[column], BOYS[column]).mean() < 0.01, column
        assert data[column].between(BOYS[column].min(), BOYS[column].max()).all()
    assert set(result.smoothing) == {"age", "hgt", "wgt", "bmi", "hc", "tv"}
    plain = syn(BOYS, seed=4).data
    assert np.isin(plain["hgt"], BOYS["hgt"]).all()  # without smoothing, CART copies observed values


def test_smoothing_keeps_the_distribution():
    smoothed = syn(BOYS, smoothing="density", seed=5).data
    for column in ["age", "hgt", "wgt", "tv"]:
        assert smoothed[column].mean() == pytest.approx(BOYS[column].mean(), rel=0.05)
        assert smoothed[column].std() == pytest.approx(BOYS[column].std(), rel=0.08)


def test_bandwidth_nrd0_matches_r():
    from synthlab.synthesis.smoothing import bandwidth_nrd0
    # R: bw.nrd0(1:100) = 10.39471; bw.nrd0(c(1, 2, 3, 4, 10)) = 0.9735846
    assert bandwidth_nrd0(np.arange(1.0, 101.0)) == pytest.approx(10.39471, abs=1e-5)
    assert bandwidth_nrd0(np.array([1.0, 2, 3, 4, 10])) == pytest.approx(0.9735846, abs=1e-7)
    assert bandwidth_nrd0(np.array([3.0, 3.0, 3.0])) == 0.0


# R 4.2.2: bw.SJ(x) (nb = 1000, method = "ste"); n > 500 uses R's binned pair counts.
SKEWED = np.array([  # R: set.seed(1); round(rexp(60), 3)
    0.755, 1.182, 0.146, 0.14, 0.436, 2.895, 1.23, 0.54, 0.957, 0.147, 1.391, 0.762, 1.238, 4.424, 1.055,
    1.035, 1.876, 0.655, 0.337, 0.588, 2.365, 0.642, 0.294, 0.566, 0.106, 0.059, 0.579, 3.959, 1.173, 0.997,
    1.435, 0.037, 0.324, 1.32, 0.204, 1.023, 0.302, 0.725, 0.752, 0.235, 1.08, 1.028, 1.292, 1.253, 0.555,
    0.301, 1.293, 0.995, 0.514, 2.008, 0.422, 2.179, 3.218, 0.558, 0.595, 0.977, 0.21, 0.309, 1.106, 0.774])
SJ_REFERENCE = [
    (BOYS["age"], 0.501351786716234), (BOYS["hgt"], 4.45501595410708), (BOYS["wgt"], 2.26007081337415),
    (BOYS["bmi"], 0.643098964448006), (BOYS["hc"], 0.960707589625605), (BOYS["tv"], 0.225125186931502),
    (BOYS["age"][:400], 0.296475161881271),  # n <= 500: R counts the pairs one by one
    (np.arange(1.0, 301.0) ** 3 / 1e4, 47.8468339085311),  # (1:300)^3 / 1e4
    (SKEWED, 0.203175061180632),
    (np.r_[np.zeros(30), np.tile(np.arange(-5.0, 6.0), 4), 7.5, 10, 10], 0.100098923429546),  # ties, negatives
]


@pytest.mark.parametrize("values, expected", SJ_REFERENCE)
def test_bandwidth_sj_matches_r(values, expected):
    from synthlab.synthesis.smoothing import bandwidth_sj
    assert bandwidth_sj(np.asarray(values, dtype=float)) == pytest.approx(expected, rel=1e-9)


def test_bandwidth_sj_degenerate_cases():
    from synthlab.synthesis.smoothing import bandwidth_sj
    assert bandwidth_sj(np.array([3.0, 3.0, 3.0])) == 0.0 and bandwidth_sj(np.array([1.0])) == 0.0
    # IQR 0: R stops ("sample is too sparse to find TD"); we fall back to bw.nrd0 = 0.187447142948856
    assert bandwidth_sj(BOYS["tv"][:300].to_numpy()) == pytest.approx(0.187447142948856, rel=1e-9)


def test_smoothing_adds_one_sj_bandwidth_of_noise_to_the_column():
    from synthlab.synthesis.smoothing import bandwidth_sj, smooth
    synthetic = np.random.default_rng(0).gamma(2.0, size=500)
    observed = np.r_[-100.0, synthetic, 100.0]  # wide range: no reflection
    smoothed = smooth(synthetic, observed, np.random.default_rng(3))
    noise = np.random.default_rng(3).standard_normal(500)
    np.testing.assert_allclose(smoothed, synthetic + bandwidth_sj(synthetic) * noise)


def test_smoothing_spares_a_dominant_value_and_a_top_code():
    from synthlab.synthesis.smoothing import bandwidth_sj, smooth
    rng = np.random.default_rng(1)
    mostly_zero = np.r_[np.zeros(80), np.arange(1.0, 21.0)]  # 80% one value: left as it is
    smoothed = smooth(mostly_zero, mostly_zero, rng)
    assert (smoothed[:80] == 0).all() and not np.isin(smoothed[80:], mostly_zero).any()
    top_coded = np.r_[np.arange(1.0, 41.0), np.full(25, 50.0)]  # 25 > 11 x 1 at the maximum
    smoothed = smooth(top_coded, top_coded, np.random.default_rng(2))
    assert (smoothed[40:] == 50).all() and not np.isin(smoothed[:40], top_coded).any()
    noise = np.random.default_rng(2).standard_normal(40) * bandwidth_sj(top_coded[:40])
    inside = np.abs(top_coded[:40] + noise - 25.5) < 24  # away from the edges: no reflection
    np.testing.assert_allclose(smoothed[:40][inside], (top_coded[:40] + noise)[inside])


def test_smoothing_reflects_into_the_observed_range_and_keeps_missing_values():
    from synthlab.synthesis.smoothing import smooth
    observed = np.r_[0.0, np.random.default_rng(4).exponential(size=300)]
    synthetic = np.r_[np.zeros(50), observed[:250], np.nan]
    smoothed = smooth(synthetic, observed, np.random.default_rng(5))
    assert np.isnan(smoothed[-1]) and (smoothed[:-1] >= 0).all() and (smoothed[:-1] <= observed.max()).all()
    assert (smoothed[:50] > 0).all()  # pushed below 0 and reflected, not piled up at 0


def test_draw_within_groups_stays_in_group_and_is_uniform():
    observed = np.array([5, 2, 5, 5, 2, 9])
    synthetic = np.repeat([2, 5, 9], 6000)
    rows = draw_within_groups(observed, synthetic, np.random.default_rng(0))
    assert (observed[rows] == synthetic).all()
    picked = pd.Series(rows[synthetic == 5]).value_counts(normalize=True).sort_index()
    assert picked.index.tolist() == [0, 2, 3]
    assert picked.to_numpy() == pytest.approx([1 / 3] * 3, abs=0.03)


def test_custom_method_line_without_noise():
    def syn_line(y, x, xp, rng):
        fit = sm.OLS(y, sm.add_constant(x)).fit()
        return fit.predict(sm.add_constant(xp)), {"coefficients": fit.params.to_dict()}

    result = syn(BOYS[["age", "hgt"]], method={"hgt": syn_line}, seed=1)
    beta = result.fits[0]["hgt"]["coefficients"]
    data = result.data
    assert np.allclose(data["hgt"], beta["const"] + beta["age"] * data["age"])
    assert result.method["hgt"] == "syn_line"


def test_custom_method_values_only_and_arguments():
    seen = {}

    def syn_spy(y, x, xp, rng):
        seen.update(y=y, x=x, xp=xp, rng=rng)
        return rng.choice(y.to_numpy(), size=len(xp))

    result = syn(BOYS, method={"reg": syn_spy}, seed=1)
    assert isinstance(seen["rng"], np.random.Generator)
    assert list(seen["x"].columns) == list(BOYS.columns[:-1])
    assert seen["x"]["gen"].dtype == BOYS["gen"].dtype and len(seen["xp"]) == len(BOYS)
    assert result.data["reg"].dtype == BOYS["reg"].dtype
    assert result.fits[0]["reg"] == {}


def test_output_dtypes_equal_input_dtypes():
    rng = np.random.default_rng(2)
    n = 200
    data = pd.DataFrame({
        "f": rng.normal(size=n), "i": rng.integers(0, 50, n), "b": rng.random(n) < 0.3,
        "s": rng.choice(["x", "y", "z"], n), "o": pd.Series(rng.choice(["p", "q"], n), dtype=object),
        "c": pd.Categorical(rng.choice(["lo", "mid", "hi"], n), categories=["lo", "mid", "hi"], ordered=True),
        "f32": rng.normal(size=n).astype(np.float32)})
    for method in ["cart", "sample", "parametric"]:
        synthetic = syn(data, method=method, seed=1).data
        assert synthetic.dtypes.equals(data.dtypes), method
        assert list(synthetic["c"].cat.categories) == ["lo", "mid", "hi"] and synthetic["c"].cat.ordered
    boys = syn(BOYS, seed=1).data
    assert boys.dtypes.equals(BOYS.dtypes)
    assert list(boys["reg"].cat.categories) == ["north", "east", "west", "south", "city"]
    assert not boys["reg"].cat.ordered


def test_input_frame_is_not_modified():
    data = BOYS.copy()
    data["flag"] = data["age"] > 10
    before = data.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SynthesisWarning)
        syn(data, method={"bmi": BMI, "reg": "polyreg", "flag": "logreg"}, smoothing="density",
            visit_sequence=VISIT + ["flag"], rules={"phb": ("gen == 'G1'", "P1")}, seed=1)
    pd.testing.assert_frame_equal(data, before)


def test_result_holds_no_rows_of_the_data():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SynthesisWarning)
        result = syn(BOYS, method={c: "parametric" for c in VISIT} | {"age": "sample", "bmi": BMI, "tv": "cart"},
                     visit_sequence=VISIT, seed=1)

    def sizes(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from sizes(item)
        elif isinstance(value, (list, tuple, np.ndarray, pd.Series, pd.DataFrame)):
            yield len(value)
            for item in (value if isinstance(value, (list, tuple)) else []):
                yield from sizes(item)

    assert max(sizes(result.fits), default=0) < 50
    assert result.fits[0]["tv"].keys() == {"leaves", "depth"}
    attributes = {name: getattr(result, name) for name in result.__dataclass_fields__}
    frames = [name for name, value in attributes.items() if isinstance(value, pd.DataFrame)]
    assert frames == ["data", "predictor_matrix"]
    observed_rows = set(map(tuple, BOYS.astype(str).to_numpy()))
    assert not observed_rows & set(map(tuple, result.data.astype(str).to_numpy()))
    assert len(pickle.dumps(result)) < 200_000


def test_repr_reads_like_synthpop_summary():
    text = repr(syn(BOYS, method="parametric", seed=123))
    assert "Number of synthesised data sets: 1" in text
    assert "Synthesis methods:" in text and "polyreg" in text and "sample" in text
    assert "visit_sequence" in text and "predictor_matrix" in text
    lines = text.splitlines()
    assert lines[lines.index("Synthesis methods:") + 1].split() == list(BOYS.columns)


def test_predictor_matrix_controls_dependence():
    matrix = pd.DataFrame(1, index=BOYS.columns, columns=BOYS.columns)
    matrix.loc["hgt", "age"] = 0
    with pytest.warns(SynthesisWarning, match="ignoring predictors synthesised after"):
        result = syn(BOYS[BOYS.columns], predictor_matrix=matrix, seed=1)
    data = result.data
    assert abs(np.corrcoef(data["age"], data["hgt"])[0, 1]) < 0.15  # 0.97 in the data
    assert np.corrcoef(data["hgt"], data["wgt"])[0, 1] > 0.8
    used = result.predictor_matrix
    assert used.loc["hgt"].sum() == 0 and used.loc["wgt", ["age", "hgt"]].tolist() == [1, 1]
    assert used.loc["age", "wgt"] == 0  # later variables cannot predict earlier ones


def test_visit_sequence_leaves_columns_out():
    result = syn(BOYS, visit_sequence=["hgt", "age", "gen"], seed=1)
    assert list(result.data.columns) == ["age", "hgt", "gen"]
    assert result.method == {"hgt": "sample", "age": "cart", "gen": "cart"}


def test_missing_values_sample_and_cart_cope():
    data = BOYS.copy()
    data.loc[::7, "hc"] = np.nan
    synthetic = syn(data, visit_sequence=["hc", "age", "hgt"], seed=1).data
    assert synthetic["hc"].isna().mean() == pytest.approx(data["hc"].isna().mean(), abs=0.04)
    assert synthetic["hgt"].notna().all()


def test_polr_on_two_categories_falls_back_to_logreg():
    data = pd.DataFrame({"x": np.arange(100.0), "y": pd.Categorical(["a", "b"] * 50, ordered=True)})
    with pytest.warns(SynthesisWarning, match="logreg"):
        result = syn(data, method={"y": "polr"}, seed=1)
    assert result.method["y"] == "logreg"


def test_first_variable_without_predictors_in_each_method():
    data = BOYS[["hgt", "gen", "reg"]]
    for method in [{"hgt": "norm", "gen": "polr", "reg": "polyreg"}, {"hgt": "cart", "gen": "cart", "reg": "cart"}]:
        result = syn(data, method=method, predictor_matrix=np.zeros((3, 3)), seed=1)
        shares = result.data["gen"].value_counts(normalize=True).sort_index()
        assert shares.to_numpy() == pytest.approx(data["gen"].value_counts(normalize=True).sort_index(), abs=0.06)


def test_proper_norm_draws_its_parameters(bivariate):
    import functools
    from synthlab.synthesis import syn_norm
    proper = functools.partial(syn_norm, proper=True)
    fits = [syn(bivariate, method={"y": proper}, seed=s).fits[0]["y"] for s in range(8)]
    slopes = np.array([f["coefficients"]["x"] for f in fits])
    sigmas = np.array([f["sigma"] for f in fits])
    # posterior draws: spread like the standard error (~0.0106 for the slope), centred on the estimate
    assert 0.004 < slopes.std() < 0.025 and abs(slopes.mean() - 3.0) < 0.03
    assert len(set(sigmas.round(6))) == 8 and abs(sigmas.mean() - 1.5) < 0.03
    assert syn(bivariate, method={"y": proper}, seed=0).method["y"] == "syn_norm"


def test_any_index_and_a_registered_method():
    from synthlab.synthesis import METHOD_INFO, METHODS, register

    @register("median_only", kinds=("numeric",))
    def syn_median_only(y, x, xp, rng):
        return np.full(len(xp), y.median()), {"median": float(y.median())}

    try:
        data = BOYS.sample(frac=1.0, random_state=1).set_index(BOYS.index.astype(str) + "id")
        result = syn(data, method={"hgt": "median_only"}, seed=1)
    finally:
        METHODS.pop("median_only")
        METHOD_INFO.pop("median_only")
    assert result.data.index.equals(pd.RangeIndex(len(BOYS)))
    assert (result.data["hgt"] == BOYS["hgt"].median()).all()
    assert result.fits[0]["hgt"] == {"median": BOYS["hgt"].median()}


def test_a_rule_for_every_row_needs_no_model():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SynthesisWarning)
        result = syn(BOYS, rules={"phb": ("age >= 0", "P2")}, k=50, seed=1)
    assert (result.data["phb"] == "P2").all() and result.fits[0]["phb"] == {}


def test_trees_fitted_ahead_in_threads_give_the_same_data_as_one_thread():
    """CART trees are fitted ahead, several at a time; the result must not depend on how many."""
    data = BOYS.assign(hgt=BOYS["hgt"].mask(BOYS.index % 17 == 0))  # an indicator column too
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SynthesisWarning)
        with mock.patch("synthlab.synthesis.syn.AHEAD_MIN_ROWS", 0):  # boys is too small to fit ahead
            many = syn(data, m=2, smoothing={"wgt": "spline"}, rules={"phb": ("gen == 'G1'", "P1")}, seed=7)
        with mock.patch("synthlab.synthesis.syn.AHEAD_MIN_ROWS", 0), \
                mock.patch("synthlab.synthesis.syn._threads", return_value=1):
            one = syn(data, m=2, smoothing={"wgt": "spline"}, rules={"phb": ("gen == 'G1'", "P1")}, seed=7)
        inline = syn(data, m=2, smoothing={"wgt": "spline"}, rules={"phb": ("gen == 'G1'", "P1")}, seed=7)
    for first, second, third in zip(many.data, one.data, inline.data):
        pd.testing.assert_frame_equal(first, second)
        pd.testing.assert_frame_equal(first, third)
    assert many.fits == one.fits == inline.fits


def test_each_tree_is_grown_once_for_all_m_sets():
    grown = []
    original = DecisionTreeRegressor.fit

    def counting_fit(self, *args, **kwargs):
        grown.append(self)
        return original(self, *args, **kwargs)

    with mock.patch.object(DecisionTreeRegressor, "fit", counting_fit):
        syn(BOYS[["age", "hgt", "wgt", "hc"]], m=3, smoothing="spline", seed=1)
    assert len(grown) == 3  # hgt, wgt and hc: one regression tree each, not one per set


def test_grow_tree_is_a_function_of_the_data_alone():
    x = BOYS[["age", "reg"]]
    first, second = grow_tree(BOYS["hgt"], x), grow_tree(BOYS["hgt"], x)
    assert first.tree_.node_count == second.tree_.node_count
    assert np.array_equal(first.tree_.threshold, second.tree_.threshold)
    values, fit = syn_cart(BOYS["hgt"], x, x.iloc[:5], np.random.default_rng(1), model=first)
    assert fit["leaves"] == first.get_n_leaves() and len(values) == 5
