"""Score the place finder (``metrics.places``) against Reuters-21578's editors' place codes.

    python benchmarks/eval_places.py [--corpus PATH] [--stories 2000] [--errors 15]

The sample is fixed: the first ``--stories`` stories (in file order) whose ``places``
cell is not empty, of ``../shared/corpus/reuters21578.csv`` (read in place, never
copied). The finder runs on each story's text as the pipeline does (title left out).

* **precision**: of the (story, country) pairs found, the share whose country is among
  the story's coded places. Printed twice: for every country a story names (the
  ``places`` table, every mention) and for the countries it is about
  (``places.about``: ``places.focus`` over the mentions that are not passing ones, see
  its docstring), which is what the editors' codes record and what the bar is about;
* **recall (named)**: of the coded (story, country) pairs whose country's name, an alias
  or a demonym appears in the text (case-sensitively, as a word), the share found;
* precision, recall and F1 against **all** codes (editors also code places a story never
  names, which no reader of the text can find);
* the figures **before** the focus rules by class of error (commit 630baad, printed
  beside today's for comparison; they were measured with that commit's
  ``places.focus`` over every mention);
* the most frequent false positives and false negatives (by country, and by surface
  for false positives) so that the next improvement goes by class of error.

``REUTERS_TO_ISO`` maps Reuters' place codes to ISO 3166-1 alpha-3 (evaluation glue, not
product data). Codes of states that have since split map to every successor, since the
finder gives today's codes for the places it names inside them: ``ussr`` is any of the
15 successor states, ``yugoslavia`` any of its 7, ``czechoslovakia`` CZE or SVK; both
Germanys are DEU, both Yemens YEM.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import places, text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.csv"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus/reuters21578.csv")

USSR = ("RUS", "UKR", "BLR", "KAZ", "UZB", "TKM", "KGZ", "TJK", "GEO", "ARM", "AZE", "MDA",
        "LTU", "LVA", "EST")
REUTERS_TO_ISO: dict[str, tuple[str, ...]] = {
    "afghanistan": ("AFG",), "algeria": ("DZA",), "angola": ("AGO",), "antigua": ("ATG",),
    "argentina": ("ARG",), "aruba": ("ABW",), "australia": ("AUS",), "austria": ("AUT",),
    "bahamas": ("BHS",), "bahrain": ("BHR",), "bangladesh": ("BGD",), "barbados": ("BRB",),
    "belgium": ("BEL",), "benin": ("BEN",), "bermuda": ("BMU",), "bhutan": ("BTN",),
    "bolivia": ("BOL",), "botswana": ("BWA",), "brazil": ("BRA",), "brunei": ("BRN",),
    "bulgaria": ("BGR",), "burkina-faso": ("BFA",), "burma": ("MMR",), "cameroon": ("CMR",),
    "canada": ("CAN",), "cayman-islands": ("CYM",), "chad": ("TCD",), "chile": ("CHL",),
    "china": ("CHN",), "colombia": ("COL",), "congo": ("COG",), "costa-rica": ("CRI",),
    "cuba": ("CUB",), "cyprus": ("CYP",), "czechoslovakia": ("CZE", "SVK"),
    "denmark": ("DNK",), "djibouti": ("DJI",), "dominican-republic": ("DOM",),
    "east-germany": ("DEU",), "ecuador": ("ECU",), "egypt": ("EGY",),
    "el-salvador": ("SLV",), "ethiopia": ("ETH", "ERI"), "fiji": ("FJI",),
    "finland": ("FIN",), "france": ("FRA",), "gabon": ("GAB",), "ghana": ("GHA",),
    "greece": ("GRC",), "guam": ("GUM",), "guatemala": ("GTM",), "guinea": ("GIN",),
    "guyana": ("GUY",), "haiti": ("HTI",), "honduras": ("HND",), "hong-kong": ("HKG",),
    "hungary": ("HUN",), "iceland": ("ISL",), "india": ("IND",), "indonesia": ("IDN", "TLS"),
    "iran": ("IRN",), "iraq": ("IRQ",), "ireland": ("IRL",), "israel": ("ISR", "PSE"),
    "italy": ("ITA",), "ivory-coast": ("CIV",), "jamaica": ("JAM",), "japan": ("JPN",),
    "jordan": ("JOR",), "kampuchea": ("KHM",), "kenya": ("KEN",), "kuwait": ("KWT",),
    "lebanon": ("LBN",), "lesotho": ("LSO",), "liberia": ("LBR",), "libya": ("LBY",),
    "liechtenstein": ("LIE",), "luxembourg": ("LUX",), "madagascar": ("MDG",),
    "malawi": ("MWI",), "malaysia": ("MYS",), "malta": ("MLT",), "mauritania": ("MRT",),
    "mauritius": ("MUS",), "mexico": ("MEX",), "morocco": ("MAR",), "mozambique": ("MOZ",),
    "namibia": ("NAM",), "nepal": ("NPL",), "netherlands": ("NLD",),
    "new-zealand": ("NZL",), "nicaragua": ("NIC",), "niger": ("NER",), "nigeria": ("NGA",),
    "north-korea": ("PRK",), "norway": ("NOR",), "oman": ("OMN",), "pakistan": ("PAK",),
    "panama": ("PAN",), "papua-new-guinea": ("PNG",), "paraguay": ("PRY",), "peru": ("PER",),
    "philippines": ("PHL",), "poland": ("POL",), "portugal": ("PRT",), "qatar": ("QAT",),
    "romania": ("ROU",), "rwanda": ("RWA",), "saudi-arabia": ("SAU",), "senegal": ("SEN",),
    "sierra-leone": ("SLE",), "singapore": ("SGP",), "somalia": ("SOM",),
    "south-africa": ("ZAF",), "south-korea": ("KOR",), "spain": ("ESP",),
    "sri-lanka": ("LKA",), "sudan": ("SDN", "SSD"), "suriname": ("SUR",),
    "swaziland": ("SWZ",), "sweden": ("SWE",), "switzerland": ("CHE",), "syria": ("SYR",),
    "taiwan": ("TWN",), "tanzania": ("TZA",), "thailand": ("THA",), "togo": ("TGO",),
    "trinidad-tobago": ("TTO",), "tunisia": ("TUN",), "turkey": ("TUR",), "uae": ("ARE",),
    "uganda": ("UGA",), "uk": ("GBR",), "uruguay": ("URY",),
    "us-virgin-islands": ("VIR",), "usa": ("USA",), "ussr": USSR, "vanuatu": ("VUT",),
    "venezuela": ("VEN",), "vietnam": ("VNM",), "west-germany": ("DEU",),
    "yemen-arab-republic": ("YEM",), "yemen-demo-republic": ("YEM",),
    "yugoslavia": ("SRB", "HRV", "SVN", "BIH", "MKD", "MNE", "XKX"),
    "zaire": ("COD",), "zambia": ("ZMB",), "zimbabwe": ("ZWE",),
}


# Printed as "before": this script at commit 630baad (focus over every mention: named in
# the lead sentence or at least twice; company names, currency words after a capital,
# text in capitals not handled).
BEFORE = {"every_precision": 0.698, "every_recall": 0.951, "pairs": 1507,
          "precision": 0.837, "recall_named": 0.808, "recall_all": 0.503, "f1_all": 0.628}


def sample(path: Path, n: int) -> list[dict[str, str]]:
    """The first ``n`` stories with a non-empty ``places`` cell and a text."""
    csv.field_size_limit(1 << 30)
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["places"].strip() and row["text"].strip():
                out.append(row)
                if len(out) == n:
                    break
    return out


def capitals(path: Path) -> tuple[int, int, int]:
    """Stories of the whole corpus written mostly in capitals (60% of their letters) that
    have place codes: how many, the (story, country) pairs ``places.about`` finds in them,
    and how many of those are coded."""
    stories = found = correct = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            letters = re.findall(r"[A-Za-z]", row["text"])
            if not row["places"].strip() or not letters or sum(
                    c.isupper() for c in letters) < 0.6 * len(letters):
                continue
            accepted = {iso for c in row["places"].split(";")
                        for iso in REUTERS_TO_ISO.get(c, ())}
            got = places.about(row["text"])
            stories += 1
            found += len(got)
            correct += len(got & accepted)
    return stories, found, correct


def name_patterns() -> dict[str, re.Pattern[str]]:
    """ISO3 -> a pattern of the names, aliases and demonyms of that country in the
    gazetteer (its country and demonym entries), to tell which coded countries a story
    names."""
    gaz = places.gazetteer()
    forms: dict[str, list[str]] = {}
    for name, entry in gaz.entries.items():
        if entry.kind in ("country", "demonym") and entry.codes:
            for code in entry.codes:
                forms.setdefault(code, []).append(name)
    return {code: re.compile(r"(?<![\w])(?:" + "|".join(
        re.escape(f) for f in sorted(names, key=len, reverse=True)) + r")(?![\w])")
        for code, names in forms.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--errors", type=int, default=15, help="error classes listed")
    args = ap.parse_args()
    stories = sample(args.corpus, args.stories)
    unknown = sorted({c for s in stories for c in s["places"].split(";")
                      if c and c not in REUTERS_TO_ISO})
    if unknown:
        print(f"unmapped Reuters codes (left out): {', '.join(unknown)}")
    patterns = name_patterns()
    places.gazetteer()
    found_pairs = correct = 0
    named_all = named_all_found = 0
    every_pairs = every_correct = 0
    named = named_found = 0
    coded_all = coded_found = 0
    fp_country: Counter[str] = Counter()
    fp_surface: Counter[str] = Counter()
    fn_country: Counter[str] = Counter()
    started = time.perf_counter()
    for story in stories:
        body = story["text"]
        codes = [c for c in story["places"].split(";") if c in REUTERS_TO_ISO]
        gold = {c: set(REUTERS_TO_ISO[c]) for c in codes}
        accepted = set().union(*gold.values()) if gold else set()
        mentions = places.find(body)
        starts = [s for s, _ in text.sentences(body, 0)] or [0]
        found = places.about(body, starts)
        every = {p.country for p in mentions}
        every_pairs += len(every)
        every_correct += len(every & accepted)
        found_pairs += len(found)
        correct += len(found & accepted)
        for p in mentions:
            if p.country not in accepted:
                fp_surface[p.surface] += 1
        for country in found - accepted:
            fp_country[country] += 1
        for code, isos in gold.items():
            coded_all += 1
            hit = bool(isos & found)
            coded_found += hit
            if any(iso in patterns and patterns[iso].search(body) for iso in isos):
                named += 1
                named_found += hit
                named_all += 1
                named_all_found += bool(isos & every)
                if not hit:
                    fn_country[code] += 1
    elapsed = time.perf_counter() - started
    precision = correct / found_pairs if found_pairs else 0.0
    recall_named = named_found / named if named else 0.0
    recall_all = coded_found / coded_all if coded_all else 0.0
    f1_all = (2 * precision * recall_all / (precision + recall_all)
              if precision + recall_all else 0.0)
    f1_named = (2 * precision * recall_named / (precision + recall_named)
                if precision + recall_named else 0.0)
    every_precision = every_correct / max(every_pairs, 1)
    every_recall = named_all_found / max(named_all, 1)
    print(f"Reuters-21578, first {len(stories):,} stories with place codes "
          f"({coded_all:,} coded (story, place) pairs; {named:,} of them named in the text)")
    print(f"{'':34s}{'before':>8s}{'now':>8s}")
    rows = [("every country named: precision", "every_precision", every_precision),
            ("every country named: recall", "every_recall", every_recall),
            ("about (focus): pairs found", "pairs", found_pairs),
            ("about: precision (bar >= 0.85)", "precision", precision),
            ("about: recall, named (bar >= 0.80)", "recall_named", recall_named),
            ("about: recall, all codes", "recall_all", recall_all),
            ("about: F1, all codes", "f1_all", f1_all)]
    for label, key, value in rows:
        fmt = "{:>8,}" if isinstance(value, int) else "{:>8.3f}"
        print(f"{label:34s}" + fmt.format(BEFORE[key]) + fmt.format(value))
    print(f"about: F1, named {f1_named:.3f}; {correct:,} of {found_pairs:,} pairs coded; "
          f"bars {'met' if precision >= 0.85 and recall_named >= 0.80 else 'NOT met'}")
    print(f"time: {elapsed:.2f} s ({len(stories) / elapsed:,.0f} stories/s)")
    caps = capitals(args.corpus)
    print(f"stories written in capitals, whole corpus, with place codes: {caps[0]}; "
          f"about: {caps[1]} pairs found, {caps[2]} coded (none are in the sample)")
    print(f"\nfalse positives by country (top {args.errors}): "
          + ", ".join(f"{c} {n}" for c, n in fp_country.most_common(args.errors)))
    print(f"false positives by surface (top {args.errors}): "
          + ", ".join(f"{s!r} {n}" for s, n in fp_surface.most_common(args.errors)))
    print(f"false negatives, named in the text (top {args.errors}): "
          + ", ".join(f"{c} {n}" for c, n in fn_country.most_common(args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
