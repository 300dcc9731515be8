"""JupyterLab: the README's main command serves the course; a saved slider reopens without an error box.

JupyterLab is started headless on a free localhost port with a known token (and
``--allow-root`` when the tests run as root, as in a container), its REST API is asked for
the start notebook and chapter 2's exercise notebook, and the server is stopped.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


@pytest.fixture
def jupyterlab(tmp_path):
    """A running JupyterLab on the course folder: yields (base url, token)."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    port, token = free_port(), secrets.token_hex(16)
    command = [jupyter, "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
               "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    log = open(tmp_path / "jupyterlab.log", "w+")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                log.seek(0)
                pytest.fail(f"jupyter lab exited with {server.returncode}:\n{log.read()[-3000:]}")
            try:
                get(f"{base}/api/status", token)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"jupyter lab did not answer within 90 s:\n{log.read()[-3000:]}")
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_jupyterlab_serves_the_start_and_an_exercise_notebook(jupyterlab):
    base, token = jupyterlab
    start = get(f"{base}/api/contents/start_here.ipynb", token)
    assert start["type"] == "notebook"
    first_text = next(c for c in start["content"]["cells"] if c["cell_type"] == "markdown")
    assert first_text["source"].startswith("# Start here")
    exercise = get(f"{base}/api/contents/exercises/02_general_idea.ipynb", token)
    assert exercise["type"] == "notebook"
    sources = [cell["source"] for cell in exercise["content"]["cells"]]
    assert "# Your code here\n" in sources and "check.ch2.exercise_3(syn1)" in sources
    listing = get(f"{base}/api/contents/exercises", token)
    assert {"02_general_idea.ipynb", "03_generating.ipynb"} <= {item["name"] for item in listing["content"]}


def test_the_api_refuses_a_wrong_token(jupyterlab):
    base, _ = jupyterlab
    with pytest.raises(urllib.error.HTTPError) as error:
        get(f"{base}/api/contents/start_here.ipynb", "wrong")
    assert error.value.code == 403


# The chapter 2 slider, small: what a learner runs, saves and reopens.
SLIDER_CELLS = [
    "import synthlab\nboys25 = synthlab.tv_subset(synthlab.load_boys())\n"
    "spline_model = synthlab.SplineTradeoff(boys25, max_df=6)",
    "synthlab.tradeoff_widget(spline_model, spline_model.settings, (boys25['age'], boys25['tv']),\n"
    "                         knobs={'noise': [0.0, 1.0, 2.0]}, knob_start={'noise': 1.0},\n"
    "                         labels=spline_model.labels)",
]
# What the slider's cell shows: sliders that work, an error box, the line that replaces the
# sliders where widgets cannot show, the figure.
SHOWN = """
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
if (!panel || !panel.querySelector('.jp-Notebook')) return {ready: false, error: false, gone: null, figure: false, sliders: 0};
const text = panel.querySelector('.jp-Notebook').innerText;
const gone = panel.querySelector('.synthlab-controls-gone');
return {ready: !!panel.querySelector('.synthlab-controls[data-ready="true"]'),
        error: text.includes('Error displaying widget') || text.includes('Loading widget'),
        gone: gone ? gone.innerText : null, figure: !!panel.querySelector('.jp-RenderedPlotly .main-svg, .jp-RenderedPlotly img.plot-img[src^="data:image/png"]'),
        sliders: panel.querySelectorAll('.synthlab-controls .noUi-handle').length};
"""


def _wait_shown(driver, ready: bool, timeout: float = 120.0) -> dict:
    """What the slider's cell shows once it has settled (sliders ready, or the figure with the line)."""
    deadline = time.monotonic() + timeout
    while True:
        shown = driver.execute_script(SHOWN)
        settled = shown["ready"] if ready else (shown["figure"] and shown["gone"] is not None)
        if settled or time.monotonic() > deadline:
            time.sleep(1.0)  # an error box would show by now
            return driver.execute_script(SHOWN)
        time.sleep(0.5)


def _moves(driver) -> bool:
    """Press the right arrow on the first slider: does the figure show the next setting?"""
    from synthlab.bench import jupyterlab as bench

    times = bench.press_knobs(driver, rounds=1)
    checks = driver.execute_script("return window.synthlabChecks;")
    return all(times.values()) and checks["checked"] > 0 and checks["wrong"] == 0


@pytest.mark.browser
def test_a_saved_slider_reopens_without_an_error_box(tmp_path, screenshot_folder):
    """Run, save, reopen (kernel new, then shut down): sliders work; not trusted: the figure and
    one line that says what brings the sliders back."""
    import nbformat
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from synthlab.bench import jupyterlab as bench

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in SLIDER_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    root = tmp_path / "lab"
    root.mkdir()
    nbformat.write(notebook, root / "slider.ipynb")
    with bench.jupyterlab(root) as address, bench.chromium() as driver:
        base, token = address.split("|")
        url = f"{base}/lab/tree/slider.ipynb?token={token}"
        bench.run_notebook(driver, url, timeout=300)
        assert _moves(driver)
        driver.find_element(By.CSS_SELECTOR, ".jp-Notebook").send_keys(Keys.ESCAPE, Keys.CONTROL, "s")
        deadline = time.monotonic() + 90
        while "widgets" not in json.loads((root / "slider.ipynb").read_text()).get("metadata", {}):
            assert time.monotonic() < deadline, "the notebook was not saved with its widget state"
            time.sleep(0.5)
        # Reopened with a new kernel, which holds none of the widgets: the saved state brings them back.
        for session in get(f"{base}/api/sessions", token):
            request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE",
                                             headers={"Authorization": f"token {token}"})
            urllib.request.urlopen(request, timeout=10).read()
        driver.get(url)
        shown = _wait_shown(driver, ready=True)
        driver.save_screenshot(str(screenshot_folder / "jupyterlab_reopened.png"))
        assert shown["ready"] and not shown["error"] and shown["figure"] and shown["sliders"] == 2, shown
        assert _moves(driver)
        # The kernel shut down: the sliders work in the browser alone.
        for session in get(f"{base}/api/sessions", token):
            request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE",
                                             headers={"Authorization": f"token {token}"})
            urllib.request.urlopen(request, timeout=10).read()
        time.sleep(2)
        assert _moves(driver)
        # A copy changed elsewhere is not trusted: the figure, and the line instead of the sliders.
        saved = nbformat.read(root / "slider.ipynb", as_version=4)
        saved.cells[0].source += "\n# changed outside JupyterLab"
        nbformat.write(saved, root / "untrusted.ipynb")
        driver.get(f"{base}/lab/tree/untrusted.ipynb?token={token}")
        shown = _wait_shown(driver, ready=False)
        driver.save_screenshot(str(screenshot_folder / "jupyterlab_untrusted.png"))
        assert not shown["error"] and shown["figure"] and not shown["ready"], shown
        assert shown["gone"].startswith("Run this cell (Run > Run All Cells) to bring back the sliders"), shown
