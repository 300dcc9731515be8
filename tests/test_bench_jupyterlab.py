"""Pieces of ``python -m synthlab.bench jupyterlab`` (the benchmark itself is not a test)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from synthlab.bench import __main__ as bench_main
from synthlab.bench import jupyterlab


def test_registered_as_a_benchmark():
    assert "jupyterlab" in bench_main.available()


def test_free_port_is_free():
    port = free = jupyterlab.free_port()
    with socket.socket() as server:
        server.bind(("127.0.0.1", port))  # raises if something holds it
    assert 0 < free < 65536


def test_jupyterlab_command_is_headless_local_and_tokened(tmp_path):
    command = jupyterlab.jupyterlab_command(8123, "secret", tmp_path)
    assert "--no-browser" in command and "--ip=127.0.0.1" in command and "--port=8123" in command
    assert "--ServerApp.token=secret" in command and f"--ServerApp.root_dir={tmp_path}" in command
    assert ("--allow-root" in command) == (os.geteuid() == 0)


def test_summarize_gives_medians_and_p95_per_knob():
    times = {"CART minimum leaf size": list(range(1, 101)), "smoothing": [5.0, 7.0]}
    lines = dict((name, value) for name, value, _ in jupyterlab.summarize("ch4", times))
    assert lines["ch4_cart_minimum_leaf_size_browser_ms"] == 50.5
    assert lines["ch4_cart_minimum_leaf_size_browser_ms_p95"] == pytest.approx(95.05)
    assert lines["ch4_smoothing_browser_ms"] == 6.0 and lines["ch4_presses_timed"] == 102
    with pytest.raises(ValueError, match="ch2: no key press on noise"):
        jupyterlab.summarize("ch2", {"spline df": [1.0], "noise": []})


def test_run_needs_the_solution_notebooks(tmp_path):
    with pytest.raises(FileNotFoundError, match="02_general_idea"):
        jupyterlab.run(tmp_path)


@pytest.mark.browser
def test_pressing_keys_on_a_static_slider_is_timed(tmp_path):
    """The page-side timer and the key presses, on a kernel-free slider served as a file."""
    import sys

    from synthlab import SplineTradeoff, load_boys, tradeoff_widget, tv_subset

    sys.path.insert(0, str(Path(__file__).parent))
    from browser_page import chromium, serve
    from selenium.webdriver.support.ui import WebDriverWait

    small = tv_subset(load_boys())
    compute = SplineTradeoff(small, max_df=5)
    widget = tradeoff_widget(compute, compute.settings, (small["age"], small["tv"]), knobs={"noise": [0.0, 1.0]},
                             div_id="w")
    (tmp_path / "slider.html").write_text(widget.to_html(full_html=True), encoding="utf-8")
    selector = ".synthlab-knobs[data-ready='true']"
    with serve(tmp_path) as base, chromium() as driver:
        driver.get(f"{base}/slider.html")
        WebDriverWait(driver, 60).until(lambda d: d.execute_script(f'return !!document.querySelector("{selector}")'))
        times = jupyterlab.press_knobs(driver, rounds=1, selector=selector, handle="input.synthlab-knob")
        steps, knobs = times["setting"], times["noise"]
        title = driver.execute_script("return document.querySelector('#w .annotation-text').textContent")
        synthetic = driver.execute_script("return Array.from(document.getElementById('w').data[2].y)")
        checks = driver.execute_script("return window.synthlabChecks")
    assert len(steps) == 2 * 4 and len(knobs) == 5 * 2  # 4 presses each way; noise at all 5 df settings
    assert all(t > 0 for t in steps + knobs)
    assert title == "spline with 5 df"  # the last sweep (noise) ran at the last df
    assert synthetic == pytest.approx(compute(5, noise=0.0).y, abs=1e-4)  # and ended at noise 0
    assert checks["checked"] >= len(steps) + len(knobs) and checks["wrong"] == 0  # every redraw as the knobs say
