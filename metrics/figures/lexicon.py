"""The figure reader's vocabulary: the only module that reads its files in ``metrics/data/``.

Number words, scales, units, currencies, months and the word lists of the grammar around
amounts are loaded once, at import, into the tables the stages look words up in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def load(name: str) -> dict:
    """One TOML file of ``metrics/data/``."""
    with (DATA / name).open("rb") as fh:
        return tomllib.load(fh)


def load_words(name: str) -> frozenset[str]:
    """A word list of ``metrics/data/`` (one word a line, ``#`` comments), lower-cased."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


NUMBERS = load("numbers.toml")
GRAMMAR = load("grammar.toml")
_UNITS_FILE = load("units.toml")
UNITS = _UNITS_FILE["unit"]
# The percent sign and words: {"symbols": [...], "words": [...]}.
PERCENT_ALIASES: dict[str, list[str]] = _UNITS_FILE["percent"]
CURRENCIES = load("currencies.toml")
# Month names and abbreviations -> month number; also used by ``metrics.documents``.
MONTHS: dict[str, int] = load("months.toml")["months"]
# The stop words (shared with ``metrics.phrases``): a quoted name needs a word not in them.
STOPWORDS = load_words("stopwords.txt")

CARDINALS: dict[str, float] = {k: float(v) for k, v in NUMBERS["cardinals"].items()}
SCALES: dict[str, float] = {k: float(v) for k, v in NUMBERS["scales"].items()}
SCALE_ABBREVIATIONS: dict[str, float] = {
    k: float(v) for k, v in NUMBERS["scale_abbreviations"].items()
}
COLLECTIVES: dict[str, float] = {k: float(v) for k, v in NUMBERS["collectives"].items()}
VAGUE: dict[str, tuple[float, float]] = {
    k: (float(v[0]), float(v[1])) for k, v in NUMBERS["vague_plurals"].items()
}
VAGUE_DETERMINERS = frozenset(NUMBERS["vague_determiners"]["words"])
MULTI_SCALES: dict[str, tuple[float, float]] = {
    k: (float(v[0]), float(v[1])) for k, v in NUMBERS["multi_scales"].items()
}
ORDINALS: dict[str, int] = dict(NUMBERS["ordinals"])
FRACTIONS: dict[str, int] = dict(NUMBERS["fractions"])
MULTIPLES: dict[str, float] = {k: float(v) for k, v in NUMBERS["multiples"].items()}
SIGNS: dict[str, int] = dict(NUMBERS["signs"])
ONE_PRONOUN_BEFORE = frozenset(NUMBERS["one_pronoun"]["before"])
ONE_PRONOUN_AFTER = frozenset(NUMBERS["one_pronoun"]["after"])
VULGAR: dict[str, float] = {k: float(v) for k, v in NUMBERS["vulgar_fractions"].items()}
ORDINAL_SCALES: dict[str, float] = {k: float(v) for k, v in NUMBERS["ordinal_scales"].items()}
PARTS: dict[str, float] = {k: float(v) for k, v in NUMBERS["parts"].items()}
ONE_COUNTS_BEFORE = frozenset(NUMBERS["one_pronoun"]["counts_before"])
ARTICLES = frozenset(NUMBERS["words"]["articles"])
ORDINAL_SUFFIXES = frozenset(NUMBERS["words"]["ordinal_suffixes"])

# Words that can start an amount; a scan for figures stops at them (and at digit runs).
STARTERS = frozenset(
    set(CARDINALS)
    | set(ORDINALS)
    | set(VAGUE)
    | VAGUE_DETERMINERS
    | set(MULTI_SCALES)
    | {"multi"}
    | set(MULTIPLES)
    | set(VULGAR)
    | ARTICLES
    | set(PARTS)
    | set(ORDINAL_SCALES)
)


def _unit_heads() -> frozenset[str]:
    """The head nouns of units of measure and minor coins ("gallon", "miles", "penny"): after
    "a"/"an" they make an amount of one ("a gallon of milk"), so the gate lets them through."""
    not_one = set(GRAMMAR["units"]["not_one_after_article"])
    heads = set()
    words = [w for u in UNITS if u.get("kind", "quantity") == "quantity" for w in u["words"]]
    words += [w for spec in CURRENCIES.values() for w in spec.get("minor", []) if len(w) > 1]
    times = {w for u in UNITS if u.get("kind") == "duration" for w in u.get("words", [])}
    for w in words:
        parts = w.lower().split()
        head = parts[-1]
        if "per" in parts or not head.isalpha() or head in not_one or head in times:
            continue  # "barrels per day" is a rate, "kilowatt hour" read at its first word
        if len(head) < 3:
            continue
        heads.add(head)
        if not head.endswith("s"):
            heads.add(head + ("es" if head.endswith(("ch", "sh", "x")) else "s"))
    return frozenset(heads)


UNIT_HEADS = _unit_heads()
