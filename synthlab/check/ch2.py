"""Self-checks of chapter 2 (the general idea): joint normal and conditional chain by hand.

Every expected value is recomputed from the ``boys`` data (age, hgt, wgt) and, where an
exercise builds on an earlier one, from the learner's own earlier answer.

>>> import numpy as np
>>> from synthlab.check import ch2
>>> ch2.exercise_5(1.0, 2.0).ok
False
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from synthlab.check._verdict import Verdict, Wrong, boys, describe, number, numbers, run, synthetic_frame

COLUMNS = ["age", "hgt", "wgt"]


def _observed() -> pd.DataFrame:
    return boys()[COLUMNS]


def _ols(y: np.ndarray, *predictors: np.ndarray) -> tuple[np.ndarray, float]:
    """Coefficients (intercept first) and residual sd (divided by n - p) of a least-squares fit."""
    X = np.column_stack([np.ones(len(y)), *predictors])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    residuals = y - X @ beta
    return beta, float(np.sqrt(residuals @ residuals / (len(y) - X.shape[1])))


def exercise_1(rng) -> Verdict:
    """``rng`` is a NumPy random Generator (``np.random.default_rng(123)``)."""
    def check(rng):
        if isinstance(rng, np.random.Generator):
            return [], []
        if isinstance(rng, np.random.RandomState):
            return ["rng is a RandomState, NumPy's legacy generator; make a Generator with np.random.default_rng(123)"], []
        if rng is np.random:
            return ["rng is the module numpy.random itself; call np.random.default_rng(123) to get a generator"], []
        if rng is None:
            seeded = np.random.get_state()[1][:5].tolist() == np.random.RandomState(123).get_state()[1][:5].tolist()
            cause = "np.random.seed(123) seeds NumPy's global generator and returns nothing" if seeded else \
                "it was assigned what a call that returns nothing gave back (np.random.seed, print)"
            return [f"rng is None: {cause}; make your own generator, rng = np.random.default_rng(123)"], []
        if callable(rng):
            return ["rng is a function; call it, np.random.default_rng(123), and keep what it returns"], []
        return [f"rng is {describe(rng)}; it should be a generator made by np.random.default_rng(123)"], []
    return run("Exercise 1", check, rng, praise="Every draw in this chapter comes from rng")


def _matrix(answer, name: str) -> np.ndarray:
    if isinstance(answer, pd.DataFrame) and set(answer.index) == set(COLUMNS) == set(answer.columns):
        answer = answer.loc[COLUMNS, COLUMNS]
    values = np.asarray(answer, dtype=float)
    if values.ndim != 2:
        raise Wrong(f"{name} is {describe(answer)}; it should be a matrix, 3 x 3")
    if values.shape != (3, 3):
        rows, cols = values.shape
        hint = ""
        if rows == cols == len(_observed()):
            hint = " (np.cov treats each row as a variable unless you pass rowvar=False; data_subset.cov() avoids that)"
        elif rows == cols and rows in (6, 9):
            hint = " (did you take the covariance of all of boys instead of data_subset?)"
        raise Wrong(f"your covariance matrix is {rows} x {cols}; it should cover age, hgt and wgt, so 3 x 3{hint}")
    return values


def exercise_2(means, varcov) -> Verdict:
    """``means``: the three column means; ``varcov``: their 3 x 3 covariance matrix."""
    def check(means, varcov):
        observed = _observed()
        problems = []
        if isinstance(means, pd.Series) and set(means.index) == set(COLUMNS):
            means = means[COLUMNS]
        m = numbers(means, "means")
        if m.shape != (3,):
            raise Wrong(f"means holds {m.size} values; it should hold the mean of each of age, hgt and wgt")
        if not np.allclose(m, observed.mean().to_numpy(), rtol=1e-6):
            problems.append("means are not the column means of data_subset (data_subset.mean() gives them)")
        v = _matrix(varcov, "varcov")
        expected = observed.cov().to_numpy()
        n = len(observed)
        if np.allclose(np.diag(v), 1) and not np.allclose(expected.diagonal(), 1):
            problems.append("varcov has ones on its diagonal: that is the correlation matrix (corr), "
                            "the covariance matrix is cov()")
        elif np.allclose(v, np.sqrt(np.abs(expected)), rtol=1e-4):
            problems.append("varcov holds standard deviations; the covariance matrix holds variances on its diagonal")
        elif not (np.allclose(v, expected, rtol=1e-6) or np.allclose(v, expected * (n - 1) / n, rtol=1e-6)):
            problems.append("varcov is not the covariance matrix of data_subset (data_subset.cov() gives it)")
        return problems, []
    return run("Exercise 2", check, means, varcov)


def _draws_like_observed(frame: pd.DataFrame, name: str, observed: pd.DataFrame) -> list[str]:
    """Problems if a synthetic sample does not have the observed means, spreads and correlations."""
    problems = []
    sd = observed.std()
    for column in COLUMNS:
        values = frame[column].to_numpy(dtype=float)
        if np.allclose(values, observed[column].to_numpy()):
            return [f"{name}['{column}'] holds the observed values; draw new values from the model instead"]
        gap = abs(values.mean() - observed[column].mean()) / sd[column]
        if gap > 0.2:
            problems.append(f"the mean of {column} is {values.mean():.1f} in {name} but {observed[column].mean():.1f} "
                            "in the observed data")
        ratio = values.std() / sd[column]
        if not 0.8 < ratio < 1.25:
            problems.append(f"the standard deviation of {column} is {values.std():.1f} in {name} but "
                            f"{sd[column]:.1f} in the observed data")
    if problems:
        return problems
    corr, observed_corr = frame[COLUMNS].astype(float).corr(), observed.corr()
    worst = (corr - observed_corr).abs().stack().idxmax()
    if abs(corr.loc[worst] - observed_corr.loc[worst]) > 0.1:
        a, b = worst
        problems.append(f"{a} and {b} correlate {corr.loc[worst]:.2f} in {name} but {observed_corr.loc[worst]:.2f} "
                        "in the observed data: the relations between the variables are in the off-diagonal "
                        "covariances, so draw with the whole covariance matrix")
    return problems


def exercise_3(syn1) -> Verdict:
    """``syn1``: 748 rows drawn from a trivariate normal with the observed means and covariances."""
    def check(syn1):
        observed = _observed()
        n = len(observed)
        if isinstance(syn1, np.ndarray):
            if syn1.ndim != 2 or syn1.shape[1] != 3:
                raise Wrong(f"syn1 is {describe(syn1)}; it should have 3 columns, age, hgt and wgt")
            syn1 = pd.DataFrame(syn1, columns=COLUMNS)
            array_note = ["syn1 is a NumPy array; make it a DataFrame with the columns of data_subset "
                          "(later cells use the names)"]
        else:
            array_note = []
        frame = synthetic_frame(syn1, "syn1")
        if frame.shape[1] != 3:
            raise Wrong(f"syn1 has {frame.shape[1]} columns; it should have 3: age, hgt and wgt")
        if list(frame.columns) != COLUMNS:
            raise Wrong(f"syn1's columns are {list(map(str, frame.columns))}; name them age, hgt and wgt "
                        "(columns=data_subset.columns)")
        if len(frame) != n:
            raise Wrong(f"syn1 has {len(frame)} rows; it should have as many as the observed data, {n}")
        problems = array_note + _draws_like_observed(frame, "syn1", observed)
        notes = []
        negative = int((frame["age"] < 0).sum())
        if not problems and negative:
            notes.append(f"Note: {negative} synthetic boys have a negative age. A normal distribution knows no "
                         "bounds: the first thing that can go wrong with a synthesis model")
        return problems, notes
    return run("Exercise 3", check, syn1, praise="Your syn1 has the observed means and covariances, up to chance")


def _fit_params(fit, name: str, terms: list[str]) -> np.ndarray:
    """Coefficients (intercept first, then ``terms``) of a statsmodels or scikit-learn fit."""
    if hasattr(fit, "params"):
        outcome = getattr(getattr(fit, "model", None), "endog_names", None)
        if isinstance(outcome, str) and outcome != name.split("_")[0]:
            raise Wrong(f"{name} is a regression of {outcome}; it should be the regression of {name.split('_')[0]} "
                        f"(the outcome, left of ~)")
        params = fit.params
        if isinstance(params, pd.Series):
            missing = [t for t in ["Intercept"] + terms if t not in params.index]
            if missing:
                raise Wrong(f"{name} has the terms {list(params.index)}; it should have "
                            f"{['Intercept'] + terms}")
            return params[["Intercept"] + terms].to_numpy(dtype=float)
        return numbers(params, f"{name}.params")
    if hasattr(fit, "coef_") and hasattr(fit, "intercept_"):
        return np.concatenate([[float(fit.intercept_)], np.ravel(fit.coef_)])
    if hasattr(fit, "fit") and hasattr(fit, "endog"):
        raise Wrong(f"{name} is the model, not its fit: call .fit() on it")
    raise Wrong(f"{name} is {describe(fit)}; it should be a fitted regression (smf.ols(...).fit())")


def exercise_4(hgt_age, wgt_age_hgt) -> Verdict:
    """The fits of ``hgt ~ age`` and ``wgt ~ age + hgt`` on the observed data."""
    def check(hgt_age, wgt_age_hgt):
        observed = _observed()
        problems = []
        for fit, name, y, terms in [(hgt_age, "hgt_age", "hgt", ["age"]),
                                    (wgt_age_hgt, "wgt_age_hgt", "wgt", ["age", "hgt"])]:
            params = _fit_params(fit, name, terms)
            expected, _ = _ols(observed[y].to_numpy(), *(observed[t].to_numpy() for t in terms))
            if params.shape != expected.shape:
                problems.append(f"{name} has {params.size} coefficients; {y} ~ {' + '.join(terms)} has {expected.size}")
            elif not np.allclose(params, expected, rtol=1e-4, atol=1e-6):
                problems.append(f"{name} does not have the coefficients of {y} ~ {' + '.join(terms)} fitted on all "
                                f"{len(observed)} rows of data_subset")
        return problems, []
    return run("Exercise 4", check, hgt_age, wgt_age_hgt)


def exercise_5(mean_age, sd_age) -> Verdict:
    """The mean and standard deviation of ``age`` (ddof 0 or 1)."""
    def check(mean_age, sd_age):
        age = _observed()["age"]
        mean, sd = number(mean_age, "mean_age"), number(sd_age, "sd_age")
        problems = []
        if not np.isclose(mean, age.mean(), rtol=1e-6):
            problems.append(f"mean_age is {mean:.3f}; the mean age is {age.mean():.3f}" if np.isclose(
                mean, age.std(), rtol=1e-3) else "mean_age is not the mean of data_subset['age']")
        if np.isclose(sd, age.var(), rtol=1e-3) or np.isclose(sd, age.var(ddof=0), rtol=1e-3):
            problems.append("sd_age is the variance of age; the standard deviation is its square root (.std())")
        elif not (np.isclose(sd, age.std(), rtol=1e-6) or np.isclose(sd, age.std(ddof=0), rtol=1e-6)):
            problems.append("sd_age is not the standard deviation of data_subset['age']")
        return problems, []
    return run("Exercise 5", check, mean_age, sd_age)


def exercise_6(age_syn) -> Verdict:
    """748 draws from a normal distribution with the observed mean and sd of age."""
    def check(age_syn):
        age = _observed()["age"]
        values = numbers(age_syn, "age_syn", len(age))
        problems = []
        if np.allclose(np.sort(values), np.sort(age.to_numpy())):
            return ["age_syn holds the observed ages; draw new ones with rng.normal"], []
        if abs(values.mean() - age.mean()) > 0.2 * age.std():
            problems.append(f"age_syn has mean {values.mean():.2f}; it should be near the observed {age.mean():.2f}")
        ratio = values.std() / age.std()
        if not 0.8 < ratio < 1.25:
            hint = " (rng.normal takes the standard deviation, not the variance)" if ratio > 3 else ""
            problems.append(f"age_syn has standard deviation {values.std():.2f}; it should be near the observed "
                            f"{age.std():.2f}{hint}")
        return problems, []
    return run("Exercise 6", check, age_syn)


def _noise_problems(values: np.ndarray, line: np.ndarray, sigma: float, name: str, model: str,
                    outcome_sd: float | None = None, observed_line: np.ndarray | None = None) -> list[str]:
    residuals = values - line
    spread = residuals.std()
    if spread < 1e-6 * max(sigma, 1) and abs(residuals.mean()) > 1e-6 * max(sigma, 1):
        return [f"{name} lies on a line parallel to the regression line: every row got the same noise value; "
                "draw one value per row (size=...)"]
    if spread < 1e-6 * max(sigma, 1):
        return [f"{name} lies exactly on the regression line: add normal noise with the residual standard "
                f"deviation of {model}"]
    if not 0.8 < spread / sigma < 1.25:
        hint = ""
        if 0.8 < spread / sigma ** 2 < 1.25:
            hint = f" (the noise's standard deviation is the square root of {model}.scale)"
        elif outcome_sd is not None and 0.8 < spread / outcome_sd < 1.25:
            hint = (f" (that is the standard deviation of the outcome itself; the noise has the residual standard "
                    f"deviation, np.sqrt({model}.scale))")
        elif observed_line is not None and 0.8 < (values - observed_line).std() / sigma < 1.25:
            hint = " (the prediction uses the observed predictors; predict from the synthetic ones)"
        elif spread > 2 * sigma:
            hint = " (predict from the synthetic predictors with the model's coefficients, then add the noise)"
        return [f"{name} scatters around the regression line with standard deviation {spread:.2f}; "
                f"it should be about {sigma:.2f}{hint}"]
    if abs(residuals.mean()) > 0.3 * sigma:
        return [f"{name} lies {residuals.mean():.1f} away from the regression line on average; predict from "
                "the synthetic predictors with the model's coefficients (or its .predict)"]
    return []


def exercise_7(hgt_syn, age_syn) -> Verdict:
    """Synthetic heights: the regression of hgt on age at ``age_syn``, plus normal noise."""
    def check(hgt_syn, age_syn):
        observed = _observed()
        ages = numbers(age_syn, "age_syn")
        values = numbers(hgt_syn, "hgt_syn", len(ages))
        beta, sigma = _ols(observed["hgt"].to_numpy(), observed["age"].to_numpy())
        if np.allclose(values, observed["hgt"].to_numpy()):
            return ["hgt_syn holds the observed heights; predict them from age_syn and add noise"], []
        observed_line = beta[0] + beta[1] * observed["age"].to_numpy() if len(ages) == len(observed) else None
        return _noise_problems(values, beta[0] + beta[1] * ages, sigma, "hgt_syn", "hgt_age",
                               outcome_sd=float(observed["hgt"].std()), observed_line=observed_line), []
    return run("Exercise 7", check, hgt_syn, age_syn)


def exercise_8(syn2) -> Verdict:
    """``syn2``: a DataFrame of age_syn, hgt_syn and wgt_syn, the conditional chain's synthetic data."""
    def check(syn2):
        observed = _observed()
        frame = synthetic_frame(syn2, "syn2")
        if sorted(map(str, frame.columns)) != sorted(COLUMNS):
            raise Wrong(f"syn2's columns are {list(map(str, frame.columns))}; they should be age, hgt and wgt "
                        "(your age_syn, hgt_syn and wgt_syn)")
        if len(frame) != len(observed):
            raise Wrong(f"syn2 has {len(frame)} rows; it should have {len(observed)}")
        age, hgt, wgt = (frame[c].to_numpy(dtype=float) for c in COLUMNS)
        beta_h, sigma_h = _ols(observed["hgt"].to_numpy(), observed["age"].to_numpy())
        beta_w, sigma_w = _ols(observed["wgt"].to_numpy(), observed["age"].to_numpy(), observed["hgt"].to_numpy())
        problems = _noise_problems(hgt, beta_h[0] + beta_h[1] * age, sigma_h, "syn2['hgt']", "hgt_age")
        problems += _noise_problems(wgt, beta_w[0] + beta_w[1] * age + beta_w[2] * hgt, sigma_w, "syn2['wgt']",
                                    "wgt_age_hgt")
        return problems or _draws_like_observed(frame, "syn2", observed), []
    return run("Exercise 8", check, syn2, praise="Your syn2 is a chain: age, then hgt given age, then wgt given both")


