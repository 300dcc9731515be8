"""Self-checks for the course's exercises: one function per exercise, one module per chapter.

After an exercise, its notebook holds a one-line check such as ``check.ch2.exercise_3(syn1)``.
The check recomputes what it expects from the course's inputs (the ``boys`` data and the
learner's own earlier answers, with tolerances), never from stored numbers, and answers in
plain words: right, or what is off ("your covariance matrix is 2 x 2; it should cover age, hgt
and wgt"). It never shows the solution's code. Every correct answer passes: another seed, a
NumPy array where a DataFrame would do, ``np.std`` with ``ddof`` 0 or 1, ``model.predict``
instead of hand-written coefficients. Where later cells need one form (the whole synthesis
result, not its ``.data``), the check refuses the other and says which form to keep.

The tests hold a table of wrong answers per check (``tests/test_check_ch*.py``): each must be
refused with a message naming its cause, and correct answers other than the solution's must
pass. ``tests/test_literal_answers.py`` runs every exercise notebook with a learner's answers.

``check.quiz(N)`` shows chapter N's quiz: a few conceptual questions with feedback on every
answer (:mod:`synthlab.check._quiz`).

Each check returns a :class:`Verdict`, which a notebook shows as its message and which is
true when the answer is right.

>>> from synthlab import check
>>> import numpy as np
>>> check.ch2.exercise_1(np.random.default_rng(123)).ok
True
"""
from synthlab.check import ch1, ch2, ch3, ch4, ch5
from synthlab.check._quiz import QUIZZES, quiz
from synthlab.check._verdict import Verdict

__all__ = ["QUIZZES", "Verdict", "ch1", "ch2", "ch3", "ch4", "ch5", "quiz"]
