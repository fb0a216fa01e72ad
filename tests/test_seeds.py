"""The two seed documents, read through the front door as a user would: their dates,
titles, figures and themes, derived from the real texts (issue 9)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED_FILES, SEEDS, SHARED

import metrics
from metrics import phrases, themes

SHARED_SEEDS = SHARED / "seeds"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_seeds_are_the_shared_documents_byte_for_byte() -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    shared = sorted(_digest(p) for p in SHARED_SEEDS.glob("*.txt"))
    ours = sorted(_digest(p) for p in SEEDS.iterdir() if p.is_file())
    assert ours == shared


@pytest.fixture(scope="module")
def tables(seed_corpus: metrics.Corpus) -> dict[str, pd.DataFrame]:
    return seed_corpus.tables()


def _doc_id(tables: dict[str, pd.DataFrame], seed: str) -> str:
    docs = tables["documents"]
    return docs.loc[docs["source"] == SEED_FILES[seed], "doc_id"].item()


def _figures(tables: dict[str, pd.DataFrame], seed: str) -> pd.DataFrame:
    figs = tables["figures"]
    return figs[figs["doc_id"] == _doc_id(tables, seed)]


def _one(figs: pd.DataFrame, surface: str) -> pd.Series:
    rows = figs[figs["surface"] == surface]
    assert len(rows) == 1, f"{surface!r} in {figs['surface'].tolist()}"
    return rows.iloc[0]


def _near(text: str, figs: pd.DataFrame, phrase: str) -> pd.DataFrame:
    """Figures whose span overlaps ``phrase`` in ``text``."""
    pos = text.index(phrase)
    return figs[(figs["start"] < pos + len(phrase)) & (figs["end"] > pos)]


# --- documents ---------------------------------------------------------------------------


def test_dates_come_from_metadata_and_titles_are_not_the_tag(tables) -> None:
    docs = tables["documents"].set_index("source")
    first, second = docs.loc[SEED_FILES["000"]], docs.loc[SEED_FILES["004"]]
    assert (str(first["date"])[:10], first["date_source"]) == ("2025-03-14", "tag")
    assert first["title"].startswith("Lao Minister of Foreign Affairs Thongsavanh")
    assert "date" not in first["title"].lower()
    # 004 states its date in its first sentence; the file name carries it as metadata
    assert (str(second["date"])[:10], second["date_source"]) == ("2021-12-03", "filename")
    assert second["title"].startswith("On December 3, 2021, General Secretary")


# --- figures of 000: Laos-China foreign ministers, 14 March 2025 ---------------------------


def test_000_arrests_and_rescues(tables) -> None:
    figs = _figures(tables, "000")
    f = _one(figs, "over 70,000")
    assert (f.value, f.kind, f.measure, f.qualifier, f.bound) == (
        70000, "count", "arrests", "over", "above")
    f = _one(figs, "160")
    assert (f.value, f.kind, f.measure) == (160, "count", "rescues")


def test_000_gdp_growth_target(tables) -> None:
    f = _one(_figures(tables, "000"), "5 percent")
    assert (f.value, f.kind, f.unit) == (5, "percent", "%")
    assert "gdp growth target" in f.measure


def test_000_dates_years_and_phase(tables) -> None:
    figs = _figures(tables, "000")
    assert _one(figs, "12 to 15 March").kind == "date_range"
    assert _one(figs, "14 March").kind == "date"
    assert {"2024", "2025"} <= set(figs.loc[figs["kind"] == "year", "surface"])
    f = _one(figs, "second")
    assert (f.value, f.kind, f.measure) == (2, "ordinal", "phase")


def test_000_names_are_not_counts(seed_texts, tables) -> None:
    text, figs = seed_texts["000"], _figures(tables, "000")
    assert _near(text, figs, "one-China").empty
    assert _near(text, figs, "two sessions").empty  # China's annual meetings, a name
    assert "sessions" not in set(figs["measure"])


# --- figures of 004: Xi-Thongloun virtual meeting, 3 December 2021 --------------------------


def test_004_date_anniversaries_and_ordinals(tables) -> None:
    figs = _figures(tables, "004")
    assert _one(figs, "December 3, 2021").kind == "date"
    f = _one(figs, "60th")
    assert (f.value, f.kind, f.measure) == (60, "ordinal", "anniversary")
    f = _one(figs, "100th")
    assert (f.value, f.kind, f.measure) == (100, "ordinal", "anniversary")
    f = _one(figs, "sixth")
    assert (f.value, f.kind, f.measure) == (6, "ordinal", "plenary session")
    f = _one(figs, "19th")
    assert (f.value, f.kind) == (19, "ordinal")
    assert "cpc central committee" in f.measure


def test_004_over_the_past_60_years_is_a_plain_duration(seed_texts, tables) -> None:
    (f,) = _near(seed_texts["004"], _figures(tables, "004"),
                 "Over the past 60 years").itertuples()
    assert (f.value, f.kind, f.unit, f.qualifier) == (60, "duration", "years", "")


def test_004_nothing_from_covid_19(seed_texts, tables) -> None:
    text, figs = seed_texts["004"], _figures(tables, "004")
    starts = [i for i in range(len(text)) if text.startswith("COVID-19", i)]
    assert len(starts) == 2
    for pos in starts:
        assert figs[(figs["start"] < pos + 8) & (figs["end"] > pos)].empty


# --- themes ------------------------------------------------------------------------------


def _ranked(tables: dict[str, pd.DataFrame], seed: str) -> list[str]:
    rows = tables["themes"]
    return rows.loc[rows["doc_id"] == _doc_id(tables, seed), "theme"].tolist()


def test_themes_of_both_seeds(tables) -> None:
    first, second = _ranked(tables, "000"), _ranked(tables, "004")
    assert {"security_crime", "politics_diplomacy"} <= set(first[:3])
    assert second[0] == "politics_diplomacy"
    assert "transport_infrastructure" in first and "transport_infrastructure" in second
    docs = tables["documents"].set_index("source")
    assert docs.loc[SEED_FILES["004"], "top_theme"] == "politics_diplomacy"


def test_no_theme_from_a_word_in_another_sense(seed_texts) -> None:
    taxonomy = themes.load_taxonomy()

    def hits(text: str, phrase: str) -> set[str]:
        pos = text.index(phrase)
        return {h.theme for h in themes.match(text, taxonomy)
                if h.start < pos + len(phrase) and h.end > pos}

    assert "sport" not in hits(seed_texts["000"], "shared goals")
    assert "technology_digital" not in hits(seed_texts["004"], "Olympic Winter Games")
    assert "technology_digital" not in hits(seed_texts["004"], "virtual meeting")
    assert hits(seed_texts["004"], "Olympic Winter Games") == {"sport"}
    assert "railway" in {h.term for h in themes.match(seed_texts["000"], taxonomy)}


def test_seed_key_phrases(seed_texts) -> None:
    first = phrases.candidates(seed_texts["000"])
    for phrase in ("laos-china railway", "gdp growth target", "operation seagull",
                   "scam operations"):
        assert phrase in first, phrase
    assert phrases.candidates(seed_texts["004"])["laos-china railway"] == 2
