"""The incremental store: an embedded DuckDB file that remembers every analysed document.

A document's result is keyed by its content hash (text and metadata), the extractor
version and the taxonomy fingerprint, so re-running on a folder that gained 10 documents
analyses only those 10, and a new taxonomy or extractor re-analyses everything. The
extractor version is ``pipeline.EXTRACTOR_VERSION`` plus a hash of the analysis code and
data files, so an edit to the extractor can never serve stale rows.

The per-document results are kept as they came out of ``analyze_document`` (one row per
document in ``results``); the corpus is assembled from them exactly as from a fresh run,
so cached and fresh tables are identical. ``analyze_cached`` also keeps the assembled
corpus of its latest sources (pickle files in ``store.snapshots/`` beside the DuckDB
file, keyed by a hash of the input files' bytes, the taxonomy and the extractor), so
re-opening an unchanged 10,000-document corpus skips parsing and assembly too. With
``write_tables`` the corpus is also written as plain tables (``documents``, ``sentences``,
``figures``, ``themes``, ``phrases``, ``errors``) for SQL users.

Dashboard use (a read-only corpus folder wants an explicit ``store_path``; when the store
cannot be opened the corpus is analysed without it, with a warning)::

    from metrics import store
    corpus = store.analyze_cached("corpus/")                   # .themewatch/store.duckdb
    corpus = store.analyze_cached(path, store_path="x.duckdb", taxonomy=tax, workers=2,
                                  progress=lambda done, total: ...)
    corpus, stats = store.analyze_cached_with_stats(...)       # stats: analysed=N reused=M

The DuckDB file is opened only to read and to write, never during the analysis, so a CLI
run and a dashboard can share one store (DuckDB allows one writer process at a time; a
second one waits up to ~5 s).

``cached_run`` is the lower-level step (documents in, results and counts out) that the
CLI and the Dask engine share.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from metrics import pipeline, themes
from metrics.documents import DEFAULT_MAX_BYTES, Document, LoadError, Source, load
from metrics.pipeline import Corpus, DocumentResult, Progress
from metrics.themes import Taxonomy

STORE_DIR = ".themewatch"
STORE_FILE = "store.duckdb"
SNAPSHOTS_KEPT = 2
POOL_FROM = 32  # fewer new documents than this are analysed in-process
# Files whose content defines the analysis: editing any of them re-analyses.
_NOT_EXTRACTOR = {"cli.py", "store.py", "export.py", "engines.py", "__main__.py"}

Runner = Callable[..., list[DocumentResult]]


@dataclass(frozen=True, slots=True)
class Stats:
    """What a cached run did: documents analysed now and reused from the store."""

    analysed: int
    reused: int
    store: str = ""  # path of the store used, empty when none

    def __str__(self) -> str:
        return f"analysed={self.analysed} reused={self.reused}"


def default_path(source: Source | Sequence[Document]) -> Path:
    """``.themewatch/store.duckdb`` beside the corpus: in the folder given, beside the file
    given (the first path of a list), else in the current directory. A corpus folder that
    is read-only (no write permission bit, which root would ignore) gets its store under
    ``~/.cache/themewatch/`` instead, named after the folder's path."""
    first: object = source
    if not isinstance(source, str | Path) and isinstance(source, Sequence) and source:
        first = source[0]
    if isinstance(first, str | Path) and Path(first).exists():
        p = Path(first).resolve()
        folder = p if p.is_dir() else p.parent
        if _writable(folder):
            return folder / STORE_DIR / STORE_FILE
        name = hashlib.sha1(str(folder).encode()).hexdigest()[:12]
        return Path.home() / ".cache" / "themewatch" / f"{folder.name}-{name}" / STORE_FILE
    return Path.cwd() / STORE_DIR / STORE_FILE


def _writable(folder: Path) -> bool:
    existing = folder / STORE_DIR
    target = existing if existing.is_dir() else folder
    mode = target.stat().st_mode
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and \
        os.access(target, os.W_OK)


