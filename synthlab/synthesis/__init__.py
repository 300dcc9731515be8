"""synthpop-style sequential synthesis: :func:`syn` and its plug-in methods.

Modules: :mod:`~synthlab.synthesis.syn` (the dispatcher), :mod:`~synthlab.synthesis.methods`
(one function per method and the registry; more methods in
:mod:`~synthlab.synthesis.transformed`, :mod:`~synthlab.synthesis.forests` and
:mod:`~synthlab.synthesis.catall`), :mod:`~synthlab.synthesis.passive` (formulas),
:mod:`~synthlab.synthesis.smoothing` (with :mod:`~synthlab.synthesis.spline`, R's smooth.spline),
:mod:`~synthlab.synthesis.rules` (with :mod:`~synthlab.synthesis.rvalues`, synthpop's ``rvalues``),
:mod:`~synthlab.synthesis.collinear` (synthpop's ``collinear.out``),
:mod:`~synthlab.synthesis.numlevels` (``minnumlevels``), :mod:`~synthlab.synthesis.numtocat`
(``numtocat``, ``catgroups``), :mod:`~synthlab.synthesis.strata` (``syn.strata``),
:mod:`~synthlab.synthesis.result`, :mod:`~synthlab.synthesis.design` (dummy coding) and
:mod:`~synthlab.synthesis.variables` (kinds of variable, dtypes).
"""
from synthlab.synthesis.design import design_matrix
from synthlab.synthesis.methods import (METHOD_INFO, METHODS, SynthesisWarning, register, syn_cart, syn_logreg,
                                        syn_norm, syn_normrank, syn_polr, syn_polyreg, syn_sample)
from synthlab.synthesis.catall import syn_catall, syn_satcat
from synthlab.synthesis.forests import syn_bag, syn_rf
from synthlab.synthesis.result import SynResult
from synthlab.synthesis.smoothing import smooth
from synthlab.synthesis.spline import smooth_spline
from synthlab.synthesis.strata import syn_strata
from synthlab.synthesis.syn import syn
from synthlab.synthesis.transformed import syn_cubertnorm, syn_lognorm, syn_sqrtnorm

__all__ = ["syn", "syn_strata", "SynResult", "SynthesisWarning", "METHODS", "METHOD_INFO", "register", "design_matrix",
           "syn_sample", "syn_cart", "syn_norm", "syn_normrank", "syn_logreg", "syn_polyreg", "syn_polr",
           "syn_lognorm", "syn_sqrtnorm", "syn_cubertnorm", "syn_rf", "syn_bag", "syn_satcat", "syn_catall",
           "smooth", "smooth_spline"]
