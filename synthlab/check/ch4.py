"""Self-checks of chapter 4 (evaluating utility and disclosure).

The checks recompute what they expect from the learner's own inputs (their synthetic data,
their keys), so they hold whatever synthesis and settings the chapter uses. A synthetic data
set can be handed in as a DataFrame or as the result of ``syn``.

>>> from synthlab.check import ch4
>>> ch4.exercise_4(None).ok
False
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.check._verdict import Verdict, Wrong, boys, describe, is_result, number, numbers, run, synthetic_frame

NUMERIC = ["age", "hgt", "wgt", "bmi", "hc", "tv"]


def exercise_3(r_squared) -> Verdict:
    """``r_squared(frame, formula)``: the R² of an OLS fit of ``formula`` on ``frame``."""
    def check(r_squared):
        if not callable(r_squared):
            raise Wrong(f"r_squared is {describe(r_squared)}; it should be a function of (frame, formula)")
        observed = boys()
        problems = []
        for formula, columns in [("hgt ~ age", ["age"]), ("hgt ~ age + I(age**2)", None)]:
            try:
                value = number(r_squared(observed.copy(), formula), f"r_squared(boys, {formula!r})")
            except Wrong:
                raise
            except Exception as error:  # the learner's function
                raise Wrong(f"r_squared(boys, {formula!r}) raised {type(error).__name__}: {error}") from None
            age = observed["age"].to_numpy()
            X = np.column_stack([np.ones(len(age)), age] + ([] if columns else [age ** 2]))
            y = observed["hgt"].to_numpy()
            beta, *_ = np.linalg.lstsq(X, y, rcond=None)
            expected = 1 - ((y - X @ beta) ** 2).sum() / ((y - y.mean()) ** 2).sum()
            if not np.isclose(value, expected, atol=1e-6):
                problems.append(f"r_squared(boys, {formula!r}) is {value:.4f}; the R² of that regression is "
                                f"{expected:.4f} (a fit's .rsquared)")
                break
        return problems, []
    return run("Exercise 3", check, r_squared)


def exercise_4(cart_result, syn_cart=None) -> Verdict:
    """``cart_result``: the synthesis with every ``norm`` of the parametric methods replaced by ``cart``,
    ``bmi`` passive, spline smoothing; ``syn_cart``: its synthetic data, ``cart_result.data``."""
    def check(cart_result, syn_cart):
        observed = boys()
        if not is_result(cart_result):
            raise Wrong(f"cart_result is {describe(cart_result)}; keep the whole result of syn as cart_result (its "
                        "methods and smoothing are checked) and its .data as syn_cart")
        frame = synthetic_frame(cart_result, "cart_result")
        if syn_cart is not None:
            data = synthetic_frame(syn_cart, "syn_cart", expected="the synthetic data, cart_result.data")
            if is_result(syn_cart):
                raise Wrong("syn_cart is the whole result; every later exercise uses the synthetic data: "
                            "syn_cart = cart_result.data")
            if not data.equals(frame):
                raise Wrong("syn_cart is not the synthetic data of cart_result; set syn_cart = cart_result.data")
        missing = [c for c in observed.columns if c not in frame.columns]
        if missing:
            raise Wrong(f"the synthesis lacks the columns {missing}; synthesise all nine variables of boys")
        problems = []
        methods = dict(cart_result.method)
        not_trees = {c: methods.get(c) for c in ["hgt", "wgt", "hc", "tv"] if methods.get(c) != "cart"}
        if not_trees:
            problems.append(f"these numeric variables are not synthesised with CART: {not_trees}; replace "
                            "every norm of the parametric methods by cart")
        trees = {c: methods[c] for c in ["gen", "phb", "reg"] if methods.get(c) not in ("polr", "polyreg")}
        if trees:
            problems.append(f"{', '.join(trees)} should keep their parametric methods (polr for gen and phb, "
                            f"polyreg for reg), not {sorted(set(trees.values()))}; only norm becomes cart")
        if methods.get("age") != "sample":
            problems.append(f"age was made with {methods.get('age')!r}; as the first variable it keeps 'sample'")
        gap = float((frame["bmi"] - frame["wgt"] / (frame["hgt"] / 100) ** 2).abs().max())
        if gap > 1e-6:
            problems.append(f"bmi differs from wgt / (hgt / 100) ** 2 by up to {gap:.1f}; keep it passive, "
                            "computed by its formula and visited last")
        smoothing = dict(getattr(cart_result, "smoothing", {}) or {})
        kinds = sorted(set(smoothing.values()))
        if not smoothing:
            problems.append("the synthetic values are not smoothed: many are exact copies of real ones; pass "
                            "smoothing=\"spline\"")
        elif kinds != ["spline"]:
            problems.append(f"the smoothing is {', '.join(map(repr, kinds))}; the exercise asks for "
                            "smoothing=\"spline\"")
        return problems, []
    return run("Exercise 4", check, cart_result, syn_cart, praise="CART for the numeric variables, smoothed, bmi passive")


def exercise_7(fit_passive, fit_cart, syn_passive=None, syn_cart=None) -> Verdict:
    """Density-ratio fits with the observed data as numerator and each synthetic set as denominator
    (given the sets, each fit's denominator is compared with its set)."""
    def check(fit_passive, fit_cart, syn_passive, syn_cart):
        observed = boys()
        problems = []
        for fit, name in [(fit_passive, "fit_passive"), (fit_cart, "fit_cart")]:
            if not hasattr(fit, "pearson_divergence") or not hasattr(fit, "predict"):
                raise Wrong(f"{name} is {describe(fit)}; it should be what synthlab.ulsif returns")
            at_observed = fit.predict(observed)
            if len(fit.ratio_denominator) == len(observed) and np.allclose(at_observed, fit.ratio_denominator):
                problems.append(f"in {name} the observed data are the denominator; put them first, as numerator: "
                                "ulsif(boys, synthetic)")
            elif not np.allclose(at_observed, fit.ratio_numerator):
                problems.append(f"{name}'s numerator is not the observed boys data")
        sets = {"syn_passive": syn_passive, "syn_cart": syn_cart}
        if not problems and syn_passive is not None and syn_cart is not None:
            def denominator(fit):
                for set_name, data in sets.items():
                    frame = synthetic_frame(data, set_name)
                    if len(frame) == len(fit.ratio_denominator) and np.allclose(fit.predict(frame), fit.ratio_denominator):
                        return set_name
                return None
            found = {"fit_passive": denominator(fit_passive), "fit_cart": denominator(fit_cart)}
            if found == {"fit_passive": "syn_cart", "fit_cart": "syn_passive"}:
                problems.append("the two fits are swapped: fit_passive has syn_cart as denominator, fit_cart "
                                "syn_passive")
            else:
                for name, expected in [("fit_passive", "syn_passive"), ("fit_cart", "syn_cart")]:
                    if found[name] != expected:
                        got = f"{found[name]}" if found[name] else "neither synthetic set"
                        problems.append(f"{name}'s denominator is {got}; it should be {expected}")
        elif not problems and fit_cart.pearson_divergence >= fit_passive.pearson_divergence:
            problems.append("fit_cart diverges more than fit_passive; are the two synthetic sets swapped?")
        return problems, []
    return run("Exercise 7", check, fit_passive, fit_cart, syn_passive, syn_cart)


def exercise_14(released, synthetic, keys) -> Verdict:
    """``released``: ``synthetic`` without the records that are replicated uniques on ``keys``, and
    otherwise unchanged."""
    def check(released, synthetic, keys):
        from synthlab.evaluation import replicated_uniques, sdc

        observed = boys()
        frame = synthetic_frame(synthetic, "the synthetic data")
        if isinstance(released, dict):
            raise Wrong("the post-processed data are a dict, the report; keep the DataFrame sdc returns (its report "
                        "is in .attrs['sdc'])")
        if is_result(released) or not isinstance(released, pd.DataFrame):
            raise Wrong(f"the post-processed data are {describe(released)}; sdc returns a DataFrame, keep it")
        keys = [keys] if isinstance(keys, str) else list(keys)
        if list(released.columns) != list(frame.columns):
            raise Wrong(f"the post-processed data have the columns {list(map(str, released.columns))}; sdc keeps all "
                        f"of {list(frame.columns)}")
        removable = replicated_uniques(observed, frame, keys).count
        left = replicated_uniques(observed, released, keys).count
        if left:
            unchanged = len(released) == len(frame)
            return [f"the post-processed data still hold {left} replicated unique(s) on {', '.join(keys)}"
                    + (" (nothing was removed: sdc removes nothing unless asked, and needs the observed data and "
                       "these keys)" if unchanged else "") + ": pass observed=boys, the keys and "
                    "remove_replicated_uniques=True"], []
        expected = sdc(frame, observed=observed, keys=keys, remove_replicated_uniques=True)
        if len(released) != len(expected):
            return [f"the post-processed data have {len(released)} rows; removing the {removable} replicated uniques "
                    f"of the synthetic data leaves {len(expected)}: remove those records and no others"], []
        mine, theirs = released.reset_index(drop=True), expected.reset_index(drop=True)
        changed = {c: int((mine[c] != theirs[c]).sum()) for c in frame.columns if not mine[c].equals(theirs[c])}
        if changed:
            shown = ", ".join(f"{c} in {n} rows" for c, n in changed.items())
            return [f"the post-processed data differ from the synthetic data in {shown}: besides removing the "
                    "replicated uniques, something changed values (bottom/top coding, smoothing?), or they come "
                    "from another synthetic set; ask sdc only to remove the replicated uniques"], []
        return [], []
    return run("Exercise 14", check, released, synthetic, keys,
               praise="The replicated uniques are gone, and nothing else")


def exercise_11(fit_main) -> Verdict:
    """``fit_main``: a dict, synthetic set name -> ``compare_fit`` of hc ~ age + hgt + wgt + reg."""
    def check(fit_main):
        if not isinstance(fit_main, dict) or not fit_main:
            raise Wrong(f"fit_main is {describe(fit_main)}; keep one compare_fit result per synthetic set in a dict")
        observed = boys()
        X = pd.get_dummies(observed[["age", "hgt", "wgt", "reg"]], columns=["reg"], drop_first=True, dtype=float)
        X.insert(0, "Intercept", 1.0)
        beta, *_ = np.linalg.lstsq(X.to_numpy(), observed["hc"].to_numpy(), rcond=None)
        problems = []
        for name, result in fit_main.items():
            if not isinstance(result, pd.DataFrame) or "observed" not in getattr(result, "columns", []):
                raise Wrong(f"fit_main[{name!r}] is {describe(result)}; it should be what synthlab.compare_fit returns")
            if "mean_ci_overlap" not in result.attrs:
                problems.append(f"fit_main[{name!r}] has no mean CIO in .attrs; keep compare_fit's result as it is")
            elif len(result) != len(beta):
                problems.append(f"fit_main[{name!r}] has {len(result)} coefficients, but hc ~ age + hgt + wgt + reg "
                                f"has {len(beta)} (reg, with 5 regions, brings 4): fit that formula")
            elif not np.allclose(np.sort(result["observed"].to_numpy(dtype=float)), np.sort(beta), rtol=1e-5, atol=1e-8):
                if np.allclose(np.sort(result["synthetic"].to_numpy(dtype=float)), np.sort(beta), rtol=1e-5, atol=1e-8):
                    problems.append(f"in fit_main[{name!r}] the observed and the synthetic data are swapped: pass "
                                    "the observed data first, compare_fit(formula, boys, synthetic)")
                else:
                    problems.append(f"the 'observed' column of fit_main[{name!r}] does not hold the fit of "
                                    "hc ~ age + hgt + wgt + reg on boys")
        if len(fit_main) < 2 and not problems:
            problems.append("fit_main holds one result; compare both synthetic sets, syn_passive and syn_cart")
        results = [r for r in fit_main.values()]
        if not problems and len(results) == 2 and np.allclose(results[0]["synthetic"].to_numpy(dtype=float),
                                                             results[1]["synthetic"].to_numpy(dtype=float)):
            problems.append("both results were fitted on the same synthetic set; fit one on syn_passive and one on "
                            "syn_cart")
        return problems, []
    return run("Exercise 11", check, fit_main)


def exercise_15(age_estimates, se_population, syn_five) -> Verdict:
    """``age_estimates``: the coefficient of age in hc ~ age + hgt + wgt + reg, one per set of
    ``syn_five``; ``se_population``: the standard error of their mean for inference to the
    population by synthpop's simple-synthesis rule, sqrt(u (k/n) (1 + n / (k m))), u the mean
    squared standard error within the sets (sqrt(u (1 + 1/m)) when k = n)."""
    def check(age_estimates, se_population, syn_five):
        from synthlab.evaluation.inputs import synthetic_sets

        try:
            sets = synthetic_sets(syn_five, "syn_five")
        except (TypeError, ValueError) as error:
            raise Wrong(f"syn_five should be the result of syn with m=5 ({error})") from None
        m = len(sets)
        if m < 2:
            raise Wrong("syn_five holds one synthetic set; combining needs several: syn(..., m=5)")
        per_set = [_ols_terms(frame, "hc", ["age", "hgt", "wgt", "reg"]) for frame in sets]
        estimates = np.array([fit["age"][0] for fit in per_set])
        values = numbers(age_estimates, "age_estimates")
        values = values.reshape(-1)
        if values.size != m:
            raise Wrong(f"age_estimates holds {values.size} value(s); it should hold one per synthetic set ({m})")
        if not np.allclose(np.sort(values), np.sort(estimates), rtol=1e-4, atol=1e-6):
            for term in ["hgt", "wgt", "Intercept"]:
                other = np.array([fit[term][0] for fit in per_set])
                if np.allclose(np.sort(values), np.sort(other), rtol=1e-4, atol=1e-6):
                    raise Wrong(f"age_estimates holds the coefficients of {term}, not those of age")
            raise Wrong("age_estimates are not the coefficients of age in hc ~ age + hgt + wgt + reg fitted to "
                        "each synthetic set (e.g. smf.ols(...).fit().params['age'], one fit per set)")
        se = number(se_population, "se_population")
        observed = boys()
        n = float(len(observed))
        k = float(np.mean([len(frame) for frame in sets]))
        within = float(np.mean([fit["age"][1] ** 2 for fit in per_set])) * k / n
        right = np.sqrt(within * (1 + n / (k * m)))
        if np.isclose(se, right, rtol=5e-3):
            return [], []
        between = float(np.var(estimates, ddof=1))
        u = float(np.mean([fit["age"][1] ** 2 for fit in per_set]))
        observed_se = _ols_terms(observed, "hc", ["age", "hgt", "wgt", "reg"])["age"][1]
        causes = [
            (np.sqrt(within), "that is the average standard error within the sets; for inference to the population "
                              "the variance grows by the factor 1 + 1/m: take the square root of u (1 + 1/m)"),
            (np.sqrt(within) * (1 + n / (k * m)), "you multiplied the standard error by 1 + 1/m; the factor "
                                                  "multiplies the variance, so the standard error grows by its square root"),
            (np.sqrt(within * (1 + n / k)), "that is the rule for a single set, 1 + n/k; with m sets it is 1 + n/(k m)"),
            (np.sqrt(between), "that is the spread of the estimates between the sets; synthpop's rule for simple "
                               "synthesis uses the mean of the squared standard errors within the sets"),
            (np.sqrt(between / m), "that is the between-set variance divided by m; synthpop's rule for simple "
                                   "synthesis uses the mean of the squared standard errors within the sets"),
            (np.sqrt(u + between / m), "that is Reiter's rule for partially synthetic data, u + b/m; syn made fully "
                                       "synthetic sets by simple synthesis: u (1 + 1/m)"),
            (np.sqrt(within / m), "dividing by m gives the variance of a mean of independent samples; the sets all "
                                  "come from the same real data, so the variance is u (1 + 1/m)"),
            (observed_se * np.sqrt(1 + n / (k * m)), "that uses the observed standard error, which an analyst of the "
                                                     "synthetic data does not have; use the mean squared standard "
                                                     "error within the sets"),
            (observed_se, "that is the observed standard error; the analyst of synthetic data has the sets' own "
                          "standard errors, and the variance grows by 1 + 1/m"),
        ]
        for value, cause in causes:
            if np.isfinite(value) and np.isclose(se, value, rtol=5e-3):
                return [f"se_population is {se:.4f}: {cause}"], []
        return [f"se_population is {se:.4f}, which is not what the rule gives for these {m} sets: the square "
                "root of (the mean of the squared standard errors of age) times (1 + 1/m)"], []
    return run("Exercise 15", check, age_estimates, se_population, syn_five,
               praise="Five sets, one estimate, and a standard error that counts the synthesis too")


def _ols_terms(frame: pd.DataFrame, response: str, predictors: list) -> dict:
    """Term -> (coefficient, standard error) of an OLS fit, categories dummy-coded as patsy does."""
    data = frame[[response] + predictors].dropna()
    X = pd.get_dummies(data[predictors], drop_first=True, dtype=float)
    X.insert(0, "Intercept", 1.0)
    y = data[response].to_numpy(dtype=float)
    design = X.to_numpy()
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ beta
    sigma2 = residual @ residual / (len(y) - design.shape[1])
    se = np.sqrt(np.diag(np.linalg.inv(design.T @ design)) * sigma2)
    return {name: (float(b), float(s)) for name, b, s in zip(X.columns, beta, se)}
