"""Generate the exercise and solution notebooks from the one source of each chapter.

Each chapter is written once, as a MyST-markdown notebook ``book/NN_name.md``. Its code cells
may carry these tags:

``solution``  the learner writes this cell: the exercise notebook gets a prompt instead (tagged
              ``raises-exception`` too if the solution cell is: a prompt that expects an error).
``check``     a hidden ``assert`` that keeps the prose true to the numbers: dropped from the
              exercise notebook (hidden on the website by its ``remove-cell`` tag).
``self-check`` the learner's check of an exercise, one line such as
              ``check.ch2.exercise_3(syn1)`` (:mod:`synthlab.check`): kept in both notebooks
              (in the exercise notebook tagged ``raises-exception`` too, since it names what
              the blank is to define), hidden on the website by its ``remove-cell`` tag.

Citations (``{cite:t}`key``` and ``{cite:p}`key```, resolved by sphinxcontrib-bibtex on the
website) become plain "Author (Year)" text in the notebooks, looked up in ``references.bib``.
Other markup the website renders and Jupyter does not is converted too: admonitions become
block quotes with a bold title, TeX accents outside math become letters, cross-reference
roles their text, and labels and MyST comments are dropped (``tests/test_notebook_markdown.py``
scans the notebooks for anything left).

A markdown cell tagged ``hint`` holds a folded hint, written for the website as
``:::{admonition} Hint`` with ``:class: dropdown``; the notebooks get it as an HTML
``<details>`` block, folded in JupyterLab too.

From ``book/NN_name.md`` this script writes ``exercises/NN_name.ipynb`` (prompts, no outputs)
and ``solutions/NN_name.ipynb`` (every cell, executed, with outputs). The course's start page
``book/start_here.md`` becomes ``start_here.ipynb`` at the top of the repository (not executed),
the first notebook a learner sees in JupyterLab.

Usage::

    python tools/build_notebooks.py              # all chapters
    python tools/build_notebooks.py 02 03        # chapters whose file name starts so
    python tools/build_notebooks.py start        # only the start notebook
    python tools/build_notebooks.py --check      # exit 1 if a committed notebook has drifted
"""
from __future__ import annotations

import argparse
import copy
import re
import sys
import unicodedata
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BOOK, EXERCISES, SOLUTIONS = ROOT / "book", ROOT / "exercises", ROOT / "solutions"
PROMPT = "# Your code here\n"
START_SOURCE, START_NOTEBOOK = BOOK / "start_here.md", ROOT / "start_here.ipynb"
BIBLIOGRAPHY = ROOT / "references.bib"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def chapter_sources(prefixes: list[str] | None = None) -> list[Path]:
    """The chapter sources ``book/NN_*.md``, optionally only those whose name starts with a prefix."""
    sources = sorted(p for p in BOOK.glob("[0-9][0-9]_*.md"))
    if prefixes:
        sources = [p for p in sources if any(p.name.startswith(prefix) for prefix in prefixes)]
    return sources


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


HINT_FENCE = re.compile(r"^:::+\{admonition\}[ \t]*(?P<title>[^\n]*)\n(?::class:[^\n]*\n)?(?P<body>.*?)\n:::+\s*$", re.S)


def notebook_hint(text: str) -> str:
    """A hint cell's dropdown admonition as a folded HTML ``<details>`` block for Jupyter."""
    match = HINT_FENCE.match(text.strip())
    if not match:
        raise ValueError(f"a hint cell must be one ':::{{admonition}} Hint' block, got: {text[:60]!r}")
    title = match["title"].strip() or "Hint"
    return f"<details><summary>{title}</summary>\n\n{match['body'].strip()}\n\n</details>"


CITATION = re.compile(r"\{cite:(?P<kind>[tp])\}`(?:\{(?P<pre>[^}]*)\})?(?:\{(?P<post>[^}]*)\})?(?P<keys>[^`]+)`")


def bibliography(path: Path = BIBLIOGRAPHY) -> dict[str, tuple[str, str]]:
    """Key -> (authors as cited, year) of every entry of a BibTeX file."""
    entries = {}
    for match in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", path.read_text(encoding="utf-8"), re.S):
        fields = dict(re.findall(r"(\w+)\s*=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", match[2]))
        names = fields.get("author") or fields.get("editor") or match[1]
        names = plain_accents(names)
        surnames = [name.split(",")[0].strip().strip("{}") for name in re.split(r"\s+and\s+", names)]
        cited = (surnames[0] if len(surnames) == 1 else " & ".join(surnames) if len(surnames) == 2
                 else f"{surnames[0]} et al.")
        entries[match[1]] = (cited.replace("{", "").replace("}", ""), fields.get("year", "n.d."))
    return _distinct_years(entries)


