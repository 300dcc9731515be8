"""Timings of the evaluation toolkit: ``python -m synthlab.bench evaluation``.

Targets (issue 5): each measure under 1 s on boys (748 rows), the disclosure measures on
100,000 rows under 2 s; project goal: uLSIF with cross-validation on boys vs a synthetic set
in at most 1 s. The synthetic set is boys with Gaussian noise on the numeric columns (30% of
each column's sd), so the timing does not depend on a synthesizer.
"""
from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd

import synthlab

NUMERIC = ["age", "hgt", "wgt", "bmi", "hc", "tv"]


def _median_seconds(func, repeats: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _noisy(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    out = frame.copy()
    for col in NUMERIC:
        out[col] = out[col] + rng.normal(0, 0.3 * out[col].std(), len(out))
    return out


def _disclosure(observed: pd.DataFrame, synthetic: pd.DataFrame) -> None:
    for keys, target in [(["age", "hgt", "reg"], "wgt"), (["gen", "phb", "reg"], "tv")]:
        synthlab.replicated_uniques(observed, synthetic, keys)
        synthlab.disco(observed, synthetic, keys, target)


def run() -> list[tuple[str, float, str]]:
    boys = synthlab.load_boys()
    syn = _noisy(boys, seed=1)
    big_obs = boys.sample(100_000, replace=True, random_state=1).reset_index(drop=True)
    big_syn = boys.sample(100_000, replace=True, random_state=2).reset_index(drop=True)
    formula = "hc ~ age + I(age**2) + hgt + I(hgt**2) + wgt + reg"
    return [
        ("ulsif_cv_boys_748_vs_748", _median_seconds(lambda: synthlab.ulsif(boys, syn, seed=1), 3), "s"),
        ("pmse_logit_two_way_boys", _median_seconds(lambda: synthlab.pmse(boys, syn, "logit"), 3), "s"),
        ("pmse_logit_main_effects_boys", _median_seconds(lambda: synthlab.pmse(boys, syn, "logit", maxorder=0), 5), "s"),
        ("pmse_cart_50_permutations_boys", _median_seconds(lambda: synthlab.pmse(boys, syn, seed=1), 3), "s"),
        ("compare_fit_boys", _median_seconds(lambda: synthlab.compare_fit(formula, boys, syn), 5), "s"),
        ("disclosure_repu_disco_2_keysets_boys", _median_seconds(lambda: _disclosure(boys, syn), 5), "s"),
        ("sdc_remove_replicated_uniques_boys",
         _median_seconds(lambda: synthlab.sdc(syn, observed=boys, keys=["gen", "phb", "reg"],
                                              remove_replicated_uniques=True), 5), "s"),
        ("disclosure_repu_disco_2_keysets_100k_rows", _median_seconds(lambda: _disclosure(big_obs, big_syn), 3), "s"),
    ]
