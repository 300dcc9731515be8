"""How long the course takes to run: every solution notebook executed in a fresh kernel.

Run from the repository's root: ``python -m synthlab.bench notebooks``. Goal: all chapters
together in at most 90 s on a 2-core machine.
"""
from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def run(folder: str | Path = "solutions") -> list[tuple[str, float, str]]:
    notebooks = sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no chapter notebooks in {Path(folder).resolve()}; run from the repository's root")
    figures, total = [], 0.0
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(notebook, kernel_name="python3", timeout=600,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
        total += seconds
        figures.append((f"notebook_{path.stem}_s", seconds, "s"))
    return figures + [("notebooks_total_s", total, "s")]
