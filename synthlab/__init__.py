"""synthlab: the helper library of the synthlab course on synthetic data.

Small, readable functions with pandas DataFrames in and out and a ``seed`` everywhere.
"""
from synthlab.data import load_boys
from synthlab.normal import (ConditionalChain, JointNormal, conditional_chain, fit_conditional_chain,
                             fit_joint_normal, joint_normal)
from synthlab.release import codebook, write_release

__all__ = ["load_boys", "joint_normal", "conditional_chain", "fit_joint_normal", "fit_conditional_chain",
           "JointNormal", "ConditionalChain", "codebook", "write_release"]
__version__ = "0.1.0"
