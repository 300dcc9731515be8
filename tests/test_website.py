"""The built website as files: downloads, the course zip, page weights, citations, alt text."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))
from browser_page import real_alt  # noqa: E402
from course_site import ZIP_NAME, course_files  # noqa: E402

CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.md"))
MAX_PAGE_BYTES = 1_000_000
PLOTLYJS_MARKERS = ("synthlab-plotlyjs", "window.PlotlyConfig", "Plotly.register")  # plotly.js itself


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [chapter["file"] for chapter in toc["chapters"]]


def bib_keys() -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(), flags=re.M)


def test_plotlyjs_is_loaded_once_from_the_static_folder(built_book):
    bundle = (built_book / "_static" / "plotly.min.js").read_text()
    assert bundle.startswith("/**\n* plotly.js (basic - minified)")  # the partial bundle, not all of plotly.js
    assert 1_000_000 < len(bundle) < 1_300_000
    for page in toc_pages():
        html = (built_book / f"{page}.html").read_text()
        has_figure = 'class="synthlab-plotly"' in html
        assert html.count("_static/plotly.min.js") == (1 if has_figure else 0), page
        assert not any(marker in html for marker in PLOTLYJS_MARKERS), page  # never inlined
        assert "widget-state+json" not in html, page  # no state of the Jupyter-only widgets
    assert 'class="synthlab-plotly"' in (built_book / "book" / "02_general_idea.html").read_text()


def test_no_script_is_declared_twice(built_book):
    for page in toc_pages():
        inline = re.findall(r"<script>(.*?)</script>", (built_book / f"{page}.html").read_text(), flags=re.S)
        assert len(inline) == len(set(inline)), page


def test_every_chapter_offers_its_notebooks_and_the_course(built_book):
    for chapter in CHAPTERS:
        html = (built_book / "book" / f"{chapter}.html").read_text()
        for href in (f"../downloads/exercises/{chapter}.ipynb", f"../downloads/solutions/{chapter}.ipynb",
                     f"../downloads/{ZIP_NAME}"):
            assert f'href="{href}"' in html, (chapter, href)
            assert (built_book / "book" / href).resolve().is_file(), href
        exercise = nbformat.read(built_book / "downloads" / "exercises" / f"{chapter}.ipynb", as_version=4)
        nbformat.validate(exercise)
        assert exercise.cells and all(not c.get("outputs") for c in exercise.cells if c.cell_type == "code")


def test_the_course_zip_holds_what_the_readme_commands_need(built_book, tmp_path):
    with zipfile.ZipFile(built_book / "downloads" / ZIP_NAME) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    course = tmp_path / "synthlab-course"
    for needed in ["README.md", "LICENSE", "requirements.txt", "pyproject.toml", "synthlab/__init__.py",
                   "synthlab/data/boys.csv", "conftest.py", "tests/nbval_sanitize.cfg", "tests/conftest.py",
                   "book/02_general_idea.md", "_config.yml", "_toc.yml", "references.bib",
                   "tools/build_notebooks.py"] + [f"{folder}/{c}.ipynb" for c in CHAPTERS
                                                 for folder in ("exercises", "solutions")]:
        assert f"synthlab-course/{needed}" in names, needed
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)
    assert "-e ." in (course / "requirements.txt").read_text().splitlines()  # installs the unzipped package
    # the unzipped package is the one a notebook started there imports, with its data
    result = subprocess.run([sys.executable, "-c", "import synthlab; print(synthlab.__file__, len(synthlab.load_boys()))"],
                            cwd=course, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    path, rows = result.stdout.split()
    assert Path(path).is_relative_to(course) and int(rows) == 748


def test_course_files_skip_caches(tmp_path):
    (tmp_path / "synthlab" / "__pycache__").mkdir(parents=True)
    (tmp_path / "synthlab" / "__pycache__" / "x.pyc").write_bytes(b"")
    (tmp_path / "synthlab" / "a.py").write_text("")
    (tmp_path / "README.md").write_text("")
    (tmp_path / "start.ipynb").write_text("{}")
    assert [p.relative_to(tmp_path).as_posix() for p in course_files(tmp_path)] == [
        "README.md", "synthlab/a.py", "start.ipynb"]


def test_launch_buttons_open_the_exercise_notebook_from_one_repository_setting(built_book):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repository = config["repository"]["url"]
    owner_repo = repository.removeprefix("https://github.com/")
    html = (built_book / "book" / "02_general_idea.html").read_text()
    assert f'href="{repository}"' in html  # the repository button
    launch = {url for url in re.findall(r'href="(https://[^"]*02_general_idea[^"]*)"', html)
              if not url.startswith(repository)}  # not the edit and issue buttons
    assert len(launch) == 3, launch  # Binder, JupyterHub, Colab
    assert all("exercises/02_general_idea.ipynb" in url and ".md" not in url for url in launch)
    assert all(owner_repo in url or owner_repo.replace("/", "%2F") in url for url in launch)


def test_images_have_real_alt_text(built_book):
    for page in toc_pages():
        html = (built_book / f"{page}.html").read_text()
        assert "<img " not in re.sub(r'<img alt="[^"]*"', "", html), page  # every image has an alt
        for alt in re.findall(r'<img alt="([^"]*)"', html):
            assert real_alt(alt), (page, alt)


def test_bibliography_keys_are_author_year_and_every_citation_resolves(built_book):
    keys = bib_keys()
    assert len(keys) == len(set(keys)) >= 20
    assert all(re.fullmatch(r"[a-z]+\d{4}[a-z]?", key) for key in keys), keys
    cited = set()
    for chapter in CHAPTERS:
        text = (ROOT / "book" / f"{chapter}.md").read_text()
        for targets in re.findall(r"\{cite:[pt]\}`([^`]+)`", text):
            cited |= {key.strip() for key in re.sub(r"\{[^}]*\}", "", targets).split(",")}
    assert cited <= set(keys) and {"rubin1993", "little1993", "nowok2016", "snoke2018", "karr2006"} <= cited
    references = (built_book / "book" / "references.html").read_text()
    for surname in ["Rubin", "Little", "Nowok", "Snoke", "Karr", "Kanamori", "Sugiyama", "Drechsler",
                    "Hundepool", "Reiter", "Buuren", "Genz", "Volker", "James"]:
        assert surname in references, surname


def test_chapters_cite_with_roles_not_plain_text():
    plain = re.compile(r"\b[A-Z][a-z]+(?: et al\.| (?:and|&) [A-Z][a-z]+)?,? \(?(?:19|20)\d\d\)?")
    for chapter in CHAPTERS:
        text = (ROOT / "book" / f"{chapter}.md").read_text()
        prose = text.split("\n## References")[0]
        prose = re.sub(r"```.*?```", "", prose, flags=re.S)
        # "Social Diagnosis 2011" is the name of a survey (synthpop's SD2011), not a citation
        found = [m for m in plain.findall(prose) if not m.startswith(("In ", "Since ", "By ", "Diagnosis "))]
        assert found == [], (chapter, found)


@pytest.mark.parametrize("folder", ["exercises", "solutions"])
def test_notebooks_carry_no_plotlyjs(folder):
    for path in sorted((ROOT / folder).glob("*.ipynb")):
        text = path.read_text()
        assert not any(marker in text for marker in PLOTLYJS_MARKERS), path.name
        if folder == "solutions" and 'class=\\"synthlab-plotly\\"' in text:
            outputs = [o for c in json.loads(text)["cells"] for o in c.get("outputs", [])
                       if "text/html" in o.get("data", {}) and "synthlab-plotly" in "".join(o["data"]["text/html"])]
            assert all("application/vnd.plotly.v1+json" in o["data"] for o in outputs), path.name


def toc_files() -> list[str]:
    """Every page of the table of contents, sections (the API pages) included."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for chapter in toc["chapters"]:
        pages += [chapter["file"]] + [section["file"] for section in chapter.get("sections", [])]
    return pages


