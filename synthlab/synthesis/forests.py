"""Forests of trees: synthpop's ``rf``, ``bag`` and ``ranger`` (scikit-learn forests).

As synthpop's ``syn.rf``: grow a forest of ``ntree = 10`` trees on bootstrap samples; a
synthetic record's *donors* are, for every tree, the observed records (all of them, not only
the tree's bootstrap sample) in the leaf the record falls into, pooled over the trees; its
value is one donor drawn at random. So a value is drawn from the observed values in the
forest's neighbourhood of the record, and, as with ``cart``, only observed values come out
(``smoothing`` applies to numeric columns).

- ``rf``: a random forest. Features tried per split as randomForest's defaults: a third of
  them for a numeric y, the square root for a categorical y; leaves of at least 5 (numeric)
  or 1 (categorical) records, where randomForest stops splitting nodes smaller than that.
- ``bag``: bagging, i.e. the same with every feature tried at every split.
- ``ranger``: an alias of ``rf`` (synthpop's ``syn.ranger`` runs the ranger package, 500
  trees by default, on the same donor scheme).

A feature is a column of the design: a numeric or ordered predictor is one feature, an
unordered categorical one 0/1 feature per category (randomForest counts it as one variable).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

from synthlab.synthesis.methods import _smooth, _take, _tree_design, draw_within_groups, register
from synthlab.synthesis.variables import is_numeric


@register("rf", reuses_observed=True)
def syn_rf(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
           smoothing: bool | str = False, ntree: int = 10) -> tuple[object, dict]:
    """Random forest: draw each synthetic value from the pooled leaf donors of ``ntree`` trees.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame({"a": rng.uniform(size=300)})
    >>> y = pd.Series(np.where(x["a"] > 0.5, 10.0, 0.0))
    >>> values, fit = syn_rf(y, x, pd.DataFrame({"a": [0.1, 0.2, 0.8, 0.9]}), rng)
    >>> values.tolist(), fit["trees"]
    ([0.0, 0.0, 10.0, 10.0], 10)
    """
    return _forest(y, x, xp, rng, smoothing, ntree, bagging=False)


register("ranger", reuses_observed=True)(syn_rf)  # an alias: the same function


@register("bag", reuses_observed=True)
def syn_bag(y: pd.Series, x: pd.DataFrame, xp: pd.DataFrame, rng: np.random.Generator, *,
            smoothing: bool | str = False, ntree: int = 10) -> tuple[object, dict]:
    """Bagged trees: as :func:`syn_rf` with every feature tried at every split.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> x = pd.DataFrame({"a": rng.uniform(size=300), "b": rng.uniform(size=300)})
    >>> y = pd.Series(pd.Categorical(np.where(x["b"] > 0.5, "high", "low")))
    >>> values, fit = syn_bag(y, x, pd.DataFrame({"a": [0.5, 0.5], "b": [0.05, 0.95]}), rng)
    >>> list(values)
    ['low', 'high']
    """
    return _forest(y, x, xp, rng, smoothing, ntree, bagging=True)


def _forest(y, x, xp, rng, smoothing, ntree: int, bagging: bool) -> tuple[object, dict]:
    """Fit the forest, draw one donor per synthetic record, smooth numeric values if asked."""
    X, XP = _tree_design(x, xp)  # without predictors every tree is one leaf: the marginal
    numeric = is_numeric(y)
    target = y.to_numpy(dtype=float) if numeric else y.cat.codes.to_numpy()
    if numeric:
        Forest, features, min_leaf = RandomForestRegressor, max(X.shape[1] // 3, 1), 5
    else:
        Forest, features, min_leaf = RandomForestClassifier, max(int(np.sqrt(X.shape[1])), 1), 1
    forest = Forest(n_estimators=ntree, max_features=None if bagging else features, min_samples_leaf=min_leaf,
                    random_state=int(rng.integers(2**31 - 1))).fit(X, target)
    values = _take(y, draw_from_leaves(forest.apply(X), forest.apply(XP), rng))
    if smoothing and numeric:
        values = _smooth(values, target, rng, smoothing)
    leaves = [tree.get_n_leaves() for tree in forest.estimators_]
    return values, {"trees": ntree, "features_per_split": int(forest.estimators_[0].max_features_),
                    "mean_leaves": float(np.mean(leaves))}


def draw_from_leaves(observed_leaves: np.ndarray, synthetic_leaves: np.ndarray,
                     rng: np.random.Generator) -> np.ndarray:
    """For each synthetic record, the row of one observed record drawn from its pooled donors.

    ``observed_leaves`` (n, trees) and ``synthetic_leaves`` (k, trees) are leaf ids. Drawing
    uniformly from the donors pooled over the trees is: pick a tree with probability
    proportional to the number of observed records sharing the record's leaf in it, then one
    of those records.

    Examples
    --------
    >>> observed = np.array([[1, 1], [1, 2], [2, 2]])
    >>> rows = draw_from_leaves(observed, np.array([[2, 1]]), np.random.default_rng(1))
    >>> int(rows[0]) in (0, 2)
    True
    """
    trees = observed_leaves.shape[1]
    donors = np.column_stack([np.bincount(observed_leaves[:, t])[synthetic_leaves[:, t]] for t in range(trees)])
    cumulative = np.cumsum(donors, axis=1)
    pick = rng.random(len(donors)) * cumulative[:, -1]
    tree = (pick[:, None] >= cumulative).sum(axis=1)
    rows = np.empty(len(donors), dtype=np.intp)
    for t in range(trees):
        chosen = tree == t
        rows[chosen] = draw_within_groups(observed_leaves[:, t], synthetic_leaves[chosen, t], rng)
    return rows
