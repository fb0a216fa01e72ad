"""How our tone scores read against human labels: Financial PhraseBank (Malo et al. 2014).

Scores every labelled sentence with each tone analyzer themewatch offers
(``metrics.sentiment.ANALYZERS``: TextBlob, the default, and ``vader-finance`` when the
``tone`` extra is installed), plus two references that are not offered: plain VADER and
"always neutral". A polarity is mapped to a label with a neutral band of +/- ``--band``
(default 0.05, VADER's documented threshold). Agreement is reported on every labelled set
this script covers: PhraseBank whole and its subsets by annotator agreement (sentences on
which 66%, 75% or all annotators agreed). It also checks that our TextBlob scores are
identical to ``TextBlob(text).sentiment``.

Nothing here is fitted: the analyzers' rules and word lists are chosen by principle and the
band is VADER's documented one. PhraseBank's licence (CC BY-NC-SA) forbids commercial use;
it is read in place, never copied.

    python benchmarks/eval_sentiment.py [--band 0.05] [--path ../shared/eval/...csv]
    python benchmarks/eval_sentiment.py --write  # and metrics/results/sentiment_agreement.json
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from metrics import sentiment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / \
    "financial_phrasebank_sentiment.csv"
RESULTS = sentiment.AGREEMENT_FILE
DATASET = "Financial PhraseBank v1.0 (Malo et al. 2014)"
LABELS = ("negative", "neutral", "positive")
SUBSETS = (("all", 0), ("agreement>=66", 66), ("agreement>=75", 75), ("agreement=100", 100))
REFERENCES = ("vader", "always-neutral")  # measured for context, not offered


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


def scorer(name: str) -> Callable[[str], float]:
    """Polarity of one sentence by an offered analyzer or a reference."""
    if name == "always-neutral":
        return lambda _s: 0.0
    if name == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        plain = SentimentIntensityAnalyzer()
        return lambda s: plain.polarity_scores(s)["compound"]
    return lambda s: sentiment.score(s, name)[0]


def evaluate(data: pd.DataFrame, names: Sequence[str], band: float = 0.05
             ) -> tuple[dict[str, dict], dict[str, pd.Series], dict[str, float]]:
    """Agreement of each analyzer with ``data``'s labels: {name: {subset: {n, accuracy,
    macro_f1}}}, the predicted labels, and the seconds each took."""
    table: dict[str, dict] = {}
    preds: dict[str, pd.Series] = {}
    seconds: dict[str, float] = {}
    for name in names:
        score = scorer(name)
        started = time.perf_counter()
        polarity = [score(s) for s in data["sentence"]]
        seconds[name] = time.perf_counter() - started
        pred = pd.Series([label(p, band) for p in polarity], index=data.index)
        preds[name] = pred
        table[name] = {}
        for subset, least in SUBSETS:
            part = data["agreement"] >= least
            gold = data.loc[part, "label"]
            table[name][subset] = {
                "n": int(part.sum()),
                "accuracy": round(float((pred[part] == gold).mean()), 3),
                "macro_f1": round(macro_f1(gold, pred[part]), 3),
            }
    return table, preds, seconds


def analyzers_here() -> list[str]:
    """The offered analyzers that are installed, then the references that can run."""
    names = [n for n in sentiment.ANALYZERS if sentiment.available(n)]
    return names + [r for r in REFERENCES if r != "vader" or "vader-finance" in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--band", type=float, default=0.05)
    parser.add_argument("--write", action="store_true",
                        help=f"write the offered analyzers' agreement to {RESULTS}")
    args = parser.parse_args()
    data = pd.read_csv(args.path)
    names = analyzers_here()
    table, preds, seconds = evaluate(data, names, args.band)

    from textblob import TextBlob

    same = sum(sentiment.score(s) == tuple(TextBlob(s).sentiment) for s in data["sentence"][:500])
    print(f"{DATASET}: {len(data)} sentences, neutral band +/-{args.band}")
    print(f"identical to TextBlob(text).sentiment: {same}/500\n")
    print(f"{'analyzer':<16}{'subset':<15}{'n':>6}{'accuracy':>10}{'macro F1':>10}{'sent/s':>9}")
    for name in names:
        for subset, _ in SUBSETS:
            row = table[name][subset]
            rate = f"{len(data) / seconds[name]:,.0f}" if subset == "all" else ""
            print(f"{name:<16}{subset:<15}{row['n']:>6}{row['accuracy']:>10.3f}"
                  f"{row['macro_f1']:>10.3f}{rate:>9}")
    for name in names:
        if name in REFERENCES:
            continue
        print(f"\nconfusion of {name} (rows: human label, columns: {name}'s), all sentences")
        print(pd.crosstab(data["label"], preds[name]).reindex(
            index=LABELS, columns=LABELS, fill_value=0).to_string())
    if args.write:
        offered = {n: table[n] for n in names if n not in REFERENCES}
        record = {"dataset": DATASET, "file": args.path.name, "sentences": len(data),
                  "band": args.band, "subsets": [s for s, _ in SUBSETS],
                  "command": "python benchmarks/eval_sentiment.py --write",
                  "analyzers": offered,
                  "references": {n: table[n] for n in names if n in REFERENCES}}
        RESULTS.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main()