def test_every_public_name_has_an_entry_in_the_api_reference(built_book):
    import synthlab

    api = "".join(p.read_text() for p in sorted((built_book / "book" / "api").glob("*.html")))
    anchors = set(re.findall(r'<dt class="sig sig-object py" id="([^"]+)"', api))
    missing = [name for name in synthlab.__all__
               if not any(anchor == f"{getattr(synthlab, name).__module__}.{name}" or anchor.endswith(f".{name}")
                          for anchor in anchors)]
    assert missing == [], missing
    undocumented = [name for name in synthlab.__all__ if not (getattr(synthlab, name).__doc__ or "").strip()]
    assert undocumented == [], undocumented
    for page in ["data", "normal", "synthesis", "evaluation", "tradeoff", "release", "check"]:
        assert (built_book / "book" / "api" / f"{page}.html").is_file(), page
    assert 'id="synthlab.evaluation.pmse"' in api or 'id="synthlab.evaluation.utility.pmse"' in api
    assert "Parameters" in api and "Returns" in api  # numpy docstring sections rendered


def test_each_chapter_links_its_first_use_of_a_glossary_term(built_book):
    glossary = (built_book / "book" / "glossary.html").read_text()
    terms = set(re.findall(r'<dt id="(term-[^"]+)"', glossary))
    assert {"term-pMSE", "term-S_pMSE", "term-CIO", "term-uLSIF", "term-repU", "term-DiSCO", "term-FCS",
            "term-SDC"} <= terms, terms
    linked = {}
    for chapter in CHAPTERS:
        html = (built_book / "book" / f"{chapter}.html").read_text()
        targets = re.findall(r'href="glossary\.html#(term-[^"]+)"', html)
        assert targets, chapter
        assert len(targets) == len(set(targets)), chapter  # the first use only
        assert set(targets) <= terms
        linked[chapter] = set(targets)
    assert {"term-pMSE", "term-S_pMSE", "term-CIO", "term-uLSIF", "term-DiSCO"} <= linked["04_evaluating"]
    assert "term-SDC" in linked["01_disclosure_control"] and "term-FCS" in linked["02_general_idea"]


