"""Pipeline: process pools give the same tables, and analysis needs no network or NLTK data."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pandas as pd
import pytest

import metrics
from metrics import pipeline, sentiment

TEXTS = [
    "Police made over 70,000 arrests in 2024, up 5 percent. Officials were not happy.",
    "The railway opened on 14 March. About 1,200 workers built it in two years!",
    "Exports rose 3.5% to $1.2 billion, the ministry said. Growth was very strong.",
    "The team won 3-1 on Sunday. Fans were delighted with the result.",
    "Nothing numeric here, just a calm and pleasant afternoon in the park.",
]


def _assert_same(a: metrics.Corpus, b: metrics.Corpus) -> None:
    for name in pipeline.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_tables_have_the_contract_columns(seed_corpus: metrics.Corpus) -> None:
    for name, frame in seed_corpus.tables().items():
        assert list(frame.columns) == pipeline.COLUMNS[name]
    assert len(seed_corpus.documents) == 2


def test_workers_give_identical_output(seeds_dir: Path) -> None:
    sources = [*sorted(seeds_dir.glob("*.txt")), *TEXTS * 3]
    docs = metrics.load(sources).documents
    one = metrics.analyze(docs, workers=1)
    two = metrics.analyze(docs, workers=2)
    _assert_same(one, two)
    assert len(one.documents) == len(docs)


def test_document_sentiment_is_textblob(seed_corpus: metrics.Corpus) -> None:
    from textblob import TextBlob

    for row in seed_corpus.documents.itertuples():
        body = seed_corpus.texts[row.doc_id]
        doc = metrics.load([body]).documents[0]
        expected = TextBlob(body[doc.body_start:]).sentiment
        assert (row.polarity, row.subjectivity) == (expected.polarity, expected.subjectivity)
    for row in seed_corpus.sentences.itertuples():
        assert (row.polarity, row.subjectivity) == sentiment.score(row.text)


def test_copies_of_a_text_share_one_analysis_under_their_own_metadata() -> None:
    from dataclasses import replace

    from metrics.documents import from_text

    body = ("Exports rose 3.5% to $1.2 billion last year in France, the ministry said. "
            "Police made over 70,000 arrests. Growth was very strong.")
    first = from_text(body, "wire-a", doc_id="a", title="Exports", date_value="2024-05-01")
    first = first.documents[0]
    docs = [first,
            replace(first, doc_id="b", title="Copy", source="wire-b", url="https://b.example"),
            replace(first, doc_id="c", date="2025-05-01"),  # "last year" means 2024 here
            replace(first, doc_id="d")]
    assert pipeline.first_copies(docs) == [0, 0, 2, 0]
    taxonomy = metrics.themes.load_taxonomy()
    alone = [pipeline.analyze_document(d, taxonomy) for d in docs]
    for workers in (1, 2):
        shared = pipeline.run(docs, taxonomy, workers=workers)
        assert shared == alone
    assert alone[1].document[:5] == ("b", "Copy", first.date, "wire-b", "https://b.example")
    assert alone[0].figures and alone[0].places and alone[0].themes  # rows to re-key
    assert alone[2].figures[0][14] != alone[0].figures[0][14]  # period of "last year"


def test_a_batch_gives_each_document_its_own_rows(seeds_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysing a step at a time over many documents changes nothing in any document's
    rows, across batch boundaries and with the figure cap reached in one document."""
    sources = [*sorted(seeds_dir.glob("*.txt")), *TEXTS,
               "Sales rose 5% to 120 units, 7 pct, 8 pct, 9 pct and 10 pct. Rain fell."]
    docs = metrics.load(sources).documents
    taxonomy = metrics.themes.load_taxonomy()
    monkeypatch.setattr(pipeline, "MAX_FIGURES", 3)
    alone = [pipeline.analyze_documents([d], taxonomy)[0] for d in docs]
    assert alone[-1].warnings and len(alone[-1].figures) == 3  # the cap, in the last one
    assert pipeline.analyze_documents(docs, taxonomy) == alone
    monkeypatch.setattr(pipeline, "BATCH", 3)
    assert list(pipeline.analyze_each(docs, taxonomy)) == alone
    assert pipeline.run(docs, taxonomy, workers=1) == alone
    assert [pipeline.analyze_document(d, taxonomy) for d in docs] == alone


def test_progress_is_reported() -> None:
    seen: list[tuple[int, int]] = []
    metrics.analyze(TEXTS, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(TEXTS), len(TEXTS))


def test_offline_without_nltk_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                   seeds_dir: Path) -> None:
    """No socket and an empty NLTK data path: the whole pipeline still runs."""
    import nltk

    empty = tmp_path / "nltk_data"
    empty.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(empty))
    monkeypatch.setattr(nltk.data, "path", [str(empty)])

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    corpus = metrics.analyze([seeds_dir, *TEXTS])
    assert len(corpus.documents) == 2 + len(TEXTS)
    assert len(corpus.sentences) > 10
    assert corpus.figures["value"].notna().all()
    assert (corpus.errors["severity"] != "error").all()


@pytest.mark.parametrize("variant", ["clean", "bad_row", "duplicate_ids"])
def test_dataframe_read_in_the_pool_is_identical(monkeypatch: pytest.MonkeyPatch,
                                                 variant: str) -> None:
    calls: list[int] = []
    read_in_pool = pipeline.run_frame
    monkeypatch.setattr(pipeline, "run_frame",
                        lambda frame, *a: calls.append(len(frame)) or read_in_pool(frame, *a))
    rows = [{"id": f"d{i}", "title": f"T{i}", "text": f"{TEXTS[i % len(TEXTS)]} Row {i}."}
            for i in range(40)]
    if variant == "bad_row":
        rows[25]["text"] = ""  # an error with a row number: the frame is read whole
    if variant == "duplicate_ids":
        rows[30]["id"] = "d3"  # a duplicate across partitions: the first is kept
    frame = pd.DataFrame(rows)
    _assert_same(metrics.analyze(frame, workers=1), metrics.analyze(frame, workers=2))
    assert calls == [40]  # only the two-worker run read the frame in the pool


def test_worker_policy() -> None:
    cores = os.cpu_count() or 1
    assert pipeline.worker_count(5) == 1                     # too few to pay for a pool
    assert pipeline.worker_count(pipeline.POOL_FROM) == cores
    assert pipeline.worker_count(5, 2) == min(2, cores)      # asked for: honoured
    assert pipeline.worker_count(1, 8) == 1                  # never more than documents
    assert pipeline.worker_count(0, 0) == 1


def test_the_earlier_value_of_a_figure_weighs_less_than_the_figure() -> None:
    corpus = metrics.analyze(["Net profit was 33 mln stg vs 253 mln stg a year earlier. "
                              "Turnover was 253 mln stg."])
    sal = dict(zip(corpus.figures["surface"], corpus.figures["salience"], strict=False))
    first = corpus.figures.iloc[:2]
    assert list(first["previous"].isna()) == [False, True]  # 33 mln, previous 253 mln
    assert sal["33 mln stg"] == 2 * first["salience"].iloc[1]  # last year's: half
    assert corpus.figures["salience"].iloc[2] == sal["33 mln stg"]  # another sentence: whole
