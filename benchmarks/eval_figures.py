"""Score the figure extractor on the public cases in ../shared/eval (issue 4).

    python benchmarks/eval_figures.py                 # every set, ours and quantulum3
    python benchmarks/eval_figures.py --set newsquant_dev
    python benchmarks/eval_figures.py --set path/to/cases.json --misses

Scoring (the same for both systems):
* a prediction matches an expected quantity of the same sentence when the values are equal
  (relative 1e-6; a range matches when both ends are equal), one-to-one, expected quantities
  taken in order, each against the first free prediction;
* NewsQuant labels quantities, not times or ranks: predictions of kind year, date, date_range,
  time and ordinal are left out there;
* change: the expected change (= ~ > < up down) must equal the prediction's, NewsQuant's one
  field made of our two: a bound "more than"/"up to" (> <) first, as NewsQuant writes "grew
  more than sixfold" and "lost more than 60%", else the change when set, else the bound
  (exact =, approx ~: "rose about 1.5%" is "up"); a labelled range that ours reads as a
  change ("from 4.8 to 4.7 percent": value 4.7, previous 4.8) matches on value and previous
  and compares the bound;
* a closed interval of one value ("equals 20": [20,20]) is that value;
* a share labelled as a fraction with a unit "% ..." ("a third of": 0.333) matches our
  percent (33.3);
* unit: "percentage" <-> kind percent; currencies by ISO code; otherwise the expected unit's
  head word (singular) must appear in the prediction's unit, unit name or measure; an
  expected unit of "-"/count/dimensionless wants a bare number.
Recall is reported for every set; for the Recognizers-Text and quantulum3 sets it is the
number to watch (they are short phrases, some of them negatives of other tasks).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics import figures  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_SETS = [
    "newsquant_dev",
    "quantulum3_cases",
    "recognizers_number_en",
    "recognizers_percent_en",
    "recognizers_currency_en",
    "recognizers_ordinal_en",
    "recognizers_numberrange_en",
    "recognizers_dimension_en",
]
NON_QUANTITY_KINDS = figures.TIME_KINDS | {"ordinal"}
BOUND_SIGN = {"exact": "=", "approx": "~", "above": ">", "below": "<"}


@dataclass(frozen=True, slots=True)
class Pred:
    """A prediction reduced to what the scoring needs."""

    value: float
    high: float | None
    unit: str
    kind: str
    measure: str
    change: str  # = ~ > < up down
    surface: str
    previous: float | None = None
    bound: str = "="  # the bound's sign, for a labelled range read as a change


# ----------------------------------------------------------------------------- expectations
_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")
_INTERVAL = re.compile(r"^[\[(]\s*([^,]*)\s*,\s*([^\])]*)\s*[\])]$")


def parse_expected(value: object) -> tuple[float | None, float | None] | None:
    """(low, high) of an expected value: 5 -> (5, None); "3-4" -> (3, 4);
    "(20,35]" -> (20, 35); "(30,)" -> (30, None); "(,30)" -> (None, 30); else None."""
    if isinstance(value, int | float):
        return float(value), None
    s = str(value).strip().rstrip("%")
    try:
        return float(s), None
    except ValueError:
        pass
    m = _RANGE.match(s)
    if m:
        return float(m.group(1)), float(m.group(2))
    m = _INTERVAL.match(s)
    if m:
        lo = float(m.group(1)) if m.group(1).strip() else None
        hi = float(m.group(2)) if m.group(2).strip() else None
        if lo is None and hi is None:
            return None
        return lo, hi
    return None


def _eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_match(exp: tuple[float | None, float | None], p: Pred) -> bool:
    """Equal values (relative 1e-6); a range needs both ends equal. An open interval from the
    Recognizers specs ("over thirty" -> (30, None)) matches on its one written end."""
    lo, hi = exp
    if lo is not None and hi is not None and _eq(lo, hi):
        return p.high is None and _eq(p.value, lo)  # "[20,20]": exactly 20
    if lo is not None and hi is not None and p.previous is not None and p.high is None:
        # "dropped from 208 pounds to 193": a range in the labels, value 193 with previous
        # 208 in ours (either order)
        return (_eq(p.value, hi) and _eq(p.previous, lo)) or (
            _eq(p.value, lo) and _eq(p.previous, hi)
        )
    if lo is not None and hi is not None:  # either order: "from 208 to 193 pounds"
        return p.high is not None and (
            (_eq(p.value, lo) and _eq(p.high, hi)) or (_eq(p.value, hi) and _eq(p.high, lo))
        )
    if lo is not None:
        return p.high is None and _eq(p.value, lo)
    assert hi is not None
    return _eq(p.value, hi) if p.high is None else _eq(p.high, hi)


# ----------------------------------------------------------------------------- units
def _currency_names() -> dict[str, str]:
    with (ROOT / "metrics" / "data" / "currencies.toml").open("rb") as fh:
        data = tomllib.load(fh)
    names = {}
    for code, spec in data.items():
        for n in spec.get("names", []):
            names[n.lower()] = code
        names[code.lower()] = code
    names.update(
        {
            "dollar": "USD",
            "united states dollar": "USD",
            "us dollar": "USD",
            "pound sterling": "GBP",
            "euro": "EUR",
            "japanese yen": "JPY",
            "chinese yuan": "CNY",
            "united arab emirates dirham": "AED",
            # 1987 copy's roubles: the reader names no Soviet code, so RUB stands for it (a
            # deliberate approximation)
            "soviet rouble": "RUB",
        }
    )
    return names


CURRENCY_NAMES = _currency_names()
CURRENCY_CODES = frozenset(CURRENCY_NAMES.values())


def _upper(unit: str | None) -> bool:
    """Whether an expected unit is written in capitals ("USD"), as ISO codes are."""
    return (unit or "").split(" per ")[0].strip().isupper()


_IRREGULAR = {
    "feet": "foot",
    "people": "person",  # "killed one person and wounded 40": the same unit
    "persons": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "teeth": "tooth",
    "mice": "mouse",
    "staff": "staff",
    "series": "series",
    "news": "news",
    "celsius": "celsius",
    "pence": "penny",  # our minor unit "pence" is the labels' "penny"
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "shelves": "shelf",
    "thieves": "thief",
    "wolves": "wolf",
}


def singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2:
        return w[:-1]
    return w


def unit_head(unit: str) -> str:
    """The head word of an expected unit: "mile per hour" -> "mile", "year of age" -> "year",
    "public housing property" -> "property"."""
    u = unit.lower().strip()
    for sep in (" per ", " of "):
        if sep in u:
            u = u.split(sep)[0]
    words = re.findall(r"[a-z0-9µμ]+", u)
    return singular(words[-1]) if words else ""


def unit_match(expected_unit: str | None, p: Pred, currency_of: Callable[[str], str]) -> bool:
    u = (expected_unit or "").strip().lower()
    if u.startswith("%") and p.kind == "percent" and u[1:].strip() in ("", "-"):
        return True  # a share of a group, "a third of those screened": ours is a percent
    if u in ("", "-", "count", "dimensionless", "% -", "%-"):
        return (p.kind in ("count", "identifier") and not p.unit) or p.unit == ""
    if u in ("percentage", "percent", "%"):
        return p.kind == "percent"
    base = u.split(" per ")[0].strip()
    code_only = base.upper() in CURRENCY_CODES and not _upper(expected_unit)
    if base in CURRENCY_NAMES and not code_only:
        # an ISO code counts only as written, in capitals: a unit "try" is a rugby try, not
        # the Turkish lira
        return currency_of(p.unit) == CURRENCY_NAMES[base]
    if u.startswith("%"):
        u = u[1:].strip()
    head = unit_head(u)
    if not head:
        return False
    unit = "" if code_only and p.kind == "money" else p.unit  # a rugby try is no lira
    hay = " ".join((unit, figures.unit_name(unit), p.measure)).lower()
    words = {singular(w) for w in re.findall(r"[a-zµμ]+", hay)}
    if code_only or head == "person":
        return head in words  # whole words: not "country" for "try", "personnel" for people
    return head in hay or head in words


def concept_head(concept: str) -> str:
    """The head noun of a NewsQuant concept for the second, head-noun concept metric: its last
    word that is a word (not a number such as "500" in "S&P 500" or "2022" in "China economy
    2022", not a bracketed ticker such as "(.SXAP)"), singular."""
    c = re.sub(r"\([^)]*\)", " ", concept.lower())
    for sep in (" per ", " of "):
        if sep in c:
            c = c.split(sep)[0]
    words = [w for w in re.findall(r"[a-z][a-z0-9&'’-]*", c)]
    return singular(words[-1]) if words else ""


def concept_head_match(concepts: list[str], measure: str) -> bool:
    """Head-noun concept metric: some concept's head noun is a word of the measure, both
    compared in the singular ("Hextar Technologies" ~ "hextar technologies", which the
    substring metric misses because "technology" is not a substring of "technologies")."""
    words = {singular(w) for w in re.findall(r"[a-z][a-z0-9&'’-]*", measure.lower())}
    return any(h and h in words for h in (concept_head(c) for c in concepts))


# ----------------------------------------------------------------------------- systems
def ours(text: str) -> list[Pred]:
    out = []
    for f in figures.find(text):
        change = _nq_change(f.change, f.bound)
        out.append(
            Pred(
                f.value,
                f.value_high,
                f.unit,
                f.kind,
                f.measure,
                change,
                f.surface,
                f.previous,
                BOUND_SIGN.get(f.bound, "="),
            )
        )
    return out


def _nq_change(change: str, bound: str) -> str:
    """Our change and bound as NewsQuant's one field: a bound beats a direction ("grew more
    than sixfold", "lost more than 60%": ">"), a direction beats an approximation ("rose
    about 1.5%": "up")."""
    if bound in ("above", "below"):
        return BOUND_SIGN[bound]
    return change or BOUND_SIGN.get(bound, "=")


def _ours_currency(unit: str) -> str:
    return unit.split("/")[0]


def quantulum() -> Callable[[str], list[Pred]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except Exception:
        return None

    def run(text: str) -> list[Pred]:
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                quantities = parser.parse(text)
            except Exception:
                return out
        for q in quantities:
            name = q.unit.name
            kind = (
                "percent"
                if name == "percentage"
                else ("count" if name == "dimensionless" else "quantity")
            )
            if q.unit.entity.name == "currency":
                kind = "money"
            value, high = float(q.value), None
            if q.uncertainty:
                value, high = value - q.uncertainty, value + q.uncertainty
            if (
                name == "dimensionless"
                and high is None
                and value.is_integer()
                and (1900 <= value <= 2100)
            ):
                kind = "year"
            out.append(
                Pred(value, high, "" if name == "dimensionless" else name, kind, "", "=", q.surface)
            )
        return out

    return run


def _q_currency(unit: str) -> str:
    return CURRENCY_NAMES.get(unit.lower(), unit)


# ----------------------------------------------------------------------------- scoring
@dataclass
class Score:
    cases: int = 0
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    change_ok: int = 0
    unit_ok: int = 0
    head_total: int = 0
    head_ok: int = 0
    concept_total: int = 0
    concept_ok: int = 0
    concept_head_ok: int = 0
    seconds: float = 0.0

    def f1(self, hits: int) -> float:
        if not self.expected or not self.predicted:
            return 0.0
        p, r = hits / self.predicted, hits / self.expected
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0


def load_cases(name: str) -> tuple[str, list[dict]]:
    path = Path(name)
    if not path.exists():
        path = EVAL / (name if name.endswith(".json") else name + ".json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return path.stem, data["cases"]


def _matches(v: tuple[float | None, float | None], e: dict, p: Pred) -> bool:
    """Value match; quantulum3 writes "8- to 16-meter" as 12 +/- 4 and "2,000.45±0.01" as
    2000.45 +/- 0.01, so a stated uncertainty matches either the range or the centre value.
    NewsQuant writes a share of a group as a fraction with a unit "% ..." ("a third of
    voters": 0.333, "% voter"); ours is in percent (33.3, kind percent), compared x100."""
    if value_match(v, p):
        return True
    unit = str(e.get("unit") or "")
    if (
        unit.startswith("%")
        and p.kind == "percent"
        and v[0] is not None
        and v[1] is None
        and 0 < v[0] <= 1
        and value_match((v[0] * 100, None), p)
    ):
        return True
    unc = e.get("uncertainty")
    if unc and v[0] is not None and v[1] is None:
        return value_match((v[0] - float(unc), v[0] + float(unc)), p)
    return False


def score(
    cases: list[dict],
    system: Callable[[str], list[Pred]],
    newsquant: bool,
    currency_of: Callable[[str], str],
    misses: list | None = None,
) -> Score:
    s = Score()
    for case in cases:
        text = case["text"]
        expected = []
        for e in case.get("expected", []):
            v = parse_expected(e.get("value"))
            if v is not None:
                expected.append((v, e))
        t0 = time.perf_counter()
        preds = system(text)
        s.seconds += time.perf_counter() - t0
        if newsquant:
            preds = [p for p in preds if p.kind not in NON_QUANTITY_KINDS]
        s.cases += 1
        s.expected += len(expected)
        s.predicted += len(preds)
        used = [False] * len(preds)
        missed = []
        for v, e in expected:
            for k, p in enumerate(preds):
                if not used[k] and _matches(v, e, p):
                    used[k] = True
                    s.matched += 1
                    # a labelled range read as value and previous ("from 4.8 to 4.7"): the
                    # label's change is the range's, so the prediction's bound answers it
                    ranged = v[1] is not None and p.high is None and p.previous is not None
                    if (e.get("change") or "=") == (p.bound if ranged else p.change):
                        s.change_ok += 1
                    elif misses is not None:
                        misses.append(("change", text, e, p))
                    if unit_match(e.get("unit"), p, currency_of):
                        s.unit_ok += 1
                    u = (e.get("unit") or "").lower()
                    if (
                        p.kind == "count"
                        and u not in ("", "-", "count", "dimensionless")
                        and (not u.startswith("%"))
                    ):
                        s.head_total += 1
                        head = unit_head(u)
                        s.head_ok += head in p.measure.lower() or head in {
                            singular(w) for w in p.measure.lower().split()
                        }
                    concepts = [
                        c.strip()
                        for c in (e.get("referred_concepts") or "").split(",")
                        if c.strip() and c.strip() != "-"
                    ]
                    if concepts and p.kind in ("percent", "money"):
                        s.concept_total += 1
                        s.concept_ok += any(unit_head(c) in p.measure.lower() for c in concepts)
                        head_ok = concept_head_match(concepts, p.measure)
                        s.concept_head_ok += head_ok
                        if misses is not None and not head_ok:
                            misses.append(("concept", text, e, p))
                    elif misses is not None and not unit_match(e.get("unit"), p, currency_of):
                        misses.append(("unit", text, e, p))
                    break
            else:
                missed.append(e)
        if misses is not None:
            for e in missed:
                misses.append(("miss", text, e, None))
            for k, p in enumerate(preds):
                if not used[k]:
                    misses.append(("extra", text, None, p))
    return s


def line(label: str, s: Score, newsquant: bool) -> str:
    out = (
        f"{label:<42} cases {s.cases:4d}  expected {s.expected:4d}  predicted "
        f"{s.predicted:4d}  matched {s.matched:4d}  F1 value {s.f1(s.matched):.3f}  "
        f"value+change {s.f1(s.change_ok):.3f}  value+unit {s.f1(s.unit_ok):.3f}  "
        f"recall {s.recall:.3f}"
    )
    if newsquant and s.head_total:
        out += (
            f"\n{'':<42} measure head (counts) {s.head_ok}/{s.head_total} = "
            f"{s.head_ok / s.head_total:.3f}"
        )
        if s.concept_total:
            out += (
                f"; concept in measure (percent/money) {s.concept_ok}/{s.concept_total}"
                f" = {s.concept_ok / s.concept_total:.3f}"
                f"\n{'':<42} concept head noun in measure (percent/money; last word of the "
                f"concept, numbers skipped, singular both sides) {s.concept_head_ok}/"
                f"{s.concept_total} = {s.concept_head_ok / s.concept_total:.3f}"
            )
    return out


def speed() -> str:
    """Sentences per second of the extractor alone on Financial PhraseBank, beside TextBlob
    sentiment on the same sentences."""
    import csv

    path = EVAL / "financial_phrasebank_sentiment.csv"
    with path.open(encoding="utf-8", errors="replace") as fh:
        sentences = [row["sentence"] for row in csv.DictReader(fh)]
    t0 = time.perf_counter()
    n_fig = sum(len(figures.find(s)) for s in sentences)
    t_fig = time.perf_counter() - t0
    try:
        from textblob.en import sentiment

        t0 = time.perf_counter()
        for s in sentences:
            sentiment(s)
        t_sent = time.perf_counter() - t0
        extra = f"; TextBlob sentiment {len(sentences) / t_sent:,.0f} sentences/s"
    except Exception:
        extra = ""
    return (
        f"speed: figures.find {len(sentences) / t_fig:,.0f} sentences/s "
        f"({len(sentences)} Financial PhraseBank sentences, {n_fig} figures){extra}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", help="set name in ../shared/eval or a JSON path")
    ap.add_argument("--misses", action="store_true", help="print misses and extra predictions")
    ap.add_argument("--no-baseline", action="store_true", help="skip quantulum3")
    args = ap.parse_args(argv)
    baseline = None if args.no_baseline else quantulum()
    for name in args.set or DEFAULT_SETS:
        label, cases = load_cases(name)
        newsquant = label.startswith("newsquant")
        misses: list | None = [] if args.misses else None
        print(
            line(
                f"{label} [themewatch]",
                score(cases, ours, newsquant, _ours_currency, misses),
                newsquant,
            )
        )
        if baseline is not None:
            print(
                line(f"{label} [quantulum3]", score(cases, baseline, newsquant, _q_currency), False)
            )
        for kind, text, e, p in misses or []:
            if kind == "miss":
                print(f"  MISS  {e.get('value')!s:>14} {e.get('unit')!s:<22} | {text}")
            elif kind == "extra":
                print(f"  EXTRA {p.value:>14g} {p.kind:<9} {p.surface!r:<20} | {text}")
            elif kind == "concept":
                print(
                    f"  CONCEPT {e.get('value')!s:>12} want {e.get('referred_concepts')!r} got "
                    f"{p.measure!r} {p.surface!r} | {text}"
                )
            elif kind == "change":
                print(
                    f"  CHANGE {e.get('value')!s:>13} want {e.get('change')!r} got "
                    f"{p.change!r} {p.surface!r} | {text}"
                )
            else:
                print(
                    f"  UNIT  {e.get('value')!s:>14} want {e.get('unit')!r} got "
                    f"{p.unit!r}/{p.measure!r} | {text}"
                )
    if baseline is None and not args.no_baseline:
        print("quantulum3 not installed: baseline skipped (pip install -e '.[bench]')")
    print(speed())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
