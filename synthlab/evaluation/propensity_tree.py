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

__all__ = ["grow_propensity_tree", "prepare_tree_design", "PropensityTree", "TreeDesign"]


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


@dataclass(frozen=True)
class TreeDesign:
    """The variables as the tree reads them, prepared once for every tree grown on the same
    rows (the pMSE's tree and its permutation trees differ only in the label): numeric columns
    as dense ranks with each column's rows in value order, categorical columns as level codes
    (offset so that all variables' levels share one run of counts)."""

    n: int                         # number of rows
    numeric: np.ndarray            # positions of the numeric variables in ``columns``
    categorical: list              # positions of the unordered categorical variables
    ranks: np.ndarray              # numeric variables x rows: dense rank of each value
    root_order: np.ndarray         # numeric variables x rows: the rows in value order (stable),
                                   # as positions in ``ranks.ravel()`` (row + variable * n)
    codes: list                    # each categorical variable's level codes
    level_offset: np.ndarray       # where each categorical variable's levels start in the run
    total_levels: int
    level_codes: np.ndarray        # rows x categorical variables: codes + offsets
    level_variable: np.ndarray     # the variable of each level in the run


def prepare_tree_design(columns: list[np.ndarray], unordered: list[bool]) -> TreeDesign:
    """Prepare ``columns`` (as :func:`grow_propensity_tree` takes them) for growing trees.

    Examples
    --------
    >>> design = prepare_tree_design([np.array([3.0, 1.0, 3.0]), np.array([1, 0, 1])], [False, True])
    >>> design.ranks[0].tolist(), design.root_order[0].tolist()
    ([1, 0, 1], [1, 0, 2])
    """
    n = len(columns[0]) if columns else 0
    numeric = np.array([i for i, u in enumerate(unordered) if not u], dtype=np.int64)
    categorical = [i for i, u in enumerate(unordered) if u]
    # splits only depend on the order of the values; each node keeps its rows in value order
    # by stable partitioning of its parent's orders
    ranks = np.empty((len(numeric), n), dtype=np.int64)
    for k, i in enumerate(numeric):
        ranks[k] = np.unique(np.asarray(columns[i], dtype=float), return_inverse=True)[1]
    root_order = np.argsort(ranks, axis=1, kind="stable") + n * np.arange(len(numeric))[:, None]
    codes = [np.asarray(columns[i]).astype(np.int64) for i in categorical]
    n_levels = [int(c.max()) + 1 if len(c) else 0 for c in codes]
    level_offset = np.cumsum([0] + n_levels)[:-1].astype(np.int64)
    level_codes = (np.column_stack(codes) + level_offset if codes else np.zeros((n, 0), dtype=np.int64))
    return TreeDesign(n, numeric, categorical, ranks, root_order, codes,
                      level_offset, int(sum(n_levels)), level_codes,
                      np.repeat(np.arange(len(codes)), n_levels))


