"""Known-answer tests of the methods ported from synthpop: transformed norms, forests, satcat, catall."""
import numpy as np
import pandas as pd
import pytest

from synthlab import load_boys, syn
from synthlab.synthesis import METHODS, syn_bag, syn_catall, syn_norm, syn_rf, syn_satcat
from synthlab.synthesis.forests import draw_from_leaves
from synthlab.synthesis.transformed import syn_cubertnorm, syn_lognorm, syn_sqrtnorm


def _regression_data(seed=0, n=500):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"a": rng.uniform(1, 2, n)}), rng


@pytest.mark.parametrize("function, forward, back", [
    (syn_lognorm, np.log, np.exp),
    (syn_sqrtnorm, np.sqrt, np.square),
    (syn_cubertnorm, np.cbrt, lambda z: z ** 3),
])
def test_transformed_norm_is_norm_on_the_transformed_scale(function, forward, back):
    x, rng = _regression_data()
    y = pd.Series(np.round(back(1 + x["a"] + 0.2 * rng.normal(size=len(x))), 3), name="y")
    values, fit = function(y, x, x, np.random.default_rng(5))
    drawn, expected_fit = syn_norm(pd.Series(forward(y.to_numpy())), x, x, np.random.default_rng(5),
                                   round_draws=False)
    np.testing.assert_allclose(values, np.round(back(drawn), 3))
    assert fit["coefficients"] == pytest.approx(expected_fit["coefficients"])


def test_lognorm_recovers_a_log_linear_model():
    x, rng = _regression_data(1, 5000)
    y = pd.Series(np.exp(0.5 + 2.0 * x["a"] + 0.3 * rng.normal(size=len(x))))
    _, fit = syn_lognorm(y, x, x, rng)
    assert fit["coefficients"]["const"] == pytest.approx(0.5, abs=0.05)
    assert fit["coefficients"]["a"] == pytest.approx(2.0, abs=0.05)
    assert fit["sigma"] == pytest.approx(0.3, abs=0.02)


def test_lognorm_with_zeros_shifts_by_half_the_smallest_positive_value():
    x, rng = _regression_data(2)
    y = pd.Series(np.where(rng.random(len(x)) < 0.2, 0.0, np.round(rng.exponential(4, len(x)) + 0.5, 1)))
    values, fit = syn_lognorm(y, x, x, rng)
    assert fit["shift"] == 0.5 * y[y > 0].min()
    assert values.min() >= 0


def test_lognorm_and_sqrtnorm_refuse_negative_values():
    x = pd.DataFrame({"a": [1.0, 2.0, 3.0]})
    for function in (syn_lognorm, syn_sqrtnorm):
        with pytest.raises(ValueError, match="needs non-negative values; 'w' has 1 negative"):
            function(pd.Series([1.0, -2.0, 3.0], name="w"), x, x, np.random.default_rng(1))


def test_draw_from_leaves_pools_donors_over_trees():
    observed = np.array([[1, 1], [1, 1], [2, 1]])  # tree 0: rows 0, 1 share leaf 1; tree 1: all in leaf 1
    rows = draw_from_leaves(observed, np.tile([[1, 1]], (50_000, 1)), np.random.default_rng(3))
    # pooled donors [0, 1] + [0, 1, 2]: row 2 with probability 1/5, rows 0 and 1 with 2/5 each
    assert np.mean(rows == 2) == pytest.approx(0.2, abs=0.01)
    assert np.mean(rows == 0) == pytest.approx(0.4, abs=0.01)


@pytest.mark.parametrize("function", [syn_rf, syn_bag])
def test_forests_draw_observed_values_from_the_right_neighbourhood(function):
    x, rng = _regression_data(4, 400)
    y = pd.Series(np.where(x["a"] > 1.5, 20.0, 10.0) + rng.integers(0, 3, len(x)))
    new = pd.DataFrame({"a": np.r_[np.full(50, 1.1), np.full(50, 1.9)]})
    values, fit = function(y, x, new, rng)
    assert set(values[:50]) <= {10.0, 11.0, 12.0} and set(values[50:]) <= {20.0, 21.0, 22.0}
    assert fit["trees"] == 10


