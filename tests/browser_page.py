"""Drive a trade-off Plotly figure in headless Chromium: serve a page, move its slider, read back.

Used by ``tests/test_browser.py`` and, on a built book page, from the command line:

    python tests/browser_page.py _build/html/book/02_general_idea.html

Uses the Debian ``chromium`` and ``chromedriver`` (no browser download) through selenium.
"""
from __future__ import annotations

import contextlib
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from synthlab.bench.website import CHROMEDRIVER, CHROMIUM, serve  # noqa: F401 (serve: used by the tests)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1200,900"]

# What the page shows of the figure: synthetic points (trace 2, in the data panel), the data
# panel's title, the slider's position, and every resource the page loaded.
READ_FIGURE = """
const gd = document.querySelector('.js-plotly-plot');
const synthetic = gd.querySelector('.scatterlayer .trace' + gd._fullData[2].uid);
const points = Array.from(synthetic.querySelectorAll('.points path')).map(p => p.getAttribute('transform'));
return {points: points, title: gd.querySelector('.annotation-text').textContent,
        active: gd.layout.sliders[0].active, y: Array.from(gd.data[2].y),
        resources: performance.getEntriesByType('resource').map(r => r.name)};
"""


@contextlib.contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile, driven by the Debian chromedriver."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages
        for flag in FLAGS + [f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


def move_slider(driver: webdriver.Chrome, url: str, pixels: int = 300, timeout: float = 30.0) -> tuple[dict, dict]:
    """Open ``url``, drag the first Plotly slider's grip ``pixels`` towards the far end of its
    rail (with the mouse, as a reader would); return the figure before and after."""
    driver.get(url)
    wait = WebDriverWait(driver, timeout)
    grip = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".js-plotly-plot .slider-grip-rect"))
    rail = driver.find_element(By.CSS_SELECTOR, ".js-plotly-plot .slider-rail-rect")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", grip)
    before = driver.execute_script(READ_FIGURE)
    grip_x, rail_box = grip.rect["x"] + grip.rect["width"] / 2, rail.rect
    room_right = rail_box["x"] + rail_box["width"] - grip_x
    dx = min(pixels, int(room_right) - 5) if room_right > rail_box["width"] / 2 else -min(pixels, int(grip_x - rail_box["x"]) - 5)
    ActionChains(driver).click_and_hold(grip).move_by_offset(dx // 2, 0).move_by_offset(dx - dx // 2, 0) \
        .release().perform()
    wait.until(lambda d: d.execute_script(READ_FIGURE)["active"] != before["active"])
    time.sleep(0.2)  # let Plotly finish redrawing the points
    return before, driver.execute_script(READ_FIGURE)


def inspect_page(html_file: Path) -> dict:
    """Serve ``html_file``'s folder, move the slider; return the figure before and after, the
    resources the page tried to load from anywhere but localhost, and what went wrong."""
    html_file = Path(html_file).resolve()
    # A built book page needs its site around it (../_static): serve the folder that has one.
    root = next((folder for folder in html_file.parents if (folder / "_static").is_dir()), html_file.parent)
    with serve(root) as base, chromium() as driver:
        before, after = move_slider(driver, f"{base}/{html_file.relative_to(root).as_posix()}")
    problems = []
    if after["points"] == before["points"]:
        problems.append("the synthetic points did not move")
    if after["title"] == before["title"]:
        problems.append("the data panel's title did not change")
    external = sorted({r for r in before["resources"] + after["resources"] if not r.startswith(base)})
    if external:
        problems.append(f"the page loads resources from elsewhere (not offline): {external}")
    return {"before": before, "after": after, "external": external, "problems": problems}


# What a reader sees of a page once it has loaded (formulas are MathML, typeset by the browser).
READ_PAGE = """
const done = arguments[arguments.length - 1];
const typeset = (window.MathJax && MathJax.startup && MathJax.startup.promise) || Promise.resolve();
typeset.then(async () => {
  const prose = Array.from(document.querySelectorAll(
      'main p, main li, main td, main dd, main h1, main h2, main h3, main div.math'))
    .filter(e => !e.closest('pre, .cell_input, .highlight')).map(e => e.innerText).join('\\n');
  const images = Array.from(document.querySelectorAll('main img, article img'))
    .map(img => ({src: img.getAttribute('src'), alt: img.getAttribute('alt') || '',
                  loaded: img.complete && img.naturalWidth > 0}));
  const downloads = [];
  for (const a of document.querySelectorAll('a.download')) {
    const response = await fetch(a.href);
    const bytes = new Uint8Array(await response.arrayBuffer());
    downloads.push({href: a.getAttribute('href'), status: response.status, size: bytes.length,
                    head: String.fromCharCode(...bytes.slice(0, 2))});
  }
  done({title: document.title, prose: prose, images: images, downloads: downloads,
        height: document.documentElement.scrollHeight,
        math: document.querySelectorAll('main math').length,
        too_wide: Array.from(document.querySelectorAll('main div.math'))
          .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 60)),
        resources: performance.getEntriesByType('resource').map(r => r.name)});
});
"""


def real_alt(alt: str) -> bool:
    """Whether an image's alt text says something: not empty, not a file name or path."""
    alt = alt.strip()
    return len(alt) >= 5 and not re.search(r"(^|/)[\w.-]+\.(png|svg|jpe?g|gif|webp)$", alt)


def console_errors(driver: webdriver.Chrome) -> list[str]:
    """The console's errors (and failed loads) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def read_page(driver: webdriver.Chrome, url: str, screenshot: Path | None = None, timeout: float = 60.0) -> dict:
    """Open ``url`` as a first visit, wait for MathJax; return what the reader sees and the
    console errors, saving screenshots (:func:`save_screenshots`) named after ``screenshot``
    (a .png path) if given."""
    driver.set_window_size(1200, 900)
    if driver.current_url.startswith("http"):
        driver.execute_script("localStorage.clear(); sessionStorage.clear();")  # each page a first visit
    driver.get(url)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.set_script_timeout(timeout)
    page = driver.execute_async_script(READ_PAGE)
    time.sleep(0.5)  # let Plotly draw before the picture
    if screenshot is not None:
        page["screenshots"] = save_screenshots(driver, screenshot, int(page["height"]))
    page["errors"] = console_errors(driver)
    return page


def save_screenshots(driver: webdriver.Chrome, screenshot: Path, height: int, step: int = 850) -> list[Path]:
    """Screenshots of the whole page, screen by screen (``NAME-01.png``, ...), and of each
    display formula and Plotly figure on it (``NAME-math-1.png``, ``NAME-plotly-1.png``)."""
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    saved = []
    for number, top in enumerate(range(0, max(height, 1), step), start=1):
        driver.execute_script("window.scrollTo(0, arguments[0]);", top)
        time.sleep(0.15)
        saved.append(screenshot.with_name(f"{screenshot.stem}-{number:02d}.png"))
        driver.save_screenshot(str(saved[-1]))
    for kind, selector in [("math", "main div.math"), ("plotly", "main .js-plotly-plot")]:
        for number, element in enumerate(driver.find_elements(By.CSS_SELECTOR, selector), start=1):
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            time.sleep(0.15)
            saved.append(screenshot.with_name(f"{screenshot.stem}-{kind}-{number}.png"))
            element.screenshot(str(saved[-1]))
    driver.execute_script("window.scrollTo(0, 0);")
    return saved


def open_first_solution(driver: webdriver.Chrome) -> dict:
    """Click the first folded solution's "Show code" bar; return whether it opened and its code."""
    details = driver.find_element(By.CSS_SELECTOR, "details.hide.above-input")
    summary = details.find_element(By.TAG_NAME, "summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    closed = driver.execute_script("return arguments[0].open", details)
    summary.click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].open", details))
    code = details.find_element(By.CSS_SELECTOR, "pre")
    WebDriverWait(driver, 10).until(lambda d: code.is_displayed() and code.text.strip())  # unfolded and drawn
    return {"was_open": closed, "open": True, "code": code.text, "code_visible": code.is_displayed()}


def check_page(html_file: Path) -> dict:
    """:func:`inspect_page`, raising ``AssertionError`` on any problem."""
    result = inspect_page(html_file)
    if result["problems"]:
        raise AssertionError("; ".join(result["problems"]))
    return result


if __name__ == "__main__":
    result = inspect_page(Path(sys.argv[1]))
    before, after = result["before"], result["after"]
    print(f"slider moved from step {before['active']} ({before['title']}) to step {after['active']} "
          f"({after['title']}); synthetic points {'redrawn' if after['points'] != before['points'] else 'UNCHANGED'}")
    for problem in result["problems"]:
        print("PROBLEM:", problem)
    sys.exit(1 if result["problems"] else 0)
