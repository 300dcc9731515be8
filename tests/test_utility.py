"""Utility measures: pMSE, compare, constraint checks, compare_fit; known answers by hand."""
from pathlib import Path

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
    assert synthlab.pmse(observed, synthetic, method="logit").pmse == pytest.approx(c * (1 - c), rel=1e-3)
    if n_obs == n_syn:
        assert c * (1 - c) == 0.25


def test_null_expectation_counts_parameters():
    rng = np.random.default_rng(5)
    make = lambda n: pd.DataFrame({"x": rng.normal(size=n), "y": rng.normal(size=n),  # noqa: E731
                                   "g": pd.Categorical(rng.choice(["a", "b", "c"], n))})
    observed, synthetic = make(200), make(300)
    c, n = 300 / 500, 500
    main = synthlab.pmse(observed, synthetic, method="logit", maxorder=0)
    two_way = synthlab.pmse(observed, synthetic, method="logit")
    # intercept, x, y, two dummies of g; then x:y, x:g (2), y:g (2)
    for result, k in [(main, 1 + 2 + 2), (two_way, 1 + 2 + 2 + 1 + 2 + 2)]:
        assert result.k == k and result.c == c
        assert result.expected == pytest.approx((k - 1) * (1 - c) ** 2 * c / n)
        assert result.s_pmse == pytest.approx(result.pmse / result.expected)


def test_logit_propensities_equal_statsmodels_glm(boys):
    syn = noisy(boys, 0.3, seed=2)
    result = synthlab.pmse(boys, syn, method="logit", maxorder=0)
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
        fitted.append(synthlab.pmse(observed, pd.DataFrame(draw, columns=list("abc")), method="logit", maxorder=0).s_pmse)
        other = pd.DataFrame(rng.normal(size=(300, 3)), columns=list("abc"))
        independent.append(synthlab.pmse(observed, other, method="logit", maxorder=0).s_pmse)
    assert np.mean(fitted) == pytest.approx(1.0, rel=0.2)
    assert np.mean(independent) == pytest.approx(2.0, rel=0.2)


def test_pmse_cart_is_reproducible_and_bad_model_rejected(boys):
    syn = noisy(boys, 0.2, seed=1)
    a = synthlab.pmse(boys, syn, method="cart", n_permutations=5, seed=3)
    b = synthlab.pmse(boys, syn, method="cart", n_permutations=5, seed=3)
    assert a.s_pmse == b.s_pmse and a.expected > 0
    with pytest.raises(ValueError, match="method"):
        synthlab.pmse(boys, syn, method="forest")
    with pytest.raises(KeyError, match="synthetic lacks"):
        synthlab.pmse(boys, syn.drop(columns="reg"))
    with pytest.raises(ValueError, match="synthetic has no rows"):
        synthlab.pmse(boys, syn.iloc[:0])
    with pytest.raises(ValueError, match="maxorder"):
        synthlab.pmse(boys, syn, method="logit", maxorder=2)
    with pytest.raises(ValueError, match="n_permutations"):
        synthlab.pmse(boys, syn, n_permutations=0)
    with pytest.raises(TypeError, match="observed"):
        synthlab.pmse(boys.to_numpy(), syn)


