"""Self-checks of chapter 1 (statistical disclosure control): rounding, coding, microaggregation, noise.

Each protected release is compared with the ``boys`` data it was made from: the protected
columns must be changed as the exercise asks, every other column left alone.

>>> from synthlab.check import ch1
>>> ch1.exercise_1(ch1.boys()).ok
False
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.check._verdict import Verdict, Wrong, boys, run, synthetic_frame

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

KEYS = ["age", "hgt"]


def _release(answer, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    observed = boys()
    frame = synthetic_frame(answer, name, expected="a copy of boys with age and hgt changed (start from boys.copy())")
    if list(frame.columns) != list(observed.columns) or len(frame) != len(observed):
        raise Wrong(f"{name} should be a copy of boys (all {len(observed)} rows and {observed.shape[1]} columns) with "
                    f"age and hgt changed; it has {len(frame)} rows and {frame.shape[1]} columns: start from "
                    "boys.copy()")
    changed = [c for c in observed.columns if c not in KEYS and not frame[c].equals(observed[c])]
    if changed:
        raise Wrong(f"{name} changes {', '.join(changed)}; protect only age and hgt")
    for column in KEYS:
        missing = int(frame[column].isna().sum())
        if missing:
            raise Wrong(f"{name}['{column}'] has {missing} missing values (NaN); every boy keeps a value, changed "
                        "as the exercise asks")
    unchanged = [c for c in KEYS if np.allclose(frame[c].to_numpy(dtype=float), observed[c].to_numpy())]
    if unchanged:
        raise Wrong(f"{name}['{unchanged[0]}'] equals the original; change {' and '.join(unchanged)}")
    return frame, observed


def exercise_1(rounded) -> Verdict:
    """``rounded``: age to whole years, hgt to the nearest 5 cm."""
    def check(rounded):
        frame, observed = _release(rounded, "rounded")
        problems = []
        for column, step in [("age", 1.0), ("hgt", 5.0)]:
            values, original = frame[column].to_numpy(dtype=float), observed[column].to_numpy()
            unit = "whole years" if step == 1 else "the nearest 5 cm"
            moved = values - original
            if not np.allclose(values / step, np.round(values / step)):
                problems.append(f"{column} is not on a grid of {step:g}: round it to {unit}")
            elif np.allclose(values / (2 * step), np.round(values / (2 * step))):
                problems.append(f"every value of {column} is a multiple of {2 * step:g}: that is a coarser grid; "
                                f"round to {unit}")
            elif np.abs(moved).max() > step / 2 + 1e-9:
                way = ("cut off (floor) the decimals" if (moved <= 1e-9).all() else
                       "round up (ceil)" if (moved >= -1e-9).all() else "move values by more than half a step")
                problems.append(f"some values of {column} moved by up to {np.abs(moved).max():.2f}, more than "
                                f"{step / 2:g}: round to {unit}, do not {way}")
        return problems, []
    return run("Exercise 1", check, rounded)


def exercise_2(coded) -> Verdict:
    """``coded``: age and hgt bottom-coded at their 5th and top-coded at their 95th percentile."""
    def check(coded):
        frame, observed = _release(coded, "coded")
        problems = []
        for column in KEYS:
            low, high = observed[column].quantile([0.05, 0.95])
            expected = observed[column].clip(low, high).to_numpy()
            values = frame[column].to_numpy(dtype=float)
            if np.allclose(values, expected, atol=1e-6 * (high - low)):
                continue
            if values.min() < low - 1e-9:
                problems.append(f"{column} has values below its 5th percentile, {low:.2f}: set them to it")
            elif values.max() > high + 1e-9:
                problems.append(f"{column} has values above its 95th percentile, {high:.2f}: set them to it")
            elif values.min() > low + 1e-9 or values.max() < high - 1e-9:
                problems.append(f"{column} runs from {values.min():.2f} to {values.max():.2f}, but its 5th and 95th "
                                f"percentiles are {low:.2f} and {high:.2f}: code at those percentiles of the "
                                "original values (quantile 0.05 and 0.95)")
            else:
                problems.append(f"{column} differs from the original inside its 5th and 95th percentiles; only "
                                "values beyond them change, each set to the percentile it passes")
        return problems, []
    return run("Exercise 2", check, coded)


def _microaggregate_ok(values: np.ndarray, original: pd.Series, size: int = 5) -> bool:
    """Each value is the mean of a group of ``size`` consecutive boys (in the variable's order) holding
    the boy's original value; ties at a group boundary may fall either way."""
    ordered = np.sort(original.to_numpy())
    groups = np.arange(len(ordered)) // size
    frame = pd.DataFrame({"value": ordered, "group": groups}).groupby("group")["value"].agg(["min", "max", "mean"])
    if not np.allclose(np.sort(values), np.sort(np.repeat(frame["mean"].to_numpy(), np.bincount(groups)))):
        return False
    x = original.to_numpy()[:, None]
    holds = (frame["min"].to_numpy() <= x) & (x <= frame["max"].to_numpy())
    matches = np.isclose(values[:, None], frame["mean"].to_numpy()) & holds
    return bool(matches.any(axis=1).all())


def _sorted_means(original: pd.Series, statistic: str = "mean", size: int = 5) -> np.ndarray:
    ordered = np.sort(original.to_numpy())
    return np.sort(pd.Series(ordered).groupby(np.arange(len(ordered)) // size).transform(statistic).to_numpy())


def exercise_3(microaggregated) -> Verdict:
    """``microaggregated``: each of age and hgt replaced by the mean of its group of 5 in its own order."""
    def check(microaggregated):
        frame, observed = _release(microaggregated, "microaggregated")
        problems = []
        for column in KEYS:
            values = frame[column].to_numpy(dtype=float)
            if _microaggregate_ok(values, observed[column]):
                continue
            groups = pd.Series(values).value_counts()
            if np.allclose(np.sort(values), _sorted_means(observed[column], "median")):
                problems.append(f"each value of {column} is its group's median; replace it by the group's mean")
            elif np.allclose(np.sort(values), _sorted_means(observed[column])):
                problems.append(f"{column} has the right group means on the wrong rows: write each mean back to "
                                "the rows of its group (sort by the variable, then assign by index)")
            elif groups.median() != 5:
                problems.append(f"most values of {column} are shared by {int(groups.median())} boys; form groups "
                                "of 5")
            else:
                problems.append(f"the groups of {column} are not consecutive boys in the order of {column} itself: "
                                f"sort by {column} alone")
        return problems, []
    return run("Exercise 3", check, microaggregated)


def exercise_4(noisy) -> Verdict:
    """``noisy``: age and hgt plus normal noise with 20% of each variable's standard deviation."""
    def check(noisy):
        frame, observed = _release(noisy, "noisy")
        problems = []
        for column in KEYS:
            values = frame[column].to_numpy(dtype=float)
            noise = values - observed[column].to_numpy()
            target = 0.2 * observed[column].std()
            ratio = noise.std() / target
            if np.corrcoef(values, observed[column])[0, 1] < 0.5:
                problems.append(f"noisy['{column}'] has almost nothing of the original values left; add the noise "
                                f"to boys['{column}'] instead of replacing the values by it")
            elif not 0.85 < ratio < 1.15:
                hint = " (20% of the standard deviation, not of each value)" if np.corrcoef(
                    np.abs(noise), observed[column])[0, 1] > 0.3 else ""
                if 0.85 < noise.std() / (0.2 * observed[column].var()) < 1.15:
                    hint = " (20% of the standard deviation, not of the variance)"
                problems.append(f"the noise added to {column} has standard deviation {noise.std():.2f}; it should "
                                f"be about {target:.2f}{hint}")
            elif abs(noise.mean()) > 0.2 * target:
                problems.append(f"the noise added to {column} has mean {noise.mean():.2f}, not zero: draw it with "
                                "mean 0")
        return problems, []
    return run("Exercise 4", check, noisy)
