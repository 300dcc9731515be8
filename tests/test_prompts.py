"""Every blank of a chapter has a prompt that says what to write, and names what later cells need.

How a prompt is recognised (the README's "Writing a chapter" says the same): a prompt is a
paragraph of a markdown cell that starts with ``**Exercise N`` (``**Exercise 6 (continued).**``
continues exercise 6). A blank (a code cell tagged ``solution``) belongs to the last prompt
before it; between the two there may be only other blanks of that prompt, ``hint`` cells and
figure captions (a markdown cell of one paragraph starting with ``*Figure``). A prompt with several blanks says what
goes in each: "first", "second", ... Any name a blank defines that a given cell (code the
learner does not write, self-checks included) or a later prompt uses must be named in the
prompt of the exercise that defines it. Hidden ``check`` cells are exempt: the exercise
notebooks drop them.
"""
from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "book").glob("[0-9][0-9]_*.md"))
PROMPT = re.compile(r"^\*\*Exercise (\d+)\b", re.M)
ORDINALS = ["first", "second", "third", "fourth", "fifth"]


@dataclass
class Prompt:
    exercise: int
    text: str
    blanks: list[str] = field(default_factory=list)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _prompt_text(markdown: str) -> tuple[int, str] | None:
    matches = list(PROMPT.finditer(markdown))
    if not matches:
        return None
    last = matches[-1]
    return int(last.group(1)), markdown[last.start():]


def defined_names(code: str) -> set[str]:
    """Names a cell binds at its top level (assignments, defs, imports, loop and with targets)."""
    names = set()
    for node in ast.parse(code).body:
        for sub in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [node]:
            if isinstance(sub, (ast.FunctionDef, ast.ClassDef)):
                names.add(sub.name)
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
            elif isinstance(sub, (ast.Import, ast.ImportFrom)):
                names.update((alias.asname or alias.name).split(".")[0] for alias in sub.names)
            elif isinstance(sub, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                break
    return names


def used_names(code: str) -> set[str]:
    """Names a cell reads before (or without) assigning them itself, statement by statement."""
    used, assigned = set(), set()
    for statement in ast.parse(code).body:
        reads = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)
                 and isinstance(node.ctx, ast.Load)}
        used |= reads - assigned
        assigned |= defined_names(ast.unparse(statement))
    return used - set(dir(builtins))


def prompt_names(text: str) -> set[str]:
    """Leading identifiers of the inline code in a prompt: `syn2`, `syn_cart.data` -> syn2, syn_cart."""
    return {m.group(1) for m in re.finditer(r"`([A-Za-z_]\w*)", text)}


def problems(source: Path) -> list[str]:
    """What a learner following only the prompts of ``source`` would trip over."""
    cells = jupytext.read(source).cells
    found, prompts = [], []
    current, open_ = None, False
    defined_by: dict[str, Prompt | None] = {}  # name -> prompt of the blank that defines it (None: given)
    for index, cell in enumerate(cells):
        tags = _tags(cell)
        if cell.cell_type == "markdown":
            prompt = _prompt_text(cell.source)
            if prompt:
                current = Prompt(*prompt)
                prompts.append(current)
                open_ = True
                for name in prompt_names(current.text):
                    owner = defined_by.get(name)
                    if owner is not None and owner.exercise != current.exercise and not _names(owner, name, prompts):
                        found.append(f"Exercise {current.exercise}'s prompt uses `{name}`, which Exercise "
                                     f"{owner.exercise} makes without its prompt naming it")
            elif "hint" in tags or _is_caption(cell.source):
                pass
            else:
                open_ = False
            continue
        if "check" in tags:
            continue
        if "solution" in tags:
            if not open_:
                found.append(f"cell {index} is a blank with no exercise prompt before it: {cell.source[:50]!r}")
                continue
            current.blanks.append(cell.source)
            for name in defined_names(cell.source):
                defined_by[name] = current
            continue
        for name in sorted(used_names(cell.source)):
            owner = defined_by.get(name)
            if owner is not None and not _names(owner, name, prompts):
                found.append(f"cell {index} uses `{name}`, which Exercise {owner.exercise} makes without its "
                             "prompt naming it")
        for name in defined_names(cell.source):
            defined_by[name] = None
        open_ = False
    for prompt in prompts:
        if len(prompt.blanks) > 1:
            missing = [w for w in ORDINALS[:len(prompt.blanks)] if not re.search(rf"\b{w}\b", prompt.text, re.I)]
            if missing:
                found.append(f"Exercise {prompt.exercise} has {len(prompt.blanks)} blanks, but its prompt does not "
                             f"say what goes in each (no {', '.join(repr(w) for w in missing)})")
    return found


def _is_caption(markdown: str) -> bool:
    """A figure caption alone in its cell: one paragraph starting with *Figure."""
    text = markdown.strip()
    return text.startswith("*Figure") and "\n\n" not in text


def _names(owner: Prompt, name: str, prompts: list[Prompt]) -> bool:
    text = " ".join(p.text for p in prompts if p.exercise == owner.exercise)
    return re.search(rf"(?<![\w.]){re.escape(name)}\b", text) is not None


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_learner_following_the_prompts_meets_no_unnamed_name_and_no_unprompted_blank(source):
    assert problems(source) == []


HEADER = """---
jupytext:
  text_representation: {extension: .md, format_name: myst, format_version: 0.13}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
"""


def _chapter(tmp_path, body: str) -> Path:
    path = tmp_path / "99_broken.md"
    path.write_text(HEADER + body)
    return path


def test_a_name_no_prompt_asks_for_is_found(tmp_path):
    broken = _chapter(tmp_path, """
**Exercise 8.** Predict `wgt_syn`.

```{code-cell} ipython3
:tags: [solution, hide-input]

wgt_syn = 1
syn2 = 2
```

**Exercise 9.** Compare `syn1` and `syn2`.

```{code-cell} ipython3
:tags: [self-check, remove-cell]

check.ch2.exercise_8(syn2)
```
""")
    found = problems(broken)
    assert any("Exercise 9's prompt uses `syn2`" in p for p in found), found
    assert any("uses `syn2`, which Exercise 8 makes" in p for p in found), found
    fixed = broken.read_text().replace("Predict `wgt_syn`.", "Predict `wgt_syn`, and make `syn2`.")
    broken.write_text(fixed)
    assert problems(broken) == []


def test_a_blank_without_a_prompt_is_found(tmp_path):
    broken = _chapter(tmp_path, """
**Exercise 6.** Count the negative values.

```{code-cell} ipython3
:tags: [solution, hide-input]

(frame < 0).sum()
```

Two problems. The figure shows both.

```{code-cell} ipython3
:tags: [solution, hide-input]

plt.show()
```
""")
    found = problems(broken)
    assert len(found) == 1 and "blank with no exercise prompt" in found[0], found
    broken.write_text(broken.read_text().replace("The figure shows both.",
                                                 "The figure shows both.\n\n**Exercise 6 (continued).** Draw it."))
    assert problems(broken) == []


def test_two_blanks_need_a_prompt_that_says_what_goes_in_each(tmp_path):
    body = """
**Exercise 3.** Summarise every variable, and show their types.

```{code-cell} ipython3
:tags: [solution, hide-input]

boys.describe()
```

```{code-cell} ipython3
:tags: [solution, hide-input]

boys.dtypes
```
"""
    broken = _chapter(tmp_path, body)
    assert any("does not say what goes in each" in p for p in problems(broken))
    broken.write_text(broken.read_text().replace("Summarise every variable, and show their types.",
                                                 "In the first cell, summarise; in the second, show the types."))
    assert problems(broken) == []
