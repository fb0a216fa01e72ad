"""The incremental store: an embedded DuckDB file that remembers every analysed document.

A document's result is keyed by its content hash (text and metadata), the extractor
version, the taxonomy fingerprint and the tone analyzer, so re-running on a folder that
gained 10 documents analyses only those 10, and a new taxonomy, analyzer or extractor
re-analyses everything. The
extractor version is ``pipeline.EXTRACTOR_VERSION`` plus a hash of the analysis code and
data files, so an edit to the extractor can never serve stale rows.

The per-document results are kept as they came out of ``analyze_document`` (one row per
document in ``results``); the corpus is assembled from them exactly as from a fresh run,
so cached and fresh tables are identical. The store also keeps the assembled corpus of
its latest sources (Arrow files in ``store.snapshots/`` beside the DuckDB
file, keyed by a hash of the input files' bytes, the taxonomy and the extractor), so
re-opening an unchanged 10,000-document corpus skips parsing and assembly too. With
``write_tables`` the corpus is also written as plain tables (``documents``, ``sentences``,
``figures``, ``themes``, ``phrases``, ``errors``) for SQL users.

Use it through the front door, ``metrics.analyze(source, store=PATH or True)``
(``metrics.analysis``); this module holds the steps it takes: ``reuse`` (stored results
in, new ones analysed and saved), ``snapshot_key``/``open_snapshot``/``keep`` (the
assembled corpus). A store that cannot be used raises ``Unavailable``, which the front
door turns into a warning on ``corpus.stats``.

The DuckDB file is opened only to read and to write, never during the analysis, so a CLI
run and a dashboard can share one store (DuckDB allows one writer process at a time; a
second one waits up to ~5 s).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from metrics import pipeline
from metrics.documents import Document, Reading, fingerprint
from metrics.pipeline import Corpus, DocumentResult, Progress, Runner
from metrics.sentiment import DEFAULT as DEFAULT_ANALYZER
from metrics.themes import Taxonomy

if TYPE_CHECKING:
    import pyarrow as pa

STORE_DIR = ".themewatch"
STORE_FILE = "store.duckdb"
SNAPSHOTS_KEPT = 2
WAIT_ENV = "THEMEWATCH_STORE_WAIT"  # seconds a writer waits for another to finish
DEFAULT_WAIT_S = 60.0
BATCH = 256  # results saved together as they arrive: a kill loses at most one batch
# Alerts raised from this store's corpus (``metrics.alerts``), each once: column -> type.
ALERTS = {"id": "VARCHAR", "rule": "VARCHAR", "kind": "VARCHAR", "period": "VARCHAR",
          "key": "VARCHAR", "value": "DOUBLE", "threshold": "VARCHAR", "evidence": "VARCHAR",
          "raised_at": "VARCHAR"}
# The documents of a store that is a stream (``metrics.stream``): column -> SQL type.
INGESTED = {
    "doc_id": "VARCHAR", "content_hash": "VARCHAR", "text_hash": "VARCHAR", "url": "VARCHAR",
    "simhash": "BIGINT", "numbers": "BIGINT", "shingles": "INTEGER", "title": "VARCHAR",
    "date": "VARCHAR", "date_source": "VARCHAR",
    "date_guess": "VARCHAR", "source": "VARCHAR", "text": "VARCHAR", "body_start": "INTEGER",
    "facets": "VARCHAR", "ingested_at": "TIMESTAMP", "duplicate_of": "VARCHAR",
}
# What ``metrics.stream.ingest`` could not read (files, rows, feeds), each round's: the
# errors table of the store's corpus, so ``export`` writes them.
INGEST_ERRORS = {"path": "VARCHAR", "row": "BIGINT", "reason": "VARCHAR",
                 "severity": "VARCHAR", "ingested_at": "TIMESTAMP"}
# Files whose content defines the analysis: editing any of them re-analyses.
_NOT_EXTRACTOR = {"cli.py", "store.py", "export.py", "engines.py", "analysis.py", "stream.py",
                  "changes.py", "alerts.py", "__main__.py"}


def default_path(source: object) -> Path:
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


def one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every Arrow-backed column in one chunk. pyarrow's ``take`` on a
    column of many chunks concatenates them all first, so cutting 10 rows of 880,000
    figures took 0.3 s; on one chunk it takes microseconds. Frames read from a snapshot
    are already whole; ``pd.concat`` (a stream's refresh) makes chunks again."""
    import pyarrow as pa

    arrow = [c for c in frame.columns if getattr(frame[c].dtype, "storage", None) == "pyarrow"]
    if not arrow:
        return frame
    table = pa.Table.from_pandas(frame[arrow], preserve_index=False)  # no copy
    chunked = [c for c, column in zip(arrow, table.columns, strict=True)
               if column.num_chunks > 1]
    if not chunked:
        return frame
    whole = table.select(chunked).combine_chunks().to_pandas().set_axis(frame.index)
    out = frame.copy(deep=False)
    for c in chunked:
        if whole[c].dtype == frame[c].dtype:
            out[c] = whole[c]
    return out


