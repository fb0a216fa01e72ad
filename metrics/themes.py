"""Themes: a taxonomy of news topics (a data file) matched against sentences.

Contract: ``load_taxonomy(path=None)`` -> ``Taxonomy``; ``match(text, taxonomy, offset)``
-> ``Hit`` rows (one per matched term occurrence); ``summarize(hits, taxonomy)`` ->
``ThemeScore`` rows, best first, used for sentences and whole documents alike.

Matching goes word by word: every term and its regular inflections (plural, -ed, -ing)
are surface forms in one dictionary, and a sentence is split into words; a word that
begins a form is extended over the following words while the text still begins some
form, and the longest form found wins. Building the dictionary takes milliseconds, where
rendering the forms as one regular expression took Python a third of a second to compile
per process. That character-trie regex remains as the reference the word matcher is
checked against (``regex_forms``) and serves a taxonomy whose forms begin or end with a
character that is not a letter, digit or underscore.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import compress
from pathlib import Path

DEFAULT_TAXONOMY = Path(__file__).parent / "data" / "themes.toml"

_SEP = "\x00"  # stands for a word gap inside a phrase: spaces and/or hyphens
_SEP_RE = r"[\s\-‐-―]+"
_GAP = re.compile(_SEP_RE)
_PIECES = re.compile(r"(\W+)")  # splits text into words and what stands between them
_ASCII_PIECES = re.compile(r"([^a-zA-Z0-9_]+)")  # the same for ASCII text, a little faster
_WORD_CHAR = re.compile(r"\w")
_NON_WORD = re.compile(r"\W")
_VOWELS = set("aeiou")
EXACT_MARK = "="  # a term written "=train" matches "train(s)" but not "training"
STRONG_WEIGHT = 2.0  # a theme's `strong` terms (unambiguous, central) count this much
WEAK_WEIGHT = 0.5  # a theme's `weak` terms (generic words many stories use) count this much
CONTEXT_WINDOW = 150  # a `context` term needs one of its cues within this many characters
ANY_TERM = "*"  # as a cue: any term of the same theme (one that needs no context) nearby


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    iptc: str
    terms: tuple[str, ...]
    strong: tuple[str, ...] = ()  # the subset of ``terms`` that counts STRONG_WEIGHT times
    weak: tuple[str, ...] = ()  # the subset of ``terms`` that counts WEAK_WEIGHT times
    # (term, cues): the term counts for this theme only with a cue nearby ("game" is sport
    # beside "season" or "coach", technology beside "console" or "video", else nothing)
    context: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(slots=True)
class Taxonomy:
    themes: list[Theme]
    source: str = "default"
    # phrases that are no theme's evidence: the words inside them are read in another
    # sense ("shared goals" is not sport, "virtual meeting" not technology)
    ignore: tuple[str, ...] = ()
    _forms: Forms | None = field(default=None, repr=False)
    _weights: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    _labels: dict[str, str] = field(default_factory=dict, repr=False)
    _order: dict[str, int] = field(default_factory=dict, repr=False)
    _cues: dict[tuple[str, str], re.Pattern | None] | None = field(default=None, repr=False)
    _any: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def label(self, theme_id: str) -> str:
        if not self._labels:
            self._labels = {t.id: t.label for t in self.themes}
        return self._labels.get(theme_id, theme_id)

    def order(self, theme_id: str) -> int:
        """Position of a theme in the taxonomy file (ties in ranking go to the earlier)."""
        return self.orders().get(theme_id, len(self._order))

    def orders(self) -> dict[str, int]:
        """theme id -> position in the taxonomy file (what ``order`` looks up)."""
        if not self._order:
            self._order = {t.id: i for i, t in enumerate(self.themes)}
        return self._order

    def __reduce__(self) -> tuple:
        """Pickle the themes only (process pools): the matcher is rebuilt on first use."""
        return (Taxonomy, (self.themes, self.source, self.ignore))

    def compiled(self) -> Forms:
        """The taxonomy's surface forms, indexed for matching, built once."""
        if self._forms is None:
            self._forms = _compile(self.themes, self.ignore)
        return self._forms

    def weight(self, theme_id: str, term: str) -> float:
        """How much one matched term counts for its theme: STRONG_WEIGHT, WEAK_WEIGHT or 1."""
        return self.weights().get((theme_id, term), 1.0)

    def weights(self) -> dict[tuple[str, str], float]:
        """(theme id, term) -> weight, for the terms that do not count 1 (what ``weight``
        looks up)."""
        if not self._weights and self.themes:
            self._weights = {(t.id, _display(s)): WEAK_WEIGHT
                             for t in self.themes for s in t.weak}
            self._weights.update({(t.id, _display(s)): STRONG_WEIGHT
                                  for t in self.themes for s in t.strong})
            self._weights[("", "")] = 1.0  # built, even when no theme has strong terms
        return self._weights

    def weak_terms(self) -> frozenset[tuple[str, str]]:
        """(theme id, term) of the weak terms: generic words ("mln", "dlrs") that alone do
        not make a document about their theme."""
        return frozenset(k for k, w in self.weights().items() if w == WEAK_WEIGHT)

    def cues(self) -> dict[tuple[str, str], re.Pattern | None]:
        """(theme id, term) -> regex of the cues the term needs nearby (``context``); the
        cue ``*`` (any other term of the theme) is checked on the hits instead."""
        if self._cues is None:
            self._cues = {(t.id, _display(term)): _cue_regex(words)
                          for t in self.themes for term, words in t.context}
            self._any = {(t.id, _display(term)) for t in self.themes
                         for term, words in t.context if ANY_TERM in words}
        return self._cues


