"""Chapter 2's self-checks: a table of wrong answers per check, each refused with its cause, and correct
answers other than the solution's (other seeds, NumPy instead of pandas, scikit-learn instead of
statsmodels, .predict instead of coefficients) accepted."""
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy.stats import multivariate_normal
from sklearn.linear_model import LinearRegression

import ipywidgets

from synthlab import SplineTradeoff, load_boys, tv_subset
from synthlab.check import ch2
from verdicts import fails, passes

DATA = load_boys()[["age", "hgt", "wgt"]]
N = len(DATA)
AGE = DATA["age"]
HGT_AGE = smf.ols("hgt ~ age", data=DATA).fit()
WGT_AGE_HGT = smf.ols("wgt ~ age + hgt", data=DATA).fit()


def chain(seed=123, hgt_sd=np.sqrt(HGT_AGE.scale), wgt_sd=np.sqrt(WGT_AGE_HGT.scale), hgt_ages=None):
    """The conditional chain as the solution makes it (seed 123 after syn1's draws)."""
    rng = np.random.default_rng(seed)
    rng.multivariate_normal(DATA.mean(), DATA.cov(), size=N)
    age_syn = rng.normal(AGE.mean(), AGE.std(), size=N)
    b = HGT_AGE.params
    line = b["Intercept"] + b["age"] * (age_syn if hgt_ages is None else hgt_ages)
    hgt_syn = line + rng.normal(0, hgt_sd, size=N)
    b = WGT_AGE_HGT.params
    wgt_line = b["Intercept"] + b["age"] * age_syn + b["hgt"] * hgt_syn
    return dict(age_syn=age_syn, hgt_syn=hgt_syn, hgt_line=line, wgt_syn=wgt_line + rng.normal(0, wgt_sd, size=N),
                wgt_line=wgt_line, rng=rng)


CHAIN = chain()
SYN2 = pd.DataFrame({"age": CHAIN["age_syn"], "hgt": CHAIN["hgt_syn"], "wgt": CHAIN["wgt_syn"]})
SYN1 = pd.DataFrame(multivariate_normal(mean=DATA.mean(), cov=DATA.cov()).rvs(size=N, random_state=np.random.default_rng(123)),
                    columns=DATA.columns)
NOISE = np.random.default_rng(3).normal(0, np.sqrt(HGT_AGE.scale), N)
PREDICTED = HGT_AGE.predict(pd.DataFrame({"age": CHAIN["age_syn"]})).to_numpy()


def coefficients(frames=None, formula="wgt ~ age + hgt", field="params"):
    frames = frames or {"observed": DATA, "syn1": SYN1, "syn2": SYN2}
    return pd.DataFrame({name: getattr(smf.ols(formula, data=frame).fit(), field) for name, frame in frames.items()})


def fit_sk(columns, y):
    return LinearRegression().fit(DATA[columns], DATA[y])


# exercise -> (the arguments of each correct answer)
# Exercise 11: sliders over the df of the chapter's spline model.
MODEL = SplineTradeoff(tv_subset(load_boys()), tolerance=1.0, draws=20, seed=2025)
PATH = [MODEL(df) for df in MODEL.settings]  # positions 0..24: PATH[df] is df + 1


def show_scores(df):  # the solution's way: print both scores
    point = MODEL(df)
    print(f"df {df}: utility {point.utility:.2f}, disclosure {point.disclosure:.2f}")


def scores_or_error(df):
    print(MODEL(df).utility, MODEL(df).disclosure, "next df:", MODEL.settings[df])  # IndexError at df 25


def interactive(f, **controls):
    """An ipywidgets.interactive made just before the check, as in the notebook."""
    return lambda: (ipywidgets.interactive(f, **controls),)


