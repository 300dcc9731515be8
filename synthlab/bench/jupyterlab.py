"""The sliders as a learner feels them: ``python -m synthlab.bench jupyterlab``.

Starts JupyterLab headless on a free localhost port, opens copies of the solution notebooks
of chapters 2 and 4 in headless Chromium (Debian's ``chromium`` and ``chromedriver``, driven
by selenium), runs all their cells, then presses the arrow keys on every knob (an ipywidgets
``SelectionSlider``, jslinked to the figure's redraw) of each chapter's slider. Measured in
the page: from the key press (the ``keydown`` event's time stamp) to the first animation
frame after the figure was redrawn, i.e. the frame that shows the new figure. Prints, per
chapter and knob, ``chN_<knob>_browser_ms`` (median over all presses) and its ``_p95``.
Target: medians < 50 ms, p95 < 100 ms. After every redraw it checks that the figure (title
and synthetic points) and the sliders' read-outs show the knobs' setting
(``chN_redraws_wrong``: 0), and that the figure is the one JupyterLab's plotly renderer drew
in the slider's cell (``chN_figure_from_plotly_mimetype``: 1; the notebook holds no
plotly.js). Run from the repository's root.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,1000"]
#: Chapters measured: notebook stem -> prefix of the printed names.
CHAPTERS = {"02_general_idea": "ch2", "04_evaluating": "ch4"}
#: The slider of the notebook shown (JupyterLab keeps other open notebooks in hidden panels).
KNOBS = ".jp-NotebookPanel:not(.lm-mod-hidden) .synthlab-controls[data-ready='true']"
#: A knob: the handle of an ipywidgets slider (focusable, moved by the arrow keys).
HANDLE = ".noUi-handle"

# Installed once the slider is ready: times every key press on a knob until the frame after
# the figure's redraw (the figure link fires "synthlab:drawn" when Plotly.animate has finished).
INSTALL_TIMER = """
const box = document.querySelector(arguments[0]);
window.synthlabTimes = [];
let pressed = null;
box.addEventListener('keydown', event => { pressed = event.timeStamp; }, true);
box.addEventListener('synthlab:drawn', () => {
  if (pressed === null) return;
  const start = pressed; pressed = null;
  requestAnimationFrame(() => window.synthlabTimes.push(performance.now() - start));
});
// After every redraw: does the figure show the knobs' setting (title, synthetic points, the
// path of the other knobs' values), and do the sliders' read-outs?
const data = box.synthlab.data;
window.synthlabChecks = {checked: 0, wrong: 0};
box.addEventListener('synthlab:drawn', event => {
  const state = event.detail.state, gd = box.synthlab.figure;
  let c = 0;
  for (let k = 1; k < state.length; k++) c = c * data.knobs[k].values.length + state[k];
  const step = data.paths[c].steps[state[0]];
  const title = gd.querySelector('.annotation[data-index="0"] .annotation-text').textContent;
  const y = Array.from(gd.data[2].y), line = Array.from(gd.data[data.path_trace].y);
  const readouts = Array.from(box.querySelectorAll('.widget-readout, output')).map(r => r.textContent.trim());
  const same = title === step.label && y.length === step.y[1].length
    && y.every((value, i) => Math.abs(value - step.y[1][i]) < 1e-9)
    && line.every((value, i) => Math.abs(value - data.paths[c].line.y[i]) < 1e-9)
    && readouts.every((text, k) => text === data.knobs[k].values[state[k]]);
  window.synthlabChecks.checked += 1;
  if (!same) window.synthlabChecks.wrong += 1;
});
return data.knobs.map(knob => knob.name);
"""
# Which figure the knobs drive: in JupyterLab, the one its plotly renderer drew from Plotly's
# mimetype in the same cell (not an HTML output, which would need plotly.js in the notebook).
FIGURE_SOURCE = """
const box = document.querySelector(arguments[0]), gd = box.synthlab.figure;
const area = box.closest('.jp-OutputArea');
return {same_cell: !!area && area.contains(gd), from_html: gd.classList.contains('synthlab-plotly'),
        checks: window.synthlabChecks};
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def jupyterlab_command(port: int, token: str, root: Path) -> list[str]:
    """The command line of a headless JupyterLab serving ``root`` on ``127.0.0.1:port``."""
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               f"--LabApp.workspaces_dir={root / '.workspaces'}"]  # no tabs restored from other runs
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def knob_key(name: str) -> str:
    """A knob's name as a part of a printed name.

    >>> knob_key("CART minimum leaf size")
    'cart_minimum_leaf_size'
    """
    return "_".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def summarize(prefix: str, times: Mapping[str, Sequence[float]]) -> list[tuple[str, float, str]]:
    """The printed lines of one chapter: per knob, median and 95th percentile, in ms.

    Examples
    --------
    >>> summarize("ch2", {"df": [10.0, 20.0, 30.0], "noise": [40.0]})[0]
    ('ch2_df_browser_ms', 20.0, 'ms')
    """
    lines = []
    for knob, values in times.items():
        if len(values) == 0:
            raise ValueError(f"{prefix}: no key press on {knob} was timed")
        lines.append((f"{prefix}_{knob_key(knob)}_browser_ms", float(np.median(values)), "ms"))
        lines.append((f"{prefix}_{knob_key(knob)}_browser_ms_p95", float(np.percentile(values, 95)), "ms"))
    if not times:
        raise ValueError(f"{prefix}: no key press was timed")
    lines.append((f"{prefix}_presses_timed", float(sum(len(v) for v in times.values())), "presses"))
    return lines


