"""The one road from documents to a ``Corpus``: read, reuse, run, assemble.

``analyze`` is the library's front door; the CLI, the dashboard, the benchmarks and the
Dask engine all go through it::

    corpus = metrics.analyze("corpus/")                              # in memory
    corpus = metrics.analyze("corpus/", store=True, workers=None)    # .themewatch/ store
    corpus = metrics.analyze(frame, store="x.duckdb", engine="dask", progress=bar)
    corpus.stats            # analysed=N reused=M, the store used, warnings to show

The steps, always in this order:

1. **read** the source (paths, a folder, a DataFrame, texts, ``Document``s or a
   ``documents.Loaded``), unless the store holds a snapshot of exactly this input;
2. **reuse** the results the store holds for these documents (``metrics.store``);
3. **run** the per-document step on the rest, on the engine: in this process, a process
   pool (``workers``, see ``pipeline.worker_count``) or a Dask cluster;
4. **assemble** the tables and run the corpus-level steps once, then keep the results
   and a snapshot in the store.

A store that cannot be used (read-only disk, lock held too long, damaged file) never
stops the analysis and is never skipped silently: the corpus is analysed without it and
``corpus.stats.warnings`` says why, for the caller to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from metrics import pipeline, themes
from metrics import sentiment as tone
from metrics.documents import (
    DEFAULT_MAX_BYTES,
    PLAIN,
    Document,
    Loaded,
    LoadError,
    Reading,
    Source,
    load,
)
from metrics.pipeline import Corpus, Progress, Runner, Stats
from metrics.store import Unavailable, default_path, keep, open_snapshot, reuse, snapshot_key
from metrics.themes import Taxonomy

Input = Source | Sequence[Document] | Loaded
StoreArg = str | Path | bool | None
EngineArg = str | Runner | None
ENGINES = ("local", "dask")


def analyze(
    source: Input,
    *,
    store: StoreArg = None,
    workers: int | None = None,
    engine: EngineArg = None,
    taxonomy: Taxonomy | str | Path | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    write_tables: bool = False,
    date_column: str | None = None,
    guess_dates: bool = False,
    sentiment: str | None = None,
) -> Corpus:
    """Analyse documents into a ``Corpus`` of tidy tables; ``corpus.stats`` says what ran.

    ``store``: None or False analyses in memory; True uses ``default_path(source)``
    (``.themewatch/store.duckdb`` beside the corpus); a path uses that DuckDB file, so
    only documents it does not hold yet are analysed. ``workers``: processes for the
    per-document step (None: ``pipeline.worker_count`` decides from the work). ``engine``:
    "local" (default), "dask" (a local Dask cluster) or a runner such as
    ``engines.dask_runner(address)``. ``taxonomy``: a ``Taxonomy`` or a TOML path (None:
    the bundled one). ``progress(done, total)`` is called as documents finish.
    ``write_tables`` also saves the tables into the store for SQL users. ``date_column``
    names the column of tabular inputs that holds the date; ``guess_dates`` lets an
    undated document take the first date its text mentions (see ``documents.load``).
    ``sentiment``: the tone analyzer (``sentiment.ANALYZERS``; None: "textblob"), named
    in the documents' ``analyzer`` column and part of every store key; ValueError for an
    unknown name, ImportError when its extra is not installed.
    """
    analyzer = tone.check(sentiment)
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = themes.load_taxonomy(taxonomy)
    how = Reading(max_bytes, (date_column or "date").strip().lower(), guess_dates)
    runner = _runner(engine)
    path = _store_path(store, source)
    if path is None:
        return _in_memory(source, taxonomy, runner, workers, progress, how, analyzer)
    try:
        return _through_store(source, path, taxonomy, runner, workers, progress, how,
                              write_tables, analyzer)
    except Unavailable as exc:  # nothing analysed yet: the same run, in memory
        corpus = _in_memory(source, taxonomy, runner, workers, progress, how, analyzer)
        corpus.stats = Stats(corpus.stats.analysed, 0, "", (str(exc),))
        return corpus


def documents_of(source: Input, how: Reading = PLAIN
                 ) -> tuple[list[Document], list[LoadError]]:
    """The documents and load errors of any accepted input (step 1 on its own)."""
    if isinstance(source, Loaded):
        return list(source.documents), list(source.errors)
    if isinstance(source, Sequence) and source and all(isinstance(d, Document) for d in source):
        return list(source), []
    loaded = load(source, how.max_bytes, date_column=how.date_column,  # type: ignore[arg-type]
                  guess_dates=how.guess_dates)
    return loaded.documents, loaded.errors


def _runner(engine: EngineArg) -> Runner:
    if engine is None or engine == "local":
        return pipeline.run
    if engine == "dask":
        from metrics import engines

        return engines.dask_runner()
    if callable(engine):
        return engine
    raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def _store_path(arg: StoreArg, source: Input) -> Path | None:
    if arg is None or arg is False:
        return None
    if arg is True:
        return default_path(source)  # type: ignore[arg-type]
    return Path(arg)


def _in_memory(source: Input, taxonomy: Taxonomy, runner: Runner, workers: int | None,
               progress: Progress | None, how: Reading, analyzer: str) -> Corpus:
    if (runner is pipeline.run and isinstance(source, pd.DataFrame)
            and pipeline.worker_count(len(source), workers) > 1):
        got = pipeline.run_frame(source, taxonomy, workers, progress, how, analyzer)
        if got is not None:  # read and analysed in the pool, partition by partition
            docs, results = got
            return pipeline.assemble(results, [], docs, Stats(len(docs), 0))
    docs, errors = documents_of(source, how)
    results = runner(docs, taxonomy, workers=workers, progress=progress, analyzer=analyzer)
    return pipeline.assemble(results, errors, docs, Stats(len(docs), 0))


def _through_store(source: Input, path: Path, taxonomy: Taxonomy, runner: Runner,
                   workers: int | None, progress: Progress | None, how: Reading,
                   write_tables: bool, analyzer: str) -> Corpus:
    snap_key = snapshot_key(source, taxonomy, how, analyzer)
    if snap_key:
        corpus, notes = open_snapshot(path, snap_key)
        if corpus is not None:
            corpus.stats = Stats(0, len(corpus.documents), str(path), notes)
            return corpus
    docs, errors = documents_of(source, how)
    results, reused, problems = reuse(docs, taxonomy, path, runner=runner, workers=workers,
                                      progress=progress, analyzer=analyzer)
    corpus = pipeline.assemble(results, errors, docs,
                               Stats(len(docs) - reused, reused, str(path), problems))
    problems += keep(path, corpus, snap_key, write_tables)
    corpus.stats = Stats(len(docs) - reused, reused, str(path), problems)
    return corpus


__all__ = ["ENGINES", "analyze", "documents_of"]

