"""The exercise and solution notebooks are generated from the chapter sources and must not drift."""
import importlib.util
import re
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
        if "self-check" in tags:
            assert "remove-cell" in tags and cell.cell_type == "code", cell.source[:60]
        if "hint" in tags:
            assert cell.cell_type == "markdown" and cell.source.startswith("<details><summary>Hint"), cell.source[:60]
    assert any("check" in build_notebooks.tags(c) for c in notebook.cells), "a chapter checks its claims"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_self_checks_check_the_exercise_they_follow(source):
    """``check.chN.exercise_M(...)`` follows Exercise M of chapter N, and that check exists."""
    from synthlab import check

    exercise = None
    for cell in build_notebooks.solution_notebook(source).cells:
        if cell.cell_type == "markdown":
            found = re.findall(r"^\*\*Exercise (\d+)", cell.source, re.M)
            exercise = int(found[-1]) if found else exercise
        elif "self-check" in build_notebooks.tags(cell):
            call = re.fullmatch(r"check\.(ch\d)\.(exercise_\d+)\(.*\)", cell.source.strip())
            assert call, f"a self-check is one call of synthlab.check: {cell.source!r}"
            assert call.group(1) == f"ch{int(source.name[:2])}" and call.group(2) == f"exercise_{exercise}", call.group(0)
            assert callable(getattr(getattr(check, call.group(1)), call.group(2)))


def test_hints_are_folded_in_the_notebooks():
    source = build_notebooks.BOOK / "99_hint.md"
    text = ":::{admonition} Hint\n:class: dropdown\nUse `rng.normal`.\n:::"
    assert build_notebooks.notebook_hint(text) == "<details><summary>Hint</summary>\n\nUse `rng.normal`.\n\n</details>"
    with pytest.raises(ValueError, match="admonition"):
        build_notebooks.notebook_hint("Use `rng.normal`.")
    assert not source.exists()


def test_the_start_notebook_matches_its_source():
    assert build_notebooks.drifted(["start"]) == []
    assert "# Start here" in (ROOT / "start_here.ipynb").read_text()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_exercises_hide_solutions_and_checks(source):
    exercise = nbformat.read(ROOT / "exercises" / f"{source.stem}.ipynb", as_version=4)
    solution = nbformat.read(ROOT / "solutions" / f"{source.stem}.ipynb", as_version=4)
    solution_code = {c.source for c in solution.cells if "solution" in build_notebooks.tags(c)}
    assert solution_code, "a chapter has exercises"
    assert not solution_code & {c.source for c in exercise.cells}
    assert not any("check" in build_notebooks.tags(c) for c in exercise.cells)
    self_checks = [c for c in exercise.cells if "self-check" in build_notebooks.tags(c)]
    assert all("raises-exception" in build_notebooks.tags(c) for c in self_checks)  # blanks are still empty
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