RIGHT = {
    "exercise_1": [(np.random.default_rng(123),), (np.random.default_rng(seed=7),),
                   (np.random.Generator(np.random.PCG64(123)),)],
    "exercise_2": [(DATA.mean(), DATA.cov()), (DATA.to_numpy().mean(axis=0), np.cov(DATA, rowvar=False, ddof=0)),
                   (DATA[["wgt", "age", "hgt"]].mean(), DATA[["wgt", "hgt", "age"]].cov())],
    "exercise_3": [(SYN1,), (pd.DataFrame(np.random.default_rng(99).multivariate_normal(DATA.mean(), DATA.cov(), size=N),
                                          columns=["age", "hgt", "wgt"]),)],
    "exercise_4": [(HGT_AGE, WGT_AGE_HGT), (fit_sk(["age"], "hgt"), fit_sk(["age", "hgt"], "wgt")),
                   (smf.ols("hgt ~ 1 + age", data=DATA).fit(), smf.ols("wgt ~ hgt + age", data=DATA).fit())],
    "exercise_5": [(AGE.mean(), AGE.std()), (np.mean(AGE), np.std(AGE)), (DATA[["age"]].mean(), AGE.to_numpy().std(ddof=1))],
    "exercise_6": [(CHAIN["age_syn"],), (pd.Series(np.random.default_rng(5).normal(AGE.mean(), AGE.std(), N)),),
                   (list(np.random.default_rng(6).normal(np.mean(AGE), np.std(AGE), size=N)),)],
    "exercise_7": [(CHAIN["hgt_syn"], CHAIN["age_syn"]), (PREDICTED + NOISE, CHAIN["age_syn"]),
                   (pd.Series(PREDICTED + NOISE), pd.Series(CHAIN["age_syn"]))],
    "exercise_8": [(SYN2,), (SYN2[["wgt", "age", "hgt"]],),
                   (pd.DataFrame(np.column_stack([CHAIN["age_syn"], CHAIN["hgt_syn"], CHAIN["wgt_syn"]]),
                                 columns=["age", "hgt", "wgt"]),)],
    "exercise_10": [(coefficients(), SYN1, SYN2), (coefficients().T, SYN1, SYN2),
                    (coefficients(formula="wgt ~ hgt + age"), SYN1, SYN2), (coefficients(),)],
    "exercise_11": [
        (ipywidgets.interact(show_scores, df=(1, 25)),),  # the solution's answer
        (ipywidgets.interactive(lambda df: pd.Series({"utility": MODEL(df).utility, "disclosure": MODEL(df).disclosure}),
                                df=ipywidgets.IntSlider(min=1, max=25, value=4)),),
        (ipywidgets.interactive(lambda k: (round(MODEL(k).utility, 3), round(MODEL(k).disclosure, 3)),
                                k=ipywidgets.SelectionSlider(options=MODEL.settings)),),
    ],
}

