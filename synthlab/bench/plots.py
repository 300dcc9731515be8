"""Time to show each plot helper in a notebook: ``python -m synthlab.bench plots``.

Each figure as chapter 4 draws it, on boys against a noisy copy (30% of each numeric
column's sd, as ``synthlab.bench evaluation``): building it, then rendering it as Jupyter's
inline backend does (Agg, PNG, ``bbox_inches="tight"``, which draws the figure twice).
Issue 23 asks chapter 4's plotting cells to be at least twice as fast as with the layout
engines (before: marginals 0.66 s, pairs 1.02 s, ratio scatter 1.23 s in a kernel).
"""
from __future__ import annotations

import statistics
import time
from itertools import combinations

import matplotlib

from synthlab.bench.evaluation import NUMERIC, _noisy


def _seconds(draw, repeats: int) -> float:
    """Median seconds of building and rendering the figure ``draw()`` returns."""
    from IPython.core.pylabtools import print_figure
    import matplotlib.pyplot as plt

    times = []
    for _ in range(repeats + 1):  # the first run loads fonts: a warm-up
        start = time.perf_counter()
        figure = draw()
        print_figure(figure, "png", bbox_inches="tight")
        times.append(time.perf_counter() - start)
        plt.close(figure)
    return statistics.median(times[1:])


def run() -> list[tuple[str, float, str]]:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import synthlab

    boys = synthlab.load_boys()
    syn = _noisy(boys, seed=1)
    fit = synthlab.ulsif(boys, syn, seed=1)
    pairs = list(combinations(NUMERIC, 2))
    table = synthlab.compare_fit("hc ~ age + I(age**2) + hgt + I(hgt**2) + wgt + reg", boys, syn)

    def ratio_distributions():
        figure, axes = plt.subplots(1, 2, figsize=(11, 3.5))
        synthlab.plot_ratio_distribution(fit, ax=axes[0])
        synthlab.plot_ratio_distribution(fit, ax=axes[1])
        return figure

    return [
        ("plot_marginals_boys_s", _seconds(lambda: synthlab.plot_marginals(boys, syn), 5), "s"),
        ("plot_pairs_6_columns_s", _seconds(lambda: synthlab.plot_pairs(boys, syn, columns=NUMERIC), 5), "s"),
        ("plot_ratio_distribution_2_panels_s", _seconds(ratio_distributions, 5), "s"),
        ("plot_ratio_scatter_15_pairs_s",
         _seconds(lambda: synthlab.plot_ratio_scatter(fit, syn, pairs, ncols=5), 5), "s"),
        ("plot_fit_comparison_s", _seconds(lambda: synthlab.plot_fit_comparison(table), 5), "s"),
    ]
