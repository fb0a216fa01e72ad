"""Are all six tables byte-identical to a saved run? The check behind every restructuring.

    python benchmarks/compare_outputs.py --save before.json   # on the old code
    python benchmarks/compare_outputs.py --check before.json  # on the new code: exit 1 if not

Analyses the seeds, ``../shared/corpus/bbc_news.csv`` and the first 3,000 stories of
``../shared/corpus/reuters21578.csv`` (read in place, never copied) with
``metrics.analyze`` and no store, writes every table as the CSV ``themewatch extract``
writes, and compares SHA-256 digests per corpus and table. ``--keep DIR`` also keeps the
CSV files, so a difference can be read with ``diff``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import metrics  # noqa: E402
from metrics import export  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
REUTERS_DOCS = 3000


def corpora() -> dict[str, object]:
    """The inputs by name: the seeds folder, BBC and a slice of Reuters as DataFrames."""
    found: dict[str, object] = {"seeds": ROOT / "seeds"}
    if (CORPUS / "bbc_news.csv").exists():
        found["bbc"] = pd.read_csv(CORPUS / "bbc_news.csv")
    if (CORPUS / "reuters21578.csv").exists():
        found["reuters3000"] = pd.read_csv(CORPUS / "reuters21578.csv").head(REUTERS_DOCS)
    return found


def digests(keep: Path | None = None) -> dict[str, dict[str, str]]:
    """corpus -> table -> SHA-256 of its CSV bytes."""
    out: dict[str, dict[str, str]] = {}
    for name, source in corpora().items():
        t0 = time.perf_counter()
        corpus = metrics.analyze(source)
        out[name] = {}
        for table, frame in corpus.tables().items():
            data = export.to_csv_bytes(frame)
            out[name][table] = hashlib.sha256(data).hexdigest()
            if keep is not None:
                (keep / name).mkdir(parents=True, exist_ok=True)
                (keep / name / f"{table}.csv").write_bytes(data)
        print(f"{name}: {len(corpus.documents):,} documents, {len(corpus.figures):,} figures "
              f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the digests to this JSON file")
    mode.add_argument("--check", type=Path, help="compare with the digests in this file")
    ap.add_argument("--keep", type=Path, help="also write the CSV tables under this folder")
    args = ap.parse_args(argv)
    now = digests(args.keep)
    if args.save:
        args.save.write_text(json.dumps(now, indent=2) + "\n", encoding="utf-8")
        print(f"saved {sum(map(len, now.values()))} digests to {args.save}")
        return 0
    before = json.loads(args.check.read_text(encoding="utf-8"))
    differ = 0
    for name in sorted(set(before) | set(now)):
        for table in sorted(set(before.get(name, {})) | set(now.get(name, {}))):
            same = before.get(name, {}).get(table) == now.get(name, {}).get(table)
            differ += not same
            print(f"{name:12} {table:10} {'identical' if same else 'DIFFERS'}")
    print("all tables identical" if not differ else f"{differ} tables differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
