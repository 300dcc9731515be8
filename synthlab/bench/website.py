"""What a first visit to each page of the course website downloads: ``python -m synthlab.bench website``.

Each page of a built website is opened in headless Chromium (Debian's ``chromium`` and
``chromedriver``, through selenium) with the browser cache off, scrolled to its end so that
every lazily loaded image and font arrives, and the bytes of every response are added up from
Chromium's network log (``Network.dataReceived``: the bytes after decompression, HTML, scripts,
styles, fonts and images alike). One line ``page_kb_<page>`` per page, in KB (1000 bytes), and
``image_kb_max`` for the largest image any page loads.

The website is ``$SYNTHLAB_BUILT_BOOK`` (a ``_build/html`` folder built before) or, without it,
built into a temporary folder with ``jupyter-book build`` (a minute or two). Limits (issue 21,
GOALS.md): text pages <= 1000 KB, the slider pages (chapters 2 and 4) <= 2500 KB, every
image <= 200 KB; ``tests/test_website_browser.py`` fails above them.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
#: The slider pages (a Plotly figure and plotly.js): their limit is higher.
SLIDER_PAGES = ("book/02_general_idea", "book/04_evaluating")
TEXT_PAGE_KB, SLIDER_PAGE_KB, IMAGE_KB = 1000, 2500, 200


def limit_kb(page: str) -> int:
    """The most a first visit of ``page`` may download, in KB."""
    return SLIDER_PAGE_KB if page in SLIDER_PAGES else TEXT_PAGE_KB


def site_pages(site: Path) -> list[str]:
    """Every page of a built site (path without ``.html``), minus Sphinx's search and index pages."""
    pages = sorted(p.relative_to(site).with_suffix("").as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).parts[0].startswith("_"))
    return [page for page in pages if page not in ("index", "search", "genindex", "py-modindex")]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def network_logging_chromium(width: int = 1200, height: int = 900):
    """Headless Chromium whose network events can be read from its ``performance`` log."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="chromium-weight-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
            yield driver
        finally:
            driver.quit()


def first_visit(driver, url: str, timeout: float = 60.0) -> dict[str, dict]:
    """Open ``url`` (cache off), scroll to its end and back; return every response the page
    received: url -> {"bytes": decoded bytes, "type": Chromium's resource type, "status": HTTP status}."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("performance")  # forget what came before
    driver.get(url)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    for top in range(0, int(height) + 900, 900):
        driver.execute_script("window.scrollTo(0, arguments[0]);", top)
        time.sleep(0.05)
    time.sleep(0.5)
    driver.execute_script("window.scrollTo(0, 0);")
    requests: dict[str, dict] = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        request = params.get("requestId")
        if message["method"] == "Network.responseReceived":
            response = params["response"]
            requests.setdefault(request, {"bytes": 0})
            requests[request].update(url=response["url"], type=params.get("type", ""), status=response["status"])
        elif message["method"] == "Network.dataReceived":
            requests.setdefault(request, {"bytes": 0})["bytes"] += params["dataLength"]
    return {r["url"]: {k: r[k] for k in ("bytes", "type", "status")} for r in requests.values() if "url" in r}


def page_weights(site: Path, pages: list[str] | None = None) -> dict[str, dict[str, dict]]:
    """page -> its first visit's responses (:func:`first_visit`), for every page of ``site``."""
    site = Path(site)
    pages = pages or site_pages(site)
    with serve(site) as base, network_logging_chromium() as driver:
        return {page: first_visit(driver, f"{base}/{page}.html") for page in pages}


def built_site() -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """``$SYNTHLAB_BUILT_BOOK``, or a website built now into a temporary folder."""
    if os.environ.get("SYNTHLAB_BUILT_BOOK"):
        return Path(os.environ["SYNTHLAB_BUILT_BOOK"]).resolve(), None
    folder = tempfile.TemporaryDirectory(prefix="synthlab-site-")
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or "jupyter-book"
    subprocess.run([jupyter_book, "build", str(ROOT), "--path-output", folder.name, "--all"],
                   check=True, capture_output=True, timeout=1800)
    return Path(folder.name) / "_build" / "html", folder


def run() -> list[tuple[str, float, str]]:
    site, folder = built_site()
    try:
        weights = page_weights(site)
    finally:
        if folder is not None:
            folder.cleanup()
    results = [(f"page_kb_{page.removeprefix('book/').replace('/', '_')}", sum(r["bytes"] for r in responses.values()) / 1000, "KB")
               for page, responses in weights.items()]
    images = [r["bytes"] for responses in weights.values() for r in responses.values() if r["type"] == "Image"]
    return results + [("image_kb_max", max(images, default=0) / 1000, "KB")]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.4g} {unit}")
