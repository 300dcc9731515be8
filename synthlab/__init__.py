"""synthlab: the helper library of the synthlab course on synthetic data.

Small, readable functions with pandas DataFrames in and out and a ``seed`` everywhere.
"""
from synthlab.data import load_boys
from synthlab.cart_tradeoff import CartTradeoff
from synthlab.density_ratio import DensityRatioFit, ulsif
from synthlab.disclosure import DiscoResult, ReplicatedUniques, disco, replicated_uniques, sdc
from synthlab.fit_comparison import ci_overlap, compare_fit
from synthlab.plots import (plot_fit_comparison, plot_marginals, plot_pairs, plot_ratio_distribution,
                            plot_ratio_scatter)
from synthlab.utility import PMSEResult, check_constraints, compare, pmse
from synthlab.normal import (ConditionalChain, JointNormal, conditional_chain, fit_conditional_chain,
                             fit_joint_normal, joint_normal)
from synthlab.release import codebook, write_release
from synthlab.splines import natural_spline_basis, quantile_knots
from synthlab.synthesis import SynResult, SynthesisWarning, syn
from synthlab.tradeoff import TradeoffLabels, TradeoffPath, TradeoffPoint, tradeoff_path
from synthlab.tradeoff_plot import TradeoffFigure, draw_tradeoff
from synthlab.tradeoff_plotly import plotly_html, tradeoff_plotly
from synthlab.tv_tradeoff import SplineTradeoff, distribution_gap, reproduced_share, tv_subset
from synthlab.widgets import TradeoffWidget, tradeoff_widget

__all__ = ["ulsif", "DensityRatioFit", "CartTradeoff", "pmse", "PMSEResult", "compare", "check_constraints",
           "compare_fit", "ci_overlap", "replicated_uniques", "disco", "sdc", "ReplicatedUniques", "DiscoResult",
           "plot_marginals", "plot_pairs", "plot_ratio_distribution", "plot_ratio_scatter", "plot_fit_comparison",
           "load_boys", "joint_normal", "conditional_chain", "fit_joint_normal", "fit_conditional_chain",
           "JointNormal", "ConditionalChain", "codebook", "write_release"]
__all__ += ["natural_spline_basis", "quantile_knots", "TradeoffLabels", "TradeoffPath", "TradeoffPoint",
            "tradeoff_path", "TradeoffFigure", "draw_tradeoff", "plotly_html", "tradeoff_plotly", "SplineTradeoff",
            "distribution_gap", "reproduced_share", "tv_subset", "TradeoffWidget", "tradeoff_widget"]
__all__ += ["syn", "SynResult", "SynthesisWarning"]
__version__ = "0.1.0"
