"""Structural checks of the figure reader on the BBC and Reuters corpora in ../shared/corpus.

    python benchmarks/check_corpora.py [--limit N]

Prints, per corpus: figure rows; rows with value_high < value (must be 0); counts whose
surface is a bare "one" in "one of ..." (must be 0); counts below 1; and on Reuters the wire
lines "<item> <amount> vs <amount>" whose first figure is money (or a count of shares) with
``previous`` set (must be at least 90%).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import figures, text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# a wire line: an item of one to three words, an amount, "vs", an amount
WIRE_LINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Za-z]*(?: [A-Za-z]+){0,2})[ \t]+(?:loss |profit )?"
    r"([0-9][0-9.,]*)[^\n]*?\bvs\b[^\n]*$"
)


def read(name: str, limit: int | None) -> list[dict]:
    csv.field_size_limit(10**9)
    with (CORPUS / name).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rows[:limit] if limit else rows


def doc_figures(doc: dict) -> list[tuple[str, figures.Figure]]:
    body = doc["text"]
    out = []
    for start, end in text.sentences(body, 0):
        sent = body[start:end]
        out += [(sent, f) for f in figures.find(sent, start, date=doc.get("date") or None)]
    return out


def check(name: str, limit: int | None) -> None:
    docs = read(name, limit)
    t0 = time.perf_counter()
    rows = inverted = one_of = below_one = 0
    wire_total = wire_ok = 0
    for doc in docs:
        found = doc_figures(doc)
        rows += len(found)
        body = doc["text"]
        for _, f in found:
            if f.value_high is not None and f.value_high < f.value:
                inverted += 1
            one = f.surface.lower() == "one"
            if f.kind == "count" and one and body[f.end : f.end + 4] == " of ":
                one_of += 1
            if f.kind == "count" and abs(f.value) < 1:
                below_one += 1
        if name.startswith("reuters"):
            starts = {f.start: f for _, f in found}
            for m in WIRE_LINE.finditer(body):
                wire_total += 1
                f = starts.get(m.start(2))
                if f is None:
                    continue
                shares = f.kind == "count" and "shares" in f.measure
                if (f.kind == "money" or shares) and f.previous is not None:
                    wire_ok += 1
    secs = time.perf_counter() - t0
    print(
        f"{name}: {len(docs)} documents, {rows} figure rows ({secs:.1f} s); value_high < value:"
        f" {inverted}; bare 'one of' counts: {one_of}; counts below 1: {below_one}"
    )
    if wire_total:
        print(
            f"  wire lines '<item> <amount> vs <amount>': {wire_ok}/{wire_total} = "
            f"{wire_ok / wire_total:.3f} money (or shares) with previous"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    args = ap.parse_args(argv)
    for name in ("bbc_news.csv", "reuters21578.csv"):
        check(name, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
