"""Write a synthetic data release: the labelled data file, a codebook and a README (chapter 5).

A release holds synthetic rows and a description of how they were made; it never holds a
fitted synthesis model, which can leak more about the real data than the synthetic data do.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from synthlab._checks import require_frame
from synthlab.evaluation.disclosure import _key_ids, replicated_uniques


def codebook(synthetic: pd.DataFrame) -> pd.DataFrame:
    """Describe each variable of a data set: type, values (levels or range) and missing count.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": [1.5, 2.5], "g": pd.Categorical(["a", "b"])})
    >>> codebook(frame)[["variable", "type", "values"]].to_dict("records")[1]
    {'variable': 'g', 'type': 'unordered categorical', 'values': 'a, b'}
    """
    require_frame(synthetic, "synthetic")
    rows = []
    for column in synthetic.columns:
        values = synthetic[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            kind = "ordered categorical" if values.cat.ordered else "unordered categorical"
            described = (" < " if values.cat.ordered else ", ").join(map(str, values.cat.categories))
        elif pd.api.types.is_bool_dtype(values):
            kind, described = "binary", "False, True"
        elif pd.api.types.is_numeric_dtype(values):
            kind = "integer" if pd.api.types.is_integer_dtype(values) else "numeric"
            described = f"{values.min():.6g} to {values.max():.6g}"
        else:
            kind, described = "text", f"{values.nunique()} distinct values"
        rows.append({"variable": str(column), "type": kind, "values": described,
                     "missing": int(values.isna().sum())})
    return pd.DataFrame(rows)


def copied_rows(observed: pd.DataFrame, synthetic: pd.DataFrame) -> dict:
    """How far ``synthetic`` copies ``observed``, matching full rows exactly (missing values
    equal missing values): the share of synthetic rows equal to some observed row, and the
    replicated uniques on all columns (rows unique in both data sets).

    Examples
    --------
    >>> obs = pd.DataFrame({"x": [1.0, 2.0, 2.0], "g": ["a", "b", "b"]})
    >>> copied_rows(obs, pd.DataFrame({"x": [2.0, 3.0], "g": ["b", "b"]}))
    {'copied_share': 0.5, 'replicated_uniques': 0}
    """
    require_frame(observed, "observed")
    keys = list(observed.columns)
    lacking = [str(c) for c in keys if c not in synthetic.columns]
    if lacking:
        raise KeyError(f"synthetic lacks column(s) {', '.join(lacking)} of observed")
    k_obs, k_syn, _ = _key_ids(observed, synthetic, keys)
    share = float(np.isin(k_syn, k_obs).mean()) if len(synthetic) else 0.0
    return {"copied_share": share, "replicated_uniques": replicated_uniques(observed, synthetic, keys).count}


def _copy_check_text(copies: dict | None) -> str:
    if copies is None:
        return ("No check for copies of real records was run: `write_release` was not given the "
                "observed data.")
    return (f"Checked against the real data before release: {100 * copies['copied_share']:.2f} % of the "
            f"synthetic rows equal a real record in every variable; replicated uniques on all "
            f"variables (a record unique in both data sets): {copies['replicated_uniques']}.")


def _readme(name: str, synthetic: pd.DataFrame, description: str, methods: dict[str, str],
            checks: dict[str, float | str], fit_for: str, contact: str, data_file: str,
            copies: dict | None) -> str:
    def cell(text: object) -> str:
        return str(text).replace("|", "\\|")

    method_lines = "\n".join(f"| `{column}` | {cell(method)} |" for column, method in methods.items())
    check_lines = "\n".join(f"| {cell(check)} | {cell(value)} |" for check, value in checks.items())
    return f"""# {name}: SYNTHETIC data

**Every record in `{data_file}` is synthetic.** The rows were drawn from statistical models
fitted to real data; no row describes a real person. Do not report substantive findings
from these data alone: develop and test your analysis on them, then have it run on the real
data.

{description}

- Rows: {len(synthetic)}; variables: {synthetic.shape[1]} (see `codebook.csv`).

## How the data were made

| variable | synthesis method |
| --- | --- |
{method_lines or "| (not stated) | |"}

## What the data are fit for

{fit_for}

## Checks run before release

| check | result |
| --- | --- |
{check_lines or "| (none stated) | |"}

## Copies of real records

{_copy_check_text(copies)}

## Access to the real data

{contact}

