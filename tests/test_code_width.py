"""Code shown on the website fits the content column: no visible code line over 88 characters."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_WIDTH = 88


def visible_code_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the code cells a reader sees (not tagged remove-cell/remove-input),
    without the cells' metadata."""
    lines, found, i = text.split("\n"), [], 0
    while i < len(lines):
        if not lines[i].startswith("```{code-cell}"):
            i += 1
            continue
        i += 1
        meta = []
        if lines[i].startswith(":tags:"):
            meta.append(lines[i])
            i += 1
        elif lines[i] == "---":
            i += 1
            while lines[i] != "---":
                meta.append(lines[i])
                i += 1
            i += 1
        hidden = any("remove-cell" in m or "remove-input" in m for m in meta)
        while not lines[i].startswith("```"):
            if not hidden:
                found.append((i + 1, lines[i]))
            i += 1
        i += 1
    return found


@pytest.mark.parametrize("source", sorted((ROOT / "book").glob("*.md")), ids=lambda p: p.stem)
def test_visible_code_fits_the_content_column(source):
    wide = [f"{source.name}:{n}: {len(line)} characters" for n, line in visible_code_lines(source.read_text())
            if len(line) > MAX_WIDTH]
    assert wide == []


def test_a_wide_line_is_found():
    cell = "```{code-cell} ipython3\n:tags: [solution]\n\n" + "x = 1" + " " * 90 + "\n```\n"
    hidden = "```{code-cell} ipython3\n:tags: [check, remove-cell]\n\n" + "y" * 100 + "\n```\n"
    assert [n for n, _ in visible_code_lines(cell) if len(_) > MAX_WIDTH] == [4]
    assert visible_code_lines(hidden) == []
