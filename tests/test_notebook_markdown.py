"""The notebooks' text reads as on the website: no MyST or TeX markup that Jupyter shows raw.

Jupyter renders Markdown, HTML and math between dollars; it does not know MyST roles
(``{cite:t}``, ``{ref}``), directives (```` ```{admonition} ````, ``:::{note}``), their options
(``:class: warning``), targets (``(label)=``), comments (``% ...``) or TeX accents outside math
(``Slavkovi\\'c``). ``tools/build_notebooks.py`` converts them; this test scans every markdown
cell of every generated notebook for what is left.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

NOTEBOOKS = sorted([*(ROOT / "exercises").glob("*.ipynb"), *(ROOT / "solutions").glob("*.ipynb"),
                    ROOT / "start_here.ipynb"])
RAW = {"a MyST role": r"\{[a-z][\w:-]*\}`",
       "a MyST directive": r"^[ \t>]*(`{3,}|:{3,})[ \t]*\{",
       "a directive option": r"^[ \t>]*:[a-z-]+:[ \t]",
       "a cross-reference target": r"^\([\w-]+\)=[ \t]*$",
       "a MyST comment": r"^%",
       "a TeX accent": r"\\['`^\"~=.][{]?[A-Za-z]|\\[vcuH]\{[A-Za-z]\}",
       "a TeX command outside math": r"\\(cite|ref|eqref|emph|textbf|textit|label)\b"}
MATH_OR_CODE = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|```[^{].*?```|(?<!\})`[^`\n]+`", re.S)


def raw_markup(markdown: str) -> list[str]:
    """What in a markdown cell Jupyter would show as markup: (kind, line) for each find."""
    text = MATH_OR_CODE.sub("", markdown)
    found = []
    for kind, pattern in RAW.items():
        for match in re.finditer(pattern, text, re.M):
            line = text[text.rfind("\n", 0, match.start()) + 1:].split("\n", 1)[0]
            found.append(f"{kind}: {line.strip()[:90]!r}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_markdown_cell_of_a_generated_notebook_holds_markup_jupyter_does_not_render(path):
    notebook = nbformat.read(path, as_version=4)
    found = [f"cell {index}, {problem}" for index, cell in enumerate(notebook.cells)
             if cell.cell_type == "markdown" for problem in raw_markup(cell.source)]
    assert found == []


@pytest.mark.parametrize("markup", [
    "as {cite:t}`rubin1993` says", "see {ref}`the table <tab-x>`", "```{admonition} Privacy\n:class: warning\n\nx\n```",
    ":::{note}\nx\n:::", "(sec-risk)=\n# Risk", "% a comment\ntext", "Fienberg & Slavkovi\\'c", "G\\\"odel",
    "\\emph{word}", "Text.\n:class: dropdown\nMore.",
])
def test_the_scan_finds_each_kind_of_markup(markup):
    assert raw_markup(markup) != []


@pytest.mark.parametrize("fine", ["Math $\\hat\\beta$ and $$\\frac{a}{b}$$ render.", "Code `x = {'a': 1}` renders.",
                                  "<details><summary>Hint</summary>\n\nUse `np.sqrt`.\n\n</details>",
                                  "> **Privacy of synthetic data**\n>\n> Body."])
def test_the_scan_leaves_what_jupyter_renders(fine):
    assert raw_markup(fine) == []


def test_the_build_converts_admonitions_accents_roles_and_targets():
    entries = {"fienberg2011": ("Fienberg & Slavković", "2011")}
    source = ("(sec-x)=\nAs {cite:t}`fienberg2011` and Slavkovi\\'c wrote, see {ref}`the table <tab-y>`.\n\n"
              "```{admonition} Privacy of synthetic data\n:class: warning\n\nNo guarantee, $\\varepsilon$ aside.\n```\n")
    converted = build_notebooks.notebook_markdown(source, entries)
    assert raw_markup(converted) == []
    assert "Fienberg & Slavković (2011)" in converted and "Slavković wrote" in converted
    assert "see the table." in converted
    assert "> **Privacy of synthetic data**" in converted and "> No guarantee, $\\varepsilon$ aside." in converted
    assert "(sec-x)=" not in converted and ":class:" not in converted


def test_accents_in_math_and_code_are_left_alone():
    assert build_notebooks.plain_accents("$\\'a$ and `\\'e` but \\'e") == "$\\'a$ and `\\'e` but é"
