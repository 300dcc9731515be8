"""The kernel-free slider in a real browser: headless Chromium, page served on localhost."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from synthlab import SplineTradeoff, load_boys, plotly_html, tradeoff_path, tradeoff_plotly, tv_subset
from synthlab.tradeoff.tv_model import TV_LABELS

sys.path.insert(0, str(Path(__file__).parent))
from browser_page import check_page  # noqa: E402


@pytest.mark.browser
def test_moving_the_plotly_slider_redraws_the_figure(tmp_path):
    small = tv_subset(load_boys())
    compute = SplineTradeoff(small)
    path = tradeoff_path(compute, compute.settings)
    fig = tradeoff_plotly(path, (small["age"], small["tv"]), current=0, labels=TV_LABELS)
    page = tmp_path / "slider.html"
    page.write_text(plotly_html(fig, div_id="tradeoff").to_html(full_html=True), encoding="utf-8")

    result = check_page(page)  # raises if points or title stayed, or anything came from the network
    before, after = result["before"], result["after"]
    assert before["active"] == 0 and after["active"] > 0
    assert before["title"] == path[0].label and after["title"] == path[after["active"]].label
    np.testing.assert_allclose(after["y"], path[after["active"]].y, atol=1e-4)
    assert len(after["points"]) == len(small)


@pytest.mark.browser
@pytest.mark.parametrize("chapter", ["02_general_idea", "04_evaluating"])
def test_the_slider_works_offline_on_the_built_website(built_book, chapter):
    result = check_page(built_book / "book" / f"{chapter}.html")  # raises on a dead slider or a remote load
    assert result["after"]["active"] != result["before"]["active"]
    assert result["external"] == []
