"""Does the gazetteer's word walk find exactly the names the trie regex finds? How fast?

    python benchmarks/check_places.py [--reuters 3000] [--repeat 3]

Reads ``../shared/corpus/bbc_news.csv`` (every story) and the first ``--reuters`` stories
of ``reuters21578.csv`` in place and compares ``places.name_spans`` with
``places.regex_pattern(...).finditer`` on every document, as written and as ``find``
reads a text in capitals, over the whole text and over its body (a start inside the
text: the look-behind sees what is before it). Exit 1 on any difference.

Then times, in this process, the one-time set-up of each (after ``gc.collect()``) and
finding the names of every document, old and new alternately, best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from metrics import analysis, places  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def documents(reuters: int) -> list[tuple[str, int]]:
    """(text, body start) of every document."""
    frames = [pd.read_csv(CORPUS / "bbc_news.csv")]
    if reuters:
        frames.append(pd.read_csv(CORPUS / "reuters21578.csv").head(reuters))
    out = []
    for frame in frames:
        docs, _ = analysis.documents_of(frame)
        out.extend((doc.text, doc.body_start) for doc in docs)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reuters", type=int, default=3000, help="Reuters stories to add")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not (CORPUS / "bbc_news.csv").exists():
        print(f"check_places: {CORPUS / 'bbc_news.csv'} not found", file=sys.stderr)
        return 2
    docs = documents(args.reuters)
    gaz = places.gazetteer()
    pattern = places.regex_pattern(gaz)
    compared = names = 0
    differ: list[str] = []
    for text, body in docs:
        for start in (0, body):
            for read in (text, places._readable_case(text, start, len(text))):
                expected = [m.span() for m in pattern.finditer(read, start, len(read))]
                compared += 1
                names += len(expected)
                if places.name_spans(gaz.index, read, start, len(read)) != expected:
                    differ.append(read[start:start + 200])
    print(f"documents: {len(docs):,} ({compared:,} comparisons, {names:,} names by the "
          f"regex), {len(differ)} where the word walk differs")
    for text in differ[:3]:
        print(f"  differs: {text!r}")
    clock = time.process_time
    word, regex = [], []
    for _ in range(args.repeat):
        gc.collect()
        started = clock()
        places.gazetteer.__wrapped__()
        word.append(clock() - started)
        re.purge()
        gc.collect()
        started = clock()
        places.regex_pattern(gaz)
        regex.append(clock() - started)
    print(f"set-up, CPU ms (best of {args.repeat}): gazetteer with its word index "
          f"{1000 * min(word):.0f}; the trie regex alone (the old set-up had it in addition) "
          f"{1000 * min(regex):.0f}")
    times: dict[str, list[float]] = {"word walk": [], "regex": []}
    texts = [text for text, _ in docs]
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            list(pattern.finditer(text))
        times["regex"].append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in texts:
            places.name_spans(gaz.index, text, 0, len(text))
        times["word walk"].append(time.perf_counter() - started)
    for name, values in times.items():
        runs = ", ".join(f"{1000 * v / len(texts):.3f}" for v in sorted(values))
        print(f"names, {name}: {1000 * min(values) / len(texts):.3f} ms/doc "
              f"(best of {args.repeat}; runs {runs})")
    return int(bool(differ))


if __name__ == "__main__":
    sys.exit(main())
