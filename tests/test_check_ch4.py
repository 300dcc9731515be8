"""Chapter 4's self-checks: recomputed from the learner's own inputs; the solution passes, typical
mistakes get the intended message."""
import warnings

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
