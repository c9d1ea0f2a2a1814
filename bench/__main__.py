"""Run every benchmark in ``bench/`` (or those named): ``python -m bench [NAME ...] [--option ...]``.

Options after the names go to each named benchmark (``python -m bench keyness --docs 10000``).
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[str]:
    """Names of the benchmark modules: every ``bench/*.py`` but the package files."""
    return sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    """Run the named benchmarks (default: all) one after another; the exit status is the worst."""
    argv = sys.argv[1:] if argv is None else argv
    split = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    names, options = argv[:split] or benchmarks(), argv[split:]
    unknown = [n for n in names if n not in benchmarks()]
    if unknown:
        print(f"bench: no benchmark {unknown[0]!r} (have: {', '.join(benchmarks())})", file=sys.stderr)
        return 2
    status = 0
    for name in names:
        print(f"== bench.{name}", flush=True)
        started = time.perf_counter()
        status = max(status, importlib.import_module(f"bench.{name}").main(options) or 0)
        print(f"== bench.{name}: {time.perf_counter() - started:.1f} s\n", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