def exercise_10(coefficients, syn1=None, syn2=None) -> Verdict:
    """``coefficients``: wgt ~ age + hgt on observed, syn1 and syn2, one column per data set (given
    ``syn1`` and ``syn2``, each column is compared with the fit on that set)."""
    def check(coefficients, syn1, syn2):
        if not isinstance(coefficients, pd.DataFrame):
            raise Wrong(f"coefficients is {describe(coefficients)}; make a DataFrame with one column per data set")
        table = coefficients
        if "observed" not in table.columns and "observed" in table.index:
            table = table.T
        missing = [c for c in ["observed", "syn1", "syn2"] if c not in table.columns]
        if missing:
            raise Wrong(f"coefficients has the columns {list(map(str, table.columns))}; it should have one per data "
                        "set: observed, syn1 and syn2")
        if set(map(str, table.index)) == {"Intercept", "age", "hgt"}:
            table = table.loc[["Intercept", "age", "hgt"]]
        if table.shape[0] != 3:
            raise Wrong(f"coefficients has {table.shape[0]} rows; wgt ~ age + hgt has 3 coefficients")
        observed = _observed()
        beta, _ = _ols(observed["wgt"].to_numpy(), observed["age"].to_numpy(), observed["hgt"].to_numpy())
        column = table["observed"].to_numpy(dtype=float)
        if not np.allclose(column, beta, rtol=1e-4):
            return ["the observed column does not hold the coefficients of wgt ~ age + hgt on data_subset "
                    "(intercept, age, hgt)"], []
        far = [name for name in ["syn1", "syn2"] if np.abs(table[name].to_numpy(dtype=float) - beta)[1] > 0.5]
        if far:
            return [f"the age coefficient of {', '.join(far)} is far from the observed one: fit wgt ~ age + hgt "
                    "on each synthetic data set"], []
        fits = {}
        for name, data in [("syn1", syn1), ("syn2", syn2)]:
            if data is not None:
                frame = synthetic_frame(data, name)
                fits[name], _ = _ols(*(frame[c].to_numpy(dtype=float) for c in ["wgt", "age", "hgt"]))
        columns = {name: table[name].to_numpy(dtype=float) for name in ["observed", "syn1", "syn2"]}
        if len(fits) == 2 and np.allclose(columns["syn1"], fits["syn2"], rtol=1e-4) and np.allclose(
                columns["syn2"], fits["syn1"], rtol=1e-4) and not np.allclose(fits["syn1"], fits["syn2"], rtol=1e-4):
            return ["the columns syn1 and syn2 are swapped: the syn1 column holds the fit on syn2"], []
        for name, fit in fits.items():
            if np.allclose(columns[name], beta, rtol=1e-6) and not np.allclose(fit, beta, rtol=1e-6):
                return [f"the {name} column holds the coefficients of the observed data; fit the model on {name}"], []
            if not np.allclose(columns[name], fit, rtol=1e-4):
                return [f"the {name} column does not hold the coefficients of wgt ~ age + hgt fitted on {name}"], []
        return [], []
    return run("Exercise 10", check, coefficients, syn1, syn2)