@dataclass(frozen=True, slots=True)
class Hit:
    theme: str
    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ThemeScore:
    theme: str
    label: str
    hits: int
    share: float
    terms: tuple[str, ...]
    score: float = 0.0  # rank score: sum over matched terms of (1 + ln occurrences) * weight


Pairs = tuple[tuple[str, str], ...]  # the (theme id, term) pairs a surface form stands for


@dataclass(frozen=True, slots=True)
class Forms:
    """A taxonomy's surface forms, indexed for matching word by word.

    Keys are lower case with every word gap written as _SEP; a word is a run of word
    characters (letters, digits, underscore), as the regex's word boundaries see them.
    """

    lookup: dict[str, Pairs]  # surface form -> its (theme, term) pairs; () for ignored
    heads: frozenset[str]  # the first word of every form
    longer: frozenset[str]  # every proper beginning of a form that ends on a word
    pattern: re.Pattern | None = None  # the character-trie regex, when the words cannot
    # read every form (one begins or ends with a character that is not \w)
    follow: dict[str, frozenset[str]] = field(default_factory=dict)  # first word of a
    # form of several words -> the second words of such forms (most tries stop there)


# --- loading -----------------------------------------------------------------------------


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read a taxonomy TOML file (the bundled default when ``path`` is None).

    Layout: one ``[themes.<id>]`` table per theme with ``label`` (text), ``iptc`` (the
    IPTC Media Topic code, optional), ``terms`` (words/phrases) and optionally ``strong``
    (terms that on their own mark the theme; they count double), ``weak`` (generic words
    that count half) and a ``[themes.<id>.context]`` table (term = [cues]: the term counts
    only with a cue within CONTEXT_WINDOW characters). Raises ValueError naming the file
    and the problem when the file is malformed.
    """
    p = Path(path) if path else DEFAULT_TAXONOMY
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ValueError(f"taxonomy file {p}: cannot be read ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise ValueError(f"taxonomy file {p}: not UTF-8 text ({e.reason})") from e
    return parse_taxonomy(raw, str(p))


def parse_taxonomy(raw: str, name: str = "taxonomy.toml") -> Taxonomy:
    """A taxonomy from TOML text (e.g. an uploaded file); ``name`` appears in errors."""
    p = Path(name)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"taxonomy file {p}: not valid TOML ({e})") from e
    themes = [_theme(p, tid, spec) for tid, spec in _themes_table(p, data).items()]
    return Taxonomy(themes, source=name, ignore=_ignore(p, data))


def _ignore(p: Path, data: dict) -> tuple[str, ...]:
    """The ``[ignore] phrases`` list: phrases whose words count for no theme."""
    table = data.get("ignore", {})
    phrases = table.get("phrases", []) if isinstance(table, dict) else None
    if not isinstance(phrases, list) or not all(
            isinstance(t, str) and _word_part(t) for t in phrases):
        raise ValueError(f"taxonomy file {p}: [ignore] 'phrases' must be a list of "
                         "non-empty strings")
    return tuple(t.strip() for t in phrases)


def _themes_table(p: Path, data: dict) -> dict:
    table = data.get("themes")
    if not isinstance(table, dict) or not table:
        raise ValueError(f"taxonomy file {p}: needs at least one [themes.<id>] table")
    return table


def _theme(p: Path, tid: str, spec: object) -> Theme:
    where = f"taxonomy file {p}: theme {tid!r}"
    if not isinstance(spec, dict):
        raise ValueError(f"{where} must be a table ([themes.{tid}])")
    label, iptc = spec.get("label", tid), spec.get("iptc", "")
    terms, strong = spec.get("terms", []), spec.get("strong", [])
    weak = spec.get("weak", [])
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"{where}: 'label' must be a non-empty string")
    if not isinstance(iptc, str | int):
        raise ValueError(f"{where}: 'iptc' must be a string such as \"medtop:04000000\"")
    if (not all(isinstance(x, list) for x in (terms, strong, weak))
            or not terms + strong + weak):
        raise ValueError(f"{where}: 'terms' must be a non-empty list of strings")
    bad = [t for t in terms + strong + weak if not isinstance(t, str) or not _word_part(t)]
    if bad:
        raise ValueError(f"{where}: every term must be a non-empty string; got {bad[0]!r}")
    strong, weak = [t.strip() for t in strong], [t.strip() for t in weak]
    every = strong + [t.strip() for t in terms] + weak
    return Theme(tid, label.strip(), str(iptc), tuple(every), tuple(strong), tuple(weak),
                 _context(where, spec.get("context", {}), every))


def _context(where: str, table: object, terms: list[str]
             ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The theme's ``context`` table: term -> cues, each term one of the theme's own."""
    if not isinstance(table, dict):
        raise ValueError(f"{where}: 'context' must be a table of term = [cue, ...]")
    listed = {_word_part(t): _display(t) for t in terms}
    out = []
    for term, cues in table.items():
        if _word_part(term) not in listed:
            raise ValueError(f"{where}: context term {term!r} is not one of its terms")
        if (not isinstance(cues, list) or not cues
                or not all(isinstance(c, str) and _word_part(c) for c in cues)):
            raise ValueError(f"{where}: context {term!r} must be a non-empty list of cues")
        out.append((listed[_word_part(term)], tuple(c.strip() for c in cues)))
    return tuple(out)


