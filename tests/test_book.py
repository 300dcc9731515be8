"""The course website builds, holds every chapter, hides the checks and folds the solutions."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [chapter["file"] for chapter in toc["chapters"]]


def test_every_chapter_source_is_in_the_table_of_contents():
    sources = {f"book/{p.stem}" for p in (ROOT / "book").glob("[0-9][0-9]_*.md")}
    assert sources <= set(toc_files())


def test_the_site_builds_with_every_page(built_book):
    for page in toc_files():
        assert (built_book / f"{page}.html").exists(), page
    assert (built_book / "index.html").exists()


def test_checks_are_hidden_and_solutions_folded(built_book):
    html = (built_book / "book" / "02_general_idea.html").read_text()
    assert "assert" not in re.sub(r"<[^>]+>", "", html)  # check cells are removed from the page
    assert "hide-input" in html and "multivariate_normal" in html  # solutions are there, folded
    assert "Privacy disaster" in html  # the figure's code ran and its output is embedded
    assert html.count('<img alt="_images/') + html.count('src="../_images/') >= 1


def test_pages_load_no_script_or_style_from_the_network(built_book):
    for page in toc_files():
        html = (built_book / f"{page}.html").read_text()
        remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', html)
        remote = [url for url in remote if not url.startswith("https://doi.org")]
        assert remote == [], (page, remote)
