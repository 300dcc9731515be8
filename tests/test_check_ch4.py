"""Chapter 4's self-checks: recomputed from the learner's own inputs; the solution passes, typical
mistakes get the intended message."""
import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

import synthlab
from synthlab.check import ch4
from verdicts import fails, passes

BMI = "~ wgt / (hgt / 100) ** 2"
VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]


@pytest.fixture(scope="module")
def sets(boys):
    parametric = {column: "parametric" for column in VISIT[1:-1]}
    linear_first = ("norm", "logreg", "polyreg", "polr")
    cart = {"age": "sample", "hgt": "cart", "wgt": "cart", "hc": "cart", "gen": "polr", "phb": "polr",
            "tv": "cart", "reg": "polyreg", "bmi": BMI}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        result = synthlab.syn(boys, method=cart, visit_sequence=VISIT, smoothing="spline", seed=123)
        return {"result": result, "cart": result.data,
                "unsmoothed": synthlab.syn(boys, method=cart, visit_sequence=VISIT, seed=123).data,
                "other_seed": synthlab.syn(boys, method=cart, visit_sequence=VISIT, smoothing="spline", seed=2).data,
                "all_cart": synthlab.syn(boys, method={"bmi": BMI}, visit_sequence=VISIT, smoothing="spline",
                                         seed=123),
                "passive": synthlab.syn(boys, method={**parametric, "bmi": BMI}, visit_sequence=VISIT, seed=123,
                                        default_method=linear_first).data,
                "not_passive": synthlab.syn(boys, method={c: m for c, m in cart.items() if c != "bmi"},
                                            smoothing="spline", seed=123).data}


def test_exercise_3():
    passes(ch4.exercise_3(lambda frame, formula: smf.ols(formula, data=frame).fit().rsquared))
    fails(ch4.exercise_3(lambda frame, formula: smf.ols(formula, data=frame).fit().rsquared_adj), "R²")
    fails(ch4.exercise_3(lambda frame: 1.0), "raised TypeError")
    fails(ch4.exercise_3(0.95), "function")


def test_exercise_4(sets):
    passes(ch4.exercise_4(sets["cart"]))
    passes(ch4.exercise_4(sets["other_seed"]))
    verdict = ch4.exercise_4(sets["result"])  # the result object is right too, with a word about .data
    passes(verdict)
    assert ".data" in verdict.message
    fails(ch4.exercise_4(sets["unsmoothed"]), "exact copies", "smooth")
    fails(ch4.exercise_4(sets["passive"]), "negative values")
    fails(ch4.exercise_4(sets["not_passive"]), "keep it passive")
    fails(ch4.exercise_4(sets["all_cart"]), "keep their parametric methods")


def test_exercise_7(boys, sets):
    fit_passive = synthlab.ulsif(boys, sets["passive"], seed=123, n_centers=50)
    fit_cart = synthlab.ulsif(boys, sets["cart"], seed=123, n_centers=50)
    passes(ch4.exercise_7(fit_passive, fit_cart))
    fails(ch4.exercise_7(fit_cart, fit_passive), "swapped")
    fails(ch4.exercise_7(synthlab.ulsif(sets["passive"], boys, seed=123, n_centers=50), fit_cart),
          "observed data are the denominator")
    fails(ch4.exercise_7(fit_passive.pearson_divergence, fit_cart), "synthlab.ulsif")


def test_exercise_14(boys, sets):
    keys = ["gen", "phb", "reg"]
    syn_cart = sets["cart"]
    released = synthlab.sdc(syn_cart, observed=boys, keys=keys, remove_replicated_uniques=True)
    passes(ch4.exercise_14(released, syn_cart, keys))
    passes(ch4.exercise_14(released, sets["result"], keys))
    fails(ch4.exercise_14(syn_cart, syn_cart, keys), "still hold", "replicated unique")
    removed = syn_cart.drop(index=syn_cart.index[:30])
    removed = synthlab.sdc(removed, observed=boys, keys=keys, remove_replicated_uniques=True)
    fails(ch4.exercise_14(removed, syn_cart, keys), "rows")