def fingerprint_files() -> list[Path]:
    """The analysis modules (the figure reader's package included) and the data files."""
    root = Path(__file__).parent
    files = [p for p in sorted(root.glob("*.py")) if p.name not in _NOT_EXTRACTOR]
    files += sorted((root / "figures").glob("*.py"))
    files += sorted(p for p in (root / "data").rglob("*") if p.is_file())
    return files


@cache
def code_fingerprint() -> str:
    """Hash of the analysis modules and data files (the implicit extractor version)."""
    root = Path(__file__).parent
    h = hashlib.sha1()
    for p in fingerprint_files():
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def extractor_version() -> str:
    """``EXTRACTOR_VERSION`` and the code fingerprint, as stored with each result."""
    return f"{pipeline.EXTRACTOR_VERSION}+{code_fingerprint()}"


def taxonomy_fingerprint(taxonomy: Taxonomy) -> str:
    """Hash of the taxonomy (themes' ids, labels, codes, terms; ignored phrases): any
    change re-analyses."""
    key = repr((taxonomy.themes, taxonomy.ignore))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class Store:
    """A DuckDB file of per-document results. Use as a context manager."""

    def __init__(self, path: str | Path, retries: int = 20) -> None:
        import duckdb

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(retries):
            try:
                self.con = duckdb.connect(str(self.path))
                break
            except duckdb.IOException:  # another process holds the write lock
                if attempt == retries - 1:
                    raise
                time.sleep(0.25)
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS results (key VARCHAR PRIMARY KEY, content_hash "
            "VARCHAR, extractor_version VARCHAR, taxonomy VARCHAR, doc_id VARCHAR, "
            "analysed_at TIMESTAMP DEFAULT current_timestamp, payload BLOB)"
        )
        self.con.execute("DROP TABLE IF EXISTS snapshots")  # now files: see snapshot_dir
        self.snapshot_dir = self.path.with_name(self.path.stem + ".snapshots")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def get(self, keys: Sequence[str]) -> dict[str, DocumentResult]:
        """Stored results for those of ``keys`` that are present."""
        import pyarrow as pa

        if not keys:
            return {}
        wanted = pa.table({"key": pa.array(list(keys), pa.string())})
        self.con.register("wanted", wanted)
        try:
            rows = self.con.execute(
                "SELECT r.key, r.payload FROM results r JOIN wanted w USING (key)"
            ).fetchall()
        finally:
            self.con.unregister("wanted")
        return {k: pickle.loads(payload) for k, payload in rows}

    def put(self, items: Sequence[tuple[str, Document, DocumentResult]], taxonomy: str) -> None:
        """Store results under their keys (replacing any with the same key)."""
        import pyarrow as pa

        if not items:
            return
        version = extractor_version()
        table = pa.table({
            "key": pa.array([k for k, _, _ in items], pa.string()),
            "content_hash": pa.array([d.content_hash for _, d, _ in items], pa.string()),
            "extractor_version": pa.array([version] * len(items), pa.string()),
            "taxonomy": pa.array([taxonomy] * len(items), pa.string()),
            "doc_id": pa.array([d.doc_id for _, d, _ in items], pa.string()),
            "payload": pa.array([pickle.dumps(r, protocol=5) for _, _, r in items],
                                pa.binary()),
        })
        self.con.register("incoming", table)
        try:
            self.con.execute(
                "INSERT OR REPLACE INTO results (key, content_hash, extractor_version, "
                "taxonomy, doc_id, payload) SELECT key, content_hash, extractor_version, "
                "taxonomy, doc_id, payload FROM incoming"
            )
        finally:
            self.con.unregister("incoming")

    def write_tables(self, corpus: Corpus) -> None:
        """Replace the plain SQL tables with those of ``corpus`` (the latest run)."""
        for name, frame in corpus.tables().items():
            self.con.register("frame", frame)
            try:
                self.con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM frame')
            finally:
                self.con.unregister("frame")

    def snapshot(self, key: str) -> Corpus | None:
        """The assembled corpus saved under ``key``, if any (an unreadable one is dropped)."""
        path = self.snapshot_dir / f"{key}.pickle"
        try:
            return pickle.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except Exception:  # a truncated or foreign file: analyse again
            path.unlink(missing_ok=True)
            return None

    def save_snapshot(self, key: str, corpus: Corpus, keep: int = SNAPSHOTS_KEPT) -> None:
        """Save an assembled corpus under ``key``, keeping only the ``keep`` latest.

        A plain file beside the DuckDB file: DuckDB writes a 100 MB BLOB in ~2 s, a file
        takes a tenth of that. Written to a temporary name and renamed, so a reader never
        sees half a snapshot.
        """
        self.snapshot_dir.mkdir(parents=True, exist_ok=True)
        final = self.snapshot_dir / f"{key}.pickle"
        partial = final.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(corpus, 5))
        os.replace(partial, final)
        saved = sorted(self.snapshot_dir.glob("*.pickle"), key=_mtime, reverse=True)
        for old in saved[keep:]:
            old.unlink(missing_ok=True)

    def count(self) -> int:
        """Number of stored document results (all versions and taxonomies)."""
        return self.con.execute("SELECT count(*) FROM results").fetchone()[0]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed by another process meanwhile
        return 0.0


