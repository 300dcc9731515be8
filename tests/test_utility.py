"""Utility measures: pMSE, compare, constraint checks, compare_fit; known answers by hand."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import statsmodels.api as sm  # noqa: E402
from scipy import stats  # noqa: E402

import synthlab  # noqa: E402

Z95 = stats.norm.ppf(0.975)


@pytest.fixture(scope="module")
def boys():
    return synthlab.load_boys()


def noisy(frame, scale, seed):
    rng = np.random.default_rng(seed)
    out = frame.copy()
    for col in ["age", "hgt", "wgt", "bmi", "hc", "tv"]:
        out[col] = out[col] + rng.normal(0, scale * out[col].std(), len(out))
    return out


# ------------------------------------------------------------------ pMSE


@pytest.mark.parametrize("model", ["logit", "cart"])
def test_pmse_of_a_copy_is_zero(boys, model):
    result = synthlab.pmse(boys, boys.copy(), method=model, seed=1)
    assert result.pmse == pytest.approx(0.0, abs=1e-12)
    assert result.s_pmse == pytest.approx(0.0, abs=1e-8)


@pytest.mark.parametrize("n_obs, n_syn", [(100, 100), (100, 300)])
def test_perfect_separation_gives_c_times_one_minus_c(n_obs, n_syn):
    rng = np.random.default_rng(0)
    observed = pd.DataFrame({"x": rng.uniform(-2, -1, n_obs), "g": rng.choice(["a", "b"], n_obs)})
    synthetic = pd.DataFrame({"x": rng.uniform(1, 2, n_syn), "g": rng.choice(["a", "b"], n_syn)})
    c = n_syn / (n_obs + n_syn)
    assert synthlab.pmse(observed, synthetic, method="cart", n_permutations=5, seed=0).pmse == pytest.approx(c * (1 - c))
    # the logistic fit diverges towards p = 0 / 1 on separable data
    assert synthlab.pmse(observed, synthetic).pmse == pytest.approx(c * (1 - c), rel=1e-3)
    if n_obs == n_syn:
        assert c * (1 - c) == 0.25


def test_null_expectation_counts_parameters():
    rng = np.random.default_rng(5)
    make = lambda n: pd.DataFrame({"x": rng.normal(size=n), "y": rng.normal(size=n),  # noqa: E731
                                   "g": pd.Categorical(rng.choice(["a", "b", "c"], n))})
    observed, synthetic = make(200), make(300)
    result = synthlab.pmse(observed, synthetic)
    k, c, n = 1 + 2 + 2, 300 / 500, 500          # intercept, x, y, two dummies of g
    assert result.k == k and result.c == c
    assert result.expected == pytest.approx((k - 1) * (1 - c) ** 2 * c / n)
    assert result.s_pmse == pytest.approx(result.pmse / result.expected)


def test_logit_propensities_equal_statsmodels_glm(boys):
    syn = noisy(boys, 0.3, seed=2)
    result = synthlab.pmse(boys, syn)
    stacked = pd.concat([boys, syn], ignore_index=True)
    y = np.r_[np.zeros(len(boys)), np.ones(len(syn))]
    x = sm.add_constant(synthlab.evaluation.utility.propensity_design(stacked))
    glm = sm.GLM(y, x, family=sm.families.Binomial()).fit()
    np.testing.assert_allclose(result.propensities, glm.fittedvalues, atol=1e-8)
    assert result.k == 1 + 6 + 4 + 5 + 4


def test_s_pmse_is_about_one_for_a_correct_synthesis_model():
    # Snoke et al.'s expectation (k - 1)(1 - c)^2 c / N holds when the synthetic rows are drawn
    # from a correct model fitted to the observed rows (here: the fitted normal). Two
    # independent samples differ more: their mean pMSE is (k - 1) c (1 - c) / N, so S_pMSE
    # averages 1 / (1 - c) = 2 for equal sizes.
    rng = np.random.default_rng(9)
    fitted, independent = [], []
    for _ in range(100):
        observed = pd.DataFrame(rng.normal(size=(300, 3)), columns=list("abc"))
        draw = rng.multivariate_normal(observed.mean(), observed.cov(), size=300)
        fitted.append(synthlab.pmse(observed, pd.DataFrame(draw, columns=list("abc"))).s_pmse)
        other = pd.DataFrame(rng.normal(size=(300, 3)), columns=list("abc"))
        independent.append(synthlab.pmse(observed, other).s_pmse)
    assert np.mean(fitted) == pytest.approx(1.0, rel=0.2)
    assert np.mean(independent) == pytest.approx(2.0, rel=0.2)


def test_pmse_cart_is_reproducible_and_bad_model_rejected(boys):
    syn = noisy(boys, 0.2, seed=1)
    a = synthlab.pmse(boys, syn, method="cart", n_permutations=5, seed=3)
    b = synthlab.pmse(boys, syn, method="cart", n_permutations=5, seed=3)
    assert a.s_pmse == b.s_pmse and a.expected > 0
    with pytest.raises(ValueError, match="method"):
        synthlab.pmse(boys, syn, method="forest")
    with pytest.raises(ValueError, match="synthetic lacks"):
        synthlab.pmse(boys, syn.drop(columns="reg"))


# ------------------------------------------------------------------ fit for purpose


def test_compare_table_by_hand():
    obs = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "g": pd.Categorical(["a", "b", "b", "b"])})
    syn = pd.DataFrame({"x": [0.0, 2.0, 2.0, 8.0], "g": pd.Categorical(["a", "a", "b", "b"])})
    table = synthlab.compare(obs, syn).set_index(["variable", "statistic"])
    assert table.loc[("x", "mean"), "observed"] == 2.5
    assert table.loc[("x", "mean"), "synthetic"] == 3.0
    assert table.loc[("x", "min"), "synthetic"] == 0.0
    assert table.loc[("x", "max"), "difference"] == 4.0
    assert table.loc[("x", "sd"), "observed"] == pytest.approx(np.std([1, 2, 3, 4], ddof=1))
    assert table.loc[("g", "% a"), "observed"] == 25.0
    assert table.loc[("g", "% a"), "synthetic"] == 50.0
    assert list(table.index.get_level_values("statistic")[:7]) == ["mean", "sd", "min", "q25", "median", "q75", "max"]


def test_compare_can_draw_and_does_not_mutate(boys):
    before = boys.copy()
    synthlab.compare(boys, noisy(boys, 0.1, 0), plot=True)
    assert len(plt.gcf().axes) >= 9
    plt.close("all")
    pd.testing.assert_frame_equal(boys, before)


def test_check_constraints_counts(boys):
    syn = boys.copy()
    syn.loc[:2, "wgt"] = -1.0                         # 3 negative weights (bmi relation broken too)
    syn.loc[5, "hgt"] = 250.0                         # too tall, and bmi no longer fits
    syn["reg"] = syn["reg"].cat.add_categories("mars")
    syn.loc[7, "reg"] = "mars"
    out = synthlab.check_constraints(syn, observed=boys, passive={"bmi": "wgt / (hgt / 100) ** 2"}).set_index(["check", "variable"])
    assert out.loc[("negative", "wgt"), "violations"] == 3
    assert out.loc[("passive", "bmi"), "violations"] == 4
    assert out.loc[("level", "reg"), "violations"] == 1
    assert out.loc[("range", "hgt"), "violations"] == 1
    assert out.loc[("range", "wgt"), "violations"] == 3
    # the observed data itself satisfies its own constraints (bmi is stored to 2 decimals)
    own = synthlab.check_constraints(boys, observed=boys, passive={"bmi": "wgt / (hgt / 100) ** 2"})
    assert own["violations"].sum() == 0


# ------------------------------------------------------------------ outcome-specific


def test_identical_data_give_cio_one_and_std_diff_zero(boys):
    out = synthlab.compare_fit("hc ~ age + I(age**2) + hgt + wgt + reg", boys, boys.copy())
    assert {"observed", "synthetic", "std_diff", "ci_overlap"} <= set(out.columns)
    assert "I(age ** 2)" in out.index and "reg[T.city]" in out.index and len(out) == 9
    np.testing.assert_allclose(out["ci_overlap"], 1.0)
    np.testing.assert_allclose(out["std_diff"], 0.0, atol=1e-10)
    assert out.attrs["lack_of_fit"] == pytest.approx(0.0, abs=1e-12)
    assert out.attrs["lack_of_fit_p"] == pytest.approx(1.0)


def test_shifted_intercept_gives_hand_computed_cio_and_std_diff():
    rng = np.random.default_rng(0)
    obs = pd.DataFrame({"x": rng.normal(size=100)})
    obs["y"] = 1 + 2 * obs["x"] + rng.normal(size=100)
    fit = sm.OLS(obs["y"], sm.add_constant(obs["x"])).fit()
    se = fit.bse["const"]
    for delta in [0.5 * Z95 * se, 3 * 2 * Z95 * se]:     # overlapping, then disjoint intervals
        syn = obs.assign(y=obs["y"] + delta)
        out = synthlab.compare_fit("y ~ x", obs, syn)
        # same width w = 2 z se on both sides: overlap (w - delta) / w on both terms of the mean
        assert out.loc["Intercept", "ci_overlap"] == pytest.approx(1 - delta / (2 * Z95 * se))
        assert out.loc["Intercept", "std_diff"] == pytest.approx(delta / se)
        assert out.loc["x", "ci_overlap"] == pytest.approx(1.0)
        # lack of fit d' V^-1 d with V the observed covariance (m = 1, k = n)
        d = np.array([delta, 0.0])
        assert out.attrs["lack_of_fit"] == pytest.approx(d @ np.linalg.inv(fit.cov_params().to_numpy()) @ d)
    assert out.loc["Intercept", "ci_overlap"] == pytest.approx(-2.0)


def test_ci_overlap_disjoint_by_hand():
    # observed [0, 2], synthetic [3, 4]: overlap length 2 - 3 = -1 -> (-1/2 + -1/1) / 2
    assert synthlab.ci_overlap(0.0, 2.0, 3.0, 4.0) == pytest.approx(-0.75)
    assert synthlab.ci_overlap(0.0, 1.0, 2.0, 3.0) == pytest.approx(-1.0)
    assert synthlab.ci_overlap(0.0, 2.0, 0.0, 2.0) == pytest.approx(1.0)


def test_several_synthetic_sets_are_averaged(boys):
    formula = "hc ~ age + hgt + wgt + reg"
    sets = [noisy(boys, 0.2, seed=s) for s in range(3)]
    out = synthlab.compare_fit(formula, boys, sets)
    singles = [synthlab.compare_fit(formula, boys, s)["synthetic"] for s in sets]
    np.testing.assert_allclose(out["synthetic"], np.mean(singles, axis=0))
    np.testing.assert_allclose(out["se_synthetic"], out["se_observed"])
    assert out.attrs["m"] == 3 and "synthpop default" in out.attrs["rule"]
    pop = synthlab.compare_fit(formula, boys, sets, population_inference=True)
    vbar = np.mean([synthlab.compare_fit(formula, s, s)["se_observed"] ** 2 for s in sets], axis=0)
    np.testing.assert_allclose(pop["se_synthetic"], np.sqrt(vbar * (1 + 1 / 3)))
    assert "Raab" in pop.attrs["rule"]


def test_compare_fit_rejects_mismatched_levels(boys):
    syn = boys[boys["reg"] != "city"].copy()
    syn["reg"] = syn["reg"].cat.remove_unused_categories()
    with pytest.raises(ValueError, match="levels"):
        synthlab.compare_fit("hc ~ age + reg", boys, syn)


# ------------------------------------------------------------------ plots (they draw without error)


def test_plot_helpers_return_figures(boys):
    syn = noisy(boys, 0.2, seed=0)
    fit = synthlab.ulsif(boys[["age", "hgt", "reg"]], syn[["age", "hgt", "reg"]], seed=1, n_centers=50)
    figures = [
        synthlab.plot_marginals(boys, {"a": syn, "b": boys}, columns=["age", "gen"]),
        synthlab.plot_pairs(boys, syn, columns=["age", "hgt", "wgt"]),
        synthlab.plot_ratio_distribution(fit),
        synthlab.plot_ratio_scatter(fit, syn, [("age", "hgt")]),
        synthlab.plot_fit_comparison({"a": synthlab.compare_fit("hc ~ age + reg", boys, syn)}),
    ]
    assert all(isinstance(f, matplotlib.figure.Figure) for f in figures)
    assert figures[0].axes[0].get_xlabel() == "age (years)"
    plt.close("all")