# --- compiling ---------------------------------------------------------------------------


@cache
def _word_part(term: str) -> str:
    """The term normalised for matching: lower case, gaps as _SEP, marker removed (cached:
    validating and compiling a taxonomy ask for each term's several times)."""
    core = term.strip().lstrip(EXACT_MARK).strip().lower()
    return _SEP.join(w for w in _GAP.split(core) if w)


def _display(term: str) -> str:
    return term.strip().lstrip(EXACT_MARK).strip()


def inflections(word: str, verbs: bool = True) -> set[str]:
    """Regular English inflections of a (last) word: plural/3rd person, -ed, -ing.

    Cheap rules rather than a lemmatiser (which would need downloaded data). Spurious
    forms are harmless: they simply never occur in text.
    """
    forms = {word}
    if not word[-1:].isalpha():
        return forms
    cons_y = len(word) > 2 and word.endswith("y") and word[-2] not in _VOWELS
    if cons_y:
        forms.add(word[:-1] + "ies")
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    if word.endswith("man"):
        forms.add(word[:-3] + "men")
    if word.endswith("sis"):
        forms.add(word[:-3] + "ses")
    if not verbs:
        return forms
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif cons_y:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if (len(word) >= 3 and word[-1] not in _VOWELS | set("wxy")
                and word[-2] in _VOWELS and word[-3] not in _VOWELS):
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # ban -> banned
    return forms


def surface_forms(term: str) -> set[str]:
    """Every normalised surface form a term matches (its last word inflected)."""
    return _forms_of(_word_part(term), _inflects_verbs(term))


def _inflects_verbs(term: str) -> bool:
    """Whether a term takes verb endings too ("train" -> "training"; not "=train")."""
    return not term.strip().startswith(EXACT_MARK)