SPLINE_SETTINGS = list(range(1, 26))  # the df of the chapter's spline_model
_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?")


@lru_cache(maxsize=1)
def _spline_model():
    from synthlab.tradeoff.tv_model import SplineTradeoff, tv_subset

    return SplineTradeoff(tv_subset(boys()), tolerance=1.0, draws=20, seed=2025)


def _slider_values(control) -> list:
    """The values a control of ``interact`` offers, in order."""
    import ipywidgets

    if isinstance(control, ipywidgets.widgets.widget_selection._Selection):
        return list(control._options_values)
    if isinstance(control, (ipywidgets.IntSlider, ipywidgets.BoundedIntText)):
        return list(range(control.min, control.max + 1, control.step or 1))
    if isinstance(control, (ipywidgets.FloatSlider, ipywidgets.BoundedFloatText)):
        raise Wrong(f"the slider {control._kwarg!r} moves in steps of {control.step:g} from {control.min:g} to "
                    f"{control.max:g}, but a df is a whole number: (1, 25) makes an IntSlider, (1.0, 25.0) a "
                    "FloatSlider")
    raise Wrong(f"the control {control._kwarg!r} is a {type(control).__name__}; make it a slider over the df "
                "from 1 to 25, e.g. df=(1, 25)")


def _shown(interactive, kwargs: dict) -> str:
    """Everything the function of ``interactive`` shows for ``kwargs``: printed text, displayed
    objects and the returned value, as text."""
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        result = interactive.f(**kwargs)
    shown = [captured.stdout]
    for output in captured.outputs:
        shown += [str(output.data.get(kind, "")) for kind in ("text/plain", "text/html", "text/markdown")]
    if result is not None:
        shown.append(repr(result))
        if hasattr(result, "to_string"):
            shown.append(result.to_string())
    return "\n".join(shown)


