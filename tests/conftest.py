"""Fixtures shared by the test modules."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