def test_rf_tries_a_third_of_the_features_and_bag_all_of_them():
    rng = np.random.default_rng(6)
    x = pd.DataFrame(rng.normal(size=(300, 6)), columns=list("abcdef"))
    y = pd.Series(x["a"] + rng.normal(size=300))
    assert syn_rf(y, x, x, rng)[1]["features_per_split"] == 2
    assert syn_bag(y, x, x, rng)[1]["features_per_split"] == 6
    categories = pd.Series(pd.Categorical(np.where(x["a"] > 0, "p", "n")))
    assert syn_rf(categories, x, x, rng)[1]["features_per_split"] == 2  # floor(sqrt(6))


def test_ranger_is_rf_and_forests_work_in_syn():
    assert METHODS["ranger"] is syn_rf
    boys = load_boys()
    result = syn(boys, method={"hgt": "rf", "wgt": "bag", "gen": "ranger"}, smoothing="spline", seed=2)
    assert result.smoothing["hgt"] == "spline" and result.smoothing["wgt"] == "spline"
    assert list(result.data["gen"].cat.categories) == list(boys["gen"].cat.categories)


def test_satcat_draws_within_the_combination_and_refuses_unseen_ones():
    x = pd.DataFrame({"g": pd.Categorical(list("aabbc")), "h": pd.Categorical(list("xxyyx"))})
    y = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], name="y")
    values, fit = syn_satcat(y, x, x.iloc[[0, 2, 4] * 100], np.random.default_rng(1))
    assert set(values[0::3]) == {1.0, 2.0} and set(values[1::3]) == {3.0, 4.0} and set(values[2::3]) == {5.0}
    assert fit == {"groups": 3}
    unseen = pd.DataFrame({"g": pd.Categorical(["c"], categories=list("abc")),
                           "h": pd.Categorical(["y"], categories=list("xy"))})
    with pytest.raises(ValueError, match="'satcat' for 'y': 1 synthetic record"):
        syn_satcat(y, x, unseen, np.random.default_rng(1))


def test_catall_conditional_probabilities_include_the_prior():
    x = pd.DataFrame({"g": pd.Categorical(["a"] * 4 + ["b"] * 4)})
    y = pd.Series(pd.Categorical(["u", "u", "u", "v", "v", "v", "v", "v"]), name="y")
    new = pd.DataFrame({"g": pd.Categorical(["a", "b"] * 20_000)})
    values, fit = syn_catall(y, x, new, np.random.default_rng(2), priorn=1)
    assert fit == {"cells": 4, "prior": 0.25}
    drawn = np.asarray(values)
    assert np.mean(drawn[0::2] == "u") == pytest.approx(3.25 / 4.5, abs=0.01)
    assert np.mean(drawn[1::2] == "u") == pytest.approx(0.25 / 4.5, abs=0.005)  # unobserved, yet drawn


def test_catall_chain_gives_synthpops_smoothed_joint_table():
    boys, k, priorn = load_boys(), 60_000, 300
    rng = np.random.default_rng(3)
    empty = pd.DataFrame(index=range(k))
    reg, _ = syn_catall(boys["reg"], boys[[]], empty, rng, priorn=priorn)
    gen, _ = syn_catall(boys["gen"], boys[["reg"]], pd.DataFrame({"reg": reg}), rng, priorn=priorn)
    counts = pd.crosstab(boys["reg"], boys["gen"], dropna=False).to_numpy()
    expected = (counts + priorn / counts.size) / (counts.sum() + priorn)  # synthpop's catall table
    drawn = pd.crosstab(pd.Series(reg), pd.Series(gen), dropna=False).to_numpy() / k
    np.testing.assert_allclose(drawn, expected, atol=0.006)
    assert np.abs(drawn - counts / counts.sum()).max() > 0.02  # the prior matters here


def test_catall_in_syn():
    boys = load_boys()
    result = syn(boys, method={"reg": "catall", "gen": "catall"}, visit_sequence=["reg", "gen"], seed=3)
    assert result.method == {"reg": "catall", "gen": "catall"}
    assert len(result.data) == len(boys)


def test_catall_refuses_numeric_predictors():
    x = pd.DataFrame({"a": [1.0, 2.0]})
    y = pd.Series(pd.Categorical(["u", "v"]), name="y")
    with pytest.raises(ValueError, match=r"'catall' for 'y' needs categorical predictors; \['a'\]"):
        syn_catall(y, x, x, np.random.default_rng(1))


def test_syn_docstring_names_every_registered_method():
    from synthlab.synthesis.syn import syn
    missing = [name for name in METHODS if f'"{name}"' not in syn.__doc__]
    assert missing == [], f"syn's docstring does not name {missing}"
