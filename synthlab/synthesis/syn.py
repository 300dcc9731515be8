"""``syn()``: synthesise a data set one variable at a time, as R's ``synthpop::syn``.

The dispatcher visits the columns in the visit sequence. The first (and any column without
predictors) is drawn from its observed values (``sample``); each later one from a model fitted
on the observed data, the outcome given the columns visited before it (its predictors), applied
to the synthetic columns made so far. Passive columns are computed by their formula, constant
columns and 1:1 recodes of an earlier column are copied (:mod:`synthlab.synthesis.copies`);
rules overwrite restricted values. Each method is a small function in :mod:`synthlab.synthesis.methods`.
"""
from __future__ import annotations

import functools
import os
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from synthlab._blas import one_blas_thread
from synthlab._checks import make_rng, require_frame, require_rows, resolve_n
from synthlab.synthesis.collinear import Collinear, find_collinear
from synthlab.synthesis.copies import Constant, Recode, find_copies
from synthlab.synthesis.methods import METHOD_INFO, METHODS, SynthesisWarning
from synthlab.synthesis.missing import (PRESENT, Indicator, ModelInputs, check_cont_na, find_indicators,
                                        with_missing_level, without_missing_level)
from synthlab.synthesis.numlevels import as_categories, factor_methods, few_valued
from synthlab.synthesis.numtocat import synthesise_grouped
from synthlab.synthesis.strata import synthesise_strata
from synthlab.synthesis.passive import evaluate, mismatches, names_in, parse
from synthlab.synthesis.result import SynResult
from synthlab.synthesis.rules import Rule, broken_in, normalise_rules, restricted, rule_values
from synthlab.synthesis.rvalues import pair_rules, rule_codes
from synthlab.synthesis.smoothing import KINDS as SMOOTHING_KINDS
from synthlab.synthesis.variables import KINDS, as_categorical, describe_kind, kind_of, restore_dtype, same_dtype

TREE_METHODS = ("cart", "ctree", "rf", "ranger", "bag")  # an indicator of missing values keeps these
DEFAULT_METHOD = ("normrank", "logreg", "polyreg", "polr")  # synthpop's default.method


@dataclass(frozen=True)
class _Plan:
    """Everything decided before any drawing: one entry per visited column."""

    visit: list[str]
    methods: dict[str, object]  # method name, callable, or a column computed: Passive, Constant, Recode
    predictors: dict[str, list[str]]
    smoothed: dict[str, str]  # column -> smoothing kind
    rules: dict[str, list[Rule]]
    indicators: dict[str, Indicator] = field(default_factory=dict)  # numeric column -> its missing indicator

    @property
    def hidden(self) -> set[str]:
        """The indicator columns: synthesised, but not part of the output."""
        return {indicator.name for indicator in self.indicators.values()}


