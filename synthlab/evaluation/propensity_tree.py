"""The classification tree of synthpop's CART utility: rpart's algorithm for a 0/1 label.

synthpop's ``utility.gen(method = "cart")`` fits ``rpart(t ~ ., method = "class",
control = rpart.control(cp = 1e-3, minbucket = 5))`` to the stacked observed and synthetic
rows. This module grows the same tree (Therneau & Atkinson, *An Introduction to Recursive
Partitioning Using the RPART Routines*), written from the algorithm's description:

- a node is split where the Gini impurity falls most, over every variable: a numeric (or
  ordered) variable at the midpoint between two neighbouring distinct values; an unordered
  categorical variable by a subset of its levels (for two classes the best subset is one of
  the splits of the levels ordered by their share of the first class, so only those are
  tried). Each side keeps at least ``minbucket`` rows; a node with fewer than ``3 *
  minbucket`` rows is not split (``rpart.control`` sets ``minsplit`` so when only
  ``minbucket`` is given, as synthpop does). On ties the first split in variable order (and, within a variable, in
  value order) wins.
- ``cp`` is relative: a split must lower the tree's misclassification risk (the number of
  rows of the minority label) by more than ``cp`` times the root's risk, counted per split of
  the subtree it carries (cost-complexity pruning). As rpart does, this is settled while the
  tree grows, depth first: a node whose risk, or whose bound from its parent, is at most
  ``alpha = cp * risk(root)`` is not split, and a subtree that does not pay for its splits is
  cut again when its children are done.

The tree's fitted probability of label 1 for a row is the share of label 1 in its leaf, as
``predict(fit)[, 2]``. Missing values must be coded before (as ``utility.gen`` does); this
tree sees none, so rpart's surrogate splits never act.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["grow_propensity_tree", "PropensityTree"]


@dataclass(frozen=True)
class PropensityTree:
    """A grown tree: ``probabilities`` (label-1 share of each row's leaf), ``leaf`` (leaf
    number of each row, 0, 1, ... in rpart's depth-first order) and the number of splits."""

    probabilities: np.ndarray
    leaf: np.ndarray
    n_splits: int

    @property
    def n_leaves(self) -> int:
        return self.n_splits + 1


def grow_propensity_tree(columns: list[np.ndarray], unordered: list[bool], y: np.ndarray, *,
                         cp: float = 1e-3, minbucket: int = 5) -> PropensityTree:
    """Grow rpart's classification tree of the 0/1 label ``y`` on ``columns``.

    Parameters
    ----------
    columns : list of numpy.ndarray
        One array per variable, no missing values: numbers (numeric or ordered variables), or
        integer level codes 0, 1, ... for an unordered categorical variable.
    unordered : list of bool
        True where the column holds codes of an unordered categorical variable.
    y : numpy.ndarray
        The 0/1 label (1 = synthetic).
    cp, minbucket : float, int
        rpart's complexity parameter (relative to the root's risk) and smallest leaf.

    Returns
    -------
    PropensityTree

    Examples
    --------
    >>> x = np.r_[np.zeros(50), np.ones(50)]
    >>> tree = grow_propensity_tree([x], [False], (x == 1).astype(int))
    >>> tree.n_leaves, tree.probabilities[[0, 99]].tolist()
    (2, [0.0, 1.0])
    """
    y = np.asarray(y).astype(np.int64)
    n = len(y)
    numeric = np.array([i for i, u in enumerate(unordered) if not u], dtype=np.int64)
    categorical = [i for i, u in enumerate(unordered) if u]
    # numeric columns as dense ranks (splits only depend on the order of the values), and
    # each column's rows in value order, kept per node by stable partitioning
    ranks = np.empty((n, len(numeric)), dtype=np.int64)
    for k, i in enumerate(numeric):
        ranks[:, k] = np.unique(np.asarray(columns[i], dtype=float), return_inverse=True)[1]
    codes = [np.asarray(columns[i]).astype(np.int64) for i in categorical]
    n_levels = [int(c.max()) + 1 if len(c) else 0 for c in codes]
    level_offset = np.cumsum([0] + n_levels)[:-1].astype(np.int64)
    total_levels = int(sum(n_levels))
    level_codes = (np.column_stack(codes) + level_offset if codes else np.zeros((n, 0), dtype=np.int64))
    level_variable = np.repeat(np.arange(len(codes)), n_levels)
    which = np.arange(len(numeric))
    state = {"iscale": 0.0}
    side = np.zeros(n, dtype=bool)

    def risk_of(rows: np.ndarray) -> float:
        ones = float(y[rows].sum())
        return min(len(rows) - ones, ones)

    def best_split(rows: np.ndarray, order: np.ndarray):
        """The rows of the node's best split's first side (a mask over ``rows``), or None.

        Gini: a split's impurity is 2 size - S with S = (l0^2 + l1^2) / l + (r0^2 + r1^2) / r
        (l0, l1 label counts on the left, l their sum; likewise right), so the improvement
        over the node's own impurity is S - (n0^2 + n1^2) / size."""
        yn = y[rows]
        size = len(rows)
        count1 = float(yn.sum())
        count0 = size - count1
        base = (count0 * count0 + count1 * count1) / size
        candidates = []                                    # (improvement, variable, how)
        if len(numeric):
            xs = ranks[order, which]
            boundary = (xs[1:] != xs[:-1]).T               # by variable, then by position
            left_n = np.arange(1, size, dtype=np.float64)
            boundary &= ((left_n >= minbucket) & (size - left_n >= minbucket))[None, :]
            variable, position = np.nonzero(boundary)
            if len(variable):
                left1 = np.cumsum(y[order], axis=0, dtype=np.float64)[position, variable]
                ln = position + 1.0
                rn = size - ln
                l0, r1 = ln - left1, count1 - left1
                r0 = rn - r1
                score = (l0 * l0 + left1 * left1) / ln + (r0 * r0 + r1 * r1) / rn
                best = int(np.argmax(score))               # first variable, then first position
                candidates.append((float(score[best] - base), int(numeric[variable[best]]),
                                   ("numeric", int(variable[best]), int(position[best]),
                                    left1[best] / ln[best] < r1[best] / rn[best])))
        if categorical:
            # every categorical variable's levels in one run of counts (offsets keep them apart)
            flat = level_codes[rows].ravel()
            counts = np.bincount(flat, minlength=total_levels).astype(np.float64)
            ones = np.bincount(flat, weights=np.repeat(yn.astype(np.float64), len(categorical)),
                               minlength=total_levels)
            present = np.flatnonzero(counts > 0)
            # two labels: the best subset of a variable's levels is a cut of its levels ordered
            # by their share of label 0 (rpart's order; ties keep the level order)
            group = level_variable[present]
            ordered = present[np.lexsort(((counts[present] - ones[present]) / counts[present], group))]
            group = level_variable[ordered]
            start = np.r_[0, np.flatnonzero(np.diff(group)) + 1]
            run = np.repeat(start, np.diff(np.r_[start, len(ordered)]))
            ln_all = np.cumsum(counts[ordered])
            l1_all = np.cumsum(ones[ordered])
            before = np.r_[0.0, ln_all][run], np.r_[0.0, l1_all][run]
            ln, left1 = ln_all - before[0], l1_all - before[1]
            rn = size - ln
            l0, r1 = ln - left1, count1 - left1
            r0 = rn - r1
            valid = (ln >= minbucket) & (rn >= minbucket)
            with np.errstate(divide="ignore", invalid="ignore"):
                score = np.where(valid, (l0 * l0 + left1 * left1) / ln + (r0 * r0 + r1 * r1) / rn, -np.inf)
            best = int(np.argmax(score))
            if np.isfinite(score[best]):
                k = int(group[best])
                cut = ordered[run[best]:best + 1] - level_offset[k]
                candidates.append((float(score[best] - base), categorical[k],
                                   ("levels", k, cut, left1[best] / ln[best] < r1[best] / rn[best])))
        if not candidates:
            return None
        state["iscale"] = max(state["iscale"], max(c[0] for c in candidates))
        accepted = [c for c in candidates if c[0] > state["iscale"] * 1e-10]
        if not accepted:
            return None
        _, _, (kind, k, cut, first_is_lower) = max(accepted, key=lambda c: (c[0], -c[1]))
        if kind == "numeric":
            first = ranks[rows, k] <= ranks[order[cut, k], k]
        else:
            first = np.isin(codes[k][rows], cut)
        # rpart's left son is the side with the smaller share of label 1 (ties: the second side)
        return first if first_is_lower else ~first

    def split_order(order: np.ndarray, goes: np.ndarray, rows: np.ndarray) -> np.ndarray:
        side[rows[goes]] = True
        mask = side[order]
        side[rows[goes]] = False
        kept = int(goes.sum())
        return order.T[mask.T].reshape(order.shape[1], kept).T

    def partition(rows: np.ndarray, order: np.ndarray, bound: float | None) -> tuple[int, float, dict]:
        """Grow the subtree of a node; returns (number of splits, its risk, the node)."""
        node = {"rows": rows, "risk": risk_of(rows)}
        tempcp = node["risk"] if bound is None else min(node["risk"], bound)
        node["complexity"] = node["risk"] if bound is None else bound
        if len(rows) < 3 * minbucket or tempcp <= alpha:
            node["complexity"] = alpha
            return 0, node["risk"], node
        goes_left = best_split(rows, order)
        if goes_left is None:
            node["complexity"] = alpha
            return 0, node["risk"], node
        left_splits, left_risk, left = partition(rows[goes_left], split_order(order, goes_left, rows), tempcp - alpha)
        tempcp = (node["risk"] - left_risk) / (left_splits + 1)
        tempcp = max(tempcp, node["risk"] - left["risk"])
        tempcp = min(tempcp, node["complexity"])
        right_splits, right_risk, right = partition(rows[~goes_left], split_order(order, ~goes_left, rows),
                                                    tempcp - alpha)
        tempcp = (node["risk"] - (left_risk + right_risk)) / (left_splits + right_splits + 1)
        if right["complexity"] > left["complexity"]:
            if tempcp > left["complexity"]:
                left_risk, left_splits = left["risk"], 0
                tempcp = (node["risk"] - (left_risk + right_risk)) / (left_splits + right_splits + 1)
                if tempcp > right["complexity"]:
                    right_risk, right_splits = right["risk"], 0
        elif tempcp > right["complexity"]:
            right_risk, right_splits = right["risk"], 0
            tempcp = (node["risk"] - (left_risk + right_risk)) / (left_splits + right_splits + 1)
            if tempcp > left["complexity"]:
                left_risk, left_splits = left["risk"], 0
        node["complexity"] = (node["risk"] - (left_risk + right_risk)) / (left_splits + right_splits + 1)
        if node["complexity"] <= alpha:
            return 0, node["risk"], node
        node["children"] = (left, right)
        return left_splits + right_splits + 1, left_risk + right_risk, node

    alpha = cp * risk_of(np.arange(n))
    root_order = np.argsort(ranks, axis=0, kind="stable")
    _, _, root = partition(np.arange(n), root_order, None)
    leaf = np.zeros(n, dtype=np.int64)
    probabilities = np.zeros(n)
    leaves: list[np.ndarray] = []

    def collect(node: dict) -> None:
        children = node.get("children")
        if children is None:
            leaves.append(node["rows"])
        else:
            collect(children[0])
            collect(children[1])

    collect(root)
    for number, rows in enumerate(leaves):
        leaf[rows] = number
        probabilities[rows] = y[rows].mean()
    return PropensityTree(probabilities, leaf, len(leaves) - 1)
