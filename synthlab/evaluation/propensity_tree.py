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
  ``minbucket`` is given, as synthpop does). On ties the first split in variable order (and,
  within a variable, in value order) wins.
- ``cp`` is relative: a split must lower the tree's misclassification risk (the number of
  rows of the minority label) by more than ``cp`` times the root's risk, counted per split of
  the subtree it carries (cost-complexity pruning). As rpart does, this is settled while the
  tree grows, depth first: a node whose risk, or whose bound from its parent, is at most
  ``alpha = cp * risk(root)`` is not split, and a subtree that does not pay for its splits is
  cut again when its children are done.

The tree's fitted probability of label 1 for a row is the share of label 1 in its leaf, as
``predict(fit)[, 2]``. Missing values must be coded before (as ``utility.gen`` does); this
tree sees none, so rpart's surrogate splits never act.

How it is computed (the result is the depth-first algorithm's, bit for bit): a node's best
split does not depend on the rest of the tree, only whether the node is split does. So the
tree is grown in two passes.

1. Grow (:func:`_grow`): level by level, every node that could be split (at least
   ``3 * minbucket`` rows, risk above ``alpha``) gets its best split, for all nodes of a
   level and for many trees on the same rows at once (the pMSE's tree and its permutation
   trees), with a number of numpy calls per level and variable, not per node. Each numeric
   variable keeps the level's rows grouped by node and in value order within a node; a
   cumulative sum along that order counts label 1 left of every cut, and the children's
   orders are the parent's, filtered (a stable partition, so no sorting after the root).
   Each categorical variable counts its levels' labels per node with one ``bincount``.
   Every cut's Gini sum is the same few floating-point operations on exact label counts,
   however many nodes and trees are batched, so a tree does not depend on the batching;
   ties go to the first variable and the first cut.
2. Prune (:func:`_prune`): rpart's depth-first pass over the grown nodes, with its bounds,
   its running ``iscale`` (a split must improve by more than 1e-10 of the largest
   improvement seen so far) and its cost-complexity cuts, decides which of the grown splits
   the tree keeps.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["grow_propensity_tree", "grow_propensity_trees", "prepare_tree_design", "PropensityTree",
           "TreeDesign"]

# trees grown together hold about this many (variable, row) entries at once; more trees per
# batch means fewer numpy calls, fewer means less memory
_BATCH_ENTRIES = 2 ** 21


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
    return grow_propensity_trees(d, [y], cp=cp, minbucket=minbucket)[0]


def grow_propensity_trees(design: TreeDesign, labels, *, cp: float = 1e-3,
                          minbucket: int = 5) -> list[PropensityTree]:
    """Grow one tree per 0/1 label on the rows of ``design``, all at once.

    The trees are those :func:`grow_propensity_tree` grows one by one; growing them together
    (the pMSE's tree and its permutation trees) shares the per-level numpy calls.

    Parameters
    ----------
    design : TreeDesign
        ``prepare_tree_design(columns, unordered)``.
    labels : sequence of numpy.ndarray, or a 2-D array (one label per row of it)
        The 0/1 labels, each with one value per row of the design.
    cp, minbucket : float, int
        As in :func:`grow_propensity_tree`.

    Returns
    -------
    list of PropensityTree, one per label

    Examples
    --------
    >>> x = np.r_[np.zeros(50), np.ones(50)]
    >>> design = prepare_tree_design([x], [False])
    >>> [t.n_leaves for t in grow_propensity_trees(design, [x == 1, np.arange(100) % 2])]
    [2, 1]
    """
    labels = [np.asarray(y).astype(np.int64) for y in labels]
    for y in labels:
        if len(y) != design.n:
            raise ValueError(f"y has {len(y)} rows, the columns have {design.n}")
    per_tree = max(len(design.numeric), 1) * max(design.n, 1)
    batch = max(1, _BATCH_ENTRIES // per_tree)
    trees = []
    for first in range(0, len(labels), batch):
        y = np.array(labels[first:first + batch], dtype=np.int64).reshape(-1, design.n)
        trees += _grow_batch(design, y, cp, minbucket)
    return trees


@dataclass
class _Grown:
    """Every node the growing pass made, for a batch of trees (node ids: roots 0 ... T - 1,
    then level by level). ``improvement`` is NaN where the node was not tried or had no
    allowed split; ``terminal`` is each (tree, row)'s deepest node."""

    parent: np.ndarray
    size: list
    risk: list
    improvement: list
    left: list
    right: list
    terminal: np.ndarray
    level_start: list              # first node id of each level


def _grow_batch(d: TreeDesign, y: np.ndarray, cp: float, minbucket: int) -> list[PropensityTree]:
    """The trees of the labels ``y`` (trees x rows): grow, prune each, number the leaves."""
    n_trees, n = y.shape
    ones = y.sum(axis=1).astype(np.float64)
    alpha = cp * np.minimum(n - ones, ones)              # cp times each root's risk
    grown = _grow(d, y, alpha, minbucket)
    # final leaf number of every node (within its tree), -1 above the leaves
    final = np.full(len(grown.size), -1, dtype=np.int64)
    n_splits = []
    for t in range(n_trees):
        leaves = _prune(grown, t, float(alpha[t]), minbucket)
        final[leaves] = np.arange(len(leaves))
        n_splits.append(len(leaves) - 1)
    # a grown node below a final leaf belongs to that leaf (parents come a level earlier)
    bounds = grown.level_start + [len(final)]
    for start, stop in zip(bounds[1:-1], bounds[2:]):
        below = final[start:stop] < 0
        final[start:stop][below] = final[grown.parent[start:stop][below]]
    leaf = final[grown.terminal].reshape(n_trees, n)
    trees = []
    for t in range(n_trees):
        count = np.bincount(leaf[t])
        share = np.bincount(leaf[t], weights=y[t].astype(np.float64)) / count
        trees.append(PropensityTree(share[leaf[t]], leaf[t], n_splits[t]))
    return trees


def _grow(d: TreeDesign, y: np.ndarray, alpha: np.ndarray, minbucket: int) -> _Grown:
    """The growing pass: the best split of every node that may be split, level by level.

    The trees' rows are numbered ``item = tree * n + row``. For the level's nodes that are
    tried (the "frontier"), ``entries`` holds one row per numeric variable: the nodes' items
    grouped by node (in frontier order) and in value order within a node, each packed with
    its rank and label as ``rank << shift | item << 1 | label`` (one array to filter, not
    three). Without numeric variables it has one row of items in row order."""
    n_trees, n = y.shape
    p = len(d.numeric)
    items_total = n_trees * n
    shift = (2 * items_total).bit_length()
    item_mask = (1 << (shift - 1)) - 1
    labels = y.ravel()
    row_of_item = np.tile(np.arange(n), n_trees)
    q = len(d.categorical)
    codes = [2 * np.asarray(c) for c in d.codes]         # each categorical variable's level codes, doubled
    n_levels = np.bincount(d.level_variable, minlength=q)
    # the nodes, level by level (the roots first): per level arrays, joined at the end
    ones = y.sum(axis=1)
    parent = [np.full(n_trees, -1)]
    size, risk = [np.full(n_trees, n)], [np.minimum(n - ones, ones).astype(np.float64)]
    tried_nodes, gains, left_child, right_child = [], [], [], []
    level_start, n_nodes = [0], n_trees
    terminal = np.repeat(np.arange(n_trees), n)           # each item's deepest node so far

    frontier = np.flatnonzero((n >= 3 * minbucket) & (risk[0] > alpha))
    if p:
        rows = d.root_order - n * np.arange(p)[:, None]    # each variable's rows in value order
        rank = np.take_along_axis(d.ranks, rows, axis=1)
    else:
        rows, rank = np.arange(n)[None, :], np.zeros((1, n), dtype=np.int64)
    item = (frontier[None, :, None] * n + rows[:, None, :]).reshape(len(rows), -1)
    entries = np.tile(rank, (1, len(frontier))) << shift | item << 1 | labels[item]
    side_of = np.zeros(2 * items_total, dtype=np.uint8)  # by item << 1 | label: 0 left, 1 right, 2 out
    low_bits = (1 << shift) - 1
    f_tree, f_size, f_ones = frontier, np.full(len(frontier), n), ones[frontier].astype(np.float64)

    while len(frontier):
        m = entries.shape[1]
        items = (entries[0] >> 1) & item_mask
        seg = np.repeat(np.arange(len(frontier)), f_size)     # frontier node of each position
        start = np.cumsum(f_size) - f_size
        local = np.arange(m) - start[seg]                     # position within the node
        size_f = f_size.astype(np.float64)
        count0 = size_f - f_ones
        base = (count0 * count0 + f_ones * f_ones) / size_f   # the node's own Gini sum
        none = np.zeros(len(frontier), dtype=bool)
        has_num, s_num, k_num, cut_at, lower_num = (
            _numeric_splits(entries, shift, seg, start, local, f_size, f_ones, minbucket) if p else (none,) * 5)
        has_cat, s_cat, k_cat, in_cut, lower_cat = (
            _categorical_splits(codes, n_levels, row_of_item[items], entries[0] & 1, seg, f_size, f_ones,
                                minbucket) if q else (none,) * 5)
        # the better of the numeric and the categorical candidate; ties: the first column
        gain_num, gain_cat = s_num - base, s_cat - base
        col_num = d.numeric[k_num] if p else 0
        col_cat = np.asarray(d.categorical)[k_cat] if q else 0
        use_cat = has_cat & (~has_num | (gain_cat > gain_num) | ((gain_cat == gain_num) & (col_cat < col_num)))
        splits = has_num | has_cat
        tried_nodes.append(frontier)
        gains.append(np.where(splits, np.where(use_cat, gain_cat, gain_num), np.nan))

        # which side each item of a split node goes to (rpart's left: the lower label-1 share):
        # on a numeric variable the rows up to the cut in its order, on levels those in the cut
        lower = np.where(use_cat, lower_cat, lower_num)[seg]
        goes = np.zeros(items_total, dtype=bool)
        on_num = (splits & ~use_cat)[seg]
        if on_num.any():
            in_order = (np.take(entries.ravel(), k_num[seg] * m + np.arange(m)) >> 1) & item_mask
            goes[np.compress(on_num, in_order)] = np.compress(on_num, (local <= cut_at[seg]) == lower)
        on_cat = (splits & use_cat)[seg]
        if on_cat.any():
            at = np.compress(on_cat, seg)
            level = d.level_codes.ravel()[row_of_item[np.compress(on_cat, items)] * q + k_cat[at]]
            level -= d.level_offset[k_cat[at]]
            goes[np.compress(on_cat, items)] = in_cut[at * max(n_levels) + level] == np.compress(on_cat, lower)
        goes_left = np.take(goes, items)

        # the children: left ones, then right ones, in frontier order
        split_at = np.flatnonzero(splits)
        n_split = len(split_at)
        child = np.full((2, len(frontier)), -1)
        child[0, split_at] = n_nodes + np.arange(n_split)
        child[1, split_at] = n_nodes + n_split + np.arange(n_split)
        left_child.append(child[0])
        right_child.append(child[1])
        node_or_child = np.where(splits, child, frontier)    # a node not split keeps its items
        terminal[items] = np.where(goes_left, node_or_child[0][seg], node_or_child[1][seg])
        n_left = np.bincount(seg, weights=goes_left, minlength=len(frontier))[split_at].astype(np.int64)
        ones_left = np.bincount(seg, weights=goes_left & (entries[0] & 1 == 1),
                                minlength=len(frontier))[split_at]
        c_size = np.r_[n_left, f_size[split_at] - n_left]
        c_ones = np.r_[ones_left, f_ones[split_at] - ones_left]
        c_tree = np.tile(f_tree[split_at], 2)
        c_risk = np.minimum(c_size - c_ones, c_ones)
        parent.append(np.tile(frontier[split_at], 2))
        size.append(c_size)
        risk.append(c_risk)
        level_start.append(n_nodes)
        tried = (c_size >= 3 * minbucket) & (c_risk > alpha[c_tree])

        # the next frontier: each variable's order filtered to the tried children (stable),
        # the left children's entries first
        tried_left, tried_right = np.zeros(len(frontier), dtype=bool), np.zeros(len(frontier), dtype=bool)
        tried_left[split_at], tried_right[split_at] = tried[:n_split], tried[n_split:]
        side = np.where(goes_left, np.where(tried_left[seg], 0, 2), np.where(tried_right[seg], 1, 2))
        side_of[entries[0] & low_bits] = side
        n_to_left, n_to_right = np.count_nonzero(side == 0), np.count_nonzero(side == 1)
        new_entries = np.empty((len(entries), n_to_left + n_to_right), dtype=np.int64)
        for row, new_row in zip(entries, new_entries):
            side = np.take(side_of, row & low_bits)
            np.compress(side == 0, row, out=new_row[:n_to_left])
            np.compress(side == 1, row, out=new_row[n_to_left:])
        entries = new_entries
        frontier = n_nodes + np.flatnonzero(tried)
        f_tree, f_size, f_ones = c_tree[tried], c_size[tried], c_ones[tried]
        n_nodes += 2 * n_split

    improvement = np.full(n_nodes, np.nan)
    left, right = np.full(n_nodes, -1), np.full(n_nodes, -1)
    if tried_nodes:
        at = np.concatenate(tried_nodes)
        improvement[at] = np.concatenate(gains)
        left[at], right[at] = np.concatenate(left_child), np.concatenate(right_child)
    return _Grown(np.concatenate(parent), np.concatenate(size).tolist(),
                  np.concatenate(risk).tolist(), improvement.tolist(), left.tolist(), right.tolist(),
                  terminal, level_start)


def _numeric_splits(entries, shift, seg, start, local, size, ones, minbucket):
    """Best numeric split of each frontier node: (has one, its Gini sum S, numeric variable,
    local position of the last row of the left side, whether the left side has the lower
    label-1 share).

    Gini: a split's impurity is 2 size - S with S = (l0^2 + l1^2) / l + (r0^2 + r1^2) / r
    (l0, l1 label counts on the left, l their sum; likewise right); the best split has the
    largest S. A cut after local position i needs a change of value there and ``minbucket``
    rows on each side: i = minbucket - 1 ... size - minbucket - 1."""
    p, m = entries.shape
    n_nodes = len(size)
    allowed = (local[:-1] >= minbucket - 1) & (local[:-1] <= size[seg[:-1]] - minbucket - 1)
    best = np.full((p, n_nodes), -np.inf)                 # each variable's best S in each node,
    cut_at = np.zeros((p, n_nodes), dtype=np.int64)       # where (local position)
    lower = np.zeros((p, n_nodes), dtype=bool)            # and whether its left share is lower
    running = np.zeros(m + 1, dtype=np.int64)
    for k in range(p):                                     # (one variable at a time: small
        rank = entries[k] >> shift                         # temporaries, far fewer page faults)
        at = np.flatnonzero((rank[1:] != rank[:-1]) & allowed)
        if not len(at):
            continue
        np.cumsum(entries[k] & 1, out=running[1:])         # label-1 counts up to each position
        node = seg[at]
        left1 = (running[at + 1] - running[start[node]]).astype(np.float64)
        ln = local[at] + 1.0
        rn = size[node] - ln
        l0, r1 = ln - left1, ones[node] - left1
        r0 = rn - r1
        score = (l0 * l0 + left1 * left1) / ln + (r0 * r0 + r1 * r1) / rn
        best_of, first_of = _first_max(node, score)        # the first best cut of each node
        with_cut = node[first_of]
        best[k, with_cut] = best_of
        cut_at[k, with_cut] = local[at[first_of]]
        lower[k, with_cut] = left1[first_of] / ln[first_of] < r1[first_of] / rn[first_of]
    k = np.argmax(best, axis=0)                            # the first best variable of each node
    nodes = np.arange(n_nodes)
    return best[k, nodes] > -np.inf, best[k, nodes], k, cut_at[k, nodes], lower[k, nodes]


def _categorical_splits(codes, n_levels, rows, y_rows, seg, size, ones, minbucket):
    """Best split of each frontier node by the levels of an unordered categorical variable:
    (has one, its Gini sum S, categorical variable, levels of the left side as a mask over
    ``node * max(n_levels) + level``, whether the left side has the lower label-1 share).

    For two labels the best subset of a variable's levels is a cut of its levels ordered by
    their share of label 0 (rpart's order; ties keep the level order), so, per variable, the
    cuts are tried in a table of nodes x levels in that order (levels absent from a node
    last, where no cut is allowed); the first best in (variable, cut) order wins."""
    n_nodes, q, widest = len(size), len(codes), max(n_levels)
    nodes = np.arange(n_nodes)
    best = np.full((q, n_nodes), -np.inf)                 # each variable's best S in each node,
    lower = np.zeros((q, n_nodes), dtype=bool)            # whether its left share is lower
    in_cut = np.zeros((q, n_nodes, widest), dtype=bool)   # and its levels on the left
    node_keys = {}
    for k in range(q):
        levels = n_levels[k]
        # label counts of each (node, level): key (node * levels + level) * 2 + label
        if levels not in node_keys:
            node_keys[levels] = seg * (2 * levels) + y_rows
        key = node_keys[levels] + np.take(codes[k], rows)
        both = np.bincount(key, minlength=n_nodes * levels * 2).reshape(n_nodes, levels, 2)
        ones_at = both[..., 1].astype(np.float64)
        counts = both[..., 0] + ones_at
        with np.errstate(divide="ignore", invalid="ignore"):
            share0 = np.where(counts > 0, (counts - ones_at) / counts, np.inf)
            order = np.argsort(share0, axis=1, kind="stable")
            ln = np.cumsum(np.take_along_axis(counts, order, axis=1), axis=1)
            left1 = np.cumsum(np.take_along_axis(ones_at, order, axis=1), axis=1)
            rn = size[:, None] - ln
            l0, r1 = ln - left1, ones[:, None] - left1
            r0 = rn - r1
            score = (l0 * l0 + left1 * left1) / ln + (r0 * r0 + r1 * r1) / rn
        score = np.where((ln >= minbucket) & (rn >= minbucket), score, -np.inf)
        pick = np.argmax(score, axis=1)                    # the first best cut of each node
        best[k] = score[nodes, pick]
        with np.errstate(divide="ignore", invalid="ignore"):  # (nodes without a cut)
            lower[k] = left1[nodes, pick] / ln[nodes, pick] < r1[nodes, pick] / rn[nodes, pick]
        np.put_along_axis(in_cut[k], order, np.arange(levels) <= pick[:, None], axis=1)
    k = np.argmax(best, axis=0)                            # the first best variable of each node
    return best[k, nodes] > -np.inf, best[k, nodes], k, in_cut[k, nodes].ravel(), lower[k, nodes]


def _first_max(group: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per run of equal ``group`` values (non-decreasing): the largest score and the index of
    its first occurrence."""
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    best = np.maximum.reduceat(score, starts)
    hits = np.flatnonzero(score == np.repeat(best, np.diff(np.r_[starts, len(score)])))
    first = hits[np.r_[True, group[hits[1:]] != group[hits[:-1]]]]
    return best, first


def _prune(grown: _Grown, root: int, alpha: float, minbucket: int) -> list[int]:
    """rpart's depth-first pass over tree ``root``'s grown nodes: returns its final leaves in
    depth-first order (left before right)."""
    size, risk, improvement = grown.size, grown.risk, grown.improvement
    left, right = grown.left, grown.right
    iscale = 0.0
    kept = set()

    def partition(node: int, bound: float | None) -> tuple[int, float, float]:
        """The subtree's (number of splits, risk, the node's complexity)."""
        nonlocal iscale
        node_risk = risk[node]
        tempcp = node_risk if bound is None else min(node_risk, bound)
        complexity = node_risk if bound is None else bound
        if size[node] < 3 * minbucket or tempcp <= alpha:
            return 0, node_risk, alpha
        gain = improvement[node]
        if gain != gain:                                   # NaN: no allowed split
            return 0, node_risk, alpha
        iscale = max(iscale, gain)
        if not gain > iscale * 1e-10:
            return 0, node_risk, alpha
        lnode, rnode = left[node], right[node]
        left_splits, left_risk, left_cp = partition(lnode, tempcp - alpha)
        tempcp = (node_risk - left_risk) / (left_splits + 1)
        tempcp = max(tempcp, node_risk - risk[lnode])
        tempcp = min(tempcp, complexity)
        right_splits, right_risk, right_cp = partition(rnode, tempcp - alpha)
        tempcp = (node_risk - (left_risk + right_risk)) / (left_splits + right_splits + 1)
        if right_cp > left_cp:
            if tempcp > left_cp:
                left_risk, left_splits = risk[lnode], 0
                tempcp = (node_risk - (left_risk + right_risk)) / (left_splits + right_splits + 1)
                if tempcp > right_cp:
                    right_risk, right_splits = risk[rnode], 0
        elif tempcp > right_cp:
            right_risk, right_splits = risk[rnode], 0
            tempcp = (node_risk - (left_risk + right_risk)) / (left_splits + right_splits + 1)
            if tempcp > left_cp:
                left_risk, left_splits = risk[lnode], 0
        complexity = (node_risk - (left_risk + right_risk)) / (left_splits + right_splits + 1)
        if complexity <= alpha:
            return 0, node_risk, complexity
        kept.add(node)
        return left_splits + right_splits + 1, left_risk + right_risk, complexity

    partition(root, None)
    leaves = []

    def collect(node: int) -> None:
        if node in kept:
            collect(left[node])
            collect(right[node])
        else:
            leaves.append(node)

    collect(root)
    return leaves
