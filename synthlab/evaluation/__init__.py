"""Chapter 4: judging synthetic data, its utility and its disclosure risk.

Modules: :mod:`~synthlab.evaluation.utility` (compare, constraint checks, pMSE, with the
rpart tree of :mod:`~synthlab.evaluation.propensity_tree`),
:mod:`~synthlab.evaluation.utility_tables` (S_pMSE of one- and two-way tables),
:mod:`~synthlab.evaluation.density_ratio` (uLSIF), :mod:`~synthlab.evaluation.fit_comparison`
(a model fitted to both data sets: CI overlap, standardised differences),
:mod:`~synthlab.evaluation.disclosure` (replicated uniques, DiSCO, ``sdc``),
:mod:`~synthlab.evaluation.plots` (their figures), :mod:`~synthlab.evaluation.columns`
(what kind of column a measure sees) and :mod:`~synthlab.evaluation.inputs` (synthetic data
as a DataFrame, a synthesis result or a list of them, as synthpop's functions take a
``synds`` object).
"""
from synthlab.evaluation.density_ratio import DensityRatioFit, ulsif
from synthlab.evaluation.disclosure import DiscoResult, ReplicatedUniques, disco, replicated_uniques, sdc
from synthlab.evaluation.fit_comparison import ci_overlap, compare_fit
from synthlab.evaluation.plots import (plot_fit_comparison, plot_marginals, plot_pairs, plot_ratio_distribution,
                                       plot_ratio_scatter)
from synthlab.evaluation.utility import PMSEResult, check_constraints, compare, pmse
from synthlab.evaluation.utility_tables import UtilityTables, utility_tab, utility_tables

__all__ = ["ulsif", "DensityRatioFit", "pmse", "PMSEResult", "utility_tables", "utility_tab", "UtilityTables",
           "compare", "check_constraints", "compare_fit",
           "ci_overlap", "replicated_uniques", "disco", "sdc", "ReplicatedUniques", "DiscoResult",
           "plot_marginals", "plot_pairs", "plot_ratio_distribution", "plot_ratio_scatter", "plot_fit_comparison"]
