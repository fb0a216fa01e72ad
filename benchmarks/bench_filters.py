"""Every sidebar filter on every dashboard page of a large corpus, timed with AppTest.

    python benchmarks/bench_filters.py [--docs 10000] [--workers 2] [--dir DIR]
                                       [--pages overview,sentiment] [--json PATH]
                                       [--profile PATH]

Writes N BBC-sized documents (the generator of ``bench.py``) as CSV files under ``--dir``
(default: a temporary folder; pass a folder outside the repository to keep the files and
the filled store between runs), fills the store, then serves the folder to the dashboard
as a server corpus and times, in one process:

* ``first_page_cold_s``: the first AppTest run of the overview (reads the filled store);
* per page: the switch to the page in a new session, then a series of sidebar filter
  changes (date range, documents, themes, figure kinds, text search), each to values not
  used on another page so that no change is served from a memo a previous page left
  behind; then back to "no filter".

Before the filter changes the benchmark waits for the dashboard's background warm-up (a
user takes longer than that to reach for a filter). Targets: first page < 2 s, every
filter change < 300 ms. ``--profile PATH`` writes a cProfile of the script thread over
all the timed runs (``python -m pstats PATH``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

APP = ROOT / "dashboard" / "app.py"
PAGES = ["overview", "figures", "themes", "sentiment", "documents", "data"]
WORDS = ["minister", "bank", "film", "election", "growth", "music", "police", "oil"]
PROFILER: cProfile.Profile | None = None


def _profile_script_thread() -> None:
    """Profile the AppTest script thread (cProfile only sees the thread it runs in)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run(self):  # type: ignore[no-untyped-def]
        assert PROFILER is not None
        PROFILER.enable()
        try:
            return original(self)
        finally:
            PROFILER.disable()

    LocalScriptRunner._run_script_thread = run


def prepare(folder: Path, db: Path, docs: int, workers: int) -> dict[str, float]:
    from bench import synthetic

    import metrics

    out: dict[str, float] = {}
    if not any(folder.glob("part*.csv")):
        folder.mkdir(parents=True, exist_ok=True)
        frame = synthetic(docs)
        for i in range(0, len(frame), 1000):  # files under the 20 MB default size limit
            frame.iloc[i:i + 1000].to_csv(folder / f"part{i // 1000:03d}.csv", index=False)
    started = time.perf_counter()
    metrics.analyze(folder, store=db, workers=workers)
    out["store_s"] = time.perf_counter() - started
    return out


