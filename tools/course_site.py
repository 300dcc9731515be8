"""Sphinx extension for the course website (registered in ``_config.yml``, ``local_extensions``).

- Every chapter page gets a download box under its title: the chapter's exercise and solutions
  notebooks (``.ipynb``) and one zip of the whole course. The build copies the notebooks to
  ``downloads/`` and makes the zip (:func:`course_zip`); nothing generated is committed.
- plotly.js is written once to ``_static/plotly.min.js`` from the installed plotly package and
  loaded by the pages that hold a Plotly figure (made by ``synthlab.plotly_html``).
- Launch buttons (Binder, JupyterHub, Colab) open the chapter's exercise notebook, not its
  MyST source (which holds the solutions).
- The theme's light/dark mode defaults to "auto" (without, a first visit logs an error).
- Pages carry no ipywidgets state (the widget cells' outputs are removed from the pages), no
  script twice (jupyter-book declares thebe's ``const THEBE_JS_URL`` twice: a console error),
  and images whose alt text is a file path get the figure's caption (the paragraph starting
  "Figure:" after the cell) instead.
- A citation style "author_year_round": ``{cite:t}`` gives "Rubin (1993)", ``{cite:p}``
  "(Rubin 1993)".
"""
from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[1]
ZIP_NAME = "synthlab-course.zip"
#: What the course zip holds (folders recursively, minus caches), relative to the repository.
#: The README's test command needs the tests, the chapter sources and the website's files too.
ZIP_CONTENT = ["README.md", "LICENSE", "requirements.txt", "pyproject.toml", "runtime.txt", "exercises",
               "solutions", "synthlab", "conftest.py", "tests", "book", "tools", "_config.yml", "_toc.yml",
               "references.bib"]
_SKIP = re.compile(r"(__pycache__|\.ipynb_checkpoints|\.egg-info|\.pyc$|\.pytest_cache|(^|/)_build/|\.venv/)")
CHAPTER = re.compile(r"^book/(\d\d_[^/]+)$")


def course_files(root: Path = ROOT) -> list[Path]:
    """The repository files that go into the course zip (plus any start notebook at the top)."""
    files = []
    for name in ZIP_CONTENT + sorted(p.name for p in root.glob("*.ipynb")):
        path = root / name
        if path.is_dir():
            files += [p for p in sorted(path.rglob("*")) if p.is_file() and not _SKIP.search(p.as_posix())]
        elif path.is_file():
            files.append(path)
    return files


def course_zip(target: Path, root: Path = ROOT) -> Path:
    """Write the course zip: one folder ``synthlab-course/`` from which the README's commands run."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in course_files(root):
            archive.write(path, "synthlab-course/" + path.relative_to(root).as_posix())
    return target


def _download_box(stem: str, depth: int) -> nodes.raw:
    up = "../" * depth
    links = [(f"{up}downloads/exercises/{stem}.ipynb", "exercise notebook", f"{stem}.ipynb"),
             (f"{up}downloads/solutions/{stem}.ipynb", "solutions notebook", f"{stem}-solutions.ipynb"),
             (f"{up}downloads/{ZIP_NAME}", "the whole course (.zip)", ZIP_NAME)]
    items = " · ".join(f'<a class="reference download" href="{href}" download="{name}">{html.escape(text)}</a>'
                       for href, text, name in links)
    body = (f'<div class="admonition tip course-downloads"><p class="admonition-title">Work through this '
            f'chapter in JupyterLab</p><p>Download the {items}. In the unzipped course folder, '
            f'<code>python -m pip install -r requirements.txt &amp;&amp; jupyter lab</code> opens it.</p></div>')
    return nodes.raw("", body, format="html")


def add_download_box(app: Sphinx, doctree: nodes.document) -> None:
    match = CHAPTER.match(app.env.docname)
    if not match or not (ROOT / "exercises" / f"{match.group(1)}.ipynb").exists():
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title = next(iter(section.findall(nodes.title)))
    section.insert(section.index(title) + 1, _download_box(match.group(1), app.env.docname.count("/")))


def _caption_after(node: nodes.Node) -> str | None:
    """The text of the "Figure: ..." paragraph that follows the cell holding ``node``."""
    cell = node
    while cell.parent is not None and "cell" not in cell.get("classes", []):
        cell = cell.parent
    if cell.parent is None:
        return None
    siblings = cell.parent.children
    for sibling in siblings[siblings.index(cell) + 1:]:
        if isinstance(sibling, nodes.paragraph):
            text = sibling.astext().strip()
            return text.removeprefix("Figure:").strip() if text.startswith("Figure:") else None
        if not isinstance(sibling, (nodes.comment, nodes.target)):
            return None
    return None


def alt_from_captions(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        alt = image.get("alt", "")
        if not alt or alt == image.get("uri") or alt.endswith((".png", ".svg", ".jpg")):
            caption = _caption_after(image)
            if caption:
                image["alt"] = caption


def drop_widget_state(app: Sphinx, env) -> None:
    for data in getattr(env, "nb_metadata", {}).values():
        data.get("js_files", {}).pop("ipywidgets_state", None)


def _rewrite_launch_urls(buttons: list, source: str, target: str) -> None:
    for button in buttons:
        if isinstance(button, dict):
            if isinstance(button.get("url"), str):
                button["url"] = button["url"].replace(source, target)
            _rewrite_launch_urls(button.get("buttons", []), source, target)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # the same inline script twice declares a const twice: keep the first of each
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (str(getattr(script, "filename", script) or ""),
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique
    # pydata-sphinx-theme logs "Got invalid theme mode" (a console error) without a default
    context["default_mode"] = context.get("default_mode") or "auto"
    if 'class="synthlab-plotly"' in context.get("body", ""):
        app.add_js_file("plotly.min.js")
    match = CHAPTER.match(pagename)
    if match and "header_buttons" in context:
        for suffix in (".md", ".ipynb"):
            _rewrite_launch_urls(context["header_buttons"], f"{pagename}{suffix}",
                                 f"exercises/{match.group(1)}.ipynb")


def write_static(app: Sphinx, config) -> None:
    from plotly.offline import get_plotlyjs

    static = Path(app.doctreedir).parent / "course_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / "plotly.min.js"
    code = get_plotlyjs()
    if not target.exists() or target.read_text(encoding="utf-8") != code:
        target.write_text(code, encoding="utf-8")
    config.html_static_path = list(config.html_static_path) + [str(static)]


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    downloads = Path(app.outdir) / "downloads"
    for folder in ("exercises", "solutions"):
        (downloads / folder).mkdir(parents=True, exist_ok=True)
        for notebook in sorted((ROOT / folder).glob("*.ipynb")):
            shutil.copy2(notebook, downloads / folder / notebook.name)
    course_zip(downloads / ZIP_NAME)


def _register_citation_style() -> None:
    import dataclasses

    from sphinxcontrib.bibtex.plugin import register_plugin
    from sphinxcontrib.bibtex.style.referencing import BracketStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    def round_brackets() -> BracketStyle:
        return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")

    @dataclasses.dataclass
    class AuthorYearRound(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_textual: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_author: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_label: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_year: BracketStyle = dataclasses.field(default_factory=round_brackets)

    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_round", AuthorYearRound)


def setup(app: Sphinx) -> dict:
    _register_citation_style()
    app.connect("config-inited", write_static)
    app.connect("doctree-read", add_download_box)
    app.connect("doctree-read", alt_from_captions)
    app.connect("env-updated", drop_widget_state)
    app.connect("html-page-context", page_context, priority=900)
    app.connect("build-finished", write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