def _forms_of(core: str, verbs: bool) -> set[str]:
    """The forms of a normalised term ``core``: its last word inflected (see ``inflections``)."""
    head, sep, last = core.rpartition(_SEP)
    return {head + sep + f for f in inflections(last, verbs)}


def _compile(themes: list[Theme], ignore: tuple[str, ...] = ()) -> Forms:
    """Every surface form of the taxonomy mapped to its (theme, term) pairs, indexed."""
    lookup = _lookup(themes, ignore)
    if all(_WORD_CHAR.match(f) and _WORD_CHAR.match(f, len(f) - 1) for f in lookup):
        return _word_index(lookup)
    return Forms(lookup, frozenset(), frozenset(), _trie_pattern(lookup))


def regex_forms(taxonomy: Taxonomy) -> Forms:
    """The taxonomy's forms matched by the character-trie regex only: the plain reference
    the word matcher must agree with (tests, ``benchmarks/check_themes.py``). Slow to build:
    Python compiles the regex in about a third of a second."""
    lookup = taxonomy.compiled().lookup
    return Forms(lookup, frozenset(), frozenset(), _trie_pattern(lookup))


def _lookup(themes: list[Theme], ignore: tuple[str, ...]) -> dict[str, Pairs]:
    """Surface form -> ((theme, term), ...): written terms first, then inflections."""
    written: dict[str, list[tuple[str, str]]] = defaultdict(list)
    inflected: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for theme in themes:
        for term in theme.terms:
            core, pair = _word_part(term), (theme.id, _display(term))
            written[core].append(pair)
            for form in _forms_of(core, _inflects_verbs(term)):
                if form != core:
                    inflected[form].append(pair)
    # A form written as a term belongs to that term only ("training" listed under
    # education is not also an inflection of transport's "train").
    lookup = {f: tuple(dict.fromkeys(v)) for f, v in inflected.items() if f not in written}
    lookup.update({f: tuple(dict.fromkeys(v)) for f, v in written.items()})
    # An ignored phrase matches like a term (longest match wins) but names no theme, so
    # the words inside it are not read as evidence.
    lookup.update(dict.fromkeys(set().union(*map(surface_forms, ignore)), ()))
    return lookup


def _word_index(lookup: dict[str, Pairs]) -> Forms:
    """Index forms that begin and end with a word character by their words: the first
    word of each, the second words that may follow it, and each beginning that stops
    after a word (where a match may go on)."""
    heads = set()
    follow: dict[str, set[str]] = {}
    longer = set()
    for form in lookup:
        if form.isalnum() or not _NON_WORD.search(form):  # one word: most forms
            heads.add(form)
            continue
        pieces = _PIECES.split(form)  # word, between, word, ...
        heads.add(pieces[0])
        follow.setdefault(pieces[0], set()).add(pieces[2])
        for end in range(1, len(pieces) - 1, 2):
            longer.add("".join(pieces[:end]))
    nexts = {w: frozenset(n) for w, n in follow.items()}
    return Forms(lookup, frozenset(heads), frozenset(longer), follow=nexts)


def _trie_pattern(lookup: dict[str, Pairs]) -> re.Pattern:
    """All forms as one regex: a character trie, tried on word boundaries."""
    if not lookup:
        return re.compile(r"(?!x)x")
    body = _trie_regex(sorted(lookup))
    # "\b" is much faster than a look-behind and means the same before a word character.
    start = r"\b" if all(f[0].isalnum() or f[0] == "_" for f in lookup) else r"(?<!\w)"
    # Positions where no form starts are rejected by one character-class test.
    firsts = "(?=[" + "".join(sorted({re.escape(f[0]) for f in lookup})) + "])"
    return re.compile(start + firsts + body + r"(?!\w)")


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern | None:
    """One regex finding any cue (with its inflections) on word boundaries."""
    words = [c for c in cues if c != ANY_TERM]
    if not words:
        return None
    forms = sorted(set().union(*map(surface_forms, words)))
    return re.compile(r"(?<!\w)" + _trie_regex(forms) + r"(?!\w)")


