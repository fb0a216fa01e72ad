"""Theme agreement with editors' labels on BBC and Reuters, with confusion tables.

Run ``python benchmarks/eval_themes.py [--bbc CSV] [--reuters CSV] [--only bbc|reuters]``
(defaults: ``../shared/corpus/bbc_news.csv`` and ``reuters21578.csv``, read in place, never
copied). Top themes come from ``metrics.analyze`` (what users get) on a DataFrame of the
texts under opaque ids (``d00001``...: no id, title or file name can tell the category);
``--direct`` uses ``themes.match`` + ``themes.summarize`` on each whole text instead.
Matching speed is timed on the direct path.

BBC rule: the document's first theme is the category's theme (business -> economy_trade,
politics -> politics_diplomacy, sport -> sport, tech -> technology_digital, entertainment
-> arts_entertainment), all fifteen themes competing.

Reuters rule (``REUTERS_GROUPS``): single-topic stories only (one editors' code in
``topics``), whose code belongs to a group below; codes in no group (metals such as gold,
copper, tin, iron-steel; pet-chem; lumber) have no theme of their own and are left out.
Commodity groups (farm, energy, shipping) agree when their theme is among the first two
(a story on coffee quotas or tanker rates is also about trade); finance and
macro-economic groups agree only when economy_trade is first.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import themes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
BBC_CSV = CORPUS / "bbc_news.csv"
REUTERS_CSV = CORPUS / "reuters21578.csv"
BBC_EXPECTED = {
    "business": "economy_trade",
    "politics": "politics_diplomacy",
    "sport": "sport",
    "tech": "technology_digital",
    "entertainment": "arts_entertainment",
}


@dataclass(frozen=True)
class Group:
    """Reuters topic codes scored together: ``theme`` must be within the first ``top``."""

    name: str
    theme: str
    top: int
    codes: tuple[str, ...]


REUTERS_GROUPS = (
    Group("farm", "agriculture_rural", 2, (
        "grain", "wheat", "corn", "barley", "oat", "sorghum", "rice", "rye", "soybean",
        "oilseed", "veg-oil", "soy-oil", "soy-meal", "meal-feed", "rapeseed", "sunseed",
        "palm-oil", "cotton-oil", "groundnut", "coconut", "copra-cake", "sugar", "coffee",
        "cocoa", "tea", "cotton", "rubber", "wool", "orange", "potato", "livestock",
        "carcass", "l-cattle", "hog")),
    Group("energy", "energy", 2, (
        "crude", "nat-gas", "gas", "fuel", "heat", "jet", "naphtha", "propane")),
    Group("shipping", "transport_infrastructure", 2, ("ship",)),
    Group("finance", "economy_trade", 1, (
        "earn", "acq", "money-fx", "interest", "trade", "money-supply", "reserves", "bop",
        "dlr", "yen", "rand", "dmk", "stg")),
    Group("macro", "economy_trade", 1, (
        "gnp", "cpi", "wpi", "ipi", "jobs", "retail", "housing", "lei", "income",
        "instal-debt", "inventories", "cpu")),
)
GROUP_OF = {code: g for g in REUTERS_GROUPS for code in g.codes}


def opaque(df: pd.DataFrame) -> pd.DataFrame:
    """The texts under ids that say nothing (``d00001``...), with no title or label."""
    return pd.DataFrame({"id": [f"d{i:05d}" for i in range(1, len(df) + 1)],
                         "text": df["text"].fillna("").to_numpy()})


def ranked_direct(df: pd.DataFrame, taxonomy: themes.Taxonomy
                  ) -> tuple[list[list[str]], float]:
    """Ranked theme ids of each text via the matcher alone; also the seconds it took."""
    t0 = time.perf_counter()
    out = [[s.theme for s in themes.summarize(themes.match(text, taxonomy), taxonomy)]
           for text in df["text"].fillna("")]
    return out, time.perf_counter() - t0


def ranked_pipeline(df: pd.DataFrame, taxonomy: themes.Taxonomy) -> list[list[str]]:
    """Ranked theme ids of each text from ``metrics.analyze`` (the themes table)."""
    import metrics

    frame = opaque(df)
    rows = metrics.analyze(frame, taxonomy=taxonomy).themes
    by_doc = rows.groupby("doc_id", sort=False)["theme"].agg(list).to_dict()
    return [by_doc.get(i, []) for i in frame["id"]]


def confusion(labels: pd.Series, first: pd.Series) -> None:
    table = pd.crosstab(labels.rename("label"), first.replace("", "(none)").rename("top"))
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(table.T.to_string())


def report_bbc(df: pd.DataFrame, ranked: list[list[str]]) -> float:
    """Print BBC agreement overall, per category and the confusion; return overall."""
    first = pd.Series([r[0] if r else "" for r in ranked], index=df.index)
    ok = first == df["category"].map(BBC_EXPECTED)
    print(f"BBC overall agreement: {ok.mean():.1%} ({ok.sum()}/{len(df)})")
    for cat, group in ok.groupby(df["category"]):
        print(f"  {cat:<14} {group.mean():6.1%}  ({group.sum()}/{len(group)})")
    print("\nBBC confusion (rows: first theme, columns: category)")
    confusion(df["category"], first)
    return float(ok.mean())


def reuters_single(df: pd.DataFrame) -> pd.DataFrame:
    """Single-topic stories whose code belongs to a group, with a ``group`` column."""
    topics = df["topics"].fillna("").str.strip()
    single = df[(topics != "") & ~topics.str.contains(";")].copy()
    single["topic"] = single["topics"].str.strip()
    single["group"] = single["topic"].map(lambda c: GROUP_OF[c].name if c in GROUP_OF else "")
    return single[single["group"] != ""]


def report_reuters(df: pd.DataFrame, ranked: list[list[str]]) -> float:
    """Print Reuters agreement overall, per group (and code) and the confusion."""
    groups = {g.name: g for g in REUTERS_GROUPS}
    ok = pd.Series([groups[g].theme in r[:groups[g].top] for g, r in zip(df["group"], ranked,
                                                                          strict=True)],
                   index=df.index)
    print(f"Reuters overall agreement: {ok.mean():.1%} ({ok.sum()}/{len(df)}) "
          "single-topic stories")
    for g in REUTERS_GROUPS:
        sel = ok[df["group"] == g.name]
        where = "first" if g.top == 1 else f"in top {g.top}"
        print(f"  {g.name:<9} {sel.mean():6.1%}  ({sel.sum()}/{len(sel)})  {g.theme} {where}")
        codes = ok[df["group"] == g.name].groupby(df["topic"]).agg(["mean", "size"])
        codes = codes.sort_values("size", ascending=False)
        print("      " + ", ".join(f"{c} {m:.0%}/{int(n)}" for c, (m, n) in codes.iterrows()))
    first = pd.Series([r[0] if r else "" for r in ranked], index=df.index)
    print("\nReuters confusion (rows: first theme, columns: group)")
    confusion(df["group"], first)
    return float(ok.mean())


def speed(df: pd.DataFrame, taxonomy: themes.Taxonomy, name: str) -> list[list[str]]:
    ranked, seconds = ranked_direct(df, taxonomy)
    words = int(df["text"].fillna("").str.split().str.len().sum())
    print(f"{name} matching: {len(df)} texts, {words:,} words in {seconds:.2f}s "
          f"({words / seconds / 1e6:.2f} M words/s)")
    return ranked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=BBC_CSV)
    parser.add_argument("--reuters", type=Path, default=REUTERS_CSV)
    parser.add_argument("--only", choices=("bbc", "reuters"), default=None)
    parser.add_argument("--themes", type=Path, default=None, help="taxonomy TOML file")
    parser.add_argument("--direct", action="store_true", help="skip metrics.analyze")
    args = parser.parse_args(argv)
    taxonomy = themes.load_taxonomy(args.themes)
    how = "themes.match on each whole text" if args.direct else "metrics.analyze, opaque ids"
    if args.only in (None, "bbc"):
        bbc = pd.read_csv(args.bbc)
        ranked = speed(bbc, taxonomy, "BBC")
        if not args.direct:
            ranked = ranked_pipeline(bbc, taxonomy)
        print(f"top themes from {how}\n")
        report_bbc(bbc, ranked)
        print()
    if args.only in (None, "reuters"):
        reuters = reuters_single(pd.read_csv(args.reuters))
        ranked = speed(reuters, taxonomy, "Reuters")
        if not args.direct:
            ranked = ranked_pipeline(reuters, taxonomy)
        print(f"top themes from {how}\n")
        report_reuters(reuters, ranked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