def permuted_columns(frame, seed):
    """Every column shuffled on its own: the same marginals, no associations left."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({col: frame[col].to_numpy()[rng.permutation(len(frame))] for col in frame.columns})


def test_destroyed_associations_are_caught_by_interactions_not_main_effects_nor_rparts_greedy_tree(boys):
    shuffled = permuted_columns(boys, seed=1)
    main = synthlab.pmse(boys, shuffled, method="logit", maxorder=0)
    assert main.pmse == pytest.approx(0.0, abs=1e-10) and main.p_value == pytest.approx(1.0)
    two_way = synthlab.pmse(boys, shuffled, method="logit")
    assert two_way.s_pmse > 5 and two_way.p_value < 1e-6
    # identical marginals: every first split has the same shares of both sets, so rpart (and R's
    # utility.gen, checked by hand: pMSE 0, S_pMSE 0 on boys with tv shuffled) stops at the root
    cart = synthlab.pmse(boys, shuffled, n_permutations=10, seed=1)
    assert cart.method == "cart" and cart.pmse == 0.0 and cart.s_pmse == 0.0 and cart.p_value == 1.0


def test_interaction_logit_counts_parameters_as_r_formula(boys):
    import patsy
    syn = noisy(boys, 0.3, seed=2)
    result = synthlab.pmse(boys, syn, method="logit")
    stacked = pd.concat([boys, syn], ignore_index=True)
    design = patsy.dmatrix("(" + " + ".join(boys.columns) + ") ** 2", stacked)
    assert result.k == np.linalg.matrix_rank(np.asarray(design))
    assert result.k > 100


def test_cart_null_is_half_the_mean_permutation_pmse(boys):
    from synthlab.evaluation.propensity_tree import grow_propensity_tree
    from synthlab.evaluation.utility import propensity_columns
    syn = noisy(boys, 0.3, seed=4)
    result = synthlab.pmse(boys, syn, n_permutations=6, seed=11)
    columns, unordered, _ = propensity_columns(pd.concat([boys, syn], ignore_index=True))
    y = np.r_[np.zeros(len(boys)), np.ones(len(syn))].astype(int)
    rng = np.random.default_rng(11)
    null = [np.mean((grow_propensity_tree(columns, unordered, rng.permutation(y)).probabilities - 0.5) ** 2)
            for _ in range(6)]
    assert result.expected == pytest.approx(np.mean(null) / 2)
    assert result.s_pmse == pytest.approx(result.pmse / (np.mean(null) / 2))


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
    # synthpop: observed variance times 1 + n / (k m), here n = k = 748, m = 3
    np.testing.assert_allclose(pop["se_synthetic"], out["se_observed"] * np.sqrt(1 + 1 / 3))
    half = synthlab.compare_fit(formula, boys, sets[0].iloc[:374], population_inference=True)
    np.testing.assert_allclose(half["se_synthetic"], half["se_observed"] * np.sqrt(1 + 748 / 374))
    assert "Raab" in pop.attrs["rule"] and "1 + n/(k m)" in pop.attrs["rule"]


def test_compare_fit_uses_complete_cases_and_names_unknown_columns():
    rng = np.random.default_rng(1)
    obs = pd.DataFrame({"x": rng.normal(size=60)})
    obs["y"] = 1 + obs["x"] + rng.normal(size=60)
    gappy = obs.copy()
    gappy.loc[:9, "y"] = np.nan
    out = synthlab.compare_fit("y ~ x", obs, gappy)
    complete = synthlab.compare_fit("y ~ x", obs, gappy.dropna())
    pd.testing.assert_frame_equal(out, complete)   # the fits use complete cases ...
    # ... but n and k count all rows, as synthpop's (lack of fit scales with n / k)
    assert out.attrs["lack_of_fit"] == pytest.approx(complete.attrs["lack_of_fit"] * 60 / 50)
    pop = synthlab.compare_fit("y ~ x", obs, gappy, population_inference=True)
    np.testing.assert_allclose(pop["se_synthetic"], pop["se_observed"] * np.sqrt(1 + 60 / 60))
    with pytest.raises(KeyError, match="weight"):
        synthlab.compare_fit("y ~ x + np.log(weight)", obs, obs)
    with pytest.raises(ValueError, match="formula"):
        synthlab.compare_fit("y + x", obs, obs)


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


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("scale", [1, 1000])
def test_plot_grids_leave_room_for_their_labels(boys, scale):
    """The grids have a fixed layout (no layout engine): tick labels of thousands (incomes)
    must still not run into the next panel, nor out of the figure; only ticks in view exist."""
    def thousands(frame):
        return frame[["age", "hgt", "wgt"]].assign(wgt=lambda f: -scale * f["wgt"])

    observed, syn = thousands(boys), thousands(noisy(boys, 0.2, seed=0))
    fit = synthlab.ulsif(observed, syn, seed=1, n_centers=50)
    figures = [synthlab.plot_ratio_scatter(fit, syn, [("age", "wgt"), ("hgt", "wgt"), ("age", "hgt")]),
               synthlab.plot_pairs(observed, syn), synthlab.plot_marginals(observed, syn)]
    for fig in figures:
        assert fig.get_layout_engine() is None
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None]  # not the colour bar
        for ax in panels:
            labels = ax.yaxis.get_tightbbox(renderer)  # None: no y tick labels, no y label
            assert labels is None or labels.x0 >= 0, (ax.get_ylabel(), labels)
            assert labels is None or not any(_overlaps(labels, other.get_window_extent(renderer))
                                             for other in panels if other is not ax), ax.get_ylabel()
            low, high = sorted(ax.get_ylim())
            assert all(low <= t <= high for t in ax.get_yticks()), ax.get_yticks()
    plt.close("all")


# ------------------------------------------------------------------ synthesis results and missing values


@pytest.fixture(scope="module")
def result_m2(boys):
    return synthlab.syn(boys[["age", "hgt", "reg"]], m=2, seed=3)


def test_measures_take_a_synthesis_result_or_a_list(boys, result_m2):
    observed = boys[["age", "hgt", "reg"]]
    one = synthlab.syn(observed, seed=3)
    assert synthlab.pmse(observed, one, seed=1).pmse == synthlab.pmse(observed, one.data, seed=1).pmse
    per_set = synthlab.pmse(observed, result_m2, method="logit")
    assert isinstance(per_set, list) and len(per_set) == 2
    assert per_set[1].pmse == synthlab.pmse(observed, result_m2.data[1], method="logit").pmse
    pooled = pd.concat(result_m2.data, ignore_index=True)
    pd.testing.assert_frame_equal(synthlab.compare(observed, result_m2), synthlab.compare(observed, pooled))
    pd.testing.assert_frame_equal(synthlab.check_constraints(result_m2, observed=observed),
                                  synthlab.check_constraints(pooled, observed=observed))
    fit_list = synthlab.compare_fit("hgt ~ age + reg", observed, result_m2.data)
    pd.testing.assert_frame_equal(synthlab.compare_fit("hgt ~ age + reg", observed, result_m2), fit_list)
    assert fit_list.attrs["m"] == 2
    with pytest.raises(TypeError, match=r"synthetic\[1\]"):
        synthlab.compare(observed, [one.data, "not a frame"])


def test_compare_counts_missing_shares():
    obs = pd.DataFrame({"x": [1.0, np.nan, 3.0, np.nan], "g": ["a", None, "b", "b"]})
    syn = pd.DataFrame({"x": [2.0, 4.0, np.nan, 6.0], "g": ["a", "a", "b", "b"]})
    table = synthlab.compare(obs, syn).set_index(["variable", "statistic"])
    assert table.loc[("x", "mean"), "observed"] == 2.0 and table.loc[("x", "mean"), "synthetic"] == 4.0
    assert table.loc[("x", "% missing"), "observed"] == 50.0 and table.loc[("x", "% missing"), "synthetic"] == 25.0
    assert table.loc[("g", "% b"), "observed"] == 50.0          # shares of all rows, missing included
    assert table.loc[("g", "% missing"), "observed"] == 25.0 and table.loc[("g", "% missing"), "synthetic"] == 0.0
    assert "% missing" not in synthlab.compare(syn[["g"]], syn[["g"]])["statistic"].tolist()


def test_check_constraints_skips_missing_values():
    obs = pd.DataFrame({"w": [1.0, 5.0], "g": ["a", "b"]})
    syn = pd.DataFrame({"w": [np.nan, -1.0, 9.0], "g": [None, "c", "a"]})
    out = synthlab.check_constraints(syn, observed=obs).set_index(["check", "variable"])["violations"]
    assert out[("negative", "w")] == 1 and out[("range", "w")] == 2 and out[("level", "g")] == 1
    with pytest.raises(ValueError, match="tolerance"):
        synthlab.check_constraints(syn, tolerance=-1)
    with pytest.raises(KeyError, match="synthetic lacks column.* v"):
        synthlab.check_constraints(syn, non_negative=["v"])


def test_pmse_codes_missing_as_value_zero_plus_indicator():
    from synthlab.evaluation.utility import propensity_design
    frame = pd.DataFrame({"x": [2.0, np.nan, 4.0], "g": ["a", None, "b"]})
    np.testing.assert_array_equal(propensity_design(frame), [[2, 0, 0, 0], [0, 1, 0, 1], [4, 0, 1, 0]])
    # observed: x missing in half its 40 rows; synthetic: 40 rows of x = 1 or 2, never missing.
    # Missing rows are all observed (propensity 0); the 60 rows with x = 1 or 2 are 2/3
    # synthetic whatever x is. pMSE = (20 (1/2)^2 + 60 (1/6)^2) / 80 = 1/12.
    obs = pd.DataFrame({"x": [1.0, 2.0, np.nan, np.nan] * 10})
    syn = pd.DataFrame({"x": [1.0, 2.0, 1.0, 2.0] * 10})
    fitted = synthlab.pmse(obs, syn, method="logit", maxorder=0)
    np.testing.assert_allclose(np.unique(fitted.propensities.round(6)), [0.0, 0.666667])
    assert fitted.pmse == pytest.approx(1 / 12, rel=1e-4)
    assert synthlab.pmse(obs, syn, n_permutations=3, seed=0).pmse == pytest.approx(1 / 12)


def test_plots_take_results_and_missing_values(boys, result_m2):
    observed = boys[["age", "hgt", "reg"]].copy()
    observed.loc[:49, "hgt"] = np.nan
    observed["reg"] = observed["reg"].astype(object)
    observed.loc[50:59, "reg"] = None
    fig = synthlab.plot_marginals(observed, result_m2)
    heights = [p.get_height() for p in fig.axes[2].patches]
    # bars: observed then synthetic, one per level plus "missing"; the observed missing bar = 10/748
    assert len(heights) == 2 * 6 and heights[5] == pytest.approx(100 * 10 / 748)
    fig = synthlab.plot_marginals(observed, {"m = 2": result_m2, "list": result_m2.data})
    assert len(fig.axes[0].patches) > 0
    synthlab.plot_pairs(observed, result_m2, columns=["age", "hgt"])
    fit = synthlab.ulsif(observed, result_m2.data[0], seed=1, n_centers=50)
    synthlab.plot_ratio_scatter(fit, result_m2.data[0], [("age", "hgt")])
    plt.close("all")


def r_pmse_pairs():
    """The data of tests/r/pmse_reference.R: boys vs a noisy copy, and both with gaps."""
    boys = synthlab.load_boys()
    syn = noisy(boys, 0.3, seed=2)
    gappy_obs, gappy_syn = boys.copy(), syn.copy()
    rng = np.random.default_rng(7)
    for frame in (gappy_obs, gappy_syn):
        frame.loc[rng.choice(len(frame), 60, replace=False), "hgt"] = np.nan
        frame.loc[rng.choice(len(frame), 40, replace=False), "reg"] = np.nan
    return {"noisy": (boys, syn), "gappy": (gappy_obs, gappy_syn)}


def test_logit_pmse_matches_r():
    # Numbers printed by tests/r/pmse_reference.R: synthpop's utility.gen logit branch in R.
    lines = (Path(__file__).parent / "r" / "pmse_reference.txt").read_text().split("\n")
    pairs = r_pmse_pairs()
    for line in filter(None, map(str.split, lines)):
        if line[1] == "cart":
            continue
        pair, maxorder, r_pmse, r_k, r_s_pmse = line[0], int(line[1]), *map(float, line[2:])
        result = synthlab.pmse(*pairs[pair], method="logit", maxorder=maxorder)
        assert result.k == r_k, (pair, maxorder)
        assert result.pmse == pytest.approx(r_pmse, rel=1e-5), (pair, maxorder)
        assert result.s_pmse == pytest.approx(r_s_pmse, rel=1e-5), (pair, maxorder)


def test_cart_pmse_equals_rpart_on_the_noisy_pair():
    # R's rpart tree and permutation null (tests/r/pmse_reference.R, last line): the tree is
    # rpart's, so pMSE is equal; the null is random (R's and numpy's generators differ).
    line = (Path(__file__).parent / "r" / "pmse_reference.txt").read_text().strip().split("\n")[-1].split()
    assert line[:2] == ["noisy", "cart"]
    result = synthlab.pmse(*r_pmse_pairs()["noisy"], seed=1)
    assert result.pmse == pytest.approx(float(line[2]), rel=1e-6)
    assert result.s_pmse == pytest.approx(float(line[4]), rel=0.10)


def r_fit_sets():
    """The data of tests/r/fit_reference.R: boys and three groups of noisy copies, three sets of
    748 rows, two of 500 (k != n) and ten in which hc is kept (partially synthetic), for
    compare.fit with m > 1."""
    boys = synthlab.load_boys()
    full = [noisy(boys, 0.05, seed=seed) for seed in (11, 12, 13)]
    rng = np.random.default_rng(5)
    fewer = [noisy(boys, 0.04, seed=seed).iloc[np.sort(rng.choice(748, 500, replace=False))].reset_index(drop=True)
             for seed in (21, 22)]
    partial = []
    for seed in range(31, 41):  # ten partially synthetic sets: hc kept as observed
        frame = noisy(boys, 0.05, seed=seed)
        frame["hc"] = boys["hc"]
        partial.append(frame)
    return boys, {"full": full, "fewer": fewer, "partial": partial}


def test_compare_fit_combines_m_sets_as_synthpop():
    # Numbers printed by tests/r/fit_reference.R: synthpop 1.9-3's compare.fit.synds on an lm.synds
    # fit whose m synthetic sets are these, population.inference FALSE and TRUE.
    boys, groups = r_fit_sets()
    formula = "hc ~ age + hgt + wgt + reg"
    lines = (Path(__file__).parent / "r" / "fit_reference.txt").read_text().split("\n")
    terms = {"(Intercept)": "Intercept", "regeast": "reg[T.east]", "regwest": "reg[T.west]",
             "regsouth": "reg[T.south]", "regcity": "reg[T.city]"}
    seen = 0
    for line in filter(None, map(str.split, lines)):
        group, population, what = line[0], line[1] == "TRUE", line[2]
        out = synthlab.compare_fit(formula, boys, groups[group], population_inference=population,
                                   incomplete=group == "partial")
        if what == "lof":
            assert out.attrs["lack_of_fit"] == pytest.approx(float(line[3]), rel=1e-6), line
            assert out.attrs["lack_of_fit_p"] == pytest.approx(float(line[4]), rel=1e-5, abs=1e-12), line
        else:
            row = out.loc[terms.get(what, what)]
            beta, se, overlap = map(float, line[3:6])
            assert row["synthetic"] == pytest.approx(beta, rel=1e-7), line
            assert row["se_synthetic"] == pytest.approx(se, rel=1e-7), line
            assert row["ci_overlap"] == pytest.approx(overlap, rel=1e-6), line
        seen += 1
    assert seen == 3 * 2 * 9  # three groups, both kinds of inference, 8 coefficients and the lack of fit


def test_compare_fit_incomplete_with_few_sets(boys):
    formula = "hc ~ age + hgt + wgt + reg"
    _, groups = r_fit_sets()
    two = groups["partial"][:2]
    out = synthlab.compare_fit(formula, boys, two, population_inference=True, incomplete=True)
    assert np.isnan(out.attrs["lack_of_fit"]) and np.isnan(out.attrs["lack_of_fit_p"])  # m = 2 < 8 coefficients
    coefficients = np.array([synthlab.compare_fit(formula, boys, s)["synthetic"] for s in two])
    between = coefficients.var(axis=0, ddof=1)
    np.testing.assert_allclose(out["se_synthetic"], np.sqrt(between / 2 + out["se_observed"] ** 2))
    with pytest.warns(UserWarning, match="m > 1"):
        one = synthlab.compare_fit(formula, boys, two[0], population_inference=True, incomplete=True)
    complete = synthlab.compare_fit(formula, boys, two[0], population_inference=True)
    np.testing.assert_allclose(one["se_synthetic"], complete["se_synthetic"])


# ------------------------------------------------------------------ R synthpop's own numbers
# tests/r/cart_utility_reference.R made synthetic sets with R's syn and scored them with R's
# utility.gen (CART); tests/r/utility_tables_reference.R ran utility.tables and compare(stat =
# "counts") on them. Files in tests/r/cart_utility/.

R_DIR = Path(__file__).parent / "r" / "cart_utility"
R_REFERENCE = pd.read_csv(R_DIR / "reference.csv")
SD_CODES = {"income": [-8]}


def r_observed(name):
    if name == "boys":
        return synthlab.load_boys()
    if name == "sd2011":
        return synthlab.load_sd2011(columns=synthlab.data.SD2011_VARIABLES_15)
    frame = pd.read_csv(R_DIR / f"{name}_obs.csv")
    if name == "iris":
        frame["Species"] = pd.Categorical(frame["Species"])
    return frame


def r_synthetic(name, seed, like):
    """R's synthetic set, with the observed data's column types and category levels."""
    frame = pd.read_csv(R_DIR / f"{name}_syn_{seed}.csv", dtype=str, na_values=["NA"], keep_default_na=False)
    for column in like.columns:
        if isinstance(like[column].dtype, pd.CategoricalDtype):
            frame[column] = pd.Categorical(frame[column], categories=like[column].cat.categories,
                                           ordered=like[column].cat.ordered)
        else:
            frame[column] = frame[column].astype(float)
    return frame[list(like.columns)]


def r_codes(name):
    return SD_CODES if name == "sd2011" else None


@pytest.mark.parametrize("name,seed", list(R_REFERENCE[["data", "seed"]].itertuples(index=False)))
def test_cart_pmse_and_tree_equal_utility_gens(name, seed):
    from synthlab.evaluation.propensity_tree import grow_propensity_tree
    from synthlab.evaluation.utility import propensity_columns
    reference = R_REFERENCE[(R_REFERENCE["data"] == name) & (R_REFERENCE["seed"] == seed)].iloc[0]
    observed = r_observed(name)
    synthetic = r_synthetic(name, seed, observed)
    result = synthlab.pmse(observed, synthetic, cont_na=r_codes(name), n_permutations=1, seed=1)
    assert result.pmse == pytest.approx(reference["pmse"], rel=1e-6)
    assert result.pmse > 0                                 # never "perfect" on a real synthesis
    columns, unordered, _ = propensity_columns(pd.concat([observed, synthetic], ignore_index=True),
                                               synthlab.evaluation.utility.measure_cont_na(observed, None, r_codes(name)))
    y = np.r_[np.zeros(len(observed)), np.ones(len(synthetic))].astype(int)
    assert grow_propensity_tree(columns, unordered, y).n_leaves == reference["leaves"]


@pytest.mark.parametrize("name", ["mtcars", "iris", "boys"])
def test_cart_permutation_null_is_within_rs_spread(name):
    reference = R_REFERENCE[R_REFERENCE["data"] == name].iloc[0]
    r_null = reference[["null_1", "null_2", "null_3"]].to_numpy(dtype=float)
    observed = r_observed(name)
    synthetic = r_synthetic(name, reference["seed"], observed)
    ours = np.array([synthlab.pmse(observed, synthetic, seed=seed).expected for seed in (1, 2, 3)])
    spread = max(r_null.std(ddof=1), ours.std(ddof=1))
    assert abs(ours.mean() - r_null.mean()) < 3 * spread + 1e-12, (ours, r_null)
    # S_pMSE follows: within R's S_pMSE by the same margin
    assert reference["pmse"] / ours.mean() == pytest.approx(reference["s_pmse"], rel=6 * spread / r_null.mean())


def test_sd2011_codes_and_missing_values_become_indicators_in_rs_order():
    # utility.gen appends, numeric variable by numeric variable, <name>_NA and then
    # <name>_cna_<j>, the value set to 0 where missing or coded
    from synthlab.evaluation.utility import propensity_columns
    observed = r_observed("sd2011")
    columns, unordered, names = propensity_columns(observed, {"income": [-8.0]})
    assert names[15:] == ["income_NA", "income_cna_1", "depress_NA", "height_NA", "weight_NA", "bmi_NA"]
    income = columns[names.index("income")]
    assert (income[observed["income"].isna() | (observed["income"] == -8)] == 0).all()
    assert columns[names.index("income_cna_1")].sum() == 603 and columns[names.index("income_NA")].sum() == 683
    assert unordered[:4] == [True, False, True, True] and not any(unordered[15:])


# ------------------------------------------------------------------ cont_na in the measures

def coded_pair(seed=0, n=300):
    rng = np.random.default_rng(seed)
    def frame(shift):
        x = rng.normal(10 + shift, 2, n).round(1)
        x[rng.random(n) < 0.2] = -8
        x[rng.random(n) < 0.1] = np.nan
        return pd.DataFrame({"x": x, "z": x * 0.5 + rng.normal(0, 1, n),
                             "g": pd.Categorical(rng.choice(["a", "b", "c"], n))})
    return frame(0.0), frame(0.5)


def recoded_by_hand(frame):
    """R's utility.gen: NA -> 0 plus x_NA, then the code -8 -> 0 plus x_cna_1, both at the end."""
    out = frame.copy()
    out["x_NA"] = out["x"].isna().astype(float)
    out["x"] = out["x"].fillna(0.0)
    out["x_cna_1"] = (out["x"] == -8).astype(float)
    out.loc[out["x"] == -8, "x"] = 0.0
    return out


