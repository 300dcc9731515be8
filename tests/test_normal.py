"""joint_normal and conditional_chain: known answers, seeds, errors, no mutation."""
import re

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import synthlab

MEAN = np.array([1.0, -2.0, 5.0])
COV = np.array([[4.0, 1.2, -0.8], [1.2, 2.0, 0.5], [-0.8, 0.5, 3.0]])


@pytest.fixture(scope="module")
def normal_data():
    rng = np.random.default_rng(7)
    return pd.DataFrame(rng.multivariate_normal(MEAN, COV, size=2_000), columns=["x", "y", "z"])


@pytest.mark.parametrize("synthesize", [synthlab.joint_normal, synthlab.conditional_chain])
def test_large_samples_match_the_fitted_moments(synthesize, normal_data):
    n = 200_000
    syn = synthesize(normal_data, n=n, seed=1)
    fitted = synthlab.fit_joint_normal(normal_data)
    assert syn.shape == (n, 3) and list(syn.columns) == ["x", "y", "z"]
    # Standard error of a mean is sd / sqrt(n); of a covariance about sqrt((s_ii s_jj + s_ij^2) / n).
    se_mean = np.sqrt(np.diag(fitted.cov) / n)
    assert np.all(np.abs(syn.mean() - fitted.mean) < 4 * se_mean)
    s = fitted.cov.to_numpy()
    se_cov = np.sqrt((np.outer(np.diag(s), np.diag(s)) + s ** 2) / n)
    assert np.all(np.abs(syn.cov().to_numpy() - s) < 4 * se_cov)


def test_chain_coefficients_equal_statsmodels_ols(normal_data):
    chain = synthlab.fit_conditional_chain(normal_data)
    fit = sm.OLS(normal_data["z"], sm.add_constant(normal_data[["x", "y"]])).fit()
    np.testing.assert_allclose(chain.coefficients["z"].to_numpy(), fit.params.to_numpy())
    assert chain.residual_sd["z"] == pytest.approx(np.sqrt(fit.scale))
    assert chain.first_mean == pytest.approx(normal_data["x"].mean())
    assert chain.first_sd == pytest.approx(normal_data["x"].std())


def test_chain_implies_the_joint_normal_up_to_residual_degrees_of_freedom(normal_data):
    implied = synthlab.fit_conditional_chain(normal_data).implied_joint_normal()
    joint = synthlab.fit_joint_normal(normal_data)
    np.testing.assert_allclose(implied.mean, joint.mean)
    np.testing.assert_allclose(implied.cov, joint.cov, rtol=2e-3)
    assert not np.allclose(implied.cov, joint.cov, rtol=1e-9)  # residual variances use n - p - 1


@pytest.mark.parametrize("synthesize", [synthlab.joint_normal, synthlab.conditional_chain])
def test_seed_reproduces_and_another_seed_differs(synthesize, normal_data):
    first = synthesize(normal_data, seed=42)
    pd.testing.assert_frame_equal(first, synthesize(normal_data, seed=42))
    assert not first.equals(synthesize(normal_data, seed=43))
    assert len(first) == len(normal_data)


@pytest.mark.parametrize("synthesize", [synthlab.joint_normal, synthlab.conditional_chain])
def test_input_is_never_modified(synthesize, normal_data):
    before = normal_data.copy()
    synthesize(normal_data, n=10, seed=0)
    pd.testing.assert_frame_equal(normal_data, before)


def test_fitted_models_hold_parameters_not_rows(normal_data):
    chain = synthlab.fit_conditional_chain(normal_data)
    joint = synthlab.fit_joint_normal(normal_data)
    sizes = [joint.mean.size, joint.cov.size, *[b.size for b in chain.coefficients.values()]]
    assert max(sizes) <= 9


@pytest.mark.parametrize("synthesize", [synthlab.joint_normal, synthlab.conditional_chain])
@pytest.mark.parametrize("data, kwargs, error, message", [
    (pd.DataFrame({"a": [1.0, 2, 3], "b": ["x", "y", "z"]}), {}, TypeError, "not numeric: b"),
    (pd.DataFrame({"a": [1.0, np.nan, 3], "b": [1.0, 2, 4]}), {}, ValueError, "missing values in column(s) a"),
    (pd.DataFrame({"a": [1.0], "b": [2.0]}), {}, ValueError, "at least 2 rows"),
    (pd.DataFrame({"a": [1.0, 2, 3], "b": [5.0, 5, 5]}), {}, ValueError, "constant column(s) b"),
    (pd.DataFrame({"a": [1.0, 2, 3], "b": [2.0, 4, 6.5]}), {"n": 0}, ValueError, "n must be at least 1"),
    (pd.DataFrame({"a": [1.0, 2, 3], "b": [2.0, 4, 6]}), {}, ValueError, "linearly dependent"),
    ([[1.0, 2.0]], {}, TypeError, "pandas DataFrame"),
])
def test_bad_input_gets_a_clear_error(synthesize, data, kwargs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        synthesize(data, **kwargs)
