"""Chapter 2's self-checks: the solution's answers pass, other correct answers pass, typical mistakes
get the intended message."""
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from synthlab import load_boys
from synthlab.check import ch2
from verdicts import fails, passes


@pytest.fixture(scope="module")
def data_subset():
    return load_boys()[["age", "hgt", "wgt"]]


@pytest.fixture(scope="module")
def chain(data_subset):
    """The conditional chain as the solution makes it (seed 123 after syn1's draws)."""
    rng = np.random.default_rng(123)
    n = len(data_subset)
    rng.multivariate_normal(data_subset.mean(), data_subset.cov(), size=n)
    hgt_age = smf.ols("hgt ~ age", data=data_subset).fit()
    wgt_age_hgt = smf.ols("wgt ~ age + hgt", data=data_subset).fit()
    age_syn = rng.normal(data_subset["age"].mean(), data_subset["age"].std(), size=n)
    b = hgt_age.params
    hgt_syn = b["Intercept"] + b["age"] * age_syn + rng.normal(0, np.sqrt(hgt_age.scale), size=n)
    b = wgt_age_hgt.params
    wgt_line = b["Intercept"] + b["age"] * age_syn + b["hgt"] * hgt_syn
    wgt_syn = wgt_line + rng.normal(0, np.sqrt(wgt_age_hgt.scale), size=n)
    return dict(hgt_age=hgt_age, wgt_age_hgt=wgt_age_hgt, age_syn=age_syn, hgt_syn=hgt_syn, wgt_syn=wgt_syn,
                wgt_line=wgt_line)


def test_exercise_1():
    passes(ch2.exercise_1(np.random.default_rng(123)))
    passes(ch2.exercise_1(np.random.default_rng(7)))  # another seed is still a generator
    fails(ch2.exercise_1(123), "the number 123", "np.random.default_rng(123)")
    fails(ch2.exercise_1(np.random.RandomState(123)), "RandomState")
    fails(ch2.exercise_1(np.random.default_rng), "function")


def test_exercise_2(data_subset):
    passes(ch2.exercise_2(data_subset.mean(), data_subset.cov()))
    passes(ch2.exercise_2(data_subset.to_numpy().mean(axis=0), np.cov(data_subset, rowvar=False, ddof=0)))
    fails(ch2.exercise_2(data_subset.mean(), data_subset[["age", "hgt"]].cov()),
          "your covariance matrix is 2 x 2; it should cover age, hgt and wgt")
    fails(ch2.exercise_2(data_subset.mean(), np.cov(data_subset)), "748 x 748", "rowvar=False")
    fails(ch2.exercise_2(data_subset.mean(), data_subset.corr()), "correlation matrix")
    fails(ch2.exercise_2(load_boys().mean(numeric_only=True), data_subset.cov()), "means holds 6 values")


def test_exercise_3(data_subset):
    from scipy.stats import multivariate_normal

    draws = multivariate_normal(mean=data_subset.mean(), cov=data_subset.cov()).rvs(
        size=len(data_subset), random_state=np.random.default_rng(123))
    syn1 = pd.DataFrame(draws, columns=data_subset.columns)
    verdict = ch2.exercise_3(syn1)
    passes(verdict)
    assert "negative age" in verdict.message  # the first thing that goes wrong is said
    other = np.random.default_rng(99).multivariate_normal(data_subset.mean(), data_subset.cov(), size=748)
    passes(ch2.exercise_3(pd.DataFrame(other, columns=["age", "hgt", "wgt"])))
    fails(ch2.exercise_3(draws), "NumPy array", "DataFrame")
    fails(ch2.exercise_3(syn1.iloc[:, :2]), "2 columns")
    fails(ch2.exercise_3(syn1.head(10)), "10 rows", "748")
    independent = np.random.default_rng(1).multivariate_normal(
        data_subset.mean(), np.diag(np.diag(data_subset.cov())), size=748)
    fails(ch2.exercise_3(pd.DataFrame(independent, columns=data_subset.columns)), "correlate", "whole covariance matrix")
    fails(ch2.exercise_3(data_subset.copy()), "observed values")


def test_exercise_4(data_subset, chain):
    passes(ch2.exercise_4(chain["hgt_age"], chain["wgt_age_hgt"]))
    from sklearn.linear_model import LinearRegression

    sk_h = LinearRegression().fit(data_subset[["age"]], data_subset["hgt"])
    sk_w = LinearRegression().fit(data_subset[["age", "hgt"]], data_subset["wgt"])
    passes(ch2.exercise_4(sk_h, sk_w))
    fails(ch2.exercise_4(smf.ols("hgt ~ age", data=data_subset), chain["wgt_age_hgt"]), "call .fit()")
    fails(ch2.exercise_4(chain["hgt_age"], smf.ols("wgt ~ age", data=data_subset).fit()), "'hgt'")
    fails(ch2.exercise_4(smf.ols("age ~ hgt", data=data_subset).fit(), chain["wgt_age_hgt"]), "terms")


def test_exercise_5(data_subset):
    age = data_subset["age"]
    passes(ch2.exercise_5(age.mean(), age.std()))
    passes(ch2.exercise_5(np.mean(age), np.std(age)))  # ddof 0
    fails(ch2.exercise_5(age.mean(), age.var()), "variance")
    fails(ch2.exercise_5(data_subset.mean(), age.std()), "one number")


def test_exercise_6(data_subset, chain):
    age = data_subset["age"]
    passes(ch2.exercise_6(chain["age_syn"]))
    passes(ch2.exercise_6(pd.Series(np.random.default_rng(5).normal(age.mean(), age.std(), 748))))
    fails(ch2.exercise_6(np.random.default_rng(5).normal(age.mean(), age.var(), 748)), "not the variance")
    fails(ch2.exercise_6(np.random.default_rng(5).normal(age.mean(), age.std())), "one number", "size")
    fails(ch2.exercise_6(age.to_numpy()), "observed ages")