def _distinct_years(entries: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Two works that would read the same ("Volker et al. (2024)") get years 2024a and 2024b
    (by key), as on the website's references page."""
    same = {}
    for key, cited in sorted(entries.items()):
        same.setdefault(cited, []).append(key)
    return {key: (cited[0], cited[1] + ("abcdefghijklmnopqrstuvwxyz"[same[cited].index(key)] if len(same[cited]) > 1 else ""))
            for key, cited in entries.items()}


def references_cell(source_text: str) -> nbformat.NotebookNode | None:
    """The chapter-end "References" cell: the works the chapter cites, from ``references.bib``."""
    sys.path.insert(0, str(ROOT / "tools"))
    from course_site import chapter_references

    references = chapter_references(source_text, BIBLIOGRAPHY)
    if not references:
        return None
    cited = bibliography()
    items = [f"- {cited[key][0]} ({cited[key][1]}). {entry}" for key, _, entry in references]
    return nbformat.v4.new_markdown_cell("## References\n\n" + "\n".join(items))


def plain_citations(text: str, entries: dict[str, tuple[str, str]]) -> str:
    """Replace MyST cite roles by plain text: ``{cite:t}`` "Rubin (1993)", ``{cite:p}`` "(Rubin 1993)".

    Examples
    --------
    >>> plain_citations("As {cite:t}`a1` and {cite:p}`{see}a1,b2` say.", {"a1": ("Rubin", "1993"),
    ...                 "b2": ("Little", "1993")})
    'As Rubin (1993) and (see Rubin 1993; Little 1993) say.'
    """
    def render(match: re.Match) -> str:
        keys = [key.strip() for key in match["keys"].split(",")]
        unknown = [key for key in keys if key not in entries]
        if unknown:
            raise KeyError(f"citation key(s) {unknown} are not in {BIBLIOGRAPHY.name}")
        if match["kind"] == "t":
            return "; ".join(f"{entries[k][0]} ({entries[k][1]})" for k in keys)
        inner = "; ".join(f"{entries[k][0]} {entries[k][1]}" for k in keys)
        pre, post = (match["pre"] or "").strip(), (match["post"] or "").strip()
        return "(" + (pre + " " if pre else "") + inner + (", " + post if post else "") + ")"
    return CITATION.sub(render, text)


ADMONITION = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<kind>[a-z-]+)\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                        re.S | re.M)
ROLE = re.compile(r"\{(?P<role>ref|numref|doc|term|abbr|download|eq|math)\}`(?P<text>[^`]*)`")
ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "v": "\u030c", "c": "\u0327",
           "u": "\u0306", "=": "\u0304", ".": "\u0307", "H": "\u030b"}
TEX_ACCENT = re.compile(r"\{?\\(?P<accent>['`^\"~=.]|[vcuH](?=[ {]))\s*\{?(?P<letter>[A-Za-z])\}?\}?")
MATH_OR_CODE = re.compile(r"(\$\$.*?\$\$|\$[^$\n]+\$|```.*?```|`[^`\n]+`)", re.S)


def plain_accents(text: str) -> str:
    """TeX accents outside math and code as letters: ``Slavkovi\\'c`` -> ``Slavković``."""
    def letter(match: re.Match) -> str:
        return unicodedata.normalize("NFC", match["letter"] + ACCENTS[match["accent"]])
    parts = MATH_OR_CODE.split(text)
    return "".join(part if index % 2 else TEX_ACCENT.sub(letter, part) for index, part in enumerate(parts))


def plain_admonitions(text: str) -> str:
    """MyST admonitions (``{admonition} Title``, ``{note}``, ``{warning}``, ...) as Markdown block quotes."""
    def quote(match: re.Match) -> str:
        body = re.sub(r"^:[\w-]+:[^\n]*\n", "", match["body"].lstrip("\n"), flags=re.M).strip()
        title = match["title"].strip() or match["kind"].capitalize()
        lines = [f"**{title}**", ""] + plain_admonitions(body).splitlines()
        return "\n".join(("> " + line).rstrip() for line in lines)
    return ADMONITION.sub(quote, text)


