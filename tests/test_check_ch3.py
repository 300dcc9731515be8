"""Chapter 3's self-checks: the solution's answers pass, typical mistakes get the intended message."""
import warnings

import numpy as np
import pandas as pd
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


# ---------------------------------------------------------------- Exercise 14: SD2011, codes and missing values

@pytest.fixture(scope="module")
def sd():
    return synthlab.load_sd2011(columns=synthlab.data.SD2011_VARIABLES_15)


def income_table(observed, synthetic, *, with_codes=False, scale=100):
    def summary(values):
        amounts = values if with_codes else values[values.notna() & (values != -8)]
        return {"% missing": scale * values.isna().mean(), "% -8": scale * (values == -8).mean(),
                "mean": amounts.mean()}
    return pd.DataFrame({"observed": summary(observed["income"]), "synthetic": summary(synthetic["income"])})


def test_exercise_14_accepts_correct_answers_other_than_the_solution(sd):
    solution = synthlab.syn(sd, cont_na={"income": [-8]}, seed=123)
    passes(ch3.exercise_14(solution, income_table(sd, solution.data)))
    # another seed, the code as a plain number, and the table built another way
    other = synthlab.syn(sd, cont_na={"income": -8}, seed=1)
    amounts = {name: frame["income"].replace(-8, np.nan) for name, frame in [("observed", sd), ("synthetic", other.data)]}
    table = pd.DataFrame({name: [frame["income"].isna().sum() / len(frame) * 100,
                                 (frame["income"] == -8).sum() / len(frame) * 100, amounts[name].mean()]
                          for name, frame in [("observed", sd), ("synthetic", other.data)]},
                         index=["% missing", "% -8", "mean"])
    passes(ch3.exercise_14(other, table))
    # the data alone (no result object) will do
    passes(ch3.exercise_14(other.data, table.loc[["mean", "% -8", "% missing"]]))


def test_exercise_14_names_the_cause_of_wrong_answers(sd):

    solution = synthlab.syn(sd, cont_na={"income": [-8]}, seed=123)
    right = income_table(sd, solution.data)
    no_codes = synthlab.syn(sd, seed=123)
    fails(ch3.exercise_14(no_codes, income_table(sd, no_codes.data)), "without cont_na", "cont_na={'income': [-8]}")
    wrong_code = synthlab.syn(sd, cont_na={"income": [-9]}, seed=123)
    fails(ch3.exercise_14(wrong_code, income_table(sd, wrong_code.data)), "codes 'no income' as -8")
    dropped = synthlab.syn(sd.dropna(), cont_na={"income": [-8]}, seed=123)
    fails(ch3.exercise_14(dropped, income_table(sd, dropped.data)), "no missing incomes", "dropped")
    recoded = synthlab.syn(sd.assign(income=sd["income"].replace(-8, np.nan)), seed=123)
    fails(ch3.exercise_14(recoded, income_table(sd, recoded.data)), "no income of -8", "turned into a missing value")
    fails(ch3.exercise_14(solution, income_table(sd, solution.data, with_codes=True)), "counts the code -8")
    fails(ch3.exercise_14(solution, income_table(sd, solution.data, scale=1)), "fraction", "times 100")
    fails(ch3.exercise_14(solution, right[["synthetic", "observed"]].set_axis(["observed", "synthetic"], axis=1)),
          "swapped")
    fails(ch3.exercise_14(solution, right.drop(index="% -8")), "lacks the", "'% -8'")
    fails(ch3.exercise_14(sd, right), "observed data")
