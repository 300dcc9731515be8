"""Outcome-specific utility: does one analysis give the same answer on synthetic data?

Fit the same statsmodels formula to the observed data and to each synthetic set and compare
the coefficients as synthpop's ``compare.fit.synds`` does (Nowok, Raab & Dibben 2016):

- synthetic estimate: the mean of the m synthetic coefficients;
- default (``population_inference=False``): the target is the observed-data estimate, so the
  synthetic interval is centred on the synthetic estimate but uses the observed standard
  errors; intervals use the normal quantile (1.96 for 95%);
- ``population_inference=True``: synthpop's variance for inference to the population from
  simple (not proper) synthesis (Raab, Nowok & Dibben 2016): the observed variance times
  1 + n / (k m), k the synthetic and n the observed sample size;
- standardised difference (synthetic - observed) / observed standard error;
- confidence-interval overlap (Karr et al. 2006)
  CIO = 1/2 [(min(U_o, U_s) - max(L_o, L_s)) / (U_o - L_o) + (min(U_o, U_s) - max(L_o, L_s)) / (U_s - L_s)],
  1 for identical intervals, negative when they do not overlap;
- lack of fit d' V^-1 d, d the coefficient differences, V = observed covariance * n / (k m),
  compared with a chi-square on the number of coefficients; n and k count all rows of the
  observed and of a synthetic set, as synthpop's ``n`` and ``k`` (not the complete cases);
- a GLM with a categorical response (two or more levels, bool included) models the
  probability of any level but the first, as R's ``glm`` does with a factor response.

Partially synthetic data (``incomplete=True``: the model's response was not synthesised, as
synthpop's "incomplete" fits) use the spread between the m sets instead, as synthpop does
following Reiter (2003): population inference takes the variance b_m / m + v, b_m the
variance of the m estimates between the sets and v the observed variance; the lack of fit is
Hotelling's T^2 d' (B / m)^-1 d, B the between-set covariance, turned into an F statistic
T^2 (m - p) / (p (m - 1)) on p and m - p degrees of freedom (p coefficients; no test when
m < p).
"""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from patsy import PatsyError
from scipy import stats

from synthlab._checks import require_frame
from synthlab.evaluation.inputs import synthetic_sets

__all__ = ["compare_fit", "ci_overlap"]


def ci_overlap(lower_obs, upper_obs, lower_syn, upper_syn):
    """Confidence-interval overlap of Karr et al. (2006); works element-wise on arrays.

    Examples
    --------
    >>> float(ci_overlap(0.0, 2.0, 1.0, 3.0))
    0.5
    >>> float(ci_overlap(0.0, 1.0, 2.0, 3.0))
    -1.0
    """
    inner = np.minimum(upper_obs, upper_syn) - np.maximum(lower_obs, lower_syn)
    return 0.5 * (inner / (np.asarray(upper_obs) - lower_obs) + inner / (np.asarray(upper_syn) - lower_syn))


