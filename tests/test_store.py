"""The front door with a store: only new documents are analysed; taxonomy or version
changes re-analyse; a store that cannot be used is said, never silently skipped."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import metrics
from metrics import pipeline, store

TAXONOMY = """
[themes.rail]
label = "Rail"
terms = ["railway", "train"]

[themes.money]
label = "Money"
terms = ["exports", "budget"]
"""


def _run(source: object, db: Path | bool, **options: object
         ) -> tuple[metrics.Corpus, metrics.Stats]:
    """The front door with a store: the corpus and what the run did."""
    corpus = metrics.analyze(source, store=db, **options)
    return corpus, corpus.stats


def _write_docs(folder: Path, start: int, count: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(start, start + count):
        (folder / f"doc{i:03d}.txt").write_text(
            f"Report {i}\n\nThe railway carried {1000 + i} passengers, up {i % 9 + 1} percent. "
            f"Exports were good but the budget was not very healthy in year {2000 + i}.\n",
            encoding="utf-8",
        )


def test_only_new_documents_are_analysed(tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 5)
    _, stats = _run(corpus_dir, db)
    assert (stats.analysed, stats.reused) == (5, 0)

    _write_docs(corpus_dir, 5, 10)
    second, stats = _run(corpus_dir, db)
    assert (stats.analysed, stats.reused) == (10, 5)
    assert str(stats) == "analysed=10 reused=5"
    assert len(second.documents) == 15

    again, stats = _run(corpus_dir, db)  # from the snapshot
    assert (stats.analysed, stats.reused) == (0, 15)
    fresh = metrics.analyze(corpus_dir)
    for name in pipeline.TABLES:  # cached corpora are the fresh corpus, exactly
        pd.testing.assert_frame_equal(getattr(second, name), getattr(fresh, name))
        pd.testing.assert_frame_equal(getattr(again, name), getattr(fresh, name))
    assert again.texts == fresh.texts
    with store.Store(db) as st:
        assert st.count() == 15


def test_snapshots_are_files_beside_the_store_and_a_broken_one_is_redone(
        tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    for count in (2, 3, 4):  # three versions of the corpus: the two latest are kept
        _write_docs(corpus_dir, 0, count)
        metrics.analyze(corpus_dir, store=db)
    snapshots = sorted(p for p in (tmp_path / "store.snapshots").iterdir() if p.is_dir())
    assert len(snapshots) == store.SNAPSHOTS_KEPT
    assert sorted(f.name for f in snapshots[0].iterdir()) == sorted(
        [f"{t}.arrow" for t in pipeline.TABLES] + ["texts.arrow"])  # Arrow, never pickle
    for snap in snapshots:
        (snap / "figures.arrow").write_bytes(b"not an arrow file")
    corpus, stats = _run(corpus_dir, db)
    assert (stats.analysed, stats.reused) == (0, 4)  # assembled again from stored results
    pd.testing.assert_frame_equal(corpus.figures, metrics.analyze(corpus_dir).figures)
    newest = max((p for p in (tmp_path / "store.snapshots").iterdir() if p.is_dir()),
                 key=lambda p: p.stat().st_mtime)
    with store.Store(db) as st:  # saved again, whole
        assert len(st.snapshot(newest.name)) == 4


def test_edited_document_is_reanalysed(tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 3)
    metrics.analyze(corpus_dir, store=db)
    (corpus_dir / "doc001.txt").write_text("A new text about a train.", encoding="utf-8")
    corpus, stats = _run(corpus_dir, db)
    assert (stats.analysed, stats.reused) == (1, 2)
    assert "train" in corpus.sentences["text"].str.cat()


def test_taxonomy_change_reanalyses(tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 4)
    custom = tmp_path / "themes.toml"
    custom.write_text(TAXONOMY, encoding="utf-8")
    metrics.analyze(corpus_dir, store=db)
    corpus, stats = _run(corpus_dir, db, taxonomy=custom)
    assert (stats.analysed, stats.reused) == (4, 0)
    assert set(corpus.themes["theme"]) <= {"rail", "money"}
    _, stats = _run(corpus_dir, db, taxonomy=custom)
    assert (stats.analysed, stats.reused) == (0, 4)
    _, stats = _run(corpus_dir, db)  # default again: still stored
    assert (stats.analysed, stats.reused) == (0, 4)


def test_extractor_version_change_reanalyses(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 3)
    metrics.analyze(corpus_dir, store=db)
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", pipeline.EXTRACTOR_VERSION + "-next")
    _, stats = _run(corpus_dir, db)
    assert (stats.analysed, stats.reused) == (3, 0)


def test_default_path_is_beside_the_corpus(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    _write_docs(corpus_dir, 0, 2)
    assert store.default_path(corpus_dir) == corpus_dir / ".themewatch" / "store.duckdb"
    assert store.default_path([corpus_dir / "doc000.txt"]) == \
        corpus_dir / ".themewatch" / "store.duckdb"
    metrics.analyze(corpus_dir, store=True)
    assert (corpus_dir / ".themewatch" / "store.duckdb").exists()
    # the store's own folder is not read as documents on the next run
    _, stats = _run(corpus_dir, True)
    assert (stats.analysed, stats.reused) == (0, 2)


def test_tables_written_for_sql(tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 2)
    corpus = metrics.analyze(corpus_dir, store=db, write_tables=True)
    with store.Store(db) as st:
        n = st.con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        cols = [r[0] for r in st.con.execute("DESCRIBE figures").fetchall()]
    assert n == len(corpus.sentences)
    assert cols == pipeline.COLUMNS["figures"]


def test_dataframe_and_texts_sources(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["Sales rose 5%.", "Rail fares fell."]})
    _, stats = _run(frame, db)
    assert (stats.analysed, stats.reused) == (2, 0)
    bigger = pd.concat([frame, pd.DataFrame({"id": ["c"], "text": ["New trains."]})])
    corpus, stats = _run(bigger, db)
    assert (stats.analysed, stats.reused) == (1, 2)
    assert list(corpus.documents["doc_id"]) == ["a", "b", "c"]
    _, stats = _run(["Sales rose 5%."], db)
    assert stats.analysed == 1  # a text without an id gets a hash id: a new document


def test_unwritable_store_falls_back_to_plain_analysis(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    _write_docs(corpus_dir, 0, 2)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    corpus, stats = _run(corpus_dir, blocker / "s.duckdb")
    assert (stats.analysed, stats.reused, stats.store) == (2, 0, "")
    assert len(stats.warnings) == 1 and "s.duckdb unavailable" in stats.warnings[0]
    assert len(corpus.documents) == 2
    _, stats = _run(corpus_dir, False)
    assert stats.warnings == () and stats.store == ""


def test_results_not_saved_are_said_and_the_analysis_kept(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 3)

    def refuse(self: store.Store, *args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store.Store, "put", refuse)
    monkeypatch.setattr(store.Store, "save_snapshot", refuse)
    corpus, stats = _run(corpus_dir, db)
    assert (stats.analysed, len(corpus.documents)) == (3, 3)
    assert any("were not saved" in w for w in stats.warnings)
    assert any("snapshot was not saved" in w for w in stats.warnings)


def test_read_only_corpus_gets_its_store_in_the_user_cache(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    corpus_dir = tmp_path / "shared"
    _write_docs(corpus_dir, 0, 2)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    corpus_dir.chmod(0o555)
    try:
        path = store.default_path(corpus_dir)
        assert path.is_relative_to(tmp_path / "home" / ".cache" / "themewatch")
        _, stats = _run(corpus_dir, True)
        assert (stats.analysed, Path(stats.store)) == (2, path)
        assert not (corpus_dir / ".themewatch").exists()
    finally:
        corpus_dir.chmod(0o755)


def test_fingerprint_covers_the_analysis_code_and_data() -> None:
    root = Path(store.__file__).parent
    names = {p.relative_to(root).as_posix() for p in store.fingerprint_files()}
    figures = {f"figures/{p.name}" for p in (root / "figures").glob("*.py")}
    assert {"figures/reader.py", "figures/lexicon.py", "figures/__init__.py"} <= figures
    assert figures <= names
    assert {"pipeline.py", "documents.py", "data/grammar.toml", "data/months.toml"} <= names
    assert not {"cli.py", "store.py", "export.py"} & names
    assert len(store.code_fingerprint()) == 16


def _chunks(frame: pd.DataFrame, column: str) -> int:
    import pyarrow as pa

    return pa.Table.from_pandas(frame[[column]], preserve_index=False).column(0).num_chunks


def test_one_chunk_keeps_the_frame_and_joins_its_arrow_chunks() -> None:
    # a row cut of a many-chunk Arrow column concatenates every chunk first: a stream's
    # refresh (pd.concat) must not leave the dashboard paying that on every filter
    parts = [pd.DataFrame({"doc_id": pd.Series([f"d{i}", f"e{i}"], dtype="str"),
                           "value": [i, i + 0.5]}) for i in range(3)]
    joined = pd.concat(parts, ignore_index=True)
    assert _chunks(joined, "doc_id") == 3
    whole = store.one_chunk(joined)
    pd.testing.assert_frame_equal(whole, joined)
    assert _chunks(whole, "doc_id") == 1
    assert store.one_chunk(whole) is whole  # nothing to join: the same frame


def test_snapshot_tables_come_back_in_one_chunk_per_column(tmp_path: Path) -> None:
    corpus_dir, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    _write_docs(corpus_dir, 0, 3)
    metrics.analyze(corpus_dir, store=db)
    again, stats = _run(corpus_dir, db)  # from the snapshot
    assert (stats.analysed, stats.reused) == (0, 3)
    for name, frame in again.tables().items():
        for column in frame.columns:
            if getattr(frame[column].dtype, "storage", None) == "pyarrow":
                assert _chunks(frame, column) == 1, (name, column)
    pd.testing.assert_frame_equal(again.figures, metrics.analyze(corpus_dir).figures)
