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
#: plotly.js's official partial bundle of scatter and bar traces (the npm package
#: plotly.js-basic-dist-min, MIT licence, tools/vendor/README.md): 1.2 MB where the whole is 4.8.
PLOTLY_BASIC = ROOT / "tools" / "vendor" / "plotly-basic.min.js"


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


#: Pages that are not chapters but offer the course zip (and the start notebook) under their title.
COURSE_PAGES = ("book/intro", "book/start_here", "book/instructors")


def _course_box(depth: int) -> nodes.raw:
    up = "../" * depth
    body = (f'<div class="admonition tip course-downloads"><p class="admonition-title">The whole course on your '
            f'computer</p><p>Download <a class="reference download" href="{up}downloads/{ZIP_NAME}" '
            f'download="{ZIP_NAME}">the course (.zip)</a>: every chapter as an exercise and a solutions notebook, '
            f'the start notebook <code>start_here.ipynb</code> and the <code>synthlab</code> package. In the unzipped '
            f'folder, <code>python -m pip install -r requirements.txt &amp;&amp; jupyter lab</code> opens it.</p></div>')
    return nodes.raw("", body, format="html")


def add_download_box(app: Sphinx, doctree: nodes.document) -> None:
    match = CHAPTER.match(app.env.docname)
    if match and (ROOT / "exercises" / f"{match.group(1)}.ipynb").exists():
        box = _download_box(match.group(1), app.env.docname.count("/"))
    elif app.env.docname in COURSE_PAGES:
        box = _course_box(app.env.docname.count("/"))
    else:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title = next(iter(section.findall(nodes.title)))
    section.insert(section.index(title) + 1, box)


#: Glossary terms (book/glossary.md) and how a chapter writes them; each chapter links its
#: first use of each to the glossary.
GLOSSARY_TERMS = {
    "CART": r"\bCART\b", "CIO": r"\bCIO\b", "density ratio": r"\bdensity ratios?\b",
    "differential privacy": r"\bdifferential privacy\b", "DiSCO": r"\bDiSCO\b", "FCS": r"\bFCS\b|\b[Ff]ully conditional specification\b",
    "fully synthetic data": r"\bfully synthetic\b", "passive synthesis": r"\bpassive(?:ly)?\b",
    "Pearson divergence": r"\bPearson divergences?\b", "pMSE": r"(?<![\w_])pMSE\b",
    "propensity score": r"\bpropensity[- ]scores?\b", "repU": r"\breplicated uniques\b|\brepU\b",
    "S_pMSE": r"\bS_pMSE\b", "SDC": r"\bSDC\b|\b[Ss]tatistical disclosure control\b",
    "smoothing": r"\bsmoothing\b", "synthetic data": r"\b[Ss]ynthetic data\b", "uLSIF": r"\buLSIF\b",
}
_NO_GLOSSARY_LINK = (nodes.title, nodes.literal, nodes.literal_block, nodes.reference, nodes.raw, nodes.math,
                     nodes.math_block, nodes.comment, nodes.target, nodes.caption)


def _linkable(text: nodes.Text) -> bool:
    node = text.parent
    while node is not None:
        if isinstance(node, _NO_GLOSSARY_LINK) or node.tagname in ("pending_xref", "citation_reference"):
            return False
        if isinstance(node, nodes.container) and "cell" in node.get("classes", []):
            return False
        node = node.parent
    return True


def link_glossary_terms(app: Sphinx, doctree: nodes.document) -> None:
    """In each chapter, the first use of each glossary term links to its entry (``{term}``)."""
    from sphinx import addnodes

    if not CHAPTER.match(app.env.docname):
        return
    for term, pattern in GLOSSARY_TERMS.items():
        regex = re.compile(pattern)
        for text in list(doctree.findall(nodes.Text)):
            match = regex.search(text.astext())
            if not match or not _linkable(text):
                continue
            before, found, after = text.astext()[:match.start()], match.group(0), text.astext()[match.end():]
            xref = addnodes.pending_xref("", nodes.inline(found, found, classes=["xref", "std", "std-term"]),
                                         refdomain="std", reftype="term", reftarget=term.lower(),
                                         refexplicit=True, refwarn=True, refdoc=app.env.docname)
            parent = text.parent
            index = parent.index(text)
            parent.remove(text)
            parent.insert(index, [n for n in (nodes.Text(before), xref, nodes.Text(after)) if n.astext()])
            break


SOLUTION_END = "end of solution"


def _is_solution_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "tag_solution" in node.get("classes", [])


