"""Chapter 4's slider: CART leaf size against divergence and replicated uniques."""
import warnings

import numpy as np
import pandas as pd
import pytest

import synthlab


@pytest.fixture(scope="module")
def model():
    return synthlab.CartTradeoff(synthlab.load_boys(), min_leaves=[1, 100])


def test_small_leaves_copy_records_and_large_leaves_lose_structure(model):
    copy, coarse = model(1), model(100)
    assert copy.disclosure > 0.2 > coarse.disclosure           # a leaf of one boy hands out his values
    assert copy.utility < coarse.utility                        # divergence: lower is more useful
    assert model.labels.higher_utility_is_better is False


def test_smoothing_removes_exact_copies_at_a_cost_in_divergence(model):
    assert model(100, smoothing=True).disclosure == 0.0
    table = model.table()
    assert list(table.index.names) == ["smoothing", "min_leaf"] and len(table) == 4
    assert table.loc[(True, 1), "replicated_uniques"] == 0 < table.loc[(False, 1), "replicated_uniques"]
    assert table.loc[(True, 1), "divergence"] > table.loc[(False, 1), "divergence"]


def test_a_smoothed_setting_is_syn_with_smoothing_density():
    boys = synthlab.load_boys()
    model = synthlab.CartTradeoff(boys, min_leaves=[5])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", synthlab.SynthesisWarning)
        expected = synthlab.syn(boys, method=model.passive, visit_sequence=model.visit, smoothing="density",
                                seed=model.seed).data
    pd.testing.assert_frame_equal(model.synthesize(5, smoothing=True), expected)


def test_settings_are_cached_and_reproducible(model):
    first = model.figures(1)
    assert model.figures(1) is first
    again = synthlab.CartTradeoff(synthlab.load_boys(), min_leaves=[1]).figures(1)
    pd.testing.assert_frame_equal(first["synthetic"], again["synthetic"])
    assert first["divergence"] == again["divergence"]


def test_points_plug_into_the_slider_pieces(model):
    path = synthlab.tradeoff_path(model, model.settings)
    assert path.settings == [1, 100]
    point = path[0]
    assert point.label == "min leaf 1" and len(point.x) == 748
    np.testing.assert_array_equal(point.x, model.figures(1)["synthetic"]["age"].to_numpy())
