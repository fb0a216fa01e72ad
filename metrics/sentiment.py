"""Tone: TextBlob's PatternAnalyzer polarity (-1..1) and subjectivity (0..1), the default,
and the registry of the other analyzers (``ANALYZERS``, ``span_scorer``; ``vader-finance``
lives in ``metrics.vader_finance``).

``score`` is exactly ``TextBlob(text).sentiment``, what any TextBlob user gets; it needs
no NLTK data. Aggregates (per document, per theme) are computed from sentence scores.

``score_spans`` scores every sentence of a document *and* the whole text in one pass,
with results identical to calling ``score`` on each sentence and on the whole text, at
about the cost of the sentences alone. Why it is exact (see pattern's ``find_tokens``,
``Sentiment.__call__`` and ``Sentiment.assessments`` in ``textblob/_text.py``):

* Tokenising is local to whitespace-separated chunks (contraction and quote rewrites,
  punctuation splitting), except for two regex rewrites (emoticons, "(!)") that can join
  tokens. When neither regex matches anywhere in the space-joined token stream, the
  whole text's words are the sentences' words, concatenated, provided the sentences are
  separated by whitespace (a split inside "long?)They" would change the tokens). Both
  are checked per document; otherwise the whole text's words are found pattern's way
  (``_pattern_words``: its tokens, its sentence grouping, the rewrites per sentence), as
  are a sentence's when a rewrite matches in it.
* ``assessments`` is a left-to-right state machine; ``_assess`` is a line-by-line port of
  it that keeps only what the scores use. Its state (pending modifier, pending negation,
  last assessment) can cross a sentence boundary. A sentence's whole-text assessments
  equal its own when it starts with no pending modifier or negation and holds no "!";
  otherwise the machine is re-run from the carried state for that sentence.
* The score is the running sum of the assessments in order divided by their count, the
  same float operations in the same order as pattern's ``avg``.
* For speed, a document's sentences are tokenised in one call, joined by a NUL token
  (chunk-locality again); ``_tokens`` is pattern's tokenizer with a fast path for tokens
  that need no punctuation split (and a cache for those that do), and ``_assess`` skips
  unknown words while nothing is pending unless they are negations, "!" or emoticons.

The port follows textblob 0.20.1 (installed here); an upgrade that changed the algorithm would
fail the identity tests rather than drift silently.

``tests/test_sentiment.py`` checks the identity on the seeds, on BBC articles and on
random texts full of negations, modifiers, "!", emoticons and quotes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from xml.etree import ElementTree

from metrics.pattern import en as _pattern_en
from metrics.pattern import text as _pattern

_pattern_sentiment = _pattern_en.sentiment

_EOS = _pattern.EOS
_PUNCT = tuple(_pattern.PUNCTUATION.replace(".", ""))
_PUNCT_DOT = (*_PUNCT, ".")
_LEAD = frozenset(_PUNCT)
_TRAIL = frozenset(_PUNCT_DOT)
_REPLACE = _pattern.replacements
_ABBREVIATIONS = _pattern.ABBREVIATIONS
# pattern's three abbreviation regexes (initials, "U.S.", "Mr."), any of which may match
_ABBR = re.compile("|".join(f"(?:{rx.pattern})" for rx in
                            (_pattern.RE_ABBR1, _pattern.RE_ABBR2, _pattern.RE_ABBR3)))
_LINEBREAK = re.compile(r"\n{2,}")
_EMOTICONS = _pattern.RE_EMOTICONS
_SARCASM = _pattern.RE_SARCASM
_SEP = "\x00"
_SENTENCE_END = frozenset(("...", ".", "!", "?", _EOS))
_SENTENCE_CLOSE = frozenset(("'", '"', "”", "’", "...", ".", "!", "?", ")", _EOS))

Score = tuple[float, float]
SpanScorer = Callable[[str, Sequence[tuple[int, int]], int], tuple[list[Score], Score]]

# The tone analyzers ``metrics.analyze(..., sentiment=NAME)`` offers: TextBlob is the
# default and stays exactly TextBlob; the others need an extra (``available``).
DEFAULT = "textblob"
ANALYZERS = {
    "textblob": "TextBlob's PatternAnalyzer (the default)",
    "vader-finance": "VADER with the Loughran-McDonald finance words and directional "
                     "expressions ('profit rose', 'losses narrowed'); the tone extra",
}
# Agreement of each analyzer with labelled sentences, written by
# ``benchmarks/eval_sentiment.py --write`` (outside data/: it is no input of the analysis).
AGREEMENT_FILE = Path(__file__).resolve().parent / "results" / "sentiment_agreement.json"


def check(name: str | None) -> str:
    """The analyzer's name (None: the default); ValueError for an unknown one,
    ImportError naming the extra when its packages are missing."""
    name = (name or DEFAULT).strip().lower()
    if name not in ANALYZERS:
        raise ValueError(f"unknown sentiment analyzer {name!r} "
                         f"(choose from {', '.join(ANALYZERS)})")
    if name == "vader-finance":
        from metrics import vader_finance

        vader_finance.require()
    return name


def available(name: str) -> bool:
    """True when the analyzer ``name`` can run here (its packages are installed)."""
    try:
        check(name)
    except (ValueError, ImportError):
        return False
    return True


def span_scorer(name: str | None = None) -> SpanScorer:
    """``score_spans`` of the analyzer ``name`` (see ``check``)."""
    if check(name) == "vader-finance":
        from metrics import vader_finance

        return vader_finance.score_spans
    return score_spans


def agreement() -> dict:
    """The committed agreement figures (``AGREEMENT_FILE``); {} when absent or unreadable."""
    try:
        return json.loads(AGREEMENT_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def score(text: str, analyzer: str | None = None) -> Score:
    """(polarity, subjectivity) of ``text``; with the default analyzer identical to
    ``TextBlob(text).sentiment``."""
    if analyzer is not None and check(analyzer) == "vader-finance":
        from metrics import vader_finance

        return vader_finance.score(text)
    polarity, subjectivity = _pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def score_spans(
    text: str, spans: Sequence[tuple[int, int]], start: int = 0
) -> tuple[list[Score], Score]:
    """Scores of each ``text[a:b]`` span and of ``text[start:]``, in one pass.

    Identical to ``[score(text[a:b]) for a, b in spans], score(text[start:])``; ``spans``
    are sorted, non-overlapping sentence spans inside ``text[start:]``.
    """
    sentence_scores: list[Score] = []
    doc: list[list] = []
    m = n = None
    parts, stream = _span_tokens(text, spans)
    rewrites = _rewrites(stream)
    exact = not rewrites
    pos = start
    for k, ((a, b), part) in enumerate(zip(spans, parts, strict=True)):
        # a span must start the text or follow whitespace: tokens never straddle it
        if exact and (a < pos or ((a > pos or k) and not text[pos:a].isspace())):
            exact = False
        pos = b
        # lower-casing the joined tokens lowers each one (a space ends a final-sigma context)
        words = _words(text[a:b], part.split()) if rewrites else part.lower().split()
        own: list[list] = []
        end_m, end_n = _assess(words, own, None, None)
        sentence_scores.append(_average(own))
        if not exact:
            continue
        if m is None and n is None and "!" not in words:
            doc.extend(own)
            m, n = end_m, end_n
        else:
            if doc:
                doc[-1] = list(doc[-1])  # the carried state may change it: keep `own` intact
            m, n = _assess(words, doc, m, n)
    if exact and pos < len(text) and not text[pos:].isspace():
        exact = False
    if not exact:
        doc = []
        _assess(_pattern_words(text[start:]), doc, None, None)
    return sentence_scores, _average(doc)


def weighted_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    """Mean of ``values`` weighted by ``weights`` (e.g. sentence lengths); 0.0 when empty."""
    total = sum(weights)
    if not total:
        return 0.0
    return sum(v * w for v, w in zip(values, weights, strict=True)) / total


# --- exact port of pattern's tokenizer and assessments ----------------------------------


def _tokens(string: str) -> list[str]:
    """pattern's ``find_tokens`` up to its token list (before sentence grouping).

    pattern's contraction patterns are plain strings (``re.sub`` = ``str.replace``), and
    collapsing whitespace then taking ``(\\S+)\\s`` tokens is ``str.split()`` (both use
    Python's notion of whitespace)."""
    if "'" in string:  # every contraction holds an apostrophe
        for a, b in _REPLACE.items():
            string = string.replace(a, b)
    string = (
        string.replace("“", " “ ")
        .replace("”", " ” ")
        .replace("‘", " ‘ ")
        .replace("’", " ’ ")
        .replace("'", " ' ")
        .replace('"', ' " ')
        .replace("\r\n", "\n")
    )
    if "\n\n" in string:
        string = _LINEBREAK.sub(f" {_EOS} ", string)
    tokens: list[str] = []
    append = tokens.append
    for t in string.split():
        if t[0] in _LEAD or t[-1] in _TRAIL:
            tokens.extend(_split_punctuation(t))
        else:
            append(t)  # nothing to split: the common case
    return tokens


@lru_cache(maxsize=1 << 16)
def _split_punctuation(t: str) -> tuple[str, ...]:
    """pattern's split of one whitespace-free chunk into leading punctuation, the word
    (unless emptied) and trailing punctuation, periods and ellipses."""
    lead = []
    tail = []
    while t.startswith(_PUNCT) and t not in _REPLACE:
        lead.append(t[0])
        t = t[1:]
    while t.endswith(_PUNCT_DOT) and t not in _REPLACE:
        if t.endswith(_PUNCT):
            tail.append(t[-1])
            t = t[:-1]
        if t.endswith("..."):
            tail.append("...")
            t = t[:-3].rstrip(".")
        if t.endswith("."):
            if t in _ABBREVIATIONS or _ABBR.match(t) is not None:
                break
            tail.append(t[-1])
            t = t[:-1]
    if t != "":
        lead.append(t)
    return (*lead, *reversed(tail))


def _span_tokens(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[str], str]:
    """``_tokens`` of each span without sentence marks, space-joined, and all of them
    space-joined, from one tokenizer pass: the spans are joined by a NUL token, which no
    rewrite touches (tokenizing is chunk-local)."""
    if not spans:
        return [], ""
    tokens = None if _SEP in text else _tokens(f" {_SEP} ".join(text[a:b] for a, b in spans))
    if tokens is not None and _EOS not in tokens:
        flat = " ".join(tokens)
        parts = flat.split(f" {_SEP} ")
        if len(parts) == len(spans):
            return parts, flat.replace(f" {_SEP}", "")
    out = [" ".join(t for t in _tokens(text[a:b]) if t != _EOS) for a, b in spans]
    return out, " ".join(p for p in out if p)


def _words(sentence: str, tokens: list[str]) -> list[str]:
    """The lower-cased words ``Sentiment`` assesses in ``sentence`` (its ``tokens``)."""
    joined = " ".join(tokens)
    if _rewrites(joined):
        return _pattern_words(sentence)  # a rewrite may join tokens
    return [w.lower() for w in tokens]


def _rewrites(tokens: str) -> bool:
    """Would pattern rewrite (join) anything in these space-joined tokens?"""
    return _HAS_EMOTICON.search(tokens) is not None or _SARCASM.search(tokens) is not None


def _emoticon_finder() -> re.Pattern:
    """A regex matching where pattern's ``RE_EMOTICONS`` does (the same emoticons, each
    character optionally followed by a space, then the end or a space), written as a
    character trie: pattern's plain list of ~90 alternatives is tried at every "o", "x"
    or ":" of the text, the trie stops at the first character that fits no emoticon."""
    trie: dict = {}
    for faces in _pattern.EMOTICONS.values():
        for face in faces:
            node = trie
            for ch in face:
                node = node.setdefault(ch, {})
            node[""] = {}

    def render(node: dict) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            child = node[ch]
            if set(child) == {""}:
                branches.append(re.escape(ch))
            elif "" in child:
                branches.append(f"{re.escape(ch)}(?: ?{render(child)})?")
            else:
                branches.append(f"{re.escape(ch)} ?{render(child)}")
        return "(?:" + "|".join(branches) + ")"

    return re.compile(render(trie) + r"(?:$|\s)")


_HAS_EMOTICON = _emoticon_finder()


def _pattern_words(string: str) -> list[str]:
    """The lower-cased words ``Sentiment`` assesses in ``string``, the slow exact way:
    pattern's tokens grouped into its sentences, each rewritten for sarcasm ("(!)") and
    emoticons (": )" -> ":)"), then split."""
    words: list[str] = []
    for sentence in _pattern_sentences(_tokens(string)):
        sentence = _SARCASM.sub("(!)", " ".join(sentence))
        sentence = _EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), sentence)
        words.extend(w.lower() for w in sentence.split())
    return words