@one_blas_thread
def syn(data: pd.DataFrame, method: str | Callable | dict = "cart", *, visit_sequence: Sequence[str] | None = None,
        predictor_matrix: pd.DataFrame | np.ndarray | None = None, k: int | None = None,
        default_method: Sequence[str] = DEFAULT_METHOD, smoothing: str | dict | None = None,
        rules: dict | None = None, rvalues: dict | None = None, cont_na: dict | None = None, m: int = 1,
        seed: int | np.random.Generator | None = None, minnumlevels: int = 1,
        numtocat: str | Sequence[str] | None = None, catgroups: int | Sequence[int] = 5,
        strata: str | Sequence | None = None, minstratumsize: int | None = None) -> SynResult:
    """Synthesise ``data`` variable by variable (fully conditional specification, as synthpop).

    Parameters
    ----------
    data : pandas.DataFrame
        The observed data. Numeric (int, float), categorical (ordered or not), bool, object
        and string columns. Never modified.
    method : str, callable or dict, default "cart"
        One method for every column, or a dict column -> method (unlisted columns get "cart").
        A method is a name in :data:`~synthlab.synthesis.methods.METHODS` (all 15:
        "sample", "cart", "rf", "ranger", "bag", "norm", "normrank", "lognorm", "sqrtnorm",
        "cubertnorm", "logreg", "polyreg", "polr", "satcat", "catall"; ``METHOD_INFO`` says
        which kinds of column each takes), "parametric" (chosen per kind of
        variable from ``default_method``), a passive formula such as
        ``"~ wgt / (hgt / 100) ^ 2"`` (dict only), or a callable
        ``f(y, x, xp, rng) -> values`` or ``-> (values, parameters)``. As in synthpop, a
        column without predictors (the first of the visit sequence, or an empty row of the
        predictor matrix) is synthesised by "sample" whatever its named method (a callable
        is called, with no predictors); a column with one
        value is reproduced ("constant") and one that is a 1:1 recode of an earlier column
        (categorical, or synthesised by "sample", "cart" or "normrank" unsmoothed) is copied
        through the observed mapping ("recode of <column>"), not modelled; a numeric column
        collinear with an earlier one (|r| >= 0.99999, as synthpop's ``collinear.out``) is
        derived from it ("collinear"; see :mod:`synthlab.synthesis.collinear`).
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
    default_method : 4 method names, default ("normrank", "logreg", "polyreg", "polr")
        Used by "parametric" for numeric, binary, unordered and ordered columns (synthpop's
        ``default.method``).
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
        ``{"phb": ("gen == 'G1'", "P1")}``; see :mod:`synthlab.synthesis.rules`. With
        ``rvalues``, as synthpop: column -> condition(s) only, e.g.
        ``{"nociga": "smoke == 'NO'"}``.
    rvalues : dict, optional
        synthpop's ``rvalues``: column -> the value (or list of values, one per condition)
        that its ``rules`` give, e.g. ``{"nociga": -8}``; NaN for "missing" in a numeric
        column. In a numeric column with missing values or codes, rule values count as codes
        too (see :mod:`synthlab.synthesis.rvalues`).
    cont_na : dict, optional
        Numeric column -> codes that mean "missing", e.g. ``{"income": [-9, -8]}`` (synthpop's
        ``cont.na``). Missing values need no such entry: a categorical NA is a category of its
        own, and a numeric column with NaN or codes is synthesised in two steps, first whether
        (and how) it is missing, then its value where it is not; see
        :mod:`synthlab.synthesis.missing`.
    m : int, default 1
        Number of synthetic data sets. Each model is fitted once and draws all m sets, except
        for smoothed columns and custom callables, which see one set at a time.
    seed : int or numpy.random.Generator, optional
        Same seed, same result. Without one, a seed is drawn and stored in the result.
    minnumlevels : int, default 1
        synthpop's ``minnumlevels``: a numeric column with at most this many distinct values
        is synthesised as a categorical one and turned back into numbers (a method that
        needs numbers, such as "normrank", becomes "logreg" or "polyreg"); see
        :mod:`synthlab.synthesis.numlevels`.
    numtocat : str or list of str, optional
        synthpop's ``numtocat``: numeric columns synthesised as ``catgroups`` groups (cut at
        quantiles; ``cont_na`` codes and missing values are groups of their own), then each
        synthetic value drawn from the observed values of its group; see
        :mod:`synthlab.synthesis.numtocat`.
    catgroups : int or list of int, default 5
        Number of groups for each ``numtocat`` column (synthpop's ``catgroups``).
    strata : str, list of str or array of labels, optional
        synthpop's ``syn.strata``: synthesise each stratum (a combination of these columns'
        values, or one label per row) on its own, with as many synthetic rows as a
        multinomial draw with the observed shares gives; see :mod:`synthlab.synthesis.strata`.
        ``.fits`` then holds, per data set, stratum -> its fits; ``.method`` is the first
        stratum's.
    minstratumsize : int, optional
        Fewest observed rows a stratum may have (default 10 + 10 x the number of visited
        columns, as synthpop).

    Returns
    -------
    SynResult
        ``.data`` (a DataFrame, or a list of ``m``), ``.method``, ``.visit_sequence``,
        ``.predictor_matrix``, ``.seed``, ``.fits``, ``.missing`` (the method of each
        missing-value indicator). Output dtypes equal input dtypes.

    Raises
    ------
    TypeError, ValueError
        For an unknown method or one that cannot handle a column's kind, bad visit sequence,
        predictor matrix, ``k``, ``m``, smoothing, rules or ``cont_na``, a passive formula or
        rule that uses a column synthesised later, or a custom method's wrong output.

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
    options = dict(method=method, visit_sequence=visit_sequence, predictor_matrix=predictor_matrix, k=k,
                   default_method=default_method, smoothing=smoothing, rules=rules, rvalues=rvalues,
                   cont_na=cont_na, m=m, seed=seed, minnumlevels=minnumlevels)
    if strata is not None:  # synthpop's syn.strata: each stratum on its own
        return synthesise_strata(syn, data, strata, minstratumsize, options | dict(numtocat=numtocat,
                                                                                    catgroups=catgroups))
    if numtocat is not None:  # synthpop's numtocat: groups first, then values within groups
        return synthesise_grouped(syn, data, numtocat, catgroups, options)
    visit = _visit_sequence(visit_sequence, data)
    original, factors = data, few_valued(data, visit, minnumlevels)  # synthpop's minnumlevels
    data, method = as_categories(data, factors), factor_methods(method, visit, factors, default_method)
    observed = pd.DataFrame({c: with_missing_level(as_categorical(data[c])).array for c in data.columns},
                            index=data.index)  # arrays and the index: pandas need not align the columns
    kinds = {column: kind_of(observed[column]) for column in visit}
    default_method = _default_method(default_method)
    methods = _methods(method, visit, kinds, default_method)
    predictors = _predictor_matrix(predictor_matrix, data, visit, methods)
    chosen = _predictor_lists(predictors, visit)
    methods = {c: "sample" if _needs_predictors(methods[c]) and not chosen[c] else methods[c] for c in visit}
    smoothed = _smoothing(smoothing, visit, methods, data)
    methods, smoothed = _copy_columns(observed, visit, kinds, methods, smoothed, predictors)
    k = resolve_n(k, len(data), "k")
    m = resolve_n(m, 1, "m")
    rule_map = normalise_rules(pair_rules(rules, rvalues), data)
    plan = _Plan(visit, methods, _predictor_lists(predictors, visit), smoothed, rule_map)
    _check_order(plan)
    _warn_about_data(plan, observed)
    modelled = [c for c in visit if _modelled(methods[c]) and kinds[c] == "numeric"]
    indicators, indicator_rules = rule_codes(find_indicators(observed, modelled, check_cont_na(cont_na, original)),
                                             rule_map, observed)
    plan, observed = _with_indicators(replace(plan, rules=rule_map | indicator_rules), observed, indicators)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    stored_seed = None if isinstance(seed, np.random.Generator) else seed
    synthetic, fits = _synthesise(plan, observed, k, m, make_rng(seed).spawn(1)[0])
    sets = [_output_set(synthetic, slice(i * k, (i + 1) * k), original, [c for c in data.columns if c in visit])
            for i in range(m)]
    return SynResult(data=sets[0] if m == 1 else sets, method={c: _method_label(methods[c]) for c in visit},
                     visit_sequence=list(visit), predictor_matrix=predictors, seed=stored_seed, m=m, k=k,
                     n_observed=len(data), smoothing={c: plan.smoothed[c] for c in visit if c in plan.smoothed},
                     rules={c: [(r.condition, r.value) for r in rs] for c, rs in rule_map.items()}, fits=fits,
                     missing={c: _method_label(plan.methods[i.name]) for c, i in plan.indicators.items()},
                     cont_na=check_cont_na(cont_na, data))


def _predictor_lists(predictors: pd.DataFrame, columns: list[str]) -> dict[str, list[str]]:
    """Column -> its predictors (the 1s of its row of the predictor matrix), in data order."""
    used, names = predictors.to_numpy(), predictors.columns.tolist()
    row = {c: i for i, c in enumerate(predictors.index)}
    return {c: [names[j] for j in np.flatnonzero(used[row[c]])] for c in columns}


def _with_indicators(plan: _Plan, observed: pd.DataFrame,
                     indicators: dict[str, Indicator]) -> tuple[_Plan, pd.DataFrame]:
    """Add each missing-value indicator to the plan (visited just before its column, with its
    predictors; a predictor of every column its column predicts) and to the observed data."""
    visit, methods, predictors = [], dict(plan.methods), {}
    for column in plan.visit:
        indicator = indicators.get(column)
        used = []
        for name in plan.predictors[column]:
            used += [indicators[name].name, name] if name in indicators else [name]
        if indicator:
            visit.append(indicator.name)
            methods[indicator.name] = _indicator_method(plan.methods[column], len(indicator.categories), used)
            predictors[indicator.name] = used
            observed = observed.assign(**{indicator.name: indicator.observe(observed[column]).array})
        visit.append(column)
        predictors[column] = used
    return replace(plan, visit=visit, methods=methods, predictors=predictors, indicators=indicators), observed


def _indicator_method(method, levels: int, predictors: list[str]) -> str:
    """synthpop's choice: the column's method if tree- or sample-like, else logreg or polyreg."""
    if not predictors or method == "sample":
        return "sample"
    if isinstance(method, str) and method in TREE_METHODS:
        return method
    return "logreg" if levels == 2 else "polyreg"


def _synthesise(plan: _Plan, observed: pd.DataFrame, k: int, m: int,
                rng: np.random.Generator) -> tuple[_Drawn, list[dict]]:
    """The m synthetic data sets, stacked (k rows each): visit the columns in order, fit, draw.

    Each model is fitted once and draws for all m sets at once, except for methods that must
    see one set at a time (smoothed columns, custom callables, e.g. a proper method). Models
    that need only the observed data (CART trees) are fitted ahead, in parallel threads, while
    the columns are drawn in order (:class:`_FitsAhead`).
    """
    synthetic = _Drawn(k * m)
    fits: list[dict] = [{} for _ in range(m)]
    inputs = ModelInputs(observed, observed, plan.indicators), ModelInputs(synthetic, observed, plan.indicators)
    ahead = _FitsAhead(plan, observed, inputs[0])
    try:
        for column in plan.visit:
            method = plan.methods[column]
            if not _modelled(method):
                used = sorted(method.names) if isinstance(method, Passive) else None  # a formula needs only its columns
                synthetic[column] = restore_dtype(method.compute(synthetic.frame(used)), observed[column], column)
                column_fits = [{}] * m
            else:
                synthetic[column], column_fits = _draw_column(plan, column, observed, synthetic, inputs, k, m,
                                                              rng, ahead.model(column))
            for fit, column_fit in zip(fits, column_fits):
                if column not in plan.hidden:
                    fit[column] = column_fit
    finally:
        ahead.close()
    return synthetic, fits


class _Drawn:
    """The synthetic columns drawn so far (the m sets stacked), as Series with the index 0, 1, ...

    Kept apart rather than in a DataFrame, since adding columns to a DataFrame one by one
    costs about as much as fitting a small model; :meth:`frame` makes one where a passive
    formula or a rule needs it.
    """

    def __init__(self, rows: int):
        self.index = pd.RangeIndex(rows)
        self.columns: dict[str, pd.Series] = {}
        self._frame: pd.DataFrame | None = None

    def __getitem__(self, column: str) -> pd.Series:
        return self.columns[column]

    def __setitem__(self, column: str, values: pd.Series) -> None:
        self.columns[column], self._frame = values, None

    def frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The columns drawn so far as one DataFrame (made once per new column), or only ``columns``."""
        if columns is not None:
            return pd.DataFrame({c: self.columns[c].array for c in columns}, index=self.index)
        if self._frame is None:
            self._frame = pd.DataFrame({c: values.array for c, values in self.columns.items()}, index=self.index)
        return self._frame


