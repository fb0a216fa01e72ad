"""How our tone scores read against human labels: Financial PhraseBank (Malo et al. 2014).

``metrics.sentiment.score`` is TextBlob's PatternAnalyzer, so this measures TextBlob itself
(the anchor) and checks that our scores are identical to ``TextBlob(text).sentiment``.
Polarity is mapped to a label with a neutral band of +/- ``--band`` (default 0.05).

    python benchmarks/eval_sentiment.py [--band 0.05] [--path ../shared/eval/...csv]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
from textblob import TextBlob

from metrics import sentiment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / \
    "financial_phrasebank_sentiment.csv"
LABELS = ("negative", "neutral", "positive")


def label(polarity: float, band: float) -> str:
    """The three-way label of a polarity, with a neutral band around zero."""
    if polarity > band:
        return "positive"
    if polarity < -band:
        return "negative"
    return "neutral"


def macro_f1(gold: pd.Series, pred: pd.Series) -> float:
    scores = []
    for lab in LABELS:
        tp = ((gold == lab) & (pred == lab)).sum()
        p = tp / max(1, (pred == lab).sum())
        r = tp / max(1, (gold == lab).sum())
        scores.append(0 if p + r == 0 else 2 * p * r / (p + r))
    return float(sum(scores) / len(scores))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--band", type=float, default=0.05)
    args = parser.parse_args()
    data = pd.read_csv(args.path)
    started = time.perf_counter()
    scores = [sentiment.score(s) for s in data["sentence"]]
    seconds = time.perf_counter() - started
    data["polarity"] = [p for p, _ in scores]
    data["pred"] = data["polarity"].map(lambda p: label(p, args.band))
    same = sum(
        sentiment.score(s) == tuple(TextBlob(s).sentiment) for s in data["sentence"][:500]
    )
    print(f"sentences {len(data)}  scored in {seconds:.2f} s ({len(data) / seconds:,.0f}/s)")
    print(f"identical to TextBlob(text).sentiment: {same}/500")
    print(f"{'subset':<14}{'n':>6}{'accuracy':>10}{'macro F1':>10}")
    for name, part in [("all", data)] + [
        (f"agreement>={a}", data[data["agreement"] >= a]) for a in (66, 75, 100)
    ]:
        acc = float((part["pred"] == part["label"]).mean())
        print(f"{name:<14}{len(part):>6}{acc:>10.3f}{macro_f1(part['label'], part['pred']):>10.3f}")
    print("\nconfusion (rows: human label, columns: TextBlob label), all sentences")
    print(pd.crosstab(data["label"], data["pred"]).reindex(index=LABELS, columns=LABELS,
                                                           fill_value=0).to_string())


if __name__ == "__main__":
    main()
