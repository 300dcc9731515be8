"""The built website page by page in headless Chromium, as a reader sees it.

Each page: loads with no console error and nothing from the network, shows no raw TeX once
MathJax has run, has real alt text on every image, and its download links resolve. On a
chapter page a folded solution opens on click; the sliders are moved in ``test_browser.py``.
A screenshot of every page (whole page, and its top) goes to the ``screenshot_folder``
fixture's folder (``$SYNTHLAB_SCREENSHOTS``, or a pytest temporary folder).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from browser_page import chromium, open_first_solution, read_page, real_alt, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
PAGES = [TOC["root"]] + [chapter["file"] for chapter in TOC["chapters"]]
RAW_TEX = ["$", "\\frac", "\\mathrm", "\\left", "\\hat", "\\begin"]  # "$": any TeX delimiter left


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as base, chromium() as driver:
        yield base, driver


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_page_reads_cleanly_in_a_browser(site, page, screenshot_folder):
    base, driver = site
    seen = read_page(driver, f"{base}/{page}.html", screenshot=screenshot_folder / f"{page.replace('/', '_')}.png")

    assert seen["errors"] == [], seen["errors"]
    assert seen["screenshots"] and all(shot.stat().st_size > 1000 for shot in seen["screenshots"])
    assert [r for r in seen["resources"] if not r.startswith(base)] == []  # offline
    raw = [token for token in RAW_TEX if token in seen["prose"]]
    assert raw == [], (raw, [line for line in seen["prose"].splitlines() if any(t in line for t in raw)][:3])
    assert seen["too_wide"] == []  # no display formula scrolls sideways in the content column
    for image in seen["images"]:
        assert image["loaded"], image["src"]
        assert real_alt(image["alt"]), image
    for link in seen["downloads"]:
        assert link["status"] == 200 and link["size"] > 1000, link
        if link["href"].endswith(".ipynb"):
            assert link["head"].startswith("{"), link
        if link["href"].endswith(".zip"):
            assert link["head"] == "PK", link
    if re.search(r"/\d\d_", page):
        assert len(seen["downloads"]) == 3, seen["downloads"]  # exercises, solutions, course zip
    if page.endswith(("02_general_idea", "04_evaluating")):
        assert seen["math"] > 0  # MathJax typeset the formulas


@pytest.mark.browser
def test_a_folded_solution_opens_on_click(site):
    base, driver = site
    read_page(driver, f"{base}/book/02_general_idea.html")
    solution = open_first_solution(driver)
    assert solution["was_open"] is False and solution["open"] and solution["code_visible"]
    assert "multivariate_normal" in solution["code"]


# Where the slider's parts sit: every knob's label, input and value inside the content column,
# the figure in a box that scrolls sideways (at least 640 px wide, its panels never squeezed).
SLIDER_GEOMETRY = """
const box = document.querySelector('.synthlab-knobs[data-ready="true"]');
if (!box) return null;
box.scrollIntoView({block: 'start'});
const column = box.closest('article, main') || document.body, c = column.getBoundingClientRect();
const outside = Array.from(box.querySelectorAll('label, label > span, input, output'))
  .map(el => [el.tagName, el.getBoundingClientRect()])
  .filter(([, r]) => r.left < c.left - 1 || r.right > c.right + 1).map(([tag]) => tag);
const scroll = box.parentElement.querySelector('.synthlab-plotly-scroll').getBoundingClientRect();
const figure = box.parentElement.querySelector('.js-plotly-plot').getBoundingClientRect();
return {outside: outside, scroll_inside: scroll.left >= c.left - 1 && scroll.right <= c.right + 1,
        figure_width: figure.width};
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("chapter", ["02_general_idea", "04_evaluating"])
def test_the_slider_fits_the_column(site, chapter, width, screenshot_folder):
    import time

    base, driver = site
    driver.set_window_size(width, 900)
    try:
        driver.get(f"{base}/book/{chapter}.html")
        deadline = time.monotonic() + 30
        while (seen := driver.execute_script(SLIDER_GEOMETRY)) is None:
            assert time.monotonic() < deadline, "the slider's knobs never became ready"
            time.sleep(0.25)
        driver.save_screenshot(str(screenshot_folder / f"slider_{chapter}_{width}.png"))
    finally:
        driver.set_window_size(1200, 900)
    assert seen["outside"] == [] and seen["scroll_inside"], seen
    assert seen["figure_width"] >= 640 - 1, seen
