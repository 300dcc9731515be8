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
from synthlab.evaluation.propensity_tree import grow_propensity_tree, prepare_tree_design
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