def _shows(text: str, value: float) -> bool:
    """Does ``text`` hold ``value``, rounded to one or more decimals (a whole number only if exact)?"""
    for match in _NUMBER.finditer(text):
        number, decimals = float(match.group(0)), len(match.group(1) or "")
        if abs(number - value) <= (0.5 * 10 ** -decimals if decimals else 0) + 1e-6:
            return True
    return False


def exercise_11(my_slider) -> Verdict:
    """``my_slider``: what ``ipywidgets.interact`` returned (or an ``ipywidgets.interactive``),
    a slider over the df of ``spline_model`` (1 to 25) that shows utility and disclosure."""
    def check(my_slider):
        import ipywidgets

        widget = getattr(my_slider, "widget", my_slider)
        if not isinstance(widget, ipywidgets.interactive):
            if isinstance(my_slider, ipywidgets.Widget):
                raise Wrong(f"my_slider is an ipywidgets.{type(my_slider).__name__} on its own, which runs no "
                            "code when it moves; give interact your function and the slider, "
                            "my_slider = ipywidgets.interact(show, df=(1, 25))")
            if callable(my_slider):
                raise Wrong("my_slider is a function, not a slider; pass it to ipywidgets.interact with the "
                            "slider's range and keep what interact returns")
            raise Wrong(f"my_slider is {describe(my_slider)}; it should be what ipywidgets.interact returns")
        controls = [w for w in widget.kwargs_widgets if isinstance(w, ipywidgets.DOMWidget)]
        if len(controls) != 1:
            names = ", ".join(w._kwarg for w in controls) or "none"
            raise Wrong(f"my_slider has {len(controls)} controls ({names}); the exercise asks for one, over the df")
        control = controls[0]
        values = _slider_values(control)
        missing = [df for df in SPLINE_SETTINGS if df not in values]
        if missing:
            if values and values[-1] < SPLINE_SETTINGS[-1]:
                raise Wrong(f"the slider stops at {values[-1]}; spline_model's df go up to 25")
            raise Wrong(f"the slider skips df {', '.join(map(str, missing[:5]))}"
                        f"{' ...' if len(missing) > 5 else ''}; it should offer every df from 1 to 25")
        extra = [value for value in values if value not in SPLINE_SETTINGS]
        if extra:
            raise Wrong(f"the slider offers {extra[0]}, which is no df of spline_model (they go from 1 to 25)")
        model = _spline_model()
        kwargs = {w._kwarg: w.get_interact_value() for w in widget.kwargs_widgets}
        for df in (1, 4, 16, 25):
            kwargs[control._kwarg] = df
            try:
                text = _shown(widget, kwargs)
            except Exception as error:  # the learner's function, any error
                raise Wrong(f"at df {df} your function raised {type(error).__name__}: {error}") from None
            point = model(df)
            utility, disclosure = _shows(text, point.utility), _shows(text, point.disclosure)
            if not (utility or disclosure):
                for other in (df + 1, df - 1):
                    if other in SPLINE_SETTINGS and _shows(text, model(other).utility) and _shows(
                            text, model(other).disclosure):
                        raise Wrong(f"at df {df} the slider shows the scores of df {other}; spline_path[df] is "
                                    "the point at position df (counted from 0): spline_model(df) gives df's own")
            if not (utility and disclosure):
                shown = ("the utility but not the disclosure" if utility else
                         "the disclosure but not the utility" if disclosure else "neither score")
                raise Wrong(f"at df {df} the slider shows {shown} (utility {point.utility:.2f} and disclosure "
                            f"{point.disclosure:.2f} at noise 1, spline_model(df)); print or return both "
                            "numbers")
        return [], []
    return run("Exercise 11", check, my_slider,
               praise="You built a slider that runs your code at every df; the chapter's slider computed every "
                      "setting ahead instead, so that moving it needs no Python")