def _trie_regex(words: list[str]) -> str:
    """Render words as a regex that branches character by character (longest first)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def render(node: dict) -> str:
        # a chain of nodes with one child and no word ending is a run of atoms: walked,
        # not recursed into (the same text as rendering each node)
        chain = []
        keys = [k for k in node if k]
        while len(keys) == 1 and "" not in node:
            chain.append(_atom(keys[0]))
            node = node[keys[0]]
            keys = [k for k in node if k]
        if not keys:
            return "".join(chain)
        branches = [_atom(ch) + render(node[ch]) for ch in sorted(keys)]
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            alt = alt + "?" if len(branches) == 1 and _single_atom(alt) else f"(?:{alt})?"
        return "".join(chain) + alt

    return render(trie)


@cache
def _atom(ch: str) -> str:
    return _SEP_RE if ch == _SEP else re.escape(ch)


def _single_atom(rx: str) -> bool:
    return len(rx) == 1 or (len(rx) == 2 and rx[0] == "\\")


# --- matching ----------------------------------------------------------------------------


def match(text: str, taxonomy: Taxonomy, offset: int = 0) -> list[Hit]:
    """Every taxonomy term occurring in ``text`` on word boundaries, with its inflections.

    Offsets are ``offset`` + the position in ``text`` (the pipeline passes the sentence
    start so spans index the document). Longest match wins at a position, so "prime
    minister" is one hit, not also "minister".
    """
    return _match(text, taxonomy, taxonomy.compiled(), offset)


def _match(text: str, taxonomy: Taxonomy, forms: Forms, offset: int = 0) -> list[Hit]:
    """``match`` with the given forms (the word index, or the reference regex)."""
    cues = taxonomy.cues()
    low = text.lower()
    if len(low) != len(text):  # rare characters whose lower case is longer: keep offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    hits = []
    pending = []  # context terms whose cue is "any other term of the theme"
    for start, end, pairs in _spans(forms, low):
        for pair in pairs:
            if cues and pair in cues:
                cue = cues[pair]
                if not (cue is not None and _cued(cue, low, start, end)):
                    if pair in taxonomy._any:
                        pending.append(Hit(pair[0], pair[1], start + offset, end + offset))
                    continue
            hits.append(Hit(pair[0], pair[1], start + offset, end + offset))
    if pending:
        hits = _with_company(hits, pending, cues)
    return hits


def _spans(forms: Forms, low: str) -> list[tuple[int, int, Pairs]]:
    """(start, end, pairs) of each form found in ``low``, left to right, the longest at a
    position, never overlapping: what the character-trie regex's ``finditer`` finds."""
    if forms.pattern is not None:
        return _regex_spans(forms.pattern, forms.lookup, low)
    return _word_spans(forms, low)


def _regex_spans(pattern: re.Pattern, lookup: dict[str, Pairs], low: str
                 ) -> list[tuple[int, int, Pairs]]:
    out = []
    for m in pattern.finditer(low):
        s = m.group()
        # a form is its own key unless it spans a word gap (keys write gaps as _SEP)
        pairs = lookup.get(s)
        if pairs is None:
            pairs = lookup.get(_GAP.sub(_SEP, s), ())
        out.append((m.start(), m.end(), pairs))
    return out


def _word_spans(forms: Forms, low: str) -> list[tuple[int, int, Pairs]]:
    """The word walk: a match starts where a word starts and ends where a word ends, as
    the regex's word boundaries allow, so only words that begin a form are tried."""
    # word, between, word, ..., word (words may be "")
    pieces = (_ASCII_PIECES if low.isascii() else _PIECES).split(low)
    words = pieces[::2]
    words.append("")  # the word after the last: none
    lookup, follow = forms.lookup, forms.follow
    out = []
    skip = at = pos = 0  # pos: the offset where pieces[at] starts
    for k in compress(range(len(words)), map(forms.heads.__contains__, words)):
        if k < skip:  # inside the last match
            continue
        key = words[k]
        i = 2 * k
        end = i + 1  # pieces[i:end] is the match
        if words[k + 1] in follow.get(key, ()):
            end, key = _extend(pieces, i, key, lookup, forms.longer)
            if not key:
                continue
            skip = (end + 1) // 2
        elif key not in lookup:  # only the first word of longer forms
            continue
        pos += len("".join(pieces[at:i]))
        at = i
        out.append((pos, pos + len("".join(pieces[i:end])), lookup[key]))
    return out


