"""The built website page by page in headless Chromium, as a reader sees it.

Every page of the table of contents (API pages included): what a first visit downloads, from
Chromium's network log (:mod:`synthlab.bench.website`), under its limit; every ``href`` and
``src`` of the page (header menus, download and launch buttons included) answering 200 from
the local site, or pointing to a known external address; axe-core (shipped by the PyPI package
``axe-core-python``) finding no serious or critical accessibility violation.

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
from browser_page import chromium, read_page, real_alt, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
PAGES = [TOC["root"]] + [chapter["file"] for chapter in TOC["chapters"]]
ALL_PAGES = PAGES + [section["file"] for chapter in TOC["chapters"] for section in chapter.get("sections", [])]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
#: The addresses outside the site a page may link to: the repository (its edit and issue
#: buttons too) and the launch buttons made from it, the DOIs and pages of the works cited, the
#: original R course, the R packages the course follows.
KNOWN_EXTERNAL = (CONFIG["repository"]["url"], CONFIG["launch_buttons"]["binderhub_url"],
                  CONFIG["launch_buttons"]["jupyterhub_url"], CONFIG["launch_buttons"]["colab_url"],
                  "https://doi.org/", "https://arxiv.org/abs/", "https://unece.org/statistics/",
                  "https://lmu-osc.github.io/", "https://sdctools.github.io/HandbookSDC",
                  "https://github.com/thomvolker/", "https://thomvolker.github.io/",
                  "https://CRAN.R-project.org/package=",
                  "https://desfontain.es/blog/")
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
        assert seen["math"] > 0  # the formulas are there, as MathML


@pytest.mark.browser
def test_a_folded_solution_opens_on_click_with_its_output(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, driver = site
    read_page(driver, f"{base}/book/03_generating.html")
    fold = next(d for d in driver.find_elements(By.CSS_SELECTOR, "details.course-solution")
                if "select_dtypes" in d.get_attribute("innerHTML"))
    summary = fold.find_element(By.TAG_NAME, "summary")
    assert summary.text == "Solution" and fold.get_attribute("open") is None
    output = fold.find_element(By.CSS_SELECTOR, ".cell_output")
    discussion = next(p for p in fold.find_elements(By.TAG_NAME, "p") if p.get_attribute("textContent").startswith("Two problems"))
    assert not output.is_displayed() and not discussion.is_displayed()
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    summary.click()
    WebDriverWait(driver, 10).until(lambda d: output.is_displayed())
    assert discussion.is_displayed() and "select_dtypes" in fold.find_element(By.CSS_SELECTOR, "pre").text


def _weights(site_dir: Path) -> dict:
    from synthlab.bench.website import page_weights

    return page_weights(site_dir, ALL_PAGES)


@pytest.fixture(scope="module")
def weights(built_book):
    return _weights(built_book)


@pytest.mark.browser
@pytest.mark.parametrize("page", ALL_PAGES)
def test_a_first_visit_downloads_less_than_the_limit(weights, page):
    from synthlab.bench.website import IMAGE_KB, limit_kb

    responses = weights[page]
    assert f"{page}.html" in " ".join(responses)  # the page itself was measured
    assert all(r["status"] == 200 for r in responses.values()), {u: r for u, r in responses.items() if r["status"] != 200}
    total_kb = sum(r["bytes"] for r in responses.values()) / 1000
    assert total_kb <= limit_kb(page), (round(total_kb), sorted(((r["bytes"] // 1000, u) for u, r in responses.items()),
                                                                reverse=True)[:8])
    images = {u: r["bytes"] / 1000 for u, r in responses.items() if r["type"] == "Image"}
    assert all(kb <= IMAGE_KB for kb in images.values()), images
    assert not any("mathjax" in u or "fontawesome.js" in u for u in responses)


def test_the_weight_measure_counts_what_the_browser_loads(tmp_path):
    """The measure sees a page's scripts and images, not only its HTML file."""
    import numpy as np
    from PIL import Image

    (tmp_path / "page.html").write_text('<html><body><img src="a.png" alt="a square"><script src="s.js"></script></body></html>')
    noise = np.random.default_rng(1).integers(0, 256, size=(200, 200, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp_path / "a.png")
    (tmp_path / "s.js").write_text("var x = 1;" * 30000)
    from synthlab.bench.website import page_weights

    responses = page_weights(tmp_path, ["page"])["page"]
    sizes = {u.rsplit("/", 1)[-1]: r["bytes"] for u, r in responses.items()}
    assert sizes["a.png"] == (tmp_path / "a.png").stat().st_size > 100_000
    assert sizes["s.js"] == 300000 and sizes["page.html"] > 50


def _links(html: str) -> list[str]:
    """Every href and src of a page's elements (not the text of its inline scripts)."""
    html = re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", html, flags=re.S)
    return [href for href in re.findall(r'(?:href|src)="([^"]+)"', html) if not href.startswith(("#", "mailto:", "data:"))]


@pytest.mark.browser
def test_every_link_and_button_of_every_page_works(built_book):
    import html as html_lib
    import urllib.parse
    import urllib.request

    broken, external = [], set()
    with serve(built_book) as base:
        checked = {}
        for page in ALL_PAGES:
            text = (built_book / f"{page}.html").read_text()
            for raw in _links(text):
                href = html_lib.unescape(raw)
                if href.startswith(("http://", "https://")):
                    external.add(href)
                    if not href.startswith(KNOWN_EXTERNAL):
                        broken.append((page, href, "unknown external address"))
                    continue
                url = urllib.parse.urljoin(f"{base}/{page}.html", href).split("#")[0]
                if url not in checked:
                    try:
                        with urllib.request.urlopen(url, timeout=30) as response:
                            checked[url] = response.status
                    except Exception as error:  # 404 and the like
                        checked[url] = str(error)
                if checked[url] != 200:
                    broken.append((page, href, checked[url]))
    assert broken == [], broken[:20]
    assert len(checked) > 50 and any("downloads/synthlab-course.zip" in u for u in checked)
    assert any("colab.research.google.com" in u for u in external)


@pytest.mark.browser
def test_no_serious_accessibility_violation_on_any_page(site):
    import axe_core_python

    script = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text()
    base, driver = site
    problems = {}
    for page in ALL_PAGES:
        read_page(driver, f"{base}/{page}.html")
        driver.execute_script(script)
        driver.set_script_timeout(120)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
            "v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))));")
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        if serious:
            problems[page] = serious
    assert problems == {}, problems


PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
READ_PHONE = """
const main = document.querySelector('main') || document.body;
return {sideways: document.documentElement.scrollWidth - window.innerWidth,
        tables: Array.from(main.querySelectorAll('.pst-scrollable-table-container, table'))
          .filter(t => t.scrollWidth > t.clientWidth + 1 && !t.closest('.cell_output'))
          .map(t => t.innerText.slice(0, 60)),
        wide: Array.from(main.querySelectorAll('img.wide-figure')).map(i => i.getBoundingClientRect().width),
        images: Array.from(main.querySelectorAll('img')).map(i => ({src: i.getAttribute('src'),
          shown: i.getBoundingClientRect().width, natural: i.naturalWidth}))};
"""


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


@pytest.mark.browser
def test_pages_fit_a_phone_screen(site, screenshot_folder):
    """At 390 px no page scrolls sideways, no prose table does, and a figure of panels side by
    side keeps a readable width (720 px, scrolling inside its cell)."""
    from selenium.webdriver.support.ui import WebDriverWait

    base, driver = site
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    problems = {}
    try:
        for page in ALL_PAGES:
            driver.get(f"{base}/{page}.html")
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
            seen = driver.execute_script(READ_PHONE)
            driver.save_screenshot(str(screenshot_folder / f"phone-{page.replace('/', '_')}.png"))
            wrong = {key: seen[key] for key in ("sideways", "tables") if seen[key]}
            if any(width < 700 for width in seen["wide"]):
                wrong["wide"] = seen["wide"]
            if wrong:
                problems[page] = wrong
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert problems == {}, problems