def _ends_fold(node: nodes.Node) -> bool:
    """Whether ``node`` stays visible after a solution: the next exercise's prompt, a hint, a
    heading, a code cell the reader is meant to see, or the comment ``% end of solution``."""
    if isinstance(node, nodes.section):
        return True
    if isinstance(node, nodes.comment):
        return node.astext().strip().lower() == SOLUTION_END
    if isinstance(node, nodes.paragraph):
        first = next((child for child in node.children if child.astext().strip()), None)
        return isinstance(first, nodes.strong) and first.astext().startswith("Exercise")
    if isinstance(node, nodes.admonition) and "dropdown" in node.get("classes", []):
        return True
    if isinstance(node, nodes.container) and "cell" in node.get("classes", []):
        classes = node.get("classes", [])
        return "tag_solution" not in classes and "tag_remove-cell" not in classes
    return False


def fold_solutions(app: Sphinx, doctree: nodes.document) -> None:
    """Fold each exercise's solution whole under a "Solution" bar: its code cells with their
    outputs and the text after them that discusses the answer, up to the next exercise prompt,
    hint, heading or visible code cell; a "Figure: ..." caption closes the fold after it (a
    figure answered the exercise), and so does a comment ``% end of solution`` in the source.
    The cells' own "Show code" folds are removed: the whole answer opens at once."""
    for parent in [doctree, *doctree.findall(nodes.section)]:
        children, index = parent.children, 0
        while index < len(children):
            if not _is_solution_cell(children[index]):
                index += 1
                continue
            end = index
            while end + 1 < len(children) and not _ends_fold(children[end + 1]):
                end += 1
                if isinstance(children[end], nodes.paragraph) and children[end].astext().startswith("Figure:"):
                    break
            for node in children[index:end + 1]:
                if _is_solution_cell(node):
                    node.attributes.pop("hide_mode", None)
            parent.insert(end + 1, nodes.raw("", "</div></details>", format="html"))
            parent.insert(index, nodes.raw("", '<details class="course-solution"><summary>Solution</summary>'
                                               '<div class="course-solution-body">', format="html"))
            index = end + 3


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
            _rewrite_launch_urls([b for b in context["header_buttons"] if b.get("label") == "launch-buttons"],
                                 f"{pagename}{suffix}", f"exercises/{match.group(1)}.ipynb")
    if pagename == "book/start_here" and "header_buttons" in context:
        _rewrite_launch_urls([b for b in context["header_buttons"] if b.get("label") == "launch-buttons"],
                             "book/start_here.md", "start_here.ipynb")
    if "header_buttons" in context:
        _download_menu(context["header_buttons"], match.group(1) if match else None, pagename.count("/"))


def _download_menu(buttons: list, chapter: str | None, depth: int) -> None:
    """The header's "Download this page" menu: a chapter's exercise and solutions notebooks and
    the course zip (the theme's items point into ``_sources/``, which holds the MyST source, not
    the notebooks), then the theme's print-to-PDF item; other pages keep their source file."""
    up = "../" * depth
    items = [(f"{up}downloads/{ZIP_NAME}", "course .zip", "Download the whole course (.zip)", "fas fa-file-zipper")]
    if chapter is not None:
        items[:0] = [(f"{up}downloads/exercises/{chapter}.ipynb", "exercises .ipynb",
                      "Download the exercise notebook", "fas fa-code"),
                     (f"{up}downloads/solutions/{chapter}.ipynb", "solutions .ipynb",
                      "Download the solutions notebook", "fas fa-code")]
    for group in buttons:
        if isinstance(group, dict) and group.get("label") == "download-buttons":
            kept = [b for b in group["buttons"] if b.get("type") != "link" or (chapter is None and b.get("url", "").endswith(".md"))]
            links = [{"type": "link", "url": url, "text": text, "tooltip": tooltip, "icon": icon,
                      "label": f"download-{text.split()[0]}-button"} for url, text, tooltip, icon in items]
            group["buttons"] = links + kept


def _mathml(node: nodes.Element, display: bool) -> str:
    from latex2mathml.converter import convert

    tex = node.astext().strip()
    try:
        return convert(tex, display="block" if display else "inline")
    except Exception as error:  # a formula the converter cannot read fails the build
        raise ValueError(f"cannot convert the formula {tex!r} to MathML: {error}") from error


def _visit_math(self, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_mathml(node, display=False) + "</span>")
    raise nodes.SkipNode