SHUFFLED = DATA.sample(frac=1, random_state=1)
WRONG = {
    "exercise_1": [
        ("the seed itself", (123,), ["the number 123", "np.random.default_rng(123)"]),
        ("the legacy RandomState", (np.random.RandomState(123),), ["RandomState"]),
        ("the function, not called", (np.random.default_rng,), ["function", "call it"]),
        ("the module", (np.random,), ["module numpy.random"]),
        ("the global seed", lambda: (np.random.seed(123),), ["np.random.seed(123) seeds NumPy's global generator",
                                                     "returns nothing"]),
        ("a SeedSequence", (np.random.SeedSequence(123),), ["SeedSequence", "np.random.default_rng(123)"]),
    ],
    "exercise_2": [
        ("2 x 2 covariance", (DATA.mean(), DATA[["age", "hgt"]].cov()), ["2 x 2", "age, hgt and wgt"]),
        ("np.cov without rowvar", (DATA.mean(), np.cov(DATA)), ["748 x 748", "rowvar=False"]),
        ("correlation matrix", (DATA.mean(), DATA.corr()), ["correlation matrix"]),
        ("covariance of all of boys", (DATA.mean(), load_boys().cov(numeric_only=True)), ["6 x 6", "all of boys"]),
        ("means of all of boys", (load_boys().mean(numeric_only=True), DATA.cov()), ["means holds 6 values"]),
        ("variances only", (DATA.mean(), DATA.var()), ["should be a matrix"]),
        ("medians", (DATA.median(), DATA.cov()), ["not the column means"]),
        ("means and varcov swapped", (DATA.cov(), DATA.mean()), ["means holds 9 values"]),
        ("standard deviations", (DATA.mean(), np.sqrt(DATA.cov().abs())), ["standard deviations"]),
    ],
    "exercise_3": [
        ("the array", (SYN1.to_numpy(),), ["NumPy array", "DataFrame"]),
        ("two columns", (SYN1.iloc[:, :2],), ["2 columns"]),
        ("ten rows", (SYN1.head(10),), ["10 rows", "748"]),
        ("no covariances", (pd.DataFrame(np.random.default_rng(1).multivariate_normal(
            DATA.mean(), np.diag(np.diag(DATA.cov())), size=N), columns=DATA.columns),), ["correlate", "whole covariance matrix"]),
        ("the observed data", (DATA.copy(),), ["observed values"]),
        ("unnamed columns", (pd.DataFrame(SYN1.to_numpy()),), ["name them age, hgt and wgt"]),
        ("the distribution, not drawn", (multivariate_normal(mean=DATA.mean(), cov=DATA.cov()),), ["distribution itself", ".rvs"]),
        ("standard deviations as cov", (pd.DataFrame(np.random.default_rng(2).multivariate_normal(
            DATA.mean(), np.sqrt(np.diag(DATA.cov())) * np.eye(3), size=N), columns=DATA.columns),), ["standard deviation of"]),
    ],
    "exercise_4": [
        ("the model, not fitted", (smf.ols("hgt ~ age", data=DATA), WGT_AGE_HGT), ["call .fit()"]),
        ("wgt ~ age only", (HGT_AGE, smf.ols("wgt ~ age", data=DATA).fit()), ["'hgt'"]),
        ("outcome and predictor swapped", (smf.ols("age ~ hgt", data=DATA).fit(), WGT_AGE_HGT),
         ["hgt_age is a regression of age", "left of ~"]),
        ("the two fits swapped", (WGT_AGE_HGT, HGT_AGE), ["hgt_age is a regression of wgt"]),
        ("fitted on part of the data", (smf.ols("hgt ~ age", data=DATA.head(100)).fit(), WGT_AGE_HGT),
         ["all 748 rows"]),
        ("the coefficients only", (HGT_AGE.params, WGT_AGE_HGT), ["a Series of 2 values", "fitted regression"]),
        ("scikit-learn on the wrong predictor", (fit_sk(["wgt"], "hgt"), WGT_AGE_HGT), ["hgt_age", "748 rows"]),
    ],
    "exercise_5": [
        ("variance as sd", (AGE.mean(), AGE.var()), ["variance"]),
        ("all means", (DATA.mean(), AGE.std()), ["3 values", "one number"]),
        ("mean and sd swapped", (AGE.std(), AGE.mean()), ["mean_age is", "the mean age is"]),
        ("median", (AGE.median(), AGE.std()), ["not the mean"]),
        ("sd of hgt", (AGE.mean(), DATA["hgt"].std()), ["not the standard deviation"]),
    ],
    "exercise_6": [
        ("variance as sd", (np.random.default_rng(5).normal(AGE.mean(), AGE.var(), N),), ["not the variance"]),
        ("one number", (np.random.default_rng(5).normal(AGE.mean(), AGE.std()),), ["one number", "size"]),
        ("the observed ages", (AGE.to_numpy(),), ["observed ages"]),
        ("100 draws", (np.random.default_rng(5).normal(AGE.mean(), AGE.std(), 100),), ["shape 100", "748"]),
        ("mean of hgt", (np.random.default_rng(5).normal(DATA["hgt"].mean(), AGE.std(), N),), ["mean", "near the observed"]),
        ("standard normal", (np.random.default_rng(5).normal(size=N),), ["mean"]),
    ],
    "exercise_7": [
        ("no noise", (PREDICTED, CHAIN["age_syn"]), ["exactly on the regression line", "noise"]),
        ("noise with the variance", (PREDICTED + NOISE * np.sqrt(HGT_AGE.scale), CHAIN["age_syn"]), ["square root"]),
        ("noise with the sd of hgt", (PREDICTED + np.random.default_rng(3).normal(0, np.std(DATA["hgt"]), N),
                                      CHAIN["age_syn"]), ["standard deviation of the outcome itself"]),
        ("predicted from the observed ages", (chain(hgt_ages=AGE.to_numpy())["hgt_syn"], CHAIN["age_syn"]),
         ["observed predictors"]),
        ("the observed heights", (DATA["hgt"], CHAIN["age_syn"]), ["observed heights"]),
        ("intercept and slope swapped", (HGT_AGE.params["age"] + HGT_AGE.params["Intercept"] * CHAIN["age_syn"] + NOISE,
                                         CHAIN["age_syn"]), ["standard deviation"]),
        ("one noise value for all", (PREDICTED + NOISE[0] + 5, CHAIN["age_syn"]), ["same noise value", "one value per row"]),
    ],
    "exercise_8": [
        ("wgt without noise", (SYN2.assign(wgt=CHAIN["wgt_line"]),), ["syn2['wgt'] lies exactly on the regression line"]),
        ("other column names", (SYN2.set_axis(["age_syn", "hgt_syn", "wgt_syn"], axis=1),), ["columns", "age, hgt and wgt"]),
        ("a Series", (pd.Series(CHAIN["wgt_syn"]),), ["Series", "DataFrame"]),
        ("wgt noise with the variance", (SYN2.assign(wgt=CHAIN["wgt_line"] + np.random.default_rng(4).normal(
            0, WGT_AGE_HGT.scale, N)),), ["square root of wgt_age_hgt.scale"]),
        ("wgt without the hgt term", (SYN2.assign(wgt=CHAIN["wgt_syn"] - WGT_AGE_HGT.params["hgt"] * CHAIN["hgt_syn"]),),
         ["syn2['wgt']"]),
        ("the observed data", (DATA.copy(),), ["syn2['age'] holds the observed values"]),
        ("ten rows", (SYN2.head(10),), ["10 rows"]),
    ],
    "exercise_10": [
        ("two data sets", (coefficients()[["observed", "syn1"]], SYN1, SYN2), ["observed, syn1 and syn2"]),
        ("syn1 and syn2 swapped", (coefficients().rename(columns={"syn1": "syn2", "syn2": "syn1"}).T, SYN1, SYN2),
         ["swapped"]),
        ("the observed fit three times", (coefficients({"observed": DATA, "syn1": DATA, "syn2": DATA}), SYN1, SYN2),
         ["syn1 column holds the coefficients of the observed data"]),
        ("standard errors", (coefficients(field="bse"), SYN1, SYN2), ["observed column"]),
        ("wgt ~ age", (coefficients(formula="wgt ~ age"), SYN1, SYN2), ["2 rows", "3 coefficients"]),
        ("a dict", (coefficients().to_dict(), SYN1, SYN2), ["a builtins.dict", "DataFrame"]),
        ("syn2 fitted on shuffled rows of data", (coefficients({"observed": DATA, "syn1": SYN1, "syn2": SHUFFLED.head(400)}),
                                                  SYN1, SYN2), ["syn2 column"]),
    ],
    "exercise_11": [
        ("the function alone", (lambda df: show_scores(df),), ["a function, not a slider"]),
        ("a slider alone", (ipywidgets.IntSlider(min=1, max=25),), ["IntSlider on its own", "runs no code"]),
        ("df up to 10", interactive(show_scores, df=(1, 10)), ["slider stops at 10"]),
        ("a FloatSlider", interactive(show_scores, df=(1.0, 25.0)), ["a df is a whole number", "FloatSlider"]),
        ("every other df", interactive(show_scores, df=(1, 25, 2)), ["skips df 2, 4"]),
        ("utility only", interactive(lambda df: print(round(MODEL(df).utility, 2)), df=(1, 25)),
         ["at df 1 the slider shows the utility but not the disclosure"]),
        ("the path's position df", interactive(lambda df: print(PATH[df].utility, PATH[df].disclosure), df=(1, 25)),
         ["shows the scores of df 2"]),
        ("a second slider for the noise", interactive(lambda df, noise: print(MODEL(df, noise).utility),
                                                      df=(1, 25), noise=(0.0, 2.0)), ["2 controls (df, noise)"]),
        ("an error at df 25", interactive(scores_or_error, df=(1, 25)), ["at df 25 your function raised IndexError"]),
    ],
}


