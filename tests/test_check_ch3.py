"""Chapter 3's self-checks: the solution's answers pass, typical mistakes get the intended message."""
import warnings

import numpy as np
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf

import synthlab
from synthlab.check import ch3
from synthlab.synthesis import design_matrix
from verdicts import fails, passes

BMI = "~ wgt / (hgt / 100) ** 2"
VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]


@pytest.fixture(scope="module")
def syn_param(boys):
    return synthlab.syn(boys, method="parametric", default_method=("norm", "logreg", "polyreg", "polr"), seed=123)


@pytest.fixture(scope="module")
def syntheses(boys, syn_param):
    methods = dict(syn_param.method)
    methods["bmi"] = BMI
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        return {"passive": synthlab.syn(boys, method=methods, visit_sequence=VISIT, seed=123),
                "cart": synthlab.syn(boys, method={"bmi": BMI}, visit_sequence=VISIT, seed=123),
                "cart_any_order": synthlab.syn(boys, seed=5)}


def test_exercise_1():
    passes(ch3.exercise_1(synthlab.syn))
    fails(ch3.exercise_1(synthlab), "from synthlab import syn")
    fails(ch3.exercise_1(synthlab.joint_normal), "from synthlab import syn")


def test_exercise_4(boys, syn_param, syntheses):
    passes(ch3.exercise_4(syn_param))
    passes(ch3.exercise_4(syn_param.data))  # the data alone will do
    fails(ch3.exercise_4(syntheses["cart_any_order"]), "other methods than the parametric ones", "method='parametric'")
    fails(ch3.exercise_4(syntheses["cart_any_order"].data), "copies of observed", "method='parametric'")
    fails(ch3.exercise_4(boys), "observed data")
    fails(ch3.exercise_4(syn_param.data[["age", "hgt"]]), "lacks the columns")


def test_exercise_7(syn_param, syntheses):
    passes(ch3.exercise_7(syntheses["passive"]))
    passes(ch3.exercise_7(syntheses["passive"].data))
    fails(ch3.exercise_7(syn_param), "set the method of bmi to the formula", "put bmi last")
    fails(ch3.exercise_7(syntheses["cart"]), "keep the methods of syn_param")


def test_exercise_9(syn_param, syntheses):
    passes(ch3.exercise_9(syntheses["cart"]))
    passes(ch3.exercise_9(syntheses["cart"].data))
    fails(ch3.exercise_9(syntheses["passive"]), "negative values", "not synthesised with CART")
    fails(ch3.exercise_9(syntheses["cart_any_order"]), "keep its formula")


def _fit(y, x, xp):
    X, XP, names = design_matrix(x, xp)
    return sm.OLS(y.to_numpy(), X).fit(), X, XP, names


def syn_line(y, x, xp, rng):
    fit, X, XP, names = _fit(y, x, xp)
    return XP @ fit.params, {"coefficients": dict(zip(names, fit.params))}


def syn_line_predict(y, x, xp, rng):  # model.predict, and the params as a Series: also right
    fit = smf.ols("y ~ age", data=x.assign(y=y.to_numpy())).fit()
    return fit.predict(xp).to_numpy(), fit.params


def syn_line_on_x(y, x, xp, rng):
    fit, X, XP, names = _fit(y, x, xp)
    return X @ fit.params, {}


def syn_line_noise(y, x, xp, rng):
    fit, X, XP, names = _fit(y, x, xp)
    return XP @ fit.params + rng.normal(0, np.sqrt(fit.scale), size=len(XP)), {"sigma": float(np.sqrt(fit.scale))}


def syn_line_noise_variance(y, x, xp, rng):
    fit, X, XP, names = _fit(y, x, xp)
    return XP @ fit.params + rng.normal(0, fit.scale, size=len(XP)), {}


def test_exercise_10():
    passes(ch3.exercise_10(syn_line))
    passes(ch3.exercise_10(syn_line_predict))
    fails(ch3.exercise_10(syn_line_on_x), "one per observed row", "xp")
    fails(ch3.exercise_10(syn_line_noise), "without noise")
    fails(ch3.exercise_10(lambda y, x, xp: None), "raised TypeError")
    fails(ch3.exercise_10(lambda y, x, xp, rng: (1, 2, 3)), "returned 3 things")


def test_exercise_12():
    passes(ch3.exercise_12(syn_line_noise))
    fails(ch3.exercise_12(syn_line), "exactly on the regression line", "np.sqrt(fit.scale)")
    fails(ch3.exercise_12(syn_line_noise_variance), "not fit.scale")


def test_exercise_11(boys, syn_param):
    methods = dict(syn_param.method)
    methods["hgt"] = syn_line
    syn_nonoise = synthlab.syn(boys, method=methods, seed=123)
    passes(ch3.exercise_11(syn_nonoise))
    passes(ch3.exercise_11(syn_nonoise.data))
    fails(ch3.exercise_11(syn_param), "hgt was made with 'norm'")
    methods["hgt"] = syn_line_noise
    fails(ch3.exercise_11(synthlab.syn(boys, method=methods, seed=123).data), "scatter around the line")
