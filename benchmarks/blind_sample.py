"""Draw a fixed, blind sample of news sentences with numbers for hand labelling.

    python benchmarks/blind_sample.py            # prints ~160 sentences with ids
    python benchmarks/blind_sample.py --json     # the same as {"cases": [{"id", "text"}]}

Why: the figure reader was tuned on the NewsQuant dev half; this sample comes from two
corpora it was never fitted to (``../shared/corpus/bbc_news.csv``, 20 sentences from each of
its five categories, and ``reuters21578.csv``, 60 prose sentences from stories that are not
earnings tables), read in place and never copied. A sentence qualifies when it holds a digit
or a spelled number (fractions and ordinals such as "half", "third" do not count) and
starts and ends like a sentence (the wire's line breaks cut some); one sentence is drawn
per document so no story dominates. The draw depends only on the seed and the corpora, so
the labelled file
``benchmarks/blind_figures.json`` can be checked against it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import text as mtext  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = 20240917
BBC_PER_CATEGORY = 20
REUTERS_N = 60

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|thousand|million|billion|trillion|dozen|mln|bln"
)
HAS_NUMBER = re.compile(r"\d|\b(?:" + _NUMBER_WORDS + r")s?\b", re.IGNORECASE)
# wire-table lines: "Shr 16 cts vs 14 cts", "Net 1.2 mln vs ...", "Revs ..."
TABLE_LINE = re.compile(r"\b(?:shr|shrs|revs|qtr|oper|avg)\b|\bvs\b|\bnet (?:loss |profit )?\d",
                        re.IGNORECASE)
TABLE_TOPICS = {"earn"}
PROSE_START = re.compile(r"[A-Z\"'\u201c]")
PROSE_END = re.compile(r"[.!?][\"')\u201d]?$")


def _clean(s: str) -> str:
    return " ".join(s.split())


def _candidates(text: str) -> list[str]:
    """Sentences of ``text`` (metrics.text.sentences) that hold a number and read as prose."""
    out = []
    for a, b in mtext.sentences(text):
        s = _clean(text[a:b])
        if not (40 <= len(s) <= 260) or not HAS_NUMBER.search(s):
            continue
        if not (PROSE_START.match(s) and PROSE_END.search(s)):
            continue  # a fragment cut at a wire line break ("... were more than 40")
        letters = [c for c in s if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) / len(letters) > 0.5:
            continue  # headlines and wire tables in capitals
        if sum(c.isdigit() for c in s) / len(s) > 0.25:
            continue  # number tables
        out.append(s)
    return out


def _rows(name: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with (CORPUS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _draw(rows: list[dict[str, str]], n: int, rng: random.Random, prefix: str,
          ok: object = None) -> list[dict[str, str]]:
    """One qualifying sentence from each of ``n`` documents drawn in a seeded order."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    picked = []
    for i in order:
        row = rows[i]
        cands = _candidates(row["text"])
        if ok is not None:
            cands = [c for c in cands if ok(c)]  # type: ignore[operator]
        if not cands:
            continue
        k = rng.randrange(len(cands))
        picked.append({"id": f"{prefix}{row['id']}#{k}", "text": cands[k]})
        if len(picked) == n:
            break
    return picked


def sample(seed: int = SEED) -> list[dict[str, str]]:
    """The blind sample: BBC (20 per category, categories in alphabetical order) then Reuters."""
    rng = random.Random(seed)
    bbc = _rows("bbc_news.csv")
    out = []
    for cat in sorted({r["category"] for r in bbc}):
        out += _draw([r for r in bbc if r["category"] == cat], BBC_PER_CATEGORY, rng, "bbc:")
    reuters = [r for r in _rows("reuters21578.csv")
               if not TABLE_TOPICS & set(r["topics"].split(";"))]
    out += _draw(reuters, REUTERS_N, rng, "reuters:", lambda s: not TABLE_LINE.search(s))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print JSON cases without labels")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    cases = sample(args.seed)
    if args.json:
        print(json.dumps({"cases": cases}, indent=1, ensure_ascii=False))
    else:
        for c in cases:
            print(f"{c['id']}\t{c['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
