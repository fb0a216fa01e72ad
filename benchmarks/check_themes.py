"""Does the word matcher find exactly what the character-trie regex finds? And how fast?

    python benchmarks/check_themes.py [--reuters 3000] [--repeat 3]

Reads ``../shared/corpus/bbc_news.csv`` (every story) and the first ``--reuters`` stories
of ``reuters21578.csv`` in place, splits them into sentences as the pipeline does, and
compares ``themes.match``'s hits (theme, term, start, end; context cues applied) from the
taxonomy's word index with those from the reference regex (``themes.regex_forms``) on
every sentence and on every whole document (long texts: cue windows across sentences).
Exit 1 on any difference, naming the first few.

Then times, in this process, the one-time set-up of each (after ``gc.collect()``, so a
full collection the imports left due is not charged to either) and matching every
sentence, old and new alternately, best of ``--repeat``.
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

from metrics import analysis, text, themes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def texts(reuters: int) -> tuple[list[tuple[str, int]], list[str]]:
    """(sentence, its start in the document) of every document, and the documents."""
    frames = [pd.read_csv(CORPUS / "bbc_news.csv")]
    if reuters:
        frames.append(pd.read_csv(CORPUS / "reuters21578.csv").head(reuters))
    sentences, documents = [], []
    for frame in frames:
        docs, _ = analysis.documents_of(frame)
        for doc in docs:
            documents.append(doc.text)
            sentences.extend((doc.text[s:e], s)
                             for s, e in text.sentences(doc.text, doc.body_start))
    return sentences, documents


def differences(items: list[tuple[str, int]], taxonomy: themes.Taxonomy,
                new: themes.Forms, old: themes.Forms) -> tuple[int, list[str]]:
    """How many hits the reference finds in ``items``, and the texts where the two differ."""
    hits, differ = 0, []
    for body, offset in items:
        expected = themes._match(body, taxonomy, old, offset)
        hits += len(expected)
        if themes._match(body, taxonomy, new, offset) != expected:
            differ.append(body)
    return hits, differ


def set_up_ms(taxonomy: themes.Taxonomy) -> tuple[float, float]:
    """CPU ms to build the word index and to build the regex (forms and trie compiled)."""
    clock = time.process_time
    gc.collect()
    started = clock()
    themes._compile(taxonomy.themes, taxonomy.ignore)
    word = clock() - started
    re.purge()
    gc.collect()
    started = clock()
    themes._trie_pattern(themes._lookup(taxonomy.themes, taxonomy.ignore))
    regex = clock() - started
    return 1000 * word, 1000 * regex


def match_us(sentences: list[tuple[str, int]], taxonomy: themes.Taxonomy,
             forms: themes.Forms) -> float:
    """Wall microseconds per sentence of ``themes._match`` with ``forms``."""
    started = time.perf_counter()
    for body, offset in sentences:
        themes._match(body, taxonomy, forms, offset)
    return 1e6 * (time.perf_counter() - started) / len(sentences)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reuters", type=int, default=3000, help="Reuters stories to add")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not (CORPUS / "bbc_news.csv").exists():
        print(f"check_themes: {CORPUS / 'bbc_news.csv'} not found", file=sys.stderr)
        return 2
    sentences, documents = texts(args.reuters)
    taxonomy = themes.load_taxonomy()
    new, old = taxonomy.compiled(), themes.regex_forms(taxonomy)
    status = 0
    for label, items in (("sentences", sentences), ("documents", [(d, 0) for d in documents])):
        hits, differ = differences(items, taxonomy, new, old)
        print(f"{label}: {len(items):,}, {hits:,} hits by the regex, "
              f"{len(differ)} where the word matcher differs")
        for body in differ[:3]:
            print(f"  differs: {body[:200]!r}")
        status = status or int(bool(differ))
    setups = [set_up_ms(taxonomy) for _ in range(args.repeat)]
    print(f"set-up, CPU ms (best of {args.repeat}): word index "
          f"{min(w for w, _ in setups):.0f}, regex {min(r for _, r in setups):.0f}")
    times: dict[str, list[float]] = {"word": [], "regex": []}
    for _ in range(args.repeat):
        times["regex"].append(match_us(sentences, taxonomy, old))
        times["word"].append(match_us(sentences, taxonomy, new))
    for name, values in times.items():
        print(f"match, {name}: {min(values):.2f} us/sentence (best of {args.repeat}; "
              f"runs {', '.join(f'{v:.2f}' for v in sorted(values))})")
    return status


if __name__ == "__main__":
    sys.exit(main())