AHEAD_MIN_ROWS = 10_000  # fewer observed rows: every model is fitted where it is drawn from


class _FitsAhead:
    """The models that depend on the observed data alone (a method registered with a ``fit``),
    fitted in threads ahead of the drawing; scikit-learn's tree building releases the GIL.

    Fits start in visit order, one per thread at a time, so that only that many copies of
    model inputs exist at once; taking a model starts the next fit. Below
    :data:`AHEAD_MIN_ROWS` observed rows nothing is fitted ahead: a tree then grows in a
    millisecond or two, less than the threads cost in handing Python's lock to and fro.
    """

    def __init__(self, plan: _Plan, observed: pd.DataFrame, inputs: ModelInputs):
        self.plan, self.observed = plan, observed
        self.threads = _threads() if len(observed) >= AHEAD_MIN_ROWS else 0
        self.inputs = (inputs, ModelInputs(observed.iloc[:0], observed, plan.indicators)) if self.threads else None
        self.waiting = [c for c in plan.visit if self.threads and _fit_function(plan.methods[c]) is not None]
        self.started: dict[str, Future] = {}
        self.pool = ThreadPoolExecutor(max_workers=self.threads) if self.threads else None
        self._start()

    def model(self, column: str) -> object | None:
        """The model fitted ahead for ``column``; None if there is none (the method fits it)."""
        future = self.started.pop(column, None)
        if future is None:
            return None
        model = future.result()
        self._start()
        return model

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def _start(self) -> None:
        while self.waiting and len(self.started) < self.threads:
            column = self.waiting.pop(0)
            y, x, _ = _model_data(self.plan, column, self.observed, self.inputs)
            if len(y):  # no rows: the method itself raises the error that says so
                self.started[column] = self.pool.submit(_fit_function(self.plan.methods[column]), y, x)


