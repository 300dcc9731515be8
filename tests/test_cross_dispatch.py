"""Same numbers on every processor: stable sorts everywhere, and the cross-dispatch variants.

``tools/cross_dispatch.py`` itself reruns the numeric tests and the solution notebooks under
other numpy SIMD targets and OpenBLAS kernels (``.ci/run`` calls it); here its choice of
variants is checked for other processors, and the sources for sorts whose ties are unsettled.
"""
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("cross_dispatch", ROOT / "tools" / "cross_dispatch.py")
cross_dispatch = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cross_dispatch)

# Calls that order rows: their ties must be settled by a stable sort.
SORTS = re.compile(r"\b(argsort|sort_values|sort_index)\(")


def _call(text: str, start: int) -> str:
    """The text of the call whose opening parenthesis is at ``start - 1``, to its closing one."""
    depth, i = 1, start
    while depth and i < len(text):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    return text[start:i]


def test_every_sort_in_the_package_and_the_chapters_is_stable():
    sources = sorted((ROOT / "synthlab").rglob("*.py")) + sorted((ROOT / "book").glob("*.md"))
    unstable = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
                for path in sources for text in [path.read_text()] for m in SORTS.finditer(text)
                if 'kind="stable"' not in _call(text, m.end())]
    assert not unstable, f"sorts without kind=\"stable\" (ties ordered by processor): {unstable}"


def test_the_stable_sort_rule_catches_a_default_sort():
    text = 'order = boys["hgt"].sort_values().index\nother = np.argsort(x, kind="stable")\n'
    flagged = [m.group(1) for m in SORTS.finditer(text) if 'kind="stable"' not in _call(text, m.end())]
    assert flagged == ["sort_values"]


@pytest.mark.parametrize("machine, enabled, expected", [
    ("x86_64", ["X86_V3", "X86_V4", "AVX512_ICL"],  # this AMD EPYC, numpy 2.4
     {"numpy-below-top": "X86_V4,AVX512_ICL", "numpy-baseline": "X86_V3,X86_V4,AVX512_ICL"}),
    ("x86_64", ["X86_V3"], {"numpy-below-top": "X86_V3"}),  # AVX2, no AVX-512: one variant
    ("x86_64", ["SSE41", "SSE42", "AVX2", "FMA3", "AVX512F", "AVX512_SKX"],  # numpy 1.26's names
     {"numpy-below-top": "AVX512F,AVX512_SKX", "numpy-baseline": "SSE41,SSE42,AVX2,FMA3,AVX512F,AVX512_SKX"}),
    ("x86_64", [], {}),
    ("aarch64", ["ASIMDHP", "ASIMDDP"], {}),
])
def test_variants_name_only_targets_the_machine_has(monkeypatch, machine, enabled, expected):
    monkeypatch.setattr(cross_dispatch.platform, "machine", lambda: machine)
    monkeypatch.setattr(cross_dispatch, "probe", lambda env=None: {"enabled": enabled})
    chosen, notes = cross_dispatch.variants()
    numpy_variants = {k: v["NPY_DISABLE_CPU_FEATURES"] for k, v in chosen.items() if k.startswith("numpy")}
    assert numpy_variants == expected
    blas = {v["OPENBLAS_CORETYPE"] for k, v in chosen.items() if k.startswith("openblas")}
    assert blas == ({"ARMV8"} if machine == "aarch64" else {"Prescott", "Haswell"})
    if machine == "aarch64" or not enabled:
        assert notes and "skipped" in notes[0]


def test_targets_are_the_numeric_tests_and_every_solution_notebook():
    targets = cross_dispatch.targets()
    assert "synthlab" in targets and "tests/test_syn_smoothing.py" in targets
    assert {f"solutions/{p.name}" for p in (ROOT / "solutions").glob("*.ipynb")} <= set(targets)
    assert not [t for t in targets if "browser" in t or "website" in t or "jupyterlab" in t]
