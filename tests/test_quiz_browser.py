"""The chapter quizzes: well-formed, in every chapter, and working on the built website.

On each chapter page in headless Chromium (no kernel: the quiz is the stored output of its
cell) every question shows; clicking an answer marks it right or wrong and shows that
answer's feedback; nothing is loaded from the network and the console stays clean. In the
notebooks the quiz cells run under nbval like every other cell (their output is fixed, so nbval
compares it too).
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import jupytext
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from synthlab.check import QUIZZES

sys.path.insert(0, str(Path(__file__).parent))
from browser_page import chromium, console_errors, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.md"))


@pytest.mark.parametrize("chapter", range(1, 6))
def test_each_quiz_has_three_to_five_questions_with_feedback_on_every_answer(chapter):
    questions = QUIZZES[chapter]
    assert 3 <= len(questions) <= 5
    for question in questions:
        answers = question["answers"]
        assert len(answers) >= 3 and sum(a["correct"] for a in answers) == 1, question["question"]
        assert all(len(a["feedback"]) > 10 for a in answers), question["question"]
        assert len({a["feedback"] for a in answers}) == len(answers)  # feedback per answer, not one for all


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_shows_its_quiz_without_showing_its_code(source):
    chapter = int(source.name[:2])
    cells = [c for c in jupytext.read(source).cells if c.cell_type == "code" and "quiz" in c.metadata.get("tags", [])]
    assert [c.source.strip() for c in cells] == [f"check.quiz({chapter})"]
    assert "remove-input" in cells[0].metadata["tags"]


def test_a_quiz_output_is_the_same_on_every_run(monkeypatch):
    import jupyterquiz.dynamic.display as module

    from synthlab.check import quiz

    outputs = []
    monkeypatch.setattr(module, "display", lambda shown: outputs.append(shown.data))
    quiz(2)
    quiz(2)
    assert len(outputs) == 4 and outputs[:2] == outputs[2:]  # HTML and JavaScript, the same twice
    assert "trivariate normal" in outputs[1] and "https://" not in outputs[0]
    # MathJax is used only once the page has it ready (never fetched from a CDN, no error while it loads)
    assert not re.search(r"typeof MathJax !==? 'undefined'(?! &&)", outputs[1])


READ_QUIZ = """
const questions = Array.from(document.querySelectorAll('.Quiz'));  // one per question
return questions.map(q => ({text: q.querySelector('.MultipleChoiceQn').innerText,
                            answers: Array.from(q.querySelectorAll('label.MCButton')).map(l => l.innerText.trim())}));
"""


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as base, chromium() as driver:
        yield base, driver


@pytest.mark.browser
@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_the_quiz_works_on_the_website_without_a_kernel_or_the_network(site, source):
    base, driver = site
    chapter = int(source.name[:2])
    driver.get(f"{base}/book/{source.stem}.html")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".Quiz .MCButton")) ==
               sum(len(q["answers"]) for q in QUIZZES[chapter]))
    shown = driver.execute_script(READ_QUIZ)
    for question, seen in zip(QUIZZES[chapter], shown):
        assert question["question"] in seen["text"]
        assert sorted(seen["answers"]) == sorted(a["answer"] for a in question["answers"])
    assert "check.quiz" not in driver.find_element(By.TAG_NAME, "main").text  # the code is removed

    first = driver.find_elements(By.CSS_SELECTOR, ".Quiz")[0]
    for answer in sorted(QUIZZES[chapter][0]["answers"], key=lambda a: a["correct"]):  # wrong first, then right
        label = next(l for l in first.find_elements(By.CSS_SELECTOR, "label.MCButton") if l.text.strip() == answer["answer"])
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
        label.click()
        feedback = first.find_element(By.CSS_SELECTOR, ".Feedback")
        wait.until(lambda d: answer["feedback"][:30] in re.sub(r"\s+", " ", feedback.text))
        assert ("incorrect" not in feedback.get_attribute("class")) == answer["correct"], feedback.get_attribute("class")

    time.sleep(1)  # jupyterquiz looks for MathJax half a second after drawing
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert [r for r in resources if not r.startswith(base)] == []
    assert console_errors(driver) == []
