"""The README's first ``python -m pytest`` passes without Chromium, unless CI is set."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import conftest

HERE = Path(__file__).resolve().parent


@pytest.fixture
def pytester_free_run(tmp_path):
    """Run pytest on one browser test in a folder whose conftest is ours, with the browser moved."""
    def run(env: dict, browser: tuple[str, ...]) -> str:
        source = (HERE / "conftest.py").read_text()
        source = source.replace('CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"',
                                f"CHROMIUM, CHROMEDRIVER = {browser[0]!r}, {browser[-1]!r}")
        (tmp_path / "conftest.py").write_text(source)
        (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers = browser: needs Chromium\n")
        (tmp_path / "test_page.py").write_text(
            "import pytest\n\n@pytest.mark.browser\ndef test_page():\n    assert True\n")
        result = subprocess.run([sys.executable, "-m", "pytest", "-rsf", "-p", "no:cacheprovider", str(tmp_path)],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120,
                                env={**os.environ, **env})
        return result.stdout + result.stderr
    return run


def test_a_missing_browser_skips_with_the_install_command():
    action, message = conftest.browser_decision(["/usr/bin/chromium"], environ={})
    assert action == "skip"
    assert "apt-get install chromium chromium-driver" in message and "/usr/bin/chromium" in message


def test_a_missing_browser_fails_under_ci():
    action, message = conftest.browser_decision(["/usr/bin/chromedriver"], environ={"CI": "true"})
    assert action == "fail" and "apt-get install chromium chromium-driver" in message


def test_a_present_browser_runs_the_tests(tmp_path):
    programs = [tmp_path / "chromium", tmp_path / "chromedriver"]
    assert conftest.missing_browser(tuple(map(str, programs))) == [str(p) for p in programs]
    for program in programs:
        program.write_text("")
    assert conftest.missing_browser(tuple(map(str, programs))) == []
    assert conftest.browser_decision([], environ={"CI": "true"}) is None


def test_browser_tests_are_skipped_on_a_machine_without_chromium(pytester_free_run):
    outcome = pytester_free_run(env={"CI": ""}, browser=("/nonexistent/chromium",))
    assert "1 skipped" in outcome and "apt-get install chromium chromium-driver" in outcome


def test_browser_tests_fail_under_ci_without_chromium(pytester_free_run):
    outcome = pytester_free_run(env={"CI": "true"}, browser=("/nonexistent/chromium",))
    assert "1 error" in outcome and "CI is set" in outcome and "passed" not in outcome
