"""Command line (also ``python -m metrics``):

* ``themewatch extract PATH... --out DIR`` writes one file per table, shows a progress
  bar on a terminal, prints a one-screen summary (with a machine-readable
  ``analysed=N reused=M`` line), and exits 0 when every input was analysed, 4 when some
  could not be, 1 when none could be. Documents already in the store (``--store``, default
  ``.themewatch/store.duckdb`` beside the corpus) are not analysed again; ``--engine dask
  [--scheduler ADDRESS]`` runs the analysis on a Dask cluster; ``--sentiment NAME``
  chooses the tone analyzer (default textblob; exit 2 when its extra is missing).
* ``themewatch ingest SOURCE... --store PATH`` adds new documents to a store (a stream)
  and prints ``new=N duplicate=M errors=K``; ``themewatch watch`` does it every
  ``--every``; ``themewatch export --store PATH --out DIR`` writes the store's tables.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from metrics import __version__, alerts, changes, stream
from metrics import sentiment as tone
from metrics.analysis import analyze
from metrics.documents import DEFAULT_MAX_BYTES
from metrics.export import FORMATS, to_csv_bytes, write_tables
from metrics.figures import KEY_KINDS
from metrics.pipeline import Corpus, Runner, Stats
from metrics.store import Unavailable
from metrics.themes import Taxonomy, load_taxonomy


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="themewatch",
        description="Monitor the figures, themes and tone of a stream of documents.",
    )
    parser.add_argument("--version", action="version", version=f"themewatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="analyse documents and write one file per table")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="files or folders (.txt .md .html .htm .csv .jsonl)")
    ex.add_argument("--out", required=True, metavar="DIR", help="folder for the table files")
    ex.add_argument("--format", choices=FORMATS, default=None,
                    help="file format (csv; parquet with --engine dask)")
    _analysis_options(ex)
    ex.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024,
                    help="skip files larger than this, in MB (default 20)")
    ex.add_argument("--store", metavar="PATH",
                    help="DuckDB store of analysed documents: only new or changed documents "
                         "are analysed (default: .themewatch/store.duckdb beside the corpus)")
    ex.add_argument("--no-store", action="store_true", help="analyse everything, store nothing")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local process pool (default) or a Dask distributed cluster")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: start "
                         "a local cluster); implies --engine dask")

    ing = sub.add_parser("ingest", help="add new documents (files, folders, CSV/JSONL, feeds) "
                                        "to a store and analyse only them")
    _stream_options(ing)

    exp = sub.add_parser("export", help="write every table of a store's corpus")
    exp.add_argument("--store", required=True, metavar="PATH", help="the DuckDB store")
    exp.add_argument("--out", required=True, metavar="DIR", help="folder for the table files")
    exp.add_argument("--format", choices=FORMATS, default="csv", help="file format (csv)")
    exp.add_argument("--themes", metavar="FILE", help="taxonomy TOML file (default: bundled)")
    exp.add_argument("--with-duplicates", action="store_true",
                     help="also export near-duplicates (linked by duplicate_of)")
    _sentiment_option(exp)

    watch = sub.add_parser("watch", help="poll folders and feeds, ingesting what is new")
    _stream_options(watch)
    watch.add_argument("--every", default="15m", metavar="INTERVAL",
                       help="time between rounds: 90s, 15m, 1h (default 15m)")
    watch.add_argument("--rounds", type=int, default=0, metavar="N",
                       help="stop after N rounds (default: until Ctrl-C or SIGTERM)")
    ch = sub.add_parser("changes", help="what rose and fell in a period against the periods "
                                        "before it")
    ch.add_argument("--store", required=True, metavar="PATH", help="the DuckDB store")
    ch.add_argument("--period", choices=tuple(changes.PERIODS), default="day",
                    help="day, week (ISO) or month (default day)")
    ch.add_argument("--at", metavar="DATE",
                    help="a date in the period to look at (default: the latest with documents)")
    ch.add_argument("--baseline", type=int, metavar="N",
                    help="earlier periods with documents to compare with (default: 7 days, "
                         "4 weeks or 3 months)")
    ch.add_argument("--format", choices=("csv", "json"), default="csv", help="csv or json")
    ch.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    ch.add_argument("--themes", metavar="FILE", help="taxonomy TOML file (default: bundled)")
    _sentiment_option(ch)

    al = sub.add_parser("alerts", help="check watch-list rules; print each new alert once "
                                       "(exit 3 when one fired)")
    al.add_argument("--store", required=True, metavar="PATH", help="the DuckDB store")
    _alert_options(al, required=True)
    al.add_argument("--themes", metavar="FILE", help="taxonomy TOML file (default: bundled)")
    _sentiment_option(al)
    return parser


def _alert_options(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--rules", required=required, metavar="FILE",
                   help="watch-list rules (TOML): checked after every ingest")
    p.add_argument("--since", metavar="DATE",
                   help="only alerts for periods from this date on (default: all)")
    p.add_argument("--sink", metavar="FILE.jsonl", help="append new alerts to this JSON-lines file")
    p.add_argument("--webhook", metavar="URL", help="POST new alerts as JSON to this URL")


def _analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--themes", metavar="FILE", help="taxonomy TOML file (default: bundled)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes for the analysis (default: every core when there are "
                        "32 or more new documents, else 1)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--date-column", metavar="NAME",
                   help="the CSV/JSONL column that holds each row's date (default: date)")
    p.add_argument("--guess-dates", action="store_true",
                   help="let an undated document take the first date its text mentions "
                        "(off: such a date stays in date_guess and drives no trend)")
    _sentiment_option(p)


def _sentiment_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sentiment", choices=tuple(tone.ANALYZERS), default=tone.DEFAULT,
                   metavar="NAME",
                   help="tone analyzer: " + "; ".join(f"{k}: {v}" for k, v in
                                                      tone.ANALYZERS.items()))


def _analyzer_problem(args: argparse.Namespace) -> str | None:
    """Why the chosen tone analyzer cannot run here (its extra is missing), or None."""
    try:
        tone.check(args.sentiment)
    except ImportError as exc:
        return str(exc)
    return None


def _stream_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="files, folders, CSV/JSONL, or RSS/Atom feeds (URL or file)")
    p.add_argument("--store", required=True, metavar="PATH", help="the DuckDB store")
    _analysis_options(p)
    _alert_options(p)


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
        by = ", ".join(docs["analyzer"].unique()) if "analyzer" in docs else tone.DEFAULT
        lines.append(f"mean polarity {docs['polarity'].mean():+.3f}, "
                     f"subjectivity {docs['subjectivity'].mean():.3f} (tone by {by})")
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


def _engine(args: argparse.Namespace) -> Runner | str:
    """The analysis engine: the local process pool, or Dask when asked."""
    if args.engine == "dask" or args.scheduler:
        from metrics import engines

        return engines.dask_runner(args.scheduler)
    return "local"


def extract(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    fmt = args.format or ("parquet" if args.engine == "dask" or args.scheduler else "csv")
    try:
        taxonomy = load_taxonomy(args.themes)
    except (OSError, ValueError) as exc:
        print(f"themewatch: cannot read taxonomy {args.themes}: {exc}", file=sys.stderr)
        return 2
    problem = _unwritable(Path(args.out))
    if problem:  # said before the analysis, not after it
        print(f"themewatch: cannot write to --out {args.out}: {problem}", file=sys.stderr)
        return 1
    paths = [Path(p) for p in args.paths]
    try:
        corpus = analyze(paths, store=False if args.no_store else (args.store or True),
                         workers=args.workers, engine=_engine(args), taxonomy=taxonomy,
                         progress=ProgressBar(not args.quiet),
                         max_bytes=int(args.max_mb * 1024 * 1024),
                         date_column=args.date_column, guess_dates=args.guess_dates,
                         sentiment=args.sentiment)
    except ImportError as exc:
        print(f"themewatch: the dask engine needs the 'dask' extra "
              f"(pip install 'themewatch[dask]'): {exc}", file=sys.stderr)
        return 2
    for note in corpus.stats.warnings:
        print(f"themewatch: {note}", file=sys.stderr)
    try:
        written = write_tables(corpus.tables(), args.out, fmt)
    except OSError as exc:
        print(f"themewatch: cannot write to --out {args.out}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(summary(corpus, written, time.perf_counter() - started, corpus.stats))
    if not len(corpus.documents):
        print("themewatch: no document could be analysed (see the errors above)",
              file=sys.stderr)
        return 1
    return SOME_INPUTS_FAILED if (corpus.errors["severity"] == "error").any() else 0


SOME_INPUTS_FAILED = 4  # exit code: documents were analysed, but some inputs could not be


def _unwritable(folder: Path) -> str | None:
    """Why no table can be written into ``folder`` (None when one can)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".themewatch-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def ingest(args: argparse.Namespace) -> int:
    """``themewatch ingest``: one round; exit 1 when nothing could be read."""
    try:
        taxonomy = load_taxonomy(args.themes)
    except (OSError, ValueError) as exc:
        print(f"themewatch: cannot read taxonomy {args.themes}: {exc}", file=sys.stderr)
        return 2
    try:
        report = stream.ingest(args.sources, args.store, taxonomy=taxonomy,
                               workers=args.workers, progress=ProgressBar(not args.quiet),
                               date_column=args.date_column, guess_dates=args.guess_dates,
                               sentiment=args.sentiment)
    except Unavailable as exc:
        print(f"themewatch: {exc}", file=sys.stderr)
        return 1
    print(stream_summary(report))
    if args.rules:
        fired = check_alerts(args, taxonomy)
        if fired is None:
            return 2
    return 1 if report.failed and not (report.new or report.duplicate) else 0


