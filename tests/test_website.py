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


def test_every_page_weighs_less_than_a_megabyte(built_book):
    weights = {page: (built_book / f"{page}.html").stat().st_size for page in toc_pages()}
    heavy = {page: size for page, size in weights.items() if size >= MAX_PAGE_BYTES}
    assert heavy == {}, heavy
    print("page weights (KB):", {page: round(size / 1024) for page, size in weights.items()})


def test_plotlyjs_is_loaded_once_from_the_static_folder(built_book):
    assert (built_book / "_static" / "plotly.min.js").stat().st_size > 1_000_000
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
    launch = set(re.findall(r'href="(https://[^"]*02_general_idea[^"]*)"', html))
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
        found = [m for m in plain.findall(prose) if not m.startswith(("In ", "Since ", "By "))]
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
