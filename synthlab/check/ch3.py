"""Self-checks of chapter 3 (generating synthetic data with ``synthlab.syn``).

A synthesis can be handed in as the result of ``syn`` or as its ``.data``; with the data alone
the checks judge what the data show (negative values, the bmi formula, copied values).
Methods of your own are called on the boys data to see what they return.

>>> from synthlab.check import ch3
>>> ch3.exercise_1(print).ok
False
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.check._verdict import Verdict, Wrong, boys, describe, is_result, relative_gap, run, synthetic_frame

BMI = "wgt / (hgt / 100) ** 2"
NUMERIC = ["age", "hgt", "wgt", "bmi", "hc", "tv"]


def exercise_1(syn) -> Verdict:
    """``syn`` is ``synthlab.syn``."""
    def check(syn):
        from synthlab import syn as expected

        if syn is expected:
            return [], []
        return [f"syn is {describe(syn)}; import it with: from synthlab import syn"], []
    return run("Exercise 1", check, syn)


def _frame(answer, name: str, result: str | None = None) -> pd.DataFrame:
    """The synthetic data of an answer; with ``result`` (what later cells read), only a whole result will do."""
    observed = boys()
    if callable(answer) and not hasattr(answer, "data"):
        raise Wrong(f"{name} is {describe(answer)}; call it and keep what it returns")
    frame = synthetic_frame(answer, name, expected="the result of syn")
    if result and not is_result(answer):
        raise Wrong(f"{name} is the synthetic data alone (a DataFrame); keep the whole result of syn, without "
                    f".data: {result}")
    missing = [c for c in observed.columns if c not in frame.columns]
    if missing:
        raise Wrong(f"{name} lacks the columns {missing}; synthesise all nine variables of boys")
    if frame.equals(observed):
        raise Wrong(f"{name} holds the observed data; pass boys to syn and keep what it returns")
    return frame


def _methods(answer) -> dict | None:
    method = getattr(answer, "method", None)
    return dict(method) if isinstance(method, dict) else None


def _bmi_gap(frame: pd.DataFrame) -> float:
    return float((frame["bmi"] - frame["wgt"] / (frame["hgt"] / 100) ** 2).abs().max())


def exercise_4(syn_param) -> Verdict:
    """``syn_param``: the parametric synthesis (norm, logreg, polyreg, polr), seed 123."""
    def check(syn_param):
        frame = _frame(syn_param, "syn_param", result="the next exercises read syn_param.method and syn_param.data")
        problems = []
        methods = _methods(syn_param)
        expected = {"hgt": "norm", "wgt": "norm", "bmi": "norm", "hc": "norm", "tv": "norm",
                    "gen": "polr", "phb": "polr", "reg": "polyreg"}
        if methods is not None:
            wrong = {c: methods.get(c) for c, m in expected.items() if methods.get(c) != m}
            if wrong:
                shown = ", ".join(f"{c} got {m!r} (expected {expected[c]!r})" for c, m in list(wrong.items())[:3])
                more = f" and {len(wrong) - 3} more" if len(wrong) > 3 else ""
                problems.append(f"{len(wrong)} variables got other methods than the parametric ones: {shown}{more}"
                                + "; pass method='parametric' and default_method=('norm', 'logreg', 'polyreg', 'polr')")
        elif (frame[["wgt", "tv"]] >= 0).all().all() and frame["wgt"].isin(boys()["wgt"]).mean() > 0.9:
            problems.append("the synthetic weights are all copies of observed ones, as CART (the default) makes "
                            "them; pass method='parametric'")
        if len(frame) != len(boys()):
            problems.append(f"syn_param has {len(frame)} rows; with the default k it has {len(boys())}")
        return problems, []
    return run("Exercise 4", check, syn_param)


def exercise_7(syn_passive) -> Verdict:
    """``syn_passive``: bmi from the formula, synthesised last; the other methods of syn_param."""
    def check(syn_passive):
        frame = _frame(syn_passive, "syn_passive", result="Exercise 8 reads syn_passive.data")
        problems = []
        gap = _bmi_gap(frame)
        if gap > 1e-6:
            problems.append(f"the synthetic bmi differs from {BMI} by up to {gap:.1f}: set the method of bmi to "
                            "the formula '~ wgt / (hgt / 100) ** 2'")
        methods = _methods(syn_passive)
        sequence = getattr(syn_passive, "visit_sequence", None)
        if sequence is not None and gap <= 1e-6:
            order = list(sequence)
            early = [c for c in ("hgt", "wgt") if order.index(c) > order.index("bmi")]
            if early:
                problems.append(f"bmi is visited before {' and '.join(early)}; its formula needs them first: "
                                "pass the visit sequence of the exercise")
        other = {c: m for c, m in (methods or {}).items() if c != "bmi" and m in ("cart", "sample") and c != "age"}
        if methods is not None and other:
            shown = ", ".join(f"{c} with {m!r}" for c, m in list(other.items())[:3])
            problems.append(f"{shown} {'were' if len(other) > 1 else 'was'} made otherwise than in syn_param; keep "
                            "the methods of syn_param (a copy of syn_param.method) and change only bmi")
        elif methods is None and not (frame["wgt"] < 0).any():
            problems.append("no synthetic weight is negative, unlike with norm: copy the methods of syn_param")
        return problems, []
    return run("Exercise 7", check, syn_passive,
               praise="Now bmi follows from height and weight; the negative weights are still there")


def exercise_9(syn_cart) -> Verdict:
    """``syn_tree``: CART for every variable but age (sample) and bmi (the formula)."""
    def check(syn_cart):
        frame = _frame(syn_cart, "syn_tree")
        observed = boys()
        problems = []
        negative = [c for c in NUMERIC if (frame[c] < 0).any()]
        if negative:
            problems.append(f"negative values remain in {', '.join(negative)}; CART cannot make them, so some "
                            "variable still has a parametric method (name only bmi in the method dict)")
        gap = _bmi_gap(frame)
        if gap > 1e-6:
            problems.append(f"the synthetic bmi differs from {BMI} by up to {gap:.1f}: keep its formula as method")
        methods = _methods(syn_cart)
        if methods is not None:
            other = {c: m for c, m in methods.items() if c not in ("age", "bmi") and m != "cart"}
            if other:
                problems.append(f"these variables are not synthesised with CART: {other}")
        elif not problems and frame["hgt"].isin(observed["hgt"]).mean() < 0.9:
            problems.append("the synthetic heights are not copies of observed ones, as CART's would be")
        return problems, []
    return run("Exercise 9", check, syn_cart, praise="No impossible values, at the price of copied real values")


def _call_method(method, name: str, seed: int = 7, rng_seed: int | None = None) -> tuple[np.ndarray, object, pd.DataFrame, pd.DataFrame]:
    """Call a learner's method ``(y, x, xp, rng)`` on hgt given age, with fewer synthetic rows than observed."""
    observed = boys()
    y, x = observed["hgt"], observed[["age"]]
    xp = x.sample(n=300, random_state=seed).reset_index(drop=True)
    if not callable(method):
        raise Wrong(f"{name} is {describe(method)}; it should be a function of (y, x, xp, rng)")
    try:
        returned = method(y.copy(), x.copy(), xp.copy(), np.random.default_rng(seed if rng_seed is None else rng_seed))
    except Exception as error:  # the learner's function: report what went wrong, in their terms
        raise Wrong(f"calling {name}(y, x, xp, rng) on hgt given age raised {type(error).__name__}: {error}") from None
    fitted = None
    if isinstance(returned, tuple):
        if len(returned) != 2:
            raise Wrong(f"{name} returned {len(returned)} things; a method returns the synthetic values and, "
                        "optionally, what it fitted (a dict of numbers)")
        returned, fitted = returned
    values = np.asarray(returned, dtype=float).reshape(-1)
    if len(values) == len(x) != len(xp):
        raise Wrong(f"{name} returned {len(values)} values, one per observed row; it should return one per "
                    f"row of xp (the synthetic predictors, here {len(xp)})")
    if len(values) != len(xp):
        raise Wrong(f"{name} returned {len(values)} values for {len(xp)} synthetic rows; return one per row of xp")
    X = np.column_stack([np.ones(len(x)), x["age"]])
    beta, *_ = np.linalg.lstsq(X, y.to_numpy(), rcond=None)
    line = beta[0] + beta[1] * xp["age"].to_numpy()
    return values, fitted, line, float(np.sqrt(((y - X @ beta) ** 2).sum() / (len(y) - 2)))


