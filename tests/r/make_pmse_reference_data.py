"""Write the inputs of tests/r/pmse_reference.R to /tmp/rpmse (run from the repository root):
the pairs of tests/test_utility.py::r_pmse_pairs."""
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_utility import r_pmse_pairs  # noqa: E402

out = Path("/tmp/rpmse")
out.mkdir(exist_ok=True)
for name, (observed, synthetic) in r_pmse_pairs().items():
    observed.to_csv(out / f"{name}_obs.csv", index=False)
    synthetic.to_csv(out / f"{name}_syn.csv", index=False)
