"""Restricted values: rules such as "phb is P1 whenever gen is G1" (synthpop's rules/rvalues).

``rules`` maps a column to one ``(condition, value)`` pair or a list of them, e.g.
``{"phb": ("gen == 'G1'", "P1")}``. The condition is an expression over columns synthesised
earlier (see :mod:`synthlab.synthesis.passive` for what it may contain). As in synthpop, the
model for the column is fitted on the observed rows where no condition holds, and synthetic
rows where a condition holds get the rule's value; where several hold, the last rule listed
wins. A value of None or NaN makes the rows missing (in a categorical column as well).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synthlab.synthesis.missing import MISSING
from synthlab.synthesis.passive import evaluate, names_in, parse
from synthlab.synthesis.variables import as_categorical, is_numeric


@dataclass(frozen=True)
class Rule:
    """One restriction: where ``condition`` holds, the column takes ``value``."""

    condition: str
    value: object
    tree: ast.Expression

    @property
    def names(self) -> set[str]:
        return names_in(self.tree)


def normalise_rules(rules: dict | None, data: pd.DataFrame) -> dict[str, list[Rule]]:
    """Check ``rules`` and return them as column -> list of :class:`Rule`.

    Examples
    --------
    >>> data = pd.DataFrame({"a": [1.0, 2.0], "b": [0.0, 5.0]})
    >>> normalise_rules({"b": ("a < 1.5", 0.0)}, data)["b"][0].value
    0.0
    """
    if rules is None:
        return {}
    if not isinstance(rules, dict):
        raise TypeError(f"rules must be a dict from column to (condition, value) pairs, got {type(rules).__name__}")
    checked: dict[str, list[Rule]] = {}
    for column, pairs in rules.items():
        if column not in data.columns:
            raise ValueError(f"rules names {column!r}, which is not a column of data")
        if isinstance(pairs, tuple):
            pairs = [pairs]
        if not isinstance(pairs, list) or not all(isinstance(p, tuple) and len(p) == 2 for p in pairs):
            raise TypeError(f"rules[{column!r}] must be a (condition, value) pair or a list of them")
        checked[column] = []
        for condition, value in pairs:
            if not isinstance(condition, str):
                raise TypeError(f"the condition of a rule for {column!r} must be a string, got {condition!r}")
            if not is_numeric(data[column]) and _is_missing(value):
                value = MISSING  # a missing value, as synthpop's rvalue NA for a factor
            else:
                _check_value(value, data[column], column)
            tree = parse(condition, what=f"rule condition for {column!r}")
            unknown = names_in(tree) - set(data.columns)
            if unknown:
                raise ValueError(f"rule condition {condition!r} for {column!r} uses unknown column(s) "
                                 f"{', '.join(map(repr, sorted(unknown)))}")
            checked[column].append(Rule(condition, value, tree))
    return checked


def restricted(rules: list[Rule], frame: pd.DataFrame) -> np.ndarray:
    """Boolean mask of the rows of ``frame`` where any of the rules' conditions holds."""
    mask = np.zeros(len(frame), dtype=bool)
    for rule in rules:
        mask |= evaluate(rule.tree, frame).astype(bool)
    return mask


def rule_values(rules: list[Rule], frame: pd.DataFrame) -> np.ndarray:
    """The value each row of ``frame`` must take (object array; unrestricted rows hold None)."""
    values = np.full(len(frame), None, dtype=object)
    for rule in rules:
        values[evaluate(rule.tree, frame).astype(bool)] = rule.value
    return values


def broken_in(rules: list[Rule], observed: pd.DataFrame, column: str) -> int:
    """How many observed rows break the rules (a condition holds, the value differs)."""
    required = rule_values(rules, observed)
    holds = required != None  # noqa: E711 (element-wise)
    actual = observed[column].to_numpy(dtype=object)
    return int(sum(a != r for a, r in zip(actual[holds], required[holds])))


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _check_value(value: object, column: pd.Series, name: str) -> None:
    if is_numeric(column):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"the value of a rule for numeric column {name!r} must be a number, got {value!r}")
        return
    categories = list(as_categorical(column).cat.categories)
    if value not in categories:
        raise ValueError(f"the value {value!r} of a rule for {name!r} is not one of its categories {categories}")
