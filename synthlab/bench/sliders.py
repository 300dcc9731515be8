"""Benchmark of chapter 2's slider: ``python -m synthlab.bench sliders``.

Python's side of chapter 2's slider. A step here is compute a setting's figures (noise draw,
utility, disclosure) plus repainting the matplotlib image of :func:`synthlab.draw_tradeoff`
and encoding its PNG, for all 25 spline settings, 3 times. The notebook's slider
(:func:`synthlab.tradeoff_widget`) computes every setting of both knobs when it is made
(``widget_create_ms``) and then redraws in the browser without Python: what a learner feels
is measured by ``python -m synthlab.bench jupyterlab``. Sizes: ``widget_html_mb`` is the
website's fragment and ``widget_notebook_outputs_mb`` what a notebook stores (the ipywidgets
sliders with the paths in their saved state, and the figure as Plotly's mimetype plus the
website's HTML), neither with plotly.js (JupyterLab and the website bring it); ``widget_standalone_page_mb`` a page that works on its own, plotly.js packed in;
``plotly_html_fragment_kb`` one figure's HTML without plotly.js. Targets (see GOALS.md): median
step < 50 ms, median compute < 5 ms.
"""
from __future__ import annotations

import json
import time

import numpy as np

from synthlab.data import load_boys
from synthlab.tradeoff.figure import draw_tradeoff
from synthlab.tradeoff.path import tradeoff_path
from synthlab.tradeoff.plotly_figure import plotly_html, tradeoff_plotly
from synthlab.tradeoff.tv_model import TV_LABELS, SplineTradeoff, tv_subset
from synthlab.tradeoff.widget import tradeoff_widget

ROUNDS = 3


def _ms(seconds: list[float] | float) -> float:
    return float(np.median(seconds)) * 1e3


def run() -> list[tuple[str, float, str]]:
    small = tv_subset(load_boys())
    observed = (small["age"], small["tv"])

    t0 = time.perf_counter()
    compute = SplineTradeoff(small)
    t1 = time.perf_counter()
    path = tradeoff_path(compute, compute.settings)
    t2 = time.perf_counter()
    widget = tradeoff_widget(compute, compute.settings, observed, start=compute.settings[-1],
                             knobs={"noise": [0.0, 0.5, 1.0, 1.5, 2.0]}, knob_start={"noise": 1.0},
                             labels=TV_LABELS)
    t3 = time.perf_counter()
    widget_html = widget.to_html()  # the website's fragment: the page loads plotly.js once
    controls = widget.controls()  # the ipywidgets, and their state a saved notebook keeps
    notebook_outputs = json.dumps([controls._repr_mimebundle_(), widget.figure_output()._repr_mimebundle_(),
                                   controls.link.figure_data])
    standalone_page = widget.to_html(full_html=True)  # a page on its own: plotly.js packed in
    figure = draw_tradeoff(path, observed, labels=TV_LABELS)

    steps, computes, repaints = [], [], []
    for _ in range(ROUNDS):
        for setting in compute.settings:
            start = time.perf_counter()
            point = compute(setting, noise=1.0)
            computed = time.perf_counter()
            figure.show(point)  # repaint the image ...
            figure.to_png()     # ... and encode it
            done = time.perf_counter()
            steps.append(done - start)
            computes.append(computed - start)
            repaints.append(done - computed)

    knob_start = time.perf_counter()
    tradeoff_path(compute, compute.settings, noise=2.0)  # one more value of the noise knob
    knob_done = time.perf_counter()

    fig = tradeoff_plotly(tradeoff_path(compute, compute.settings), observed, labels=TV_LABELS)
    t4 = time.perf_counter()
    html = plotly_html(fig).to_html()
    t5 = time.perf_counter()
    figure_json = len(fig.to_json())

    return [
        ("step_median_ms", _ms(steps), "ms"),
        ("step_p95_ms", float(np.percentile(steps, 95)) * 1e3, "ms"),
        ("compute_median_ms", _ms(computes), "ms"),
        ("compute_p95_ms", float(np.percentile(computes, 95)) * 1e3, "ms"),
        ("repaint_and_png_median_ms", _ms(repaints), "ms"),
        ("steps_timed", float(len(steps)), "steps"),
        ("precompute_ms", (t1 - t0) * 1e3, "ms"),
        ("path_all_settings_ms", (t2 - t1) * 1e3, "ms"),
        ("widget_create_ms", (t3 - t2) * 1e3, "ms"),
        ("widget_html_mb", len(widget_html.encode()) / 1e6, "MB"),
        ("widget_notebook_outputs_mb", len(notebook_outputs.encode()) / 1e6, "MB"),
        ("widget_standalone_page_mb", len(standalone_page.encode()) / 1e6, "MB"),
        ("noise_knob_change_ms", (knob_done - knob_start) * 1e3, "ms"),
        ("plotly_figure_build_ms", (t4 - knob_done) * 1e3, "ms"),
        ("plotly_html_ms", (t5 - t4) * 1e3, "ms"),
        ("plotly_figure_json_kb", figure_json / 1e3, "kB"),
        ("plotly_html_fragment_kb", len(html.encode()) / 1e3, "kB"),
    ]