def test_exercise_7(chain):
    age_syn, hgt_age = chain["age_syn"], chain["hgt_age"]
    passes(ch2.exercise_7(chain["hgt_syn"], age_syn))
    predicted = hgt_age.predict(pd.DataFrame({"age": age_syn}))  # model.predict instead of coefficients
    noise = np.random.default_rng(3).normal(0, np.sqrt(hgt_age.scale), 748)
    passes(ch2.exercise_7(predicted + noise, age_syn))
    fails(ch2.exercise_7(predicted, age_syn), "exactly on the regression line", "noise")
    fails(ch2.exercise_7(predicted + noise * np.sqrt(hgt_age.scale), age_syn), "square root")


def test_exercise_8(chain):
    syn2 = pd.DataFrame({"age": chain["age_syn"], "hgt": chain["hgt_syn"], "wgt": chain["wgt_syn"]})
    passes(ch2.exercise_8(syn2))
    passes(ch2.exercise_8(syn2[["wgt", "age", "hgt"]]))  # column order does not matter
    fails(ch2.exercise_8(syn2.assign(wgt=chain["wgt_line"])), "syn2['wgt'] lies exactly on the regression line")
    fails(ch2.exercise_8(syn2.set_axis(["a", "h", "w"], axis=1)), "columns")
    fails(ch2.exercise_8(chain["wgt_syn"]), "DataFrame")


def test_exercise_10(data_subset):
    fits = {name: smf.ols("wgt ~ age + hgt", data=frame).fit().params
            for name, frame in {"observed": data_subset, "syn1": data_subset.sample(frac=1, random_state=1),
                                "syn2": data_subset}.items()}
    coefficients = pd.DataFrame(fits)
    passes(ch2.exercise_10(coefficients))
    passes(ch2.exercise_10(coefficients.T))
    fails(ch2.exercise_10(coefficients[["observed", "syn1"]]), "observed, syn1 and syn2")
    wrong = pd.DataFrame({name: smf.ols("wgt ~ hgt + age", data=data_subset).fit().params[::-1]
                          for name in ["observed", "syn1", "syn2"]})
    fails(ch2.exercise_10(wrong), "observed column")


def test_a_verdict_never_shows_solution_code(data_subset):
    message = ch2.exercise_3(data_subset.head(3)).message
    assert "multivariate_normal(" not in message and ".rvs(" not in message


def test_an_answer_the_check_cannot_read_gets_a_verdict_not_a_traceback(chain):
    text = pd.DataFrame({"age": ["a"] * 748, "hgt": ["b"] * 748, "wgt": ["c"] * 748})
    fails(ch2.exercise_8(text), "could not read your answer")


def test_exercise_11_a_slider_the_learner_builds():
    import ipywidgets

    from synthlab import SplineTradeoff, tv_subset

    model = SplineTradeoff(tv_subset(load_boys()), tolerance=1.0, draws=20, seed=2025)

    def show(df):  # the solution's way: print both scores
        point = model(df)
        print(f"df {df}: utility {point.utility:.2f}, disclosure {point.disclosure:.2f}")

    passes(ch2.exercise_11(ipywidgets.interact(show, df=(1, 25))))
    # Other ways that work: interactive with an IntSlider, returning a Series; a SelectionSlider
    # over the settings under another name, returning rounded numbers.
    passes(ch2.exercise_11(ipywidgets.interactive(
        lambda df: pd.Series({"utility": model(df).utility, "disclosure": model(df).disclosure}),
        df=ipywidgets.IntSlider(min=1, max=25, value=4))))
    passes(ch2.exercise_11(ipywidgets.interactive(
        lambda k: (round(model(k).utility, 3), round(model(k).disclosure, 3)),
        k=ipywidgets.SelectionSlider(options=model.settings))))
    # Typical mistakes, each named.
    fails(ch2.exercise_11(lambda df: show(df)), "my_slider is a function, not a slider")  # interact never ran
    fails(ch2.exercise_11(ipywidgets.IntSlider(min=1, max=25)), "IntSlider on its own", "runs no code")
    fails(ch2.exercise_11(ipywidgets.interactive(show, df=(1, 10))), "the slider stops at 10")
    fails(ch2.exercise_11(ipywidgets.interactive(show, df=(1.0, 25.0))), "a df is a whole number", "FloatSlider")
    fails(ch2.exercise_11(ipywidgets.interactive(show, df=(1, 25, 2))), "skips df 2, 4")
    fails(ch2.exercise_11(ipywidgets.interactive(lambda df: print(round(model(df).utility, 2)), df=(1, 25))),
          "at df 1 the slider shows the utility but not the disclosure")
    path = [model(df) for df in model.settings]  # positions 0..24: path[df] is df + 1
    fails(ch2.exercise_11(ipywidgets.interactive(lambda df: print(path[df].utility, path[df].disclosure),
                                                 df=(1, 25))), "shows the scores of df 2")
    fails(ch2.exercise_11(ipywidgets.interactive(lambda df, noise: print(model(df, noise).utility),
                                                 df=(1, 25), noise=(0.0, 2.0))), "2 controls (df, noise)")

    def breaks(df):
        print(model(df).utility, model(df).disclosure, "next df:", model.settings[df])  # IndexError at df 25

    fails(ch2.exercise_11(ipywidgets.interactive(breaks, df=(1, 25))), "at df 25 your function raised IndexError")
