"""synthlab: the helper library of the synthlab course on synthetic data.

Small, readable functions with pandas DataFrames in and out and a ``seed`` everywhere. The
folders follow the course: :mod:`synthlab.data` (the boys and SD2011 data), :mod:`synthlab.normal`
(chapter 2), :mod:`synthlab.synthesis` (chapter 3), :mod:`synthlab.evaluation` (chapter 4),
:mod:`synthlab.tradeoff` (the sliders of chapters 2 and 4), :mod:`synthlab.release`
(chapter 5) and :mod:`synthlab.bench`. Every public name is importable from ``synthlab``.
"""
from synthlab import evaluation, tradeoff
from synthlab.data import load_boys, load_sd2011
from synthlab.evaluation import *  # noqa: F403 (the names are listed once, in evaluation.__all__)
from synthlab.normal import (ConditionalChain, JointNormal, conditional_chain, fit_conditional_chain,
                             fit_joint_normal, joint_normal)
from synthlab.release import codebook, write_release
from synthlab.synthesis import SynResult, SynthesisWarning, syn
from synthlab.tradeoff import *  # noqa: F403 (the names are listed once, in tradeoff.__all__)

__all__ = (["load_boys", "load_sd2011", "joint_normal", "conditional_chain", "fit_joint_normal", "fit_conditional_chain",
            "JointNormal", "ConditionalChain", "syn", "SynResult", "SynthesisWarning", "codebook", "write_release"]
           + evaluation.__all__ + tradeoff.__all__)
__version__ = "0.1.0"