def _extend(pieces: list[str], i: int, key: str, lookup: dict[str, Pairs],
            longer: frozenset[str]) -> tuple[int, str]:
    """The longest form starting with word pieces[i] (whose text is ``key``), as (end
    piece, form), or (_, "") when none: gaps between words read as _SEP."""
    best = key if key in lookup else ""
    end = j = i + 1  # pieces[j] stands between the last word read and the next
    while key in longer and j + 1 < len(pieces):
        between = pieces[j]
        if _SEP in between:  # the text's own NUL, not a gap: no form goes on over it
            break
        key = key + _GAP.sub(_SEP, between) + pieces[j + 1]
        j += 2
        if key in lookup:
            best, end = key, j
    return end, best


def _cued(cue: re.Pattern, low: str, start: int, end: int) -> bool:
    """Whether a cue occurs within CONTEXT_WINDOW characters of low[start:end]."""
    return bool(cue.search(low, max(0, start - CONTEXT_WINDOW), start)
                or cue.search(low, end, end + CONTEXT_WINDOW))


def _with_company(hits: list[Hit], pending: list[Hit], cues: dict) -> list[Hit]:
    """``hits`` plus each pending hit that has a context-free term of its own theme
    within CONTEXT_WINDOW characters, in text order."""
    anchors = [h for h in hits if (h.theme, h.term) not in cues]
    kept = [p for p in pending
            if any(a.theme == p.theme and a.start < p.end + CONTEXT_WINDOW
                   and a.end > p.start - CONTEXT_WINDOW for a in anchors)]
    return sorted(hits + kept, key=lambda h: h.start) if kept else hits


def summarize(hits: list[Hit], taxonomy: Taxonomy) -> list[ThemeScore]:
    """Themes ranked best first, with hits, share of all hits and the terms matched.

    The rank uses ``score``: each distinct term adds 1 + ln(its occurrences), times
    STRONG_WEIGHT for the theme's strong terms, so a theme backed by many different terms
    beats one word repeated (a story mentioning "game" twenty times is not thereby about
    sport). Ties go to more hits, then to the theme listed first in the taxonomy.
    """
    per_term, counts, scores = _tally(hits, taxonomy)
    terms: dict[str, list[str]] = {}
    for theme, term in per_term:
        terms.setdefault(theme, []).append(term)
    total = len(hits)
    return [
        ThemeScore(t, taxonomy.label(t), counts[t], counts[t] / total,
                   tuple(sorted(terms[t])), round(scores[t], 6))
        for t in _ranked(counts, scores, taxonomy)
    ]


def ranked_ids(hits: list[Hit], taxonomy: Taxonomy) -> list[str]:
    """The theme ids of ``summarize(hits, taxonomy)``, in the same order.

    The per-sentence fast path: no ``ThemeScore`` rows, and hits of a single theme (the
    common case) need no scoring at all.
    """
    if not hits:
        return []
    first = hits[0].theme
    if all(h.theme == first for h in hits):
        return [first]
    _, counts, scores = _tally(hits, taxonomy)
    return _ranked(counts, scores, taxonomy)


def _tally(hits: list[Hit], taxonomy: Taxonomy
           ) -> tuple[dict[tuple[str, str], int], dict[str, int], dict[str, float]]:
    """Occurrences per (theme, term), hits per theme and each theme's rank score."""
    per_term: dict[tuple[str, str], int] = {}
    for h in hits:
        key = (h.theme, h.term)
        per_term[key] = per_term.get(key, 0) + 1
    counts: dict[str, int] = {}
    scores: dict[str, float] = {}
    weight = taxonomy.weights().get
    for key, n in per_term.items():
        theme = key[0]
        counts[theme] = counts.get(theme, 0) + n
        gain = (1.0 + math.log(n) if n > 1 else 1.0) * weight(key, 1.0)
        scores[theme] = scores.get(theme, 0.0) + gain
    return per_term, counts, scores


def _ranked(counts: dict[str, int], scores: dict[str, float], taxonomy: Taxonomy) -> list[str]:
    """Theme ids best first: higher score, then more hits, then earlier in the taxonomy."""
    order = taxonomy.orders()
    last = len(order)
    return sorted(counts, key=lambda t: (-scores[t], -counts[t], order.get(t, last)))