def _fit_function(method) -> Callable | None:
    return METHOD_INFO[method].fit if isinstance(method, str) else None


def _threads() -> int:
    """Threads that fit models ahead: one per core this process may use, at most four (each
    running fit holds its own copy of its inputs)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 4)


def _model_data(plan: _Plan, column: str, observed: pd.DataFrame,
                inputs: tuple[ModelInputs, ModelInputs]) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """The column's observed values and predictors on the rows its model is fitted to, and
    the synthetic predictors (``inputs``, observed and synthetic, code missing values as
    :func:`~synthlab.synthesis.missing.model_inputs` says)."""
    x, xp = (side(plan.predictors[column]) for side in inputs)
    y, x = _plain(observed[column]), _plain(x)
    if column not in plan.rules and column not in plan.indicators:
        return y, x, xp
    fit_rows = _free_rows(plan, column, observed)
    return (y, x, xp) if fit_rows.all() else (y[fit_rows].reset_index(drop=True), x[fit_rows].reset_index(drop=True),
                                              xp)


def _draw_column(plan: _Plan, column: str, observed: pd.DataFrame, synthetic: _Drawn,
                 inputs: tuple[ModelInputs, ModelInputs], k: int, m: int, rng: np.random.Generator,
                 model: object | None = None) -> tuple[pd.Series, list[dict]]:
    """Fit the column's model on the observed rows it applies to (or take the one fitted
    ahead), draw the synthetic rows it applies to; rules and missing-value indicators fix the
    other rows."""
    method, like = plan.methods[column], observed[column]
    restricted_by = column in plan.rules or column in plan.indicators
    draw_rows = _free_rows(plan, column, synthetic.frame()) if restricted_by else np.ones(k * m, dtype=bool)
    y, x, xp = _model_data(plan, column, observed, inputs)
    if y.empty and draw_rows.any():
        raise ValueError(f"rules for {column!r} hold in every observed row: no rows left to fit a model")
    options = {"smoothing": plan.smoothed[column]} if column in plan.smoothed else {}
    one_at_a_time = bool(options) or callable(method)
    blocks = [draw_rows & (np.arange(k * m) // k == i) for i in range(m)] if one_at_a_time else [draw_rows]
    if model is None and len(blocks) > 1 and len(y) and _fit_function(method) is not None:
        model = _fit_function(method)(y, x)  # fitted once for all m sets
    if model is not None:
        options["model"] = model
    pieces, fitted = [], []
    for rows in blocks:
        values, fit = (_call(method, column, y, x, xp if rows.all() else xp[rows], rng, options) if rows.any()
                       else (y.iloc[:0], {}))
        pieces.append(restore_dtype(values, like, column))
        fitted.append(fit)
    drawn = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0]
    filled = drawn if draw_rows.all() else _fill(drawn, draw_rows, _fixed_values(plan, column, synthetic.frame()), like)
    return filled, fitted if one_at_a_time else fitted * m


def _plain(frame: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """``frame`` with the index 0, 1, ..., n - 1 (as it is, if it has that index already)."""
    index = frame.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return frame
    return frame.reset_index(drop=True)


def _free_rows(plan: _Plan, column: str, frame: pd.DataFrame) -> np.ndarray:
    """Rows a model decides: no rule holds and the value is not missing."""
    free = np.ones(len(frame), dtype=bool)
    if column in plan.rules:
        free &= ~restricted(plan.rules[column], frame)
    if column in plan.indicators:
        free &= (frame[plan.indicators[column].name] == PRESENT).to_numpy()
    return free


def _fixed_values(plan: _Plan, column: str, frame: pd.DataFrame) -> np.ndarray:
    """Values of the rows no model decides: a rule's value, else NaN or the missing-value code."""
    fixed = rule_values(plan.rules[column], frame) if column in plan.rules else np.full(len(frame), None, object)
    if column in plan.indicators:
        indicator = plan.indicators[column]
        status = frame[indicator.name]
        absent = (status != PRESENT).to_numpy()
        fixed[absent] = indicator.values(status[absent])
    return fixed


