"""Benchmarks of synthlab, one module per figure set; see ``python -m synthlab.bench``."""