def _visit_displaymath(self, node: nodes.Element) -> None:
    from sphinx.util.math import get_node_equation_number

    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, "Link to this equation")
        self.body.append("</span>")
    self.body.append(_mathml(node, display=True) + "</div>\n")
    raise nodes.SkipNode


_TRAILING_UNDERSCORE = re.compile(r"(?<![\w`])([A-Za-z]\w*_)(?=[\s).,;:]|$)")


def literal_trailing_underscores(app: Sphinx, what, name, obj, options, lines: list[str]) -> None:
    """Docstrings are plain text with backquoted code, not reST markup: outside backquoted parts
    a word ending in "_" (a column prefix such as syn_) is written as code, not read as a link,
    and ``|r|`` (an absolute value) is not read as a substitution."""
    for index, line in enumerate(lines):
        parts = re.split(r"(`+[^`]*`+)", line)
        lines[index] = "".join(part if part.startswith("`") else
                               re.sub(r"\|(\w+)\|", r"\\|\1\\|", _TRAILING_UNDERSCORE.sub(r"``\1``", part))
                               for part in parts)


def resolve_api_reference(app: Sphinx, env, node: nodes.Element, contnode: nodes.Element):
    """Links a docstring's reference the API pages can answer: ``synthlab.syn`` to where
    :func:`synthlab.syn` is documented (``synthlab.synthesis.syn``), a module without a page of its
    own (``synthlab.synthesis.smoothing``) to its subpackage's page; a private helper of the
    package (``grow_tree``) stays plain code, unlinked. Anything else stays a broken reference
    and fails the strict build."""
    import sys as _sys

    from sphinx.util.nodes import make_refnode

    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    domain = env.get_domain("py")
    last = target.rsplit(".", 1)[-1]
    if node.get("reftype") != "mod":
        names = sorted(name for name in domain.objects
                       if name.startswith("synthlab.") and name.rsplit(".", 1)[-1] == last
                       and (not target.startswith("synthlab.") or domain.objects[name].objtype != "module"))
        if names:
            entry = domain.objects[names[0]]
            return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, names[0])
    parts = target.split(".")
    if parts[0] == "synthlab":
        while parts and ".".join(parts) not in domain.modules:
            parts.pop()
        if parts:
            module = domain.modules[".".join(parts)]
            return make_refnode(app.builder, node["refdoc"], module.docname, module.node_id, contnode, target)
    if any(hasattr(module, last) for key, module in list(_sys.modules.items())
           if key.startswith("synthlab") and module is not None):
        return contnode
    return None


def use_mathml(app: Sphinx, config) -> None:
    """Formulas are written into the pages as MathML when the site is built (latex2mathml), which
    every current browser typesets and screen readers read: no script, no font file, where
    MathJax took 2.1 MB on every page."""
    config.html_math_renderer = "mathml"


def write_static(app: Sphinx, config) -> None:
    static = Path(app.doctreedir).parent / "course_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / "plotly.min.js"
    code = PLOTLY_BASIC.read_text(encoding="utf-8")
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


#: The theme's scripts for searching as one types (off here: the search box opens search.html,
#: which loads them itself); 70 KB and more on every other page.
SEARCH_SCRIPTS = re.compile(r'<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>\s*')
SPHINX_DESIGN = re.compile(r'<(?:link[^>]*href="[^"]*_static/sphinx-design\.min\.css[^"]*"[^>]*/?>|script[^>]*src="[^"]*_static/design-tabs\.js[^"]*"[^>]*></script>)\s*')
FONTAWESOME_SCRIPT = re.compile(r'<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\s*')
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
ICON_RULE = re.compile(r"([^{}]+)\{content:\"\\([0-9a-f]{4})\"\}")
ICON_LITERAL = re.compile(r"\"\\((?:f|e)[0-9a-f]{3})\"")


def icons_used(html_texts: list[str], scripts: list[str], css: str) -> set[int]:
    """The code points of the Font Awesome icons a site shows: those of the ``fa-*`` classes
    its pages and scripts name, and those its style sheets use directly (admonition icons)."""
    by_class, direct = {}, set()
    for selectors, code in ICON_RULE.findall(css):
        names = re.findall(r"\.(fa-[a-z0-9-]+)::?before", selectors)
        for name in names:
            by_class[name] = int(code, 16)
    outside_rules = ICON_RULE.sub(lambda m: "" if re.search(r"\.fa-", m[1]) else m[0], css)
    direct = {int(code, 16) for code in ICON_LITERAL.findall(outside_rules)}
    named = {name for text in html_texts + scripts for name in ICON_CLASS.findall(text)}
    return direct | {by_class[name] for name in named if name in by_class}