def compare_fit(formula: str, observed: pd.DataFrame, synthetic, *,
                family=None, population_inference: bool = False, level: float = 0.95,
                incomplete: bool = False) -> pd.DataFrame:
    """Fit ``formula`` to observed and synthetic data and compare the coefficients.

    Parameters
    ----------
    formula : str
        A statsmodels/patsy formula, e.g. ``"hc ~ age + I(age**2) + hgt + wgt + reg"``.
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult or list of them
        One synthetic set or m of them (a result with ``m > 1`` or a list); their estimates
        are averaged and the variance combined as the module docstring says.
    family : statsmodels family, optional
        None fits ordinary least squares; a family (e.g. ``sm.families.Binomial()``) a GLM.
    population_inference : bool, default False
        Synthetic intervals for inference to the population: observed variance times
        1 + n / (k m), as synthpop. The default uses the observed standard errors.
    level : float, default 0.95
        Confidence level of the intervals.
    incomplete : bool, default False
        True for partially synthetic sets whose response was kept as observed (synthpop's
        "incomplete" case): between-set variance and Hotelling's lack of fit, as the module
        docstring says. With one set, population inference falls back to the rule for
        complete synthesis, with a warning, as synthpop does.

    Missing values: rows with a missing value in a variable of the model are left out of
    that fit (complete cases, as R's ``lm``); n and k in the lack of fit and in
    ``population_inference`` count all rows, as synthpop.

    A categorical response (category, object, string or bool column) in a GLM is modelled
    as R's ``glm`` does: the outcome is 1 for every level but the first (the first category
    of a categorical column, the smallest value of the others, True for bool), so a binomial
    model of ``smoke`` with levels YES, NO gives the log-odds of NO.

    Returns
    -------
    pandas.DataFrame
        One row per coefficient with ``observed``, ``se_observed``, ``synthetic``,
        ``se_synthetic``, ``std_diff``, ``ci_overlap`` and the interval bounds
        (``lower_observed``...). ``.attrs`` holds ``lack_of_fit``, ``lack_of_fit_df``,
        ``lack_of_fit_p``, ``mean_ci_overlap``, ``mean_abs_std_diff``, ``m`` and ``rule``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=50)})
    >>> df["y"] = 2 * df["x"] + rng.normal(size=50)
    >>> out = compare_fit("y ~ x", df, df.copy())
    >>> out["ci_overlap"].round(6).tolist(), out["std_diff"].round(6).tolist()
    ([1.0, 1.0], [0.0, 0.0])
    """
    require_frame(observed, "observed")
    if not isinstance(formula, str) or "~" not in formula:
        raise ValueError(f"formula must be a string such as 'y ~ x1 + x2', got {formula!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, got {level!r}")
    sets = synthetic_sets(synthetic)
    m = len(sets)
    if family is not None:
        observed, sets = _binary_response(formula, observed, sets)
    fit_obs = _fit(formula, observed, family)
    names = fit_obs.params.index
    syn_fits = [_fit(formula, frame, family) for frame in sets]
    for i, fit in enumerate(syn_fits):
        if not fit.params.index.equals(names):
            raise ValueError(f"the model fitted to synthetic set {i} has coefficients "
                             f"{list(fit.params.index)}, the observed fit {list(names)}; "
                             "check that categorical columns have the same levels")
    n = len(observed)
    k = float(np.mean([len(frame) for frame in sets]))
    beta_obs = fit_obs.params.to_numpy()
    cov_obs = fit_obs.cov_params().to_numpy()
    se_obs = np.sqrt(np.diag(cov_obs))
    coefficients = np.array([fit.params.to_numpy() for fit in syn_fits])
    beta_syn = coefficients.mean(axis=0)
    if incomplete and population_inference and m == 1:
        warnings.warn("population inference for partially synthetic data needs m > 1 (ideally 5 or more); "
                      "with one set the rule for complete synthesis is used, as synthpop does", UserWarning,
                      stacklevel=2)
        incomplete = False
    if incomplete and population_inference:
        between = coefficients.var(axis=0, ddof=1)
        se_syn = np.sqrt(between / m + se_obs ** 2)
        rule = ("population inference, partially synthetic: mean of the m synthetic estimates; variance "
                "b/m + observed variance, b between the sets (synthpop; Reiter 2003)")
    elif population_inference:
        se_syn = se_obs * np.sqrt(1 + n / (k * m))
        rule = ("population inference: mean of the m synthetic estimates; observed variance "
                "times 1 + n/(k m) (synthpop; Raab, Nowok & Dibben 2016, simple synthesis)")
    else:
        se_syn = se_obs
        rule = ("inference to the observed-data estimate: mean of the m synthetic estimates, "
                "observed standard errors (synthpop default)")
    z = stats.norm.ppf(1 - (1 - level) / 2)
    table = pd.DataFrame({
        "observed": beta_obs, "se_observed": se_obs,
        "synthetic": beta_syn, "se_synthetic": se_syn,
        "std_diff": (beta_syn - beta_obs) / se_obs,
        "lower_observed": beta_obs - z * se_obs, "upper_observed": beta_obs + z * se_obs,
        "lower_synthetic": beta_syn - z * se_syn, "upper_synthetic": beta_syn + z * se_syn,
    }, index=pd.Index(names, name="term"))
    table["ci_overlap"] = ci_overlap(table["lower_observed"], table["upper_observed"],
                                     table["lower_synthetic"], table["upper_synthetic"])
    diff = beta_syn - beta_obs
    if incomplete:
        lof, lof_p = _hotelling_lack_of_fit(coefficients, diff)
    else:
        lof = float(diff @ np.linalg.pinv(cov_obs * n / (k * m)) @ diff)
        lof_p = float(stats.chi2.sf(lof, len(names)))
    table.attrs.update({
        "lack_of_fit": lof, "lack_of_fit_df": len(names),
        "lack_of_fit_p": lof_p,
        "mean_ci_overlap": float(table["ci_overlap"].mean()),
        "mean_abs_std_diff": float(table["std_diff"].abs().mean()),
        "m": m, "rule": rule + ("; lack of fit: Hotelling's T^2 between the sets" if incomplete else ""),
        "incomplete": incomplete, "formula": formula, "level": level,
    })
    return table


