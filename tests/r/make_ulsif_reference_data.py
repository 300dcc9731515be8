"""Write the inputs of tests/r/ulsif_reference.R to /tmp/rchk (run from the repository root)."""
from pathlib import Path
import sys

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_density_ratio import boys_pair  # noqa: E402

import synthlab  # noqa: E402

out = Path("/tmp/rchk")
out.mkdir(exist_ok=True)
boys, syn = boys_pair()
boys.to_csv(out / "nu.csv", index=False)
syn.to_csv(out / "de.csv", index=False)
fit = synthlab.ulsif(boys, syn, seed=5)
stacked = np.vstack([fit.encoder.transform(boys), fit.encoder.transform(syn)])
rows = [int(np.flatnonzero((np.abs(stacked - c) < 1e-12).all(axis=1))[0]) + 1 for c in fit.centers]
np.savetxt(out / "idx.csv", rows, fmt="%d", header="x", comments="")
print(fit)
