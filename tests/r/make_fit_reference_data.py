"""Write the inputs of tests/r/fit_reference.R to /tmp/rfit (run from the repository root):
the sets of tests/test_utility.py::r_fit_sets."""
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_utility import r_fit_sets  # noqa: E402

out = Path("/tmp/rfit")
out.mkdir(exist_ok=True)
boys, groups = r_fit_sets()
boys.to_csv(out / "obs.csv", index=False)
for group, frames in groups.items():
    for i, frame in enumerate(frames, start=1):
        frame.to_csv(out / f"{group}_{i}.csv", index=False)
