"""``syn()``: synthesise a data set one variable at a time, as R's ``synthpop::syn``.

The dispatcher visits the columns in the visit sequence. The first is drawn from its
observed values (``sample``); each later one from a model fitted on the observed data, the
outcome given the columns visited before it (its predictors), applied to the synthetic
columns made so far. Passive columns are computed by their formula; rules overwrite
restricted values. Each method is a small function in :mod:`synthlab.synthesis.methods`.
"""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from synthlab._checks import make_rng, require_frame, require_rows, resolve_n
from synthlab.synthesis.methods import METHOD_INFO, METHODS, SynthesisWarning
from synthlab.synthesis.passive import evaluate, mismatches, names_in, parse
from synthlab.synthesis.result import SynResult
from synthlab.synthesis.rules import Rule, broken_in, normalise_rules, restricted, rule_values
from synthlab.synthesis.smoothing import KINDS as SMOOTHING_KINDS
from synthlab.synthesis.variables import KINDS, as_categorical, describe_kind, kind_of, restore_dtype

DEFAULT_METHOD = ("norm", "logreg", "polyreg", "polr")


@dataclass(frozen=True)
class _Plan:
    """Everything decided before any drawing: one entry per visited column."""

    visit: list[str]
    methods: dict[str, object]  # method name, parsed formula (passive) or callable
    predictors: dict[str, list[str]]
    smoothed: dict[str, str]  # column -> smoothing kind
    rules: dict[str, list[Rule]]