def check_alerts(args: argparse.Namespace, taxonomy: Taxonomy) -> int | None:
    """Check ``--rules`` against the store's corpus, print each new alert once, append it
    to ``--sink`` and POST it to ``--webhook``. Returns how many fired (None: bad rules)."""
    try:
        rules = alerts.load_rules(args.rules)
    except alerts.RulesError as exc:
        print(f"themewatch: {exc}", file=sys.stderr)
        return None
    try:
        corpus = stream.corpus(args.store, taxonomy=taxonomy, sentiment=args.sentiment)
        fresh = alerts.raise_new(args.store, alerts.evaluate(rules, corpus, args.since))
    except (ValueError, Unavailable) as exc:
        print(f"themewatch: {exc}", file=sys.stderr)
        return None
    for alert in fresh:
        print(alert)
    if fresh and args.sink:
        alerts.append_sink(args.sink, fresh)
    if fresh and args.webhook:
        try:
            alerts.post_webhook(args.webhook, fresh)
        except (OSError, ValueError) as exc:  # the alerts stand; the sink has them
            print(f"themewatch: webhook failed: {exc}", file=sys.stderr)
    print(f"alerts new={len(fresh)}")
    return len(fresh)


def alerts_command(args: argparse.Namespace) -> int:
    """``themewatch alerts``: exit 3 when a new alert fired, 0 when none, 2 for a bad rule
    file, 1 when the store cannot be read."""
    if not Path(args.store).exists():
        print(f"themewatch: no store at {args.store}", file=sys.stderr)
        return 1
    try:
        taxonomy = load_taxonomy(args.themes)
    except (OSError, ValueError) as exc:
        print(f"themewatch: cannot read taxonomy {args.themes}: {exc}", file=sys.stderr)
        return 2
    fired = check_alerts(args, taxonomy)
    if fired is None:
        return 2
    return 3 if fired else 0