def _fitted_note(fitted, name: str) -> list[str]:
    if fitted is None:
        return [f"{name} returns no fitted parameters; returning them as a dict lets syn report them"]
    return []


def exercise_10(syn_line) -> Verdict:
    """``syn_line(y, x, xp, rng)``: the OLS predictions for ``xp``, no noise (and the coefficients)."""
    def check(syn_line):
        values, fitted, line, _ = _call_method(syn_line, "syn_line")
        if np.allclose(values, line, atol=1e-6):
            return [], _fitted_note(fitted, "syn_line")
        if np.corrcoef(values - line, line)[0, 1] ** 2 < 0.5 and (values - line).std() > 1:
            return ["the values scatter around the regression line; syn_line is to put them exactly on it, "
                    "without noise (that comes in Exercise 12)"], []
        return ["the values are not the regression predictions for xp: fit y on the design matrix of x, "
                "then multiply the design matrix of xp by the coefficients (or use the fit's .predict)"], []
    return run("Exercise 10", check, syn_line, praise="Every synthetic value lies on the regression line")


def exercise_12(syn_line_noise) -> Verdict:
    """``syn_line_noise``: the predictions plus normal noise with the residual standard deviation."""
    def check(syn_line_noise):
        values, fitted, line, sigma = _call_method(syn_line_noise, "syn_line_noise")
        spread = (values - line).std()
        again, _, _, _ = _call_method(syn_line_noise, "syn_line_noise")
        other, _, _, _ = _call_method(syn_line_noise, "syn_line_noise", seed=7, rng_seed=8)
        if spread > 1e-6 and not np.allclose(values, again):
            return ["with the same rng, syn_line_noise gives other values each time: it draws from NumPy's global "
                    "generator (np.random.normal); draw the noise with the rng that syn passes in, rng.normal"], []
        if spread > 1e-6 and np.allclose(values, other):
            return ["syn_line_noise gives the same values whatever rng it is given: draw the noise with the rng "
                    "argument, not with a generator of your own"], []
        if spread < 1e-6:
            return ["the values lie exactly on the regression line: add rng.normal(0, sigma, size=len(xp)) with "
                    "sigma the residual standard deviation, np.sqrt(fit.scale)"], []
        if not 0.8 < spread / sigma < 1.25:
            hint = ""
            if 0.8 < spread / sigma ** 2 < 1.25:
                hint = " (the noise's standard deviation is np.sqrt(fit.scale), not fit.scale)"
            elif 0.8 < spread / boys()["hgt"].std() < 1.25:
                hint = (" (that is the standard deviation of y itself; the noise has the standard deviation of the "
                        "residuals, np.sqrt(fit.scale))")
            return [f"the noise around the line has standard deviation {spread:.1f}; it should be about the "
                    f"residual standard deviation, {sigma:.1f}{hint}"], []
        if abs((values - line).mean()) > 0.3 * sigma:
            return ["the values are not centred on the regression predictions for xp"], []
        return [], _fitted_note(fitted, "syn_line_noise")
    return run("Exercise 12", check, syn_line_noise, praise="The noise is back, with the residual spread")


