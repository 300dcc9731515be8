"""Conditions and formulas written the R way: R's precedence for & | ! and ^ as power."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synthlab import check_constraints, load_boys, syn
from synthlab.synthesis.passive import evaluate, parse
from synthlab.synthesis.rules import normalise_rules, restricted

BOYS = load_boys()


@pytest.fixture
def counted():
    frame = BOYS.copy()
    frame["n"] = np.arange(len(frame)) % 8  # an integer column: Python's | would make bitwise ors
    return frame


@pytest.mark.parametrize("condition, mask", [
    ("age < 5 & hgt < 100", lambda d: (d.age < 5) & (d.hgt < 100)),
    ("age < 5 && hgt < 100", lambda d: (d.age < 5) & (d.hgt < 100)),
    ("n < 3 | n > 5", lambda d: (d.n < 3) | (d.n > 5)),
    ("n < 3 || n > 5", lambda d: (d.n < 3) | (d.n > 5)),
    ("!n == 2", lambda d: d.n != 2),
    ("!(age > 3) & reg == 'north'", lambda d: (d.age <= 3) & (d.reg == "north")),
    ("n != 4 & gen == 'G1' | n == 0", lambda d: ((d.n != 4) & (d.gen == "G1")) | (d.n == 0)),
    ("n ^ 2 > 10", lambda d: d.n ** 2 > 10),
])
def test_conditions_follow_r_precedence(counted, condition, mask):
    expected = mask(counted).to_numpy()
    assert expected.sum() > 0 and not expected.all()
    assert np.array_equal(evaluate(parse(condition), counted).astype(bool), expected)


def test_integer_or_selects_the_rows_r_selects(counted):
    selected = evaluate(parse("n < 3 | n > 5"), counted).astype(bool)
    assert selected.sum() == ((counted.n < 3) | (counted.n > 5)).sum() == 3 * 94 + 2 * 93


def test_operators_inside_strings_are_left_alone():
    frame = pd.DataFrame({"s": pd.Categorical(["a&b", "a", "!x"])})
    assert evaluate(parse("s == 'a&b' | s == '!x'"), frame).tolist() == [True, False, True]


def test_a_rule_with_r_conditions(counted):
    rules = normalise_rules({"phb": ("age < 5 & hgt < 100", "P1")}, counted)
    assert restricted(rules["phb"], counted).sum() == ((counted.age < 5) & (counted.hgt < 100)).sum()
    data = BOYS[["age", "hgt", "phb"]]
    result = syn(data, rules={"phb": ("age < 5 & hgt < 100", "P1")}, seed=1)
    young = (result.data.age < 5) & (result.data.hgt < 100)
    assert young.sum() > 100 and (result.data.phb[young] == "P1").all()


def test_passive_with_r_power_and_check_constraints_agree():
    data = BOYS[["age", "hgt", "wgt", "bmi"]]
    result = syn(data, method={"bmi": "~ I(wgt / (hgt / 100) ^ 2)"}, seed=2)
    out = check_constraints(result.data, passive={"bmi": "wgt / (hgt / 100) ^ 2"}, tolerance=1e-9)
    assert out["violations"].tolist() == [0]
    broken = result.data.assign(bmi=result.data.bmi + np.where(np.arange(len(data)) < 7, 1.0, 0.0))
    assert check_constraints(broken, passive={"bmi": "wgt / (hgt / 100) ^ 2"})["violations"].tolist() == [7]


def test_check_constraints_reads_r_conditions_as_numbers():
    frame = pd.DataFrame({"a": [1, 5, 7], "flag": [1.0, 0.0, 1.0]})
    out = check_constraints(frame, passive={"flag": "a < 3 | a > 6"})
    assert out["violations"].tolist() == [0]


def test_unknown_column_is_named():
    with pytest.raises(ValueError, match="'height'"):
        check_constraints(BOYS, passive={"bmi": "wgt / (height / 100) ^ 2"})
    with pytest.raises(ValueError, match="'height'"):
        syn(BOYS[["age", "wgt", "bmi"]], method={"bmi": "~ wgt / height"}, seed=1)
    with pytest.raises(ValueError, match="'height'"):
        syn(BOYS[["age", "phb"]], rules={"phb": ("height < 100 & age < 5", "P1")}, seed=1)


@pytest.mark.parametrize("formula", ["~ I(wgt / (hgt / 100) ^ 2)", "wgt / (hgt / 100) ** 2", "~wgt/(hgt/100)^2"])
def test_check_constraints_takes_every_form_syn_takes(formula):
    data = BOYS[["age", "hgt", "wgt", "bmi"]]
    synthetic = syn(data, method={"bmi": "~ wgt / (hgt / 100) ^ 2"}, seed=3).data
    assert check_constraints(synthetic, passive={"bmi": formula}, tolerance=1e-9)["violations"].tolist() == [0]