def stream_summary(report: stream.IngestReport) -> str:
    """The machine-readable line, then one line per input that could not be read."""
    lines = [f"{report} near_duplicate={report.near} ({report.stats})"]
    lines += [f"error: {e}" for e in report.failed[:20]]
    lines += [f"warning: {w}" for w in report.stats.warnings]
    return "\n".join(lines)


def export(args: argparse.Namespace) -> int:
    """``themewatch export``: the store's corpus as one file per table."""
    if not Path(args.store).exists():
        print(f"themewatch: no store at {args.store}", file=sys.stderr)
        return 1
    try:
        corpus = stream.corpus(args.store, taxonomy=load_taxonomy(args.themes),
                               with_duplicates=args.with_duplicates, sentiment=args.sentiment)
    except (OSError, ValueError, Unavailable) as exc:
        print(f"themewatch: {exc}", file=sys.stderr)
        return 1
    written = write_tables(corpus.tables(), args.out, args.format)
    print(f"exported {len(corpus.documents)} documents ({corpus.stats}) to "
          + ", ".join(str(p) for p in written))
    return 0


def _why_no_change(corpus: Corpus, args: argparse.Namespace) -> str:
    """Why ``changes`` found nothing: no documents in the period asked for, none before
    it, or documents in both that differ too little."""
    dated = int(corpus.documents["date"].notna().sum())
    win = changes.window(corpus, args.period, args.at, args.baseline)
    if win is None:
        return f"none of the {len(corpus.documents)} documents is dated"
    if win.docs.empty:
        return f"no document is dated in the {args.period} of {win.period}"
    if win.baseline_docs.empty:
        return f"no document is dated before the {args.period} of {win.period}"
    return (f"{len(win.docs)} documents in the {args.period} of {win.period} against "
            f"{len(win.baseline_docs)} in the {len(win.baseline)} {args.period}s before; "
            f"nothing rose or fell beyond the thresholds ({dated} of "
            f"{len(corpus.documents)} documents are dated)")


