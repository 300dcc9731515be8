"""Chapter 1's self-checks: the solution's releases pass, typical mistakes get the intended message."""
import numpy as np

from synthlab.check import ch1
from verdicts import fails, passes

KEYS = ["age", "hgt"]


def test_exercise_1(boys):
    rounded = boys.copy()
    rounded["age"] = rounded["age"].round()
    rounded["hgt"] = (rounded["hgt"] / 5).round() * 5
    passes(ch1.exercise_1(rounded))
    fails(ch1.exercise_1(rounded.assign(hgt=boys["hgt"].round())), "hgt is not on a grid of 5")
    fails(ch1.exercise_1(rounded.assign(age=np.floor(boys["age"]))), "do not cut off")
    fails(ch1.exercise_1(rounded.assign(wgt=boys["wgt"].round())), "protect only age and hgt")
    fails(ch1.exercise_1(boys), "equals the original")


def test_exercise_2(boys):
    coded = boys.copy()
    for column in KEYS:
        low, high = boys[column].quantile([0.05, 0.95])
        coded[column] = coded[column].clip(low, high)
    passes(ch1.exercise_2(coded))
    top_only = boys.copy()
    for column in KEYS:
        top_only[column] = top_only[column].clip(upper=boys[column].quantile(0.95))
    fails(ch1.exercise_2(top_only), "below its 5th percentile")
    fails(ch1.exercise_2(coded.drop(columns="reg")), "copy of boys")


def test_exercise_3(boys):
    solution = boys.copy()
    for column in KEYS:
        order = boys[column].sort_values().index
        group = np.arange(len(boys)) // 5
        solution.loc[order, column] = boys.loc[order, column].groupby(group).transform("mean").to_numpy()
    passes(ch1.exercise_3(solution))
    fails(ch1.exercise_3(solution.assign(age=solution["age"].sample(frac=1, random_state=1).to_numpy())), "wrong rows")
    joint = boys.copy()
    order = boys.sort_values(["age", "hgt"]).index  # sorted on age for both: wrong groups for hgt
    for column in KEYS:
        joint.loc[order, column] = boys.loc[order, column].groupby(np.arange(len(boys)) // 5).transform("mean").to_numpy()
    fails(ch1.exercise_3(joint), "sort by hgt alone")
    tens = boys.copy()
    for column in KEYS:
        order = boys[column].sort_values().index
        tens.loc[order, column] = boys.loc[order, column].groupby(np.arange(len(boys)) // 10).transform("mean").to_numpy()
    fails(ch1.exercise_3(tens), "groups of 5")


def test_exercise_4(boys):
    def noisy(seed, scale):
        rng = np.random.default_rng(seed)
        frame = boys.copy()
        for column in KEYS:
            frame[column] = boys[column] + rng.normal(0, scale(boys[column]), size=len(boys))
        return frame

    passes(ch1.exercise_4(noisy(2024, lambda c: 0.2 * c.std())))
    passes(ch1.exercise_4(noisy(7, lambda c: 0.2 * c.std(ddof=0))))
    fails(ch1.exercise_4(noisy(2024, lambda c: c.std())), "standard deviation", "should be about")
    fails(ch1.exercise_4(noisy(2024, lambda c: 0.2 * c.to_numpy())), "not of each value")
