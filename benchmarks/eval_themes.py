"""Theme agreement on the BBC corpus: does a document's top theme match its category?

Run ``python benchmarks/eval_themes.py [CSV]`` (default ``../shared/corpus/bbc_news.csv``,
read in place, never copied). Measures what users get: ``metrics.analyze`` when the
pipeline provides it, else ``themes.match`` + ``themes.summarize`` over each text.
Prints overall and per-category agreement, a confusion table and matching speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import themes  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "bbc_news.csv"
EXPECTED = {
    "business": "economy_trade",
    "politics": "politics_diplomacy",
    "sport": "sport",
    "tech": "technology_digital",
    "entertainment": "arts_entertainment",
}


def top_themes_direct(df: pd.DataFrame, taxonomy: themes.Taxonomy) -> tuple[pd.Series, float]:
    """Top theme of each text via the matcher alone; also the matching time in seconds."""
    t0 = time.perf_counter()
    tops = []
    for text in df["text"]:
        ranked = themes.summarize(themes.match(text, taxonomy), taxonomy)
        tops.append(ranked[0].theme if ranked else "")
    return pd.Series(tops, index=df.index), time.perf_counter() - t0


def top_themes_pipeline(csv: Path, df: pd.DataFrame) -> pd.Series | None:
    """Top theme per row from ``metrics.analyze`` (None when the pipeline is not there)."""
    import metrics

    analyze = getattr(metrics, "analyze", None)
    if analyze is None:
        return None
    docs = analyze(str(csv)).documents.set_index("doc_id")
    return df["id"].astype(str).map(docs["top_theme"]).fillna("")


def report(df: pd.DataFrame, predicted: pd.Series) -> float:
    """Print agreement overall, per category and the confusion table; return overall."""
    expected = df["category"].map(EXPECTED)
    ok = predicted == expected
    print(f"overall agreement: {ok.mean():.1%} ({ok.sum()}/{len(df)})")
    for cat, group in ok.groupby(df["category"]):
        print(f"  {cat:<14} {group.mean():6.1%}  ({group.sum()}/{len(group)})")
    print("\nconfusion (rows: category, columns: top theme)")
    table = pd.crosstab(df["category"], predicted.replace("", "(none)").rename("top theme"))
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(table.T.to_string())
    return float(ok.mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--themes", type=Path, default=None, help="taxonomy TOML file")
    parser.add_argument("--direct", action="store_true", help="skip metrics.analyze")
    args = parser.parse_args(argv)
    df = pd.read_csv(args.csv)
    taxonomy = themes.load_taxonomy(args.themes)
    predicted, seconds = top_themes_direct(df, taxonomy)
    words = int(df["text"].str.split().str.len().sum())
    print(f"matching: {len(df)} texts, {words:,} words in {seconds:.2f}s "
          f"({words / seconds / 1e6:.2f} M words/s)")
    if not args.direct and args.themes is None:
        via = top_themes_pipeline(args.csv, df)
        if via is not None:
            print("top themes from metrics.analyze (what users get)")
            predicted = via
        else:
            print("metrics.analyze not available: top themes from themes.match on each text")
    report(df, predicted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