def watch(args: argparse.Namespace) -> int:
    """``themewatch watch``: ingest rounds until Ctrl-C, SIGTERM or ``--rounds``."""
    try:
        every = parse_interval(args.every)
        taxonomy = load_taxonomy(args.themes)
    except (OSError, ValueError) as exc:
        print(f"themewatch: {exc}", file=sys.stderr)
        return 2
    if args.rules:
        try:
            alerts.load_rules(args.rules)
        except alerts.RulesError as exc:
            print(f"themewatch: {exc}", file=sys.stderr)
            return 2
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    rounds = 0
    while not stop.is_set():
        rounds += 1
        try:
            report = stream.ingest(args.sources, args.store, taxonomy=taxonomy,
                                   workers=args.workers, date_column=args.date_column,
                                   guess_dates=args.guess_dates, sentiment=args.sentiment)
            line = stream_summary(report)
        except Unavailable as exc:  # e.g. another writer held the store: next round
            line, report = f"error: {exc}", None
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        print(f"{stamp} round {rounds}: {line}", flush=True)
        if args.rules and report is not None and check_alerts(args, taxonomy) is None:
            return 2
        if args.rounds and rounds >= args.rounds:
            break
        stop.wait(every)
    print(f"themewatch: watch stopped after {rounds} rounds", flush=True)
    return 0


def parse_interval(text: str) -> float:
    """Seconds in "90s", "15m", "1h" or a bare number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    raw = text.strip().lower()
    try:
        value = float(raw[:-1]) * units[raw[-1]] if raw[-1:] in units else float(raw)
    except ValueError:
        raise ValueError(f"interval {text!r}: write it as 90s, 15m or 1h") from None
    if value <= 0:
        raise ValueError(f"interval {text!r} must be positive")
    return value


def changes_command(args: argparse.Namespace) -> int:
    """``themewatch changes``: one row per change, rises first, by score."""
    if not Path(args.store).exists():
        print(f"themewatch: no store at {args.store}", file=sys.stderr)
        return 1
    try:
        corpus = stream.corpus(args.store, taxonomy=load_taxonomy(args.themes),
                               sentiment=args.sentiment)
        table = changes.changes(corpus, args.period, args.at, args.baseline)
    except (OSError, ValueError, Unavailable) as exc:
        print(f"themewatch: {exc}", file=sys.stderr)
        return 1
    if table.empty:
        print(f"themewatch: no change to report ({_why_no_change(corpus, args)})",
              file=sys.stderr)
    text = (to_csv_bytes(table).decode("utf-8") if args.format == "csv"
            else table.to_json(orient="records", indent=1, force_ascii=False) + "\n")
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


COMMANDS = {"extract": extract, "ingest": ingest, "export": export, "watch": watch,
            "changes": changes_command, "alerts": alerts_command}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``themewatch`` command."""
    args = build_parser().parse_args(argv)
    problem = _analyzer_problem(args) if getattr(args, "sentiment", None) else None
    if problem:
        print(f"themewatch: {problem}", file=sys.stderr)
        return 2
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
