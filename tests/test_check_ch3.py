"""Chapter 3's self-checks: a table of wrong answers per check, each refused with its cause, and correct
answers other than the solution's (other seeds, other visit orders, .predict, lstsq) accepted."""
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
LINEAR = ("norm", "logreg", "polyreg", "polr")
BOYS = synthlab.load_boys()


def syn(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        return synthlab.syn(BOYS, *args, **kwargs)


PARAM = syn(method="parametric", default_method=LINEAR, seed=123)
PASSIVE_METHODS = {**PARAM.method, "bmi": BMI}
PASSIVE = syn(method=PASSIVE_METHODS, visit_sequence=VISIT, seed=123)
CART = syn(method={"bmi": BMI}, visit_sequence=VISIT, seed=123)
PLAIN_CART = syn(seed=5)


def _fit(y, x, xp):
    X, XP, names = design_matrix(x, xp)
    return sm.OLS(y.to_numpy(), X).fit(), X, XP, names


def syn_line(y, x, xp, rng):
    fit, X, XP, names = _fit(y, x, xp)
    return XP @ fit.params, {"coefficients": dict(zip(names, fit.params))}


def syn_line_predict(y, x, xp, rng):  # model.predict, and the params as a Series: also right
    fit = smf.ols("y ~ age", data=x.assign(y=y.to_numpy())).fit()
    return fit.predict(xp).to_numpy(), fit.params


def syn_line_lstsq(y, x, xp, rng):  # NumPy alone, values only
    X, XP, names = design_matrix(x, xp)
    beta, *_ = np.linalg.lstsq(X, y.to_numpy(), rcond=None)
    return XP @ beta


def syn_line_on_x(y, x, xp, rng):
    fit, X, XP, names = _fit(y, x, xp)
    return X @ fit.params, {}


def syn_line_no_intercept(y, x, xp, rng):
    fit = sm.OLS(y.to_numpy(), x.to_numpy(dtype=float)).fit()
    return xp.to_numpy(dtype=float) @ fit.params, {}


def noisy_line(sd=lambda fit, y: np.sqrt(fit.scale), draw=lambda rng, sd, n: rng.normal(0, sd, size=n), rows="XP"):
    def method(y, x, xp, rng):
        fit, X, XP, names = _fit(y, x, xp)
        n = len(XP) if rows == "XP" else len(X)
        return XP @ fit.params + draw(rng, sd(fit, y), n), {"sigma": float(np.sqrt(fit.scale))}
    return method


syn_line_noise = noisy_line()


def synthesis_with(hgt_method, **kwargs):
    return syn(method={**PARAM.method, "hgt": hgt_method, **kwargs.pop("methods", {})}, seed=kwargs.pop("seed", 123),
               **kwargs)


NONOISE = synthesis_with(syn_line)

RIGHT = {
    "exercise_1": [synthlab.syn, synthlab.synthesis.syn],
    "exercise_4": [PARAM, syn(method="parametric", default_method=list(LINEAR), seed=2024),
                   syn("parametric", default_method=LINEAR)],
    "exercise_7": [PASSIVE, syn(method=PASSIVE_METHODS, seed=123),  # bmi at position 4, after hgt and wgt: fine
                   syn(method=PASSIVE_METHODS, visit_sequence=VISIT, seed=9)],
    "exercise_9": [CART, CART.data, syn(method={"age": "sample", "bmi": BMI}, visit_sequence=VISIT, seed=1)],
    "exercise_10": [syn_line, syn_line_predict, syn_line_lstsq],
    "exercise_11": [NONOISE, NONOISE.data, synthesis_with(syn_line_lstsq, seed=5)],
    "exercise_12": [syn_line_noise, noisy_line(draw=lambda rng, sd, n: sd * rng.standard_normal(n)),
                    noisy_line(sd=lambda fit, y: np.sqrt(fit.mse_resid))],
}

WRONG = {
    "exercise_1": [
        ("the package", synthlab, ["from synthlab import syn"]),
        ("another function", synthlab.joint_normal, ["from synthlab import syn"]),
        ("a synthesis result", PLAIN_CART, ["SynResult", "from synthlab import syn"]),
        ("the docstring", synthlab.syn.__doc__, ["str", "from synthlab import syn"]),
        ("print", print, ["from synthlab import syn"]),
        ("the subpackage", synthlab.synthesis, ["from synthlab import syn"]),
    ],
    "exercise_4": [
        ("the data alone", PARAM.data, ["synthetic data alone", "without .data", "syn_param.method"]),
        ("the default CART", PLAIN_CART, ["other methods than the parametric ones", "method='parametric'"]),
        ("the observed data", BOYS, ["synthetic data alone"]),
        ("without default_method", syn(method="parametric", seed=123), ["got 'normrank'", "default_method"]),
        ("the function itself", synthlab.syn, ["call it"]),
        ("k = 100 rows", syn(method="parametric", default_method=LINEAR, k=100, seed=123), ["100 rows"]),
    ],
    "exercise_7": [
        ("no formula", PARAM, ["set the method of bmi to the formula"]),
        ("the data alone", PASSIVE.data, ["synthetic data alone", "syn_passive.data"]),
        ("CART for the others", syn(method={"bmi": BMI}, visit_sequence=VISIT, seed=123), ["keep the methods of syn_param"]),
        ("a wrong formula", syn(method={**PARAM.method, "bmi": "~ wgt / hgt ** 2"}, visit_sequence=VISIT, seed=123),
         ["differs from wgt / (hgt / 100) ** 2"]),
        ("the observed data", BOYS, ["synthetic data alone"]),
        ("bmi kept norm, visited last", syn(method=PARAM.method, visit_sequence=VISIT, seed=123), ["formula"]),
    ],
    "exercise_9": [
        ("parametric methods", PASSIVE, ["Negative values remain", "not synthesised with CART"]),
        ("no formula", PLAIN_CART, ["keep its formula"]),
        ("parametric, data alone", PASSIVE.data, ["Negative values remain"]),
        ("syn_param", PARAM, ["Negative values remain", "keep its formula"]),
        ("the observed data", BOYS, ["holds the observed data"]),
        ("nine columns missing", CART.data[["age", "hgt"]], ["lacks the columns"]),
    ],
    "exercise_10": [
        ("predictions for x", syn_line_on_x, ["one per observed row", "xp"]),
        ("with noise", syn_line_noise, ["without noise"]),
        ("no rng argument", lambda y, x, xp: None, ["raised TypeError"]),
        ("three things", lambda y, x, xp, rng: (1, 2, 3), ["returned 3 things"]),
        ("no intercept", syn_line_no_intercept, ["not the regression predictions"]),
        ("the mean of y", lambda y, x, xp, rng: np.full(len(xp), y.mean()), ["not the regression predictions"]),
        ("nothing returned", lambda y, x, xp, rng: None, ["1 values for 300"]),
    ],
    "exercise_11": [
        ("syn_param itself", PARAM, ["hgt was made with 'norm'"]),
        ("with noise", synthesis_with(syn_line_noise).data, ["scatter around the line"]),
        ("CART for the others", syn(method={"hgt": syn_line}, seed=123), ["other variables got CART"]),
        ("the observed data", BOYS, ["holds the observed data"]),
        ("hgt visited first", synthesis_with(syn_line, visit_sequence=["hgt", "age", "wgt", "bmi", "hc", "gen", "phb",
                                                                          "tv", "reg"]).data, ["visit age before hgt"]),
        ("the method, not the synthesis", syn_line, ["call it"]),
    ],
    "exercise_12": [
        ("no noise", syn_line, ["exactly on the regression line", "np.sqrt(fit.scale)"]),
        ("noise with the variance", noisy_line(sd=lambda fit, y: fit.scale), ["not fit.scale"]),
        ("noise with the sd of y", noisy_line(sd=lambda fit, y: np.std(y)), ["standard deviation of y itself"]),
        ("the global generator", noisy_line(draw=lambda rng, sd, n: np.random.normal(0, sd, size=n)),
         ["global generator", "rng.normal"]),
        ("a generator of its own", noisy_line(draw=lambda rng, sd, n: np.random.default_rng(1).normal(0, sd, size=n)),
         ["whatever rng it is given"]),
        ("noise for the observed rows", noisy_line(rows="X"), ["raised ValueError"]),
        ("noise with mean sigma", noisy_line(draw=lambda rng, sd, n: rng.normal(sd, sd, size=n)), ["not centred"]),
    ],
}


# Exercise 14 (SD2011: codes and missing values) takes two answers: syn_sd and the table income
class Args(tuple):
    """Several answers for one check: check(*args)."""


SD = synthlab.load_sd2011(columns=synthlab.data.SD2011_VARIABLES_15)


def sd_syn(data=SD, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        return synthlab.syn(data, **kwargs)


def income_table(synthetic, *, with_codes=False, scale=100, observed=SD):
    def summary(values):
        amounts = values if with_codes else values[values.notna() & (values != -8)]
        return {"% missing": scale * values.isna().mean(), "% -8": scale * (values == -8).mean(),
                "mean": amounts.mean()}
    synthetic = getattr(synthetic, "data", synthetic)
    return pd.DataFrame({"observed": summary(observed["income"]), "synthetic": summary(synthetic["income"])})


def income_by_masks(observed, synthetic):
    """The same table built another way: counts over lengths, -8 replaced by NaN for the mean."""
    frames = {"observed": observed, "synthetic": synthetic}
    return pd.DataFrame({name: [frame["income"].isna().sum() / len(frame) * 100,
                                (frame["income"] == -8).sum() / len(frame) * 100,
                                frame["income"].replace(-8, np.nan).mean()] for name, frame in frames.items()},
                        index=["% missing", "% -8", "mean"])


SD_SYN = sd_syn(cont_na={"income": [-8]}, seed=123)
SD_OTHER = sd_syn(cont_na={"income": -8}, seed=1)                  # another seed, the code as a number
SD_NO_CODES = sd_syn(seed=123)
SD_WRONG_CODE = sd_syn(cont_na={"income": [-9]}, seed=123)
SD_DROPPED = sd_syn(SD.dropna(), cont_na={"income": [-8]}, seed=123)
SD_RECODED = sd_syn(SD.assign(income=SD["income"].replace(-8, np.nan)), seed=123)
SD_RIGHT_TABLE = income_table(SD_SYN)

RIGHT["exercise_14"] = [
    Args((SD_SYN, SD_RIGHT_TABLE)),
    Args((SD_OTHER, income_by_masks(SD, SD_OTHER.data))),
    Args((SD_OTHER.data, income_by_masks(SD, SD_OTHER.data).loc[["mean", "% -8", "% missing"]])),  # data alone
]
WRONG["exercise_14"] = [
    ("no cont_na", Args((SD_NO_CODES, income_table(SD_NO_CODES))), ["without cont_na", "cont_na={'income': [-8]}"]),
    ("the wrong code", Args((SD_WRONG_CODE, income_table(SD_WRONG_CODE))), ["codes 'no income' as -8"]),
    ("rows with missing values dropped", Args((SD_DROPPED, income_table(SD_DROPPED))), ["no missing incomes", "dropped"]),
    ("-8 made missing", Args((SD_RECODED, income_table(SD_RECODED))), ["no income of -8", "turned into a missing value"]),
    ("mean with the code", Args((SD_SYN, income_table(SD_SYN, with_codes=True))), ["counts the code -8"]),
    ("fractions", Args((SD_SYN, income_table(SD_SYN, scale=1))), ["fraction", "times 100"]),
    ("columns swapped", Args((SD_SYN, SD_RIGHT_TABLE[["synthetic", "observed"]].set_axis(["observed", "synthetic"],
                                                                                          axis=1))), ["swapped"]),
    ("a row missing", Args((SD_SYN, SD_RIGHT_TABLE.drop(index="% -8"))), ["lacks the", "'% -8'"]),
    ("the observed data", Args((SD, SD_RIGHT_TABLE)), ["observed data"]),
]


@pytest.mark.parametrize("exercise, answer", [(e, a) for e, answers in RIGHT.items() for a in answers])
def test_correct_answers_are_right(exercise, answer):
    passes(getattr(ch3, exercise)(*answer) if isinstance(answer, Args) else getattr(ch3, exercise)(answer))


@pytest.mark.parametrize("exercise, answer, words", [pytest.param(e, a, w, id=f"{e}: {label}")
                                                     for e, rows in WRONG.items() for label, a, w in rows])
def test_wrong_answers_are_refused_with_their_cause(exercise, answer, words):
    fails(getattr(ch3, exercise)(*answer) if isinstance(answer, Args) else getattr(ch3, exercise)(answer), *words)


def test_every_check_has_five_wrong_answers_and_two_other_right_ones():
    assert set(RIGHT) == set(WRONG) == {name for name in dir(ch3) if name.startswith("exercise_")}
    assert all(len(WRONG[e]) >= 5 and len(RIGHT[e]) >= 2 for e in WRONG)