@pytest.mark.parametrize("method", ["logit", "cart"])
def test_cont_na_equals_recoding_by_hand_as_r_does(method):
    observed, synthetic = coded_pair()
    coded = synthlab.pmse(observed, synthetic, method, cont_na={"x": [-8]}, n_permutations=2, seed=1)
    by_hand = synthlab.pmse(recoded_by_hand(observed), recoded_by_hand(synthetic), method, n_permutations=2, seed=1)
    plain = synthlab.pmse(observed, synthetic, method, n_permutations=2, seed=1)
    assert coded.pmse == pytest.approx(by_hand.pmse, rel=1e-9)
    assert coded.s_pmse == pytest.approx(by_hand.s_pmse, rel=1e-9)
    if method == "logit":   # a tree isolates a code below all values by itself; a linear term cannot
        assert coded.pmse != pytest.approx(plain.pmse, rel=1e-6)


def test_cont_na_is_read_from_a_synthesis_result_and_checked():
    observed, _ = coded_pair(seed=1)
    result = synthlab.syn(observed, cont_na={"x": [-8]}, seed=2)
    assert result.cont_na == {"x": [-8.0]}
    from_result = synthlab.pmse(observed, result, "logit")
    assert from_result.pmse == pytest.approx(synthlab.pmse(observed, result.data, "logit", cont_na={"x": -8}).pmse)
    assert from_result.pmse != pytest.approx(synthlab.pmse(observed, result.data, "logit").pmse, rel=1e-6)
    # an explicit argument wins over the result's codes
    assert synthlab.pmse(observed, result, "logit", cont_na={}).pmse == pytest.approx(
        synthlab.pmse(observed, result.data, "logit").pmse)
    with pytest.raises(ValueError, match="-9.*does not occur in observed\\['x'\\]"):
        synthlab.pmse(observed, result, "logit", cont_na={"x": [-9]})
    with pytest.raises(ValueError, match="'g' is not numeric"):
        synthlab.pmse(observed, result, "logit", cont_na={"g": ["a"]})
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.pmse(observed, result, "logit", cont_na={"nosuch": [-8]})
    with pytest.raises(ValueError, match="cp"):
        synthlab.pmse(observed, result, cp=-1)
    with pytest.raises(ValueError, match="minbucket"):
        synthlab.pmse(observed, result, minbucket=0)


