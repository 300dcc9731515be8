"""Compute function of chapter 4's slider: CART's minimum leaf size against utility and disclosure.

``CartTradeoff(boys)(min_leaf, smoothing=False)`` synthesises the data with CART at that
leaf size (:func:`synthlab.syn`, bmi passive), then scores the synthetic set:

- utility: the Pearson divergence of a uLSIF fit, observed over synthetic (lower is better;
  100 kernel centres instead of R's 200, to keep a whole path within a few seconds);
- disclosure: the share of original records that are replicated uniques on the key
  variables (default age, hgt and reg, matched exactly).

Small leaves copy real records, large leaves lose structure; smoothing adds kernel noise to
the values CART (and ``sample``, for the first column) hand out, so exact copies disappear, at
some cost in utility. With the defaults, a smoothed setting is ``syn(data, smoothing="density")``
with that leaf size. Results are cached: the slider reuses every setting it has computed.
"""
from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence

import pandas as pd

from synthlab._checks import require_frame
from synthlab.evaluation.density_ratio import ulsif
from synthlab.evaluation.disclosure import disco, replicated_uniques
from synthlab.tradeoff.path import TradeoffLabels, TradeoffPoint

__all__ = ["CartTradeoff", "CART_LABELS"]

CART_LABELS = TradeoffLabels(x="age (years)", y="height (cm)", utility="Pearson divergence",
                             disclosure="replicated uniques (share)", setting="CART minimum leaf size",
                             title="CART leaf size: utility against disclosure", higher_utility_is_better=False)
BOYS_VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]
BOYS_PASSIVE = {"bmi": "~ wgt / (hgt / 100) ** 2"}


class CartTradeoff:
    """CART synthesis of ``data`` at several leaf sizes, scored for utility and disclosure.

    Parameters
    ----------
    data : pandas.DataFrame
        The observed data (default set-up: the boys data).
    min_leaves : sequence of int
        The slider's settings.
    keys : sequence of str
        Key variables for the replicated uniques.
    target : str
        Target of the DiSCO share reported in :meth:`table`.
    x, y : str
        Columns drawn in the data panel.
    visit_sequence, passive : optional
        Passed to :func:`synthlab.syn`; default: chapter 3's order with bmi passive.
    smoothed : sequence of str
        Columns smoothed when ``smoothing=True`` (default: every float column that is
        sampled or synthesised by CART; bmi is passive).
    seed : int
        Seed of every synthesis and uLSIF fit, so a setting always gives the same figures.
    n_centers : int
        Kernel centres of the uLSIF fits.

    Examples
    --------
    >>> import synthlab
    >>> compute = CartTradeoff(synthlab.load_boys(), min_leaves=[1, 50])
    >>> compute(1).disclosure > compute(50).disclosure
    True
    """

    def __init__(self, data: pd.DataFrame, *, min_leaves: Sequence[int] = (1, 2, 3, 5, 10, 20, 50, 100),
                 keys: Sequence[str] = ("age", "hgt", "reg"), target: str = "wgt", x: str = "age",
                 y: str = "hgt", visit_sequence: Sequence[str] | None = None, passive: dict | None = None,
                 smoothed: Sequence[str] = ("age", "hgt", "wgt", "hc", "tv"), seed: int = 123,
                 n_centers: int = 100) -> None:
        require_frame(data, "data")
        self.data = data
        self.settings = [int(leaf) for leaf in min_leaves]
        self.keys, self.target, self.x, self.y = list(keys), target, x, y
        self.visit = list(visit_sequence) if visit_sequence is not None else [
            c for c in BOYS_VISIT if c in data.columns]
        self.passive = dict(BOYS_PASSIVE if passive is None else passive)
        self.smoothed = set(smoothed)
        self.seed, self.n_centers = seed, n_centers
        self.labels = CART_LABELS if (x, y) == ("age", "hgt") else TradeoffLabels(
            x=x, y=y, utility=CART_LABELS.utility, disclosure=CART_LABELS.disclosure,
            setting=CART_LABELS.setting, higher_utility_is_better=False)
        self._cache: dict = {}
        self._trees: dict = {}  # (column, min_leaf) -> tree

    def synthesize(self, min_leaf: int, smoothing: bool = False) -> pd.DataFrame:
        """The synthetic data set of one setting (CART everywhere, first column sampled)."""
        from synthlab.synthesis import syn, syn_sample

        first = self.visit[0]
        methods = {c: self._cart(c, int(min_leaf), smoothing and c in self.smoothed)
                   for c in self.visit[1:] if c not in self.passive}
        methods[first] = functools.partial(syn_sample, smoothing=smoothing and first in self.smoothed)
        methods.update({c: formula for c, formula in self.passive.items() if c in self.visit})
        with warnings.catch_warnings():  # boys' stored bmi is rounded: syn warns, as synthpop does
            warnings.simplefilter("ignore")
            return syn(self.data, method=methods, visit_sequence=self.visit, seed=self.seed).data

    def _cart(self, column: str, min_leaf: int, smoothing: bool):
        """syn_cart at this leaf size, with the column's tree grown once per leaf size: a tree
        depends on the observed data alone, so the smoothed and unsmoothed settings share it."""
        from synthlab.synthesis import syn_cart
        from synthlab.synthesis.methods import grow_tree

        def cart(y, x, xp, rng):
            key = (column, min_leaf)
            if key not in self._trees:
                self._trees[key] = grow_tree(y, x, min_leaf=min_leaf)
            return syn_cart(y, x, xp, rng, smoothing=smoothing, model=self._trees[key])
        return cart

    def figures(self, min_leaf: int, smoothing: bool = False) -> dict:
        """All figures of one setting (cached): divergence, replicated uniques, DiSCO, the data."""
        key = (int(min_leaf), bool(smoothing))
        if key not in self._cache:
            synthetic = self.synthesize(*key)
            self._cache[key] = {
                "min_leaf": key[0], "smoothing": key[1],
                "divergence": ulsif(self.data, synthetic, seed=self.seed, n_centers=self.n_centers).pearson_divergence,
                "replicated_uniques": replicated_uniques(self.data, synthetic, self.keys).percent,
                "disco": disco(self.data, synthetic, self.keys, self.target).percent,
                "synthetic": synthetic,
            }
        return self._cache[key]

    def __call__(self, min_leaf: int, smoothing: bool = False) -> TradeoffPoint:
        f = self.figures(min_leaf, smoothing)
        synthetic = f["synthetic"]
        label = f"min leaf {f['min_leaf']}" + (", smoothed" if f["smoothing"] else "")
        return TradeoffPoint(min_leaf, utility=f["divergence"], disclosure=f["replicated_uniques"] / 100,
                             x=synthetic[self.x].to_numpy(float), y=synthetic[self.y].to_numpy(float), label=label)

    def table(self, smoothing: Sequence[bool] = (False, True)) -> pd.DataFrame:
        """Figures of every setting, one row per (leaf size, smoothing); percentages in %."""
        rows = [{k: v for k, v in self.figures(leaf, s).items() if k != "synthetic"}
                for s in smoothing for leaf in self.settings]
        return pd.DataFrame(rows).set_index(["smoothing", "min_leaf"])
