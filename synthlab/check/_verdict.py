"""The verdict of a self-check and the small helpers the chapter modules share."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

RIGHT, WRONG = "Right", "Not yet"


class Verdict:
    """The answer to "is my answer right?": ``ok`` and a message in plain words.

    >>> Verdict(["syn1 has 3 rows; it should have 748"], "Exercise 3")
    Exercise 3 - Not yet: syn1 has 3 rows; it should have 748.
    """

    def __init__(self, problems: list[str], exercise: str, praise: str = "", notes: list[str] | None = None):
        self.ok = not problems
        self.problems = list(problems)
        self.notes = list(notes or [])
        if self.ok:
            text = f"{exercise} - {RIGHT}." + (f" {_sentence(praise)}" if praise else "")
        else:
            text = f"{exercise} - {WRONG}: " + " ".join(_sentence(p) for p in problems)
        self.message = " ".join([text] + [_sentence(note) for note in self.notes])

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.message


# A message starts with the learner's name for a thing (syn1, rng, hgt: kept as written) or with
# a word of English, which gets its capital.
_ENGLISH = {"the", "these", "some", "most", "each", "every", "both", "with", "no", "name", "calling", "in",
            "keep", "your", "note:", "there", "one", "all", "it", "its", "a", "an", "this", "nothing", "negative"}


def _sentence(text: str) -> str:
    text = text.strip()
    if text.split(" ", 1)[0] in _ENGLISH:
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class Wrong(Exception):
    """Raised inside a check to stop at the first problem that makes the rest meaningless."""


@lru_cache(maxsize=1)
def _boys() -> pd.DataFrame:
    from synthlab.data import load_boys

    return load_boys()


def boys() -> pd.DataFrame:
    """A fresh copy of the boys data (the cached one is never handed out)."""
    return _boys().copy()


def synthetic_frame(answer, name: str, expected: str = "a DataFrame of synthetic rows") -> pd.DataFrame:
    """The synthetic data of an answer: a DataFrame, a synthesis result or its first data set."""
    data = getattr(answer, "data", answer)
    if isinstance(data, list) and data and isinstance(data[0], pd.DataFrame):
        data = data[0]
    if not isinstance(data, pd.DataFrame):
        hint = ""
        if hasattr(answer, "rvs"):
            hint = " (that is the distribution itself: draw from it with its .rvs method)"
        elif isinstance(answer, pd.Series):
            hint = " (one column alone; keep the whole table)"
        raise Wrong(f"{name} is {describe(answer)}; it should be {expected}{hint}")
    return data


def is_result(answer) -> bool:
    """Whether an answer is a synthesis result (it has methods and data), not the data alone."""
    return hasattr(answer, "method") and hasattr(answer, "data") and not isinstance(answer, pd.DataFrame)


def numbers(answer, name: str, length: int | None = None) -> np.ndarray:
    """An answer that should be numbers (array, Series, list) as a float array."""
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise Wrong(f"{name} is {describe(answer)}; it should hold numbers") from None
    if length is not None:
        if values.ndim == 0:
            raise Wrong(f"{name} is one number; it should hold {length} values, one per synthetic row "
                        "(pass size=...)")
        values = values.reshape(-1) if values.ndim == 2 and 1 in values.shape else values
        if values.shape != (length,):
            raise Wrong(f"{name} has shape {' x '.join(map(str, values.shape))}; it should hold {length} values")
    return values


def number(answer, name: str) -> float:
    """An answer that should be one number."""
    values = np.asarray(answer.to_numpy() if hasattr(answer, "to_numpy") else answer, dtype=object)
    if values.size != 1:
        raise Wrong(f"{name} holds {values.size} values; it should be one number")
    try:
        return float(values.reshape(-1)[0])
    except (TypeError, ValueError):
        raise Wrong(f"{name} is {describe(answer)}; it should be a number") from None


def describe(answer) -> str:
    """A short description of a learner's object for a message."""
    if isinstance(answer, pd.DataFrame):
        return f"a DataFrame of {answer.shape[0]} rows and {answer.shape[1]} columns"
    if isinstance(answer, pd.Series):
        return f"a Series of {len(answer)} values"
    if isinstance(answer, np.ndarray):
        return f"an array of shape {' x '.join(map(str, answer.shape))}"
    if answer is None:
        return "None (a function that returns nothing, such as print or np.random.seed, was assigned)"
    if isinstance(answer, (int, float, np.number)):
        return f"the number {answer}"
    return f"a {type(answer).__module__}.{type(answer).__name__}"


def run(exercise: str, check, *args, praise: str = "") -> Verdict:
    """Run ``check(*args)``, which returns (problems, notes) or raises Wrong."""
    try:
        problems, notes = check(*args)
    except Wrong as problem:
        return Verdict([str(problem)], exercise)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
        return Verdict([f"the check could not read your answer ({type(error).__name__}: {error}); compare its "
                        "type, columns and shape with what the exercise asks for"], exercise)
    return Verdict(problems, exercise, praise, notes)


def relative_gap(a: float, b: float) -> float:
    return abs(a - b) / max(abs(b), 1e-12)
