"""Self-checks of chapter 5 (publishing): the pre-release checks and the release folder.

The expected check results are recomputed from the learner's own synthetic data.

>>> from synthlab.check import ch5
>>> ch5.exercise_2({}, ch5.boys()).ok
False
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from synthlab.check._verdict import Verdict, Wrong, boys, describe, run, synthetic_frame

__all__ = ["exercise_2", "exercise_3"]


def _expected_checks(frame: pd.DataFrame) -> dict[str, float]:
    from synthlab.evaluation import disco, replicated_uniques

    observed = boys()
    numeric = frame.select_dtypes("number")
    return {"rows with a negative value": float((numeric < 0).any(axis=1).sum()),
            "largest bmi gap": float((frame["bmi"] - frame["wgt"] / (frame["hgt"] / 100) ** 2).abs().max()),
            "replicated uniques (%)": float(replicated_uniques(observed, frame, ["age", "hgt", "reg"]).percent),
            "DiSCO (%)": float(disco(observed, frame, ["gen", "phb", "reg"], "tv").percent)}


NAMED_KEYS = {"replicated uniques (%)": ["age", "hgt", "reg"], "DiSCO (%)": ["gen", "phb", "reg"]}


def exercise_2(checks, syn_cart) -> Verdict:
    """``checks``: a dict of the four pre-release results, each one number."""
    def check(checks, syn_cart):
        frame = synthetic_frame(syn_cart, "syn_release")
        if not isinstance(checks, dict):
            raise Wrong(f"checks is {describe(checks)}; keep the four results in a dict, name -> number")
        if len(checks) != 4:
            raise Wrong(f"checks holds {len(checks)} results; it should hold four: negative rows, the bmi gap, "
                        "replicated uniques and DiSCO")
        values = {}
        for key, value in checks.items():
            try:
                values[key] = float(value)
            except (TypeError, ValueError):
                hint = " (keep its .percent)" if hasattr(value, "percent") else ""
                raise Wrong(f"checks[{key!r}] is {describe(value)}; each result should be one number{hint}") from None
        expected = _expected_checks(frame)
        words = {"rows with a negative value": "negative", "largest bmi gap": "bmi",
                 "replicated uniques (%)": "uniq", "DiSCO (%)": "disco"}
        for name, value in expected.items():
            keys = [k for k in values if words[name] in str(k).lower()]
            if len(keys) != 1:
                return [f"name each result so that one says what it is; none (or more than one) of {list(values)} "
                        f"is the {name}"], []
            named_keys = NAMED_KEYS.get(name)
            if named_keys:
                import re
                said = [v for v in ["age", "hgt", "wgt", "bmi", "hc", "gen", "phb", "tv", "reg"]
                        if re.search(rf"\b{v}\b", str(keys[0]).lower()) and v != "tv"]
                if sorted(said) != sorted(named_keys):
                    shown = ", ".join(said) if said else "no keys"
                    return [f"checks[{keys[0]!r}] names {shown}; the {name.split(' (')[0]} is on the keys "
                            f"{', '.join(named_keys)}: compute it on those and say so in its name"], []
            if not np.isclose(values[keys[0]], value, atol=0.051):
                return [f"checks[{keys[0]!r}] is {values[keys[0]]:g}; recomputed from syn_release, the {name} is "
                        f"{value:g}"], []
        return [], []
    return run("Exercise 2", check, checks, syn_cart)


def exercise_3(release_folder, checks=None) -> Verdict:
    """``release_folder`` holds synthetic_boys.csv (every column prefixed syn_), codebook.csv and README.md,
    whose README states the methods and (given ``checks``) every pre-release check."""
    def check(release_folder, checks):
        folder = Path(release_folder)
        if not folder.is_dir():
            raise Wrong(f"{folder} is not a folder yet: write the release into release_folder")
        names = sorted(p.name for p in folder.iterdir())
        missing = [n for n in ["README.md", "codebook.csv", "synthetic_boys.csv"] if n not in names]
        if missing:
            return [f"release_folder lacks {', '.join(missing)} (it holds {', '.join(names) or 'nothing'}); "
                    "name the release boys"], []
        columns = pd.read_csv(folder / "synthetic_boys.csv", nrows=1).columns
        plain = [c for c in columns if not c.startswith("syn_")]
        if plain:
            return [f"the columns {plain[:3]} have no syn_ prefix: pass prefix='syn_'"], []
        readme = (folder / "README.md").read_text()
        if "SYNTHETIC" not in readme:
            return ["the README does not say that the data are synthetic"], []
        if "(not stated)" in readme:
            return ["the README states no synthesis methods: pass methods=result.method"], []
        if "(none stated)" in readme:
            return ["the README lists no checks run before release: pass checks=checks, your dict of Exercise 2"], []
        if isinstance(checks, dict):
            missing = [str(k) for k in checks if str(k).replace("|", "\\|") not in readme and str(k) not in readme]
            if missing:
                return [f"the README lacks the check(s) {missing}: pass checks=checks, your dict of Exercise 2"], []
        return [], []
    return run("Exercise 3", check, release_folder, checks)
