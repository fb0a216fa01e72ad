"""What change detection finds on a real dated stream: Reuters-21578 (1987).

    python benchmarks/eval_changes.py [--store PATH] [--top 3] [--min-docs 300]

Ingests ``../shared/corpus/reuters21578.csv`` (read in place, never copied) into a store
(a temporary one, or ``--store`` to keep and reuse it), then for every day with more than
``--min-docs`` stories prints the top rising keys against the 7 earlier days with stories,
so a reader can judge them, and where two known events of 1987 rank: the Ecuador
earthquake (1987-03-06) and the stock market crash (1987-10-19 and 20). The method was not
tuned on these days; other events are checked elsewhere.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import changes, stream  # noqa: E402

REUTERS = ROOT.parent / "shared" / "corpus" / "reuters21578.csv"
EVENTS = {"1987-03-06": "quake", "1987-10-19": "crash|stock market|wall street",
          "1987-10-20": "crash|stock market|wall street"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, help="store to build or reuse (default: temporary)")
    ap.add_argument("--top", type=int, default=3)
    ap.add_argument("--min-docs", type=int, default=300)
    args = ap.parse_args(argv)
    if not REUTERS.exists():
        print(f"{REUTERS} not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="themewatch-changes-") as tmp:
        db = args.store or Path(tmp) / "reuters.duckdb"
        started = time.perf_counter()
        report = stream.ingest([REUTERS], db)
        print(f"ingest: {report} near_duplicate={report.near} in "
              f"{time.perf_counter() - started:.1f} s")
        corpus = stream.corpus(db)
        per_day = changes.periods(corpus, "day")
        print(f"{len(corpus.documents):,} documents, {len(per_day)} days\n")
        for day, n in per_day[per_day > args.min_docs].items():
            started = time.perf_counter()
            table = changes.changes(corpus, "day", day)
            up = table[table["direction"] == "up"].reset_index(drop=True)
            top = "; ".join(f"{r.kind} {r.key} ({r.count}/{r.n} vs {r.baseline_count}/"
                            f"{r.baseline_n}, G2 {r.score:.0f})"
                            for r in up.head(args.top).itertuples())
            print(f"{day} ({n} stories, {time.perf_counter() - started:.1f} s): {top}")
            if day in EVENTS:
                words = up[up["kind"].isin(["phrase", "term"])].reset_index(drop=True)
                ranks = words.index[words["key"].str.contains(EVENTS[day])].tolist()
                print(f"    known event /{EVENTS[day]}/: ranks among rising phrases and "
                      f"terms {[r + 1 for r in ranks[:5]]} of {len(words)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