def test_exercise_11(boys, sets):
    formula = "hc ~ age + hgt + wgt + reg"
    fit_main = {name: synthlab.compare_fit(formula, boys, sets[key])
                for name, key in [("syn_passive", "passive"), ("syn_cart", "cart")]}
    passes(ch4.exercise_11(fit_main))
    fails(ch4.exercise_11({"syn_cart": fit_main["syn_cart"]}), "both synthetic sets")
    wrong = {name: synthlab.compare_fit("hc ~ age + hgt + wgt", boys, sets[key])
             for name, key in [("syn_passive", "passive"), ("syn_cart", "cart")]}
    fails(ch4.exercise_11(wrong), "hc ~ age + hgt + wgt + reg")
    fails(ch4.exercise_11(list(fit_main.values())), "dict")


# ------------------------------------------------------------------ exercise 15: combining m sets


MAIN = "hc ~ age + hgt + wgt + reg"


def _age_terms(frames):
    fits = [smf.ols(MAIN, data=frame).fit() for frame in frames]
    return np.array([fit.params["age"] for fit in fits]), np.array([fit.bse["age"] for fit in fits])


@pytest.fixture(scope="module")
def five(boys):
    cart = {"age": "sample", "hgt": "cart", "wgt": "cart", "hc": "cart", "gen": "polr", "phb": "polr",
            "tv": "cart", "reg": "polyreg", "bmi": BMI}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        return {"solution": synthlab.syn(boys, method=cart, visit_sequence=VISIT, smoothing="spline", m=5, seed=123),
                "other_seed": synthlab.syn(boys, method=cart, visit_sequence=VISIT, smoothing="spline", m=5, seed=7),
                "fewer_rows": synthlab.syn(boys, method=cart, visit_sequence=VISIT, m=3, k=500, seed=11)}


def test_exercise_15_solution_and_other_right_answers(five):
    estimates, se = _age_terms(five["solution"].data)
    passes(ch4.exercise_15(estimates, np.sqrt(np.mean(se ** 2) * (1 + 1 / 5)), five["solution"]))
    # another seed, the sets as a list, the estimates as a reversed list and the answer a Series of one
    frames = five["other_seed"].data
    estimates, se = _age_terms(frames)
    answer = pd.Series([np.sqrt(np.mean(se ** 2) * 1.2)])
    passes(ch4.exercise_15(list(estimates[::-1]), answer, frames))
    # k = 500 rows for n = 748, m = 3: the general rule u (k / n) (1 + n / (k m))
    estimates, se = _age_terms(five["fewer_rows"].data)
    general = np.sqrt(np.mean(se ** 2) * 500 / 748 * (1 + 748 / (500 * 3)))
    passes(ch4.exercise_15(pd.Series(estimates), general, five["fewer_rows"]))


def test_exercise_15_names_the_mistake(five):
    result = five["solution"]
    estimates, se = _age_terms(result.data)
    u = np.mean(se ** 2)
    right = np.sqrt(u * 1.2)
    hgt = [smf.ols(MAIN, data=frame).fit().params["hgt"] for frame in result.data]
    fails(ch4.exercise_15(estimates[:1], right, result), "holds 1 value", "one per synthetic set")
    fails(ch4.exercise_15(hgt, right, result), "coefficients of hgt")
    fails(ch4.exercise_15(estimates, np.sqrt(u), result), "within the sets", "1 + 1/m")
    fails(ch4.exercise_15(estimates, np.sqrt(u) * 1.2, result), "multiplies the variance")
    fails(ch4.exercise_15(estimates, np.sqrt(u * 2), result), "single set")
    fails(ch4.exercise_15(estimates, np.std(estimates, ddof=1), result), "spread of the estimates between")
    b = np.var(estimates, ddof=1)
    fails(ch4.exercise_15(estimates, np.sqrt(u + b / 5), result), "partially synthetic")
    fails(ch4.exercise_15(estimates, right, result.data[0]), "one synthetic set", "m=5")
    fails(ch4.exercise_15(estimates, [right, right], result), "se_population holds 2 values")
