"""synthlab: the helper library of the synthlab course on synthetic data.

Small, readable functions with pandas DataFrames in and out and a ``seed`` everywhere.
"""
from synthlab.data import load_boys
from synthlab.normal import conditional_chain, joint_normal

__all__ = ["load_boys", "joint_normal", "conditional_chain"]
__version__ = "0.1.0"
