"""Every exercise notebook runs top to bottom (Run All) with a learner's literal answers.

``tests/literal_answers/NN_name.py`` holds, for each blank of a chapter's exercise notebook in
order, an answer written from the prompt alone and unlike the solution where a learner might
differ (NumPy for pandas, other loops, the method dict written out). The notebook is run with
them in a fresh kernel: no cell may fail except one tagged ``raises-exception`` (a prompt that
expects an error), and every self-check must say "Right".
"""
from __future__ import annotations

import copy as copy_module
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

ANSWERS = ROOT / "tests" / "literal_answers"
CHAPTERS = sorted(ANSWERS.glob("[0-9][0-9]_*.py"))


def literal_answers(path: Path) -> list[str]:
    """The blocks of an answers file, split at its ``# %%`` lines (the header before the first is dropped)."""
    return [block.split("\n", 1)[1].strip() + "\n" for block in re.split(r"^(?=# %%)", path.read_text(), flags=re.M)
            if block.startswith("# %%")]


def test_every_chapter_has_literal_answers():
    assert [p.stem for p in CHAPTERS] == [p.stem for p in build_notebooks.chapter_sources()]


@pytest.mark.parametrize("answers", CHAPTERS, ids=lambda p: p.stem)
def test_an_exercise_notebook_runs_to_the_end_with_literal_answers(answers, tmp_path):
    notebook = build_notebooks.exercise_notebook(build_notebooks.BOOK / f"{answers.stem}.md")
    blanks = [cell for cell in notebook.cells if "exercise" in build_notebooks.tags(cell)]
    filled = literal_answers(answers)
    assert len(filled) == len(blanks), f"{len(filled)} answers for {len(blanks)} blanks"
    for cell, answer in zip(blanks, filled):
        cell.source = answer
    notebook = _run(notebook, tmp_path)
    failed = [cell.source[:60] for cell in notebook.cells if cell.cell_type == "code"
              and any(o.output_type == "error" for o in cell.outputs)
              and "raises-exception" not in build_notebooks.tags(cell)]
    assert failed == []
    verdicts = [" ".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
                for cell in notebook.cells if "self-check" in build_notebooks.tags(cell)]
    assert verdicts and all("Right" in v for v in verdicts), [v for v in verdicts if "Right" not in v]


CELL_TIMEOUT = 180  # seconds; the slowest cell of the course takes a few


def _run(notebook, folder: Path):
    """Run ``notebook`` in a fresh kernel (raises at a failing cell). A cell that gets no reply
    within :data:`CELL_TIMEOUT` is run again once, in a new kernel from the top: on a loaded
    machine the client has been seen waiting for a reply that an idle kernel never sent. A
    notebook that times out twice fails."""
    for attempt in (1, 2):
        copy = nbformat.from_dict(copy_module.deepcopy(notebook))
        try:
            NotebookClient(copy, kernel_name="python3", timeout=CELL_TIMEOUT,
                           resources={"metadata": {"path": str(folder)}}).execute()
            return copy
        except CellTimeoutError:
            if attempt == 2:
                raise
