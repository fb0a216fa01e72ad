"""Score the figure reader on the blind, hand-labelled sample (benchmarks/blind_figures.json).

    python benchmarks/eval_blind.py              # F1 overall and per corpus, then every error
    python benchmarks/eval_blind.py --quiet      # F1 lines only
    python benchmarks/eval_blind.py --file benchmarks/blind_figures_777.json   # the second

Why: the reader was tuned on the NewsQuant dev half, so its dev scores overstate how it does
on news it never saw. ``blind_figures.json`` holds 160 sentences drawn by
``benchmarks/blind_sample.py`` (fixed seed) from the BBC and Reuters-21578 corpora and
labelled by hand, NewsQuant-style, before the reader's output on them was looked at. The
scoring is exactly ``benchmarks/eval_figures.py``'s (imported, not re-implemented), with the
NewsQuant rule that years, dates, times and ordinals are left out. ``blind_figures_777.json``
is a second sample (``blind_sample.py --seed 777``), labelled by a session that never saw
the reader's code or output; its "about" states the conventions it had to decide.
``blind_figures_2026.json`` is a third (``--seed 2026``), labelled the same way, and
``blind_figures_4100.json``, ``_5150``, ``_6260``, ``_7370``, ``_8480`` and ``_9590`` the
fourth to ninth (the sixth onwards follow NewsQuant's dev half where it settles a convention;
each file's "about" says which).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import eval_figures as ev  # noqa: E402

BLIND = HERE / "blind_figures.json"


def _report(kind: str, text: str, e: dict | None, p: ev.Pred | None) -> str:
    if kind == "miss":
        assert e is not None
        return (f"  MISS   {e['value']!s:>14} {e['unit']!s:<26} {e['surface']!r} | {text}")
    assert p is not None
    if kind == "extra":
        return f"  EXTRA  {p.value:>14g} {p.kind:<9} {p.unit!r:<14} {p.surface!r} | {text}"
    assert e is not None
    if kind == "change":
        return (f"  CHANGE {e['value']!s:>14} want {e['change']!r} got {p.change!r} "
                f"{p.surface!r} | {text}")
    return (f"  UNIT   {e['value']!s:>14} want {e['unit']!r} got {p.unit!r} ({p.kind}, "
            f"measure {p.measure!r}) {p.surface!r} | {text}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, default=BLIND)
    ap.add_argument("--quiet", action="store_true", help="F1 lines only, no error listing")
    args = ap.parse_args(argv)
    label, cases = ev.load_cases(str(args.file))
    misses: list = []
    total = ev.score(cases, ev.ours, True, ev._ours_currency, misses)
    print(ev.line(f"{label} [themewatch]", total, False))
    for source in ("bbc", "reuters"):
        part = [c for c in cases if c["id"].startswith(source + ":")]
        print(ev.line(f"  {source}", ev.score(part, ev.ours, True, ev._ours_currency), False))
    if not args.quiet:
        order = {"miss": 0, "extra": 1, "unit": 2, "change": 3}
        counts = {k: sum(1 for m in misses if m[0] == k) for k in order}
        print("errors: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
        for m in sorted(misses, key=lambda m: order.get(m[0], 9)):
            print(_report(*m))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