def syn(data: pd.DataFrame, method: str | Callable | dict = "cart", *, visit_sequence: Sequence[str] | None = None,
        predictor_matrix: pd.DataFrame | np.ndarray | None = None, k: int | None = None,
        default_method: Sequence[str] = DEFAULT_METHOD, smoothing: str | dict | None = None,
        rules: dict | None = None, m: int = 1, seed: int | np.random.Generator | None = None) -> SynResult:
    """Synthesise ``data`` variable by variable (fully conditional specification, as synthpop).

    Parameters
    ----------
    data : pandas.DataFrame
        The observed data. Numeric (int, float), categorical (ordered or not), bool, object
        and string columns. Never modified.
    method : str, callable or dict, default "cart"
        One method for every column, or a dict column -> method (unlisted columns get "cart").
        A method is a name in :data:`~synthlab.synthesis.methods.METHODS` ("sample", "cart",
        "norm", "normrank", "logreg", "polyreg", "polr"), "parametric" (chosen per kind of
        variable from ``default_method``), a passive formula such as
        ``"~ wgt / (hgt / 100) ** 2"`` (dict only), or a callable
        ``f(y, x, xp, rng) -> values`` or ``-> (values, parameters)``. The first column of
        the visit sequence gets "sample" unless the dict names a method for it.
        ``polr`` on a two-category column falls back to ``logreg`` with a warning.
    visit_sequence : sequence of str, optional
        Order of synthesis (default: the column order). Columns left out are not synthesised
        and do not appear in the output.
    predictor_matrix : DataFrame or (p, p) array of 0/1, optional
        Row = column synthesised, column = a predictor for it, in the column order of
        ``data`` (a DataFrame may use any order). Default: every column visited earlier.
        Predictors visited later than their target are ignored, with a warning.
    k : int, optional
        Rows per synthetic data set (default: as many as ``data``).
    default_method : 4 method names
        Used by "parametric" for numeric, binary, unordered and ordered columns.
    smoothing : None, "spline", "density", "rmean" or dict column -> one of these
        Smoothing of numeric columns (integers included, rounded back) synthesised by a
        method that reuses observed values ("cart", "sample", "normrank", "rf", "bag"), as
        synthpop's ``smoothing``: "spline" (synthpop's default kind) replaces the sorted
        synthetic values by R's ``smooth.spline`` fit against their rank, "rmean" by a
        running mean of 5, both rounded to the observed decimals; "density" adds noise with
        one Sheather-Jones bandwidth per column, reflected into the observed range; see
        :mod:`synthlab.synthesis.smoothing`. A string smooths every such column; a dict
        names columns (each must qualify).
    rules : dict, optional
        Restricted values, column -> (condition, value) or a list of such pairs, e.g.
        ``{"phb": ("gen == 'G1'", "P1")}``; see :mod:`synthlab.synthesis.rules`.
    m : int, default 1
        Number of synthetic data sets.
    seed : int or numpy.random.Generator, optional
        Same seed, same result. Without one, a seed is drawn and stored in the result.

    Returns
    -------
    SynResult
        ``.data`` (a DataFrame, or a list of ``m``), ``.method``, ``.visit_sequence``,
        ``.predictor_matrix``, ``.seed``, ``.fits``. Output dtypes equal input dtypes.

    Raises
    ------
    TypeError, ValueError
        For an unknown method or one that cannot handle a column's kind, bad visit sequence,
        predictor matrix, ``k``, ``m``, smoothing or rules, a passive formula or rule that
        uses a column synthesised later, or missing values a method cannot take.

    Warns
    -----
    SynthesisWarning
        When a passive formula or a rule does not hold in the observed data, and on fallbacks.

    Examples
    --------
    >>> import synthlab
    >>> boys = synthlab.load_boys()
    >>> result = syn(boys, method="cart", seed=123)
    >>> result.data.shape
    (748, 9)
    >>> result.method["age"], result.method["hgt"]
    ('sample', 'cart')
    """
    require_frame(data)
    require_rows(data, 1)
    observed = pd.DataFrame({column: as_categorical(data[column]) for column in data.columns})
    visit = _visit_sequence(visit_sequence, data)
    kinds = {column: kind_of(observed[column]) for column in visit}
    default_method = _default_method(default_method)
    methods = _methods(method, visit, kinds, default_method)
    predictors = _predictor_matrix(predictor_matrix, data, visit, methods)
    k = resolve_n(k, len(data), "k")
    m = resolve_n(m, 1, "m")
    rule_map = normalise_rules(rules, data)
    plan = _Plan(visit, methods, {c: predictors.columns[predictors.loc[c] == 1].tolist() for c in visit},
                 _smoothing(smoothing, visit, methods, data), rule_map)
    _check_order(plan)
    _check_missing(plan, observed)
    _warn_about_data(plan, observed)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    stored_seed = None if isinstance(seed, np.random.Generator) else seed
    sets, fits = [], []
    for rng in make_rng(seed).spawn(m):
        synthetic, fitted = _synthesise_once(plan, observed, k, rng)
        sets.append(pd.DataFrame({c: _output_dtype(synthetic[c], data[c]) for c in data.columns if c in visit}))
        fits.append(fitted)
    return SynResult(data=sets[0] if m == 1 else sets, method={c: _method_label(methods[c]) for c in visit},
                     visit_sequence=list(visit), predictor_matrix=predictors, seed=stored_seed, m=m, k=k,
                     n_observed=len(data), smoothing={c: plan.smoothed[c] for c in visit if c in plan.smoothed},
                     rules={c: [(r.condition, r.value) for r in rs] for c, rs in rule_map.items()}, fits=fits)


