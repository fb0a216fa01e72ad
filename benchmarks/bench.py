"""Speed and memory of themewatch against the pipeline a TextBlob user would write.

    python benchmarks/bench.py --docs N [--workers K] [--no-naive] [--no-cli] [--json PATH]
                               [--sizes 1000,2000,5000,10000,20000] [--repeat R]

Corpus: the 2,225 BBC articles of ``../shared/corpus/bbc_news.csv`` (read at run time,
never copied), shuffled with a fixed seed and scaled to N documents by a seeded
generator: document i is article i mod 2225; past the first 2225, about a third of its
sentences are swapped for sentences of other articles of the same category and its
numbers are varied, so every document is new text of BBC size.

Contenders, each timed in a fresh subprocess so peak memory is not mixed up (peak RSS is
the process plus its worker processes, sampled every 20 ms with psutil; corpus generation
is not timed):

* ``themewatch``: ``metrics.analyze(frame, workers=K)`` on all N documents.
* ``themewatch_single``: the same with one worker, on the first M documents (M = min(N,
  1000)), to compare with the floor; it and the floor run interleaved, --repeat times
  (default 3), and the fastest of each is kept.
* ``floor``: ``TextBlob(sentence).sentiment`` for every sentence of the first M documents,
  sentences split beforehand and not timed: the cost any TextBlob pipeline pays.
* ``naive``: per document ``TextBlob(text).sentiment``, ``TextBlob(sentence).sentiment``
  per sentence and quantulum3 ``parser.parse(text)`` for figures, rows gathered into
  DataFrames, on the first min(N, --naive-docs) documents. ``TextBlob.sentences`` needs
  NLTK punkt data that is not installable offline, so the naive pipeline splits
  sentences with ``metrics.text.sentences`` (a port of nltk's Punkt, no data).
* ``cli``: ``themewatch extract`` on all N documents as one CSV file, with a new store
  and CSV output (the whole path a user runs), then once more with every document in the
  store (``warm_seconds``). ``--no-cli`` skips it.

Ratios are of docs/s: themewatch (K workers) over naive (one process, as a user runs
it); themewatch single-worker over the floor. ``--sizes`` also runs themewatch at each
size to show the cost per document stays flat. Each run also reports CPU seconds (user +
system, of the process and its pool workers): on a shared, busy machine wall time varies
with the neighbours, CPU time per document does not.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpus" / "bbc_news.csv"
sys.path.insert(0, str(ROOT))

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


# --- corpus --------------------------------------------------------------------------------


def synthetic(n: int, seed: int = 13):
    """N BBC-sized documents as a DataFrame (id, category, title, text)."""
    import pandas as pd

    from metrics import text as text_mod

    # shuffled, so that every size has the same mix of categories (the file is sorted)
    base = pd.read_csv(BBC).sample(frac=1.0, random_state=seed).reset_index(drop=True)
    if n <= len(base):
        return base.head(n)
    rnd = random.Random(seed)
    paragraphs = [[p for p in body.split("\n") if p.strip()] for body in base["text"]]
    pool: dict[str, list[str]] = {}
    for cat, paras in zip(base["category"], paragraphs, strict=True):
        for p in paras:
            pool.setdefault(cat, []).extend(p[a:b] for a, b in text_mod.sentences(p))
    rows = base.to_dict("records")
    for i in range(len(base), n):
        src = rows[i % len(base)]
        cat = src["category"]
        new_paras = []
        for p in paragraphs[i % len(base)]:
            sents = [p[a:b] for a, b in text_mod.sentences(p)]
            sents = [rnd.choice(pool[cat]) if rnd.random() < 0.33 else s for s in sents]
            new_paras.append(" ".join(sents))
        body = _NUMBER.sub(lambda m: _vary(m.group(), rnd), "\n\n".join(new_paras))
        rows.append({"id": f"synthetic/{i:06d}", "category": cat,
                     "title": src["title"], "text": body})
    return pd.DataFrame(rows)


def _vary(number: str, rnd: random.Random) -> str:
    if "." in number or rnd.random() < 0.5:
        return number
    return str(max(1, int(int(number) * rnd.uniform(0.5, 1.5))))


# --- contenders (run in a child process) ----------------------------------------------------


def run_themewatch(frame, workers: int) -> None:
    import metrics

    corpus = metrics.analyze(frame, workers=workers)
    assert len(corpus.documents) == len(frame), "themewatch dropped documents"


def run_floor(frame, workers: int) -> tuple[float, float]:
    """Returns the wall and CPU seconds of the TextBlob calls only (splitting not timed)."""
    from textblob import TextBlob

    from metrics import text as text_mod

    sentences = [t[a:b] for t in frame["text"] for a, b in text_mod.sentences(t)]
    started, cpu = time.perf_counter(), time.process_time()
    for s in sentences:
        TextBlob(s).sentiment  # noqa: B018 - the work being measured
    return time.perf_counter() - started, time.process_time() - cpu


def run_naive(frame, workers: int) -> None:
    import pandas as pd
    from quantulum3 import parser
    from textblob import TextBlob

    from metrics import text as text_mod

    docs, sents, figs = [], [], []
    for doc_id, body in zip(frame["id"], frame["text"], strict=True):
        tone = TextBlob(body).sentiment
        docs.append((doc_id, tone.polarity, tone.subjectivity))
        for sid, (a, b) in enumerate(text_mod.sentences(body)):
            s = TextBlob(body[a:b]).sentiment
            sents.append((doc_id, sid, body[a:b], s.polarity, s.subjectivity))
        for q in parser.parse(body):
            figs.append((doc_id, q.surface, q.value, q.unit.name))
    pd.DataFrame(docs), pd.DataFrame(sents), pd.DataFrame(figs)


def run_cli(frame, workers: int) -> dict:
    """``themewatch extract`` on the documents as one CSV file, writing CSV tables: with an
    empty store (timed as this contender), then again with every document stored
    (``warm_seconds``). Writing the input file is not timed."""
    import tempfile

    from metrics import cli

    with tempfile.TemporaryDirectory(prefix="themewatch-bench-cli-") as tmp:
        corpus = Path(tmp) / "corpus.csv"
        frame.to_csv(corpus, index=False)
        argv = ["extract", str(corpus), "--out", str(Path(tmp) / "out"), "--quiet",
                "--workers", str(workers), "--store", str(Path(tmp) / "store.duckdb"),
                "--max-mb", "1000"]
        times = []
        for _ in range(2):
            started, cpu = time.perf_counter(), _cpu_seconds()
            with contextlib.redirect_stdout(sys.stderr):
                assert cli.main(argv) == 0, "themewatch extract failed"
            times.append((time.perf_counter() - started, _cpu_seconds() - cpu))
    return {"seconds": times[0][0], "cpu_seconds": times[0][1], "warm_seconds": times[1][0]}


CONTENDERS = {"themewatch": run_themewatch, "themewatch_single": run_themewatch,
              "floor": run_floor, "naive": run_naive, "cli": run_cli}


class PeakRSS:
    """Peak resident memory of this process plus its children, sampled in a thread."""

    def __init__(self, interval: float = 0.02) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        total = self.proc.memory_info().rss
        for child in self.proc.children(recursive=True):
            with contextlib.suppress(Exception):  # a child may exit between calls
                total += child.memory_info().rss
        self.peak = max(self.peak, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()


def child(name: str, docs: int, workers: int) -> dict:
    """Run one contender on ``docs`` documents and report its timings."""
    frame = synthetic(docs)
    mb = float(frame["text"].str.len().sum()) / 1e6  # characters ~ bytes (mostly ASCII)
    cpu_before = _cpu_seconds()
    with PeakRSS() as rss:
        started = time.perf_counter()
        inner = CONTENDERS[name](frame, workers)
        seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    if isinstance(inner, tuple):
        seconds, cpu = inner
    elif isinstance(inner, dict):  # the contender timed its own part
        inner = dict(inner)
        seconds, cpu = inner.pop("seconds", seconds), inner.pop("cpu_seconds", cpu)
    return {"name": name, "docs": docs, "workers": workers, "seconds": seconds,
            "cpu_seconds": cpu, "docs_per_s": docs / seconds, "mb_per_s": mb / seconds,
            "mb": mb, "cpu_ms_per_doc": 1000 * cpu / docs, "peak_rss_mb": rss.peak / 2**20,
            **(inner if isinstance(inner, dict) else {})}


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (pool workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(name: str, docs: int, workers: int) -> dict:
    """``child`` in a fresh interpreter: nothing cached, memory peaks kept apart."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, "--docs", str(docs),
         "--workers", str(workers)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- report ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-naive", action="store_true", help="skip the slow naive pipeline")
    ap.add_argument("--no-cli", action="store_true",
                    help="skip timing `themewatch extract` (CSV in, store, CSV out)")
    ap.add_argument("--naive-docs", type=int, default=300,
                    help="documents for the naive pipeline (the first of the N; default 300)")
    ap.add_argument("--single-docs", type=int, default=1000,
                    help="documents for the single-worker and floor runs (default 1000)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of the single-worker/floor pair, fastest kept (default 3)")
    ap.add_argument("--sizes", default="", help="also run themewatch at these sizes, e.g. "
                    "1000,2000,5000,10000,20000, to show the cost per document")
    ap.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.docs, args.workers)))
        return 0
    if not BBC.exists():
        print(f"bench: {BBC} not found", file=sys.stderr)
        return 2

    small = min(args.docs, args.single_docs)
    runs = {"themewatch": measure("themewatch", args.docs, args.workers)}
    # the single-worker run and the floor are compared with each other: interleave them
    # and keep the fastest of --repeat runs each, so a busy neighbour hurts neither
    pairs = [(measure("themewatch_single", small, 1), measure("floor", small, 1))
             for _ in range(max(1, args.repeat))]
    runs["themewatch_single"] = min((p[0] for p in pairs), key=lambda r: r["seconds"])
    runs["floor"] = min((p[1] for p in pairs), key=lambda r: r["seconds"])
    if not args.no_naive:
        runs["naive"] = measure("naive", min(args.docs, args.naive_docs), 1)
    if not args.no_cli:
        runs["cli"] = measure("cli", args.docs, args.workers)
    scaling = [runs["themewatch"] if int(n) == args.docs
               else measure("themewatch", int(n), args.workers)
               for n in args.sizes.split(",") if n.strip()]

    tw, single, floor = runs["themewatch"], runs["themewatch_single"], runs["floor"]
    naive = runs.get("naive")
    result = {
        "docs": args.docs,
        "workers": args.workers,
        "seconds": tw["seconds"],
        "themewatch_docs_per_s": tw["docs_per_s"],
        "themewatch_mb_per_s": tw["mb_per_s"],
        "themewatch_single_docs_per_s": single["docs_per_s"],
        "sentiment_floor_docs_per_s": floor["docs_per_s"],
        "floor_ratio": single["docs_per_s"] / floor["docs_per_s"],
        "naive_docs_per_s": naive["docs_per_s"] if naive else None,
        "ratio": tw["docs_per_s"] / naive["docs_per_s"] if naive else None,
        "peak_rss_mb": tw["peak_rss_mb"],
        "runs": runs,
        "cpu_seconds": tw["cpu_seconds"],
        # CPU time does not grow when neighbours compete for the cores: the same
        # comparisons in CPU ms per document (less is better)
        "themewatch_cpu_ms_per_doc": tw["cpu_ms_per_doc"],
        "naive_cpu_ms_per_doc": naive["cpu_ms_per_doc"] if naive else None,
        "cpu_ratio": naive["cpu_ms_per_doc"] / tw["cpu_ms_per_doc"] if naive else None,
        "floor_cpu_ratio": floor["cpu_ms_per_doc"] / single["cpu_ms_per_doc"],
        "idle_cores_seconds_estimate": tw["cpu_seconds"] / args.workers,
        "scaling": [{"docs": s["docs"], "seconds": s["seconds"],
                     "ms_per_doc": 1000 * s["seconds"] / s["docs"],
                     "cpu_ms_per_doc": s["cpu_ms_per_doc"],
                     "peak_rss_mb": s["peak_rss_mb"]} for s in scaling],
    }
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