# ------------------------------------------------------------------ compare(stat="counts")

def test_compare_counts_by_hand_and_as_the_mean_per_synthetic_set():
    obs = pd.DataFrame({"g": pd.Categorical(["a", "b", "b", None]), "x": [1.0, 2.0, None, 4.0]})
    syn_1 = pd.DataFrame({"g": pd.Categorical(["a", "a", "b", "b"]), "x": [1.0, None, None, 4.0]})
    syn_2 = pd.DataFrame({"g": pd.Categorical(["a", "a", "a", None]), "x": [1.0, 2.0, 3.0, 4.0]})
    table = synthlab.compare(obs, [syn_1, syn_2], stat="counts").set_index(["variable", "statistic"])
    assert table.loc[("g", "n a"), ["observed", "synthetic"]].tolist() == [1.0, 2.5]
    assert table.loc[("g", "n b"), ["observed", "synthetic"]].tolist() == [2.0, 1.0]
    assert table.loc[("g", "n missing"), ["observed", "synthetic"]].tolist() == [1.0, 0.5]
    assert table.loc[("x", "n missing"), ["observed", "synthetic"]].tolist() == [1.0, 1.0]
    assert table.loc[("x", "mean"), "observed"] == pytest.approx(7 / 3)     # numbers: summaries as before
    percents = synthlab.compare(obs, syn_1).set_index(["variable", "statistic"])
    assert percents.loc[("g", "% a"), "synthetic"] == 50.0
    with pytest.raises(ValueError, match="stat"):
        synthlab.compare(obs, syn_1, stat="proportions")


