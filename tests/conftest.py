"""Shared fixtures: paths to the repository and its seeds, and the analysed seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import metrics

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The bundled seed corpus folder."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed document texts by seed number ("000", "004")."""
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_corpus() -> metrics.Corpus:
    """The seed corpus, analysed once per test session."""
    return metrics.analyze(SEEDS)
