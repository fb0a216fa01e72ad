"""Dashboard speed on a large corpus, measured with Streamlit's AppTest.

    python benchmarks/bench_dashboard.py [--docs 10000] [--workers 2] [--json PATH]

Writes N BBC-sized documents (the generator of ``bench.py``) as CSV files in a temporary
folder (never in the repository), fills an incremental store with their analysis, then
serves that folder to the dashboard as a server corpus (``THEMEWATCH_CORPORA``) and times:

* ``store_cold_s``: analysing the corpus into the store (``metrics.analyze(store=)``);
* ``store_warm_s``: reading the whole corpus back from the store (every document reused),
  what a fresh dashboard process pays when it adopts the store;
* ``first_page_cold_s``: the first AppTest run of the overview in this process, the
  dashboard reading the filled store (``THEMEWATCH_STORE``) through the front door,
  which re-opens the corpus snapshot (target < 2 s);
* ``first_page_s``: a new session's first page once the process holds the corpus;
* ``filter_change_s``: re-running after a sidebar filter change, median of several
  (target < 300 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

APP = ROOT / "dashboard" / "app.py"


def timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", metavar="PATH")
    args = ap.parse_args(argv)

    from bench import synthetic
    from streamlit.testing.v1 import AppTest

    import metrics

    result: dict[str, object] = {"docs": args.docs}
    with tempfile.TemporaryDirectory(prefix="themewatch-bench-") as tmp:
        folder = Path(tmp) / f"bench{args.docs}"
        folder.mkdir()
        frame = synthetic(args.docs)
        for i in range(0, len(frame), 1000):  # files under the 20 MB default size limit
            frame.iloc[i:i + 1000].to_csv(folder / f"part{i // 1000:03d}.csv", index=False)
        db = Path(tmp) / "store.duckdb"
        _, result["store_cold_s"] = timed(lambda: metrics.analyze(
            folder, store=db, workers=args.workers))
        corpus, result["store_warm_s"] = timed(lambda: metrics.analyze(folder, store=db))
        assert corpus.stats.analysed == 0 and len(corpus) == args.docs, corpus.stats
        result["sentences"] = len(corpus.sentences)
        result["figures"] = len(corpus.figures)

        os.environ["THEMEWATCH_CORPORA"] = str(folder)
        os.environ.pop("THEMEWATCH_PASSWORD", None)

        def new_app() -> AppTest:
            at = AppTest.from_file(str(APP), default_timeout=3600)
            at.query_params["corpus"] = folder.name
            return at

        os.environ["THEMEWATCH_STORE"] = str(db)  # the dashboard's store: the filled one
        at, result["first_page_cold_s"] = timed(lambda: new_app().run())
        errors = [e.value for e in at.exception]
        at, result["first_page_s"] = timed(lambda: new_app().run())
        errors += [e.value for e in at.exception]
        caption = " ".join(str(c.value) for c in at.sidebar.caption)
        result["corpus_shown"] = caption
        changes = []
        for kinds in (["percent"], ["money"], ["count", "percent"], [], ["money"]):
            at.sidebar.multiselect(key="kind").set_value(kinds)
            _, seconds = timed(at.run)
            changes.append(seconds)
        themes = at.sidebar.multiselect(key="theme")
        for option in list(themes.options)[:3]:
            themes.set_value([option])
            _, seconds = timed(at.run)
            changes.append(seconds)
        errors += [e.value for e in at.exception]
        result["filter_change_s"] = statistics.median(changes)
        result["filter_change_max_s"] = max(changes)
        result["errors"] = errors

    for key, value in result.items():
        print(f"{key:>20}: {value:.3f}" if isinstance(value, float) else f"{key:>20}: {value}")
    print(f"targets: first page < 2 s -> {result['first_page_cold_s'] < 2}; filter change "
          f"< 0.3 s -> {result['filter_change_s'] < 0.3}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
