"""Shared fixtures: the seed article as it was received, and its analysis; the documentation site."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"
DOCS = ROOT / "docs"
SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_analysis():
    from framing.analysis import analyze

    return analyze(SEED)


@pytest.fixture(scope="session")
def report_sections() -> list[str]:
    """The report's section headings, in order, as the template writes them."""
    return [
        "The article",
        "Loaded lexical choices",
        "Attribution, hedging and flagged terms",
        "Sentiment",
        "Sentiment toward groups",
        "Frames and sources",
        "Comparison with the reference corpus",
        "Provenance",
    ]


def build_site(out: Path) -> subprocess.CompletedProcess:
    """``sphinx-build -W --keep-going -b html docs <out>`` in a subprocess, as ``make docs`` runs it."""
    command = [str(SPHINX_BUILD), "-W", "--keep-going", "-q", "-b", "html", str(DOCS), str(out)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory) -> Path:
    """The documentation site, built once per test run (warnings as errors): the folder of its HTML.

    Under pytest-xdist the workers share the run's temporary folder: the first to ask builds the
    site while holding a lock, the others wait for it and read the recorded result.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder = base / "docs-site"
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = folder / "build.json"
        if not record.exists():
            result = build_site(folder / "html")
            record.write_text(json.dumps({"returncode": result.returncode, "stderr": result.stderr}))
    built = json.loads(record.read_text())
    assert built["returncode"] == 0, f"sphinx-build failed:\n{built['stderr'][-5000:]}"
    return folder / "html"
