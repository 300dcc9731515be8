"""Bad input to synthlab.syn: clear errors that name the argument or column."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synthlab import load_boys, syn

BOYS = load_boys()


def test_data_must_be_a_frame():
    with pytest.raises(TypeError, match="data must be a pandas DataFrame"):
        syn(BOYS.to_numpy())


def test_unknown_method_names_column_and_choices():
    with pytest.raises(ValueError, match=r"unknown method 'forest' for 'hgt'; choose from .*cart"):
        syn(BOYS, method={"hgt": "forest"})
    with pytest.raises(ValueError, match=r"unknown method 'forest' for 'hgt'"):
        syn(BOYS, method="forest")


def test_method_of_wrong_type():
    with pytest.raises(TypeError, match="method must be a string, a callable or a dict"):
        syn(BOYS, method=3)
    with pytest.raises(TypeError, match="the method for 'hgt' must be a string or a callable"):
        syn(BOYS, method={"hgt": 3})


def test_method_that_cannot_handle_the_kind_names_both():
    with pytest.raises(ValueError, match=r"method 'norm' cannot synthesise 'gen', an ordered categorical; "
                                         r"methods for it: bag, cart, catall, polr, polyreg, ranger, rf, sample, satcat"):
        syn(BOYS, method="norm")
    with pytest.raises(ValueError, match=r"method 'polr' cannot synthesise 'reg', an unordered categorical"):
        syn(BOYS, method={"reg": "polr"})
    with pytest.raises(ValueError, match=r"method 'logreg' cannot synthesise 'hgt', a numeric variable"):
        syn(BOYS, method={"hgt": "logreg"})


def test_method_dict_with_unknown_column():
    with pytest.raises(ValueError, match="method names column.*weight"):
        syn(BOYS, method={"weight": "norm"})


def test_passive_formula_problems():
    with pytest.raises(ValueError, match="give method as a dict"):
        syn(BOYS, method="~ wgt / hgt")
    with pytest.raises(ValueError, match="passive formula .* is for numeric columns, but 'reg'"):
        syn(BOYS, method={"reg": "~ wgt"})
    with pytest.raises(ValueError, match="not a valid expression"):
        syn(BOYS, method={"bmi": "~ wgt / (hgt"})
    with pytest.raises(ValueError, match="uses Attribute, which is not allowed"):
        syn(BOYS, method={"bmi": "~ wgt.__class__"})
    with pytest.raises(ValueError, match="calls something other than"):
        syn(BOYS, method={"bmi": "~ eval('1')"})


def test_visit_sequence_unknown_or_duplicate():
    with pytest.raises(ValueError, match="visit_sequence names unknown column.*height"):
        syn(BOYS, visit_sequence=["age", "height"])
    with pytest.raises(ValueError, match="visit_sequence names column.*age more than once"):
        syn(BOYS, visit_sequence=["age", "hgt", "age"])
    with pytest.raises(TypeError, match="visit_sequence must be a list"):
        syn(BOYS, visit_sequence="age")
    with pytest.raises(ValueError, match="visit_sequence is empty"):
        syn(BOYS, visit_sequence=[])


def test_predictor_matrix_wrong_shape_or_values():
    with pytest.raises(ValueError, match=r"predictor_matrix must be 9 x 9.*got shape \(3, 3\)"):
        syn(BOYS, predictor_matrix=np.ones((3, 3)))
    with pytest.raises(ValueError, match="predictor_matrix must have one row and one column per column"):
        syn(BOYS, predictor_matrix=pd.DataFrame(1, index=BOYS.columns[:3], columns=BOYS.columns[:3]))
    with pytest.raises(ValueError, match="predictor_matrix must hold only 0 and 1"):
        syn(BOYS, predictor_matrix=np.full((9, 9), 2))


def test_k_and_m_must_be_positive_integers():
    with pytest.raises(ValueError, match="k must be at least 1, got 0"):
        syn(BOYS, k=0)
    with pytest.raises(TypeError, match="k must be a positive integer"):
        syn(BOYS, k=2.5)
    with pytest.raises(ValueError, match="m must be at least 1"):
        syn(BOYS, m=0)


def test_default_method_checked():
    with pytest.raises(ValueError, match="default_method must name 4 methods"):
        syn(BOYS, method="parametric", default_method=("norm", "logreg"))
    with pytest.raises(ValueError, match="default_method gives 'norm' for ordered variables"):
        syn(BOYS, method="parametric", default_method=("norm", "logreg", "polyreg", "norm"))


def test_missing_values_the_method_cannot_take():
    data = BOYS.copy()
    data.loc[3, "hc"] = np.nan
    with pytest.raises(ValueError, match=r"column 'hc' has 1 missing value\(s\), which method 'norm' cannot take"):
        syn(data, method={"hc": "norm"})
    with pytest.raises(ValueError, match=r"method 'norm' for 'tv' cannot use predictor\(s\) with missing values: hc"):
        syn(data, method={"hc": "sample", "tv": "norm"})
    with pytest.raises(ValueError, match="column 'hc' has 1 missing value"):
        syn(data)  # cart cannot take a missing outcome either


def test_smoothing_arguments():
    with pytest.raises(ValueError, match=r"smoothing must be None, one of \('spline', 'density', 'rmean'\)"):
        syn(BOYS, smoothing="loess")
    with pytest.raises(ValueError, match=r"smoothing applies to numeric columns .* 'hgt' is float64 synthesised by 'norm'"):
        syn(BOYS, method={"hgt": "norm"}, smoothing={"hgt": "density"})
    with pytest.raises(ValueError, match="smoothing names 'wgt', which is not in the visit sequence"):
        syn(BOYS, visit_sequence=["age", "hgt"], smoothing={"wgt": "density"})


def test_rule_arguments():
    with pytest.raises(ValueError, match="rules names 'puberty'"):
        syn(BOYS, rules={"puberty": ("gen == 'G1'", "P1")})
    with pytest.raises(ValueError, match=r"the value 'P9' of a rule for 'phb' is not one of its categories"):
        syn(BOYS, rules={"phb": ("gen == 'G1'", "P9")})
    with pytest.raises(ValueError, match=r"rule condition .* for 'gen' uses 'phb', which is synthesised after it"):
        syn(BOYS, rules={"gen": ("phb == 'P1'", "G1")})
    with pytest.raises(ValueError, match="uses unknown column"):
        syn(BOYS, rules={"phb": ("genital == 'G1'", "P1")})
    with pytest.raises(TypeError, match="must be a \\(condition, value\\) pair"):
        syn(BOYS, rules={"phb": "gen == 'G1'"})
    with pytest.raises(TypeError, match="must be a number"):
        syn(BOYS, rules={"hgt": ("age < 1", "short")})


def test_custom_method_returning_wrong_length_or_category():
    with pytest.raises(ValueError, match=r"method 'too_short' for 'hgt' returned 3 values for 748 synthetic rows"):
        def too_short(y, x, xp, rng):
            return np.zeros(3)
        syn(BOYS, method={"hgt": too_short})
    with pytest.raises(ValueError, match=r"synthetic values for column 'reg' include 'mars'"):
        syn(BOYS, method={"reg": lambda y, x, xp, rng: np.full(len(xp), "mars")})
