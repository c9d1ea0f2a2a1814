"""Benchmarks, run by hand (``make bench`` or ``python -m bench [NAME ...]``), never in CI.

Each ``bench/NAME.py`` module has a ``main(argv: list[str] | None = None) -> int`` that times
one part of the package on this machine, prints its figures with the targets they are held to,
and writes them as JSON under ``bench/results/`` (ignored by git).
"""
