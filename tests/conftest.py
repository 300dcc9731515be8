"""Fixtures shared by the test modules, and what happens to browser tests without a browser.

Tests marked ``browser`` drive Debian's headless Chromium. On a machine without it they are
skipped, with a message that says how to install it, so that the README's first
``python -m pytest`` passes; where the environment variable ``CI`` is set, a missing browser
fails them instead, so that CI never passes without testing the website in a browser.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
INSTALL = "apt-get install chromium chromium-driver"


def missing_browser(paths: tuple[str, ...] = (CHROMIUM, CHROMEDRIVER)) -> list[str]:
    """The programs the browser tests need that this machine lacks."""
    return [path for path in paths if not Path(path).exists()]


def browser_decision(missing: list[str], environ=os.environ) -> tuple[str, str] | None:
    """("skip" or "fail", message) when the browser tests cannot run; None when they can."""
    if not missing:
        return None
    message = (f"the browser tests need headless Chromium and its driver ({', '.join(missing)} not found); "
               f"on Debian or Ubuntu install them once with: {INSTALL}")
    return ("fail", message + " (CI is set, so a missing browser fails the run)") if environ.get("CI") else ("skip", message)


def pytest_runtest_setup(item):
    """Before any fixture (the website build is one) of a browser test: is there a browser?"""
    if item.get_closest_marker("browser") is None:
        return
    decision = browser_decision(missing_browser())
    if decision is not None:
        action, message = decision
        (pytest.fail if action == "fail" else pytest.skip)(message)


@pytest.fixture(scope="session")
def boys():
    """The completed boys data, loaded once (the library never changes a caller's frame)."""
    import synthlab

    return synthlab.load_boys()


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the course website once per test session, strictly (a warning fails it, every
    reference must resolve); return its ``_build/html`` folder.

    ``SYNTHLAB_BUILT_BOOK=path/to/_build/html`` tests a site built before instead (to rerun the
    website's tests without building again).
    """
    if os.environ.get("SYNTHLAB_BUILT_BOOK"):
        return Path(os.environ["SYNTHLAB_BUILT_BOOK"]).resolve()
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or "jupyter-book"
    output = tmp_path_factory.mktemp("book")
    result = subprocess.run([jupyter_book, "build", str(ROOT), "--path-output", str(output), "--all",
                             "-W", "-n", "--keep-going"],
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output / "_build" / "html"


@pytest.fixture(scope="session")
def screenshot_folder(tmp_path_factory) -> Path:
    """Where the browser tests save their screenshots: ``$SYNTHLAB_SCREENSHOTS`` or a pytest
    temporary folder (its path is printed at the end of the run)."""
    folder = Path(os.environ.get("SYNTHLAB_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder

# A learner's answers to the exercise blanks, read cell by cell by test_literal_answers.py:
# scripts to paste into a notebook, not modules to import (their names come from earlier cells).
collect_ignore_glob = ["literal_answers/*.py"]
