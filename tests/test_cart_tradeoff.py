"""Chapter 4's slider: CART leaf size against divergence and replicated uniques."""
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


def test_smoothing_removes_exact_copies_except_in_single_record_leaves(model):
    assert model(100, smoothing=True).disclosure == 0.0
    table = model.table()
    assert list(table.index.names) == ["smoothing", "min_leaf"] and len(table) == 4
    assert table.loc[(True, 1), "replicated_uniques"] <= table.loc[(False, 1), "replicated_uniques"]


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