def _hotelling_lack_of_fit(coefficients: np.ndarray, diff: np.ndarray) -> tuple[float, float]:
    """synthpop's lack of fit for partially synthetic sets: Hotelling's T^2 of the mean
    difference with the between-set covariance, as an F statistic; NaN when m < p."""
    m, p = coefficients.shape
    if m < p:
        return float("nan"), float("nan")
    centred = coefficients - coefficients.mean(axis=0)
    covariance = centred.T @ centred / (m - 1) / m
    t_squared = float(diff @ np.linalg.pinv(covariance) @ diff)
    f = t_squared * (m - p) / p / (m - 1)
    return f, float(stats.f.sf(f, p, m - p))


def _binary_response(formula: str, observed: pd.DataFrame, sets: list) -> tuple[pd.DataFrame, list]:
    """A categorical response as R's glm sees it: 0 for the first level, 1 for the others.

    The levels are the observed column's (its categories, else its sorted distinct values);
    a missing value stays missing. Other responses are returned unchanged.
    """
    response = formula.split("~", 1)[0].strip()
    if response not in observed.columns:
        return observed, sets
    column = observed[response]
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return observed, sets
    levels = (column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype)
              else pd.Index(sorted(column.dropna().unique())))
    if len(levels) < 2:
        raise ValueError(f"the response {response!r} has {len(levels)} level(s) in the observed data; "
                         "a GLM of a categorical response needs at least 2")

    def coded(frame: pd.DataFrame) -> pd.DataFrame:
        values = frame[response]
        outcome = (values.astype(object) != levels[0]).astype(float).where(values.notna())
        return frame.assign(**{response: outcome})

    return coded(observed), [coded(frame) for frame in sets]


def _fit(formula: str, data: pd.DataFrame, family):
    """Fit ``formula``; a variable the data lack is named in a KeyError."""
    try:
        model = smf.ols(formula, data) if family is None else smf.glm(formula, data, family=family)
    except PatsyError as error:
        unknown = [name for name in _formula_names(formula) if name not in data.columns]
        if unknown:
            raise KeyError(f"formula names column(s) {', '.join(unknown)} that the data lack") from error
        raise ValueError(f"formula {formula!r} cannot be fitted: {error}") from error
    return model.fit()


def _formula_names(formula: str) -> list[str]:
    """The plain names in a formula that are not functions or Python/patsy keywords."""
    found = [(m.group(), formula[m.end():].lstrip()) for m in re.finditer(r"[A-Za-z_][\w.]*", formula)]
    names = [name for name, rest in found if not rest.startswith("(")]
    return [n for n in dict.fromkeys(names) if n not in {"True", "False", "None"}]