def exercise_11(syn_nonoise) -> Verdict:
    """``syn_nonoise``: the synthesis with ``syn_line`` for hgt: every height on the line of age."""
    def check(syn_nonoise):
        frame = _frame(syn_nonoise, "syn_nonoise")
        methods = _methods(syn_nonoise)
        if methods is not None and methods.get("hgt") in ("norm", "cart", "sample", "normrank"):
            return [f"hgt was made with {methods['hgt']!r}; give it your function: method dict with "
                    "hgt -> syn_line"], []
        age = frame["age"].to_numpy(dtype=float)
        X = np.column_stack([np.ones(len(age)), age])
        hgt = frame["hgt"].to_numpy(dtype=float)
        beta, *_ = np.linalg.lstsq(X, hgt, rcond=None)
        spread = (hgt - X @ beta).std()
        if spread > 1e-3:
            return [f"the synthetic heights scatter around the line of age by {spread:.1f} cm; with syn_line for hgt "
                    "(and age visited before it) they lie on it"], []
        observed = boys()
        slope = np.polyfit(observed["age"], observed["hgt"], 1)[0]
        if abs(beta[1] - slope) > 0.2 * abs(slope):
            return [f"the synthetic heights rise by {beta[1]:.1f} cm a year, the observed ones by {slope:.1f}: "
                    "syn_line had no age to predict from; visit age before hgt"], []
        if methods is not None and any(m == "cart" for c, m in methods.items() if c not in ("age", "hgt")):
            return ["the other variables got CART; keep the methods of syn_param for them"], []
        return [], []
    return run("Exercise 11", check, syn_nonoise, praise="Every synthetic boy's height sits on the line")


# ---------------------------------------------------------------- SD2011: missing values and codes

INCOME_ROWS = ["% missing", "% -8", "mean"]


def _income_summary(values: pd.Series) -> dict[str, float]:
    values = values.astype(float)
    amounts = values[values.notna() & (values != -8)]
    return {"% missing": 100 * float(values.isna().mean()), "% -8": 100 * float((values == -8).mean()),
            "mean": float(amounts.mean())}


