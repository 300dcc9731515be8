"""Chapter 5's self-checks: a table of wrong answers per check, each refused with its cause, and correct
answers other than the solution's accepted."""
import warnings

import pytest

import synthlab
from synthlab.check import ch5
from verdicts import fails, passes

VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]
BOYS = synthlab.load_boys()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", synthlab.SynthesisWarning)
    RESULT = synthlab.syn(BOYS, method={"bmi": "~ wgt / (hgt / 100) ** 2"}, visit_sequence=VISIT,
                          smoothing="density", seed=123)
    SYN_CART = RESULT.data
    PARAMETRIC = synthlab.syn(BOYS, method="parametric", default_method=("norm", "logreg", "polyreg", "polr"),
                              seed=123).data


def checks(frame=SYN_CART, negative=None, gap=None, uniques=None, disco=None):
    numeric = frame.select_dtypes("number")
    values = {"rows with a negative value": int((numeric < 0).any(axis=1).sum()),
              "largest |bmi - wgt / (hgt / 100)^2|": float((frame["bmi"] - frame["wgt"] / (frame["hgt"] / 100) ** 2).abs().max()),
              "replicated uniques on age, hgt, reg (%)": synthlab.replicated_uniques(BOYS, frame, ["age", "hgt", "reg"]).percent,
              "DiSCO of tv given gen, phb, reg (%)": synthlab.disco(BOYS, frame, ["gen", "phb", "reg"], "tv").percent}
    for key, value in zip(list(values), [negative, gap, uniques, disco]):
        if value is not None:
            values[key] = value
    return values


def release(tmp_path, name="boys", folder="release", **kwargs):
    arguments = dict(prefix="syn_", description="d", fit_for="f", contact="c", methods=RESULT.method, checks=checks())
    synthlab.write_release(SYN_CART, tmp_path / folder, name, **{**arguments, **kwargs})
    return tmp_path / folder


RIGHT = {
    "exercise_2": [lambda tmp: (checks(), SYN_CART),
                   lambda tmp: ({k: round(v, 1) for k, v in checks().items()}, SYN_CART),
                   lambda tmp: ({"negative rows": checks()["rows with a negative value"], "BMI gap": checks()[
                       "largest |bmi - wgt / (hgt / 100)^2|"], "replicated Uniques (age, hgt, reg)": checks()[
                       "replicated uniques on age, hgt, reg (%)"], "disco tv | gen+phb+reg": checks()["DiSCO of tv given gen, phb, reg (%)"]},
                                 RESULT)],
    "exercise_3": [lambda tmp: (release(tmp), checks()), lambda tmp: (str(release(tmp)),),
                   lambda tmp: (release(tmp, description="Synthetic boys.", fit_for="Exploring.", overwrite=True), checks())],
}

WRONG = {
    "exercise_2": [
        ("three results", lambda tmp: (dict(list(checks().items())[:3]), SYN_CART), ["holds 3 results"]),
        ("result objects", lambda tmp: ({**checks(), "DiSCO of tv given gen, phb, reg (%)": synthlab.disco(
            BOYS, SYN_CART, ["gen", "phb", "reg"], "tv")}, SYN_CART), ["one number", ".percent"]),
        ("negative rows of another synthesis", lambda tmp: (checks(negative=40), SYN_CART), ["rows with a negative value"]),
        ("DiSCO on the wrong keys", lambda tmp: ({**{k: v for k, v in checks().items() if "DiSCO" not in k},
                                                  "DiSCO of tv given age, hgt, reg (%)": 0.0}, SYN_CART),
         ["names age, hgt, reg", "on the keys gen, phb, reg"]),
        ("keys not named", lambda tmp: ({**{k: v for k, v in checks().items() if "uniques" not in k},
                                         "replicated uniques (%)": 0.0}, SYN_CART), ["names no keys"]),
        ("negative values, not rows", lambda tmp: (checks(PARAMETRIC, negative=int((PARAMETRIC.select_dtypes("number") < 0).sum().sum())),
                                                   PARAMETRIC), ["rows with a negative value"]),
        ("uniques as a share", lambda tmp: (checks(SYN_CART, uniques=1.0), SYN_CART), ["replicated uniques"]),
        ("names that say nothing", lambda tmp: (dict(zip("abcd", checks().values())), SYN_CART), ["Name each result"]),
        ("a list", lambda tmp: (list(checks().values()), SYN_CART), ["dict"]),
    ],
    "exercise_3": [
        ("not written", lambda tmp: (tmp / "nothing",), ["not a folder yet"]),
        ("no prefix", lambda tmp: (release(tmp, prefix=""),), ["syn_ prefix"]),
        ("another name", lambda tmp: (release(tmp, name="data"),), ["synthetic_boys.csv"]),
        ("without its checks", lambda tmp: (release(tmp, checks=None), checks()), ["no checks", "checks=checks"]),
        ("without methods", lambda tmp: (release(tmp, methods={}),), ["no synthesis methods", "methods=result.method"]),
        ("with other checks", lambda tmp: (release(tmp, checks={"negative rows": 0}), checks()), ["lacks the check(s)"]),
    ],
}


@pytest.mark.parametrize("exercise, make", [(e, m) for e, answers in RIGHT.items() for m in answers])
def test_correct_answers_are_right(exercise, make, tmp_path):
    passes(getattr(ch5, exercise)(*make(tmp_path)))


@pytest.mark.parametrize("exercise, make, words", [pytest.param(e, m, w, id=f"{e}: {label}")
                                                   for e, rows in WRONG.items() for label, m, w in rows])
def test_wrong_answers_are_refused_with_their_cause(exercise, make, words, tmp_path):
    fails(getattr(ch5, exercise)(*make(tmp_path)), *words)


def test_every_check_has_five_wrong_answers_and_two_other_right_ones():
    assert set(RIGHT) == set(WRONG) == set(ch5.__all__)
    assert all(len(WRONG[e]) >= 5 and len(RIGHT[e]) >= 2 for e in WRONG)
