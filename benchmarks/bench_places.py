"""Speed of the place finder on BBC News (``../shared/corpus/bbc_news.csv``, read in place).

    python benchmarks/bench_places.py [--corpus PATH] [--repeat 5] [--root DIR]

``--root`` times another checkout's ``metrics`` (e.g. the commit before a change:
``git archive 630baad metrics | tar -x -C /tmp/before`` then ``--root /tmp/before``);
run both alternately on a busy machine and compare the best of each.

Times ``places.find`` (what the pipeline runs for the places table) over every article,
and ``places.about`` (the countries each is about: sentences, a second pass that keeps
company names, the passing-mention rules), one process, best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--root" in sys.argv:  # before importing metrics: time that checkout's
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--root") + 1]).resolve()))
else:
    sys.path.insert(0, str(ROOT))

from metrics import places, text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_news.csv"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus/bbc_news.csv")


def best(fn, texts: list[str], repeat: int) -> float:
    """The best wall time of ``repeat`` runs of ``fn`` over ``texts``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for t in texts:
            fn(t)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--root", type=Path, help="a checkout whose metrics/ to time")
    args = ap.parse_args()
    with args.corpus.open(encoding="utf-8", newline="") as fh:
        texts = [row["text"] for row in csv.DictReader(fh) if row["text"].strip()]
    places.gazetteer()
    starts = {id(t): [s for s, _ in text.sentences(t, 0)] or [0] for t in texts}
    find = best(places.find, texts, args.repeat)
    print(f"BBC News, {len(texts):,} articles, one process, best of {args.repeat}, "
          f"metrics from {Path(places.__file__).parents[1]}")
    print(f"places.find   {len(texts) / find:,.0f} documents/s ({find:.2f} s)")
    if hasattr(places, "about"):
        about = best(lambda t: places.about(t, starts[id(t)]), texts, args.repeat)
        print(f"places.about  {len(texts) / about:,.0f} documents/s ({about:.2f} s; "
              "sentences given, as the pipeline has them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
