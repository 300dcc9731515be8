"""Tests of the privacy-utility slider pieces: splines, measures, chapter 2's model, drawings."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import patsy
import pytest

from synthlab import (SplineTradeoff, TradeoffLabels, TradeoffPath, TradeoffPoint, distribution_gap,
                      draw_tradeoff, load_boys, natural_spline_basis, plotly_html, quantile_knots,
                      reproduced_share, tradeoff_path, tradeoff_plotly, tradeoff_widget, tv_subset)
from synthlab.tradeoff.plotly_figure import MOVING_TRACES
from synthlab.tradeoff.tv_model import ignore_groups_gap, phases


@pytest.fixture(scope="module")
def boys() -> pd.DataFrame:
    return load_boys()


@pytest.fixture(scope="module")
def small(boys) -> pd.DataFrame:
    return tv_subset(boys)


@pytest.fixture(scope="module")
def compute(small) -> SplineTradeoff:
    return SplineTradeoff(small)


@pytest.fixture(scope="module")
def path(compute) -> TradeoffPath:
    return tradeoff_path(compute, compute.settings)


def toy_compute(k, shift=0.0):
    """A compute function with hand-set figures: utility k/4, disclosure (k/4)^2."""
    return TradeoffPoint(k, utility=k / 4, disclosure=(k / 4) ** 2, x=[0.0, 1.0, 2.0], y=[k, k + shift, 0.0],
                         curve_x=[0.0, 2.0], curve_y=[0.0, k], label=f"k={k}")


# --- natural splines ----------------------------------------------------------------------

def test_spline_basis_known_values():
    # knots 0, 0.5, 1: columns 1, u, u^3 - (u - 0.5)^3_+ / 0.5 (worked by hand)
    basis = natural_spline_basis(np.array([0.0, 0.5, 1.0, 2.0, 3.0]), np.array([0.0, 0.5, 1.0]))
    np.testing.assert_allclose(basis[:, 0], 1.0)
    np.testing.assert_allclose(basis[:, 1], [0.0, 0.5, 1.0, 2.0, 3.0])
    np.testing.assert_allclose(basis[:, 2], [0.0, 0.125, 0.75, 2.25, 3.75])  # linear beyond the last knot


def test_spline_basis_is_linear_outside_boundary_knots():
    knots = np.array([0.0, 0.2, 0.5, 0.9, 1.0])
    left = natural_spline_basis(np.array([-3.0, -2.0, -1.0]), knots)
    right = natural_spline_basis(np.array([1.0, 2.0, 3.0]), knots)
    for block in (left, right):
        np.testing.assert_allclose(block[2] - block[1], block[1] - block[0], atol=1e-12)


@pytest.mark.parametrize("df", [2, 3, 8, 24])
def test_spline_fit_equals_patsy_cr(small, df):
    # Same knots, same natural-cubic-spline space: identical least-squares fits.
    x, y = small["age"].to_numpy(), small["tv"].to_numpy()
    ours = natural_spline_basis(x, quantile_knots(x, df))
    theirs = patsy.dmatrix(f'cr(x, df={df}, constraints="center")', {"x": x})
    fit = lambda basis: basis @ np.linalg.lstsq(basis, y, rcond=None)[0]
    np.testing.assert_allclose(fit(ours), fit(np.asarray(theirs)), atol=1e-6)


def test_quantile_knots():
    np.testing.assert_allclose(quantile_knots(np.arange(5.0), 2), [0.0, 2.0, 4.0])
    np.testing.assert_allclose(quantile_knots(np.arange(5.0), 1), [0.0, 4.0])
    for bad in (0, 1.5, True):
        with pytest.raises(ValueError, match="df"):
            quantile_knots(np.arange(5.0), bad)
    with pytest.raises(ValueError, match="knots"):
        natural_spline_basis(np.arange(3.0), np.array([1.0, 1.0]))


# --- the 25 boys --------------------------------------------------------------------------

def test_tv_subset_rows(boys, small):
    expected = boys.sort_values("age", kind="stable").iloc[[0, 31, 62, 93, 124, 156, 747]]
    assert small.shape == (25, 2) and list(small.columns) == ["age", "tv"]
    np.testing.assert_array_equal(small["age"].to_numpy()[[0, 1, 2, 3, 4, 5, 24]], expected["age"].to_numpy())
    assert small["age"].is_monotonic_increasing


def test_tv_subset_sorts_by_age_and_does_not_mutate(boys):
    reversed_rows = boys.iloc[::-1]
    before = reversed_rows.copy()
    # ages tie in places, so only the ages (not every tv) are independent of the row order
    np.testing.assert_array_equal(tv_subset(reversed_rows)["age"], tv_subset(boys)["age"])
    pd.testing.assert_frame_equal(reversed_rows, before)
    with pytest.raises(ValueError, match="tv"):
        tv_subset(boys.drop(columns="tv"))
    with pytest.raises(TypeError, match="DataFrame"):
        tv_subset(boys.to_numpy())


# --- the measures -------------------------------------------------------------------------

def test_phases():
    np.testing.assert_array_equal(phases(np.array([0.0, 9.99, 10.0, 15.9, 16.0, 21.0])), [0, 0, 1, 1, 2, 2])


def test_distribution_gap_known_answer():
    real, groups = np.array([1.0, 2.0, 9.0]), np.array([0, 0, 1])
    # group 0: sorted (1, 2) vs (1, 2) -> 0; group 1: |7 - 9| = 2; mean over 3 records
    assert distribution_gap(real, np.array([2.0, 1.0, 7.0]), groups) == pytest.approx(2 / 3)
    # a shuffle within groups leaves the distributions, so the gap is 0
    assert distribution_gap(real, np.array([2.0, 1.0, 9.0]), groups) == 0.0
    draws = np.array([[2.0, 1.0, 7.0], [1.0, 5.0, 9.0]])
    np.testing.assert_allclose(distribution_gap(real, draws, groups), [2 / 3, 1.0])
    with pytest.raises(ValueError, match="same length"):
        distribution_gap(real, np.ones(2), groups)


def test_ignore_groups_gap_known_answer():
    # group 0 gets quantiles 0.25, 0.75 of (1, 2, 9) = 1.5, 5.5; group 1 gets the median 2
    real, groups = np.array([1.0, 2.0, 9.0]), np.array([0, 0, 1])
    assert ignore_groups_gap(real, groups) == pytest.approx((0.5 + 3.5 + 7.0) / 3)


def test_reproduced_share_known_answer():
    real_age, real_tv = np.array([5.0, 9.0, 12.0, 14.0]), np.array([2.0, 3.0, 10.0, 20.0])
    syn_age, syn_tv = np.array([5.0, 9.0, 12.5, 14.0]), np.array([2.8, 5.0, 10.0, 19.0])
    # boy 1: within 1 ml; boy 2: 2 ml off; boy 3: no synthetic boy aged 12; boy 4: exactly 1 ml off
    assert reproduced_share(real_age, real_tv, syn_age, syn_tv) == 0.5
    assert reproduced_share(real_age, real_tv, syn_age, syn_tv, tolerance=2.0) == 0.75
    assert reproduced_share(real_age, real_tv, syn_age, syn_tv, key_tolerance=0.5) == 0.75
    draws = np.vstack([syn_tv, real_tv])
    np.testing.assert_allclose(reproduced_share(real_age, real_tv, syn_age, draws), [0.5, 0.75])
    with pytest.raises(ValueError, match="tolerance"):
        reproduced_share(real_age, real_tv, syn_age, syn_tv, tolerance=-1)


# --- chapter 2's model --------------------------------------------------------------------

def test_df1_is_the_linear_model(small, compute):
    slope, intercept = np.polyfit(small["age"], small["tv"], 1)
    fitted = intercept + slope * small["age"].to_numpy()
    np.testing.assert_allclose(compute.fitted[1], fitted, atol=1e-9)
    assert compute.sigma[1] == pytest.approx(np.sqrt(np.mean((small["tv"] - fitted) ** 2)))


@pytest.mark.parametrize("df", [24, 25])
def test_interpolating_settings_copy_the_data(small, compute, df):
    np.testing.assert_allclose(compute.fitted[df], small["tv"], atol=1e-6)
    assert compute.sigma[df] == pytest.approx(0.0, abs=1e-6)
    point = compute(df)
    np.testing.assert_allclose(point.y, small["tv"], atol=1e-6)
    assert point.disclosure == 1.0 and point.utility == pytest.approx(1.0)


def test_disclosure_low_when_simple_total_when_interpolating(path):
    # The chapter's claims: low disclosure for the straight line, total for the interpolation.
    assert path[0].setting == 1 and path[0].disclosure < 0.2
    assert path[-1].disclosure == 1.0
    assert path.disclosure[-5:].mean() > 3 * path.disclosure[:5].mean()
    assert path.utility[-5:].mean() > path.utility[:5].mean() + 0.3


def test_noise_knob_rescales_the_same_draw(compute):
    none, once, twice = (compute.synthesize(4, noise) for noise in (0.0, 1.0, 2.0))
    np.testing.assert_allclose(none, np.broadcast_to(compute.fitted[4], none.shape))
    np.testing.assert_allclose(twice - none, 2 * (once - none))
    point = compute(1, noise=0.0)  # no noise: disclosure counts the boys the line itself hits
    hit = np.abs(compute.fitted[1] - compute.y) <= 1.0
    assert point.disclosure == pytest.approx(hit.mean())


def test_same_setting_same_output_and_no_mutation(small):
    before = small.copy()
    first, second = SplineTradeoff(small, seed=7), SplineTradeoff(small, seed=7)
    a, b = first(6), second(6)
    np.testing.assert_array_equal(a.y, b.y)
    assert (a.utility, a.disclosure) == (b.utility, b.disclosure)
    assert not np.array_equal(SplineTradeoff(small, seed=8)(6).y, a.y)
    pd.testing.assert_frame_equal(small, before)


def test_spline_tradeoff_errors(small, compute):
    with pytest.raises(ValueError, match="df"):
        compute(26)
    with pytest.raises(ValueError, match="noise"):
        compute(3, noise=-1.0)
    with pytest.raises(ValueError, match="missing"):
        SplineTradeoff(small.assign(tv=np.where(small.index == 3, np.nan, small["tv"])))
    with pytest.raises(ValueError, match="lacks"):
        SplineTradeoff(small, y="hgt")
    with pytest.raises(TypeError, match="seed"):
        SplineTradeoff(small, seed=1.5)
    assert compute.labels.y == "testicular volume tv (ml)"
    assert SplineTradeoff(small.rename(columns={"tv": "v"}), y="v").labels.y == "v"


# --- the generic pieces -------------------------------------------------------------------

def test_tradeoff_point_checks():
    point = TradeoffPoint(3, 0.5, 0.25, x=[1, 2], y=[3, 4])
    assert point.label == "3" and point.x.dtype == float
    with pytest.raises(ValueError, match="share"):
        TradeoffPoint(3, 0.5, 1.5, x=[1], y=[1])
    with pytest.raises(ValueError, match="equal length"):
        TradeoffPoint(3, 0.5, 0.5, x=[1, 2], y=[1])
    with pytest.raises(ValueError, match="finite"):
        TradeoffPoint(3, np.nan, 0.5, x=[1], y=[1])
    with pytest.raises(ValueError, match="curve"):
        TradeoffPoint(3, 0.5, 0.5, x=[1], y=[1], curve_x=[1])


def test_tradeoff_path_runs_every_setting_with_fixed_knobs():
    path = tradeoff_path(toy_compute, [1, 2, 4], shift=1.0)
    assert path.settings == [1, 2, 4] and len(path) == 3
    np.testing.assert_allclose(path.utility, [0.25, 0.5, 1.0])
    np.testing.assert_allclose(path.disclosure, [0.0625, 0.25, 1.0])
    assert path[1].y[1] == 3.0 and path.index(4) == 2
    with pytest.raises(ValueError, match="not on the path"):
        path.index(3)
    with pytest.raises(TypeError, match="TradeoffPoint"):
        tradeoff_path(lambda k: (k, k), [1])
    with pytest.raises(ValueError, match="at least one"):
        tradeoff_path(toy_compute, [])


def test_draw_tradeoff_moves_artists_without_new_ones(small, path):
    figure = draw_tradeoff(path, (small["age"], small["tv"]), current=0)
    artists = [len(ax.get_children()) for ax in figure.figure.axes]
    image_first = figure.to_png()
    figure.show(23)
    np.testing.assert_allclose(figure._synthetic.get_offsets(), np.column_stack([path[23].x, path[23].y]))
    np.testing.assert_allclose(figure._curve.get_xydata()[:, 1], path[23].curve_y)
    assert figure._current_marker.get_ydata()[0] == pytest.approx(1 - path[23].disclosure)
    assert figure._bar_disclosure.get_width() == path[23].disclosure
    assert figure.to_png() != image_first
    figure.show(0)
    assert figure.to_png() == image_first  # repainting is exact
    assert [len(ax.get_children()) for ax in figure.figure.axes] == artists
    assert figure._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


def test_draw_tradeoff_generic_compute_and_errors():
    path = tradeoff_path(toy_compute, [1, 2, 3, 4])
    figure = draw_tradeoff(path, ([0, 1, 2], [1, 1, 1]), current=-1,
                           labels=TradeoffLabels(utility="pMSE", higher_utility_is_better=False))
    low, high = figure.ax_plane.get_xlim()
    assert low > high  # a loss: axis reversed so that more useful is to the right
    assert figure.point.setting == 4
    figure.set_path(tradeoff_path(toy_compute, [1, 2, 3, 4], shift=5.0))
    assert figure.ax_data.get_ylim()[1] > 9.0
    with pytest.raises(TypeError, match="TradeoffPath"):
        draw_tradeoff([toy_compute(1)], ([0], [0]))
    with pytest.raises(ValueError, match="current"):
        draw_tradeoff(path, ([0], [0]), current=4)


def test_tradeoff_plotly_has_one_precomputed_step_per_setting(small, path):
    fig = tradeoff_plotly(path, (small["age"], small["tv"]), current=3)
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == len(path) and slider.active == 3
    assert len(fig.data) == 7 and MOVING_TRACES == [1, 2, 3, 4, 6]
    for step, point in zip(slider.steps, path):
        data, layout, traces = step.args
        assert list(traces) == MOVING_TRACES and step.label == str(point.setting)
        np.testing.assert_allclose(data["y"][1], point.y, atol=1e-4)         # synthetic points
        np.testing.assert_allclose(data["x"][3], [point.disclosure], atol=1e-4)  # disclosure bar
        assert layout["annotations[0].text"] == point.label
    np.testing.assert_allclose(fig.data[2].y, path[3].y, atol=1e-4)  # starts at `current`
    reversed_fig = tradeoff_plotly(tradeoff_path(toy_compute, [1, 2]), ([0], [0]),
                                   labels=TradeoffLabels(higher_utility_is_better=False))
    x_range = reversed_fig.layout.xaxis3.range  # the plane
    assert x_range[0] > x_range[1]


def test_plotly_html_embeds_plotlyjs_for_offline_pages():
    import base64
    import gzip
    import re

    from plotly.offline import get_plotlyjs

    fig = tradeoff_plotly(tradeoff_path(toy_compute, [1, 2]), ([0], [0]))
    wrapped = plotly_html(fig, include_plotlyjs="gzip", div_id="tradeoff")
    page = wrapped._repr_html_()
    blob = re.search(r'id="synthlab-plotlyjs">([^<]+)<', page).group(1)
    assert gzip.decompress(base64.b64decode(blob)).decode() == get_plotlyjs()  # all of plotly.js, packed
    assert 'id="tradeoff"' in page and 'src="http' not in page  # nothing fetched from a network
    assert len(page) < 0.5 * len(get_plotlyjs())
    assert "assert" not in re.sub(r"<[^>]+>", "", page.replace(blob, ""))  # no plotly.js source as page text
    assert plotly_html(fig)._repr_html_() == plotly_html(fig)._repr_html_()  # stable div id and content
    assert wrapped.to_html(full_html=True) == plotly_html(fig, div_id="tradeoff").to_html(full_html=True)
    assert '"sliders"' in page and '"active":0' in page  # the figure with its precomputed slider
    raw = plotly_html(fig, include_plotlyjs=True).to_html()
    assert "window.Plotly = Plotly" in raw and "window.Plotly = Plotly" not in page
    assert len(plotly_html(fig, include_plotlyjs=False).to_html()) < len(page) / 10
    with pytest.raises(ValueError, match="include_plotlyjs"):
        plotly_html(fig, include_plotlyjs="offline")


def test_plotly_html_in_jupyterlab_and_on_the_website_carries_no_plotlyjs():
    import json

    from plotly.offline import get_plotlyjs

    fig = tradeoff_plotly(tradeoff_path(toy_compute, [1, 2]), ([0], [0]))
    bundle = plotly_html(fig, div_id="tradeoff")._repr_mimebundle_()
    assert sorted(bundle) == ["application/vnd.plotly.v1+json", "text/html"]
    plotly_json = bundle["application/vnd.plotly.v1+json"]  # what JupyterLab draws with its own plotly.js
    assert plotly_json["layout"]["sliders"][0]["active"] == 0 and len(plotly_json["data"]) == len(fig.data)
    size = len(json.dumps(bundle))
    assert size < 3 * len(fig.to_json()) < len(get_plotlyjs()) / 5  # the figure (twice), never plotly.js
    assert 'class="synthlab-plotly"' in bundle["text/html"] and "window.Plotly.newPlot" in bundle["text/html"]
    assert "application/vnd.plotly.v1+json" not in plotly_html(fig, include_plotlyjs="gzip")._repr_mimebundle_()


def test_tradeoff_plotly_axes_hold_every_range_path(small, compute, path):
    loud = tradeoff_path(compute, compute.settings, noise=2.0)
    fig = tradeoff_plotly(path, (small["age"], small["tv"]), range_paths=[loud])
    low, high = fig.layout.yaxis.range  # the data panel
    every_y = np.concatenate([p.y for p in loud] + [p.y for p in path])
    assert low <= every_y.min() and high >= every_y.max()
    toy, shifted = tradeoff_path(toy_compute, [1, 2]), tradeoff_path(toy_compute, [1, 2], shift=10.0)
    assert tradeoff_plotly(toy, ([0], [0])).layout.yaxis.range[1] < 12  # y = k + shift reaches 12
    assert tradeoff_plotly(toy, ([0], [0]), range_paths=[shifted]).layout.yaxis.range[1] >= 12
    with pytest.raises(TypeError, match="range_paths"):
        tradeoff_plotly(path, (small["age"], small["tv"]), range_paths=[[1, 2]])


def test_widget_precomputes_every_knob_combination(small, compute):
    import json
    import re

    widget = tradeoff_widget(compute, compute.settings, (small["age"], small["tv"]), start=2,
                             knobs={"noise": [0.0, 1.0, 2.0]}, knob_start={"noise": 1.0}, div_id="w")
    assert list(widget.paths) == [(0.0,), (1.0,), (2.0,)]
    assert widget.paths[(0.0,)].disclosure[0] == compute(1, noise=0.0).disclosure != widget.paths[(1.0,)].disclosure[0]
    np.testing.assert_allclose(widget.figure.data[2].y, compute(2, noise=1.0).y, atol=1e-4)  # starts at (2, 1.0)
    page = widget._repr_html_()
    data = json.loads(re.search(r'id="w-data">(.*?)</script>', page, re.S).group(1))
    assert [k["name"] for k in data["knobs"]] == ["setting", "noise"] and data["knobs"][1]["values"][2] == "2.0"
    step = data["paths"][2]["steps"][23]  # noise 2.0, df 24
    np.testing.assert_allclose(step["y"][1], compute(24, noise=2.0).y, atol=1e-4)
    assert step["label"] == "spline with 24 df" and data["moving"] == MOVING_TRACES
    np.testing.assert_allclose(data["paths"][0]["line"]["y"], 1 - widget.paths[(0.0,)].disclosure, atol=1e-4)
    inputs = re.findall(r'<input type="range"[^>]*data-knob="(\d)" min="0" max="(\d+)"[^>]*value="(\d+)"', page)
    assert inputs == [("0", "24", "1"), ("1", "2", "1")]  # main knob at df 2, noise at 1.0
    assert 'id="w"' in page and "Plotly.animate" in page


def test_widget_shows_sliders_and_figure_without_plotlyjs(small, compute, monkeypatch):
    import html

    import ipywidgets
    from plotly.offline import get_plotlyjs

    from synthlab.tradeoff.controls import CONTROLS_GONE, FigureLink, TradeoffControls
    from synthlab.tradeoff.plotly_figure import PLOTLY_MIMETYPE, PlotlyHTML

    widget = tradeoff_widget(compute, compute.settings, (small["age"], small["tv"]), start=3,
                             knobs={"noise": [0.0, 1.0]}, knob_start={"noise": 1.0}, div_id="w")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objects: shown.extend(objects))
    widget._ipython_display_()
    controls, figure = shown  # two outputs: the ipywidgets sliders first, then the figure
    assert isinstance(controls, TradeoffControls) and "synthlab-controls" in controls._dom_classes
    main, noise = controls.sliders
    assert isinstance(main, ipywidgets.SelectionSlider) and main.description == "setting"
    assert main.options[0] == ("1", 0) and len(main.options) == 25 and main.index == 2  # df 3
    assert noise.description == "noise" and [label for label, _ in noise.options] == ["0.0", "1.0"]
    assert noise.index == 1
    link = controls.link
    assert isinstance(link, FigureLink) and (link.knob0, link.knob1) == (2, 1)
    data = json.loads(link.figure_data)  # every path, for the browser
    assert data == json.loads(json.dumps(widget.data())) and data["start"] == [2, 1]
    # jslink: slider and figure link kept in step in the browser, no kernel round trip
    assert [(l.source, l.target) for l in controls.links] == [((main, "index"), (link, "knob0")),
                                                              ((noise, "index"), (link, "knob1"))]
    assert "synthlabDrawer" in link._esm and "Plotly.animate" in link._esm and "saveState" in link._esm
    bundle = controls._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab shows the widget
    assert bundle["text/plain"] == CONTROLS_GONE and html.escape(CONTROLS_GONE) in bundle["text/html"]  # where it cannot
    assert "<input" not in bundle["text/html"]  # no dead control in an untrusted notebook
    assert isinstance(figure, PlotlyHTML) and figure.div_id == "w"
    bundle = figure._repr_mimebundle_()
    assert sorted(bundle) == [PLOTLY_MIMETYPE, "text/html"]  # JupyterLab's own renderer; the website's HTML
    assert bundle[PLOTLY_MIMETYPE]["data"][2]["y"] == widget.figure.to_plotly_json()["data"][2]["y"]
    assert bundle["text/html"] == widget.to_html()  # the website: HTML knobs, figure and script
    assert 'id="w-knobs"' in bundle["text/html"] and "synthlabDrawer" in bundle["text/html"]
    assert 'class="synthlab-plotly"' in bundle["text/html"] and "synthlab-plotlyjs" not in bundle["text/html"]
    assert len(bundle["text/html"]) < len(get_plotlyjs()) / 5
    page = widget.to_html(full_html=True)  # a page that works on its own carries plotly.js, packed
    assert page.startswith("<!DOCTYPE html>") and 'id="synthlab-plotlyjs"' in page and 'id="w-knobs"' in page


def test_controls_have_at_most_four_knobs():
    from synthlab.tradeoff.controls import MAX_KNOBS, tradeoff_controls

    def toy(k, a=0, b=0, c=0, d=0):
        return TradeoffPoint(k, utility=k / 4, disclosure=(k / 4) ** 2, x=[0.0], y=[k + a + b + c + d])

    three = tradeoff_widget(toy, [1, 2], ([0.0], [0.0]), knobs={"a": [0, 1], "b": [0], "c": [0, 1]})
    assert len(tradeoff_controls(three).sliders) == MAX_KNOBS == 4
    four = tradeoff_widget(toy, [1, 2], ([0.0], [0.0]), knobs={"a": [0], "b": [0], "c": [0], "d": [0]})
    with pytest.raises(ValueError, match="at most 4 knobs"):
        tradeoff_controls(four)


def test_widget_errors(small, compute):
    observed = (small["age"], small["tv"])
    with pytest.raises(ValueError, match="knob_start"):
        tradeoff_widget(compute, compute.settings, observed, knob_start={"smooth": 1})
    with pytest.raises(ValueError, match="knob_start\\['noise'\\]"):
        tradeoff_widget(compute, compute.settings, observed, knobs={"noise": [0.0]}, knob_start={"noise": 3.0})
    with pytest.raises(ValueError, match="start"):
        tradeoff_widget(compute, compute.settings, observed, start=99)
    with pytest.raises(ValueError, match="'noise' needs"):
        tradeoff_widget(compute, compute.settings, observed, knobs={"noise": []})
    with pytest.raises(TypeError, match="callable"):
        tradeoff_widget(None, compute.settings, observed)
