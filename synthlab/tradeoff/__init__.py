"""The privacy-utility sliders of chapters 2 and 4.

A slider walks a path of settings, from a too simple to a too good synthesis model, and shows
each setting's utility and disclosure. Modules: :mod:`~synthlab.tradeoff.path` (the path and
its points, model-independent), :mod:`~synthlab.tradeoff.tv_model` (chapter 2: testicular
volume given age, with :mod:`~synthlab.tradeoff.splines`), :mod:`~synthlab.tradeoff.cart_model`
(chapter 4: CART leaf size), and the drawings: :mod:`~synthlab.tradeoff.figure` (matplotlib),
:mod:`~synthlab.tradeoff.plotly_figure` (Plotly, for the website) and
:mod:`~synthlab.tradeoff.widget` (the notebook and website slider: every knob setting
precomputed, redrawn by the browser).
"""
from synthlab.tradeoff.cart_model import CartTradeoff
from synthlab.tradeoff.figure import TradeoffFigure, draw_tradeoff
from synthlab.tradeoff.path import TradeoffLabels, TradeoffPath, TradeoffPoint, tradeoff_path
from synthlab.tradeoff.plotly_figure import plotly_html, tradeoff_plotly
from synthlab.tradeoff.splines import natural_spline_basis, quantile_knots
from synthlab.tradeoff.tv_model import SplineTradeoff, distribution_gap, reproduced_share, tv_subset
from synthlab.tradeoff.widget import TradeoffWidget, tradeoff_widget

__all__ = ["CartTradeoff", "TradeoffFigure", "draw_tradeoff", "TradeoffLabels", "TradeoffPath", "TradeoffPoint",
           "tradeoff_path", "plotly_html", "tradeoff_plotly", "natural_spline_basis", "quantile_knots",
           "SplineTradeoff", "distribution_gap", "reproduced_share", "tv_subset", "TradeoffWidget",
           "tradeoff_widget"]
