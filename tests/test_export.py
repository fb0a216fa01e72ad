"""Exports: CSV safe for spreadsheets, every format, one ZIP."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import metrics
from metrics import export

ATTACK = '=HYPERLINK("http://example.com","x")'


@pytest.fixture(scope="module")
def attack_corpus() -> metrics.Corpus:
    texts = [f"{ATTACK} Police made 40 arrests on Tuesday.", "-5 degrees froze 3 rivers.",
             "@home: +2 percent growth was reported."]
    return metrics.analyze(pd.DataFrame({"text": texts, "title": [ATTACK, "-cold", "@x"]}))


def test_csv_cells_that_would_execute_are_prefixed(attack_corpus: metrics.Corpus) -> None:
    raw = export.to_csv_bytes(attack_corpus.documents).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    titles = [r["title"] for r in rows]
    assert titles == ["'" + ATTACK, "'-cold", "'@x"]
    sentences = list(csv.DictReader(io.StringIO(
        export.to_csv_bytes(attack_corpus.sentences).decode("utf-8"))))
    assert sentences[0]["text"].startswith("'=HYPERLINK")
    for table in attack_corpus.tables().values():
        for row in csv.reader(io.StringIO(export.to_csv_bytes(table).decode("utf-8"))):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row)


def test_numeric_columns_stay_numeric(attack_corpus: metrics.Corpus) -> None:
    frame = pd.DataFrame({"value": [-5.0, 1200.5], "label": ["-5", "ok"]})
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(frame)))
    assert back["value"].tolist() == [-5.0, 1200.5]
    assert back["label"].tolist() == ["'-5", "ok"]
    docs = pd.read_csv(io.BytesIO(export.to_csv_bytes(attack_corpus.documents)))
    assert pd.api.types.is_numeric_dtype(docs["polarity"])
    assert pd.api.types.is_integer_dtype(docs["words"])


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_write_tables_one_file_per_table(tmp_path: Path, seed_corpus: metrics.Corpus,
                                         fmt: str) -> None:
    paths = export.write_tables(seed_corpus.tables(), tmp_path, fmt)
    assert sorted(p.name for p in paths) == sorted(f"{n}.{fmt}" for n in metrics.COLUMNS)
    if fmt == "parquet":
        back = pd.read_parquet(tmp_path / "figures.parquet")
        assert back["value"].tolist() == seed_corpus.figures["value"].tolist()
    elif fmt == "json":
        back = pd.read_json(tmp_path / "documents.json")
        assert len(back) == len(seed_corpus.documents)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export.write_tables({}, tmp_path, "xlsx")


def test_zip_holds_every_table(seed_corpus: metrics.Corpus) -> None:
    data = export.zip_tables(seed_corpus.tables(), prefix="seeds-2025-03-14-")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(zf.namelist())
        assert names[0] == "seeds-2025-03-14-documents.csv"
        assert len(names) == len(metrics.COLUMNS)
        figures = pd.read_csv(zf.open("seeds-2025-03-14-figures.csv"))
    assert len(figures) == len(seed_corpus.figures)


def test_text_and_mixed_columns_with_missing_cells_are_neutralised() -> None:
    frame = pd.DataFrame({
        "text": pd.array(["=1+1", None, "ok", "\tx"], dtype="str"),
        "mixed": pd.array(["+2", None, 3, "@a"], dtype=object),
    })
    rows = list(csv.reader(io.StringIO(export.to_csv_bytes(frame).decode("utf-8"))))
    assert rows[1:] == [["'=1+1", "'+2"], ["", ""], ["ok", "3"], ["'\tx", "'@a"]]
    assert frame["text"].iloc[0] == "=1+1"  # the caller's table is left as it was


def test_dates_stay_dates_and_times_of_day_are_kept() -> None:
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2024-03-14", None]),
        "ingested_at": pd.to_datetime(["2026-12-02 14:46:20.175", "2026-12-02 00:00:00"],
                                      format="ISO8601"),
    })
    lines = export.to_csv_bytes(frame).decode().splitlines()
    assert lines == ["date,ingested_at", "2024-03-14,2026-12-02 14:46:20",
                     ",2026-12-02 00:00:00"]