def _call(method, column, y, x, xp, rng, options) -> tuple[object, object]:
    function = METHODS[method] if isinstance(method, str) else method
    output = function(_plain(y), _plain(x), _plain(xp), rng, **options)
    values, parameters = output if isinstance(output, tuple) and len(output) == 2 else (output, {})
    try:
        right = len(values) == len(xp) and not isinstance(values, (str, dict, pd.DataFrame))
    except TypeError:
        right = False
    if not right:
        got = f"{len(values)} values" if hasattr(values, "__len__") else f"a {type(values).__name__}"
        raise ValueError(f"method {_method_label(method)!r} for {column!r} returned {got} for {len(xp)} synthetic "
                         f"rows: a method must return {len(xp)} values (array, Series or Categorical), optionally "
                         "with its fitted parameters as a second item: (values, parameters)")
    return values, parameters


def _fill(drawn: pd.Series, draw_rows: np.ndarray, fixed: np.ndarray, like: pd.Series) -> pd.Series:
    """Model values where drawn, ``fixed`` values elsewhere (rules' values, NaN, codes)."""
    if draw_rows.all():
        return drawn
    if isinstance(like.dtype, pd.CategoricalDtype):
        codes = np.empty(len(draw_rows), dtype=np.int64)
        codes[draw_rows] = drawn.cat.codes.to_numpy()
        codes[~draw_rows] = like.cat.categories.get_indexer(fixed[~draw_rows])
        return pd.Series(pd.Categorical.from_codes(codes, dtype=like.dtype), name=like.name)
    numbers = np.empty(len(draw_rows), dtype=float)
    numbers[draw_rows] = drawn.to_numpy(dtype=float)
    numbers[~draw_rows] = fixed[~draw_rows].astype(float)
    return restore_dtype(numbers, like, str(like.name))


