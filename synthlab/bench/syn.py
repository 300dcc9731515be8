"""Speed and memory of ``syn()``: ``python -m synthlab.bench syn``.

Figures (median wall time of repeated runs, after one warm-up run):

- ``cart_boys_s``: CART, boys (748 rows); ``cart_smooth_boys_s``: the same with smoothing.
- ``parametric_boys_s``: parametric methods with passive bmi and the chapter's visit sequence.
- ``cart_100k_s``, ``parametric_100k_s``: the same on 100,000 rows resampled from boys (seed 1).
- ``fit_share_100k``: share of the CART 100k time spent inside the tree fits themselves
  (``DecisionTree*.fit``, timed by wrapping it), measured with one fitting thread so that
  the fits' times add up to at most the wall time (``syn`` fits trees ahead on every core).
- ``m5_over_m1_100k``: time of ``m=5`` over ``m=1``, CART on the 100,000 rows (each model is
  fitted once and draws the 5 sets; goal well under 2.5).
- ``peak_mb``: peak resident memory of the process (includes Python and the libraries).
- ``cart_1m_s``, ``peak_mb_1m``: default CART on 1,000,000 rows resampled from boys (seed 1),
  one run in a fresh subprocess, and that subprocess's peak resident memory (goals: under 12 s
  and under 3 GB on the course's 2-core machine).
- ``sd2011_15_s``: default CART on synthpop's SD2011, the 15 variables of its vignettes
  (5,000 rows, missing values, ``cont_na={"income": [-8]}``; R synthpop: 7.8 s).
- ``sd2011_35_s``: the same on all 35 variables, ``cont_na`` -8 for unempdur, income,
  nofriend and nociga (R synthpop had not finished after 18 CPU minutes).
- ``pmse_cart_sd2011_s``: ``pmse`` with its default CART (rpart's tree, 50 permutations) of
  the 15 variables against one synthetic set (10,000 stacked rows).
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import warnings
from unittest import mock

import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from synthlab.data import SD2011_VARIABLES_15, load_boys, load_sd2011
from synthlab.synthesis import syn

VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]


def _parametric_passive(data):
    method = {column: "parametric" for column in VISIT}
    method["age"] = "sample"
    method["bmi"] = "~ wgt / (hgt / 100) ** 2"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the bmi formula warning is expected
        return syn(data, method=method, visit_sequence=VISIT, seed=1)


def _median_time(work, repeats: int) -> float:
    work()  # warm-up: imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def _fit_share(work) -> float:
    """Time inside the tree fits over the total time of one run with one fitting thread."""
    inside = [0.0]

    def timed(original):
        def fit(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                inside[0] += time.perf_counter() - start
        return fit

    with mock.patch.object(DecisionTreeRegressor, "fit", timed(DecisionTreeRegressor.fit)), \
            mock.patch.object(DecisionTreeClassifier, "fit", timed(DecisionTreeClassifier.fit)), \
            mock.patch("synthlab.synthesis.syn._threads", return_value=1):
        start = time.perf_counter()
        work()
        total = time.perf_counter() - start
    return inside[0] / total


_ONE_MILLION = """
import json, resource, time
import numpy as np
from synthlab import load_boys, syn
boys = load_boys()
big = boys.iloc[np.random.default_rng(1).integers(0, len(boys), 1_000_000)].reset_index(drop=True)
start = time.perf_counter()
syn(big, seed=1)
seconds = time.perf_counter() - start
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""


def _one_million() -> tuple[float, float]:
    """Seconds and peak MB of default CART on 1,000,000 rows, in a fresh Python process."""
    done = subprocess.run([sys.executable, "-c", _ONE_MILLION], capture_output=True, text=True, check=True)
    seconds, peak_mb = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds, peak_mb


def run() -> list[tuple[str, float, str]]:
    boys = load_boys()
    big = boys.iloc[np.random.default_rng(1).integers(0, len(boys), 100_000)].reset_index(drop=True)
    figures = [
        ("cart_boys_s", _median_time(lambda: syn(boys, seed=1), 9), "s"),
        ("cart_smooth_boys_s", _median_time(lambda: syn(boys, smoothing="density", seed=1), 9), "s"),
        ("parametric_boys_s", _median_time(lambda: _parametric_passive(boys), 9), "s"),
        ("cart_100k_s", _median_time(lambda: syn(big, seed=1), 3), "s"),
        ("fit_share_100k", float(np.median([_fit_share(lambda: syn(big, seed=1)) for _ in range(3)])), "fraction"),
        ("parametric_100k_s", _median_time(lambda: _parametric_passive(big), 3), "s"),
    ]
    one_set = _median_time(lambda: syn(big, seed=1), 3)
    figures.append(("m5_over_m1_100k", _median_time(lambda: syn(big, m=5, seed=1), 3) / one_set, "ratio"))
    figures.append(("peak_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB"))
    seconds, peak_mb = _one_million()
    figures += [("cart_1m_s", seconds, "s"), ("peak_mb_1m", peak_mb, "MB")]
    figures += _sd2011()
    return figures


SD2011_CODES = {column: [-8] for column in ["unempdur", "income", "nofriend", "nociga"]}


def _sd2011() -> list[tuple[str, float, str]]:
    from synthlab.evaluation.utility import pmse
    sd15 = load_sd2011(columns=SD2011_VARIABLES_15)
    sd35 = load_sd2011()
    synthetic = syn(sd15, cont_na={"income": [-8]}, seed=11)
    return [
        ("sd2011_15_s", _median_time(lambda: syn(sd15, cont_na={"income": [-8]}, seed=11), 3), "s"),
        ("sd2011_35_s", _median_time(lambda: syn(sd35, cont_na=SD2011_CODES, seed=11), 1), "s"),
        ("pmse_cart_sd2011_s", _median_time(lambda: pmse(sd15, synthetic, seed=1), 1), "s"),
    ]