def test_compare_counts_equal_rs():
    reference = pd.read_csv(R_DIR / "counts_reference.csv", keep_default_na=False)
    observed = r_observed("sd2011")
    synthetic = r_synthetic("sd2011", 11, observed)
    table = synthlab.compare(observed, synthetic, stat="counts").set_index(["variable", "statistic"])
    for row in reference.itertuples(index=False):
        key = (row.variable, "n missing" if row.level == "NA" else f"n {row.level}")
        assert table.loc[key, "observed"] == row.observed, key
        assert table.loc[key, "synthetic"] == row.synthetic, key
    assert len(reference) == 33


# ------------------------------------------------------------------ utility_tables

def test_utility_tab_by_hand():
    # observed 2 x 2 cells (25, 25, 25, 25), synthetic (50, 0, 0, 50); c = 1/2
    obs = pd.DataFrame({"a": list("xxyy") * 25, "b": list("uvuv") * 25})
    syn = obs.assign(b=list("uuvv") * 25)
    vw = 2 * 25 ** 2 / 37.5 + 2 * 25 ** 2 / 12.5
    out = synthlab.utility_tab(obs, syn, ["a", "b"])
    assert out["df"] == 3 and out["S_pMSE"] == pytest.approx(vw / 3)
    assert out["pMSE"] == pytest.approx(vw * 0.5 * 0.25 / 200)
    assert synthlab.utility_tab(obs, syn, ["a"])["S_pMSE"] == 0.0      # one-way: a untouched


