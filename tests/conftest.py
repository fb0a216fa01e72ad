"""Shared fixtures: paths to the repository and its seeds, and the analysed seed corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import metrics

if TYPE_CHECKING:
    import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The bundled seed corpus folder."""
    return SEEDS


# The seed documents by their number in ../shared/seeds/ (000_*.txt, 004_*.txt): the files
# are those, byte for byte, named after the date each states.
SEED_FILES = {
    "000": "2025-03-14-laos-china-foreign-ministers.txt",
    "004": "2021-12-03-xi-thongloun-virtual-meeting.txt",
}


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed document texts by seed number ("000", "004")."""
    return {n: (SEEDS / name).read_text(encoding="utf-8") for n, name in SEED_FILES.items()}


@pytest.fixture(scope="session")
def seed_corpus() -> metrics.Corpus:
    """The seed corpus, analysed once per test session."""
    return metrics.analyze(SEEDS)


# --- dashboard ----------------------------------------------------------------------------

APP = ROOT / "dashboard" / "app.py"


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """A factory of ``AppTest``s of the dashboard on the bundled seeds, with no password,
    no [auth] section, no extra server corpora and a throw-away analysis store."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("THEMEWATCH_PASSWORD", raising=False)
    monkeypatch.delenv("THEMEWATCH_CORPORA", raising=False)
    monkeypatch.setenv("THEMEWATCH_STORE",
                       str(tmp_path_factory.getbasetemp() / "dashboard-store.duckdb"))

    def make(**query: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params.update(query)
        return at

    return make


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Captures every file handed to Streamlit's media storage (download buttons):
    file name -> bytes."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        if isinstance(path_or_data, bytes) and filename:
            seen[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return seen


@pytest.fixture
def seed_views(seed_corpus: metrics.Corpus):
    """A fresh corpus entry of the seeds and its views under six filter sets (none, one
    document, two searches, a theme, a figure kind)."""
    from dashboard import corpora, filters
    from dashboard.filters import Filters

    entry = corpora.Entry("seeds", "k-fast", seed_corpus, corpora.default_taxonomy())
    doc = seed_corpus.documents["doc_id"].iloc[0]
    chosen = [Filters(), Filters(docs=(doc,)), Filters(query="laos"),
              Filters(themes=("security_crime",)), Filters(kinds=("percent",)),
              Filters(query="no such words at all")]
    return entry, [filters.view(entry, f) for f in chosen]


# --- a dated wire: eight quiet days, then a burst ------------------------------------------

WIRE_DAYS = 9
WIRE_PER_DAY = 20
WIRE_BURST = 6  # earthquake stories on the last day, each with over 60,000 arrests
WIRE_LINES = ("Grain traders said wheat exports rose {n} percent to {m} tonnes this week.",
              "The central bank held its lending rate at {n} percent, the governor said.",
              "The airline said passenger numbers rose {n} percent to {m} in the month.",
              "The harbour handled {m} containers, {n} percent more than a year ago.")
WIRE_QUAKE = ("A strong earthquake struck the coast, killing {n} people and cutting the oil "
              "pipeline, officials said. Police made {m} arrests after looting.")


def wire_frame() -> pd.DataFrame:
    """``WIRE_DAYS`` days of routine wire copy from 2024-03-01 (columns id, date, places,
    text); the last day adds ``WIRE_BURST`` earthquake stories placed in Chile."""
    import pandas as pd

    rows = []
    for day in range(WIRE_DAYS):
        when = f"2024-03-{day + 1:02d}"
        rows += [{"id": f"w{day}-{i}", "date": when, "places": ("usa", "uk")[i % 2],
                  "text": WIRE_LINES[i % 4].format(n=(i + day) % 9 + 1, m=900 + 41 * i + day)}
                 for i in range(WIRE_PER_DAY)]
    rows += [{"id": f"quake{i}", "date": f"2024-03-{WIRE_DAYS:02d}", "places": "chile",
              "text": WIRE_QUAKE.format(n=12 + i, m=60_000 + 100 * i)}
             for i in range(WIRE_BURST)]
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def wire_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dated wire as a CSV file named ``wire.csv`` (a server corpus named "wire")."""
    path = tmp_path_factory.mktemp("wire") / "wire.csv"
    wire_frame().to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def wire_corpus(wire_csv: Path) -> metrics.Corpus:
    """The dated wire, analysed once per test session."""
    return metrics.analyze(wire_csv)


# --- places: countries for the Map page -----------------------------------------------------

# (id, date, country column of ISO 3166-1 alpha-3 codes, title, text): the texts name the
# countries their column tags, so a places table read from the text agrees with the column;
# Singapore (too small for the map's shapes) is tagged only, so it keeps its code as name.
ATLAS = [
    ("a1", "2024-05-01", "CHN;LAO", "Rail line opens",
     "China and Laos opened a new railway line, officials said."),
    ("a2", "2024-05-02", "CHN", "Exports grow",
     "China reported 5 percent growth in exports this quarter."),
    ("a3", "2024-05-03", "CHN;USA", "Talks resume",
     "Trade talks between China and the United States resumed on Monday."),
    ("a4", "2024-05-04", "LAO", "Visitors expected", "Laos expects 2 million visitors this year."),
    ("a5", "2024-05-05", "BRA", "Record crop", "Brazil harvested a record soybean crop."),
    ("a6", "2024-05-06", "SGP", "Port busy",
     "The city-state's port handled 37 million containers."),
    ("a7", "2024-05-07", "", "Budget approved",
     "The committee met on Tuesday and approved the budget."),
]


@pytest.fixture(scope="session")
def atlas_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seven documents tagged by a ``country`` column (a server corpus named "atlas"):
    China in 3, Laos in 2, the United States, Brazil and Singapore in 1, one untagged."""
    import pandas as pd

    path = tmp_path_factory.mktemp("atlas") / "atlas.csv"
    pd.DataFrame(ATLAS, columns=["id", "date", "country", "title", "text"]).to_csv(
        path, index=False)
    return path


# How the seeds name places: (word, country, place, kind), found in the text at test time.
SEED_PLACES = [("China", "CHN", "China", "country"), ("Laos", "LAO", "Laos", "country"),
               ("Lao", "LAO", "Laos", "demonym"), ("Vientiane", "LAO", "Vientiane", "city"),
               ("Beijing", "CHN", "Beijing", "city")]


@pytest.fixture(scope="session")
def seed_places(seed_corpus: metrics.Corpus) -> pd.DataFrame:
    """A ``places`` table of the seeds with the contract's columns (``doc_id, sentence_id,
    start, end, surface, country, place, kind``; ``text[start:end] == surface``), every
    whole-word occurrence of the words of ``SEED_PLACES`` in the seed texts."""
    import re

    import pandas as pd

    rows = []
    sentences = seed_corpus.sentences
    for doc_id, text in seed_corpus.texts.items():
        mine = sentences[sentences["doc_id"] == doc_id]
        for word, country, place, kind in SEED_PLACES:
            for m in re.finditer(rf"\b{word}\b", text):
                sid = mine.loc[(mine["start"] <= m.start()) & (mine["end"] >= m.end()),
                               "sentence_id"]
                rows.append((doc_id, int(sid.iloc[0]) if len(sid) else -1, m.start(), m.end(),
                             m.group(), country, place, kind))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "start", "end", "surface",
                                       "country", "place", "kind"])
