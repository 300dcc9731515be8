"""synthlab side by side with R (synthpop, densityratio): ``python -m synthlab.bench rside``.

Needs R with synthpop and densityratio (``Rscript`` on the PATH; set ``R_LIBS`` to where they
are installed, e.g. ``R_LIBS=/work/rlib``). Every task runs on the same rows in both: the data
are written to CSV files once and read by R (factor levels and order as in synthlab). Task by
task, R runs first (one ``Rscript`` process per task: a warm-up call, then 7 timed repeats;
for the tasks on which R takes most of a minute, :data:`SLOW_IN_R`, 2 repeats without a
warm-up), then synthlab (a warm-up, then as many repeats), so that both meet the same load
of the machine. Times are medians of wall time; R's start-up and loading its packages are not
timed. Figures per task: ``<task>_r_s``, ``<task>_synthlab_s`` and ``<task>_speedup`` (R's time
over synthlab's; the goal is at least 5 on every task).

Tasks: default CART (``cart``), the chapter's parametric synthesis (``parametric``: age
sampled, synthpop's default parametric methods, bmi passive, the chapter's visit sequence),
CART with bmi passive (``passive_bmi``), CART with density smoothing of every numeric column
(``cart_density``), each on boys (748 rows) and on 100,000 rows resampled from boys (seed 1,
``_100k``); uLSIF of boys over a CART synthesis of it (``ulsif_boys``; 200 centres, the
default cross-validation grids of both).
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from synthlab.bench.syn import _median_time
from synthlab.data import load_boys
from synthlab.evaluation import ulsif
from synthlab.synthesis import syn

VISIT = ["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"]
BMI = "~ wgt / (hgt / 100) ** 2"
R_BMI = "~I(wgt / (hgt / 100)^2)"

_R_TASKS = r"""
suppressPackageStartupMessages({library(synthpop); library(densityratio)})
args <- commandArgs(trailingOnly = TRUE)
task <- args[1]; folder <- args[2]; repeats <- as.integer(args[3])
read <- function(name) {
  d <- read.csv(file.path(folder, name))
  d$gen <- factor(d$gen, levels = c("G1", "G2", "G3", "G4", "G5"), ordered = TRUE)
  d$phb <- factor(d$phb, levels = c("P1", "P2", "P3", "P4", "P5", "P6"), ordered = TRUE)
  d$reg <- factor(d$reg, levels = c("north", "east", "west", "south", "city"))
  d[, c("age", "hgt", "wgt", "bmi", "hc", "gen", "phb", "tv", "reg")]
}
visit <- c("age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi")
bmi <- "~I(wgt / (hgt / 100)^2)"
methods <- function(rest) {
  m <- c(age = "sample", hgt = rest, wgt = rest, bmi = bmi, hc = rest, gen = rest, phb = rest, tv = rest,
         reg = rest)
  m
}
data <- read(if (grepl("_100k$", task)) "big.csv" else "boys.csv")
work <- switch(sub("_100k$", "", task),
  cart = function() syn(data, seed = 1, print.flag = FALSE),
  parametric = function() syn(data, method = methods("parametric"), visit.sequence = visit, seed = 1,
                              print.flag = FALSE),
  passive_bmi = function() syn(data, method = methods("cart"), visit.sequence = visit, seed = 1,
                               print.flag = FALSE),
  cart_density = function() syn(data, smoothing = "density", seed = 1, print.flag = FALSE),
  ulsif_boys = {synthetic <- read("synthetic.csv"); function() { set.seed(1); ulsif(data, synthetic) }})
if (args[4] == "warm") invisible(suppressWarnings(suppressMessages(work())))  # warm-up
for (i in seq_len(repeats)) {
  elapsed <- system.time(invisible(suppressWarnings(suppressMessages(work()))))[["elapsed"]]
  cat(sprintf("TIME %.6f\n", elapsed))
}
"""


def _python_tasks(boys: pd.DataFrame, big: pd.DataFrame, synthetic: pd.DataFrame) -> dict:
    parametric = {column: "parametric" for column in VISIT} | {"age": "sample", "bmi": BMI}
    passive = {"bmi": BMI}
    tasks = {}
    for suffix, data in (("", boys), ("_100k", big)):
        tasks |= {
            f"cart{suffix}": lambda data=data: syn(data, seed=1),
            f"parametric{suffix}": lambda data=data: syn(data, method=parametric, visit_sequence=VISIT, seed=1),
            f"passive_bmi{suffix}": lambda data=data: syn(data, method=passive, visit_sequence=VISIT, seed=1),
            f"cart_density{suffix}": lambda data=data: syn(data, smoothing="density", seed=1),
        }
    tasks["ulsif_boys"] = lambda: ulsif(boys, synthetic, seed=1)
    return tasks


def _median_python(work, repeats: int) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the bmi formula warning is expected
        return _median_time(work, repeats)


def _median_r(task: str, folder: Path, script: Path, repeats: int, warm_up: bool) -> float:
    done = subprocess.run(["Rscript", str(script), task, str(folder), str(repeats), "warm" if warm_up else "cold"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"R failed on task {task!r}:\n{done.stderr[-2000:]}")
    times = [float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("TIME ")]
    return float(np.median(times))


def _r_ready() -> bool:
    if shutil.which("Rscript") is None:
        return False
    check = subprocess.run(["Rscript", "-e", "library(synthpop); library(densityratio)"], capture_output=True)
    return check.returncode == 0


SLOW_IN_R = ("cart_100k", "parametric_100k", "passive_bmi_100k", "cart_density_100k", "ulsif_boys")


def run(tasks: list[str] | None = None, repeats_small: int = 7, repeats_large: int = 2):
    """The figures, task by task (a generator: each task's lines as soon as it is done)."""
    if not _r_ready():
        raise RuntimeError("R with synthpop and densityratio not found: install them (see "
                           "synthlab/data/make_boys.R for R itself) and set R_LIBS to their library folder")
    boys = load_boys()
    big = boys.iloc[np.random.default_rng(1).integers(0, len(boys), 100_000)].reset_index(drop=True)
    synthetic = syn(boys, seed=1).data
    python_tasks = _python_tasks(boys, big, synthetic)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for name, frame in (("boys.csv", boys), ("big.csv", big), ("synthetic.csv", synthetic)):
            frame.to_csv(folder / name, index=False)
        script = folder / "tasks.R"
        script.write_text(_R_TASKS)
        for task in tasks or list(python_tasks):
            slow = task in SLOW_IN_R
            repeats = repeats_large if slow else repeats_small
            r_seconds = _median_r(task, folder, script, repeats, warm_up=not slow)
            py_seconds = _median_python(python_tasks[task], repeats)
            yield from [(f"{task}_r_s", r_seconds, "s"), (f"{task}_synthlab_s", py_seconds, "s"),
                        (f"{task}_speedup", r_seconds / py_seconds, "x")]


if __name__ == "__main__":  # a subset: python -m synthlab.bench.rside cart parametric
    import sys
    for name, value, unit in run(sys.argv[1:] or None):
        print(f"{name}: {value:.4g} {unit}", flush=True)
