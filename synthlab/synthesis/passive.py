"""Passive variables: columns computed by a formula from synthetic columns, no model fitted.

A method that starts with ``~`` is a formula, e.g. ``"~ wgt / (hgt / 100) ** 2"`` for bmi
(synthpop: ``"~I(wgt/(hgt/100)^2)"``; R's ``^`` and ``I()`` are accepted too). The formula is
parsed into a syntax tree and evaluated node by node over a restricted namespace: column
names, numbers, arithmetic, comparisons, ``and``/``or``/``not`` and the functions in
:data:`FUNCTIONS`. Nothing else (no attributes, no imports, no ``eval``).

Conditions may be written the R way and keep R's precedence: ``&``/``&&`` (and), ``|``/``||``
(or) and ``!`` (not) bind looser than comparisons, so ``"age < 5 & hgt < 100"`` means
``(age < 5) & (hgt < 100)``; ``^`` is the power. The same parser reads the conditions of
``rules`` and the relations of :func:`synthlab.check_constraints`.
"""
from __future__ import annotations

import ast
import operator
import re

import numpy as np
import pandas as pd

FUNCTIONS = {
    "I": lambda value: value, "abs": np.abs, "exp": np.exp, "log": np.log, "log10": np.log10,
    "log1p": np.log1p, "sqrt": np.sqrt, "round": np.round, "floor": np.floor, "ceil": np.ceil,
    "minimum": np.minimum, "maximum": np.maximum,
}

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
           ast.Pow: operator.pow, ast.BitAnd: operator.and_, ast.BitOr: operator.or_}
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Gt: operator.gt, ast.GtE: operator.ge}


def parse(text: str, what: str = "formula") -> ast.Expression:
    """Parse a formula or condition (a leading ``~`` is dropped); raise ValueError if it is not
    a single expression built from allowed parts.

    Examples
    --------
    >>> sorted(names_in(parse("~ wgt / (hgt / 100) ** 2")))
    ['hgt', 'wgt']
    """
    source = text.strip()
    if source.startswith("~"):
        source = source[1:]
    try:
        tree = ast.parse(python_source(source).strip(), mode="eval")
    except SyntaxError as error:
        raise ValueError(f"{what} {text!r} is not a valid expression: {error.msg}") from None
    for node in ast.walk(tree):
        allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Call, ast.Name,
                   ast.Constant, ast.Load, ast.USub, ast.UAdd, ast.Not, ast.Invert, ast.And, ast.Or,
                   *_BINARY, *_COMPARE)
        if not isinstance(node, allowed):
            raise ValueError(f"{what} {text!r} uses {type(node).__name__}, which is not allowed; use column "
                             f"names, numbers, arithmetic, comparisons and {', '.join(FUNCTIONS)}")
        if isinstance(node, ast.Call) and (not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS
                                           or node.keywords):
            raise ValueError(f"{what} {text!r} calls something other than {', '.join(FUNCTIONS)}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str, bool)):
            raise ValueError(f"{what} {text!r} holds the constant {node.value!r}, which is not allowed")
    return tree


# R's operators and the Python ones with the same precedence (``not``/``and``/``or`` bind looser
# than comparisons, as R's !, & and | do; Python's & and | bind tighter). Longest first.
_R_OPERATORS = [("&&", " and "), ("||", " or "), ("&", " and "), ("|", " or "), ("!=", "!="),
                ("!", " not "), ("^", "**")]
_R_PATTERN = re.compile("|".join(re.escape(r) for r, _ in _R_OPERATORS))
_STRING = re.compile(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def python_source(source: str) -> str:
    """Rewrite R's logical and power operators as Python's, leaving quoted strings alone.

    Examples
    --------
    >>> python_source("age < 5 & !(reg == 'a&b') | hgt ^ 2 > 3")
    "age < 5  and   not (reg == 'a&b')  or  hgt ** 2 > 3"
    """
    replacement = dict(_R_OPERATORS)
    parts = _STRING.split(source)  # odd items are string literals
    return "".join(part if i % 2 else _R_PATTERN.sub(lambda match: replacement[match.group()], part)
                   for i, part in enumerate(parts))


def names_in(tree: ast.Expression) -> set[str]:
    """The column names a parsed formula uses (function names excluded)."""
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} - called


def evaluate(tree: ast.Expression, frame: pd.DataFrame) -> np.ndarray:
    """Evaluate a parsed formula on the columns of ``frame``; one value per row.

    Examples
    --------
    >>> frame = pd.DataFrame({"hgt": [100.0, 200.0], "wgt": [20.0, 80.0]})
    >>> evaluate(parse("~ wgt / (hgt / 100) ** 2"), frame).tolist()
    [20.0, 20.0]
    """
    unknown = sorted(names_in(tree) - set(frame.columns))
    if unknown:
        raise ValueError(f"the formula uses column(s) {', '.join(map(repr, unknown))}, which the data do not "
                         f"have; columns are {', '.join(map(str, frame.columns))}")
    value = _evaluate(tree.body, frame)
    value = value.to_numpy() if isinstance(value, pd.Series) else np.asarray(value)
    return np.broadcast_to(value, (len(frame),)).copy()


def _evaluate(node: ast.AST, frame: pd.DataFrame):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in frame.columns:
            raise ValueError(f"the formula uses {node.id!r}, which is not an available column")
        column = frame[node.id]
        return column if isinstance(column.dtype, pd.CategoricalDtype) else column.to_numpy()
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, frame), _evaluate(node.right, frame))
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, frame)
        if isinstance(node.op, (ast.Not, ast.Invert)):
            return ~np.asarray(operand, dtype=bool)
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BoolOp):
        values = [np.asarray(_evaluate(v, frame), dtype=bool) for v in node.values]
        combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        return combine.reduce(values)
    if isinstance(node, ast.Compare):
        result, left = True, _evaluate(node.left, frame)
        for op, comparator in zip(node.ops, node.comparators):
            right = _evaluate(comparator, frame)
            result = result & np.asarray(_COMPARE[type(op)](left, right), dtype=bool)
            left = right
        return result
    if isinstance(node, ast.Call):
        return FUNCTIONS[node.func.id](*[_evaluate(arg, frame) for arg in node.args])
    raise ValueError(f"cannot evaluate {type(node).__name__}")  # parse() lets nothing else through


def mismatches(tree: ast.Expression, observed: pd.DataFrame, column: str) -> tuple[int, float]:
    """How many observed rows the formula does not reproduce (beyond 1e-8), and the largest gap.

    Examples
    --------
    >>> frame = pd.DataFrame({"hgt": [100.0, 200.0], "wgt": [20.0, 80.0], "bmi": [20.0, 20.004]})
    >>> count, largest = mismatches(parse("wgt / (hgt / 100) ** 2"), frame, "bmi")
    >>> count, round(largest, 3)
    (1, 0.004)
    """
    computed = evaluate(tree, observed).astype(float)
    actual = observed[column].to_numpy(dtype=float)
    gap = np.abs(computed - actual)
    off = ~(gap <= 1e-8 * np.maximum(1.0, np.abs(actual))) & ~(np.isnan(computed) & np.isnan(actual))
    return int(off.sum()), float(np.nanmax(np.where(off, gap, 0.0))) if off.any() else 0.0
