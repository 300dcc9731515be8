"""Fixtures shared by the test modules."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the course website once per test session; return its ``_build/html`` folder."""
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or "jupyter-book"
    output = tmp_path_factory.mktemp("book")
    result = subprocess.run([jupyter_book, "build", str(ROOT), "--path-output", str(output), "--all"],
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output / "_build" / "html"