def exercise_14(syn_sd, income) -> Verdict:
    """``syn_sd``: SD2011's 15 variables synthesised with CART and ``cont_na`` for income's -8;
    ``income``: % missing, % -8 and mean income (without codes and missing values), observed
    and synthetic columns."""
    def check(syn_sd, income):
        from synthlab.data import SD2011_VARIABLES_15, load_sd2011

        observed = load_sd2011(columns=SD2011_VARIABLES_15)
        frame = synthetic_frame(syn_sd, "syn_sd")
        missing = [c for c in SD2011_VARIABLES_15 if c not in frame.columns]
        if missing:
            raise Wrong(f"syn_sd lacks the columns {missing}; synthesise the 15 variables of "
                        "load_sd2011(columns=SD2011_VARIABLES_15)")
        if frame[SD2011_VARIABLES_15].equals(observed):
            raise Wrong("syn_sd holds the observed data; pass sd to syn and keep what it returns")
        values = frame["income"].astype(float)
        if not values.isna().any():
            raise Wrong("syn_sd has no missing incomes, where 13.7 % of the real ones are missing: the rows "
                        "with missing values were dropped (or filled in) before the synthesis; give syn the "
                        "data as they are")
        if not (values == -8).any():
            raise Wrong("syn_sd has no income of -8: the code was turned into a missing value (or dropped) "
                        "before the synthesis; keep -8 and tell syn what it means with cont_na")
        cont_na = getattr(syn_sd, "cont_na", None)
        if isinstance(cont_na, dict):
            codes = [float(c) for c in np.atleast_1d(cont_na.get("income", []))]
            if not codes:
                raise Wrong("syn_sd was made without cont_na for income: syn took -8 for an income of -8 zloty; "
                            "pass cont_na={'income': [-8]}")
            if -8.0 not in codes:
                raise Wrong(f"cont_na lists {codes} for income, but SD2011 codes 'no income' as -8: "
                            "pass cont_na={'income': [-8]}")
        if not isinstance(income, pd.DataFrame):
            raise Wrong(f"income is {describe(income)}; make a DataFrame with the columns 'observed' and "
                        "'synthetic' and the rows '% missing', '% -8' and 'mean'")
        absent = [c for c in ["observed", "synthetic"] if c not in income.columns]
        rows = [r for r in INCOME_ROWS if r not in income.index]
        if absent or rows:
            raise Wrong(f"income lacks the {'columns ' + str(absent) if absent else ''}"
                        f"{' and ' if absent and rows else ''}{'rows ' + str(rows) if rows else ''}; "
                        "use the columns 'observed', 'synthetic' and the rows '% missing', '% -8', 'mean'")
        expected = {"observed": _income_summary(observed["income"]), "synthetic": _income_summary(values)}
        given = {c: {r: float(income.loc[r, c]) for r in INCOME_ROWS} for c in ["observed", "synthetic"]}
        if (relative_gap(given["observed"]["mean"], expected["synthetic"]["mean"]) < 1e-9
                and relative_gap(given["synthetic"]["mean"], expected["observed"]["mean"]) < 1e-9
                and expected["observed"]["mean"] != expected["synthetic"]["mean"]):
            return ["the columns are swapped: 'observed' holds the synthetic numbers; the observed data are sd"], []
        problems = []
        for column in ["observed", "synthetic"]:
            want, got = expected[column], given[column]
            for row in ["% missing", "% -8"]:
                if relative_gap(got[row], want[row]) > 1e-6:
                    if relative_gap(100 * got[row], want[row]) < 1e-6:
                        problems.append(f"{row} of the {column} data is a fraction ({got[row]:.4f}); "
                                        "give it in %, times 100")
                    else:
                        problems.append(f"{row} of the {column} data is {got[row]:.2f}; it should be "
                                        f"{want[row]:.2f} (share of all 5000 rows, in %)")
            if relative_gap(got["mean"], want["mean"]) > 1e-6:
                series = observed["income"] if column == "observed" else values
                with_codes = float(series.mean())
                if relative_gap(got["mean"], with_codes) < 1e-6:
                    problems.append(f"the {column} mean, {got['mean']:.1f}, counts the code -8 as an income of "
                                    "-8 zloty: leave those rows out as well as the missing ones")
                else:
                    problems.append(f"the {column} mean is {got['mean']:.1f}; the mean income of the people with "
                                    f"an income (neither missing nor -8) is {want['mean']:.1f}")
        return problems, []
    return run("Exercise 14", check, syn_sd, income,
               praise="Codes and missing values are kept apart, in the synthesis and in the summary")
