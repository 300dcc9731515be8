"""synthpop-style sequential synthesis: :func:`syn` and its plug-in methods.

Modules: :mod:`~synthlab.synthesis.syn` (the dispatcher), :mod:`~synthlab.synthesis.methods`
(one function per method and the registry), :mod:`~synthlab.synthesis.passive` (formulas),
:mod:`~synthlab.synthesis.smoothing`, :mod:`~synthlab.synthesis.rules`,
:mod:`~synthlab.synthesis.result`, :mod:`~synthlab.synthesis.design` (dummy coding) and
:mod:`~synthlab.synthesis.variables` (kinds of variable, dtypes).
"""
from synthlab.synthesis.design import design_matrix
from synthlab.synthesis.methods import (METHOD_INFO, METHODS, SynthesisWarning, register, syn_cart, syn_logreg,
                                        syn_norm, syn_normrank, syn_polr, syn_polyreg, syn_sample)
from synthlab.synthesis.result import SynResult
from synthlab.synthesis.syn import syn

__all__ = ["syn", "SynResult", "SynthesisWarning", "METHODS", "METHOD_INFO", "register", "design_matrix",
           "syn_sample", "syn_cart", "syn_norm", "syn_normrank", "syn_logreg", "syn_polyreg", "syn_polr"]