def test_utility_tables_group_numbers_at_quantiles_codes_apart():
    obs = pd.DataFrame({"x": np.r_[np.arange(1.0, 11.0), [-8.0] * 5, [np.nan] * 5], "g": list("ab") * 10})
    tables = synthlab.utility_tables(obs, obs.copy(), cont_na={"x": [-8]}, plot=False)
    # 5 quantile groups of 1..10, the code and NA: 7 groups x 2 levels = 14 cells, 13 df
    assert tables.tabs.loc["x:g", "df"] == 13 and tables.tabs.loc["x:g", "S_pMSE"] == 0.0
    merged = synthlab.utility_tables(obs, obs.copy(), plot=False)     # -8 an ordinary value
    assert merged.tabs.loc["x:g", "df"] < 13


@pytest.mark.parametrize("name", ["sd2011", "boys"])
@pytest.mark.parametrize("tables", ["twoway", "oneway"])
def test_utility_tables_equal_rs(name, tables):
    reference = pd.read_csv(R_DIR / "tables_reference.csv")
    reference = reference[reference["data"] == name]
    reference.index = reference["table"].str.replace(r"\d+\.", "", regex=True)
    observed = r_observed(name)
    result = synthlab.utility_tables(observed, r_synthetic(name, 11, observed), cont_na=r_codes(name),
                                     tables=tables, plot=False)
    joined = result.tabs.join(reference[["pMSE", "S_pMSE", "df"]].add_suffix("_R"), how="inner")
    n = len(observed.columns)
    assert len(joined) == len(result.tabs) == (n * (n - 1) // 2 if tables == "twoway" else n)
    np.testing.assert_allclose(joined["S_pMSE"], joined["S_pMSE_R"], rtol=1e-9)
    np.testing.assert_allclose(joined["pMSE"], joined["pMSE_R"], rtol=1e-9)
    assert (joined["df"] == joined["df_R"]).all()


def test_utility_tables_summaries_heat_map_and_bad_input(boys):
    syn = boys.assign(tv=np.random.default_rng(1).permutation(boys["tv"].to_numpy()))
    result = synthlab.utility_tables(boys, syn, vars=["age", "tv", "gen", "reg"])
    assert list(result.matrix.columns) == ["age", "gen", "tv", "reg"]    # in the data's order, as R
    assert result.worst.index[0] in ("age:tv", "tv:gen") and result.var_scores.index[0] == "tv"
    assert result.matrix.loc["age", "tv"] == result.matrix.loc["tv", "age"] == result.tabs.loc["age:tv", "S_pMSE"]
    assert result.tabs.loc["age:gen", "S_pMSE"] == 0.0       # untouched pair
    assert result.figure is not None and len(result.figure.axes) == 2
    with pytest.raises(ValueError, match="tables"):
        synthlab.utility_tables(boys, syn, tables="threeway")
    with pytest.raises(KeyError, match="nosuch"):
        synthlab.utility_tables(boys, syn, vars=["age", "nosuch"])
    with pytest.raises(KeyError, match="synthetic lacks"):
        synthlab.utility_tables(boys, syn.drop(columns="tv"), plot=False)


# ------------------------------------------------------------------ synthlab's CART synthesis against R's

@pytest.mark.parametrize("name,seeds,limit", [("sd2011", [11, 22], 1.2), ("boys", [11, 22, 33, 44, 55], 1.05)])
def test_default_cart_synthesis_keeps_as_much_as_rs(name, seeds, limit):
    # pMSE by the CART measure (equal to utility.gen's) of synthlab's default syn against the
    # mean over R's five synthetic sets of the same data; the null of S_pMSE is practically the
    # same for both (it depends on the data's size and columns), so pMSE's ratio is S_pMSE's.
    observed = r_observed(name)
    r_mean = R_REFERENCE.loc[R_REFERENCE["data"] == name, "pmse"].mean()
    ours = [synthlab.pmse(observed, synthlab.syn(observed, cont_na=r_codes(name), seed=seed),
                          n_permutations=1, seed=1).pmse for seed in seeds]
    assert np.mean(ours) / r_mean < limit, (ours, r_mean)