def _write_table(table: pa.Table, path: Path) -> None:
    """A snapshot table, uncompressed and in one chunk per column, so that ``_read_table``
    maps it instead of decoding it."""
    import pyarrow.feather as feather

    table = table.combine_chunks()
    feather.write_feather(table, path, compression="uncompressed",
                          chunksize=max(table.num_rows, 1))


def _read_table(path: Path) -> pd.DataFrame:
    """A snapshot table, memory-mapped, its columns in one chunk each (``one_chunk``)."""
    import pyarrow.feather as feather

    table = feather.read_table(path, memory_map=True)
    if any(column.num_chunks > 1 for column in table.columns):  # written before 2026-12
        table = table.combine_chunks()
    return table.to_pandas()


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
    """A DuckDB file of per-document results, ingested documents and raised alerts. Use as
    a context manager.

    It holds data only, never code: results are JSON text, checked on read (a row that is
    not a valid result is analysed again and rewritten), snapshots are Arrow files. A file
    that is not a readable DuckDB database is moved aside and a new store started; the
    ``notes`` say so. A store locked by another writer is waited for, up to ``wait``
    seconds (``THEMEWATCH_STORE_WAIT``, default 60), before ``Unavailable`` is raised.
    """

    def __init__(self, path: str | Path, wait: float | None = None) -> None:
        import duckdb

        self.path = Path(path)
        self.notes: list[str] = []
        self.path.parent.mkdir(parents=True, exist_ok=True)
        wait = float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_S)) if wait is None else wait
        deadline = time.monotonic() + wait
        while True:
            try:
                self.con = duckdb.connect(str(self.path))
                break
            except duckdb.Error as exc:
                if not _locked(exc):
                    self._set_aside(exc)
                    continue
                if time.monotonic() >= deadline:
                    raise Unavailable(f"store {self.path} is locked by another process; "
                                      f"waited {wait:.0f} s") from exc
                time.sleep(0.25)
        self._create_tables()
        self.snapshot_dir = self.path.with_name(self.path.stem + ".snapshots")

    def _set_aside(self, exc: Exception) -> None:
        """Move a damaged file aside (kept for inspection), so a new store can start."""
        if not self.path.exists() or any(n.startswith("damaged") for n in self.notes):
            raise Unavailable(f"store {self.path} cannot be opened ({exc})") from exc
        aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
        os.replace(self.path, aside)
        wal = self.path.with_name(self.path.name + ".wal")
        if wal.exists():
            os.replace(wal, aside.with_name(aside.name + ".wal"))
        self.notes.append(f"damaged: store {self.path} could not be read ({exc}); moved to "
                          f"{aside.name} and started again (its documents are analysed anew)")

    def _create_tables(self) -> None:
        columns = {r[0]: r[1] for r in self.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'results'").fetchall()}
        if columns.get("payload") == "BLOB":  # results of an older version, as pickles:
            self.con.execute("DROP TABLE results")  # never read; analysed again instead
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS results (key VARCHAR PRIMARY KEY, content_hash "
            "VARCHAR, extractor_version VARCHAR, taxonomy VARCHAR, doc_id VARCHAR, "
            "analysed_at TIMESTAMP DEFAULT current_timestamp, payload VARCHAR)"
        )
        self.con.execute("DROP TABLE IF EXISTS snapshots")  # now files: see snapshot_dir
        self.con.execute("CREATE TABLE IF NOT EXISTS ingested ("
                         + ", ".join(f'"{c}" {t}' for c, t in INGESTED.items())
                         + ", PRIMARY KEY (doc_id))")
        self.con.execute("CREATE TABLE IF NOT EXISTS alerts ("
                         + ", ".join(f'"{c}" {t}' for c, t in ALERTS.items())
                         + ", PRIMARY KEY (id))")
        self.con.execute("CREATE TABLE IF NOT EXISTS ingest_errors ("
                         + ", ".join(f'"{c}" {t}' for c, t in INGEST_ERRORS.items()) + ")")

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
        found = {}
        for key, payload in rows:
            try:
                found[key] = DocumentResult.from_json(payload)
            except (TypeError, ValueError):  # not a valid result: analysed again, rewritten
                self.notes.append(f"a stored result ({key[:12]}) was not valid; analysed again")
        return found

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
            "payload": pa.array([r.to_json() for _, _, r in items], pa.string()),
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
        import pyarrow as pa
        import pyarrow.feather as feather

        folder = self.snapshot_dir / key
        if not folder.is_dir():
            return None
        try:
            tables = {name: _read_table(folder / f"{name}.arrow") for name in pipeline.TABLES}
            texts = feather.read_table(folder / "texts.arrow", memory_map=True)
            if texts.schema != pa.schema([("doc_id", pa.string()), ("text", pa.string())]):
                raise ValueError("texts of the wrong shape")
            for name, frame in tables.items():
                if list(frame.columns) != pipeline.COLUMNS[name]:
                    raise ValueError(f"{name} has other columns")
        except (OSError, ValueError, pa.ArrowException):  # truncated or foreign: redo
            shutil.rmtree(folder, ignore_errors=True)
            return None
        ids, bodies = texts.column("doc_id").to_pylist(), texts.column("text").to_pylist()
        derived = {}
        for path in folder.glob("derived-*.arrow"):  # optional: a bad one is only skipped
            try:
                derived[path.stem.removeprefix("derived-")] = feather.read_feather(path)
            except (OSError, ValueError, pa.ArrowException):
                continue
        return Corpus(**tables, texts=dict(zip(ids, bodies, strict=True)), derived=derived)

    def save_snapshot(self, key: str, corpus: Corpus, keep: int = SNAPSHOTS_KEPT) -> None:
        """Save an assembled corpus under ``key`` (one Arrow file per table, and the
        texts), keeping only the ``keep`` latest. The tables are written uncompressed
        (about 3.5 times the disk of LZ4) so that opening maps them instead of decoding
        them: 0.02 s instead of 1.5 s for the 880,000 figures of 100,000 stories. Files
        beside the DuckDB file: DuckDB writes a 100 MB BLOB in ~2 s, a file takes a tenth
        of that. Written to a temporary folder and renamed, so a reader never sees half a
        snapshot."""
        import pyarrow as pa
        import pyarrow.feather as feather

        final = self.snapshot_dir / key
        partial = self.snapshot_dir / f"{key}.{os.getpid()}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for name, frame in corpus.tables().items():
            _write_table(pa.Table.from_pandas(frame, preserve_index=False),
                         partial / f"{name}.arrow")
        _write_table(pa.table({"doc_id": pa.array(list(corpus.texts), pa.string()),
                               "text": pa.array(list(corpus.texts.values()), pa.string())}),
                     partial / "texts.arrow")
        for name, frame in corpus.derived.items():
            try:
                feather.write_feather(frame.reset_index(drop=True),
                                      partial / f"derived-{name}.arrow")
            except (ValueError, TypeError, pa.ArrowException):  # computed again when needed
                continue
        shutil.rmtree(final, ignore_errors=True)
        os.replace(partial, final)
        saved = sorted((p for p in self.snapshot_dir.iterdir()
                        if p.is_dir() and not p.name.endswith(".partial")),
                       key=_mtime, reverse=True)
        for old in saved[keep:]:
            shutil.rmtree(old, ignore_errors=True)

    def ingested(self, columns: Sequence[str] | None = None, with_duplicates: bool = True,
                 after: datetime | None = None) -> pd.DataFrame:
        """The documents ingested into this store (``metrics.stream``), in ingest order:
        the given columns of ``INGESTED`` (all by default); near-duplicates left out
        unless ``with_duplicates``; only those ingested after ``after`` when given."""
        cols = ", ".join(f'"{c}"' for c in (columns or INGESTED))
        where, params = _ingested_where(with_duplicates, after)
        return self.con.execute(f"SELECT {cols} FROM ingested {where} ORDER BY rowid",
                                params).df()

    def count_ingested(self, with_duplicates: bool = True, after: datetime | None = None
                       ) -> int:
        """How many documents ``ingested`` would return."""
        where, params = _ingested_where(with_duplicates, after)
        return self.con.execute(f"SELECT count(*) FROM ingested {where}", params).fetchone()[0]

    def add_ingested(self, rows: Sequence[dict]) -> None:
        """Record newly ingested documents (one transaction: all or none)."""
        import pyarrow as pa

        if not rows:
            return
        table = pa.Table.from_pylist(list(rows))
        self.con.register("incoming", table)
        try:
            cols = ", ".join(f'"{c}"' for c in INGESTED)
            self.con.execute(f"INSERT INTO ingested ({cols}) SELECT {cols} FROM incoming")
        finally:
            self.con.unregister("incoming")

    def add_ingest_errors(self, rows: Sequence[tuple]) -> None:
        """Record what an ingest could not read: (path, row, reason, severity, ingested_at)
        tuples, in one transaction."""
        if rows:
            self.con.executemany(
                f"INSERT INTO ingest_errors VALUES ({', '.join('?' for _ in INGEST_ERRORS)})",
                [list(r) for r in rows])

    def ingest_errors(self, after: datetime | None = None) -> pd.DataFrame:
        """Each distinct problem ingests met (path, row, reason, severity), in the order
        first met: a feed that is down every round is one row; only those of ingests after
        ``after`` when given."""
        where, params = ("WHERE ingested_at > ?", [after]) if after is not None else ("", [])
        return self.con.execute(
            f"SELECT path, row, reason, severity FROM ingest_errors {where} "
            "GROUP BY path, row, reason, severity ORDER BY min(rowid)", params).df()

    def raised_alerts(self) -> set[str]:
        """The ids of the alerts raised before (``metrics.alerts``)."""
        return {r[0] for r in self.con.execute("SELECT id FROM alerts").fetchall()}

    def add_alerts(self, rows: Sequence[dict]) -> None:
        """Record alerts as raised (one transaction)."""
        if not rows:
            return
        cols = list(ALERTS)
        self.con.executemany(
            f"INSERT OR IGNORE INTO alerts ({', '.join(cols)}) VALUES "
            f"({', '.join('?' for _ in cols)})", [[r[c] for c in cols] for r in rows])

    def alerts(self) -> pd.DataFrame:
        """Every alert raised, newest first."""
        return self.con.execute("SELECT * FROM alerts ORDER BY raised_at DESC, rowid DESC").df()

    def count(self) -> int:
        """Number of stored document results (all versions and taxonomies)."""
        return self.con.execute("SELECT count(*) FROM results").fetchone()[0]


def _ingested_where(with_duplicates: bool, after: datetime | None
                    ) -> tuple[str, list[object]]:
    """The WHERE clause (and its parameters) of a query on the ``ingested`` table."""
    terms, params = [], []
    if not with_duplicates:
        terms.append("duplicate_of = ''")
    if after is not None:
        terms.append("ingested_at > ?")
        params.append(after)
    return ("WHERE " + " AND ".join(terms) if terms else ""), params


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed by another process meanwhile
        return 0.0


def result_key(doc: Document, taxonomy_fp: str, version: str,
               analyzer: str = DEFAULT_ANALYZER) -> str:
    """The store key of one document under one taxonomy, extractor version and tone
    analyzer: results of different analyzers never mix."""
    return hashlib.sha1(f"{doc.content_hash}\x1f{version}\x1f{taxonomy_fp}\x1f{analyzer}"
                        .encode()).hexdigest()


def reuse(
    docs: Sequence[Document],
    taxonomy: Taxonomy,
    path: str | Path,
    *,
    runner: Runner = pipeline.run,
    workers: int | None = None,
    progress: Progress | None = None,
    analyzer: str = DEFAULT_ANALYZER,
) -> tuple[list[DocumentResult], int, tuple[str, ...]]:
    """The results of ``docs`` (in order): the stored ones, and the rest from ``runner``,
    which are stored as they arrive, ``BATCH`` at a time (with the local engine), so a run
    that is killed keeps all but its last batch and the next run goes on from there.
    Returns the results, how many were reused, and problems to tell the caller.

    Raises ``Unavailable`` when the store cannot be read (before anything is analysed).
    The file is not held open (locked) while documents are analysed.
    """
    tax_fp, version = taxonomy_fingerprint(taxonomy), extractor_version()
    keys = [result_key(d, tax_fp, version, analyzer) for d in docs]
    with opened(path) as st:
        found = st.get(keys)
        problems = list(st.notes)
    todo = [(k, d) for k, d in zip(keys, docs, strict=True) if k not in found]
    reused = len(docs) - len(todo)
    saved = 0

    def save(batch: Sequence[DocumentResult]) -> None:
        nonlocal saved
        items = [(k, d, r) for (k, d), r in zip(todo[saved:saved + len(batch)], batch,
                                                 strict=True)]
        saved += len(batch)
        try:
            with opened(path) as st:
                st.put(items, tax_fp)
        except Unavailable as exc:
            problems.append(f"{exc}; {len(items)} documents analysed now were not saved")

    def step(done: int, total: int) -> None:
        if progress:
            progress(reused + done, len(docs))

    if progress:
        progress(reused, len(docs))
    pending = [d for _, d in todo]
    if runner is pipeline.run:
        fresh = pipeline.run(pending, taxonomy, workers=workers, progress=step,
                             on_batch=save, batch=BATCH, analyzer=analyzer)
    else:
        fresh = runner(pending, taxonomy, workers=workers, progress=step, analyzer=analyzer)
        if fresh:
            save(fresh)
    found.update((k, r) for (k, _), r in zip(todo, fresh, strict=True))
    return [found[k] for k in keys], reused, tuple(dict.fromkeys(problems))


def snapshot_key(source: object, taxonomy: Taxonomy, how: Reading,
                 analyzer: str = DEFAULT_ANALYZER) -> str | None:
    """The key of the assembled corpus of ``source`` read ``how`` (its bytes, the reading
    options, the taxonomy, the tone analyzer and the extractor), or None when the input
    cannot be fingerprinted cheaply."""
    try:
        fp = fingerprint(source, how.max_bytes)
    except (OSError, TypeError, ValueError):
        return None
    if fp is None:
        return None
    return hashlib.sha1(f"{fp}|{how}|{taxonomy_fingerprint(taxonomy)}|{extractor_version()}"
                        f"|{analyzer}".encode()).hexdigest()


def open_snapshot(path: str | Path, key: str) -> tuple[Corpus | None, tuple[str, ...]]:
    """The corpus saved under ``key`` in the store at ``path`` (None when there is none),
    and notes about the store to tell the caller (e.g. it was damaged and rebuilt)."""
    if not Path(path).exists():
        return None, ()
    with opened(path) as st:
        return st.snapshot(key), tuple(st.notes)


def keep(path: str | Path, corpus: Corpus, key: str | None, write_tables: bool = False
         ) -> tuple[str, ...]:
    """Save ``corpus`` as the snapshot ``key`` (and as SQL tables when asked); returns
    the problems met, if any (the analysis itself is done and not lost)."""
    if not key and not write_tables:
        return ()
    try:
        with opened(path) as st:
            if key:
                st.save_snapshot(key, corpus)
            if write_tables:
                st.write_tables(corpus)
    except (Unavailable, OSError) as exc:
        return (f"{exc}; the corpus snapshot was not saved",)
    return ()


def _locked(exc: Exception) -> bool:
    """True when DuckDB refused the file because another process holds its lock."""
    return "lock" in str(exc).lower()


class Unavailable(RuntimeError):
    """The store cannot be opened, read or written (the message says which and why)."""


@contextmanager
def opened(path: str | Path) -> Iterator[Store]:
    """``Store(path)`` whose failures (lock held too long, read-only disk, damaged file)
    become ``Unavailable`` naming the file."""
    import duckdb

    try:
        with Store(path) as st:
            yield st
    except (OSError, duckdb.Error) as exc:
        raise Unavailable(f"store {path} unavailable ({exc})") from exc
