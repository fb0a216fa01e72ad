"""Money figures of the figure reader on Reuters 1987 (../shared/corpus/reuters21578.csv).

    python benchmarks/check_money.py [--limit N]

Prints counts that must stay low: figures whose measure is a wire function word or an
abbreviation fragment ("vs", "mths", "u"), counts whose unit or measure is a currency word
("1,160 mln marks" read as a count of marks), amounts scaled by a capital letter glued to a
hyphen ("500,000 B-Free shares" read as 5e14); then money rows per currency.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_corpora import doc_figures, read  # noqa: E402

JUNK_MEASURES = ("vs", "mths", "u")
# Currency words written after an amount (singular and plural, lower case).
CURRENCY_WORDS = frozenset(
    """mark marks deutschemark deutschemarks d-mark d-marks crown crowns krona kronor krone
    kroner guilder guilders schilling schillings peseta pesetas lira lire franc francs escudo
    escudos drachma drachmas punt punts pound pounds rand rupiah ringgit won baht yen dollar
    dollars dlr dlrs stg sterling yuan rupee rupees peso pesos""".split()  # noqa: SIM905
)
# a capital letter glued to a hyphen after the amount: "500,000 B-Free Volvo shares"
LETTER_HYPHEN = re.compile(r"[0-9] ?[A-Z]-[A-Za-z]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents")
    ap.add_argument("--top", type=int, default=25, help="currencies listed")
    args = ap.parse_args(argv)
    docs = read("reuters21578.csv", args.limit)
    t0 = time.perf_counter()
    junk: Counter[str] = Counter()
    currency_counts = letter_scale = rows = 0
    per_currency: Counter[str] = Counter()
    for doc in docs:
        body = doc["text"]
        for _, f in doc_figures(doc):
            rows += 1
            if f.measure in JUNK_MEASURES:
                junk[f.measure] += 1
            if f.kind == "money":
                per_currency[f.unit.split("/")[0]] += 1
            words = set(f.measure.split()) | set(f.unit.lower().split())
            if f.kind == "count" and words & CURRENCY_WORDS:
                currency_counts += 1
            tail = body[max(f.start, f.end - 3) : f.end + 3]
            if f.value >= 1e9 and LETTER_HYPHEN.search(tail):
                letter_scale += 1
    secs = time.perf_counter() - t0
    print(f"reuters21578.csv: {len(docs)} documents, {rows} figure rows ({secs:.1f} s)")
    print("  junk measures: " + ", ".join(f"{w!r} {junk[w]}" for w in JUNK_MEASURES))
    print(f"  counts whose unit or measure is a currency word: {currency_counts}")
    print(f"  amounts scaled by a capital letter before a hyphen ('B-Free'): {letter_scale}")
    total = sum(per_currency.values())
    print(f"  money rows: {total}; per currency (top {args.top}):")
    print("    " + ", ".join(f"{c or '?'} {n}" for c, n in per_currency.most_common(args.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
