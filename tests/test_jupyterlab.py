"""The README's main command starts the course: JupyterLab serves the start and exercise notebooks.

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
    assert start["content"]["cells"][0]["source"].startswith("# Start here")
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