def grow_propensity_tree(columns: list[np.ndarray] | None, unordered: list[bool] | None, y: np.ndarray, *,
                         cp: float = 1e-3, minbucket: int = 5,
                         design: TreeDesign | None = None) -> PropensityTree:
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
    design : TreeDesign, optional
        ``prepare_tree_design(columns, unordered)``, made once when many trees are grown on
        the same rows (``columns`` and ``unordered`` are then not read).

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
    d = prepare_tree_design(columns, unordered) if design is None else design
    y = np.asarray(y).astype(np.int64)
    n = len(y)
    if d.n != n:
        raise ValueError(f"y has {n} rows, the columns have {d.n}")
    numeric, categorical, ranks, codes = d.numeric, d.categorical, d.ranks, d.codes
    level_offset, total_levels, level_codes, level_variable = (d.level_offset, d.total_levels,
                                                               d.level_codes, d.level_variable)
    # a node keeps, per numeric variable, its rows in value order as positions in the flat
    # (variable-major) arrays below: a row's rank and label are then one look-up away
    flat_ranks = ranks.ravel()
    flat_y = np.tile(y.astype(np.float64), len(numeric))
    variable_start = n * np.arange(len(numeric))[:, None]
    state = {"iscale": 0.0}
    side = np.zeros(n * len(numeric), dtype=bool)

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
            xs = flat_ranks[order]
            # a cut after position i (i + 1 rows on the left) needs a change of value there and
            # minbucket rows on each side: positions minbucket - 1 ... size - minbucket - 1
            boundary = xs[:, minbucket:size - minbucket + 1] != xs[:, minbucket - 1:size - minbucket]
            variable, position = np.nonzero(boundary)      # by variable, then by position
            position += minbucket - 1
            if len(variable):
                left1 = np.cumsum(flat_y[order], axis=1)[variable, position]
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
            first_of_run = np.ones(len(group), dtype=bool)
            np.not_equal(group[1:], group[:-1], out=first_of_run[1:])
            run = np.flatnonzero(first_of_run)[np.cumsum(first_of_run) - 1]   # where each run starts
            # running counts with a leading 0: a cut's left side is a difference of two of them
            ln_all, l1_all = np.zeros(len(ordered) + 1), np.zeros(len(ordered) + 1)
            np.cumsum(counts[ordered], out=ln_all[1:])
            np.cumsum(ones[ordered], out=l1_all[1:])
            ln, left1 = ln_all[1:] - ln_all[run], l1_all[1:] - l1_all[run]
            valid = np.flatnonzero((ln >= minbucket) & (size - ln >= minbucket))
            if len(valid):
                ln, left1 = ln[valid], left1[valid]
                rn = size - ln
                l0, r1 = ln - left1, count1 - left1
                r0 = rn - r1
                score = (l0 * l0 + left1 * left1) / ln + (r0 * r0 + r1 * r1) / rn
                pick = int(np.argmax(score))               # the first best cut
                best = int(valid[pick])
                k = int(group[best])
                cut = ordered[run[best]:best + 1] - level_offset[k]
                candidates.append((float(score[pick] - base), categorical[k],
                                   ("levels", k, cut, left1[pick] / ln[pick] < r1[pick] / rn[pick])))
        if not candidates:
            return None
        state["iscale"] = max(state["iscale"], max(c[0] for c in candidates))
        accepted = [c for c in candidates if c[0] > state["iscale"] * 1e-10]
        if not accepted:
            return None
        _, _, (kind, k, cut, first_is_lower) = max(accepted, key=lambda c: (c[0], -c[1]))
        if kind == "numeric":
            first = ranks[k, rows] <= flat_ranks[order[k, cut]]
        else:
            in_cut = np.zeros(len(level_variable), dtype=bool)
            in_cut[cut] = True
            first = in_cut[codes[k][rows]]
        # rpart's left son is the side with the smaller share of label 1 (ties: the second side)
        return first if first_is_lower else ~first

    def node_order(parent_order: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The node's sorted orders: each variable's row of its parent's ``parent_order``
        stably filtered to the node's ``rows`` (a stable partition, one side at a time)."""
        if len(rows) == parent_order.shape[1]:
            return parent_order                            # the root
        marks = (rows + variable_start).ravel()
        side[marks] = True
        kept = parent_order[side[parent_order]].reshape(-1, len(rows))
        side[marks] = False
        return kept

    def partition(rows: np.ndarray, parent_order: np.ndarray, bound: float | None) -> tuple[int, float, dict]:
        """Grow the subtree of a node; returns (number of splits, its risk, the node)."""
        node = {"rows": rows, "risk": risk_of(rows)}
        tempcp = node["risk"] if bound is None else min(node["risk"], bound)
        node["complexity"] = node["risk"] if bound is None else bound
        if len(rows) < 3 * minbucket or tempcp <= alpha:   # a leaf: no sorting needed
            node["complexity"] = alpha
            return 0, node["risk"], node
        order = node_order(parent_order, rows)
        goes_left = best_split(rows, order)
        if goes_left is None:
            node["complexity"] = alpha
            return 0, node["risk"], node
        left_splits, left_risk, left = partition(rows[goes_left], order, tempcp - alpha)
        tempcp = (node["risk"] - left_risk) / (left_splits + 1)
        tempcp = max(tempcp, node["risk"] - left["risk"])
        tempcp = min(tempcp, node["complexity"])
        right_splits, right_risk, right = partition(rows[~goes_left], order, tempcp - alpha)
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
    _, _, root = partition(np.arange(n), d.root_order, None)
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