def _preload(folder: Path, db: Path, pickled: Path) -> None:
    """Serve the corpus from a pickle (made from the store on first use)."""
    import pickle

    import metrics
    from dashboard import corpora

    if not pickled.exists():
        corpus = metrics.analyze(folder, store=db, taxonomy=corpora.default_taxonomy())
        pickled.write_bytes(pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
    corpus = pickle.loads(pickled.read_bytes())
    key = corpora.corpus_key(corpora.path_fingerprint(folder), "default")
    corpora.cache().put(corpora.Entry(folder.name, key, corpus, corpora.default_taxonomy(),
                                      origin=folder.name))


def wait_for_warmup() -> None:
    for t in threading.enumerate():
        if t.name == "themewatch-warm":
            t.join()


def main(argv: list[str] | None = None) -> int:
    global PROFILER
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--dir", help="keep the corpus files and the store here")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--json", metavar="PATH")
    ap.add_argument("--profile", metavar="PATH")
    ap.add_argument("--reuse-corpus", action="store_true",
                    help="for quick iterations: keep the analysed corpus as a pickle under "
                         "--dir and hand it to the dashboard (no store, so the cold first "
                         "page is not measured; the store re-analyses whenever metrics/ "
                         "changes)")
    args = ap.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]

    tmp = None
    if args.dir:
        base = Path(args.dir).resolve()
        if ROOT in base.parents or base == ROOT:
            ap.error("--dir must be outside the repository")
    else:
        tmp = tempfile.TemporaryDirectory(prefix="themewatch-bench-")
        base = Path(tmp.name)
    folder, db = base / f"bench{args.docs}", base / f"store{args.docs}.duckdb"
    result: dict[str, object] = {"docs": args.docs}
    pickled = base / f"corpus{args.docs}.pkl"
    if args.reuse_corpus and pickled.exists():
        result["store_s"] = 0.0
    else:
        result.update(prepare(folder, db, args.docs, args.workers))
    if args.reuse_corpus:
        _preload(folder, db, pickled)

    from streamlit.testing.v1 import AppTest

    if args.profile:
        PROFILER = cProfile.Profile()
        _profile_script_thread()
    os.environ["THEMEWATCH_CORPORA"] = str(folder)
    os.environ["THEMEWATCH_STORE"] = str(db)
    os.environ.pop("THEMEWATCH_PASSWORD", None)

    def new_app() -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=3600)
        at.query_params["corpus"] = folder.name
        return at

    errors: list[str] = []

    def timed_run(at: AppTest) -> float:
        started = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - started
        errors.extend(str(e.value) for e in at.exception)
        return seconds

    at = new_app()
    result["first_page_cold_s"] = timed_run(at)
    wait_for_warmup()
    result["first_page_s"] = timed_run(new_app())
    entry = at.session_state["_entry"]
    ids = list(entry.corpus.documents["doc_id"])
    themes = list(at.sidebar.multiselect(key="theme").options)
    from dashboard import lookups

    theme_ids = {label: t for t, label in lookups.theme_options(entry).items()}
    themes = [theme_ids.get(t, t) for t in themes]
    has_dates = bool(at.sidebar.date_input) and len(at.sidebar.date_input) > 0
    timings: dict[str, dict[str, list[float]]] = {}
    switches: dict[str, float] = {}
    kinds = [["percent"], ["money", "count"], ["quantity"], ["year"], ["money"], ["count"]]
    for i, name in enumerate(pages):
        at = new_app()
        timed_run(at)
        at.switch_page(f"views/{name}.py")
        switches[name] = timed_run(at)
        per: dict[str, list[float]] = {}

        def change(filter_name: str, widget, value, at=at, per=per) -> None:  # type: ignore[no-untyped-def]
            widget.set_value(value)
            per.setdefault(filter_name, []).append(timed_run(at))

        if has_dates:
            lo, hi = at.sidebar.date_input(key="dates").value
            span = (hi - lo).days
            a = lo + timedelta(days=span * (i + 1) // 20)
            b = hi - timedelta(days=span * (i + 2) // 20)
            change("dates", at.sidebar.date_input(key="dates"), (a, b))
            change("dates", at.sidebar.date_input(key="dates"), (lo, hi))
        k = 37 * i
        change("doc", at.sidebar.multiselect(key="doc"), [ids[k]])
        change("doc", at.sidebar.multiselect(key="doc"), [ids[k], ids[k + 1], ids[k + 2]])
        change("doc", at.sidebar.multiselect(key="doc"), [])
        t1, t2 = themes[i % len(themes)], themes[(i + 3) % len(themes)]
        change("theme", at.sidebar.multiselect(key="theme"), [t1])
        change("theme", at.sidebar.multiselect(key="theme"), [t1, t2])
        change("theme", at.sidebar.multiselect(key="theme"), [])
        change("kind", at.sidebar.multiselect(key="kind"), kinds[i % len(kinds)])
        change("kind", at.sidebar.multiselect(key="kind"), [])
        word = WORDS[i % len(WORDS)]
        change("q", at.sidebar.text_input(key="q"), word)
        change("q", at.sidebar.text_input(key="q"), f"{word} said")
        change("q", at.sidebar.text_input(key="q"), "")
        # two at once: a theme and a search
        at.sidebar.multiselect(key="theme").set_value([t2])
        change("theme+q", at.sidebar.text_input(key="q"), WORDS[(i + 1) % len(WORDS)])
        timings[name] = per

    result["page_switch_s"] = switches
    result["filter_change_s"] = timings
    every = [s for per in timings.values() for v in per.values() for s in v]
    result["filter_change_median_s"] = statistics.median(every)
    result["filter_change_max_s"] = max(every)
    result["errors"] = errors

    print(f"docs {args.docs}: store {result['store_s']:.2f} s, first page cold "
          f"{result['first_page_cold_s']:.3f} s, warm {result['first_page_s']:.3f} s")
    filters = sorted({f for per in timings.values() for f in per})
    print(f"{'page':>10} {'switch':>7} " + " ".join(f"{f:>9}" for f in filters)
          + "   (max of each filter's changes, s)")
    for name, per in timings.items():
        print(f"{name:>10} {switches[name]:7.3f} "
              + " ".join(f"{max(per[f]):9.3f}" if f in per else f"{'-':>9}" for f in filters))
    print(f"filter changes: median {result['filter_change_median_s']:.3f} s, max "
          f"{result['filter_change_max_s']:.3f} s; errors: {len(errors)}")
    for e in errors[:5]:
        print("  error:", e[:300])
    print(f"targets: first page < 2 s -> {result['first_page_cold_s'] < 2}; every filter "
          f"change < 0.3 s -> {result['filter_change_max_s'] < 0.3}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    if PROFILER is not None:
        PROFILER.dump_stats(args.profile)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
