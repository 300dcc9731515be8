"""Chapter 5's self-checks: the solution passes, typical mistakes get the intended message."""
import warnings

import pytest

import synthlab
from synthlab.check import ch5
from verdicts import fails, passes

VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]


@pytest.fixture(scope="module")
def syn_cart():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        return synthlab.syn(synthlab.load_boys(), method={"bmi": "~ wgt / (hgt / 100) ** 2"}, visit_sequence=VISIT,
                            smoothing="density", seed=123).data


def solution_checks(syn_cart):
    boys = synthlab.load_boys()
    numeric = syn_cart.select_dtypes("number")
    gap = (syn_cart["bmi"] - syn_cart["wgt"] / (syn_cart["hgt"] / 100) ** 2).abs().max()
    return {"rows with a negative value": int((numeric < 0).any(axis=1).sum()),
            "largest |bmi - wgt / (hgt / 100)^2|": round(float(gap), 6),
            "replicated uniques on age, hgt, reg (%)": synthlab.replicated_uniques(boys, syn_cart, ["age", "hgt", "reg"]).percent,
            "DiSCO of tv given gen, phb, reg (%)": synthlab.disco(boys, syn_cart, ["gen", "phb", "reg"], "tv").percent}


def test_exercise_2(syn_cart):
    checks = solution_checks(syn_cart)
    passes(ch5.exercise_2(checks, syn_cart))
    fails(ch5.exercise_2(dict(list(checks.items())[:3]), syn_cart), "holds 3 results")
    boys = synthlab.load_boys()
    objects = {**checks, "DiSCO of tv given gen, phb, reg (%)": synthlab.disco(boys, syn_cart, ["gen", "phb", "reg"], "tv")}
    fails(ch5.exercise_2(objects, syn_cart), "one number", ".percent")
    # counting negative values of the parametric synthesis does not fit this syn_cart
    fails(ch5.exercise_2({**checks, "rows with a negative value": 40}, syn_cart), "rows with a negative value")


def test_exercise_3(syn_cart, tmp_path):
    folder = tmp_path / "boys_release"
    fails(ch5.exercise_3(folder), "not a folder yet")
    synthlab.write_release(syn_cart, tmp_path / "plain", "boys", description="d", fit_for="f", contact="c",
                           methods={}, checks={})
    fails(ch5.exercise_3(tmp_path / "plain"), "syn_ prefix")
    synthlab.write_release(syn_cart, tmp_path / "other", "data", prefix="syn_", description="d", fit_for="f",
                           contact="c", methods={}, checks={})
    fails(ch5.exercise_3(tmp_path / "other"), "synthetic_boys.csv")
    synthlab.write_release(syn_cart, folder, "boys", prefix="syn_", description="d", fit_for="f", contact="c",
                           methods={}, checks={})
    passes(ch5.exercise_3(folder))