def drop_unused_icon_rules(css: str, used: set[int]) -> str:
    """The theme's style sheet without the rules of the ~1800 icons the site does not show (85 KB)."""
    def keep(match: re.Match) -> str:
        selectors, code = match[1], int(match[2], 16)
        only_icons = all(re.fullmatch(r"\s*\.fa-[a-z0-9-]+::?before\s*", s) for s in selectors.split(","))
        return match[0] if code in used or not only_icons else ""
    return ICON_RULE.sub(keep, css)


def _css_items(css: str):
    """The top-level items of a style sheet: (prelude, block or None, text)."""
    index, end = 0, len(css)
    while index < end:
        stop = index
        while stop < end and css[stop] not in "{;}":
            stop += 1
        if stop >= end:
            yield css[index:].strip(), None, css[index:]
            return
        if css[stop] == ";":
            yield css[index:stop].strip(), None, css[index:stop + 1]
        elif css[stop] == "{":
            depth, close = 1, stop + 1
            while close < end and depth:
                if css[close] in "\"'":
                    quote, close = css[close], close + 1
                    while close < end and css[close] != quote:
                        close += 2 if css[close] == "\\" else 1
                elif css[close] in "{}":
                    depth += 1 if css[close] == "{" else -1
                close += 1
            yield css[index:stop].strip(), css[stop + 1:close - 1], css[index:close]
            stop = close - 1
        index = stop + 1


def drop_unused_css(css: str, words: set[str]) -> str:
    """A style sheet without the selectors that name a class no page and no script of the site
    uses (the theme's style sheet carries all of Bootstrap: 200 KB of a first visit). A class
    counts as used when it appears as a word in any page or script, so classes that scripts
    switch on are kept."""
    kept = []
    for prelude, block, text in _css_items(css):
        if block is None:
            kept.append(text)
        elif prelude.startswith("@"):
            if re.match(r"@(media|supports|layer|container)\b", prelude):
                inner = drop_unused_css(block, words)
                if inner.strip():
                    kept.append(prelude + "{" + inner + "}")
            else:
                kept.append(text)
        else:
            selectors = [selector for selector in prelude.split(",")
                         if all(name in words for name in
                                re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\[[^\]]*\]", "", selector)))]
            if selectors:
                kept.append(",".join(selectors) + "{" + block + "}")
    return "".join(kept)


def subset_icon_fonts(static: Path, codepoints: set[int]) -> None:
    """Cut the theme's Font Awesome web fonts down to ``codepoints`` (fontTools): a few KB
    instead of 300 KB per first visit."""
    from fontTools import subset

    for font in sorted((static / "vendor" / "fontawesome" / "webfonts").glob("*.woff2")):
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        loaded = subset.load_font(str(font), options)
        keep = codepoints & set(loaded.getBestCmap() or {})
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(keep) or [0x20])
        subsetter.subset(loaded)
        subset.save_font(loaded, str(font), options)


WIDE_FIGURE_PX = 1400


def lighten_images(images: Path) -> dict[str, tuple[str, int]]:
    """The chapters' PNG figures made lighter, where that is smaller: wider than
    :data:`WIDE_FIGURE_PX` pixels scaled down to it (still twice the width a page shows them
    at), a palette of at most 256 colours (a plot has few), stored as lossless WebP. Returns
    old name -> (new name, pixel width before scaling)."""
    from PIL import Image

    renamed = {}
    for path in sorted(images.glob("*.png")):
        with Image.open(path) as image:
            image.load()
        width = image.width
        if width > WIDE_FIGURE_PX:
            image = image.resize((WIDE_FIGURE_PX, round(image.height * WIDE_FIGURE_PX / width)), Image.Resampling.LANCZOS)
        palette = image.convert("RGBA").quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        webp = path.with_suffix(".webp")
        palette.convert("RGBA").save(webp, "WEBP", lossless=True, method=6)
        if webp.stat().st_size < path.stat().st_size:
            renamed[path.name] = (webp.name, width)
        else:
            webp.unlink()
            renamed[path.name] = (path.name, width)
    return renamed