def _synthesise_once(plan: _Plan, observed: pd.DataFrame, k: int,
                     rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """One synthetic data set: visit the columns in order, fit, draw."""
    synthetic = pd.DataFrame(index=pd.RangeIndex(k))
    fits = {}
    for column in plan.visit:
        method = plan.methods[column]
        if isinstance(method, Passive):
            synthetic[column] = restore_dtype(method.compute(synthetic), observed[column], column)
            fits[column] = {}
            continue
        y, x, xp = observed[column], observed[plan.predictors[column]], synthetic[plan.predictors[column]]
        rules = plan.rules.get(column, [])
        fit_rows = ~restricted(rules, observed) if rules else None
        draw_rows = ~restricted(rules, synthetic) if rules else None
        if rules:
            if not fit_rows.any() and draw_rows.any():
                raise ValueError(f"rules for {column!r} hold in every observed row: no rows left to fit a model")
            y, x, xp = y[fit_rows], x[fit_rows], xp[draw_rows]
        options = {"smoothing": plan.smoothed[column]} if column in plan.smoothed else {}
        if len(xp):
            values, fits[column] = _call(method, column, y, x, xp, rng, options)
        else:  # every synthetic row is restricted by a rule
            values, fits[column] = observed[column].iloc[:0], {}
        drawn = restore_dtype(values, observed[column], column)
        synthetic[column] = _apply_rules(drawn, draw_rows, rules, synthetic, observed[column]) if rules else drawn
    return synthetic, fits


def _call(method, column, y, x, xp, rng, options) -> tuple[object, dict]:
    function = METHODS[method] if isinstance(method, str) else method
    output = function(y.reset_index(drop=True), x.reset_index(drop=True), xp.reset_index(drop=True), rng, **options)
    values, parameters = output if _is_pair(output) else (output, {})
    if len(values) != len(xp):
        raise ValueError(f"method {_method_label(method)!r} for {column!r} returned {len(values)} values "
                         f"for {len(xp)} synthetic rows")
    return values, parameters


def _is_pair(output: object) -> bool:
    return isinstance(output, tuple) and len(output) == 2 and isinstance(output[1], dict)


def _apply_rules(drawn: pd.Series, draw_rows: np.ndarray, rules: list[Rule], synthetic: pd.DataFrame,
                 like: pd.Series) -> pd.Series:
    """Model values where no rule holds, the rules' values where one does."""
    required = rule_values(rules, synthetic)
    if isinstance(like.dtype, pd.CategoricalDtype):
        codes = np.empty(len(synthetic), dtype=np.int64)
        codes[draw_rows] = drawn.cat.codes.to_numpy()
        codes[~draw_rows] = like.cat.categories.get_indexer(required[~draw_rows])
        return pd.Series(pd.Categorical.from_codes(codes, dtype=like.dtype), name=like.name)
    numbers = np.empty(len(synthetic), dtype=float)
    numbers[draw_rows] = drawn.to_numpy(dtype=float)
    numbers[~draw_rows] = required[~draw_rows].astype(float)
    return restore_dtype(numbers, like, str(like.name))


def _output_dtype(column: pd.Series, original: pd.Series) -> pd.Series:
    """Back from the internal Categorical to bool/object/string where the input had that."""
    return column if column.dtype == original.dtype else column.astype(original.dtype)


# ---------------------------------------------------------------- passive columns

class Passive:
    """A passive column: its formula, parsed once (see :mod:`synthlab.synthesis.passive`)."""

    def __init__(self, formula: str):
        self.formula = formula
        self.tree = parse(formula, what="passive formula")
        self.names = names_in(self.tree)

    def compute(self, frame: pd.DataFrame) -> np.ndarray:
        return evaluate(self.tree, frame)


# ---------------------------------------------------------------- argument checks

def _visit_sequence(visit_sequence, data: pd.DataFrame) -> list[str]:
    if visit_sequence is None:
        return list(data.columns)
    if isinstance(visit_sequence, str) or not isinstance(visit_sequence, Sequence | pd.Index | np.ndarray):
        raise TypeError(f"visit_sequence must be a list of column names, got {visit_sequence!r}")
    visit = list(visit_sequence)
    unknown = [str(c) for c in visit if c not in data.columns]
    if unknown:
        raise ValueError(f"visit_sequence names unknown column(s) {', '.join(unknown)}; "
                         f"columns are {', '.join(map(str, data.columns))}")
    repeated = sorted({str(c) for c in visit if visit.count(c) > 1})
    if repeated:
        raise ValueError(f"visit_sequence names column(s) {', '.join(repeated)} more than once")
    if not visit:
        raise ValueError("visit_sequence is empty: name at least one column")
    return visit


def _default_method(default_method) -> tuple[str, ...]:
    if isinstance(default_method, str) or len(default_method) != len(KINDS):
        raise ValueError(f"default_method must name 4 methods, for {', '.join(KINDS)} variables; "
                         f"got {default_method!r}")
    for kind, name in zip(KINDS, default_method):
        if name not in METHODS:
            raise ValueError(f"default_method names unknown method {name!r}; known: {', '.join(sorted(METHODS))}")
        if kind not in METHOD_INFO[name].kinds:
            raise ValueError(f"default_method gives {name!r} for {kind} variables, but {name} cannot "
                             f"synthesise {describe_kind(kind)}")
    return tuple(default_method)


def _methods(method, visit: list[str], kinds: dict[str, str], default_method) -> dict[str, object]:
    if isinstance(method, dict):
        unknown = [str(c) for c in method if c not in kinds]
        if unknown:
            raise ValueError(f"method names column(s) {', '.join(unknown)} that are not in the visit sequence")
        chosen = {c: method.get(c, "sample" if i == 0 else "cart") for i, c in enumerate(visit)}
    elif isinstance(method, str) or callable(method):
        if isinstance(method, str) and method.strip().startswith("~"):
            raise ValueError("a passive formula is for one column: give method as a dict, "
                             "e.g. {'bmi': '~ wgt / (hgt / 100) ** 2'}")
        chosen = {c: "sample" if i == 0 else method for i, c in enumerate(visit)}
    else:
        raise TypeError(f"method must be a string, a callable or a dict from column to method, got {method!r}")
    return {c: _resolve(c, chosen[c], kinds[c], default_method) for c in visit}


def _resolve(column: str, method, kind: str, default_method) -> object:
    if callable(method):
        return method
    if not isinstance(method, str):
        raise TypeError(f"the method for {column!r} must be a string or a callable, got {method!r}")
    if method.strip().startswith("~"):
        if kind != "numeric":
            raise ValueError(f"passive formula {method!r} is for numeric columns, but {column!r} is "
                             f"{describe_kind(kind)}")
        return Passive(method.strip())  # parsed now: a bad formula fails before anything is drawn
    if method == "parametric":
        method = default_method[KINDS.index(kind)]
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} for {column!r}; choose from {', '.join(sorted(METHODS))}, "
                         "'parametric', a '~ formula' or a callable")
    if kind not in METHOD_INFO[method].kinds:
        if method == "polr" and kind == "binary":
            warnings.warn(f"{column!r} has two categories: using 'logreg' instead of 'polr' (as synthpop)",
                          SynthesisWarning, stacklevel=4)
            return "logreg"
        able = sorted(name for name, info in METHOD_INFO.items() if kind in info.kinds)
        raise ValueError(f"method {method!r} cannot synthesise {column!r}, {describe_kind(kind)}; "
                         f"methods for it: {', '.join(able)}")
    return method


