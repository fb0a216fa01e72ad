"""A random audit of the figures table on BBC and Reuters, labelled by hand.

    python benchmarks/audit_figures.py                 # check both audits, print error rates
    python benchmarks/audit_figures.py --draw bbc      # draw the sample afresh (to label)
    python benchmarks/audit_figures.py --independent   # and the outside audits of stop 33

The sample is reproducible: every row of the corpus's figures table (``metrics.analyze``,
the table users see), ordered by a seeded hash of (document, offset, surface), first 100
rows. ``benchmarks/audit_bbc.csv`` and
``audit_reuters.csv`` hold those rows with a verdict per row: ``ok``, or ``wrong`` (the
value, unit, kind, range or earlier value is wrong, or the row is no figure at all) with a
note; a weak measure, a missing earlier value or a loose period alone is ``ok`` with a note.
The check re-draws the sample, fails when the labelled rows are no longer the rows the
reader gives, and prints the share of wrong rows.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import metrics  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FILES = {"bbc": "bbc_news.csv", "reuters": "reuters21578.csv"}
SEED = 20261202
SIZE = 100
FIELDS = ["doc_id", "start", "surface", "value", "value_high", "unit", "kind", "measure",
          "change", "previous", "period", "sentence", "verdict", "note"]


@functools.cache
def rows(corpus: str) -> list[dict]:
    """Every row of the corpus's figures table as ``metrics.analyze`` gives it (so the
    document-level steps count too: a bare "francs" of the one franc country a story names,
    wire money in the one currency its other figures write), in document order."""
    corpus_ = metrics.analyze(CORPUS / FILES[corpus])
    sentences = {(d, s): " ".join(t.split())[:300] for d, s, t in zip(
        corpus_.sentences["doc_id"], corpus_.sentences["sentence_id"],
        corpus_.sentences["text"], strict=True)}

    def number(x: float) -> str:
        return "" if x != x else f"{x:g}"  # NaN: none

    return [{
        "doc_id": f.doc_id, "start": int(f.start), "surface": f.surface,
        "value": f"{f.value:g}", "value_high": number(f.value_high), "unit": f.unit,
        "kind": f.kind, "measure": f.measure, "change": f.change,
        "previous": number(f.previous), "period": f.period,
        "sentence": sentences[(f.doc_id, f.sentence_id)],
    } for f in corpus_.figures.itertuples(index=False)]


def _rank(row: dict) -> str:
    """A row's place in the random order: a hash of where it is, so that a change of the
    reader moves only the rows it adds or drops, not the whole sample."""
    key = f"{SEED}:{row['doc_id']}:{row['start']}:{row['surface']}"
    return hashlib.sha1(key.encode()).hexdigest()


def sample(corpus: str) -> list[dict]:
    """The audit's rows: the ``SIZE`` figure rows of the corpus that come first in a random
    order (``_rank``), in that order."""
    return sorted(rows(corpus), key=_rank)[:SIZE]


def path(corpus: str) -> Path:
    return ROOT / "benchmarks" / f"audit_{corpus}.csv"


def draw(corpus: str) -> None:
    """Write the sample with empty verdicts, keeping verdicts of rows labelled before."""
    old = {}
    if path(corpus).exists():
        with path(corpus).open(encoding="utf-8") as fh:
            old = {(r["doc_id"], r["start"], r["surface"], r["value"], r["kind"]): r
                   for r in csv.DictReader(fh)}
    with path(corpus).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        w.writeheader()
        for r in sample(corpus):
            key = (r["doc_id"], str(r["start"]), r["surface"], r["value"], r["kind"])
            prev = old.get(key, {})
            w.writerow({**r, "verdict": prev.get("verdict", ""), "note": prev.get("note", "")})


def check(corpus: str) -> bool:
    """Print the audit's error rate; False when the labels do not fit the reader's rows."""
    with path(corpus).open(encoding="utf-8") as fh:
        labelled = list(csv.DictReader(fh))
    fresh = sample(corpus)
    same = [
        (a["doc_id"], str(a["start"]), a["surface"], a["value"], a["kind"])
        == (b["doc_id"], str(b["start"]), b["surface"], b["value"], b["kind"])
        for a, b in zip(labelled, fresh, strict=False)
    ]
    wrong = [r for r in labelled if r["verdict"] == "wrong"]
    unlabelled = sum(r["verdict"] not in ("ok", "wrong") for r in labelled)
    print(
        f"{corpus}: {len(labelled)} rows audited, {len(wrong)} wrong = "
        f"{len(wrong) / max(1, len(labelled)):.1%}; rows still as labelled: {sum(same)}/"
        f"{len(fresh)}; unlabelled: {unlabelled}"
    )
    for r in wrong:
        print(f"  wrong: {r['surface']!r} {r['kind']} {r['value']} {r['unit']} -- {r['note']}")
    return all(same) and len(labelled) == len(fresh) and not unlabelled


# The samples outside auditors labelled (two in stop 33, three in stop 34), each frozen as
# labelled: the file suffix, its seed and the commit whose rows were labelled (the first two
# drawn from ``figures.find`` sentence by sentence, the others from the pipeline's table).
INDEPENDENT = {"independent": (777001, "97a0351"), "independent2": (888002, "97ba93e"),
               "independent3": (999003, "e66ff50"), "independent4": (111004, "000f9e6"),
               "independent5": (222005, "3afd075")}
_SAME = ("surface", "value", "value_high", "unit", "kind")


def independent(corpus: str, name: str) -> None:
    """Print a frozen independent audit (``audit_<name>_<corpus>.csv``: 100 rows drawn with
    its seed from the reader of its commit and labelled by a session that saw only the rows
    and the corpus): its error rate as labelled, and for each wrong row whether the reader
    still gives it (a fixed row is gone or reads otherwise)."""
    path = ROOT / "benchmarks" / f"audit_{name}_{corpus}.csv"
    with path.open(encoding="utf-8") as fh:
        labelled = list(csv.DictReader(fh))
    wrong = [r for r in labelled if r["verdict"] == "wrong"]
    now = {(r["doc_id"], str(r["start"])): r for r in rows(corpus)}
    still = [r for r in wrong if (got := now.get((r["doc_id"], r["start"]))) is not None
             and all(str(got[k]) == r[k] for k in _SAME) and got["measure"] == r["measure"]]
    seed, commit = INDEPENDENT[name]
    print(f"{corpus} ({name}, seed {seed}, rows of {commit}): {len(labelled)} rows, "
          f"{len(wrong)} wrong as labelled = "
          f"{len(wrong) / max(1, len(labelled)):.1%}; {len(wrong) - len(still)} of them no "
          f"longer given as labelled, {len(still)} still wrong")
    for r in still:
        print(f"  still: {r['surface']!r} {r['kind']} {r['value']} {r['unit']} -- {r['note']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--draw", choices=sorted(FILES), action="append", help="draw a sample")
    ap.add_argument("--independent", action="store_true",
                    help="also report the frozen independent audit")
    args = ap.parse_args(argv)
    if args.draw:
        for corpus in args.draw:
            draw(corpus)
        return 0
    ok = all([check(c) for c in sorted(FILES)])
    if args.independent:
        for name in INDEPENDENT:
            for c in sorted(FILES):
                independent(c, name)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