def result_key(doc: Document, taxonomy_fp: str, version: str) -> str:
    """The store key of one document under one taxonomy and extractor version."""
    return hashlib.sha1(f"{doc.content_hash}\x1f{version}\x1f{taxonomy_fp}".encode()
                        ).hexdigest()


def cached_run(
    docs: Sequence[Document],
    taxonomy: Taxonomy,
    store_path: str | Path,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    runner: Runner | None = None,
) -> tuple[list[DocumentResult], Stats]:
    """``pipeline.run`` that analyses only documents the store does not hold yet.

    ``runner(docs, taxonomy, workers=, progress=)`` does the analysis (default
    ``pipeline.run``, in-process when fewer than ``POOL_FROM`` documents are new; the Dask
    engine passes its own). Results come back in ``docs`` order.
    """
    runner = runner or pipeline.run
    tax_fp, version = taxonomy_fingerprint(taxonomy), extractor_version()
    keys = [result_key(d, tax_fp, version) for d in docs]
    with Store(store_path) as st:  # the file is not held open (locked) during analysis
        found = st.get(keys)
    todo = [(k, d) for k, d in zip(keys, docs, strict=True) if k not in found]
    reused = len(docs) - len(todo)

    def step(done: int, total: int) -> None:
        if progress:
            progress(reused + done, len(docs))

    if progress:
        progress(reused, len(docs))
    if runner is pipeline.run and len(todo) < POOL_FROM:
        workers = 1  # starting processes costs more than a few documents
    fresh = runner([d for _, d in todo], taxonomy, workers=workers, progress=step)
    if todo:
        with Store(store_path) as st:
            st.put([(k, d, r) for (k, d), r in zip(todo, fresh, strict=True)], tax_fp)
    found.update((k, r) for (k, _), r in zip(todo, fresh, strict=True))
    return [found[k] for k in keys], Stats(len(todo), reused, str(store_path))


def analyze_cached(
    source: Source | Sequence[Document],
    store_path: str | Path | None = None,
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    write_tables: bool = False,
) -> Corpus:
    """``metrics.analyze`` through the store: same Corpus, only new documents analysed.

    ``store_path`` defaults to ``default_path(source)``. ``write_tables`` also saves the
    assembled tables into the store for SQL use.
    """
    corpus, _ = analyze_cached_with_stats(source, store_path, taxonomy=taxonomy,
                                          workers=workers, progress=progress,
                                          max_bytes=max_bytes, write_tables=write_tables)
    return corpus