@pytest.mark.parametrize("exercise, args", [(e, a) for e, answers in RIGHT.items() for a in answers])
def test_correct_answers_are_right(exercise, args):
    passes(getattr(ch2, exercise)(*args))


@pytest.mark.parametrize("exercise, args, words", [pytest.param(e, a, w, id=f"{e}: {label}")
                                                   for e, rows in WRONG.items() for label, a, w in rows])
def test_wrong_answers_are_refused_with_their_cause(exercise, args, words):
    args = args() if callable(args) else args  # made just before the check, as in the notebook
    fails(getattr(ch2, exercise)(*args), *words)


def test_every_check_has_five_wrong_answers_and_two_other_right_ones():
    assert set(RIGHT) == set(WRONG) == {name for name in dir(ch2) if name.startswith("exercise_")}
    assert all(len(WRONG[e]) >= 5 and len(RIGHT[e]) >= 2 for e in WRONG)


def test_syn1_with_negative_ages_gets_a_note():
    assert "negative age" in ch2.exercise_3(SYN1).message


def test_a_verdict_never_shows_solution_code():
    message = ch2.exercise_3(DATA.head(3)).message
    assert "multivariate_normal(" not in message and ".rvs(" not in message


def test_an_answer_the_check_cannot_read_gets_a_verdict_not_a_traceback():
    text = pd.DataFrame({"age": ["a"] * 748, "hgt": ["b"] * 748, "wgt": ["c"] * 748})
    fails(ch2.exercise_8(text), "could not read your answer")