def _predictor_matrix(matrix, data: pd.DataFrame, visit: list[str], methods: dict) -> pd.DataFrame:
    columns = list(data.columns)
    p = len(columns)
    if matrix is None:
        used = pd.DataFrame(0, index=columns, columns=columns)
        for i, column in enumerate(visit):
            used.loc[column, visit[:i]] = 1
    else:
        if isinstance(matrix, pd.DataFrame):
            if set(matrix.index) != set(columns) or set(matrix.columns) != set(columns) or matrix.shape != (p, p):
                raise ValueError(f"predictor_matrix must have one row and one column per column of data "
                                 f"({p} x {p}, labelled {', '.join(map(str, columns))}); got {matrix.shape[0]} "
                                 f"x {matrix.shape[1]}")
            values = matrix.loc[columns, columns].to_numpy()
        else:
            values = np.asarray(matrix)
            if values.shape != (p, p):
                raise ValueError(f"predictor_matrix must be {p} x {p} (one row and column per column of data), "
                                 f"got shape {values.shape}")
        if not np.isin(values, [0, 1]).all():
            raise ValueError("predictor_matrix must hold only 0 and 1 (or False and True)")
        used = pd.DataFrame(values.astype(int), index=columns, columns=columns)
        order = {c: i for i, c in enumerate(visit)}
        late = [f"{row} <- {col}" for row in visit for col in columns
                if used.loc[row, col] == 1 and row != col and order.get(col, p) > order[row]]
        if late:
            warnings.warn("predictor_matrix: ignoring predictors synthesised after their target (target <- "
                          f"predictor): {', '.join(late)}", SynthesisWarning, stacklevel=3)
        for row in columns:
            allowed = visit[:order[row]] if row in order else []
            used.loc[row, [c for c in columns if c not in allowed]] = 0
    for column in visit:
        if isinstance(methods[column], Passive) or methods[column] == "sample":
            used.loc[column] = 0
    return used


