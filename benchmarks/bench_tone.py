"""Speed of each tone analyzer through the whole pipeline: ``metrics.analyze`` on a CSV
corpus (default ../shared/corpus/bbc_news.csv, read in place) with one worker, each
analyzer run ``--rounds`` times alternately; prints docs/s and the ratio to TextBlob.

    python benchmarks/bench_tone.py [--path CSV] [--rounds 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import metrics
from metrics import sentiment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc_news.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    frame = pd.read_csv(args.path)
    names = [n for n in sentiment.ANALYZERS if sentiment.available(n)]
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name in names:
            started = time.perf_counter()
            corpus = metrics.analyze(frame, workers=1, sentiment=name)
            seconds = time.perf_counter() - started
            best[name] = min(best.get(name, seconds), seconds)
            print(f"{name:<14} {len(corpus.documents):,} docs, {len(corpus.sentences):,} "
                  f"sentences in {seconds:.1f} s", flush=True)
    base = best[sentiment.DEFAULT]
    for name in names:
        print(f"best {name:<14} {len(frame) / best[name]:,.0f} docs/s "
              f"({base / best[name]:.2f}x TextBlob's pipeline speed)")


if __name__ == "__main__":
    main()