def mark_wide_figures(text: str, images: dict[str, tuple[str, int]]) -> str:
    """Images point to their lighter files (:func:`lighten_images`); those wider than
    :data:`WIDE_FIGURE_PX` pixels (panels side by side) get ``class="wide-figure"``: on a phone
    they keep a readable width and scroll sideways (``course.css``)."""
    def mark(match: re.Match) -> str:
        tag = match[0]
        name = re.search(r'src="[^"]*_images/([^"/]+)"', tag)
        if not name or name[1] not in images:
            return tag
        new, width = images[name[1]]
        tag = tag.replace(f"_images/{name[1]}", f"_images/{new}")
        if width > WIDE_FIGURE_PX and "wide-figure" not in tag:
            tag = re.sub(r"\s*/?>$", ' class="wide-figure" />', tag)
        return tag
    return re.sub(r"<img [^>]*>", mark, text)


def lighten_pages(app: Sphinx, exception: Exception | None) -> None:
    """What a first visit downloads, cut down after the build: no Font Awesome script (1.5 MB
    of every icon as SVG; the theme's style sheet draws the icons from its web fonts), those web
    fonts and the style sheet's icon rules cut down to the icons the pages use, the rules of the
    classes nothing uses dropped from it (:func:`drop_unused_css`), no search
    scripts outside the search page; PNG figures lighter
    (:func:`lighten_images`), the wide ones marked (:func:`mark_wide_figures`)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    images = lighten_images(out / "_images") if (out / "_images").is_dir() else {}
    pages = sorted(out.rglob("*.html"))
    texts = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lighter = mark_wide_figures(FONTAWESOME_SCRIPT.sub("", text), images)
        if not re.search(r'class="(?:[^"]*\s)?sd-', lighter):  # no sphinx-design component on the page
            lighter = SPHINX_DESIGN.sub("", lighter)
        if page.name != "search.html":
            lighter = SEARCH_SCRIPTS.sub("", lighter)
        # a list's items must be list items for assistive technology (axe: aria-required-children)
        lighter = lighter.replace('role="doc-biblioentry"', 'role="listitem"')
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")
        texts.append(lighter)
    static = out / "_static"
    css = "".join(p.read_text(encoding="utf-8", errors="replace") for p in static.rglob("*.css"))
    scripts = [p.read_text(encoding="utf-8", errors="replace") for p in static.rglob("*.js")
               if "fontawesome" not in p.name and not p.name.startswith("plotly")]
    used = icons_used(texts, scripts, css)
    subset_icon_fonts(static, used)
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    if theme_css.exists():
        every_script = [p.read_text(encoding="utf-8", errors="replace") for p in static.rglob("*.js")
                        if "fontawesome" not in p.name]
        words = {word for text in texts + every_script for word in re.findall(r"[\w-]+", text)}
        lighter_css = drop_unused_css(drop_unused_icon_rules(theme_css.read_text(encoding="utf-8"), used), words)
        theme_css.write_text(lighter_css, encoding="utf-8")


def _cited_author(entry) -> str:
    """How the text names an entry's authors: "Rubin", "Little and Rubin", "Volker et al."."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = [" ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "")
                for person in people]
    if not surnames:
        return entry.key
    return surnames[0] if len(surnames) == 1 else " and ".join(surnames) if len(surnames) == 2 else f"{surnames[0]} et al."


def author_year_labels(entries) -> dict[str, str]:
    """key -> label "Author Year" for ``entries`` (pybtex entries), with the year suffixed a, b, ...
    (by key) where two works would otherwise read the same: "Volker et al. 2024a"."""
    groups: dict[str, list[str]] = {}
    for entry in entries:
        groups.setdefault(f"{_cited_author(entry)} {entry.fields.get('year', 'n.d.')}", []).append(entry.key)
    labels = {}
    for base, keys in groups.items():
        for number, key in enumerate(sorted(keys)):
            labels[key] = base + ("abcdefghijklmnopqrstuvwxyz"[number] if len(keys) > 1 else "")
    return labels


CITED = re.compile(r"\{cite:[a-z]+\}`(?:\{[^}]*\})*([^`]+)`")
BIBLIOGRAPHY = ROOT / "references.bib"


def cited_keys(text: str) -> list[str]:
    """The bibliography keys a MyST text cites, in order of first citation."""
    keys = []
    for match in CITED.finditer(text):
        keys += [key.strip() for key in match[1].split(",") if key.strip() not in keys]
    return list(dict.fromkeys(keys))