def table(r: dict) -> str:
    lines = [f"{'contender':<34}{'docs':>7}{'seconds':>9}{'docs/s':>9}{'MB/s':>8}"
             f"{'CPU ms/doc':>12}{'peak RSS MB':>13}"]
    labels = {"themewatch": f"themewatch ({r['workers']} workers)",
              "themewatch_single": "themewatch (1 worker)",
              "floor": "floor: TextBlob per sentence only",
              "naive": "naive TextBlob + quantulum3",
              "cli": "themewatch extract (CSV, store)"}
    for key, run in r["runs"].items():
        lines.append(f"{labels[key]:<34}{run['docs']:>7}{run['seconds']:>9.1f}"
                     f"{run['docs_per_s']:>9.1f}{run['mb_per_s']:>8.2f}"
                     f"{run['cpu_ms_per_doc']:>12.2f}{run['peak_rss_mb']:>13.0f}")
    if "cli" in r["runs"]:
        lines.append(f"themewatch extract again, every document in the store: "
                     f"{r['runs']['cli']['warm_seconds']:.1f} s")
    if r["ratio"] is not None:
        lines.append(f"themewatch / naive: {r['ratio']:.1f}x (target >= 20x)")
    lines.append(f"themewatch single worker / floor: {r['floor_ratio']:.2f}x (target >= 1.2x)")
    if r["cpu_ratio"] is not None:
        lines.append(f"in CPU time per document: naive / themewatch {r['cpu_ratio']:.1f}x; "
                     f"themewatch {r['workers']} workers ~ {r['cpu_ratio'] * r['workers']:.0f}x "
                     "the naive docs/s on idle cores")
    lines.append(f"in CPU time per document: floor / themewatch single {r['floor_cpu_ratio']:.2f}x;"
                 f" {r['docs']} docs on {r['workers']} idle cores >= "
                 f"{r['idle_cores_seconds_estimate']:.1f} s (CPU seconds / workers)")
    if r["scaling"]:
        base, cpu_base = r["scaling"][0]["ms_per_doc"], r["scaling"][0]["cpu_ms_per_doc"]
        lines.append("cost per document (wall; CPU of all processes, which a busy machine "
                     "does not inflate):")
        for s in r["scaling"]:
            lines.append(f"  {s['docs']:>6} docs: {s['ms_per_doc']:6.2f} ms "
                         f"({s['ms_per_doc'] / base:.2f}x), CPU {s['cpu_ms_per_doc']:6.2f} ms "
                         f"({s['cpu_ms_per_doc'] / cpu_base:.2f}x), peak {s['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
