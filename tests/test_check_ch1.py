"""Chapter 1's self-checks: a table of wrong answers per check, each refused with its cause, and correct
answers other than the solution's accepted."""
import numpy as np
import pandas as pd
import pytest

from synthlab import load_boys
from synthlab.check import ch1
from verdicts import fails, passes

KEYS = ["age", "hgt"]
BOYS = load_boys()


def copy_with(**columns):
    frame = BOYS.copy()
    for name, values in columns.items():
        frame[name] = values
    return frame


def rounded(age=lambda a: a.round(), hgt=lambda h: (h / 5).round() * 5):
    return copy_with(age=age(BOYS["age"]), hgt=hgt(BOYS["hgt"]))


def coded(low=0.05, high=0.95, columns=KEYS, how=None):
    frame = BOYS.copy()
    for column in columns:
        lo, hi = BOYS[column].quantile([low, high])
        frame[column] = how(BOYS[column], lo, hi) if how else BOYS[column].clip(lo, hi)
    return frame


def microaggregated(statistic="mean", size=5, order=lambda column: BOYS[column].sort_values().index, to_rows=True):
    frame = BOYS.copy()
    for column in KEYS:
        rows = order(column)
        values = BOYS.loc[rows, column].groupby(np.arange(len(BOYS)) // size).transform(statistic).to_numpy()
        if to_rows:
            frame.loc[rows, column] = values
        else:
            frame[column] = values
    return frame


def noisy(scale=lambda c: 0.2 * c.std(), seed=2024, add=True, mean=0.0, columns=KEYS):
    rng = np.random.default_rng(seed)
    frame = BOYS.copy()
    for column in columns:
        noise = rng.normal(mean, scale(BOYS[column]), size=len(BOYS))
        frame[column] = BOYS[column] + noise if add else noise
    return frame


RIGHT = {
    "exercise_1": [rounded(), rounded(age=np.rint, hgt=lambda h: 5 * np.rint(h / 5)),  # numpy instead of pandas
                   rounded(age=lambda a: np.floor(a + 0.5), hgt=lambda h: 5 * np.floor(h / 5 + 0.5))],  # ties up
    "exercise_2": [coded(), coded(how=lambda s, lo, hi: s.where(s > lo, lo).where(s < hi, hi)),
                   coded(how=lambda s, lo, hi: np.clip(s.to_numpy(), *np.percentile(s, [5, 95])))],
    "exercise_3": [microaggregated(), microaggregated(order=lambda c: BOYS[c].sort_values(kind="stable").index),
                   microaggregated(order=lambda c: BOYS.sort_values([c, "wgt"]).index)],  # ties broken otherwise
    "exercise_4": [noisy(), noisy(seed=7, scale=lambda c: 0.2 * c.std(ddof=0)), noisy(seed=1, scale=lambda c: 0.2 * np.std(c))],
}

WRONG = {
    "exercise_1": [
        ("hgt to whole cm", rounded(hgt=lambda h: h.round()), ["hgt is not on a grid of 5"]),
        ("age floored", rounded(age=np.floor), ["age", "do not cut off (floor)"]),
        ("age ceiled", rounded(age=np.ceil), ["age", "round up (ceil)"]),
        ("hgt to 10 cm", rounded(hgt=lambda h: (h / 10).round() * 10), ["multiple of 10", "coarser grid"]),
        ("age to one decimal", rounded(age=lambda a: a.round(1)), ["age is not on a grid of 1"]),
        ("wgt rounded too", rounded().assign(wgt=BOYS["wgt"].round()), ["changes wgt", "protect only age and hgt"]),
        ("only age rounded", rounded(hgt=lambda h: h), ["rounded['hgt'] equals the original"]),
        ("the observed data", BOYS.copy(), ["equals the original"]),
        ("one column, a Series", rounded()["hgt"], ["a Series of 748 values", "keep the whole table"]),
        ("only the two columns", rounded()[KEYS], ["2 columns", "boys.copy()"]),
    ],
    "exercise_2": [
        ("top coding only", coded(how=lambda s, lo, hi: s.clip(upper=hi)), ["below its 5th percentile"]),
        ("bottom coding only", coded(how=lambda s, lo, hi: s.clip(lower=lo)), ["above its 95th percentile"]),
        ("1st and 99th percentiles", coded(0.01, 0.99), ["below its 5th percentile"]),
        ("10th and 90th percentiles", coded(0.10, 0.90), ["runs from", "quantile 0.05 and 0.95"]),
        ("values beyond set to NaN", coded(how=lambda s, lo, hi: s.where(s.between(lo, hi))), ["missing values"]),
        ("rows beyond dropped", coded().iloc[:700], ["700 rows", "boys.copy()"]),
        ("reg dropped", coded().drop(columns="reg"), ["copy of boys"]),
        ("only age coded", coded(columns=["age"]), ["coded['hgt'] equals the original"]),
    ],
    "exercise_3": [
        ("means on shuffled rows", microaggregated().assign(age=microaggregated()["age"].sample(frac=1, random_state=1).to_numpy()),
         ["wrong rows", "assign by index"]),
        ("means written in sorted order", microaggregated(to_rows=False), ["wrong rows"]),
        ("both sorted by age", microaggregated(order=lambda c: BOYS.sort_values(["age", "hgt"]).index), ["sort by hgt alone"]),
        ("groups in row order", microaggregated(order=lambda c: BOYS.index), ["not consecutive boys", "sort by hgt alone"]),
        ("groups of 10", microaggregated(size=10), ["shared by 10 boys", "groups of 5"]),
        ("group medians", microaggregated(statistic="median"), ["median", "group's mean"]),
        ("rolling means", copy_with(**{c: BOYS[c].sort_values().rolling(5).mean() for c in KEYS}), ["missing values"]),
    ],
    "exercise_4": [
        ("sd of the variable itself", noisy(scale=lambda c: c.std()), ["standard deviation", "should be about"]),
        ("20% of each value", noisy(scale=lambda c: 0.2 * c.to_numpy()), ["not of each value"]),
        ("20% of the variance", noisy(scale=lambda c: 0.2 * c.var()), ["age has standard deviation", "not of the variance"]),
        ("noise instead of the values", noisy(add=False), ["add the noise", "instead of replacing"]),
        ("noise with mean 1", noisy(mean=0.5 * 0.2 * BOYS["age"].std(), columns=["age"]).assign(
            hgt=noisy()["hgt"]), ["not zero", "mean 0"]),
        ("noise of sd 0.2", noisy(scale=lambda c: 0.2), ["should be about"]),
        ("only age noisy", noisy(columns=["age"]), ["noisy['hgt'] equals the original"]),
    ],
}


@pytest.mark.parametrize("exercise, answer", [(e, a) for e, answers in RIGHT.items() for a in answers])
def test_correct_answers_are_right(exercise, answer):
    passes(getattr(ch1, exercise)(answer))


@pytest.mark.parametrize("exercise, answer, words", [pytest.param(e, a, w, id=f"{e}: {label}")
                                                     for e, rows in WRONG.items() for label, a, w in rows])
def test_wrong_answers_are_refused_with_their_cause(exercise, answer, words):
    fails(getattr(ch1, exercise)(answer), *words)


def test_every_check_has_five_wrong_answers_and_two_other_right_ones():
    assert all(len(WRONG[e]) >= 5 and len(RIGHT[e]) >= 3 for e in ch1.__all__)


def test_the_checks_do_not_name_what_chapter_1_has_not_introduced():
    assert "synthlab.syn" not in ch1.exercise_1(rounded()["hgt"]).message