def plain_roles(text: str) -> str:
    """Cross-reference roles as their text: ``{ref}`the table <label>``` -> "the table"."""
    def render(match: re.Match) -> str:
        inner = match["text"]
        if match["role"] == "math":
            return f"${inner}$"
        shown = re.match(r"(?s)(.*?)\s*<[^<>]+>$", inner)
        return shown[1] if shown else inner.lstrip("~").rsplit(".", 1)[-1] if match["role"] == "doc" else inner
    text = ROLE.sub(render, text)
    text = re.sub(r"^\([\w-]+\)=[ \t]*\n", "", text, flags=re.M)  # targets of cross references
    return re.sub(r"^%[^\n]*\n?", "", text, flags=re.M)  # MyST comments


def notebook_markdown(text: str, entries: dict[str, tuple[str, str]]) -> str:
    """A chapter's markdown as Jupyter renders it: no citation role, admonition, TeX accent or label left."""
    return plain_roles(plain_admonitions(plain_accents(plain_citations(text, entries))))


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


DISTRIBUTION = "synthlab-course"  # pyproject.toml's name: "synthlab" on the index is another package


def install_cell() -> nbformat.NotebookNode:
    """The first cell of every notebook: where ``synthlab`` is missing (Colab, a fresh kernel)
    it installs the course's package from the repository named in ``_config.yml``; where the
    course is installed it does nothing."""
    import yaml

    repository = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
    url = f"git+{repository['url']}@{repository.get('branch', 'main')}"
    source = ("# Colab, or any Python without the course installed: install it first (elsewhere this does nothing).\n"
              "import importlib.util, subprocess, sys\n"
              "if importlib.util.find_spec(\"synthlab\") is None:\n"
              f"    subprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"-q\", \"{DISTRIBUTION}[widgets] @ {url}\"], check=True)")
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["install"]})


def solution_notebook(source: Path) -> nbformat.NotebookNode:
    """The complete notebook of a chapter, not yet executed (hint cells as ``<details>``), after
    the :func:`install_cell`."""
    notebook = jupytext.read(source)
    notebook.cells.insert(0, install_cell())
    references = references_cell(source.read_text(encoding="utf-8"))
    if references is not None:
        notebook.cells.append(references)
    entries = bibliography()
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and "hint" in tags(cell) and not cell.source.startswith("<details>"):
            cell.source = notebook_hint(cell.source)
        if cell.cell_type == "markdown":
            cell.source = notebook_markdown(cell.source, entries)
    return _clean(notebook)


def exercise_notebook(source: Path) -> nbformat.NotebookNode:
    """The chapter with every ``solution`` cell replaced by a prompt and ``check`` cells dropped."""
    notebook = solution_notebook(source)
    cells = []
    for cell in notebook.cells:
        if "check" in tags(cell):
            continue
        if "solution" in tags(cell):
            expected_error = ["raises-exception"] if "raises-exception" in tags(cell) else []
            cell = nbformat.v4.new_code_cell(PROMPT, metadata={"tags": ["exercise"] + expected_error})
        elif "self-check" in tags(cell):
            cell.metadata["tags"] = tags(cell) + ["raises-exception"]
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
    if _wants_start(prefixes) and START_SOURCE.exists():
        if not START_NOTEBOOK.exists():
            problems.append(f"{START_NOTEBOOK.name} is missing")
        elif (cell_signature(nbformat.read(START_NOTEBOOK, as_version=4))
              != cell_signature(solution_notebook(START_SOURCE))):
            problems.append(f"{START_NOTEBOOK.name} differs from book/{START_SOURCE.name}")
    for source in chapter_sources(prefixes):
        expected = {EXERCISES / f"{source.stem}.ipynb": exercise_notebook(source),
                    SOLUTIONS / f"{source.stem}.ipynb": solution_notebook(source)}
        for path, notebook in expected.items():
            if not path.exists():
                problems.append(f"{path.parent.name}/{path.name} is missing")
            elif cell_signature(nbformat.read(path, as_version=4)) != cell_signature(notebook):
                problems.append(f"{path.parent.name}/{path.name} differs from book/{source.name}")
    return problems


def _wants_start(prefixes: list[str] | None) -> bool:
    return not prefixes or any("start_here".startswith(prefix) for prefix in prefixes)


def build(prefixes: list[str] | None = None) -> None:
    if _wants_start(prefixes) and START_SOURCE.exists():
        nbformat.write(solution_notebook(START_SOURCE), START_NOTEBOOK)
        print(f"wrote {START_NOTEBOOK.name}")
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
