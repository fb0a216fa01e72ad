"""Command line: ``themewatch extract PATH... --out DIR`` (also ``python -m metrics``).

Writes one file per table, shows a progress bar on a terminal, prints a one-screen
summary (with a machine-readable ``analysed=N reused=M`` line), and exits 0 when at least
one document was analysed, 1 when none could be. Documents already in the store
(``--store``, default ``.themewatch/store.duckdb`` beside the corpus) are not analysed
again; ``--engine dask [--scheduler ADDRESS]`` runs the analysis on a Dask cluster.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

from metrics import __version__, store
from metrics.documents import DEFAULT_MAX_BYTES, Document, load
from metrics.export import FORMATS, write_tables
from metrics.figures import KEY_KINDS
from metrics.pipeline import Corpus, DocumentResult, assemble, run
from metrics.store import Runner, Stats
from metrics.themes import Taxonomy, load_taxonomy


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="themewatch",
        description="Monitor the figures, themes and tone of a set of documents.",
    )
    parser.add_argument("--version", action="version", version=f"themewatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="analyse documents and write one file per table")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="files or folders (.txt .md .html .htm .csv .jsonl)")
    ex.add_argument("--out", required=True, metavar="DIR", help="folder for the table files")
    ex.add_argument("--format", choices=FORMATS, default=None,
                    help="file format (csv; parquet with --engine dask)")
    ex.add_argument("--themes", metavar="FILE", help="taxonomy TOML file (default: bundled)")
    ex.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes for the analysis (default: number of cores)")
    ex.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024,
                    help="skip files larger than this, in MB (default 20)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.add_argument("--store", metavar="PATH",
                    help="DuckDB store of analysed documents: only new or changed documents "
                         "are analysed (default: .themewatch/store.duckdb beside the corpus)")
    ex.add_argument("--no-store", action="store_true", help="analyse everything, store nothing")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local process pool (default) or a Dask distributed cluster")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: start "
                         "a local cluster); implies --engine dask")
    return parser


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        width = 30
        filled = int(width * done / total)
        rate = done / max(1e-9, time.perf_counter() - self.started)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                         f"documents  {rate:,.0f}/s")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def summary(corpus: Corpus, paths: Sequence[Path], seconds: float,
            stats: Stats | None = None) -> str:
    """A one-screen summary of what was analysed and written."""
    docs, figs = corpus.documents, corpus.figures
    errors = corpus.errors[corpus.errors["severity"] == "error"]
    warnings = corpus.errors[corpus.errors["severity"] != "error"]
    lines = [
        f"analysed {len(docs)} documents, {len(corpus.sentences)} sentences, "
        f"{len(figs)} figures in {seconds:.1f} s",
    ]
    if stats is not None:
        where = f" (store {stats.store})" if stats.store else " (no store)"
        lines.append(f"{stats}{where}")
    if len(docs):
        lines.append(f"mean polarity {docs['polarity'].mean():+.3f}, "
                     f"subjectivity {docs['subjectivity'].mean():.3f}")
        top = docs["top_theme_label"].replace("", "(none)").value_counts().head(5)
        lines.append("top themes: " + ", ".join(f"{k} ({v})" for k, v in top.items()))
        key = figs[figs["kind"].isin(list(KEY_KINDS))]
        if len(key):
            lines.append("figures by kind: " + ", ".join(
                f"{k} {v}" for k, v in figs["kind"].value_counts().items()))
    for _, err in errors.head(10).iterrows():
        where = err["path"] if err["row"] is None or err["row"] != err["row"] \
            else f"{err['path']}:{err['row']}"
        lines.append(f"error: {where}: {err['reason']}")
    if len(errors) > 10:
        lines.append(f"... and {len(errors) - 10} more errors (see errors file)")
    if len(warnings):
        lines.append(f"{len(warnings)} warnings (see errors file)")
    lines.append("wrote " + ", ".join(str(p) for p in paths))
    return "\n".join(lines)


def _runner(args: argparse.Namespace) -> Runner:
    """The analysis engine: the local process pool, or Dask when asked."""
    if args.engine == "dask" or args.scheduler:
        from metrics import engines

        return engines.dask_runner(args.scheduler)
    return run


def _analyse(args: argparse.Namespace, docs: list[Document], taxonomy: Taxonomy,
             progress: ProgressBar) -> tuple[list[DocumentResult], Stats]:
    """Run the engine, through the store unless ``--no-store`` (or it cannot be opened)."""
    runner = _runner(args)
    if not args.no_store and docs:
        path = Path(args.store) if args.store else store.default_path(
            [Path(p) for p in args.paths])
        try:
            return store.cached_run(docs, taxonomy, path, workers=args.workers,
                                    progress=progress, runner=runner)
        except (OSError, duckdb.Error) as exc:
            print(f"themewatch: store {path} unavailable ({exc}); analysing without it",
                  file=sys.stderr)
    results = runner(docs, taxonomy, workers=args.workers, progress=progress)
    return results, Stats(len(results), 0)


def extract(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    fmt = args.format or ("parquet" if args.engine == "dask" or args.scheduler else "csv")
    try:
        taxonomy = load_taxonomy(args.themes)
    except (OSError, ValueError) as exc:
        print(f"themewatch: cannot read taxonomy {args.themes}: {exc}", file=sys.stderr)
        return 2
    loaded = load([Path(p) for p in args.paths], max_bytes=int(args.max_mb * 1024 * 1024))
    try:
        results, stats = _analyse(args, loaded.documents, taxonomy,
                                  ProgressBar(not args.quiet))
    except ImportError as exc:
        print(f"themewatch: the dask engine needs the 'dask' extra "
              f"(pip install 'themewatch[dask]'): {exc}", file=sys.stderr)
        return 2
    corpus = assemble(results, loaded.errors, {d.doc_id: d.text for d in loaded.documents})
    paths = write_tables(corpus.tables(), args.out, fmt)
    print(summary(corpus, paths, time.perf_counter() - started, stats))
    if not len(corpus.documents):
        print("themewatch: no document could be analysed (see the errors above)",
              file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``themewatch`` command."""
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        return extract(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
