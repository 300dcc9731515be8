"""The exercise and solution notebooks are generated from the chapter sources and must not drift."""
import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_notebooks)
SOURCES = build_notebooks.chapter_sources()


def test_there_are_chapter_sources():
    assert any(source.name.startswith("02_") for source in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_generated_notebooks_match_their_source(source):
    assert build_notebooks.drifted([source.stem]) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_tags_follow_the_conventions(source):
    notebook = build_notebooks.solution_notebook(source)
    for cell in notebook.cells:
        tags = build_notebooks.tags(cell)
        if "solution" in tags:
            assert "hide-input" in tags, cell.source[:60]
        if "check" in tags:
            assert "remove-cell" in tags and "assert" in cell.source, cell.source[:60]
    assert any("check" in build_notebooks.tags(c) for c in notebook.cells), "a chapter checks its claims"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_exercises_hide_solutions_and_checks(source):
    exercise = nbformat.read(ROOT / "exercises" / f"{source.stem}.ipynb", as_version=4)
    solution = nbformat.read(ROOT / "solutions" / f"{source.stem}.ipynb", as_version=4)
    solution_code = {c.source for c in solution.cells if "solution" in build_notebooks.tags(c)}
    assert solution_code, "a chapter has exercises"
    assert not solution_code & {c.source for c in exercise.cells}
    assert not any("check" in build_notebooks.tags(c) for c in exercise.cells)
    assert all(not c.get("outputs") for c in exercise.cells if c.cell_type == "code")
    assert any(c.get("outputs") for c in solution.cells if c.cell_type == "code"), "solutions are executed"


def test_drift_is_detected(tmp_path, monkeypatch):
    source = next(s for s in SOURCES if s.name.startswith("02_"))
    for folder in ("exercises", "solutions"):
        (tmp_path / folder).mkdir()
        notebook = nbformat.read(ROOT / folder / f"{source.stem}.ipynb", as_version=4)
        if folder == "solutions":
            notebook.cells[-1].source += "\nedited by hand"
        nbformat.write(notebook, tmp_path / folder / f"{source.stem}.ipynb")
    monkeypatch.setattr(build_notebooks, "EXERCISES", tmp_path / "exercises")
    monkeypatch.setattr(build_notebooks, "SOLUTIONS", tmp_path / "solutions")
    problems = build_notebooks.drifted([source.stem])
    assert len(problems) == 1 and "solutions" in problems[0]