@contextlib.contextmanager
def jupyterlab(root: Path, timeout: float = 120.0) -> Iterator[str]:
    """Run JupyterLab on ``root``; yields the base URL with its token. Stops it afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    log = open(root / "jupyterlab.log", "w")
    process = subprocess.Popen(jupyterlab_command(port, token, root), stdout=log, stderr=subprocess.STDOUT,
                               cwd=root, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start; see {root / 'jupyterlab.log'}")
                time.sleep(0.5)
        yield f"{base}|{token}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextlib.contextmanager
def chromium():
    """Headless Chromium with a fresh profile (selenium, Debian's chromedriver)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


def run_notebook(driver, url: str, timeout: float = 900.0) -> None:
    """Open the notebook at ``url`` in JupyterLab, run all cells, wait until the slider is ready."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    wait = WebDriverWait(driver, 120)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell"))
    # Run All before the kernel is connected can be lost: wait for the status bar's "| Idle".
    wait.until(lambda d: d.find_elements(By.XPATH, "//*[contains(@class,'jp-StatusBar')]//*[contains(text(),'| Idle')]"))
    run_menu = driver.find_element(By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel') and text()='Run']")
    run_menu.click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "li[data-command='runmenu:run-all']")).click()
    WebDriverWait(driver, timeout, poll_frequency=1.0).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, KNOBS))


def press_knobs(driver, rounds: int = 2, settle: float = 0.05, selector: str = KNOBS,
                handle: str = HANDLE) -> dict[str, list[float]]:
    """Press the arrow keys along every knob of the slider ``selector`` finds (default: the
    ipywidgets sliders in the notebook shown); returns the times (ms) by knob name. The other
    knobs are swept at up to 8 settings of the main knob."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    names = driver.execute_script(INSTALL_TIMER, selector)
    handles = driver.find_elements(By.CSS_SELECTOR, f"{selector} {handle}")[:len(names)]
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", handles[0])

    def press(element, key) -> float | None:
        before = driver.execute_script("return window.synthlabTimes.length;")
        element.send_keys(key)
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            times = driver.execute_script("return window.synthlabTimes;")
            if len(times) > before:
                time.sleep(settle)  # let the page go idle before the next press, as a learner's pace
                return float(times[-1])
            time.sleep(0.005)
        return None  # at the end of the knob: no redraw

    def set_value(k: int, value: int) -> None:
        driver.execute_script("document.querySelector(arguments[0]).synthlab.set(arguments[1], arguments[2]);",
                              selector, k, int(value))
        time.sleep(0.15)

    def sweep(k: int, size: int) -> list[float]:
        set_value(k, 0)
        times = [press(handles[k], key) for key in [Keys.ARROW_RIGHT] * (size - 1) + [Keys.ARROW_LEFT] * (size - 1)]
        return [t for t in times if t is not None]

    sizes = driver.execute_script("return document.querySelector(arguments[0]).synthlab.data.knobs"
                                  ".map(knob => knob.values.length);", selector)
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        for k, (name, size) in enumerate(zip(names, sizes)):
            if k == 0:
                times[name] += sweep(0, size)
            else:
                # the knob at up to 8 settings of the main knob (all 8 leaf sizes in chapter 4)
                for main in np.unique(np.linspace(0, sizes[0] - 1, min(sizes[0], 8)).round().astype(int)):
                    set_value(0, main)
                    times[name] += sweep(k, size)
    return times


def run(folder: str | Path = "solutions") -> list[tuple[str, float, str]]:
    folder = Path(folder)
    missing = [stem for stem in CHAPTERS if not (folder / f"{stem}.ipynb").exists()]
    if missing:
        raise FileNotFoundError(f"no {', '.join(missing)} in {folder.resolve()}; run from the repository's root")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop JupyterLab and Chromium on a kill too
    lines = []
    for stem, prefix in CHAPTERS.items():  # a fresh JupyterLab and browser for each chapter
        with tempfile.TemporaryDirectory(prefix="synthlab-jupyterlab-") as tmp:
            root = Path(tmp)
            shutil.copy(folder / f"{stem}.ipynb", root / f"{stem}.ipynb")  # a copy: JupyterLab saves outputs
            with jupyterlab(root) as address, chromium() as driver:
                base, token = address.split("|")
                try:
                    run_notebook(driver, f"{base}/lab/tree/{stem}.ipynb?token={token}")
                except Exception:
                    shot = Path(tempfile.gettempdir()) / f"synthlab-bench-{prefix}-failed.png"
                    driver.save_screenshot(str(shot))
                    print(f"{prefix}: the slider did not appear; screenshot {shot}", file=sys.stderr)
                    raise
                times = press_knobs(driver)
                source = driver.execute_script(FIGURE_SOURCE, KNOBS)
                errors = [entry["message"] for entry in driver.get_log("browser")
                          if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]
        for message in errors:
            print(f"{prefix} console error: {message}", file=sys.stderr)
        lines += summarize(prefix, times)
        lines.append((f"{prefix}_console_errors", float(len(errors)), "errors"))
        lines.append((f"{prefix}_figure_from_plotly_mimetype",
                      float(source["same_cell"] and not source["from_html"]), "yes"))
        lines.append((f"{prefix}_redraws_checked", float(source["checks"]["checked"]), "redraws"))
        lines.append((f"{prefix}_redraws_wrong", float(source["checks"]["wrong"]), "redraws"))
    return lines