The fitted synthesis models are not published: they can reveal more about the real data
than the synthetic data do.
"""


def write_release(synthetic: pd.DataFrame, folder: str | Path, name: str, *, description: str,
                  methods: dict[str, str], fit_for: str, contact: str,
                  checks: dict[str, float | str] | None = None, observed: pd.DataFrame | None = None,
                  max_copied_share: float = 0.0, prefix: str = "", overwrite: bool = False) -> Path:
    """Write ``synthetic_<name>.csv``, ``codebook.csv`` and ``README.md`` into ``folder``.

    Parameters
    ----------
    synthetic : pandas.DataFrame
        The synthetic rows. A fitted model or a synthesis result object is refused.
    folder : str or pathlib.Path
        Where to write; created if needed.
    name : str
        Short name of the data set, used in the file name (letters, digits, ``-``, ``_``).
    description, fit_for, contact : str
        What the data are; which analyses they support (and which not); how trusted
        researchers can reach the real data.
    methods : dict of str to str
        Synthesis method per variable, as used.
    checks : dict, optional
        Utility and disclosure checks run, with their results.
    observed : pandas.DataFrame, optional, keyword only
        The real data. Given, the synthetic rows are compared with the real ones in every
        variable (exact matches, :func:`copied_rows`); the README records the share of copied
        rows and the replicated uniques. Not given, the README says no such check was run.
    max_copied_share : float, default 0.0
        The largest share (0 to 1) of synthetic rows that may equal a real row; more refuses
        the release with a ValueError. The default refuses any copy: with numeric variables a
        synthetic row equals a real one only by copying. For data of a few categorical
        variables, where many people share each combination, set the share you accept.
    prefix : str, default ""
        Put before every variable name (e.g. ``"syn_"``) so that copied columns stay labelled.
    overwrite : bool, default False
        Replace files already in ``folder``.

    Returns
    -------
    pathlib.Path
        The folder written.

    Examples
    --------
    >>> import tempfile
    >>> frame = pd.DataFrame({"x": [1.0, 2.0]})
    >>> out = write_release(frame, tempfile.mkdtemp(), "demo", description="Demo.",
    ...                     methods={"x": "norm"}, fit_for="Nothing.", contact="Nobody.")
    >>> sorted(p.name for p in out.iterdir())
    ['README.md', 'codebook.csv', 'synthetic_demo.csv']
    """
    if not isinstance(synthetic, pd.DataFrame):
        raise TypeError("write_release takes the synthetic DataFrame, not "
                        f"{type(synthetic).__name__}: publish synthetic rows, never a fitted synthesis "
                        "model (it can leak more than the data); pass e.g. result.data")
    require_frame(synthetic, "synthetic")
    if not 0 <= max_copied_share <= 1:
        raise ValueError(f"max_copied_share must lie between 0 and 1, got {max_copied_share!r}")
    copies = None if observed is None else copied_rows(observed, synthetic)
    if copies is not None and copies["copied_share"] > max_copied_share:
        raise ValueError(f"{100 * copies['copied_share']:.1f} % of the synthetic rows copy a real row in every "
                         f"variable, more than max_copied_share={max_copied_share}: is this the real data? "
                         "Nothing was written")
    if not name or not all(ch.isalnum() or ch in "-_" for ch in name):
        raise ValueError(f"name must be letters, digits, '-' or '_', got {name!r}")
    unknown = set(methods) - set(map(str, synthetic.columns))
    if unknown:
        raise ValueError(f"methods names column(s) not in synthetic: {', '.join(sorted(unknown))}")
    if not all(isinstance(m, str) for m in methods.values()):
        raise TypeError("methods must map each column to the method's name (a string), not to a fitted model")
    folder = Path(folder)
    data_file = f"synthetic_{name}.csv"
    targets = [folder / data_file, folder / "codebook.csv", folder / "README.md"]
    existing = [p.name for p in targets if p.exists()]
    if existing and not overwrite:
        raise FileExistsError(f"{folder} already holds {', '.join(existing)}; pass overwrite=True to replace")
    folder.mkdir(parents=True, exist_ok=True)
    labelled = synthetic.add_prefix(prefix) if prefix else synthetic
    labelled.to_csv(targets[0], index=False)
    codebook(labelled).to_csv(targets[1], index=False)
    readme = _readme(name, labelled, description, {prefix + c: m for c, m in methods.items()},
                     checks or {}, fit_for, contact, data_file, copies)
    targets[2].write_text(readme, encoding="utf-8")
    return folder