def chapter_references(text: str, bib: Path = BIBLIOGRAPHY, backend: str = "markdown") -> list[tuple[str, str, str]]:
    """(key, label, entry as Markdown) of each work a chapter cites, ordered by label: the
    chapter-end reference list, generated from the bibliography for the website
    (:func:`add_chapter_references`) and the notebooks (tools/build_notebooks.py)."""
    import pybtex.database
    from pybtex.plugin import find_plugin

    _register_citation_style()
    data = pybtex.database.parse_file(str(bib))
    labels = author_year_labels(data.entries.values())
    keys = [key for key in cited_keys(text) if key in data.entries]
    style = find_plugin("pybtex.style.formatting", "course_author_year")()
    entries = {entry.key: " ".join(entry.text.render_as(backend).replace("\\", "").split())
               for entry in style.format_entries([data.entries[key] for key in keys])}
    return sorted(((key, labels[key], entries[key]) for key in keys), key=lambda item: (item[1].lower(), item[0]))


def add_chapter_references(app: Sphinx, doctree: nodes.document) -> None:
    """A chapter ends with the works it cites, each linked to its entry on the references page."""
    if not CHAPTER.match(app.env.docname):
        return
    references = chapter_references(Path(app.env.doc2path(app.env.docname)).read_text(encoding="utf-8"), backend="text")
    top = next(iter(doctree.findall(nodes.section)), None)
    if not references or top is None:
        return
    items = nodes.bullet_list(classes=["chapter-references"])
    for key, label, entry in references:
        author, year = label.rsplit(" ", 1)
        link = nodes.reference("", f"{author} ({year})", refuri=f"references.html#cite-{key}", internal=True)
        items += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(": " + entry)))
    section = nodes.section(ids=["references"], names=["references"])
    section += nodes.title("", "References")
    section += items
    top += section


def _register_citation_style() -> None:
    import dataclasses

    from pybtex.plugin import find_plugin
    from pybtex.plugin import register_plugin as register_pybtex_plugin
    from pybtex.richtext import Text
    from pybtex.style.labels import BaseLabelStyle
    from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
        BasicAuthorYearParentheticalReferenceStyle, BasicAuthorYearTextualReferenceStyle)
    from sphinxcontrib.bibtex.style.template import join, join2, node, post_text, pre_text, reference

    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            sorted_entries = list(sorted_entries)
            labels = author_year_labels(sorted_entries)
            for entry in sorted_entries:
                yield labels[entry.key]

    class AuthorYearPlain(find_plugin("pybtex.style.formatting", "plain")):
        default_label_style = "course_author_year"
        default_sorting_style = "author_year_title"

    register_pybtex_plugin("pybtex.style.labels", "course_author_year", AuthorYearLabels, force=True)
    register_pybtex_plugin("pybtex.style.formatting", "course_author_year", AuthorYearPlain, force=True)

    @node
    def label_year(children, data):
        """The year of the entry's label, with its a/b suffix: "2024a"."""
        return Text(data["formatted_entry"].label.rsplit(" ", 1)[-1])

    class Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
        def inner(self, role_name):
            return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                pre_text,
                reference[join(sep=self.author_year_sep)[self.person.author_or_editor_or_title(full="s" in role_name),
                                                         label_year]],
                post_text]

    class Textual(BasicAuthorYearTextualReferenceStyle):
        def inner(self, role_name):
            return join(sep=self.text_reference_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name),
                join[self.bracket.left, join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text, reference[label_year], post_text], self.bracket.right]]

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

        def __post_init__(self):
            super().__post_init__()
            for index, style in enumerate(self.styles):
                for basic, ours in ((BasicAuthorYearParentheticalReferenceStyle, Parenthetical),
                                    (BasicAuthorYearTextualReferenceStyle, Textual)):
                    if type(style) is basic:
                        self.styles[index] = ours(**{f.name: getattr(style, f.name) for f in dataclasses.fields(style)})

    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_round", AuthorYearRound)


def setup(app: Sphinx) -> dict:
    _register_citation_style()
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_displaymath, None))
    app.connect("config-inited", use_mathml)
    app.add_css_file("course.css")
    app.connect("config-inited", write_static)
    app.connect("doctree-read", add_download_box)
    app.connect("doctree-read", alt_from_captions)
    app.connect("doctree-read", fold_solutions)
    app.connect("doctree-read", link_glossary_terms)
    app.connect("doctree-read", add_chapter_references, priority=400)  # before the page's contents are collected
    app.connect("env-updated", drop_widget_state)
    app.connect("html-page-context", page_context, priority=900)
    app.connect("build-finished", write_downloads)
    app.connect("build-finished", lighten_pages)
    app.connect("autodoc-process-docstring", literal_trailing_underscores)
    app.connect("missing-reference", resolve_api_reference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
