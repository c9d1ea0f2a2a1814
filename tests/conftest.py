"""Shared fixtures: the seed article as it was received, and its analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"


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
        "Frames and sources",
        "Comparison with the reference corpus",
        "Provenance",
    ]
