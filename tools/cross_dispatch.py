"""Rerun the numeric tests and the solution notebooks as another processor would run them.

numpy picks its SIMD code (sorts, sums, ...) and OpenBLAS its kernels (matrix products,
solves) by the processor, so a learner's machine can order ties or round sums differently
from ours. The course's numbers must not depend on that. This script reruns, in fresh
processes, the numeric unit tests (with the package's doctests) and every solution notebook
(nbval, strict: every stored output must be reproduced) under these variants:

- ``numpy-below-top``: numpy's dispatch without the highest targets this machine has
  (every AVX-512 target; on a machine without AVX-512, the AVX2 ones), via
  ``NPY_DISABLE_CPU_FEATURES``;
- ``numpy-baseline``: every dispatch target above numpy's baseline disabled;
- ``openblas-prescott`` and ``openblas-haswell``: OpenBLAS forced to an SSE3 and an AVX2
  kernel family (``OPENBLAS_CORETYPE``); on arm64 ``openblas-armv8`` instead.

Only targets this machine has are named (some numpy versions refuse others). On arm64 the
numpy variants are skipped with a message. Each variant prints what it ran with (the enabled
dispatch targets and OpenBLAS's kernel, read back from a child process), its time, and its
result; the exit status is non-zero if any variant fails. Logs go to ``_build/cross_dispatch``.

Usage::

    python tools/cross_dispatch.py            # all variants, two at a time
    python tools/cross_dispatch.py --list     # the variants on this machine, nothing run
    python tools/cross_dispatch.py --variant openblas-haswell --jobs 1
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "_build" / "cross_dispatch"
# Tests that drive a browser, build the website or start servers: not numeric, and slow.
NOT_NUMERIC = ("browser", "website", "test_book", "jupyterlab", "first_run", "test_notebooks",
               "prompts", "code_width")
PROBE = """
import json, numpy, threadpoolctl
try:
    from numpy._core import _multiarray_umath as m
except ImportError:  # numpy 1.x
    from numpy.core import _multiarray_umath as m
blas = [i.get("architecture") for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
print(json.dumps({"baseline": list(m.__cpu_baseline__), "dispatch": list(m.__cpu_dispatch__),
                  "enabled": [t for t in m.__cpu_dispatch__ if m.__cpu_features__.get(t)],
                  "blas": blas}))
"""


def probe(env: dict | None = None) -> dict:
    """numpy's baseline, dispatch targets and enabled ones, and OpenBLAS's kernel, as a child sees them."""
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def variants() -> tuple[dict[str, dict[str, str]], list[str]]:
    """The variants for this machine (name -> environment additions), and messages on what is skipped."""
    machine = platform.machine().lower()
    found: list[str] = probe()["enabled"]
    notes: list[str] = []
    out: dict[str, dict[str, str]] = {}
    if machine in ("x86_64", "amd64"):
        avx512 = [t for t in found if t.startswith("AVX512") or t == "X86_V4"]
        avx2 = [t for t in found if t.startswith(("AVX", "FMA", "F16C")) or t == "X86_V3"]
        top = avx512 or avx2
        if top:
            out["numpy-below-top"] = {"NPY_DISABLE_CPU_FEATURES": ",".join(top)}
        if found and sorted(found) != sorted(top):
            out["numpy-baseline"] = {"NPY_DISABLE_CPU_FEATURES": ",".join(found)}
        elif not found:
            notes.append("numpy dispatches to nothing above its baseline here: numpy variants skipped")
        out["openblas-prescott"] = {"OPENBLAS_CORETYPE": "Prescott"}
        out["openblas-haswell"] = {"OPENBLAS_CORETYPE": "Haswell"}
    elif machine in ("aarch64", "arm64"):
        notes.append(f"{machine}: numpy's dispatch variants are defined for x86-64 only, skipped")
        out["openblas-armv8"] = {"OPENBLAS_CORETYPE": "ARMV8"}
    else:
        notes.append(f"{machine}: no variants defined for this processor, nothing to run")
    return out, notes


def targets() -> list[str]:
    """The package (its doctests), the numeric unit tests and the solution notebooks."""
    tests = sorted(p for p in (ROOT / "tests").glob("test_*.py") if not any(w in p.name for w in NOT_NUMERIC))
    notebooks = sorted((ROOT / "solutions").glob("*.ipynb"))
    return ["synthlab"] + [str(p.relative_to(ROOT)) for p in tests + notebooks]


def run(name: str, extra: dict[str, str]) -> tuple[str, bool, float, str]:
    """Run pytest on :func:`targets` with ``extra`` in the environment; (name, passed, seconds, summary)."""
    env = {**os.environ, **extra, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    seen = probe(env)
    header = f"{name}: {' '.join(f'{k}={v}' for k, v in extra.items())}; numpy dispatch enabled: " \
             f"{','.join(seen['enabled']) or 'none'}; OpenBLAS kernel: {','.join(map(str, seen['blas'])) or '?'}"
    log = LOGS / f"{name}.log"
    start = time.perf_counter()
    with open(log, "w") as handle:
        handle.write(header + "\n")
        handle.flush()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets()],
                                cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    lines = log.read_text().splitlines()
    summary = next((line for line in reversed(lines) if " in " in line and ("passed" in line or "failed" in line)),
                   lines[-1] if lines else "no output")
    if result.returncode != 0:
        failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
        summary += "\n    " + "\n    ".join(failed[:30] or lines[-30:]) + f"\n    (full log: {log})"
    return header, result.returncode == 0, seconds, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the variants for this machine and exit")
    parser.add_argument("--variant", action="append", help="run only this variant (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="variants run at the same time (default 2)")
    args = parser.parse_args(argv)
    chosen, notes = variants()
    for note in notes:
        print(f"cross-dispatch: {note}")
    if args.variant:
        unknown = sorted(set(args.variant) - set(chosen))
        if unknown:
            parser.error(f"unknown variant(s) {', '.join(unknown)}; on this machine: {', '.join(chosen)}")
        chosen = {k: v for k, v in chosen.items() if k in args.variant}
    if args.list:
        for name, extra in chosen.items():
            print(name, " ".join(f"{k}={v}" for k, v in extra.items()))
        return 0
    if not chosen:
        print("cross-dispatch: no variant to run")
        return 0
    LOGS.mkdir(parents=True, exist_ok=True)
    print(f"cross-dispatch: {len(targets())} targets, {len(chosen)} variants, {args.jobs} at a time; "
          f"default: numpy dispatch {','.join(probe()['enabled']) or 'none'}, OpenBLAS {','.join(map(str, probe()['blas']))}",
          flush=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda item: run(*item), chosen.items()))
    failed = 0
    for header, passed, seconds, summary in results:
        print(f"{'PASS' if passed else 'FAIL'} {seconds:6.0f} s  {header}\n    {summary}")
        failed += not passed
    print(f"cross-dispatch: {len(results) - failed} of {len(results)} variants passed "
          f"in {time.perf_counter() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
