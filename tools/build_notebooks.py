"""Generate the exercise and solution notebooks from the one source of each chapter.

Each chapter is written once, as a MyST-markdown notebook ``book/NN_name.md``. Its code cells
may carry these tags:

``solution``  the learner writes this cell: the exercise notebook gets a prompt instead.
``check``     a hidden ``assert`` that keeps the prose true to the numbers: dropped from the
              exercise notebook (hidden on the website by its ``remove-cell`` tag).

From ``book/NN_name.md`` this script writes ``exercises/NN_name.ipynb`` (prompts, no outputs)
and ``solutions/NN_name.ipynb`` (every cell, executed, with outputs).

Usage::

    python tools/build_notebooks.py              # all chapters
    python tools/build_notebooks.py 02 03        # chapters whose file name starts so
    python tools/build_notebooks.py --check      # exit 1 if a committed notebook has drifted
"""
from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BOOK, EXERCISES, SOLUTIONS = ROOT / "book", ROOT / "exercises", ROOT / "solutions"
PROMPT = "# Your code here\n"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def chapter_sources(prefixes: list[str] | None = None) -> list[Path]:
    """The chapter sources ``book/NN_*.md``, optionally only those whose name starts with a prefix."""
    sources = sorted(p for p in BOOK.glob("[0-9][0-9]_*.md"))
    if prefixes:
        sources = [p for p in sources if any(p.name.startswith(prefix) for prefix in prefixes)]
    return sources


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    notebook = copy.deepcopy(notebook)
    notebook.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC,
                                            "language_info": {"name": "python"}})
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index:03d}"
        cell.metadata = nbformat.from_dict({"tags": tags(cell)} if tags(cell) else {})
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def solution_notebook(source: Path) -> nbformat.NotebookNode:
    """The complete notebook of a chapter, not yet executed."""
    return _clean(jupytext.read(source))


def exercise_notebook(source: Path) -> nbformat.NotebookNode:
    """The chapter with every ``solution`` cell replaced by a prompt and ``check`` cells dropped."""
    notebook = solution_notebook(source)
    cells = []
    for cell in notebook.cells:
        if "check" in tags(cell):
            continue
        if "solution" in tags(cell):
            cell = nbformat.v4.new_code_cell(PROMPT, metadata={"tags": ["exercise"]})
        cells.append(cell)
    notebook.cells = cells
    return _clean(notebook)


def execute(notebook: nbformat.NotebookNode, workdir: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel started in ``workdir``."""
    client = NotebookClient(notebook, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    return notebook


def cell_signature(notebook: nbformat.NotebookNode) -> list[tuple[str, str, tuple[str, ...]]]:
    """What must match between a committed notebook and its source: type, text and tags of each cell."""
    return [(c.cell_type, c.source.strip(), tuple(tags(c))) for c in notebook.cells]


def drifted(prefixes: list[str] | None = None) -> list[str]:
    """Names of the generated notebooks that are missing or differ from their source."""
    problems = []
    for source in chapter_sources(prefixes):
        expected = {EXERCISES / f"{source.stem}.ipynb": exercise_notebook(source),
                    SOLUTIONS / f"{source.stem}.ipynb": solution_notebook(source)}
        for path, notebook in expected.items():
            if not path.exists():
                problems.append(f"{path.parent.name}/{path.name} is missing")
            elif cell_signature(nbformat.read(path, as_version=4)) != cell_signature(notebook):
                problems.append(f"{path.parent.name}/{path.name} differs from book/{source.name}")
    return problems


def build(prefixes: list[str] | None = None) -> None:
    for source in chapter_sources(prefixes):
        EXERCISES.mkdir(exist_ok=True)
        SOLUTIONS.mkdir(exist_ok=True)
        nbformat.write(exercise_notebook(source), EXERCISES / f"{source.stem}.ipynb")
        solved = execute(solution_notebook(source), SOLUTIONS)
        nbformat.write(solved, SOLUTIONS / f"{source.stem}.ipynb")
        print(f"wrote exercises/{source.stem}.ipynb and solutions/{source.stem}.ipynb")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", nargs="*", help="chapter prefixes such as 02 (default: all)")
    parser.add_argument("--check", action="store_true", help="report drift instead of writing")
    args = parser.parse_args(argv)
    if args.check:
        problems = drifted(args.chapters or None)
        print("\n".join(problems) or "all notebooks match their sources")
        return 1 if problems else 0
    build(args.chapters or None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
