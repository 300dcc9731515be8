"""polr, polyreg and logreg are maximum-likelihood fits: equal to statsmodels' fits (the same
models as R's MASS::polr, nnet::multinom and glm) to 1e-6 on the course's data."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.miscmodels.ordinal_model import OrderedModel

from synthlab import load_boys
from synthlab.synthesis.design import design_matrix
from synthlab.synthesis.logit import fit_multinomial, fit_ordered
from synthlab.synthesis.methods import syn_logreg, syn_polr, syn_polyreg

BOYS = load_boys()
RAW = load_boys(raw=True)


def original_design(x: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    X, _, names = design_matrix(x, x, intercept=False)
    return X, names


@pytest.mark.parametrize("target, predictors", [
    ("gen", ["age", "hgt", "wgt", "hc"]),
    ("phb", ["age", "hgt", "wgt", "hc", "gen"]),
    ("gen", ["age", "reg"]),
])
def test_polr_equals_statsmodels_ordered_logit(target, predictors):
    x = BOYS[predictors]
    _, fit = syn_polr(BOYS[target], x, x, np.random.default_rng(1))
    X, names = original_design(x)
    reference = OrderedModel(BOYS[target].cat.codes.to_numpy(), X, distr="logit").fit(
        method="bfgs", maxiter=5000, gtol=1e-10, disp=False)
    params = np.asarray(reference.params)
    thresholds = OrderedModel.transform_threshold_params(reference.model, params)[1:-1]
    assert [fit["coefficients"][n] for n in names] == pytest.approx(params[:len(names)], abs=1e-6)
    assert fit["thresholds"] == pytest.approx(thresholds, abs=1e-6)


@pytest.mark.parametrize("predictors", [["age", "hgt", "wgt", "hc", "gen", "phb", "tv"], ["age", "hgt"]])
def test_polyreg_equals_statsmodels_multinomial_logit(predictors):
    x = BOYS[predictors]
    _, fit = syn_polyreg(BOYS["reg"], x, x, np.random.default_rng(1))
    X, names = original_design(x)
    reference = sm.MNLogit(BOYS["reg"].cat.codes.to_numpy(), sm.add_constant(X)).fit(
        method="newton", maxiter=100, tol=1e-14, disp=False)
    slopes = np.column_stack([np.zeros(len(names)), np.asarray(reference.params)[1:]])  # baseline: north
    slopes -= slopes.mean(axis=1, keepdims=True)  # synthlab reports them relative to the mean
    labels = list(BOYS["reg"].cat.categories)
    ours = np.array([[fit["coefficients"][n][label] for label in labels] for n in names])
    assert ours == pytest.approx(slopes, abs=1e-6)


def test_polyreg_probabilities_equal_statsmodels():
    predictors = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv"]
    X, _ = original_design(BOYS[predictors])
    X = sm.add_constant(X)
    codes = BOYS["reg"].cat.codes.to_numpy()
    B, converged = fit_multinomial((X - np.r_[0, X[:, 1:].mean(axis=0)]) / np.r_[1, X[:, 1:].std(axis=0)], codes, 5)
    reference = sm.MNLogit(codes, X).fit(method="newton", maxiter=100, tol=1e-14, disp=False)
    standardised = (X - np.r_[0, X[:, 1:].mean(axis=0)]) / np.r_[1, X[:, 1:].std(axis=0)]
    from synthlab.synthesis.logit import multinomial_probabilities
    assert converged
    assert multinomial_probabilities(standardised, B) == pytest.approx(reference.predict(X), abs=1e-8)


@pytest.mark.parametrize("target, predictors", [("wgt", ["age", "hgt"]), ("hc", ["age", "hgt", "wgt"]),
                                                ("tv", ["age"])])
def test_logreg_equals_statsmodels_logit_on_the_missing_values_of_raw_boys(target, predictors):
    """The indicator "missing" of a raw boys column, as syn models it with parametric methods
    (a numeric predictor with missing values: 0 there, plus its own indicator)."""
    x = pd.DataFrame(index=RAW.index)
    for name in predictors:
        absent = RAW[name].isna()
        if absent.any():
            x[f"{name}.NA"] = pd.Categorical(absent, categories=[False, True])
        x[name] = RAW[name].fillna(0.0)
    y = pd.Series(pd.Categorical(np.where(RAW[target].isna(), "NA", "present"), categories=["present", "NA"]))
    _, fit = syn_logreg(y, x, x, np.random.default_rng(1))
    X, names = original_design(x)
    reference = sm.Logit((y == "NA").to_numpy(dtype=float), sm.add_constant(X)).fit(
        method="newton", maxiter=100, tol=1e-14, disp=False)
    assert reference.mle_retvals["converged"]
    assert [fit["coefficients"][n]["NA"] for n in names] == pytest.approx(np.asarray(reference.params)[1:], abs=1e-6)


def test_a_perfectly_predicted_category_falls_back_to_the_light_ridge():
    """No maximum-likelihood estimate exists (separation): finite coefficients all the same."""
    x = pd.DataFrame({"a": np.arange(60.0)})
    y = pd.Series(pd.Categorical(np.where(x["a"] < 30, "low", "high"), categories=["low", "high"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no warning: the ridge converges
        values, fit = syn_logreg(y, x, x, np.random.default_rng(1))
    assert np.isfinite(fit["coefficients"]["a"]["high"])
    assert (values.codes == y.cat.codes.to_numpy()).mean() > 0.9


def test_newton_converges_in_a_few_steps_from_the_closed_form_start():
    x = BOYS[["age", "hgt", "wgt", "hc"]]
    X, _ = original_design(x)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    from synthlab.synthesis.logit import newton, ordered_objective
    codes = BOYS["gen"].cat.codes.to_numpy()
    shares = np.cumsum(np.bincount(codes, minlength=5))[:-1] / len(codes)
    start = np.r_[np.zeros(4), np.log(shares / (1 - shares))]
    _, converged, steps = newton(ordered_objective(X, codes, 5), start)
    assert converged and steps <= 12
    b, a, converged = fit_ordered(X, codes, 5)
    assert converged and np.all(np.diff(a) > 0)


def test_polr_drops_an_aliased_predictor_as_r_does():
    """Without the G1 boys (a rule fixes their phb) the four gen dummies add up to the constant
    that the thresholds carry: one is dropped (coefficient 0), the fit is the one without it."""
    rows = BOYS["gen"] != "G1"
    x = BOYS.loc[rows, ["age", "hgt", "wgt", "hc", "gen"]].reset_index(drop=True)
    y = BOYS.loc[rows, "phb"].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # converges: no warning
        _, fit = syn_polr(y, x, x, np.random.default_rng(1))
    X, names = original_design(x)
    assert fit["coefficients"]["gen[G2]"] == 0.0
    kept = [i for i, n in enumerate(names) if n != "gen[G2]"]
    reference = OrderedModel(y.cat.codes.to_numpy(), X[:, kept], distr="logit").fit(
        method="bfgs", maxiter=5000, gtol=1e-10, disp=False)
    params = np.asarray(reference.params)
    assert [fit["coefficients"][names[i]] for i in kept] == pytest.approx(params[:len(kept)], abs=1e-6)
    assert fit["thresholds"] == pytest.approx(
        OrderedModel.transform_threshold_params(reference.model, params)[1:-1], abs=1e-6)
