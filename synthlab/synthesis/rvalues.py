"""synthpop's ``rvalues``: the values that rules give, and how they meet missing values.

synthpop takes rules in two arguments, conditions (``rules``) and the values they restrict
the column to (``rvalues``)::

    syn(data, rules={"nociga": "smoke == 'NO'"}, rvalues={"nociga": -8})

which :func:`pair_rules` turns into synthlab's one argument,
``rules={"nociga": [("smoke == 'NO'", -8)]}``.

For a numeric column that is synthesised in two steps (missing or not first, see
:mod:`synthlab.synthesis.missing`), synthpop counts the rules' values as codes too: an
observed value equal to a rule's value is a level of the column's missing-value indicator
(so the value model is never fitted to it), and the indicator obeys the column's rules, so a
synthetic row where a rule holds gets the rule's value and never NaN or another code
(:func:`rule_codes`).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from synthlab.synthesis.missing import MISSING, PRESENT, Indicator
from synthlab.synthesis.rules import Rule

__all__ = ['pair_rules', 'rule_codes']


def pair_rules(rules: dict | None, rvalues: dict | None) -> dict | None:
    """synthpop's ``rules`` + ``rvalues`` as synthlab's (condition, value) pairs.

    Without ``rvalues``, ``rules`` is returned as it is (pairs already). With them, each
    column of ``rules`` holds a condition or a list of conditions, and ``rvalues`` the same
    number of values.

    Examples
    --------
    >>> pair_rules({"nociga": "smoke == 'NO'"}, {"nociga": -8})
    {'nociga': [("smoke == 'NO'", -8)]}
    >>> pair_rules({"x": ["a < 1", "a > 5"]}, {"x": [0, 9]})
    {'x': [('a < 1', 0), ('a > 5', 9)]}
    """
    if rvalues is None:
        return rules
    if not isinstance(rvalues, dict):
        raise TypeError(f"rvalues must be a dict from column to value(s), as synthpop's, got {type(rvalues).__name__}")
    if rules is None or not isinstance(rules, dict):
        raise ValueError("rvalues needs rules: a dict from column to condition(s), e.g. "
                         "rules={'nociga': \"smoke == 'NO'\"}, rvalues={'nociga': -8}")
    if set(rules) != set(rvalues):
        only_rules = sorted(map(str, set(rules) - set(rvalues)))
        only_values = sorted(map(str, set(rvalues) - set(rules)))
        raise ValueError("rules and rvalues must name the same columns; "
                         + "; ".join(part for part in (f"rules only: {', '.join(only_rules)}" if only_rules else "",
                                                       f"rvalues only: {', '.join(only_values)}" if only_values else "")
                                     if part))
    paired = {}
    for column, conditions in rules.items():
        conditions = [conditions] if isinstance(conditions, str) else conditions
        values = rvalues[column]
        values = list(values) if isinstance(values, (list, tuple, np.ndarray)) else [values]
        if not isinstance(conditions, (list, tuple)) or not all(isinstance(c, str) for c in conditions):
            raise TypeError(f"with rvalues, rules[{column!r}] must be a condition string or a list of them, "
                            f"got {conditions!r}")
        if len(conditions) != len(values):
            raise ValueError(f"rules[{column!r}] has {len(conditions)} condition(s) but rvalues[{column!r}] "
                             f"{len(values)} value(s); give one value per condition")
        paired[column] = list(zip(conditions, values))
    return paired


def rule_codes(indicators: dict[str, Indicator], rules: dict[str, list[Rule]],
               observed: pd.DataFrame) -> tuple[dict[str, Indicator], dict[str, list[Rule]]]:
    """Rules' values as codes of the missing-value indicators, and the indicators' own rules.

    For each numeric column with an indicator and rules: every rule value seen in the
    observed column becomes a code of the indicator (after the ``cont_na`` codes), and the
    indicator gets the column's rules, its value being that code (NaN: the missing level;
    a value never observed: "present", and the column's own rule sets it).

    Returns the indicators, updated, and the rules of the indicator columns (by their names).

    Examples
    --------
    >>> from synthlab.synthesis.missing import find_indicators
    >>> from synthlab.synthesis.rules import normalise_rules
    >>> data = pd.DataFrame({"g": ["a", "b", "b", "a"], "x": [0.0, 2.0, None, 0.0]})
    >>> rules = normalise_rules({"x": [("g == 'a'", 0.0)]}, data)
    >>> indicators, own = rule_codes(find_indicators(data, ["x"], {}), rules, data)
    >>> indicators["x"].categories, own["x.NA"][0].value
    (('present', NA, 0.0), 0.0)
    """
    updated, indicator_rules = dict(indicators), {}
    for column, indicator in indicators.items():
        if column not in rules:
            continue
        values = observed[column].to_numpy(dtype=float)
        categories = list(indicator.categories)
        for rule in rules[column]:
            value = float(rule.value)
            if not math.isnan(value) and value not in categories and (values == value).any():
                categories.append(value)
        updated[column] = Indicator(indicator.column, indicator.name, tuple(categories))
        indicator_rules[indicator.name] = [
            Rule(rule.condition, _code(float(rule.value), categories), rule.tree) for rule in rules[column]]
    return updated, indicator_rules


def _code(value: float, categories: list) -> object:
    if math.isnan(value):
        return MISSING if MISSING in categories else PRESENT
    return value if value in categories else PRESENT
