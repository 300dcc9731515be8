"""Chapter 4's self-checks: a table of wrong answers per check, each refused with its cause, and correct
answers other than the solution's accepted. Everything is recomputed from the learner's own inputs."""
import warnings

import numpy as np
import pandas as pd
import patsy
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf

import synthlab
from synthlab.check import ch4
from verdicts import fails, passes

BMI = "~ wgt / (hgt / 100) ** 2"
VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]
LINEAR = ("norm", "logreg", "polyreg", "polr")
BOYS = synthlab.load_boys()
CART_METHODS = {"age": "sample", "hgt": "cart", "wgt": "cart", "hc": "cart", "gen": "polr", "phb": "polr",
                "tv": "cart", "reg": "polyreg", "bmi": BMI}
KEYS = ["gen", "phb", "reg"]


def syn(method, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        return synthlab.syn(BOYS, method=method, **{"visit_sequence": VISIT, "seed": 123, **kwargs})


RESULT = syn(CART_METHODS, smoothing="spline")
SYN_CART = RESULT.data
SYN_PASSIVE = syn({**{c: "parametric" for c in VISIT[1:-1]}, "bmi": BMI}, default_method=LINEAR).data
OTHER_SEED = syn(CART_METHODS, smoothing="spline", seed=2)
FITS = {name: synthlab.ulsif(BOYS, frame, seed=123, n_centers=50) for name, frame in
        [("passive", SYN_PASSIVE), ("cart", SYN_CART)]}
MAIN = "hc ~ age + hgt + wgt + reg"


def fit_main(formula=MAIN, sets=None, swap=False):
    sets = sets or {"syn_passive": SYN_PASSIVE, "syn_cart": SYN_CART}
    return {name: synthlab.compare_fit(formula, *((frame, BOYS) if swap else (BOYS, frame))) for name, frame in sets.items()}


def released(synthetic=SYN_PASSIVE, keys=KEYS, **kwargs):
    return synthlab.sdc(synthetic, observed=BOYS, keys=keys, **kwargs)


FIVE = syn(CART_METHODS, smoothing="spline", m=5)
OTHER_FIVE = syn(CART_METHODS, smoothing="spline", m=5, seed=7)
FEWER = syn(CART_METHODS, m=3, k=500, seed=11)  # k = 500 rows for n = 748


def age_terms(frames, term="age"):
    """The estimates of a coefficient of MAIN and their standard errors, one per synthetic set."""
    fits = [smf.ols(MAIN, data=frame).fit() for frame in frames]
    return np.array([fit.params[term] for fit in fits]), np.array([fit.bse[term] for fit in fits])


ESTIMATES, SES = age_terms(FIVE.data)
U, B = np.mean(SES ** 2), np.var(ESTIMATES, ddof=1)
SE_POPULATION = np.sqrt(U * (1 + 1 / 5))


RIGHT = {
    "exercise_3": [(lambda frame, formula: smf.ols(formula, data=frame).fit().rsquared,),
                   (lambda frame, formula: sm.OLS(*patsy.dmatrices(formula, frame)).fit().rsquared,),
                   (lambda frame, formula: (lambda fit: 1 - fit.ssr / fit.centered_tss)(smf.ols(formula, frame).fit()),)],
    "exercise_4": [(RESULT, SYN_CART), (OTHER_SEED, OTHER_SEED.data),
                   (syn({**CART_METHODS, "age": "sample"}, smoothing={c: "spline" for c in ["age", "hgt", "wgt", "hc", "tv"]}),),
                   (RESULT,)],
    "exercise_7": [(FITS["passive"], FITS["cart"], SYN_PASSIVE, SYN_CART), (FITS["passive"], FITS["cart"]),
                   (synthlab.ulsif(BOYS, SYN_PASSIVE, seed=1, n_centers=40), synthlab.ulsif(BOYS, SYN_CART, seed=1, n_centers=40),
                    SYN_PASSIVE, SYN_CART)],
    "exercise_11": [(fit_main(),), (fit_main(formula="hc ~ reg + wgt + hgt + age"),),
                    (dict(reversed(list(fit_main().items()))),)],
    "exercise_14": [(released(remove_replicated_uniques=True), SYN_PASSIVE, KEYS),
                    (released(remove_replicated_uniques=True).reset_index(drop=True), SYN_PASSIVE, KEYS),
                    (released(keys=["reg", "phb", "gen"], remove_replicated_uniques=True), SYN_PASSIVE, tuple(KEYS))],
    "exercise_15": [(ESTIMATES, SE_POPULATION, FIVE),
                    # another seed, the sets as a list, the estimates reversed, the answer a Series of one
                    (list(age_terms(OTHER_FIVE.data)[0][::-1]),
                     pd.Series([np.sqrt(np.mean(age_terms(OTHER_FIVE.data)[1] ** 2) * 1.2)]), OTHER_FIVE.data),
                    # k = 500 for n = 748 and m = 3: the general rule u (k / n) (1 + n / (k m))
                    (pd.Series(age_terms(FEWER.data)[0]),
                     np.sqrt(np.mean(age_terms(FEWER.data)[1] ** 2) * 500 / 748 * (1 + 748 / (500 * 3))), FEWER)],
}

WRONG = {
    "exercise_3": [
        ("adjusted R²", (lambda frame, formula: smf.ols(formula, data=frame).fit().rsquared_adj,), ["R²", "rsquared"]),
        ("one argument", (lambda frame: 1.0,), ["raised TypeError"]),
        ("a number", (0.95,), ["function"]),
        ("the formula ignored", (lambda frame, formula: smf.ols("hgt ~ age", data=frame).fit().rsquared,),
         ["hgt ~ age + I(age**2)"]),
        ("the correlation", (lambda frame, formula: np.sqrt(smf.ols(formula, data=frame).fit().rsquared),), ["R²"]),
        ("the fit itself", (lambda frame, formula: smf.ols(formula, data=frame).fit(),), ["should be a number"]),
        ("returns nothing", (lambda frame, formula: print(smf.ols(formula, data=frame).fit().rsquared),), ["None"]),
    ],
    "exercise_4": [
        ("the data where the result is needed", (SYN_CART, SYN_CART), ["keep the whole result", "cart_result"]),
        ("density smoothing", (syn(CART_METHODS, smoothing="density"),), ["'density'", "smoothing=\"spline\""]),
        ("no smoothing", (syn(CART_METHODS),), ["not smoothed", "smoothing=\"spline\""]),
        ("CART for the categorical too", (syn({"bmi": BMI}, smoothing="spline"),), ["gen, phb, reg", "only norm becomes cart"]),
        ("the parametric methods", (syn({**{c: "parametric" for c in VISIT[1:-1]}, "bmi": BMI}, default_method=LINEAR),),
         ["not synthesised with CART"]),
        ("bmi not passive", (syn({**CART_METHODS, "bmi": "cart"}, smoothing="spline"),), ["keep it passive"]),
        ("syn_cart from another synthesis", (RESULT, OTHER_SEED.data), ["syn_cart is not the synthetic data of cart_result"]),
        ("syn_cart the whole result", (RESULT, RESULT), ["syn_cart is the whole result"]),
    ],
    "exercise_7": [
        ("the fits swapped", (FITS["cart"], FITS["passive"], SYN_PASSIVE, SYN_CART), ["swapped"]),
        ("the fits swapped, no sets", (FITS["cart"], FITS["passive"]), ["swapped"]),
        ("observed as denominator", (synthlab.ulsif(SYN_PASSIVE, BOYS, seed=123, n_centers=50), FITS["cart"]),
         ["observed data are the denominator"]),
        ("a number", (FITS["passive"].pearson_divergence, FITS["cart"]), ["synthlab.ulsif"]),
        ("the same set twice", (FITS["cart"], FITS["cart"], SYN_PASSIVE, SYN_CART), ["fit_passive's denominator is syn_cart"]),
        ("a synthetic set as numerator", (synthlab.ulsif(SYN_CART, SYN_PASSIVE, seed=123, n_centers=50), FITS["cart"]),
         ["numerator is not the observed"]),
        ("observed against observed", (FITS["passive"], synthlab.ulsif(BOYS, BOYS, seed=123, n_centers=50),
                                       SYN_PASSIVE, SYN_CART), ["observed data are the denominator"]),
    ],
    "exercise_11": [
        ("one set", ({"syn_cart": fit_main()["syn_cart"]},), ["both synthetic sets"]),
        ("without reg", (fit_main(formula="hc ~ age + hgt + wgt"),), ["has 4 coefficients", "hc ~ age + hgt + wgt + reg has 8"]),
        ("a list", (list(fit_main().values()),), ["dict"]),
        ("observed and synthetic swapped", (fit_main(swap=True),), ["swapped", "observed data first"]),
        ("the same set twice", (fit_main(sets={"syn_passive": SYN_CART, "syn_cart": SYN_CART}),), ["same synthetic set"]),
        ("another outcome", (fit_main(formula="wgt ~ age + hgt + hc + reg"),), ["'observed' column", "on boys"]),
        ("summary tables", ({name: r.attrs for name, r in fit_main().items()},), ["compare_fit returns"]),
    ],
    "exercise_14": [
        ("sdc without removal", (released(), SYN_PASSIVE, KEYS), ["still hold 4", "removes nothing unless asked"]),
        ("a plain copy", (SYN_PASSIVE.copy(), SYN_PASSIVE, KEYS), ["still hold 4"]),
        ("top and bottom coded tv too", (released(remove_replicated_uniques=True, bottom_top_coding={"tv": (3, 20)}),
                                         SYN_PASSIVE, KEYS), ["tv in", "ask sdc only to remove"]),
        ("the keys of Exercise 13", (released(keys=["age", "hgt", "reg"], remove_replicated_uniques=True),
                                     SYN_PASSIVE, KEYS), ["still hold 4"]),
        ("more rows dropped", (released(remove_replicated_uniques=True).iloc[30:], SYN_PASSIVE, KEYS), ["rows", "no others"]),
        ("the report only", (released(remove_replicated_uniques=True).attrs["sdc"], SYN_PASSIVE, KEYS), ["the report"]),
        ("from syn_cart", (released(SYN_CART, remove_replicated_uniques=True), SYN_PASSIVE, KEYS), ["rows"]),
    ],
    "exercise_15": [
        ("one estimate", (ESTIMATES[:1], SE_POPULATION, FIVE), ["holds 1 value", "one per synthetic set"]),
        ("the coefficients of hgt", (age_terms(FIVE.data, "hgt")[0], SE_POPULATION, FIVE), ["coefficients of hgt"]),
        ("no factor", (ESTIMATES, np.sqrt(U), FIVE), ["within the sets", "1 + 1/m"]),
        ("the factor on the standard error", (ESTIMATES, np.sqrt(U) * 1.2, FIVE), ["multiplies the variance"]),
        ("m forgotten", (ESTIMATES, np.sqrt(U * 2), FIVE), ["single set"]),
        ("the spread between the sets", (ESTIMATES, np.sqrt(B), FIVE), ["spread of the estimates between"]),
        ("Reiter's rule", (ESTIMATES, np.sqrt(U + B / 5), FIVE), ["partially synthetic"]),
        ("one synthetic set", (ESTIMATES, SE_POPULATION, FIVE.data[0]), ["one synthetic set", "m=5"]),
        ("two numbers", (ESTIMATES, [SE_POPULATION, SE_POPULATION], FIVE), ["se_population holds 2 values"]),
    ],
}


@pytest.mark.parametrize("exercise, args", [(e, a) for e, answers in RIGHT.items() for a in answers])
def test_correct_answers_are_right(exercise, args):
    passes(getattr(ch4, exercise)(*args))


@pytest.mark.parametrize("exercise, args, words", [pytest.param(e, a, w, id=f"{e}: {label}")
                                                   for e, rows in WRONG.items() for label, a, w in rows])
def test_wrong_answers_are_refused_with_their_cause(exercise, args, words):
    fails(getattr(ch4, exercise)(*args), *words)


def test_every_check_has_five_wrong_answers_and_two_other_right_ones():
    assert set(RIGHT) == set(WRONG) == {name for name in dir(ch4) if name.startswith("exercise_")}
    assert all(len(WRONG[e]) >= 5 and len(RIGHT[e]) >= 2 for e in WRONG)


def test_exercise_14_has_something_to_remove():
    assert synthlab.replicated_uniques(BOYS, SYN_PASSIVE, KEYS).count > 0
