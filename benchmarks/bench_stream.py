"""A stream at scale: ingesting one more day, and the dashboard on a store that grew.

    python benchmarks/bench_stream.py [--dir DIR_OUTSIDE_REPO] [--docs 100000] [--json PATH]

Reads ``../shared/corpus/reuters21578.csv`` (never copied into the repository) and builds,
in ``--dir`` (kept between runs: the build is the slow part), two stores:

* ``reuters.duckdb``: every Reuters story but those of the last day, 1987-10-20 (655
  stories), which are then ingested in one timed ``ingest`` (``ingest_day_19k_s``);
* ``big.duckdb``: the same, plus copies of the stories with new ids, dates shifted by
  400 days per copy and a ``(copy k)`` line (so they are not near-duplicates) up to
  ``--docs`` documents; then the same held-out day is ingested, timed
  (``ingest_day_100k_s``).

Before the dashboard opens a store, ``stream.corpus`` assembles it in another process
and keeps its snapshot (``assemble_snapshot_s``: what the first reader after an ingest
pays). Then the dashboard (Streamlit's AppTest) is timed as in ``bench_dashboard.py``:
the first page in a fresh process (``first_page_cold_s``: ``stream.corpus`` opens the
snapshot), a new session's first page (``first_page_s``), filter changes
(``filter_change_s``: median), a Refresh after one more ingest (``refresh_s``), and the
process's peak RSS. Targets: ingest a day < 10 s; first page < 2 s (19k) / 3 s (100k);
filter change < 0.3 s; memory < 2.5 GB at 100k. Run each store in its own process
(``--only 19k``, ``--only 100k``) for a clean RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "app.py"
REUTERS = ROOT.parent / "shared" / "corpus" / "reuters21578.csv"
HELD_OUT = "1987-10-20"
PART_ROWS = 10_000  # rows per CSV file (under the 20 MB default size limit)


def timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def rss_mb() -> float:
    """Peak resident memory of this process (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_parts(frame, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(0, len(frame), PART_ROWS):
        path = folder / f"part{i // PART_ROWS:03d}.csv"
        frame.iloc[i:i + PART_ROWS].to_csv(path, index=False)
        paths.append(path)
    return paths


def copies(frame, total: int):  # type: ignore[no-untyped-def]
    """Copies 1, 2... of ``frame`` (new ids, dates + 400 days per copy, a ``(copy k)``
    line) until ``len(frame)`` plus them reach ``total`` rows."""
    import pandas as pd

    out, k, have = [], 1, len(frame)
    while have < total:
        c = frame.head(total - have).copy()
        c["id"] = c["id"] + f"-c{k}"
        c["date"] = (pd.to_datetime(c["date"]) + pd.Timedelta(days=400 * k)).dt.strftime(
            "%Y-%m-%d")
        c["text"] = c["text"] + f"\n(copy {k})"
        out.append(c)
        have += len(c)
        k += 1
    return pd.concat(out, ignore_index=True)


def build(folder: Path, total: int) -> dict[str, object]:
    """The two stores (skipped when already built) and the timed ingests of the held-out
    day."""
    import pandas as pd

    from metrics import stream

    out: dict[str, object] = {}
    frame = pd.read_csv(REUTERS, dtype=str, keep_default_na=False)
    day = frame[frame["date"] == HELD_OUT]
    base = frame[frame["date"] != HELD_OUT]
    write_parts(day, folder / "day")
    small, big = folder / "reuters.duckdb", folder / "big.duckdb"
    if not small.exists():
        base_paths = write_parts(base, folder / "base")
        _, out["ingest_base_s"] = timed(lambda: stream.ingest(base_paths, small))
        shutil.copyfile(small, big)
        more = write_parts(copies(frame, total - len(day)), folder / "copies")
        _, out["ingest_copies_s"] = timed(lambda: stream.ingest(more, big))
        for store, name in ((small, "19k"), (big, "100k")):
            report, seconds = timed(lambda s=store: stream.ingest(
                sorted((folder / "day").glob("*.csv")), s))
            out[f"ingest_day_{name}_s"] = seconds
            out[f"ingest_day_{name}"] = str(report)
    return out


def dashboard(store: Path, folder: Path) -> dict[str, object]:
    """Time the dashboard on ``store`` (AppTest) as a server corpus."""
    import pandas as pd
    from streamlit.testing.v1 import AppTest

    from metrics import stream

    result: dict[str, object] = {}
    # what the first reader after an ingest pays once: assembling every document of the
    # store and keeping the snapshot (in another process, so this one starts cold)
    code = f"from metrics import stream; stream.corpus({str(store)!r})"
    _, result["assemble_snapshot_s"] = timed(lambda: subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT))
    os.environ["THEMEWATCH_CORPORA"] = str(store)
    os.environ.pop("THEMEWATCH_PASSWORD", None)

    def new_app() -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=3600)
        at.query_params["corpus"] = store.stem
        return at

    at, result["first_page_cold_s"] = timed(lambda: new_app().run())
    errors = [str(e.value) for e in at.exception]
    result["rss_after_first_page_mb"] = rss_mb()
    at, result["first_page_s"] = timed(lambda: new_app().run())
    errors += [str(e.value) for e in at.exception]
    result["corpus_shown"] = " ".join(str(c.value) for c in at.sidebar.caption)[:200]
    # a reader looks at the first page before filtering: the background warm-up of the
    # filter lookups (lookups.warm) has that long; its time is reported, not hidden
    started = time.perf_counter()
    for thread in [t for t in threading.enumerate() if t.name == "themewatch-warm"]:
        thread.join(timeout=120)
    result["warm_up_s"] = time.perf_counter() - started
    changes, applied = [], []
    for kinds in (["percent"], ["money"], ["count", "percent"], []):
        at.sidebar.multiselect(key="kind").set_value(kinds)
        changes.append(timed(at.run)[1])
        applied.append(list(at.sidebar.multiselect(key="kind").value))
    # a widget is looked up again after every run: setting the value of the one read before
    # the run changes nothing (the earlier version of this script timed such non-changes)
    for option in list(at.sidebar.multiselect(key="theme").options)[:3]:
        at.sidebar.multiselect(key="theme").set_value([option])
        changes.append(timed(at.run)[1])
        applied.append(list(at.sidebar.multiselect(key="theme").value))
    at.sidebar.multiselect(key="theme").set_value([])
    at.run()
    topics = [w.key for w in at.sidebar.multiselect if w.key == "facet_topics"]
    for option in list(at.sidebar.multiselect(key=topics[0]).options)[:3] if topics else []:
        at.sidebar.multiselect(key=topics[0]).set_value([option])
        changes.append(timed(at.run)[1])
        applied.append(list(at.sidebar.multiselect(key=topics[0]).value))
    errors += [str(e.value) for e in at.exception]
    result["filters_applied"] = " | ".join(",".join(map(str, a)) for a in applied)
    result["filter_change_s"] = statistics.median(changes)
    result["filter_change_max_s"] = max(changes)
    result["filter_changes_s"] = " ".join(f"{c:.2f}" for c in changes)  # in the order made
    # one more ingest (a few stories as a new day), then the Refresh button
    extra = pd.read_csv(REUTERS, dtype=str, keep_default_na=False).head(50).copy()
    stamp = int(time.time())  # new ids and texts on every run: a rerun is not duplicates
    extra["id"] = extra["id"] + f"-late{stamp}"
    extra["date"] = "1987-10-21"
    extra["text"] = extra["text"] + [f"\n(late note {i} of run {stamp})"
                                     for i in range(len(extra))]
    path = folder / "late.csv"
    extra.to_csv(path, index=False)
    _, result["ingest_50_s"] = timed(lambda: stream.ingest([path], store))
    at.run()
    refresh = [b for b in at.sidebar.button if b.key == "stream_refresh"]
    if refresh:
        refresh[0].click()
        _, result["refresh_s"] = timed(at.run)
        result["after_refresh"] = " ".join(str(c.value) for c in at.sidebar.caption)[:200]
    errors += [str(e.value) for e in at.exception]
    result["errors"] = errors
    result["peak_rss_mb"] = rss_mb()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default="/tmp/themewatch-bench-stream")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--only", choices=["build", "19k", "100k"])
    ap.add_argument("--json", metavar="PATH")
    args = ap.parse_args(argv)
    if not REUTERS.exists():
        print(f"{REUTERS} is missing: nothing to measure")
        return 1
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    result: dict[str, object] = {"docs": args.docs}
    if args.only in (None, "build"):
        result |= build(folder, args.docs)
    for name, store in (("19k", folder / "reuters.duckdb"), ("100k", folder / "big.duckdb")):
        if args.only in (None, name):
            result |= {f"{k}_{name}": v for k, v in dashboard(store, folder).items()}
    for key, value in result.items():
        print(f"{key:>28}: {value:.3f}" if isinstance(value, float) else f"{key:>28}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
