"""Write the inputs of tests/r/ulsif_reference.R to /tmp/rchk (run from the repository root):
the two data sets of tests/test_density_ratio.py::boys_pair and the 1-based row numbers, in
rbind(nu, de), of the 200 kernel centres that synthlab.ulsif(seed=5) draws."""
from pathlib import Path
import sys

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_density_ratio import boys_pair  # noqa: E402

out = Path("/tmp/rchk")
out.mkdir(exist_ok=True)
boys, syn = boys_pair()
boys.to_csv(out / "nu.csv", index=False)
syn.to_csv(out / "de.csv", index=False)
rows = np.random.default_rng(5).choice(len(boys) + len(syn), size=200, replace=False) + 1
np.savetxt(out / "idx.csv", rows, fmt="%d", header="x", comments="")
