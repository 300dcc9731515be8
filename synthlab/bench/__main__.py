"""Run one benchmark: ``python -m synthlab.bench NAME``.

Each benchmark is a module ``synthlab.bench.NAME`` with a function ``run()`` that returns
``(name, value, unit)`` triples; they are printed one ``name: value unit`` line each.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import synthlab.bench as bench_package


def available() -> list[str]:
    """Names of the benchmarks that can be run."""
    return sorted(m.name for m in pkgutil.iter_modules(bench_package.__path__) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = available()
    if len(argv) != 1 or argv[0] not in names:
        print(f"usage: python -m synthlab.bench NAME, with NAME one of: {', '.join(names)}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"synthlab.bench.{argv[0]}")
    for name, value, unit in module.run():
        print(f"{name}: {value:.4g} {unit}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