def _solution_folds(html: str) -> list[str]:
    return re.findall(r'<details class="course-solution"><summary>Solution</summary>(.*?)</div></details>', html, flags=re.S)


def test_solutions_are_folded_whole_with_their_output_and_discussion(built_book):
    html = (built_book / "book" / "03_generating.html").read_text()
    folds = _solution_folds(html)
    assert folds
    # chapter 3, Exercise 6: the counts it asks for and the discussion are inside the fold
    fold = next(f for f in folds if "select_dtypes" in f)
    assert "cell_output" in fold and "Two problems, both impossible" in fold
    outside = re.sub(r'<details class="course-solution">.*?</div></details>', "", html, flags=re.S)
    assert "Two problems, both impossible" not in outside
    assert "<strong>Exercise 6.</strong>" in outside and "Exercise 6 (continued)" in outside  # prompts visible
    assert "Show code cell source" not in "".join(folds)  # no second fold inside
    for chapter in CHAPTERS:
        page = (built_book / "book" / f"{chapter}.html").read_text()
        assert _solution_folds(page), chapter
        visible = re.sub(r'<details class="course-solution">.*?</div></details>', "", page, flags=re.S)
        assert "tag_solution" not in visible, chapter  # every solution cell is inside a fold


def test_header_download_menu_offers_the_notebooks_and_the_course(built_book):
    for chapter in CHAPTERS:
        html = (built_book / "book" / f"{chapter}.html").read_text()
        menu = html[html.index("dropdown-download-buttons"):]
        menu = menu[:menu.index("</ul>")]
        hrefs = re.findall(r'href="([^"]+)"', menu)
        assert hrefs == [f"../downloads/exercises/{chapter}.ipynb", f"../downloads/solutions/{chapter}.ipynb",
                         f"../downloads/{ZIP_NAME}"], hrefs
        assert "_sources" not in menu


def test_intro_start_and_instructors_pages_link_the_course_zip(built_book):
    for page in ["intro", "start_here", "instructors"]:
        html = (built_book / "book" / f"{page}.html").read_text()
        assert f'href="../downloads/{ZIP_NAME}"' in html.split('<article', 1)[1], page


def test_start_page_buttons_open_the_start_notebook(built_book):
    html = (built_book / "book" / "start_here.html").read_text()
    launch = re.findall(r'href="(https://(?:mybinder|jupyterhub|colab)[^"]*)"', html)
    assert len(launch) == 3 and all("start_here.ipynb" in url and "start_here.md" not in url for url in launch), launch


def test_pages_load_no_mathjax_and_no_icon_script(built_book):
    for page in toc_files():
        html = (built_book / f"{page}.html").read_text()
        sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
        assert not any("mathjax" in src.lower() or "fontawesome" in src for src in sources), (page, sources)
    chapter2 = (built_book / "book" / "02_general_idea.html").read_text()
    assert chapter2.count("<math ") >= 10  # formulas as MathML, written at build time


def test_the_distribution_name_is_not_synthlab_and_the_wheel_installs_outside_the_repository(tmp_path):
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "synthlab-course"
    import shutil

    source = tmp_path / "source"  # a copy: setuptools writes build/ and .egg-info/ where it builds
    source.mkdir()
    for name in ["pyproject.toml", "README.md", "LICENSE"]:
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "synthlab", source / "synthlab", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"),
                             str(source)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("synthlab_course-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "synthlab/data/boys.csv" in names and "synthlab/__init__.py" in names
    assert not any(name.startswith(("tests/", "book/", "tools/")) for name in names)
    target = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target),
                             str(wheel)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    run = subprocess.run([sys.executable, "-c", "import synthlab; print(synthlab.__file__, len(synthlab.load_boys()))"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(target),
                                                                                         "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr[-2000:]
    path, rows = run.stdout.split()
    assert Path(path).is_relative_to(target) and int(rows) == 748


@pytest.mark.parametrize("folder", ["exercises", "solutions"])
def test_notebooks_start_with_a_cell_that_installs_the_course_only_where_it_is_missing(folder, monkeypatch):
    import importlib.util

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    paths = sorted((ROOT / folder).glob("*.ipynb")) + ([ROOT / "start_here.ipynb"] if folder == "solutions" else [])
    sources = {nbformat.read(path, as_version=4).cells[0].source for path in paths}
    assert len(sources) == 1, [p.name for p in paths]
    source = sources.pop()
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: calls.append(args[0]))
    exec(compile(source, "install-cell", "exec"), {})
    assert calls == []  # synthlab is installed here: nothing happens
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "synthlab" else real_find_spec(name, *a))
    exec(compile(source, "install-cell", "exec"), {})
    assert len(calls) == 1 and calls[0][1:4] == ["-m", "pip", "install"], calls
    assert calls[0][-1].startswith("synthlab-course") and config["repository"]["url"] in calls[0][-1]
