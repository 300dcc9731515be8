"""The CART pMSE's tree (rpart's algorithm) keeps its exact result when its code is made faster.

The R fixtures in tests/test_utility.py check the tree against rpart on the course's data; the
digests here pin, on a mixed frame they do not cover (numeric, ordered, unordered, missing
values, several cp and minbucket), the leaf of every row and its probability bit for bit, as the
first version of the tree (the one checked against R, before it was made faster) grew them.
"""
import hashlib

import numpy as np
import pandas as pd
import pytest

import synthlab
import synthlab.evaluation.propensity_tree as propensity_tree
from synthlab.evaluation.propensity_tree import grow_propensity_tree, grow_propensity_trees, prepare_tree_design
from synthlab.evaluation.utility import propensity_columns


def frame_and_label(seed, n=1200):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "a": rng.normal(size=n).round(1),
        "b": rng.integers(0, 4, n).astype(float),
        "c": pd.Categorical(rng.choice(list("pqrstu"), n)),
        "d": pd.Categorical(rng.choice(list("xyz"), n)),
        "e": np.where(rng.random(n) < 0.2, np.nan, rng.exponential(size=n).round(2)),
        "f": pd.Categorical(rng.choice(["lo", "mid", "hi"], n), categories=["lo", "mid", "hi"], ordered=True),
    })
    y = (rng.random(n) < 0.3 + 0.2 * (frame["a"] > 0) + 0.15 * (frame["c"] == "q")).astype(int).to_numpy()
    return frame, y


def digest(tree):
    data = tree.leaf.astype("<i8").tobytes() + tree.probabilities.astype("<f8").tobytes()
    return hashlib.sha256(data).hexdigest()[:16]


# (cp, minbucket, number of splits, digest of leaf and probabilities) from the first version
PINNED = [(1e-3, 5, 93, "0e12d4423bafd858"), (0.0, 1, 336, "4dc4e10182681e40"),
          (1e-4, 3, 141, "d3229dd80a488610"), (0.01, 10, 6, "c1fc92c0f6d2040a")]


@pytest.mark.parametrize("cp, minbucket, n_splits, pinned", PINNED)
def test_tree_is_bit_for_bit_the_pinned_one(cp, minbucket, n_splits, pinned):
    frame, y = frame_and_label(7)
    columns, unordered, _ = propensity_columns(frame)
    tree = grow_propensity_tree(columns, unordered, y, cp=cp, minbucket=minbucket)
    assert tree.n_splits == n_splits
    assert digest(tree) == pinned
    # a design prepared once gives the same tree (the pMSE reuses it for its permutations)
    again = grow_propensity_tree(None, None, y, cp=cp, minbucket=minbucket,
                                 design=prepare_tree_design(columns, unordered))
    assert digest(again) == pinned


def test_design_of_other_rows_is_rejected():
    frame, y = frame_and_label(7)
    columns, unordered, _ = propensity_columns(frame)
    with pytest.raises(ValueError, match="y has 10 rows"):
        grow_propensity_tree(None, None, y[:10], design=prepare_tree_design(columns, unordered))


def test_pmse_null_is_the_permutation_trees_in_draw_order():
    # the null's trees share one prepared design: their pMSEs must be exactly those of trees
    # grown from scratch on the permutations drawn one after another from the seed's generator
    frame, y = frame_and_label(3, n=600)
    observed, synthetic = frame[y == 0].reset_index(drop=True), frame[y == 1].reset_index(drop=True)
    result = synthlab.pmse(observed, synthetic, n_permutations=8, seed=5)
    columns, unordered, _ = propensity_columns(pd.concat([observed, synthetic], ignore_index=True))
    label = np.r_[np.zeros(len(observed)), np.ones(len(synthetic))].astype(np.int64)
    c = label.mean()
    rng = np.random.default_rng(5)
    null = np.array([np.mean((grow_propensity_tree(columns, unordered, rng.permutation(label)).probabilities - c) ** 2)
                     for _ in range(8)])
    assert result.expected == float(null.mean()) / 2
    assert result.p_value == float(np.mean(null >= result.pmse))


# Trees grown together (the pMSE grows its tree and its permutation trees level by level, all at
# once, in batches): the label and 12 permutations of it on the mixed frame (all columns, only
# the unordered categorical ones, only numeric ones with a missing-value indicator), (columns,
# cp, minbucket, total number of splits, digest of every tree's leaves and probabilities) as the
# first version grew them one by one.
PINNED_TOGETHER = [(None, 1e-3, 5, 509, "cef56323e92c5c81"), (["c", "d"], 1e-3, 2, 53, "6fed79f0a9e466e3"),
                   (["a", "b", "e"], 0.0, 1, 1935, "5c9b01ad57646e37"), (None, 0.01, 10, 155, "c367d91dc34a0fed")]


@pytest.mark.parametrize("batch_entries", [2 ** 21, 1, 3 * 6 * 500])   # all at once, one by one, 3 at a time
@pytest.mark.parametrize("columns, cp, minbucket, n_splits, pinned", PINNED_TOGETHER)
def test_trees_grown_together_are_the_pinned_ones(monkeypatch, batch_entries, columns, cp, minbucket, n_splits, pinned):
    monkeypatch.setattr(propensity_tree, "_BATCH_ENTRIES", batch_entries)
    frame, y = frame_and_label(11, n=500)
    design = prepare_tree_design(*propensity_columns(frame if columns is None else frame[columns])[:2])
    rng = np.random.default_rng(4)
    trees = grow_propensity_trees(design, [y] + [rng.permutation(y) for _ in range(12)], cp=cp, minbucket=minbucket)
    assert sum(tree.n_splits for tree in trees) == n_splits
    h = hashlib.sha256()
    for tree in trees:
        h.update(tree.leaf.astype("<i8").tobytes() + tree.probabilities.astype("<f8").tobytes())
    assert h.hexdigest()[:16] == pinned


def test_pmse_cart_is_bit_for_bit_the_pinned_one():
    # pMSE, the null's mean and the p-value of the first version, to the last bit
    frame, y = frame_and_label(3, n=600)
    result = synthlab.pmse(frame[y == 0].reset_index(drop=True), frame[y == 1].reset_index(drop=True), seed=9)
    assert (result.pmse.hex(), result.expected.hex(), result.p_value.hex()) == (
        "0x1.37e5a7078d9ffp-4", "0x1.3ce460e02073ep-5", "0x1.47ae147ae147bp-1")