def analyze_cached_with_stats(
    source: Source | Sequence[Document],
    store_path: str | Path | None = None,
    *,
    taxonomy: Taxonomy | str | Path | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    write_tables: bool = False,
    runner: Runner | None = None,
) -> tuple[Corpus, Stats]:
    """``analyze_cached`` that also returns what was analysed and reused.

    When the store cannot be opened (a read-only folder, a lock held too long) the corpus
    is analysed without it, with a warning, and ``Stats.store`` is empty.
    """
    import duckdb

    if not isinstance(taxonomy, Taxonomy):
        taxonomy = themes.load_taxonomy(taxonomy)
    path = Path(store_path) if store_path else default_path(source)
    snap_key = _snapshot_key(source, taxonomy, max_bytes)
    try:
        if snap_key and path.exists():
            with Store(path) as st:
                corpus = st.snapshot(snap_key)
            if corpus is not None:
                return corpus, Stats(0, len(corpus), str(path))
        docs, errors = _documents(source, max_bytes)
        results, stats = cached_run(docs, taxonomy, path, workers=workers,
                                    progress=progress, runner=runner)
        corpus = pipeline.assemble(results, errors, {d.doc_id: d.text for d in docs})
        with Store(path) as st:
            if snap_key:
                st.save_snapshot(snap_key, corpus)
            if write_tables:
                st.write_tables(corpus)
        return corpus, stats
    except (OSError, duckdb.Error) as exc:
        warnings.warn(f"store {path} unavailable ({exc}); analysing without it",
                      RuntimeWarning, stacklevel=2)
    docs, errors = _documents(source, max_bytes)
    results = (runner or pipeline.run)(docs, taxonomy, workers=workers, progress=progress)
    corpus = pipeline.assemble(results, errors, {d.doc_id: d.text for d in docs})
    return corpus, Stats(len(docs), 0)


def source_fingerprint(source: Source | Sequence[Document], max_bytes: int) -> str | None:
    """Hash of everything ``documents.load`` would read from ``source`` (file paths, sizes
    and bytes; a DataFrame's cells; texts), or None when it cannot be told cheaply."""
    import pandas as pd

    h = hashlib.sha1(f"{max_bytes}".encode())
    if isinstance(source, pd.DataFrame):
        h.update(repr(list(source.columns)).encode())
        h.update(pd.util.hash_pandas_object(source.astype(object), index=False).values)
        return h.hexdigest()
    items = [source] if isinstance(source, str | Path) else list(source)
    for item in items:
        if isinstance(item, Document):
            h.update(b"doc\x1f" + item.content_hash.encode())
        elif isinstance(item, Path) or (isinstance(item, str) and Path(item).exists()):
            p = Path(item)
            files = [p] if not p.is_dir() else [
                f for f in sorted(p.rglob("*")) if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            h.update(f"path\x1f{p}\x1f{len(files)}".encode())
            for f in files:
                h.update(f"\x1f{f}\x1f".encode())
                h.update(hashlib.sha1(f.read_bytes()).digest())
        elif isinstance(item, str):
            h.update(b"text\x1f" + item.encode("utf-8", "surrogatepass"))
        else:
            return None
    return h.hexdigest()


def _snapshot_key(source: Source | Sequence[Document], taxonomy: Taxonomy,
                  max_bytes: int) -> str | None:
    try:
        fp = source_fingerprint(source, max_bytes)
    except (OSError, TypeError, ValueError):
        return None
    if fp is None:
        return None
    return hashlib.sha1(f"{fp}|{taxonomy_fingerprint(taxonomy)}|{extractor_version()}"
                        .encode()).hexdigest()


def _documents(source: Source | Sequence[Document], max_bytes: int
               ) -> tuple[list[Document], list[LoadError]]:
    if isinstance(source, Sequence) and source and all(isinstance(d, Document) for d in source):
        return list(source), []
    loaded = load(source, max_bytes=max_bytes)
    return loaded.documents, loaded.errors