def _output_set(synthetic: _Drawn, rows: slice, original: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One synthetic data set from its ``rows`` of the stacked sets: ``columns`` in the input's
    order and dtypes, index 0, 1, ..."""
    index = synthetic.index[rows]
    if len(index) < len(synthetic.index):  # one of m > 1 stacked sets: its rows, numbered from 0
        index = pd.RangeIndex(len(index))
        return pd.DataFrame({c: _output_dtype(synthetic[c].iloc[rows].set_axis(index), original[c]) for c in columns},
                            index=index)
    return pd.DataFrame({c: _values(_output_dtype(synthetic[c], original[c])) for c in columns}, index=index)


def _values(column: pd.Series) -> pd.Series | pd.api.extensions.ExtensionArray:
    """What a DataFrame is quickest made of: the column's array (an object column as a Series,
    as pandas would make an array of strings a ``str`` column)."""
    return column if column.dtype == object else column.array


def _output_dtype(column: pd.Series, original: pd.Series) -> pd.Series:
    """Back from the internal Categorical to bool/object/string where the input had that."""
    return same_dtype(without_missing_level(column), original)


# ---------------------------------------------------------------- passive columns

class Passive:
    """A passive column: its formula, parsed once (see :mod:`synthlab.synthesis.passive`)."""

    def __init__(self, formula: str):
        self.formula = formula
        self.tree = parse(formula, what="passive formula")
        self.names = names_in(self.tree)

    def compute(self, frame: pd.DataFrame) -> np.ndarray:
        return evaluate(self.tree, frame)


def _modelled(method) -> bool:
    """False for the columns computed rather than drawn from a model: passive, constant, recode."""
    return not isinstance(method, (Passive, Constant, Recode))


def _needs_predictors(method) -> bool:
    """A named model method; ``catall`` models the first columns jointly, without predictors."""
    return isinstance(method, str) and method != "catall"


def _copy_columns(observed: pd.DataFrame, visit: list[str], kinds: dict, methods: dict, smoothed: dict,
                  predictors: pd.DataFrame) -> tuple[dict, dict]:
    """Constants and 1:1 recodes are copied: their method, smoothing and predictors change.

    A recode's source must keep observed values (categorical, or "sample", "cart", "normrank"
    unsmoothed).
    A constant predicts nothing, and a recode nothing beyond its source: they leave the
    predictor rows (a recode only those that hold its source).
    """
    sources = {c for c in visit if kinds[c] != "numeric" or (
        isinstance(methods[c], str) and METHOD_INFO[methods[c]].reuses_observed and c not in smoothed)}
    candidates = [c for c in visit if not isinstance(methods[c], Passive)]
    collinear = find_collinear(observed, visit, candidates)
    copies = find_copies(observed, visit, [c for c in candidates if c not in collinear], sources) | collinear
    for column, copy in copies.items():
        predictors.loc[column] = 0
        recode = isinstance(copy, Recode) and not isinstance(copy, Collinear)
        redundant = predictors[copy.source] == 1 if recode else slice(None)
        predictors.loc[redundant, column] = 0
        if isinstance(copy, Collinear):
            predictors.loc[column, copy.source] = 1  # as synthpop shows it: derived from its source
    return methods | copies, {c: kind for c, kind in smoothed.items() if c not in copies}


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
    order = {c: i for i, c in enumerate(visit)}
    position = np.array([order.get(c, p) for c in columns])  # p: not visited
    earlier = (position[None, :] < position[:, None]) & (position[:, None] < p)  # row visited after column
    if matrix is None:
        used = earlier.astype(int)
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
        used = values.astype(int)
        index = {c: i for i, c in enumerate(columns)}
        late = [f"{row} <- {col}" for row in visit for col in columns
                if used[index[row], index[col]] == 1 and row != col and order.get(col, p) > order[row]]
        if late:
            warnings.warn("predictor_matrix: ignoring predictors synthesised after their target (target <- "
                          f"predictor): {', '.join(late)}", SynthesisWarning, stacklevel=3)
        used = used * earlier
    for i, column in enumerate(columns):
        if column in order and (isinstance(methods[column], Passive) or methods[column] == "sample"):
            used[i] = 0
    return pd.DataFrame(used, index=columns, columns=columns)


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
    if isinstance(method, (Constant, Recode)):
        return method.label
    if isinstance(method, str):
        return method
    if isinstance(method, functools.partial):
        method = method.func
    return getattr(method, "__name__", type(method).__name__)