def _smoothing(smoothing, visit: list[str], methods: dict, data: pd.DataFrame) -> dict[str, str]:
    """Column -> smoothing kind, for the numeric columns a reusing method synthesises."""
    def qualifies(column):
        method = methods[column]
        return (isinstance(method, str) and METHOD_INFO[method].reuses_observed
                and kind_of(as_categorical(data[column])) == "numeric")

    expected = f"None, one of {SMOOTHING_KINDS} or a dict column -> one of them"
    if smoothing is None:
        return {}
    if isinstance(smoothing, str):
        if smoothing not in SMOOTHING_KINDS:
            raise ValueError(f"smoothing must be {expected}; got {smoothing!r}")
        return {c: smoothing for c in visit if qualifies(c)}
    if not isinstance(smoothing, dict):
        raise TypeError(f"smoothing must be {expected}; got {smoothing!r}")
    chosen = {}
    for column, kind in smoothing.items():
        if kind in (None, False, ""):
            continue
        if kind not in SMOOTHING_KINDS:
            raise ValueError(f"smoothing for {column!r} must be one of {SMOOTHING_KINDS}, got {kind!r}")
        if column not in visit:
            raise ValueError(f"smoothing names {column!r}, which is not in the visit sequence")
        if not qualifies(column):
            raise ValueError(f"smoothing applies to numeric columns synthesised by a method that reuses observed "
                             f"values; {column!r} is {data[column].dtype} synthesised by "
                             f"{_method_label(methods[column])!r}")
        chosen[column] = kind
    return chosen


def _check_order(plan: _Plan) -> None:
    """Passive formulas and rule conditions may use only columns synthesised before."""
    position = {c: i for i, c in enumerate(plan.visit)}
    needs = [(column, f"the passive formula {method.formula!r}", method.names)
             for column, method in plan.methods.items() if isinstance(method, Passive)]
    for column, rules in plan.rules.items():
        if column not in position:
            raise ValueError(f"rules name {column!r}, which is not in the visit sequence")
        if isinstance(plan.methods[column], Passive):
            raise ValueError(f"rules cannot restrict the passive column {column!r}")
        needs += [(column, f"the rule condition {rule.condition!r}", rule.names) for rule in rules]
    for column, what, names in needs:
        for name in sorted(names):
            if name not in position:
                raise ValueError(f"{what} for {column!r} uses {name!r}, which is not a synthesised column")
            if position[name] >= position[column]:
                raise ValueError(f"{what} for {column!r} uses {name!r}, which is synthesised after it: put "
                                 f"{name!r} before {column!r} in visit_sequence")


def _check_missing(plan: _Plan, observed: pd.DataFrame) -> None:
    missing = observed.isna().sum()
    for column in plan.visit:
        method = plan.methods[column]
        if isinstance(method, Passive):
            continue
        info = METHOD_INFO.get(method) if isinstance(method, str) else None
        label = _method_label(method)
        if missing[column] and not (info and info.missing_outcome):
            raise ValueError(f"column {column!r} has {missing[column]} missing value(s), which method {label!r} "
                             "cannot take; synthesise it with 'sample' or complete the data first")
        holed = [p for p in plan.predictors[column] if missing[p]]
        if holed and not (info and info.missing_predictors):
            raise ValueError(f"method {label!r} for {column!r} cannot use predictor(s) with missing values: "
                             f"{', '.join(map(str, holed))}; use 'cart', drop them from predictor_matrix "
                             "or complete the data first")


def _warn_about_data(plan: _Plan, observed: pd.DataFrame) -> None:
    """synthpop's warnings: formulas and rules that the observed data do not follow."""
    for column, method in plan.methods.items():
        if isinstance(method, Passive):
            count, largest = mismatches(method.tree, observed, column)
            if count:
                warnings.warn(f"{column!r}: the passive formula {method.formula!r} does not reproduce the observed "
                              f"values in {count} of {len(observed)} rows (largest difference {largest:.3g}); "
                              "the synthetic column follows the formula exactly", SynthesisWarning, stacklevel=3)
    for column, rules in plan.rules.items():
        count = broken_in(rules, observed, column)
        if count:
            warnings.warn(f"{column!r}: the rules do not hold in {count} of {len(observed)} observed rows; "
                          "every synthetic row follows them", SynthesisWarning, stacklevel=3)


def _method_label(method) -> str:
    if isinstance(method, Passive):
        return method.formula
    if isinstance(method, str):
        return method
    if isinstance(method, functools.partial):
        method = method.func
    return getattr(method, "__name__", type(method).__name__)