def _pattern_sentences(tokens: list[str]) -> list[list[str]]:
    """pattern's grouping of ``find_tokens``' tokens into sentences, line by line (its
    quote-balance test counts in the sentence not yet filled, as pattern's does)."""
    sentences: list[list[str]] = [[]]
    i = j = 0
    while j < len(tokens):
        if tokens[j] in _SENTENCE_END:
            while j < len(tokens) and tokens[j] in _SENTENCE_CLOSE:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break  # balanced quotes
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    return [s for s in sentences if s]


@cache
def _lexicon() -> tuple[dict[str, tuple[float, float, float, bool]], frozenset[str]]:
    """word -> (polarity, subjectivity, intensity, is_modifier): pattern's lexicon file
    averaged as ``Sentiment.load`` averages it (the senses of each part of speech, then the
    parts of speech), read without the synsets and labels that load also builds and the
    tone never uses: in half its time, at every start of a process."""
    root = ElementTree.parse(_pattern_sentiment._path).getroot()
    senses: dict[str, dict[str | None, list[tuple[float, float, float]]]] = {}
    for w in root.iter("word"):
        get = w.attrib.get
        form = get("form")
        if form:
            psi = (float(get("polarity", 0.0)), float(get("subjectivity", 0.0)),
                   float(get("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(get("pos"), []).append(psi)
    words: dict[str, dict[str | None, tuple[float, ...]]] = {}
    for form, by_pos in senses.items():
        means = {pos: tuple(map(_pattern.avg, zip(*psi, strict=True)))
                 for pos, psi in by_pos.items()}
        means[None] = tuple(map(_pattern.avg, zip(*means.values(), strict=True)))
        words[form] = means
    for form, means in list(words.items()):  # textblob.en's adverbs: "terrible" -> "terribly"
        if "JJ" in means:
            stem = form[:-1] + "i" if form.endswith("y") else form
            stem = stem[:-2] if stem.endswith("le") else stem
            adverb = words.setdefault(stem + "ly", {})
            adverb["RB"] = adverb[None] = means["JJ"]
    modifiers = _pattern_sentiment.modifiers
    lex = {form: (*means[None], any(map(means.__contains__, modifiers)))
           for form, means in words.items()}
    return lex, frozenset(_pattern_sentiment.negations)


@cache
def _emoticons() -> dict[str, float]:
    out: dict[str, float] = {}
    for (_type, p), faces in _pattern.EMOTICONS.items():
        for face in faces:
            out.setdefault(face.lower(), p)
    return out


@cache
def _acting_words() -> dict[str, tuple]:
    """What ``_assess`` looks a word up in: the lexicon's entries, and ``()`` for the
    words outside it that act with no modifier or negation pending (negations, "!",
    "(!)" and the emoticons it looks up). Any other word only ends a pending state."""
    lex, negations = _lexicon()
    punctuation = _pattern.PUNCTUATION
    faces = {w for w in _emoticons()
             if not w.isalpha() and len(w) <= 5 and w not in punctuation}
    acting: dict[str, tuple] = dict.fromkeys(negations | {"!", "(!)"} | faces, ())
    acting.update(lex)
    return acting


def _assess(
    words: list[str], a: list[list], m: str | None, n: str | None
) -> tuple[str | None, str | None]:
    """pattern's ``Sentiment.assessments`` (string input, negation on), appending
    ``[polarity, subjectivity, intensity, negated]`` records to ``a``; returns the
    state left pending (modifier, negation)."""
    emoticons = _emoticons()
    punctuation = _pattern.PUNCTUATION
    negations = _lexicon()[1]
    acting = _acting_words()
    for w in words:
        entry = acting.get(w)
        if entry is None and m is None and n is None:
            continue  # most words: unknown, nothing pending, nothing to do
        if entry:  # a lexicon word
            p, s, i, is_mod = entry
            if m is None:
                a.append([p, s, i, 1])
            else:
                r = a[-1]
                r[0] = max(-1.0, min(p * r[2], +1.0))
                r[1] = max(-1.0, min(s * r[2], +1.0))
                r[2] = i
            if n is not None:
                r = a[-1]
                r[2] = 1.0 / r[2]
                r[3] = -1
            m = w if is_mod else None
            n = w if w in negations else None
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and m.endswith("ly"):
                a[-1][3] = -1
                n = None
            elif m and len(w) > 2:
                m = None
            if w == "!" and a:
                r = a[-1]
                r[0] = max(-1.0, min(r[0] * 1.25, +1.0))
            if w == "(!)":
                a.append([0.0, 1.0, 1.0, 1])
            if not w.isalpha() and len(w) <= 5 and w not in punctuation:
                p = emoticons.get(w)
                if p is not None:
                    a.append([p, 1.0, 1.0, 1])
    return m, n


def _average(a: list[list]) -> Score:
    """pattern's ``avg`` over the assessments: running sums, in order."""
    sp = ss = 0
    for p, s, _i, neg in a:
        sp += p * -0.5 if neg < 0 else p
        ss += s
    count = float(len(a) or 1)
    return float(sp / count), float(ss / count)
